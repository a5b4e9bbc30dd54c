"""Stage 5, align: segments of a and b → links (n:m, moved) and one-sided content.

How it works, from cheap and certain to expensive and fuzzy:

1. Every segment gets a *matching key*: its common-script text without
   punctuation or spaces, so that scripts, widths, punctuation and wrapping
   cannot make equal sentences differ.
2. Equal keys are exact anchors (a key written k times on each side pairs its
   copies in order); the heaviest reading-order chain of anchors splits the
   documents into gaps.
3. A gap too large for dynamic programming is split further by fuzzy anchors:
   candidates (every pair scored by rapidfuzz in C when the gap is small; else a
   character-bigram index plus the neighbourhood of the diagonal), kept when
   they are each other's best.
4. Inside each gap a dynamic programme chooses 1:1 and n:m (up to 3:3) links
   and skips, maximising ``Σ (similarity − threshold − merge cost) × length``.
5. Sentences left over are linked across the document when similar enough:
   that is moved content.  Unlinked neighbours mostly matched inside a link join
   it, best first (different sentence boundaries on the two sides).
6. A link is *moved* when it is not in the heaviest reading-order chain of links.

Every choice between equally good answers is broken by a rule that does not
depend on which input is a (nearness to the diagonal), so swapping the inputs
swaps the answer.  Boilerplate is aligned like the rest but never reported as
one-sided content.

Similarity is rapidfuzz's normalised Indel similarity (``fuzz.ratio``) of the
matching keys: symmetric, length-aware (a fragment of a long sentence scores
low, so merges are preferred where they fit), and tolerant of light rewording.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, itemgetter
from typing import Callable, Sequence

from rapidfuzz import fuzz, process

from .model import Link, Segment

DEFAULT_THRESHOLD = 0.5
MAX_GROUP = 3
# Gaps up to this many cells are aligned by dynamic programming directly.
DP_CELLS = 12_000
# Gaps up to this many cells are scored exhaustively; larger ones use the bigram index.
EXHAUSTIVE_CELLS = 400_000
FUZZY_ANCHOR = 0.75
# Joining two well-matched pairs into one group never lowers their similarity
# (the common subsequence of the joined texts is at least the sum of the parts),
# so each extra member of a group costs this much similarity: merges must earn it.
MERGE_COST = 0.06
# Breaks exact ties between equally good links (repeated sentences) in favour of
# the one nearer the diagonal, so that swapping the inputs swaps the answer.
_TIE = 1e-6
# Content linked out of reading order has no position to vouch for it: ask more.
MOVED_MARGIN = 0.1
# A neighbour joins a link only when at least this share of it matches there.
ABSORB_MATCHED = 0.5
# How many best-scoring counterparts of a sentence are kept as candidates.
_TOP_CANDIDATES = 6
# Each sentence looks up its rarest bigrams; a bigram found in more sentences
# than _MAX_POSTINGS says little about which one matches, and would make the
# search quadratic on repetitive text.
_PROBE_BIGRAMS = 12
_MAX_POSTINGS = 48
# How far from the diagonal (in sentences) the positional candidates are looked for.
_DIAGONAL_REACH = 8
_NON_KEY = re.compile(r"[\W_]+")
# The n:m moves the dynamic programme tries besides 1:1, skip-a and skip-b.
_MERGES = [(i, j) for i in range(1, MAX_GROUP + 1) for j in range(1, MAX_GROUP + 1) if i * j > 1]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Alignment:
    """Links (without edits yet) and the ids of one-sided content segments."""

    links: tuple[Link, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]


def matching_key(normalized: str) -> str:
    """Return the text matching compares: ``normalized`` without punctuation, symbols or spaces."""
    return _NON_KEY.sub("", normalized)


def similarity(key_a: str, key_b: str) -> float:
    """Return the similarity of two matching keys in 0..1 (normalised Indel similarity).

    An empty key (a segment of punctuation only) is like nothing: 0.
    """
    if not key_a or not key_b:
        return 0.0
    return fuzz.ratio(key_a, key_b) / 100.0


def align(segments_a: Sequence[Segment], segments_b: Sequence[Segment], *,
          threshold: float = DEFAULT_THRESHOLD, progress: Progress | None = None) -> Alignment:
    """Align the segments of a and b.

    Takes both sources' segments in reading order and a similarity
    ``threshold`` in 0..1 below which nothing is linked.  Returns an
    :class:`Alignment`: links in reading order of a, and the ids of one-sided
    content segments (boilerplate is linked when it has a counterpart, and
    otherwise listed nowhere).
    """
    content_a, content_b = list(segments_a), list(segments_b)
    ids_a, ids_b = [s.id for s in content_a], [s.id for s in content_b]
    texts_a, texts_b = [s.normalized for s in content_a], [s.normalized for s in content_b]
    # Most sentences stand on both sides (the identical ones): each text is keyed once.
    key_of = {text: matching_key(text) for text in {*texts_a, *texts_b}}
    aligner = _Aligner(list(map(key_of.__getitem__, texts_a)), list(map(key_of.__getitem__, texts_b)),
                       threshold, progress)
    groups = aligner.run()
    moved = _moved_flags(groups)
    links = []
    for (ia, ib), is_moved in zip(groups, moved):
        score = aligner.group_similarity(ia, ib)
        # Identical means equal but for white space: the keys must match, and then the punctuation.
        same = score == 1.0 and _same_but_spaces(_joined(texts_a, ia), _joined(texts_b, ib))
        links.append(Link(
            a=tuple(map(ids_a.__getitem__, ia)), b=tuple(map(ids_b.__getitem__, ib)),
            status="identical" if same else "changed",
            score=1.0 if same else round(score, 4), moved=is_moved,
        ))
    used_a = {i for ia, _ in groups for i in ia}
    used_b = {j for _, ib in groups for j in ib}
    return Alignment(
        links=tuple(links),
        only_a=tuple(s.id for i, s in enumerate(content_a) if i not in used_a and s.is_content),
        only_b=tuple(s.id for j, s in enumerate(content_b) if j not in used_b and s.is_content),
    )


def _joined(texts: list[str], members: tuple[int, ...]) -> str:
    """The texts of a group's members, joined (most groups have one: nothing to build)."""
    return texts[members[0]] if len(members) == 1 else "".join(map(texts.__getitem__, members))


