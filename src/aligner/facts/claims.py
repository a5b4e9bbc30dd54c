"""A figure read as a claim, and the verdict on two claims of one measure.

A claim is a figure with what it measures (:mod:`.measures`), its approximation (约,
逾, 多, 近, 至少 …: the figure's canonical qualifier), its cut-off time (截至下午3时,
至晚上9时, 目前) and its attribution (据…消息, …表示), the last two read in the
figure's sentence.  Two claims of one measure are

* ``shared``: the same value, approximations aside (至少十三人 / 13死);
* ``rounding``: one approximate value holds the other's exact one (逾百 / 137, 约3,600 /
  3,612), by the interval its last non-zero digit allows;
* ``conflict``: different values of a measure that does not change with time
  (magnitude, depth, a reference year), or at the same cut-off; two counts of one
  statement copied from one text (a link carried by its characters) have the same
  cut-off even when neither says it;
* ``update``: different values of a count that changes with time, at different or
  unknown cut-offs (a later count, not an error; the note shows both times).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ..model import Side
from .found import Found
from .measures import Measure, counting_units, lexicon, measure_at
from .numbers import CN_NUMERAL_CHARS, read_chinese
from .tables import alternation

# Kinds of fact that are claims; dates and times are cut-offs, names are not figures.
CLAIM_KINDS = frozenset(("number", "quantity", "money", "percent"))
# Characters a cut-off time is written with, after its first word (截至 …).
_TIME_CHARS = "0-9" + CN_NUMERAL_CHARS + "今昨明前本上下午晚早凌清晨傍中间时点分日月号周星期天() （）:：目为止截稿许左右"


_CUTOFF_START = re.compile("^(?:" + alternation(lexicon()["cutoff_starts"]) + ")")


class Claim(NamedTuple):
    """A figure as a claim: its measure (None when unread), value (a Decimal, None for a
    range), approximation (canonical qualifier or None), cut-off and attribution (words
    of the original text, or None) and ``cutoff_key``, the cut-off as compared."""

    measure: Measure | None
    unit: str
    value: Decimal | None
    approx: str | None
    cutoff: str | None
    cutoff_key: str | None
    attribution: str | None


@lru_cache(maxsize=None)
def _cutoff_pattern() -> re.Pattern:
    table = lexicon()
    return re.compile(rf"(?:{alternation(table['cutoff_starts'])})[{_TIME_CHARS}]{{1,16}}"
                      rf"|{alternation(table['cutoff_alone'])}")


@lru_cache(maxsize=None)
def _cutoff_word() -> re.Pattern:
    return re.compile(alternation(lexicon()["cutoff_words"]))


@lru_cache(maxsize=None)
def _attribution_pattern() -> re.Pattern:
    table = lexicon()
    body = "[^，,。；;！？!?\n]"
    return re.compile(rf"(?:{alternation(table['attribution_before'])})({body}{{2,16}}?)"
                      rf"(?:{alternation(table['attribution_ends'])})"
                      rf"|(?:^|[，,。；;])({body}{{2,12}}?)(?:{alternation(table['attribution_after'])})")


def read_claim(side: Side, f: Found, cache: dict) -> Claim | None:
    """The claim of figure ``f`` of ``side`` (None for a date, a time, a name or a range).

    ``cache`` keeps each segment's cut-offs and attribution, read once per segment.
    """
    if f.kind not in CLAIM_KINDS or not isinstance(f.key[2], str):
        return None
    text = side.view.text
    value = Decimal(f.key[2])
    if not f.unit and _is_hour(text, f.end, value):
        return None  # 上午9点05分: a clock time
    cutoffs, attribution = _segment(side, f.segment, cache)
    if any(start <= f.start < end for start, end, _, _ in cutoffs):
        return None  # the hour of a cut-off (截至下午3时) is a time, not a claim
    cutoff = _nearest(cutoffs, f.start) or _paragraph_cutoff(side, f.segment, cache)
    unit, scale = lexicon()["base_units"].get(f.unit, (f.unit, 1))
    return Claim(measure_at(text, f.start, f.end, f.unit, value), unit, value * Decimal(str(scale)), _approx(f.qualifier),
                 cutoff[2] if cutoff else None, cutoff[3] if cutoff else None, attribution)


def _is_hour(text: str, end: int, value: Decimal) -> bool:
    return text[end:end + 1] in lexicon()["clock_after"] and value == value.to_integral_value() and 0 <= value <= 24


def _segment(side: Side, k: int, cache: dict):
    """:func:`_segment_reading` of segment ``k``, read once."""
    reading = cache.get(k)
    if reading is None:
        reading = cache[k] = _segment_reading(side, k)
    return reading


# How many sentences back a cut-off said earlier in the paragraph still holds.
CUTOFF_SENTENCES = 2


def _paragraph_cutoff(side: Side, k: int, cache: dict):
    """The last cut-off of the sentences just before segment ``k`` in its paragraph
    (截至下午三时，甲收到一宗报告。乙则收到16宗报告。), or None."""
    paragraph = side.segments[k].paragraph
    for j in range(k - 1, max(-1, k - 1 - CUTOFF_SENTENCES), -1):
        if side.segments[j].paragraph != paragraph:
            break
        cutoffs = _segment(side, j, cache)[0]
        if cutoffs:
            return cutoffs[-1]
    return None


def _approx(qualifier: str) -> str | None:
    approximations = lexicon()["approximations"]
    return next((word for word in approximations if word in qualifier), None) if qualifier else None


def _segment_reading(side: Side, k: int):
    """The cut-offs (view start, view end, original words, key) and the attribution of segment ``k``."""
    segment = side.segments[k]
    text, base = segment.normalized, segment.norm_start
    cutoffs = []
    for m in _cutoff_pattern().finditer(text):
        words = _cut_at_last_time_word(m.group())
        if words:
            start, end = base + m.start(), base + m.start() + len(words)
            cutoffs.append((start, end, _original(side, start, end), cutoff_key(words)))
    m = _attribution_pattern().search(text)
    attribution = None
    if m is not None:
        group = 1 if m.group(1) else 2
        attribution = _original(side, base + m.start(group), base + m.end(group)).strip()
    return cutoffs, attribution or None


def _cut_at_last_time_word(words: str) -> str:
    """A cut-off's words up to its last time word (至晚上9时许 → 至晚上9时), '' when it has none."""
    if words in lexicon()["cutoff_alone"]:
        return words
    last = None
    for last in _cutoff_word().finditer(words):
        pass
    return words[:last.end()] if last is not None and last.start() > 0 else ""


