"""What a figure measures: the counted noun or verb next to it, read from a lexicon.

A figure's measure comes from the words of its clause (the text between two of
，。；、！？ and line breaks): the measure word nearest the figure, before it (死亡人数44人,
受伤32人) or after it (94人遇难, 13死, 62人在风暴期间受伤), among those of
``data/fact_measures.json``, where synonyms are one measure (死亡/遇难/罹难/丧生).  A
measure may be limited to some units (a magnitude is a bare number or 级).  A count
without a measure word is measured by the noun after its classifier (四宗塌树报告 →
塌树报告, 7幢大厦 / 七座大厦 → 大厦), which is good enough inside one link but too loose
to pair across a document (:attr:`Measure.listed`).

The view text is in the common script, so one lexicon serves Simplified and
Traditional sources alike.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .tables import alternation, load_table

# The punctuation that closes a clause: a measure word is looked for inside the figure's clause.
CLAUSE_ENDS = "，,。；;、！？!?\n（）()【】"
_CLAUSE_END = re.compile("[" + re.escape(CLAUSE_ENDS) + "]")
# The last clause end of a span: one followed by none up to the span's end.
_LAST_CLAUSE_END = re.compile("[" + re.escape(CLAUSE_ENDS) + "][^" + re.escape(CLAUSE_ENDS) + "]*$")
# How far from the figure a measure word is looked for, either side (characters of the clause).
WINDOW = 10
# Characters of a counted noun kept as its measure (塌树报告 → 塌树).
NOUN_CHARS = 2
# Characters that start no counted noun after a classifier (四宗 *的* …, 3人 *在* …).
NOT_NOUN_START = frozenset("的在被于至到及和与或共都已再还又也将为是有")


class Measure(NamedTuple):
    """What a figure counts: ``name`` (a lexicon measure, or ``noun:…`` for a counted
    noun), whether its value ``changes`` as reports are updated, and whether it is
    ``listed`` (read from the lexicon, sure enough to pair across a document)."""

    name: str
    changes: bool
    listed: bool


@lru_cache(maxsize=None)
def lexicon() -> dict:
    """The measure table (``data/fact_measures.json``)."""
    return load_table("fact_measures.json")


@lru_cache(maxsize=None)
def _words() -> dict[str, list[str]]:
    """Each measure word → the measures it names, in the table's order."""
    named: dict[str, list[str]] = {}
    for name, row in lexicon()["measures"].items():
        for word in row["words"]:
            named.setdefault(word, []).append(name)
    return named


@lru_cache(maxsize=None)
def _word_pattern() -> re.Pattern:
    return re.compile(alternation(_words()))


@lru_cache(maxsize=None)
def counting_units() -> frozenset[str]:
    return frozenset(lexicon()["counting_units"])


@lru_cache(maxsize=None)
def _after_units() -> frozenset[str]:
    """Units a measure word may follow: counts, a bare number, a grade (级), years (25年来)."""
    return counting_units() | {"", "级", "年"}


def _fits(name: str, unit: str, value) -> bool:
    """Whether a figure of ``value`` with ``unit`` may state measure ``name``: one of its
    units (for a measure without units a count or a bare number, not 一天, 一度) and a
    value in its range."""
    row = lexicon()["measures"][name]
    units, values = row.get("units"), row.get("values")
    if not (unit in counting_units() or not unit if units is None else unit in units):
        return False
    return values is None or value is None or values[0] <= value <= values[1]


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from after the last clause end before it
    to the first one after it, at most :data:`WINDOW` characters either side."""
    lo = max(0, start - WINDOW)
    last = _LAST_CLAUSE_END.search(text, lo, start)
    first = _CLAUSE_END.search(text, end, min(len(text), end + WINDOW))
    return (last.start() + 1 if last else lo), (first.start() if first else min(len(text), end + WINDOW))


def measure_at(text: str, start: int, end: int, unit: str, value=None) -> Measure | None:
    """The measure of the figure at ``text[start:end]`` (its canonical ``unit``), or None.

    The listed measure word nearest the figure in its clause wins (a tie goes to the
    word after it), among the measures the figure's unit and ``value`` fit; failing
    one, a count's classifier followed by a noun is measured by the noun.
    """
    lo, hi = clause_bounds(text, start, end)
    best: tuple[int, int, str] | None = None  # (distance, 0 after / 1 before, measure)
    pattern, named = _word_pattern(), _words()
    # A count is followed by what it counts (94人遇难); a length is preceded by it (海拔4259米).
    after_end = hi if unit in _after_units() else end
    for m in pattern.finditer(text, end, after_end):
        name = next((n for n in named[m.group()] if _fits(n, unit, value)), None)
        if name is not None:
            best = (m.start() - end, 0, name)
            break
    for m in pattern.finditer(text, lo, start):
        name = next((n for n in named[m.group()] if _fits(n, unit, value)), None)
        if name is not None and (best is None or (start - m.end(), 1) < best[:2]):
            best = (start - m.end(), 1, name)
    if best is not None:
        return Measure(best[2], lexicon()["measures"][best[2]]["changes"], True)
    return _counted_noun(text, end, hi, unit)


def _counted_noun(text: str, end: int, hi: int, unit: str) -> Measure | None:
    """``noun:…`` for a count whose classifier is followed by a noun (四宗塌树报告)."""
    if unit not in counting_units():
        return None
    noun = text[end:min(hi, end + NOUN_CHARS)]
    if len(noun) < NOUN_CHARS or noun[0] in NOT_NOUN_START or not all("\u4e00" <= ch <= "\u9fff" for ch in noun):
        return None
    return Measure("noun:" + noun, True, False)
