"""Figures: numbers, quantities with their units, money, percentages, ranges, dates and times.

Reads the converted view text (common script, ASCII digits) of content segments: one
character-class scan finds the runs of numerals, and one compiled pattern is tried
only there (running it at every character is many times slower).  Each match becomes a
:class:`~aligner.facts.found.Found` keyed by kind, canonical unit and normalised value.
A figure cut at its decimal point by a line break (51. / 74亿元) is read whole
(:class:`~aligner.facts.found.Joined`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any, Sequence

from ..model import Side
from .found import Found, Joined
from .numbers import CN_DIGIT_CHARS, CN_NUMERAL_CHARS, MINUS, SCALE_CHARS, plain, read_money_words, read_number
from .tables import alternation, units, words

# (kind, key, value, qualifier, start, end) of one figure read from a match.
Reading = tuple[str, tuple, Any, str, int, int]

# Minus signs: the hyphen-minus (full-width folded to it), the minus sign, the small one.
MINUS_SIGNS = "-−﹣"
_ARABIC = rf"(?<![A-Za-z0-9.])[{MINUS_SIGNS}]?(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?(?:[百千万亿]+)?"
_CHINESE = rf"负?[{CN_NUMERAL_CHARS}]+(?:点[{CN_DIGIT_CHARS}]+[万亿]*)?"
_NUM = rf"(?:{_ARABIC}|{_CHINESE})"
# An amount in words (capital numerals on cheques): 壹拾壹元壹角壹分, 伍仟元整, 负壹角.
_CN = f"[{CN_NUMERAL_CHARS}]+"
# Without 元 an amount is in capital numerals or has 角 and 分: 三角 is a triangle (长三角),
# 两千分 a score.
_CAPITAL = "[零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+"
_MONEY_WORDS = (rf"负?(?:{_CN}[元圆](?:零?{_CN}角)?(?:零?{_CN}分)?|{_CAPITAL}角(?:零?{_CN}分)?|{_CN}角零?{_CN}分"
                rf"|{_CAPITAL}分)"
                r"[整正]?|-?\d+[元圆](?:\d+角(?:\d+分)?|\d+分)|-?\d+角\d+分")  # 11元1角1分
# Any four digits before 年 are a year: a changed year (1997 → 7997) must stay a date.
_YEAR = r"(?<!\d)\d{4}(?!\d)|[〇零一二三四五六七八九]{4}"
# Any one or two digits before 月 and 日 make a date (a changed 12月 → 32月, 19日 → 99日
# must stay one); only a day standing alone in Chinese numerals must be a real day.
_MONTH = r"(?<!\d)\d\d?(?!\d)|十[一二]?|[一二三四五六七八九]"
_DAY = r"(?<!\d)\d\d?(?!\d)|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]"
# A fraction that is a range of years: a year from 1900 to 2099, then its next year, short or long.
_YEAR_PAIR = re.compile(r"(?:19|20)\d\d/(?:\d\d|(?:19|20)\d\d)")
_RELATIVE_YEARS = ("今年", "去年", "明年", "前年", "同年", "当年")
# A year of the Republic of China calendar (民国115年, Taiwan's official dates): 1911 after it.
_ROC_YEAR = r"(?<!\d)\d{1,3}(?!\d)|[一二三四五六七八九十百]{1,5}"
ROC_YEAR_ONE = 1911
# What a year range names (2026/27年度, 二零二六/二七财政年度, 2027-28学年): one value however written.
_YEARS_OF = "财政年度|财年|年度|学年|年"


@lru_cache(maxsize=None)
def _pattern() -> re.Pattern:
    """The one pattern for dates, times, percentages, ranges, fractions and quantities."""
    lists = words()
    unit = alternation(units())
    pre = alternation(lists["prefix_qualifiers"])
    inner = alternation(lists["inner_qualifiers"])
    post = alternation(lists["suffix_qualifiers"])
    periods = alternation(list(_clock_periods()))
    return re.compile(rf"""
      (?:(?P<y>{_YEAR})|民国(?P<roc>{_ROC_YEAR}))年(?:(?P<m>{_MONTH})月(?:(?P<d>{_DAY})[日号])?)?(?P<yq>底|初|末)?
    | (?P<rel>{'|'.join(_RELATIVE_YEARS)})(?P<rm>{_MONTH})月(?:(?P<rd>{_DAY})[日号])?
    | (?<!\d)(?P<iy>[12]\d\d\d)(?P<sep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=sep)(?P<id>3[01]|[12]\d|0?[1-9])(?!\d)
    | (?<!\d)(?P<sy>[12]\d\d\d)[ ]+(?P<sm>1[0-2]|0?[1-9])/(?P<sd>3[01]|[12]\d|0?[1-9])(?!\d)
    | (?<![\d月])(?P<mm>{_MONTH})月(?P<md>{_DAY})[日号]
    | (?<![\d月])(?P<dd>{_DAY})日
    | (?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<se>[0-5]\d))?(?![\d:])
    | (?:(?P<per>{periods})[ ]?)?(?<![\d.])(?P<ch>[01]?\d|2[0-4])(?:时|(?(per)点|点(?=[0-5]?\d分|半)))(?![段代期])
      (?:(?P<cm>[0-5]?\d)分|(?P<half>半))?
    | (?P<ya>{_YEAR})[/\-—至](?P<yb>\d\d(?:\d\d)?(?!\d)|[〇零一二三四五六七八九]{{2}}(?:[〇零一二三四五六七八九]{{2}})?)(?={_YEARS_OF})
    | (?<![\d/])(?P<fn>\d+)/(?P<fd>\d+)(?![\d/])
    | (?:(?P<pre>(?:{pre})+)[ ]?)?(?:
        (?P<words>{_MONEY_WORDS})(?![{CN_NUMERAL_CHARS}])
      | 百分之(?P<pct>{_NUM})
      | (?P<lo>{_NUM})[ ]?[-~～到至—][ ]?(?P<hi>{_NUM})[ ]?(?P<rin>{inner})?[ ]?(?P<runit>{unit})
      | (?P<den>{_CHINESE})分之(?P<numer>{_CHINESE})
      | (?P<neg>零下)?(?P<num>{_NUM}|半)[ ]?(?P<inner>{inner})?(?:[ ]?(?P<unit>{unit})(?![A-Za-z]))?(?P<post>{post})?
    )""", re.VERBOSE)


@lru_cache(maxsize=None)
def _clock_periods() -> dict[str, str]:
    """Each word of the time of day (下午) → its group in ``clock_periods`` (pm)."""
    return {word: group for group, group_words in words()["clock_periods"].items() for word in group_words}


def _hour_of_day(hour: int, period: str | None) -> int:
    """The hour on a 24-hour clock of ``hour`` said after ``period`` (下午3时 is 15), as
    ``clock_periods`` of ``data/fact_words.json`` says; 24时 is midnight, 0."""
    if period is not None:
        group = _clock_periods()[period]
        if group == "am" and hour == 12 or group in ("noon", "pm") and hour < 12 \
                or group == "night" and 6 <= hour < 12:
            hour = (hour + 12) % 24
    return hour % 24


def _decimal_key(value: Decimal) -> str:
    """Canonical text of a value, so 30, 30.0 and 3E+1 are one key."""
    return format(value.normalize(), "f")


def _read_date(m: re.Match) -> tuple[str, str, str] | None:
    """Return (precision, ISO-like value, qualifier) of a date match, or None if invalid."""
    if m["y"] or m["roc"]:
        return _read_year_date(m)
    if m["rel"]:
        month, day = _whole(m["rm"]), _whole(m["rd"]) if m["rd"] else None
        value = f"{m['rel']}-{month:02d}" + (f"-{day:02d}" if day else "")
        return ("date:RMD" if day else "date:RM"), value, ""
    if m["iy"] or m["sy"]:
        y, mo, d = (m["iy"], m["im"], m["id"]) if m["iy"] else (m["sy"], m["sm"], m["sd"])
        return "date:YMD", f"{int(y):04d}-{int(mo):02d}-{int(d):02d}", ""
    if m["mm"]:
        month, day = _whole(m["mm"]), _whole(m["md"])
        if month is None or day is None:
            return None
        return "date:MD", f"--{month:02d}-{day:02d}", ""
    day = _whole(m["dd"])
    if day is None or not (m["dd"].isdigit() or 1 <= day <= 31):
        return None
    return "date:D", f"---{day:02d}", ""


def _read_year_date(m: re.Match) -> tuple[str, str, str] | None:
    """A date with its year (2023年, 2023年12月, 2023年12月31日, 2023年底)."""
    if m["roc"]:
        year = _whole(m["roc"])
        if year is None or year < 1:
            return None
        year += ROC_YEAR_ONE
    else:
        year = _whole(m["y"])
    parts = [f"{year:04d}"]
    for group in ("m", "d"):
        if m[group]:
            part = _whole(m[group])
            if part is None:
                return None
            parts.append(f"{part:02d}")
    return "date:" + "YMD"[: len(parts)], "-".join(parts), m["yq"] or ""


def _read_year_range(m: re.Match) -> Reading | None:
    """A range of years written with its second year short or long (2026/27, 二零二六/二七,
    2026-2027): keyed by both full years, so every way of writing it is one value."""
    return _years(m["ya"], m["yb"], m.start(), m.end())


def _years(first_text: str, second_text: str, start: int, end: int) -> Reading | None:
    """A range of years from its two numerals (the second short or long), or None."""
    first, second = _whole(first_text), _whole(second_text)
    if first is None or second is None:
        return None
    if len(second_text) == 2:
        second += first - first % 100 + (100 if second < first % 100 else 0)
    if not first < second <= first + 10:
        return None
    value = f"{first:04d}/{second:04d}"
    return "date", ("date", "date:years", value), value, "", start, end


def _whole(text: str) -> int | None:
    """The whole number a numeral of a date reads as, or None."""
    value = read_number(text)
    return None if value is None else int(value)


def _is_chinese(numeral: str) -> bool:
    return not (numeral[0].isdigit() or numeral[0] in MINUS_SIGNS)


@lru_cache(maxsize=None)
def _skip_phrases() -> tuple[str, ...]:
    """Words that start with a numeral but state no quantity (一体化), as one tuple for ``startswith``."""
    return tuple(words()["skip_phrases"])


_SCALE_SET = frozenset(SCALE_CHARS)


def _plausible_chinese(numeral: str, unit: str | None, text: str, start: int) -> bool:
    """Whether a Chinese numeral is a quantity, not part of a word (一体化, 一两家, 千万)."""
    numeral_words = words()["numeral_words"]
    if text.startswith(_skip_phrases(), start):
        return False
    if numeral in numeral_words or (unit and numeral + unit in numeral_words):
        return False
    body = numeral.lstrip("负")
    if body[:1] in "万亿":
        return False
    has_scale = not _SCALE_SET.isdisjoint(body)
    if not has_scale and len(body) > 1 and "点" not in body:
        return False  # 一两, 三五: a vague pair, or a digit string that is not a year
    if unit is None:
        if body != numeral:  # 负一: the sign makes a lone digit a number, unless a word goes on (负一定)
            return not _is_han_at(text, start + len(numeral))
        return has_scale and len(body) > 1
    # 一支利箭, 一张弦弓: 一 with a classifier is an article, not a count.
    return not (body == "一" and not units()[unit][2])


def _is_han_at(text: str, at: int) -> bool:
    return "\u4e00" <= text[at:at + 1] <= "\u9fff"


@lru_cache(maxsize=4096)
def _numeral_value(numeral: str) -> tuple[Decimal, str, int | float] | None:
    """The value of a numeral with its key text and its JSON form, or None if unreadable.

    Cached: documents repeat the same numerals, and the key and JSON forms cost more
    than the look-up."""
    value = Decimal("0.5") if numeral == "半" else read_number(numeral)
    return None if value is None else (value, _decimal_key(value), plain(value))


def _read_quantity(m: re.Match, text: str) -> Reading | None:
    """Return (kind, key, value, qualifier, start, end) of a quantity match, or None."""
    pre, pct, den, lo = m.group("pre", "pct", "den", "lo")
    qualifier = [pre] if pre else []
    if m["words"]:
        return _read_money_words(m, qualifier)
    if pct:
        value = read_number(pct)
        if value is None:
            return None
        return "percent", ("percent", "%", _decimal_key(value)), plain(value), "".join(qualifier), m.start("pct") - 3, m.end("pct")
    if den:
        value = read_number(den + "分之" + m["numer"])
        if value is None:
            return None
        return "number", ("number", "", _decimal_key(value)), plain(value), "", m.start("den"), m.end("numer")
    if lo:
        return _read_range(m, text, qualifier)
    return _read_amount(m, text, qualifier)


def _read_money_words(m: re.Match, qualifier: list[str]) -> Reading | None:
    """An amount in words: 壹拾壹元壹角壹分 (11.11 元), 负壹元整 (-1 元); not a vague one
    (五六千元), nor one cn2an would have to be loaded for."""
    value = read_money_words(m["words"])
    if value is None:
        return None
    return "money", ("money", "元", _decimal_key(value)), plain(value), "".join(qualifier), m.start("words"), m.end()


def _read_amount(m: re.Match, text: str, qualifier: list[str]) -> Reading | None:
    """A number, alone or with its unit (6700余家, 1.9万亿元, 零下5度, 半年)."""
    neg, numeral, inner, unit, post = m.group("neg", "num", "inner", "unit", "post")
    start = m.start("neg") if neg else m.start("num")
    if unit and not inner and numeral[-1:] in "千百" and numeral[-1] + unit in units() and numeral[:-1][-1:].isdigit():
        numeral, unit = numeral[:-1], numeral[-1] + unit  # 10千米 is 10 km, not 10 thousand metres
    if not _is_quantity(m, text, numeral, unit, start):
        return None
    read = _numeral_value(numeral)
    if read is None:
        return None
    value, key, shown = read
    if neg:
        value = -value
        key, shown = _decimal_key(value), plain(value)
    if inner:
        qualifier.append(inner)
    if post:
        qualifier.append(post)
    end = m.end("unit") if unit else m.end("inner") if inner else m.end("num")
    canonical, kind = (units()[unit][:2]) if unit else ("", "number")
    return kind, (kind, canonical, key), shown, "".join(qualifier), start, end


def _is_quantity(m: re.Match, text: str, numeral: str, unit: str | None, start: int) -> bool:
    """Whether the numeral of an amount match at ``start`` states a quantity: not an
    ordinal, not a word holding a numeral (这两天, 千亿级, 5G, 一体化)."""
    before = text[start - 1: start]
    if before == "第":
        return False  # ordinal: 第2天
    chinese = _is_chinese(numeral)
    if chinese and before in words()["not_quantity_before"]:
        return False  # 这两天: "these days", not a count
    after = text[m.end(): m.end() + 1]
    if unit is None and after and (after in words()["not_quantity_after"] or after.isascii() and after.isalpha()):
        return False  # 千亿级, 5G
    if numeral == "半":
        return unit is not None and units()[unit][2]
    if unit == "级" and chinese and not text.startswith(_grade_nouns(), m.end()):
        return False  # 三级甲等, 千亿级: a rank, not a grade of an event (五级火, 七级地震)
    return not chinese or _plausible_chinese(numeral, unit, text, start)


@lru_cache(maxsize=None)
def _grade_nouns() -> tuple[str, ...]:
    return tuple(words()["grade_nouns"])


def _read_range(m: re.Match, text: str, qualifier: list[str]):
    """A range with a unit (1-2个月, 一到二个月): one mention, value ``(low, high)``."""
    low, high = read_number(m["lo"]), read_number(m["hi"])
    if low is None or high is None or low >= high or text[m.start("lo") - 1: m.start("lo")] == "第":
        return None
    canonical, kind = units()[m["runit"]][:2]
    if m["rin"]:
        qualifier.append(m["rin"])
    key = (kind, canonical, (_decimal_key(low), _decimal_key(high)))
    return kind, key, (plain(low), plain(high)), "".join(qualifier), m.start("lo"), m.end("runit")


@lru_cache(maxsize=None)
def _qualifier_word() -> re.Pattern:
    lists = words()
    return re.compile(alternation(
        lists["prefix_qualifiers"] + lists["inner_qualifiers"] + lists["suffix_qualifiers"]))


def _canonical_qualifier(qualifier: str) -> str:
    """The qualifier in one spelling per meaning (6700余家 and 6,700多家 both say 多)."""
    synonyms = words()["qualifier_synonyms"]
    return "".join(synonyms.get(word, word) for word in _qualifier_word().findall(qualifier))


def _read_match(m: re.Match, text: str) -> Reading | None:
    """Turn one match of :func:`_pattern` into (kind, key, value, qualifier, start, end)."""
    read = _read_any(m, text)
    if read is None or not read[3] or read[0] == "date":
        return read
    return read[:3] + (_canonical_qualifier(read[3]),) + read[4:]


def _read_any(m: re.Match, text: str) -> Reading | None:
    # The quantity alternatives come last in the pattern and all their groups after
    # "pre": the last group a match closed says which kind it is in one look.
    if m.lastindex >= m.re.groupindex["pre"]:
        return _read_quantity(m, text)
    if any(m.group("y", "roc", "rel", "iy", "sy", "mm", "dd")):
        date = _read_date(m)
        if date is None:
            return None
        precision, value, qualifier = date
        return "date", ("date", precision, value), value, qualifier, m.start(), m.end()
    if m["ya"]:
        return _read_year_range(m)
    if m["h"]:
        value = f"{int(m['h']):02d}:{m['mi']}" + (f":{m['se']}" if m["se"] else "")
        return "time", ("time", "", value), value, "", m.start(), m.end()
    if m["ch"]:
        value = f"{_hour_of_day(int(m['ch']), m['per']):02d}:{30 if m['half'] else int(m['cm'] or 0):02d}"
        return "time", ("time", "", value), value, "", m.start(), m.end()
    if m["fn"]:
        if _YEAR_PAIR.fullmatch(m.group()):  # 2027/2028, 2027/28: a range of years, not a fraction
            years = _years(m["fn"], m["fd"], m.start(), m.end())
            if years is not None:
                return years
        if not int(m["fd"]):
            return None
        value = Decimal(m["fn"]) / Decimal(m["fd"])
        return "number", ("number", "", _decimal_key(value)), plain(value), "", m.start(), m.end()
    return _read_quantity(m, text)




@lru_cache(maxsize=None)
def _numeral_run_pattern() -> re.Pattern:
    """A run of numeral characters: one C-speed scan finds where to look."""
    return re.compile("[" + re.escape("0123456789半" + CN_NUMERAL_CHARS) + "]+")


@lru_cache(maxsize=None)
def _lead_words() -> frozenset[str]:
    """Words that may stand before a numeral inside a fact (约, 百分之, 零下, 今年, 下午, 民国)."""
    return frozenset(words()["prefix_qualifiers"]) | {"百分之", "零下", "民国", *_RELATIVE_YEARS, *_clock_periods()}


@lru_cache(maxsize=None)
def _lead_ends() -> frozenset[str]:
    return frozenset(word[-1] for word in _lead_words())


@lru_cache(maxsize=None)
def _lead_triggers() -> frozenset[str]:
    """Characters right before a numeral that may start a lead: a qualifier's last, minus, space."""
    return _lead_ends() | set(MINUS_SIGNS + MINUS) | {" "}


