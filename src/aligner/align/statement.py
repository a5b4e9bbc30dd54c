"""Evidence that two sentences make one statement, in whatever words: features and model.

Two outlets rewrite a statement, but it keeps its rare words, names and figures
(消防处表示,大火至今造成12人受伤 / 据消防部门消息,火灾已致12人受伤).  For a pair of
matching keys :class:`Evidence` measures, cheaply and symmetrically:

* ``dice``: the weighted Dice of their character bigrams, each weighted by its inverse
  document frequency among the sentences of both texts (rare words and names weigh);
* ``cover``: the shared weight as a share of the lighter side's (a statement found as
  a clause of a longer sentence, or a headline summing up a lead);
* ``char``: the character similarity the alignment has always used;
* ``figures``: how many numbers both state, read whatever their writing (12 / 十二,
  廿三 / 23);
* ``position``: how far apart they stand, as shares of their documents;
* ``length``: the log of the longer key's length over the shorter's.

:class:`StatementModel` turns them into a probability with a logistic model whose few
weights, and the probabilities above which sentences are linked, are data
(``data/statement_model.json``), fitted on the judged cross-outlet pairs by
``bench/fit_statement.py`` (a test re-runs it), the editor-simulated pairs holding the
levels back: see ``bench/README.md``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, repeat
from operator import add

from rapidfuzz import fuzz

from ..facts.numbers import read_number

# At most this many keys are counted for the bigrams' frequencies (an even sample beyond).
COUNTED_SAMPLE = 4000

FEATURES = ("dice", "cover", "char", "figures", "position", "length")

# A numeral in a matching key (punctuation is gone: 1,600 is 1600, 7.1 is 71 on both sides).
_NUMERAL = re.compile(r"[0-9]+[万亿]?|[零〇一二两三四五六七八九十廿卅百千万亿]{2,}")


def bigrams(key: str) -> frozenset[str]:
    """The pairs of adjacent characters of a key."""
    return frozenset(map(add, key, key[1:]))


def figures(key: str) -> frozenset:
    """The values of the numerals of a key (a lone digit character is not read: 一些, 一名)."""
    values = []
    for numeral in _NUMERAL.findall(key):
        value = read_number(numeral)
        if value is not None:
            values.append(value)
    return frozenset(values)


class Evidence:
    """The features of pairs of segments of two texts (see the module docstring).

    Bigram weights come from ``counted`` keys of both sides (those still to be found),
    against the number of all segments, so a bigram only an anchored sentence holds is rarest.
    """

    def __init__(self, keys_a: list[str], keys_b: list[str], counted: list[str]) -> None:
        self.keys = (keys_a, keys_b)
        # Long documents: the frequencies are estimated from an even sample of the keys
        # (counting every bigram of a book-length text costs more than the search).
        step = max(1, -(-len(counted) // COUNTED_SAMPLE))
        # The counted keys are the ones asked about next: their bigrams are kept for that.
        sample = counted[::step]
        self._bigrams = {key: bigrams(key) for key in sample}
        counts = Counter(chain.from_iterable(map(self._bigrams.__getitem__, sample)))
        total = len(keys_a) + len(keys_b) + 1
        self._rarest = math.log(total)
        self._weights = {gram: math.log(total / (n * step)) if n * step < total else 0.0
                         for gram, n in counts.items()}
        self._cache: tuple[dict, dict] = ({}, {})

    def _side(self, side: int, index: int) -> tuple[frozenset[str], float, frozenset]:
        found = self._cache[side].get(index)
        if found is None:
            key = self.keys[side][index]
            grams = self._bigrams.get(key) or bigrams(key)
            weight = sum(map(self._weights.get, grams, repeat(self._rarest)))
            found = self._cache[side][index] = (grams, weight, figures(key))
        return found

    def shares(self, i: int, j: int) -> bool:
        """Whether a-segment ``i`` and b-segment ``j`` share a bigram or a figure at all."""
        (grams_a, _, figures_a), (grams_b, _, figures_b) = self._side(0, i), self._side(1, j)
        return not grams_a.isdisjoint(grams_b) or not figures_a.isdisjoint(figures_b)

    def features(self, i: int, j: int) -> tuple[float, ...]:
        """The features of a-segment ``i`` and b-segment ``j``, in the order of ``FEATURES``."""
        keys_a, keys_b = self.keys
        (grams_a, weight_a, figures_a), (grams_b, weight_b, figures_b) = self._side(0, i), self._side(1, j)
        shared = sum(map(self._weights.get, grams_a & grams_b, repeat(self._rarest)))
        lighter = min(weight_a, weight_b)
        dice = 2 * shared / (weight_a + weight_b) if lighter else 0.0
        cover = shared / lighter if lighter else 0.0
        char = fuzz.ratio(keys_a[i], keys_b[j]) / 100.0
        position = abs((i + 0.5) / len(keys_a) - (j + 0.5) / len(keys_b))
        lengths = max(1, len(keys_a[i])), max(1, len(keys_b[j]))
        length = math.log(max(lengths) / min(lengths))
        return dice, cover, char, float(len(figures_a & figures_b)), position, length


@dataclass(frozen=True)
class StatementModel:
    """A logistic model of "one statement" on :data:`FEATURES`, and its decision levels.

    ``link``: the least probability for a link of the alignment (a restated sentence);
    ``clause``: the least for a clause link (a sentence linked again, as a part of
    another's statement).
    """

    intercept: float
    weights: tuple[float, ...]
    link: float
    clause: float

    def probability(self, features: tuple[float, ...]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "intercept": self.intercept, "weights": list(self.weights),
                "link": self.link, "clause": self.clause}

    @classmethod
    def from_json(cls, data: dict) -> "StatementModel":
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"statement model features {data['features']} are not {list(FEATURES)}")
        return cls(data["intercept"], tuple(data["weights"]), data["link"], data["clause"])


MODEL_FILE = "statement_model.json"


@lru_cache(maxsize=1)
def default_model() -> StatementModel:
    """The fitted model shipped in ``data/statement_model.json``."""
    text = resources.files("aligner").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return StatementModel.from_json(json.loads(text))