def _same_but_spaces(text_a: str, text_b: str) -> bool:
    """Whether two texts are equal once white space is removed."""
    return text_a == text_b or "".join(text_a.split()) == "".join(text_b.split())


class _Aligner:
    """The alignment of two lists of matching keys, as groups of indices."""

    def __init__(self, keys_a: list[str], keys_b: list[str], threshold: float,
                 progress: Progress | None) -> None:
        self.ka, self.kb = keys_a, keys_b
        self.threshold = threshold
        self.progress = progress or (lambda stage, done, total: None)
        self._cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

    # -- similarity of groups ------------------------------------------------
    def group_similarity(self, ia: Sequence[int], ib: Sequence[int]) -> float:
        """Similarity of the joined keys of a-segments ``ia`` and b-segments ``ib`` (cached)."""
        key = (tuple(ia), tuple(ib))
        score = self._cache.get(key)
        if score is None:
            score = similarity("".join(self.ka[i] for i in ia), "".join(self.kb[j] for j in ib))
            self._cache[key] = score
        return score

    def offset(self, i: int, j: int) -> float:
        """How far pair (i, j) lies from the diagonal, in shares of each document."""
        return abs(i / len(self.ka) - j / len(self.kb))

    def preference(self, pair: tuple[int, int, float]) -> tuple:
        """Sort key of a candidate pair: best score first; ties go to the pair nearer
        the diagonal, then nearer the start — the same choice with the inputs swapped."""
        i, j, score = pair
        return (-score, self.offset(i, j), i + j, i)

    def matched(self, ia: Sequence[int], ib: Sequence[int]) -> float:
        """About how many characters of the group match: similarity × mean length."""
        size = sum(len(self.ka[i]) for i in ia) + sum(len(self.kb[j]) for j in ib)
        return self.group_similarity(ia, ib) * size / 2

    # -- the whole run ---------------------------------------------------------
    def run(self) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        n, m = len(self.ka), len(self.kb)
        groups: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        anchors = self._exact_anchors(range(n), range(m))
        gaps = _gaps(anchors, 0, n, 0, m)
        groups.extend(((i,), (j,)) for i, j in anchors)
        total = len(gaps)
        for done, gap in enumerate(gaps):
            groups.extend(self._align_gap(*gap))
            if total > 50 and done % 50 == 0:
                self.progress("align", done, total)
        groups.extend(self._link_leftovers(groups))
        groups = self._absorb_neighbours(groups)
        # By first a, then first b; the groups' a indices are disjoint, so the
        # plain tuple order is that order (and compares in C).
        groups.sort()
        return groups

    def _exact_anchors(self, rows: range, cols: range) -> list[tuple[int, int]]:
        """Pairs of equal keys, in the longest reading-order chain.

        A key written k times on each side pairs its occurrences in order (the
        i-th with the i-th): repeated sentences still anchor, in order.  A key
        whose counts differ is ambiguous and left to the fuzzy stages.
        """
        where_a: dict[str, list[int]] = defaultdict(list)
        where_b: dict[str, list[int]] = defaultdict(list)
        for i in rows:
            where_a[self.ka[i]].append(i)
        for j in cols:
            where_b[self.kb[j]].append(j)
        pairs = [
            (i, j, 1.0)
            for key, places in where_a.items() if key and len(places) == len(where_b.get(key, ()))
            for i, j in zip(places, where_b[key])
        ]
        chain = [(i, j) for i, j, _ in _monotone_chain(pairs, lambda p: len(self.ka[p[0]]))]
        self._cache.update((((i,), (j,)), 1.0) for i, j in chain)
        return chain

    # -- gaps between anchors ------------------------------------------------------
    def _align_gap(self, a0: int, a1: int, b0: int, b1: int, pairs=None) -> list:
        """Align one gap between anchors: directly if small, else split it by fuzzy anchors.

        ``pairs`` are scored candidates already found for an enclosing gap: a
        sub-gap reuses those inside it instead of searching again.
        """
        rows, cols = a1 - a0, b1 - b0
        if rows == 0 or cols == 0:
            return []
        if rows * cols <= DP_CELLS:
            return self._dp(a0, a1, b0, b1)
        if pairs is None:
            pairs = self._scored_candidates(range(a0, a1), range(b0, b1))
        else:
            pairs = [p for p in pairs if a0 <= p[0] < a1 and b0 <= p[1] < b1]
        anchors = [(i, j) for i, j, s in _monotone_chain(_mutual_best(pairs, FUZZY_ANCHOR, self.preference),
                                                         lambda p: p[2])]
        if not anchors:
            return []  # nothing alike in a huge gap: its sentences are left for the moved pass
        groups = [((i,), (j,)) for i, j in anchors]
        for gap in _gaps(anchors, a0, a1, b0, b1):
            groups.extend(self._align_gap(*gap, pairs))  # each sub-gap is smaller: this ends
        return groups

    def _dp(self, a0: int, a1: int, b0: int, b1: int) -> list:
        """Best monotone n:m alignment of a[a0:a1] with b[b0:b1] by dynamic programming."""
        rows, cols = a1 - a0, b1 - b0
        if rows == cols == 1:
            # Half the gaps between anchors are one sentence on each side: the
            # programme's one cell links them when that beats skipping both.
            key_a, key_b = self.ka[a0], self.kb[b0]
            sim = (fuzz.ratio(key_a, key_b) if key_a else 0.0) / 100.0
            value = (sim - self.threshold) * (len(key_a) + len(key_b)) - _TIE * self.offset(a0, b0)
            return [((a0,), (b0,))] if sim > self.threshold and value > 0.0 else []
        t = self.threshold
        # A merge can only help where its pieces overlap: count "related" cells
        # (1:1 similarity at least half the threshold) with 2-D prefix sums, and try
        # an n:m move only when every row and column of its block could be related.
        floor = 100 * t * 0.5
        # Below the floor a score neither links (t > floor) nor relates: it may as
        # well be 0, which lets rapidfuzz give up on such pairs early.
        choices = self.kb[b0:b1]
        one_to_one = []
        for i in range(a0, a1):
            row = [0.0] * cols
            if self.ka[i]:  # an empty key matches nothing, not even another empty key
                for _, score, c in process.extract(self.ka[i], choices, scorer=fuzz.ratio, limit=None,
                                                   score_cutoff=floor):
                    row[c] = score
            one_to_one.append(row)
        lengths_a = list(map(len, self.ka[a0:a1]))
        lengths_b = list(map(len, choices))
        # Where each row and column lies in its document: a cell's tie-breaking nearness to
        # the diagonal (``offset``) is then worked out only for the cells that can link.
        shares_a = [i / len(self.ka) for i in range(a0, a1)]
        shares_b = [j / len(self.kb) for j in range(b0, b1)]
        # Each row of prefix sums is the one above plus the running count of its own row.
        related = [[0] * (cols + 1)]
        for row in one_to_one:
            related.append(list(map(add, related[-1], accumulate(map(floor.__le__, row), initial=0))))

        def block(r: int, c: int, di: int, dj: int) -> int:
            return related[r][c] - related[r - di][c] - related[r][c - dj] + related[r - di][c - dj]

        # The first row and column are all skips (nothing linked yet: 0).
        best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
        back = [[(1, 0)] + [(0, 1)] * cols for _ in range(rows + 1)]
        for r in range(1, rows + 1):
            above, here, moves = best[r - 1], best[r], back[r]
            scores, share_a, length_a = one_to_one[r - 1], shares_a[r - 1], lengths_a[r - 1]
            for c in range(1, cols + 1):
                # Skipping first: a link must do strictly better than leaving both out.
                top, move = above[c], (1, 0)
                if here[c - 1] > top:
                    top, move = here[c - 1], (0, 1)
                sim = scores[c - 1] / 100.0
                if sim > t:
                    value = (above[c - 1] + (sim - t) * (length_a + lengths_b[c - 1])
                             - _TIE * abs(share_a - shares_b[c - 1]))
                    if value > top:
                        top, move = value, (1, 1)
                if block(r, c, min(r, MAX_GROUP), min(c, MAX_GROUP)) >= 2:
                    for di, dj in _MERGES:
                        if di > r or dj > c or block(r, c, di, dj) < max(di, dj):
                            continue
                        sim = self.group_similarity(range(a0 + r - di, a0 + r), range(b0 + c - dj, b0 + c))
                        if sim - t - MERGE_COST * (di + dj - 2) <= 0:
                            continue
                        size = sum(lengths_a[r - di:r]) + sum(lengths_b[c - dj:c])
                        value = (best[r - di][c - dj] + (sim - t - MERGE_COST * (di + dj - 2)) * size
                                 - _TIE * abs(shares_a[r - di] - shares_b[c - dj]))
                        if value > top:
                            top, move = value, (di, dj)
                here[c] = top
                moves[c] = move
        groups = []
        r, c = rows, cols
        while r or c:
            di, dj = back[r][c]
            if di and dj:
                groups.append((tuple(range(a0 + r - di, a0 + r)), tuple(range(b0 + c - dj, b0 + c))))
            r, c = r - di, c - dj
        groups.reverse()
        return groups

    # -- candidates ----------------------------------------------------------------
    def _scored_candidates(self, rows: Sequence[int], cols: Sequence[int]) -> list[tuple[int, int, float]]:
        """Likely pairs (i, j, similarity) between ``rows`` of a and ``cols`` of b.

        Each side looks for its best counterparts on the other, and the union is
        kept: the candidates are the same whichever input is called a.
        """
        rows, cols = list(rows), list(cols)
        if not rows or not cols:
            return []
        found = {(i, j): score for i, j, score in _counterparts(self.ka, rows, self.kb, cols, self.threshold)}
        found.update(((i, j), score) for j, i, score in _counterparts(self.kb, cols, self.ka, rows, self.threshold))
        return [(i, j, score) for (i, j), score in sorted(found.items())]

    # -- left-overs: moved content, then neighbours that belong to a link ---------------
    def _link_leftovers(self, groups) -> list:
        used_a = {i for ia, _ in groups for i in ia}
        used_b = {j for _, ib in groups for j in ib}
        rows = [i for i in range(len(self.ka)) if i not in used_a and self.ka[i]]
        cols = [j for j in range(len(self.kb)) if j not in used_b and self.kb[j]]
        pairs = sorted(self._scored_candidates(rows, cols), key=self.preference)
        linked = []
        for i, j, score in pairs:
            if score >= self.threshold + MOVED_MARGIN and i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                linked.append(((i,), (j,)))
        return linked

    def _absorb_neighbours(self, groups) -> list:
        """Grow links by adjacent unlinked sentences that are mostly matched inside them.

        This is where different sentence boundaries meet: a clause cut off on
        one side, or a short sentence merged into a long one on the other.  The
        best growth anywhere is taken first (a neighbour two links could take
        goes to the one it fits best), which also keeps the answer the same
        when the inputs are swapped.
        """
        linked = ({i for ia, _ in groups for i in ia}, {j for _, ib in groups for j in ib})
        # Identical links have nothing to gain: only the others are looked at.
        imperfect = [g for g, (ia, ib) in enumerate(groups) if self.group_similarity(ia, ib) < 1.0]
        groups = list(groups)
        version = [0] * len(groups)
        heap: list = []

        def push_options(g: int) -> None:
            ia, ib = groups[g]
            if self.group_similarity(ia, ib) >= 1.0:
                return
            before = self.matched(ia, ib)
            for side, keys in ((0, self.ka), (1, self.kb)):
                members = groups[g][side]
                if len(members) >= MAX_GROUP:
                    continue
                for k in (members[0] - 1, members[-1] + 1):
                    if 0 <= k < len(keys) and k not in linked[side] and keys[k]:
                        grown = tuple(sorted(members + (k,)))
                        after = self.matched(grown, ib) if side == 0 else self.matched(ia, grown)
                        share = (after - before) / len(keys[k])
                        if share >= ABSORB_MATCHED:
                            where = k / len(keys)
                            heapq.heappush(heap, (-share, ia[0] / len(self.ka) + ib[0] / len(self.kb),
                                                  where, g, side, k, version[g]))

        for g in imperfect:
            push_options(g)
        while heap:
            *_, g, side, k, seen = heapq.heappop(heap)
            if seen != version[g] or k in linked[side]:
                continue  # the link has grown since, or another link took the neighbour
            ia, ib = groups[g]
            groups[g] = (tuple(sorted(ia + (k,))), ib) if side == 0 else (ia, tuple(sorted(ib + (k,))))
            linked[side].add(k)
            version[g] += 1
            push_options(g)
        return groups