@lru_cache(maxsize=None)
def _follow_chars() -> frozenset[str]:
    """Characters that may follow a lone Chinese numeral in a fact: a unit's first, 月, 点 ..."""
    return frozenset(unit[0] for unit in units()) | set("月日号年点分角到至-~～—余多 /")


def _lead_start(text: str, start: int) -> int:
    """Move ``start`` back over qualifier words right before it (达到近9900亿元)."""
    lead, ends = _lead_words(), _lead_ends()
    if text[start - 1: start] and text[start - 1] in MINUS_SIGNS + MINUS:
        start -= 1  # a minus sign (or 负); the pattern's look-behind tells it from a hyphen
    moved = True
    while moved:
        moved = False
        # One space may stand between a qualifier and its number (达 53.5万人).
        edge = start - 1 if text[start - 1: start] == " " else start
        if text[edge - 1: edge] not in ends:
            break
        for width in (3, 2, 1):
            if edge - width >= 0 and text[edge - width:edge] in lead:
                start = edge - width
                moved = True
                break
    return start


def _matches(text: str):
    """Yield the matches of :func:`_pattern`, tried only where numerals are.

    Running the pattern at every character is many times slower; runs of numerals are
    found by a character-class scan, and a lone Chinese digit is tried only when a unit-like
    character follows it (most 一 and 三 are inside words: 一体化, 三地).
    """
    pattern, follow, triggers = _pattern(), _follow_chars(), _lead_triggers()
    reached = 0
    for run_match in _numeral_run_pattern().finditer(text):
        start, end = run_match.span()
        if start < reached:
            continue
        # Most numerals have no qualifier before them: skip the walk back then.
        lead = _lead_start(text, start) if text[start - 1:start] in triggers else start
        if (lead == start and not text[start].isdigit() and text[end:end + 1] not in follow
                and (end - start == 1 or _SCALE_SET.isdisjoint(run_match.group()))):
            continue
        m = pattern.match(text, lead) or (pattern.match(text, start) if lead < start else None)
        if m and m.end() > start:
            reached = m.end()
            yield m


def content_segments(side: Side) -> list[int]:
    """Indexes of the segments of ``side`` that are content (not boilerplate)."""
    return [k for k, seg in enumerate(side.segments) if seg.is_content]


def extract_numbers(side: Side, segments: Sequence[int] | None = None) -> list[Found]:
    """Return the numbers, quantities, money, percentages, dates and times of ``side``.

    Takes a :class:`Side` and the indexes of the segments to read (default: all
    content segments); returns :class:`Found` records in text order, in view offsets.
    """
    return numbers_in(Joined(side, content_segments(side) if segments is None else segments))


def numbers_in(joined: Joined) -> list[Found]:
    """The facts of :func:`extract_numbers` in the text of ``joined``."""
    text = joined.text
    found = []
    for m in _matches(text):
        read = _read_match(m, text)
        if read is not None:
            record = joined.found(*read)
            if record is not None:
                found.append(record)
    return found

