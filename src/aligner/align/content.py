"""A similarity beyond characters: two outlets' statements in their own words.

:class:`ContentScorer` is the character scorer, plus, for a pair of sentences the
characters do not link, the probability that the two make one statement
(:mod:`aligner.align.statement`: rare bigrams, figures, position, length), when the two
stand at about the same place in their documents and are of about one length.  The
evidence is built from the pair of texts itself, on first need.

The model and its levels were fitted on the judged cross-outlet pairs
(``bench/crossoutlet``) with the editor-simulated levels as a check: see ``bench/README.md``.
"""

from __future__ import annotations

from .scorer import CharScorer, Indices
from .statement import Evidence, StatementModel, default_model

# Farthest apart (as shares of their documents) two sentences linked on content stand.
CONTENT_REACH = 0.5
# Longest a sentence linked on content may be, as a multiple of the other: a statement
# restated is about as long; a clause of a longer sentence is another kind of link (and
# the N-source grouping, which relates parts by characters, would not follow it).
CONTENT_LENGTH_RATIO = 1.65
# A content link's similarity: just over the threshold, rising with the probability, so a
# link on characters always weighs more in the programme.
_CONTENT_SLOPE = 0.05
_CONTENT_MARGIN = 0.01


class ContentScorer(CharScorer):
    """:class:`~aligner.align.scorer.CharScorer`, with 1:1 pairs the characters leave
    under ``threshold`` scored on the statement model (see the module docstring)."""

    def __init__(self, keys_a: list[str], keys_b: list[str], threshold: float,
                 model: StatementModel | None = None) -> None:
        super().__init__(keys_a, keys_b)
        self.threshold = threshold
        self.model = model or default_model()
        self._evidence: Evidence | None = None
        self._anchored: tuple[set[int], set[int]] = (set(), set())

    def remember(self, pairs, score: float) -> None:
        pairs = list(pairs)
        super().remember(pairs, score)
        if score == 1.0:  # equal sentences: no statement left to find among them
            self._anchored[0].update(i for i, _ in pairs)
            self._anchored[1].update(j for _, j in pairs)

    @property
    def evidence(self) -> Evidence:
        """The features of pairs, weighted by the segments no equal sentence anchors (the
        statements still to be found; counting them all would cost more than the search on
        long, mostly equal texts)."""
        if self._evidence is None:
            counted = [*(key for i, key in enumerate(self.keys_a) if i not in self._anchored[0]),
                       *(key for j, key in enumerate(self.keys_b) if j not in self._anchored[1])]
            self._evidence = Evidence(self.keys_a, self.keys_b, counted)
        return self._evidence

    def near(self, i: int, j: int) -> bool:
        """Whether a-segment ``i`` and b-segment ``j`` stand within reach of each other."""
        return abs(i / max(1, len(self.keys_a)) - j / max(1, len(self.keys_b))) <= CONTENT_REACH

    def probability(self, i: int, j: int) -> float:
        """The probability that a-segment ``i`` and b-segment ``j`` make one statement."""
        if not self.keys_a[i] or not self.keys_b[j]:
            return 0.0
        return self.model.probability(self.evidence.features(i, j))

    def content(self, i: int, j: int) -> float:
        """The content similarity of a-segment ``i`` and b-segment ``j`` (0 when too far apart,
        of too different lengths or not likely one statement)."""
        if not self.near(i, j):
            return 0.0
        length_a, length_b = len(self.keys_a[i]), len(self.keys_b[j])
        if max(length_a, length_b) > CONTENT_LENGTH_RATIO * min(length_a, length_b):
            return 0.0
        probability = self.probability(i, j)
        if probability < self.model.link:
            return 0.0
        return self.threshold + _CONTENT_MARGIN + _CONTENT_SLOPE * (probability - self.model.link)

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
        """What carried a link: ``content`` for a 1:1 pair the characters alone leave unlinked
        and the statement model links, else ``text`` (a pair the regrouping linked because one
        is found, character by character, inside the other, is a link on its text)."""
        if len(ia) == len(ib) == 1 and CharScorer.pair(self, ia[0], ib[0]) <= self.threshold \
                and self.content(ia[0], ib[0]) > 0:
            return "content"
        return "text"