def _counterparts(keys: list[str], ids: list[int], other_keys: list[str], other_ids: list[int],
                  threshold: float) -> list[tuple[int, int, float]]:
    """For each of ``ids``, its likely counterparts among ``other_ids``: (id, other id, similarity).

    Every pair is scored (by rapidfuzz, in C) when there are few; otherwise the
    candidates come from a bigram index and from near the diagonal.
    """
    cutoff = 100 * threshold
    if len(ids) * len(other_ids) <= EXHAUSTIVE_CELLS:
        choices = [other_keys[j] for j in other_ids]
        return [(i, other_ids[c], score / 100.0)
                for i in ids
                for _, score, c in process.extract(keys[i], choices, scorer=fuzz.ratio,
                                                   limit=_TOP_CANDIDATES, score_cutoff=cutoff)]
    found = {(i, j): score for i, j, score in _bigram_candidates(keys, ids, other_keys, other_ids, cutoff)}
    found.update(((i, j), score) for i, j, score in _diagonal_candidates(keys, ids, other_keys, other_ids, cutoff))
    return [(i, j, score) for (i, j), score in found.items()]


def _diagonal_candidates(keys, ids, other_keys, other_ids, cutoff) -> list[tuple[int, int, float]]:
    """Candidates near where a sentence would be if both texts kept their order.

    The bigram index finds nothing for a sentence whose every bigram is
    common (repetitive text); the diagonal still does.
    """
    out = []
    scale = len(other_ids) / len(ids)
    for r, i in enumerate(ids):
        centre = int(r * scale)
        window = other_ids[max(0, centre - _DIAGONAL_REACH):centre + _DIAGONAL_REACH + 1]
        choices = [other_keys[j] for j in window]
        for _, score, c in process.extract(keys[i], choices, scorer=fuzz.ratio, limit=2, score_cutoff=cutoff):
            out.append((i, window[c], score / 100.0))
    return out


