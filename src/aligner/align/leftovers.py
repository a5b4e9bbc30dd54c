"""Sentences the reading-order passes left over: moved content, neighbours that belong
to a link, and a lone name or byline on each side between the same two links.

What still stays unlinked after these is one-sided content.
"""

from __future__ import annotations

import heapq
from typing import Sequence

from .candidates import scored_candidates
from .dp import MAX_GROUP, Group
from .order import Diagonal
from .scorer import Indices, Scorer

# Content linked out of reading order has no position to vouch for it: ask more.
MOVED_MARGIN = 0.1
# A neighbour joins a link only when at least this share of it matches there.
ABSORB_MATCHED = 0.5
# A lone segment this short on each side between the same two links is one slot changed.
MAX_LONE_CHARS = 8


def link_moved(scorer: Scorer, threshold: float, diagonal: Diagonal, groups: list[Group]) -> list[Group]:
    """Link unlinked sentences across the whole document, best pair first, when similar enough."""
    keys_a, keys_b = scorer.keys_a, scorer.keys_b
    used_a = {i for ia, _ in groups for i in ia}
    used_b = {j for _, ib in groups for j in ib}
    rows = [i for i in range(len(keys_a)) if i not in used_a and keys_a[i]]
    cols = [j for j in range(len(keys_b)) if j not in used_b and keys_b[j]]
    pairs = sorted(scored_candidates(keys_a, keys_b, rows, cols, threshold), key=diagonal.preference)
    linked = []
    for i, j, score in pairs:
        if score >= threshold + MOVED_MARGIN and i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            linked.append(((i,), (j,)))
    return linked


def absorb_neighbours(scorer: Scorer, diagonal: Diagonal, groups: list[Group]) -> list[Group]:
    """Grow links by adjacent unlinked sentences that are mostly matched inside them.

    This is where different sentence boundaries meet: a clause cut off on
    one side, or a short sentence merged into a long one on the other.  The
    best growth anywhere is taken first (a neighbour two links could take
    goes to the one it fits best), which also keeps the answer the same
    when the inputs are swapped.
    """
    linked = ({i for ia, _ in groups for i in ia}, {j for _, ib in groups for j in ib})
    groups = list(groups)
    version = [0] * len(groups)
    heap: list = []
    # Identical links have nothing to gain: only the others are looked at.
    for g, (ia, ib) in enumerate(groups):
        if scorer.group(ia, ib) < 1.0:
            _push_growths(heap, scorer, diagonal, groups[g], g, version[g], linked)
    while heap:
        *_, g, side, k, seen = heapq.heappop(heap)
        if seen != version[g] or k in linked[side]:
            continue  # the link has grown since, or another link took the neighbour
        ia, ib = groups[g]
        groups[g] = (tuple(sorted(ia + (k,))), ib) if side == 0 else (ia, tuple(sorted(ib + (k,))))
        linked[side].add(k)
        version[g] += 1
        if scorer.group(*groups[g]) < 1.0:
            _push_growths(heap, scorer, diagonal, groups[g], g, version[g], linked)
    return groups


def _push_growths(heap: list, scorer: Scorer, diagonal: Diagonal, group: Group, g: int, version: int,
                  linked: tuple[set[int], set[int]]) -> None:
    """Push onto ``heap`` each neighbour of link ``g`` that would be matched enough inside it."""
    ia, ib = group
    before = _matched(scorer, ia, ib)
    for side, keys in ((0, scorer.keys_a), (1, scorer.keys_b)):
        members = group[side]
        if len(members) >= MAX_GROUP:
            continue
        for k in (members[0] - 1, members[-1] + 1):
            if 0 <= k < len(keys) and k not in linked[side] and keys[k]:
                grown = tuple(sorted(members + (k,)))
                after = _matched(scorer, grown, ib) if side == 0 else _matched(scorer, ia, grown)
                share = (after - before) / len(keys[k])
                if share >= ABSORB_MATCHED:
                    # Best share first; ties go to the link, then the neighbour, nearer the start.
                    heapq.heappush(heap, (-share, ia[0] / diagonal.n + ib[0] / diagonal.m, k / len(keys),
                                          g, side, k, version))


def _matched(scorer: Scorer, ia: Indices, ib: Indices) -> float:
    """About how many characters of the group match: similarity × mean length."""
    size = sum(len(scorer.keys_a[i]) for i in ia) + sum(len(scorer.keys_b[j]) for j in ib)
    return scorer.group(ia, ib) * size / 2


def link_lone_pairs(keys_a: list[str], keys_b: list[str], content_a: Sequence[bool], content_b: Sequence[bool],
                    groups: list[Group]) -> list[Group]:
    """Link the one unlinked content segment on each side between two links that
    follow each other on both sides, when both are short (MAX_LONE_CHARS): a name
    or a byline in the same place, changed (张江 / 小Ａ), though no character says so.

    Longer segments need their characters to vouch for them: in one place, a
    sentence deleted and another inserted are not one sentence changed.
    """
    ordered = sorted(groups)
    slots = []
    for (ia, ib), (next_a, next_b) in zip(ordered, ordered[1:]):
        # Most links follow each other with nothing between: skipped at once.
        if next_a[0] - ia[-1] < 2 or next_b[0] - ib[-1] < 2:
            continue
        between = ([i for i in range(ia[-1] + 1, next_a[0]) if content_a[i]],
                   [j for j in range(ib[-1] + 1, next_b[0]) if content_b[j]])
        if len(between[0]) == len(between[1]) == 1:
            i, j = between[0][0], between[1][0]
            if 0 < len(keys_a[i]) <= MAX_LONE_CHARS and 0 < len(keys_b[j]) <= MAX_LONE_CHARS:
                slots.append((i, j))
    if not slots:
        return groups
    linked = ({i for ia, _ in groups for i in ia}, {j for _, ib in groups for j in ib})
    return groups + [((i,), (j,)) for i, j in slots if i not in linked[0] and j not in linked[1]]
