"""Clause links: a sentence left one-sided that restates part of a linked one.

The reading-order programme links a segment once, to a neighbour of about its length.
Two outlets also split and join statements: one long sentence holds the other's
statement as one of its clauses, a lead sums up two later sentences.  After the
alignment, each sentence still one-sided is matched against the other side's sentences
near where the links around it stand (and within reach) that share a bigram or a figure
with it; the likeliest pair whose statement probability reaches the model's ``clause`` level is
linked, best first:

* both still one-sided, each the other's likeliest partner: a new 1:1 link;
* the other segment alone on its side of a link carried on content: the one-sided
  segment joins that link (up to ``MAX_GROUP`` on its side), an n:1 link whose only new
  sentence pairs are the ones found.

:func:`matching_clause` finds, in the longer of two linked segments, the clause that
holds the other's statement, for the report to highlight.

Only sentences take part: a heading or caption (headline, byline, photo credit) states
no event for a clause to restate, and it is where a layout glues a line to what follows
(a credit and the next paragraph's first sentence in one segment), so a clause link
there would claim the glued, one-sided sentence linked.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .content import ContentScorer
from .dp import MAX_GROUP, Group
from .order import Diagonal
from .scorer import matching_key
from .statement import bigrams

# How far (in segments) from where the links around it put a one-sided segment its clause
# partner is looked for: about a news report's length either way.
WINDOW = 20
# Where a sentence splits into clauses (in its normalized text).
_CLAUSE_END = re.compile(r"[,;:，；：、。！？!?]")


def link_clauses(scorer: ContentScorer, diagonal: Diagonal, groups: list[Group],
                 sentences: tuple[list[bool], list[bool]]) -> tuple[list[Group], set[Group]]:
    """The groups with one-sided sentences (``sentences`` flags them) linked by clause (see the module docstring), and
    the links a clause made or grew.  Every choice is made against the alignment as it
    stood before the pass, with ties broken by nearness to the diagonal, so that swapping
    the inputs swaps the answer."""
    groups = list(groups)
    owner = ({i: g for g, (ia, _) in enumerate(groups) for i in ia},
             {j: g for g, (_, ib) in enumerate(groups) for j in ib})
    best: dict[tuple[int, int], tuple] = {}  # (side, one-sided segment) → (rank, partner)
    for i, j in _candidates(scorer, sentences, owner, groups):
        probability = scorer.probability(i, j)
        if probability >= scorer.model.clause:
            for side, k, partner in ((0, i, j), (1, j, i)):
                if k in owner[side]:
                    continue
                rank = (-probability, diagonal.offset(i, j), partner)
                current = best.get((side, k))
                if current is None or rank < current[0]:
                    best[(side, k)] = (rank, partner)
    joiners: dict[int, list] = {}
    made: list[Group] = []
    for (side, k), (rank, partner) in best.items():
        g = owner[1 - side].get(partner)
        if g is None:
            if side == 0 and best.get((1, partner), (None, None))[1] == k:  # each the other's likeliest
                made.append(((k,), (partner,)))
        else:
            joiners.setdefault(g, []).append((rank[:2], k, side))
    grown = [_grow(groups, g, found) for g, found in sorted(joiners.items())]
    groups.extend(made)
    return groups, {*made, *(group for group in grown if group is not None)}


def _grow(groups: list[Group], g: int, found: list) -> Group | None:
    """Link ``g`` grown by the one-sided segments that found their partner in it, up to
    :data:`MAX_GROUP` on their side, likeliest first; none when they stand on both sides
    (a 1:1 link both of whose members were found: which side's sentences go with it is unclear)."""
    if len({side for *_, side in found}) > 1:
        return None
    side = found[0][2]
    members = groups[g][side]
    room = max(0, MAX_GROUP - len(members))
    added = tuple(k for _, k, _ in sorted(found)[:room])
    if not added:
        return None
    grown = tuple(sorted(members + added))
    groups[g] = (grown, groups[g][1]) if side == 0 else (groups[g][0], grown)
    return groups[g]


def _on_content(scorer: ContentScorer, groups: list[Group]) -> list[int]:
    """The links that may take a clause partner on a side where they hold one segment: those
    carried on content (two sentences that read alike leave no statement of theirs for a
    third one to make)."""
    return [g for g, group in enumerate(groups) if scorer.group(*group) <= scorer.threshold]


def _candidates(scorer: ContentScorer, sentences: tuple[list[bool], list[bool]],
                owner: tuple[dict[int, int], dict[int, int]], groups: list[Group]) -> set[tuple[int, int]]:
    """Pairs of sentences within reach, one of them one-sided, the other within :data:`WINDOW`
    segments of where the links around the one-sided one put it, sharing a bigram or a figure."""
    found: set[tuple[int, int]] = set()
    evidence = scorer.evidence
    all_keys = (scorer.keys_a, scorer.keys_b)
    on_content = _on_content(scorer, groups)
    for side in (0, 1):
        keys, owned = all_keys[side], owner[side]
        partners = _open_partners(all_keys[1 - side], sentences[1 - side], owner[1 - side],
                                  [g for g in on_content if len(groups[g][1 - side]) == 1])
        linked = sorted(owned)  # where the links so far reach: the last linked segment before
        for k, key in enumerate(keys):
            if not key or not sentences[side][k] or k in owned:
                continue
            before = bisect_left(linked, k)
            where = max(groups[owned[linked[before - 1]]][1 - side]) if before else 0
            for o in partners[bisect_left(partners, where - WINDOW):bisect_right(partners, where + WINDOW)]:
                pair = (k, o) if side == 0 else (o, k)
                if scorer.near(*pair) and evidence.shares(*pair):
                    found.add(pair)
    return found


def _open_partners(keys: list[str], sentences: list[bool], owned: dict[int, int], joinable: list[int]) -> list[int]:
    """The sentences of a side that may take a clause partner, in order: one-sided ones, and
    those alone on their side of a ``joinable`` link."""
    open_links = {-1, *joinable}  # -1: one-sided
    return [o for o, key in enumerate(keys) if key and sentences[o] and owned.get(o, -1) in open_links]


def matching_clause(longer: str, shorter_key: str) -> tuple[int, int]:
    """The span (in ``longer``, a normalized text) of the run of clauses most like
    ``shorter_key`` (Dice of their bigrams): the part of a long sentence that restates the
    other's statement."""
    wanted = bigrams(shorter_key)
    ends = [m.start() for m in _CLAUSE_END.finditer(longer)] + [len(longer)]
    starts = [0] + [end + 1 for end in ends[:-1]]
    best, best_span = -1.0, (0, len(longer))
    for first, start in enumerate(starts):
        for end in ends[first:]:
            grams = bigrams(matching_key(longer[start:end]))
            dice = 2 * len(grams & wanted) / (len(grams) + len(wanted) or 1)
            if dice > best:
                best, best_span = dice, (start, end)
    return best_span