def cutoff_key(words: str) -> str:
    """A cut-off as compared: its numerals as digits, without 截至 / 为止 and spaces."""
    words = _CUTOFF_START.sub("", words, count=1).removesuffix("为止").removesuffix("止").replace(" ", "")
    return _CHINESE_NUMERAL.sub(_digits, words)


_CHINESE_NUMERAL = re.compile(f"[{CN_NUMERAL_CHARS}]+")


def _digits(numeral: re.Match) -> str:
    value = read_chinese(numeral.group())  # not read_number: cn2an is slow to load, and a time needs none
    return numeral.group() if value is None else format(value.normalize(), "f")


def _original(side: Side, start: int, end: int) -> str:
    lo, hi = side.view.span(start, end)
    return side.source.text[lo:hi]


def _nearest(cutoffs: list, at: int):
    """The cut-off nearest before ``at``, else the first after it, else None."""
    before = [c for c in cutoffs if c[1] <= at]
    if before:
        return before[-1]
    return cutoffs[0] if cutoffs else None


# ---------------------------------------------------------------------- comparing


def comparable(a: Claim, b: Claim) -> bool:
    """Whether two claims may state one measure: the same measure name, and units that
    agree (the same, a bare number, or both counts: 7幢 / 七座)."""
    if a.measure is None or b.measure is None or a.measure.name != b.measure.name:
        return False
    counts = counting_units()
    return a.unit == b.unit or not a.unit or not b.unit or (a.unit in counts and b.unit in counts)


def verdict(a: Claim, b: Claim, same_statement: bool) -> str:
    """``shared``, ``rounding``, ``conflict`` or ``update`` for two claims of one measure.

    ``same_statement``: the two are one statement copied from one text (a link carried
    by its characters), so an unsaid cut-off is the same on both sides.
    """
    if a.value == b.value:
        return "shared"
    if rounds(a, b):
        return "rounding"
    changes = (a.measure or b.measure).changes if (a.measure or b.measure) else False
    if not changes:
        return "conflict"
    if a.cutoff_key is not None and a.cutoff_key == b.cutoff_key:
        return "conflict"
    if a.cutoff_key is None and b.cutoff_key is None and same_statement:
        return "conflict"
    return "update"


def rounds(a: Claim, b: Claim) -> bool:
    """Whether one of two claims is approximate and holds the other's exact, different value."""
    return a.value != b.value and (_holds(a, b) or _holds(b, a))


def _holds(rough: Claim, exact: Claim) -> bool:
    """Whether approximate ``rough`` holds ``exact``'s exact value: 超过700 holds 732
    (in [700, 800)), 约3,600 holds 3,612 (in [3550, 3650)), 近500 holds 480."""
    if rough.approx is None or exact.approx is not None or rough.value is None or exact.value is None:
        return False
    x, y = rough.value, exact.value
    step = _step(x)
    side = lexicon()["approximations"][rough.approx]
    if side == "above":
        return x <= y < x + step
    if side == "below":
        return x - step < y <= x
    return x - step / 2 <= y < x + step / 2


def _step(value: Decimal) -> Decimal:
    """The place of the last non-zero digit of ``value``: 700 → 100, 3600 → 100, 6.8 → 0.1."""
    if not value:
        return Decimal(1)
    return Decimal(1).scaleb(value.normalize().as_tuple().exponent)


def update_note(a: Claim, b: Claim, text_a: str, text_b: str) -> str:
    """The note of an update: both values, each with its cut-off."""
    def one(claim: Claim, words: str) -> str:
        return f"{words} ({claim.cutoff or 'cut-off not said'})"
    return f"update: {one(a, text_a)} / {one(b, text_b)}"
