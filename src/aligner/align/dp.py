"""The dynamic programme: the best monotone n:m alignment of a small gap.

It chooses 1:1 and n:m (up to MAX_GROUP:MAX_GROUP) links and skips, maximising
``Σ (similarity − threshold − merge cost) × length``.
"""

from __future__ import annotations

from itertools import accumulate
from operator import add

from .order import TIE, Diagonal, Gap
from .scorer import Scorer

Group = tuple[tuple[int, ...], tuple[int, ...]]
Move = tuple[int, int]  # how many segments of a and of b the last step took

MAX_GROUP = 3
# Joining two well-matched pairs into one group never lowers their similarity
# (the common subsequence of the joined texts is at least the sum of the parts),
# so each extra member of a group costs this much similarity: merges must earn it.
MERGE_COST = 0.06
# The n:m moves the programme tries besides 1:1, skip-a and skip-b.
_MERGES = [(i, j) for i in range(1, MAX_GROUP + 1) for j in range(1, MAX_GROUP + 1) if i * j > 1]


def best_alignment(scorer: Scorer, threshold: float, diagonal: Diagonal, gap: Gap) -> list[Group]:
    """Best monotone n:m alignment of a[a0:a1] with b[b0:b1], as groups in reading order."""
    a0, a1, b0, b1 = gap
    if a1 - a0 == b1 - b0 == 1:
        return _one_pair(scorer, threshold, diagonal, a0, b0)
    # A merge can only help where its pieces overlap: the table keeps the 1:1
    # similarities of at least half the threshold ("related" cells; the others
    # can neither link nor relate), and an n:m move is tried only when every row
    # and column of its block could be related.
    one_to_one = scorer.table(range(a0, a1), range(b0, b1), threshold * 0.5)
    programme = _Programme(scorer, threshold, diagonal, gap, one_to_one)
    programme.fill()
    return programme.links()


def _one_pair(scorer: Scorer, threshold: float, diagonal: Diagonal, i: int, j: int) -> list[Group]:
    """Half the gaps between anchors are one sentence on each side: the programme's
    one cell links them when that beats skipping both."""
    sim = scorer.pair(i, j)
    value = (sim - threshold) * (len(scorer.keys_a[i]) + len(scorer.keys_b[j])) - TIE * diagonal.offset(i, j)
    return [((i,), (j,))] if sim > threshold and value > 0.0 else []


def _related_sums(one_to_one: list[list[float]], cols: int) -> list[list[int]]:
    """2-D prefix sums of the related cells (those the table scored at all)."""
    # Each row of prefix sums is the one above plus the running count of its own row.
    related = [[0] * (cols + 1)]
    for row in one_to_one:
        related.append(list(map(add, related[-1], accumulate(map(bool, row), initial=0))))
    return related


class _Programme:
    """The programme's tables for one gap: the best total of every cell and the move that reached it.

    Cell (r, c) holds the best alignment of the first r rows of the gap with its first c columns.
    """

    __slots__ = ("group", "t", "a0", "b0", "one_to_one", "related", "lengths_a", "lengths_b",
                 "shares_a", "shares_b", "best", "back")

    def __init__(self, scorer: Scorer, t: float, diagonal: Diagonal, gap: Gap,
                 one_to_one: list[list[float]]) -> None:
        a0, a1, b0, b1 = gap
        rows, cols = a1 - a0, b1 - b0
        self.group, self.t, self.a0, self.b0 = scorer.group, t, a0, b0
        self.one_to_one, self.related = one_to_one, _related_sums(one_to_one, cols)
        self.lengths_a = list(map(len, scorer.keys_a[a0:a1]))
        self.lengths_b = list(map(len, scorer.keys_b[b0:b1]))
        # Where each row and column lies in its document: a cell's tie-breaking nearness to
        # the diagonal is then worked out only for the cells that can link.
        self.shares_a = [i / diagonal.n for i in range(a0, a1)]
        self.shares_b = [j / diagonal.m for j in range(b0, b1)]
        # The first row and column are all skips (nothing linked yet: 0).
        self.best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
        self.back: list[list[Move]] = [[(1, 0)] + [(0, 1)] * cols for _ in range(rows + 1)]

    def fill(self) -> None:
        """Work out every cell, row by row: a skip, a 1:1 link or an n:m link, whichever is best."""
        t, best, related, best_merge = self.t, self.best, self.related, self.best_merge
        lengths_b, shares_b = self.lengths_b, self.shares_b
        for r in range(1, len(best)):
            above, here, moves = best[r - 1], best[r], self.back[r]
            scores, share_a, length_a = self.one_to_one[r - 1], self.shares_a[r - 1], self.lengths_a[r - 1]
            # The rows of prefix sums that bound the largest block ending in this row.
            sums, sums_above = related[r], related[max(r - MAX_GROUP, 0)]
            for c in range(1, len(here)):
                # Skipping first: a link must do strictly better than leaving both out.
                top, move = above[c], (1, 0)
                if here[c - 1] > top:
                    top, move = here[c - 1], (0, 1)
                sim = scores[c - 1]
                if sim > t:
                    value = (above[c - 1] + (sim - t) * (length_a + lengths_b[c - 1])
                             - TIE * abs(share_a - shares_b[c - 1]))
                    if value > top:
                        top, move = value, (1, 1)
                # Any merge needs two related cells in the largest block ending here
                # (counted as in ``best_merge``, written out: this runs for every cell).
                left = c - MAX_GROUP if c > MAX_GROUP else 0
                if sums[c] - sums_above[c] - sums[left] + sums_above[left] >= 2:
                    top, move = best_merge(r, c, top, move)
                here[c] = top
                moves[c] = move

    def best_merge(self, r: int, c: int, top: float, move: Move) -> tuple[float, Move]:
        """The best of (top, move) and the n:m links ending at cell (r, c)."""
        t, a0, b0, lengths_a, lengths_b = self.t, self.a0, self.b0, self.lengths_a, self.lengths_b
        sums = self.related[r]
        for di, dj in _MERGES:
            if di > r or dj > c:
                continue
            # The related cells of the di × dj block ending at (r, c): each of its rows and columns needs one.
            sums_above = self.related[r - di]
            if sums[c] - sums_above[c] - sums[c - dj] + sums_above[c - dj] < max(di, dj):
                continue
            sim = self.group(range(a0 + r - di, a0 + r), range(b0 + c - dj, b0 + c))
            gain = sim - t - MERGE_COST * (di + dj - 2)
            if gain <= 0:
                continue
            size = sum(lengths_a[r - di:r]) + sum(lengths_b[c - dj:c])
            value = (self.best[r - di][c - dj] + gain * size
                     - TIE * abs(self.shares_a[r - di] - self.shares_b[c - dj]))
            if value > top:
                top, move = value, (di, dj)
        return top, move

    def links(self) -> list[Group]:
        """The links on the best path through the table, in reading order."""
        groups = []
        r, c = len(self.back) - 1, len(self.back[0]) - 1
        a0, b0 = self.a0, self.b0
        while r or c:
            di, dj = self.back[r][c]
            if di and dj:
                groups.append((tuple(range(a0 + r - di, a0 + r)), tuple(range(b0 + c - dj, b0 + c))))
            r, c = r - di, c - dj
        groups.reverse()
        return groups
