"""One gap between anchors: aligned by the dynamic programme when small, else split by fuzzy anchors."""

from __future__ import annotations

from .candidates import ScoredPair, fuzzy_anchors, scored_candidates
from .dp import Group, best_alignment
from .order import Diagonal, Gap, gaps_between
from .scorer import Scorer

# Gaps up to this many cells are aligned by dynamic programming directly.
DP_CELLS = 12_000


def align_gap(scorer: Scorer, threshold: float, diagonal: Diagonal, gap: Gap,
              pairs: list[ScoredPair] | None = None) -> list[Group]:
    """Align one gap: directly if small, else split it by fuzzy anchors and align the parts.

    ``pairs`` are scored candidates already found for an enclosing gap: a
    sub-gap reuses those inside it instead of searching again.
    """
    a0, a1, b0, b1 = gap
    rows, cols = a1 - a0, b1 - b0
    if rows == 0 or cols == 0:
        return []
    if rows * cols <= DP_CELLS:
        return best_alignment(scorer, threshold, diagonal, gap)
    if pairs is None:
        pairs = scored_candidates(scorer.keys_a, scorer.keys_b, range(a0, a1), range(b0, b1), threshold)
    else:
        pairs = [p for p in pairs if a0 <= p[0] < a1 and b0 <= p[1] < b1]
    anchors = fuzzy_anchors(pairs, diagonal)
    if not anchors:
        return []  # nothing alike in a huge gap: its sentences are left for the moved pass
    groups = [((i,), (j,)) for i, j in anchors]
    for part in gaps_between(anchors, a0, a1, b0, b1):
        groups.extend(align_gap(scorer, threshold, diagonal, part, pairs))  # each part is smaller: this ends
    return groups
