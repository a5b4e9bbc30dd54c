"""A similarity beyond characters: two outlets' statements in their own words.

Two reports of one event by different outlets rarely share a sentence's wording, but a
statement keeps its rare words, names and figures (消防处表示,大火至今造成12人受伤 /
据消防部门消息,火灾已致12人受伤).  :class:`ContentScorer` is the character scorer,
plus, for a pair of sentences the characters do not link, the share of their rare
character pairs (bigrams weighted by their inverse document frequency among the
sentences of both texts) when the two stand at about the same place in their
documents.  The bigram weights are built from the pair of texts itself, on first need.

The floor and the reach were chosen on the judged cross-outlet pairs
(``bench/crossoutlet``) with the editor-simulated levels as a check: see ``bench/README.md``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import chain
from operator import add

from .scorer import CharScorer, Indices

# Least weighted Dice of rare bigrams for a content link.
CONTENT_FLOOR = 0.18
# Farthest apart (as shares of their documents) two sentences linked on content stand.
CONTENT_REACH = 0.5
# Longest a sentence linked on content may be, as a multiple of the other: a statement
# restated is about as long; a clause of a longer sentence is another kind of link (and
# the N-source grouping, which relates parts by characters, would not follow it).
CONTENT_LENGTH_RATIO = 1.65
# A content link's similarity: just over the threshold, rising with the share, so a
# link on characters always weighs more in the programme.
_CONTENT_SLOPE = 0.25
_CONTENT_MARGIN = 0.01


def _grams(key: str) -> frozenset[str]:
    return frozenset(map(add, key, key[1:]))


class ContentScorer(CharScorer):
    """:class:`~aligner.align.scorer.CharScorer`, with 1:1 pairs the characters leave
    under ``threshold`` scored on shared rare bigrams (see the module docstring)."""

    def __init__(self, keys_a: list[str], keys_b: list[str], threshold: float) -> None:
        super().__init__(keys_a, keys_b)
        self.threshold = threshold
        self._weights: defaultdict[str, float] | None = None
        self._grams: dict[tuple[str, int], tuple[frozenset[str], float]] = {}
        self._anchored: tuple[set[int], set[int]] = (set(), set())

    def remember(self, pairs, score: float) -> None:
        pairs = list(pairs)
        super().remember(pairs, score)
        if score == 1.0:  # equal sentences: no statement left to find among them
            self._anchored[0].update(i for i, _ in pairs)
            self._anchored[1].update(j for _, j in pairs)

    def _weighted(self, side: str, index: int) -> tuple[frozenset[str], float]:
        """The bigrams of one segment and their summed weight."""
        found = self._grams.get((side, index))
        if found is None:
            if self._weights is None:
                self._weights = self._idf()
            grams = _grams((self.keys_a if side == "a" else self.keys_b)[index])
            found = self._grams[(side, index)] = (grams, sum(map(self._weights.__getitem__, grams)))
        return found

    def _idf(self) -> defaultdict[str, float]:
        """Each bigram's inverse document frequency in the segments of both texts, counted
        in those no equal sentence anchors (the statements still to be found; counting
        them all would cost more than the search on long, mostly equal texts)."""
        keys = [*(key for i, key in enumerate(self.keys_a) if i not in self._anchored[0]),
                *(key for j, key in enumerate(self.keys_b) if j not in self._anchored[1])]
        counts = Counter(chain.from_iterable(map(_grams, keys)))
        total = len(self.keys_a) + len(self.keys_b) + 1  # rarity among all the sentences
        rarest = math.log(total)  # a bigram only an anchored sentence holds
        weights: defaultdict[str, float] = defaultdict(lambda: rarest)
        weights.update((gram, math.log(total / n)) for gram, n in counts.items())
        return weights

    def content(self, i: int, j: int) -> float:
        """The content similarity of a-segment ``i`` and b-segment ``j`` (0 when too far apart)."""
        if abs(i / max(1, len(self.keys_a)) - j / max(1, len(self.keys_b))) > CONTENT_REACH:
            return 0.0
        length_a, length_b = len(self.keys_a[i]), len(self.keys_b[j])
        if max(length_a, length_b) > CONTENT_LENGTH_RATIO * min(length_a, length_b):
            return 0.0
        (grams_a, weight_a), (grams_b, weight_b) = self._weighted("a", i), self._weighted("b", j)
        if not weight_a or not weight_b:
            return 0.0
        shared = sum(map(self._weights.__getitem__, grams_a & grams_b))
        dice = 2 * shared / (weight_a + weight_b)
        if dice < CONTENT_FLOOR:
            return 0.0
        return self.threshold + _CONTENT_MARGIN + _CONTENT_SLOPE * (dice - CONTENT_FLOOR)

    def pair(self, i: int, j: int) -> float:
        score = super().pair(i, j)
        return score if score > self.threshold else max(score, self.content(i, j))

    def table(self, rows: range, cols: range, cutoff: float) -> list[list[float]]:
        table = super().table(rows, cols, cutoff)
        threshold, content = self.threshold, self.content
        for row, i in zip(table, rows):
            for c, score in enumerate(row):
                if score <= threshold:
                    row[c] = max(score, content(i, cols.start + c))
        return table

    def basis(self, ia: Indices, ib: Indices) -> str:
        """What carried a link: ``content`` for a 1:1 pair the characters alone leave unlinked, else ``text``."""
        if len(ia) == len(ib) == 1 and CharScorer.pair(self, ia[0], ib[0]) <= self.threshold:
            return "content"
        return "text"
