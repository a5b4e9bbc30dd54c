"""How alike two groups of segments are: the one place alignment asks.

A :class:`Scorer` answers for groups of segments given by their indices; the
steps never compare texts themselves, so another similarity (one that reads
statements, say) plugs in here.  :class:`CharScorer` is the character one.
"""

from __future__ import annotations

import re
from typing import Iterable, Protocol, Sequence

from rapidfuzz import fuzz, process

_NON_KEY = re.compile(r"[\W_]+")

Indices = Sequence[int]


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


class Scorer(Protocol):
    """The similarity (0..1) of segments of a with segments of b, by index.

    ``keys_a`` and ``keys_b`` are the segments' matching keys: their lengths
    weigh links, and the candidate search indexes their characters.
    """

    keys_a: list[str]
    keys_b: list[str]

    def group(self, ia: Indices, ib: Indices) -> float:
        """Similarity of a-segments ``ia`` joined with b-segments ``ib`` joined."""

    def pair(self, i: int, j: int) -> float:
        """Similarity of a-segment ``i`` with b-segment ``j``."""

    def table(self, rows: range, cols: range, cutoff: float) -> list[list[float]]:
        """Similarities of every a-segment in ``rows`` with every b-segment in ``cols``,
        row by row; those below ``cutoff`` (more than 0) are 0, the others are not."""

    def remember(self, pairs: Iterable[tuple[int, int]], score: float) -> None:
        """Record the similarity of pairs already known (equal keys are 1.0)."""


class CharScorer:
    """Similarity of the joined matching keys: rapidfuzz's normalised Indel similarity.

    Symmetric, length-aware (a fragment of a long sentence scores low, so merges
    are preferred where they fit), and tolerant of light rewording.  Groups are
    cached: the programme and the absorption of neighbours ask for them again.
    """

    def __init__(self, keys_a: list[str], keys_b: list[str]) -> None:
        self.keys_a, self.keys_b = keys_a, keys_b
        self._groups: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

    def group(self, ia: Indices, ib: Indices) -> float:
        key = (tuple(ia), tuple(ib))
        score = self._groups.get(key)
        if score is None:
            score = similarity("".join(self.keys_a[i] for i in ia), "".join(self.keys_b[j] for j in ib))
            self._groups[key] = score
        return score

    def pair(self, i: int, j: int) -> float:
        return similarity(self.keys_a[i], self.keys_b[j])

    def table(self, rows: range, cols: range, cutoff: float) -> list[list[float]]:
        # Scores below the cutoff are left at 0, which lets rapidfuzz give up on them early.
        choices = self.keys_b[cols.start:cols.stop]
        percent = 100 * cutoff
        table = []
        for i in rows:
            row = [0.0] * len(choices)
            if self.keys_a[i]:  # an empty key matches nothing, not even another empty key
                for _, score, c in process.extract(self.keys_a[i], choices, scorer=fuzz.ratio, limit=None,
                                                   score_cutoff=percent):
                    row[c] = score / 100.0
            table.append(row)
        return table

    def remember(self, pairs: Iterable[tuple[int, int]], score: float) -> None:
        self._groups.update((((i,), (j,)), score) for i, j in pairs)