def _bigram_candidates(keys, ids, other_keys, other_ids, cutoff) -> list[tuple[int, int, float]]:
    """Candidates from an inverted index of character bigrams, scored exactly."""
    index: dict[str, list[int]] = defaultdict(list)
    for j in other_ids:
        for gram in _bigrams(other_keys[j]):
            index[gram].append(j)
    out = []
    for i in ids:
        grams = _bigrams(keys[i])
        # The rarest bigrams first (then by the bigram itself): sorted as (postings, bigram) tuples in C.
        rarest = sorted(zip(map(len, map(index.get, grams, repeat(()))), grams))[:_PROBE_BIGRAMS]
        hits: Counter = Counter()
        for postings, gram in rarest:
            if 0 < postings <= _MAX_POSTINGS:
                hits.update(index[gram])
        # The most hits first, ties in order of first hit: Counter.most_common's order,
        # sorted in C rather than by its heap in Python.
        for j, _ in sorted(hits.items(), key=itemgetter(1), reverse=True)[:_TOP_CANDIDATES]:
            score = fuzz.ratio(keys[i], other_keys[j], score_cutoff=cutoff)
            if score:
                out.append((i, j, score / 100.0))
    return out


@lru_cache(maxsize=1 << 14)
def _bigrams(key: str) -> frozenset[str]:
    """The distinct overlapping character pairs of ``key`` (a one-character key is its own).

    Cached: the candidate search runs both ways, so each key is asked for twice.
    """
    return frozenset(map(add, key, key[1:])) or frozenset((key,) if key else ())


