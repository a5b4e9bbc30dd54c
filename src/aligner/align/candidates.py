"""Anchors and candidate pairs: which segments of a and b could belong together.

Exact anchors are equal matching keys; fuzzy anchors are candidates that are
each other's best.  Candidates come from scoring every pair when there are few,
else from a character-bigram index plus the neighbourhood of the diagonal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from itertools import repeat
from operator import add, itemgetter
from typing import Sequence

from rapidfuzz import fuzz, process

from .order import Diagonal, monotone_chain

Pair = tuple[int, int]
ScoredPair = tuple[int, int, float]

FUZZY_ANCHOR = 0.75
# Searches of up to this many cells score every pair; larger ones use the bigram index.
EXHAUSTIVE_CELLS = 400_000
# How many best-scoring counterparts of a sentence are kept as candidates.
_TOP_CANDIDATES = 6
# Each sentence looks up its rarest bigrams; a bigram found in more sentences
# than _MAX_POSTINGS says little about which one matches, and would make the
# search quadratic on repetitive text.
_PROBE_BIGRAMS = 12
_MAX_POSTINGS = 48
# How far from the diagonal (in sentences) the positional candidates are looked for.
_DIAGONAL_REACH = 8


def exact_anchors(keys_a: list[str], keys_b: list[str]) -> list[Pair]:
    """Pairs of equal keys, in the heaviest (by length) reading-order chain.

    A key written k times on each side pairs its occurrences in order (the
    i-th with the i-th): repeated sentences still anchor, in order.  A key
    whose counts differ is ambiguous and left to the fuzzy stages.
    """
    where_a: dict[str, list[int]] = defaultdict(list)
    where_b: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys_a):
        where_a[key].append(i)
    for j, key in enumerate(keys_b):
        where_b[key].append(j)
    pairs = [
        (i, j, 1.0)
        for key, places in where_a.items() if key and len(places) == len(where_b.get(key, ()))
        for i, j in zip(places, where_b[key])
    ]
    return [(i, j) for i, j, _ in monotone_chain(pairs, lambda p: len(keys_a[p[0]]))]


def fuzzy_anchors(pairs: list[ScoredPair], diagonal: Diagonal) -> list[Pair]:
    """The scored pairs that are each other's best and alike enough, in the heaviest chain."""
    mutual = _mutual_best(pairs, FUZZY_ANCHOR, diagonal.preference)
    return [(i, j) for i, j, _ in monotone_chain(mutual, itemgetter(2))]


def _mutual_best(pairs, minimum: float, preference) -> list[ScoredPair]:
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


def scored_candidates(keys_a: list[str], keys_b: list[str], rows: Sequence[int], cols: Sequence[int],
                      threshold: float) -> list[ScoredPair]:
    """Likely pairs (i, j, similarity) between ``rows`` of a and ``cols`` of b, in order.

    Each side looks for its best counterparts on the other, and the union is
    kept: the candidates are the same whichever input is called a.
    """
    rows, cols = list(rows), list(cols)
    if not rows or not cols:
        return []
    found = {(i, j): score for i, j, score in _counterparts(keys_a, rows, keys_b, cols, threshold)}
    found.update(((i, j), score) for j, i, score in _counterparts(keys_b, cols, keys_a, rows, threshold))
    return [(i, j, score) for (i, j), score in sorted(found.items())]


def _counterparts(keys: list[str], ids: list[int], other_keys: list[str], other_ids: list[int],
                  threshold: float) -> list[ScoredPair]:
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


def _diagonal_candidates(keys, ids, other_keys, other_ids, cutoff) -> list[ScoredPair]:
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


def _bigram_candidates(keys, ids, other_keys, other_ids, cutoff) -> list[ScoredPair]:
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
