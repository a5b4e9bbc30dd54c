"""Reading order: the heaviest chain of pairs in order, the gaps between anchors, moved links,
and the tie-breaker that keeps the answer the same when the inputs are swapped."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter

# Breaks exact ties between equally good links (repeated sentences) in favour of
# the one nearer the diagonal, so that swapping the inputs swaps the answer.
TIE = 1e-6

Gap = tuple[int, int, int, int]  # a0, a1, b0, b1: the rectangle a[a0:a1] × b[b0:b1]


class Diagonal:
    """Where pairs (i, j) lie against the diagonal of documents of ``n`` and ``m`` segments."""

    __slots__ = ("n", "m")

    def __init__(self, n: int, m: int) -> None:
        self.n, self.m = n, m

    def offset(self, i: int, j: int) -> float:
        """How far pair (i, j) lies from the diagonal, in shares of each document."""
        return abs(i / self.n - j / self.m)

    def preference(self, pair: tuple[int, int, float]) -> tuple:
        """Sort key of a scored pair: best score first; ties go to the pair nearer
        the diagonal, then nearer the start — the same choice with the inputs swapped."""
        i, j, score = pair
        return (-score, self.offset(i, j), i + j, i)


def gaps_between(anchors, a0: int, a1: int, b0: int, b1: int) -> list[Gap]:
    """The rectangles between consecutive anchors (and before the first / after the last)."""
    gaps = []
    prev_i, prev_j = a0 - 1, b0 - 1
    for i, j in list(anchors) + [(a1, b1)]:
        if i - prev_i > 1 or j - prev_j > 1:
            gaps.append((prev_i + 1, i, prev_j + 1, j))
        prev_i, prev_j = i, j
    return gaps


def moved_flags(groups) -> list[bool]:
    """A link is moved when it is outside the heaviest reading-order chain of links."""
    chain = monotone_chain([(ia[0], ib[0], len(ia) + len(ib)) for ia, ib in groups], itemgetter(2))
    in_order = {(i, j) for i, j, _ in chain}
    return [(ia[0], ib[0]) not in in_order for ia, ib in groups]


def monotone_chain(pairs, weight=None):
    """The chain of pairs increasing in both i and j with the largest total weight.

    ``pairs`` are ``(i, j, ...)`` with distinct i and distinct j; ``weight(pair)``
    defaults to 1 (the longest chain); weights must be positive.  Ties between
    chains of equal weight are broken by a rule that does not depend on which
    input is a or b: weights get a tiny bonus for lying near the diagonal.

    The pairs are taken in order of i; a *staircase* holds the best chains found
    so far, by the j they end at: only chains that are heavier than every chain
    ending at a smaller j are kept, so the heaviest chain a pair can extend is
    the last one ending before its j, found by bisection; the steps it beats
    are replaced by a list slice (a few C calls per pair).
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
        gain = (weight(pair) if weight else 1.0) + TIE * (1.0 - abs(i / n - j / m))
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