def _gaps(anchors, a0, a1, b0, b1) -> list[tuple[int, int, int, int]]:
    """The rectangles between consecutive anchors (and before the first / after the last)."""
    gaps = []
    prev_i, prev_j = a0 - 1, b0 - 1
    for i, j in list(anchors) + [(a1, b1)]:
        if i - prev_i > 1 or j - prev_j > 1:
            gaps.append((prev_i + 1, i, prev_j + 1, j))
        prev_i, prev_j = i, j
    return gaps


def _mutual_best(pairs, minimum: float, preference) -> list[tuple[int, int, float]]:
    """Pairs at or above ``minimum`` that are each other's best candidate (by ``preference``)."""
    best_a: dict[int, tuple] = {}
    best_b: dict[int, tuple] = {}
    for pair in pairs:
        rank = preference(pair)
        if pair[0] not in best_a or rank < best_a[pair[0]][0]:
            best_a[pair[0]] = (rank, pair[1])
        if pair[1] not in best_b or rank < best_b[pair[1]][0]:
            best_b[pair[1]] = (rank, pair[0])
    return [(i, j, s) for i, j, s in pairs if s >= minimum and best_a[i][1] == j and best_b[j][1] == i]


def _monotone_chain(pairs, weight=None):
    """The chain of pairs increasing in both i and j with the largest total weight.

    ``pairs`` are ``(i, j, ...)`` with distinct i and distinct j; ``weight(pair)``
    defaults to 1 (the longest chain); weights must be positive.  Ties between
    chains of equal weight are broken by a rule that does not depend on which
    input is a or b: weights get a tiny bonus for lying near the diagonal.

    The pairs are taken in order of i; a *staircase* holds the best chains found
    so far, by the j they end at: only chains that are heavier than every chain
    ending at a smaller j are kept, so the heaviest chain a pair can extend is
    the last one ending before its j, found by bisection; the steps it beats
    are replaced by a list slice.  Per pair that is a few C calls, where a
    Fenwick tree took a Python loop of log p steps.
    """
    if not pairs:
        return []
    pairs = sorted(pairs, key=itemgetter(0))
    n = max(map(itemgetter(0), pairs)) + 1
    m = max(map(itemgetter(1), pairs)) + 1
    step_j: list[int] = []      # the staircase: the j a chain ends at, increasing
    step_total: list[float] = []  # ... its total weight, increasing
    step_pair: list[int] = []   # ... and the index of its last pair
    previous = [-1] * len(pairs)
    total = [0.0] * len(pairs)
    for p, pair in enumerate(pairs):
        i, j = pair[0], pair[1]
        gain = (weight(pair) if weight else 1.0) + _TIE * (1.0 - abs(i / n - j / m))
        at = bisect_left(step_j, j)
        best = step_total[at - 1] if at else 0.0
        previous[p] = step_pair[at - 1] if at else -1
        total[p] = chain_total = best + gain
        if at == len(step_j):  # past every chain's end (text in order): a new step
            step_j.append(j)
            step_total.append(chain_total)
            step_pair.append(p)
            continue
        # Steps at or after j that are no heavier are beaten by this chain: replace them.
        beaten = bisect_right(step_total, chain_total, at)
        step_j[at:beaten] = [j]
        step_total[at:beaten] = [chain_total]
        step_pair[at:beaten] = [p]
    p = max(range(len(pairs)), key=total.__getitem__)
    chain = []
    while p >= 0:
        chain.append(pairs[p])
        p = previous[p]
    chain.reverse()
    return chain


def _moved_flags(groups) -> list[bool]:
    """A link is moved when it is outside the heaviest reading-order chain of links."""
    chain = _monotone_chain([(ia[0], ib[0], len(ia) + len(ib)) for ia, ib in groups], lambda p: p[2])
    in_order = {(i, j) for i, j, _ in chain}
    return [(ia[0], ib[0]) not in in_order for ia, ib in groups]
