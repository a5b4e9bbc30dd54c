"""Stage 7, facts: numbers, quantities, money, dates and names compared across sources.

Input: both :class:`~aligner.model.Side` objects and the links.  Output: a list of
:class:`~aligner.model.Fact`, conflicts first, then only_a, only_b, then shared.

Extraction reads the converted view text (common script, ASCII digits) of content
segments: one character-class scan finds the runs of numerals, and one compiled
pattern is tried only there (running it at every character cost ~4 s per MB).  Each
mention's view span is mapped back to the original through ``side.view``'s boundaries.  Facts of an identical
one-to-one link are read once, in a, and placed at the same offsets of its b twin.

The figures of a side and its persons found by cue do not depend on the links:
:func:`extract_side` reads them ahead (another process may do it while the other side
or the alignment is worked on) and :func:`compare_facts` takes the result.  On large
inputs :func:`compare_facts` also hands what needs the links but not the comparison (b's
names, the names replaced in changed links, the changed bylines) to a forked child
while a's names are read.

Names (persons, places, organisations) are recognised by :mod:`aligner.names`
(gazetteer, abbreviations, persons next to a title or a verb of saying).  Names are
read outside identical links only: there the words, and so the names, are the same on
both sides.

Comparison runs in passes so that a moved or repeated figure never becomes a false
conflict:

1. inside each link, facts with the same kind, unit and value are shared (the most
   alike contexts first, then the nearest places: a value stated twice keeps its twin);
2. leftovers of a link whose surrounding words agree are a conflict;
3. what is left is matched document-wide by kind, unit and value (a figure stated in
   a sentence without counterpart, a caption, another paragraph);
4. a link's last leftovers of one kind and unit pair up as a conflict;
5. a name replaced in a changed link (the diff's replace edits, read by
   :func:`aligner.names.changed_name`) is a conflict, also when the new name is unknown
   but stands in the old one's place (外长利维 → 外长细川护熙);
6. bylines and author lines that close (or open) the same link and differ are a
   conflict (（李舸） / （宋凤芝）, （本报珀斯1月16日电） / （本报珀斯5月16日电）);
7. the rest is shared when the other source states the value anywhere, else
   one-sided (reported once per value, with a count).

Never a conflict: a figure the PDF extractor wrote with a run doubled (8080 / 80), a
name in variant characters (车伕 / 车夫), a short form inside the long one (人民大学 /
中国人民大学).  A figure cut at its decimal point by a line break (51. / 74亿元) is read
whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, repeat
from operator import add, attrgetter, sub
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Sequence

from .model import Fact, Link, Mention, Side
from .parallel import later, worth_a_child
from .numbers import CN_DIGIT_CHARS, CN_NUMERAL_CHARS, SCALE_CHARS, plain, read_number
from .names import (LISTED, NAME_LIKE, NAME_WINDOW, SHAPED, after_title, alternation, is_common_word, is_han,
                    changed_name, find_person_mentions, forms_of, load_table, name_automaton,
                    to_mainland_usage)

# Characters of context kept either side of a mention for pairing.
CONTEXT = 6
# Least context similarity for a conflict when several candidates share kind and unit.
PAIR_SCORE = 0.34
# Names vary legitimately between rewritten sentences: a name conflict needs near-identical context.
NAME_PAIR_SCORE = 0.5
NAME_KINDS = ("person", "place", "organization")
# How many same-valued mentions are scored by context when one must be chosen.
CANDIDATES = 8
# No mention is longer than this many characters (the longest dates and ranges are ~20).
LONGEST_MENTION = 64


@dataclass(eq=False, slots=True)
class Found:
    """One fact stated in one source, before comparison.

    ``key`` is what "the same fact" means: kind, canonical unit (or date precision)
    and normalised value.  ``start``/``end`` are view offsets, ``segment`` an index
    into ``side.segments``.  ``around`` is where :attr:`context`, the words around the
    mention, is cut from: ``(joined text, start, end, segment start, segment end)``,
    or None for a fact made by a pass (no context).
    """

    kind: str
    key: tuple
    value: Any
    qualifier: str
    start: int
    end: int
    segment: int
    around: tuple[str, int, int, int, int] | None = None
    # Filled by ``grams`` when first asked (functools.cached_property takes a lock per
    # read in this Python, which the comparison passes felt).
    _grams: frozenset[str] | None = field(default=None, init=False, repr=False)
    # Filled by :func:`_mention` when first asked.
    _mention: Mention | None = field(default=None, init=False, repr=False)

    def __reduce__(self):
        # Pickled as constructor arguments (the grams are recomputed when asked): one
        # side's facts may be read in another process (:func:`extract_side`).
        return Found, (self.kind, self.key, self.value, self.qualifier, self.start, self.end,
                       self.segment, self.around)

    @property
    def unit(self) -> str:
        return self.key[1]

    @property
    def context(self) -> str:
        """The words around the mention, cut when asked: most facts never are."""
        return "" if self.around is None else _context(*self.around)

    @property
    def grams(self) -> frozenset[str]:
        """Character bigrams of the context, computed when first compared."""
        if self._grams is None:
            context = self.context
            self._grams = frozenset(context[i:i + 2] for i in range(len(context) - 1))
        return self._grams


# --------------------------------------------------------------------------- tables


@lru_cache(maxsize=None)
def _units() -> dict[str, tuple[str, str, bool]]:
    return {unit: tuple(row) for unit, row in load_table("fact_units.json").items() if not unit.startswith("_")}


@lru_cache(maxsize=None)
def _words() -> dict[str, Any]:
    return load_table("fact_words.json")


# --------------------------------------------------------------------------- numbers and dates

_ARABIC = r"(?<![A-Za-z0-9.])-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[百千万亿]+)?"
_CHINESE = rf"负?[{CN_NUMERAL_CHARS}]+(?:点[{CN_DIGIT_CHARS}]+[万亿]*)?"
_NUM = rf"(?:{_ARABIC}|{_CHINESE})"
# Any four digits before 年 are a year: a changed year (1997 → 7997) must stay a date.
_YEAR = r"(?<!\d)\d{4}(?!\d)|[〇零一二三四五六七八九]{4}"
# Any one or two digits before 月 and 日 make a date (a changed 12月 → 32月, 19日 → 99日
# must stay one); only a day standing alone in Chinese numerals must be a real day.
_MONTH = r"(?<!\d)\d\d?(?!\d)|十[一二]?|[一二三四五六七八九]"
_ANY_DAY = r"(?<!\d)\d\d?(?!\d)|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]"
_DAY = r"(?<!\d)\d\d?(?!\d)|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]"
_RELATIVE_YEARS = ("今年", "去年", "明年", "前年", "同年", "当年")


@lru_cache(maxsize=None)
def _pattern() -> re.Pattern:
    """The one pattern for dates, times, percentages, ranges, fractions and quantities."""
    words = _words()
    units = alternation(_units())
    pre = alternation(words["prefix_qualifiers"])
    inner = alternation(words["inner_qualifiers"])
    post = alternation(words["suffix_qualifiers"])
    return re.compile(rf"""
      (?P<y>{_YEAR})年(?:(?P<m>{_MONTH})月(?:(?P<d>{_ANY_DAY})[日号])?)?(?P<yq>底|初|末)?
    | (?P<rel>{'|'.join(_RELATIVE_YEARS)})(?P<rm>{_MONTH})月(?:(?P<rd>{_ANY_DAY})[日号])?
    | (?<!\d)(?P<iy>[12]\d\d\d)(?P<sep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=sep)(?P<id>3[01]|[12]\d|0?[1-9])(?!\d)
    | (?<!\d)(?P<sy>[12]\d\d\d)[ ]+(?P<sm>1[0-2]|0?[1-9])/(?P<sd>3[01]|[12]\d|0?[1-9])(?!\d)
    | (?<![\d月])(?P<mm>{_MONTH})月(?P<md>{_ANY_DAY})[日号]
    | (?<![\d月])(?P<dd>{_DAY})日
    | (?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<se>[0-5]\d))?(?![\d:])
    | (?<![\d/])(?P<fn>\d+)/(?P<fd>\d+)(?![\d/])
    | (?:(?P<pre>(?:{pre})+)[ ]?)?(?:
        百分之(?P<pct>{_NUM})
      | (?P<lo>{_NUM})[ ]?[-~～到至—][ ]?(?P<hi>{_NUM})[ ]?(?P<rin>{inner})?[ ]?(?P<runit>{units})
      | (?P<den>{_CHINESE})分之(?P<numer>{_CHINESE})
      | (?P<neg>零下)?(?P<num>{_NUM}|半)[ ]?(?P<inner>{inner})?(?:[ ]?(?P<unit>{units})(?![A-Za-z]))?(?P<post>{post})?
    )""", re.VERBOSE)


def _decimal_key(value: Decimal) -> str:
    """Canonical text of a value, so 30, 30.0 and 3E+1 are one key."""
    return format(value.normalize(), "f")


def _read_date(m: re.Match) -> tuple[str, str, str] | None:
    """Return (precision, ISO-like value, qualifier) of a date match, or None if invalid."""
    def number(text):
        value = read_number(text)
        return None if value is None else int(value)

    if m["y"]:
        year = number(m["y"])
        parts = [f"{year:04d}"]
        for group in ("m", "d"):
            if m[group]:
                part = number(m[group])
                if part is None:
                    return None
                parts.append(f"{part:02d}")
        return "date:" + "YMD"[: len(parts)], "-".join(parts), m["yq"] or ""
    if m["rel"]:
        month, day = number(m["rm"]), number(m["rd"]) if m["rd"] else None
        value = f"{m['rel']}-{month:02d}" + (f"-{day:02d}" if day else "")
        return ("date:RMD" if day else "date:RM"), value, ""
    if m["iy"] or m["sy"]:
        y, mo, d = (m["iy"], m["im"], m["id"]) if m["iy"] else (m["sy"], m["sm"], m["sd"])
        return "date:YMD", f"{int(y):04d}-{int(mo):02d}-{int(d):02d}", ""
    if m["mm"]:
        month, day = number(m["mm"]), number(m["md"])
        if month is None or day is None:
            return None
        return "date:MD", f"--{month:02d}-{day:02d}", ""
    day = number(m["dd"])
    if day is None or not (m["dd"].isdigit() or 1 <= day <= 31):
        return None
    return "date:D", f"---{day:02d}", ""


def _is_chinese(numeral: str) -> bool:
    return not (numeral[0].isdigit() or numeral[0] == "-")


@lru_cache(maxsize=None)
def _skip_phrases() -> tuple[str, ...]:
    """Words that start with a numeral but state no quantity (一体化), as one tuple for ``startswith``."""
    return tuple(_words()["skip_phrases"])


_SCALE_SET = frozenset(SCALE_CHARS)


def _plausible_chinese(numeral: str, unit: str | None, text: str, start: int) -> bool:
    """Whether a Chinese numeral is a quantity, not part of a word (一体化, 一两家, 千万)."""
    words = _words()
    if text.startswith(_skip_phrases(), start):
        return False
    if numeral in words["numeral_words"] or (unit and numeral + unit in words["numeral_words"]):
        return False
    body = numeral.lstrip("负")
    if body[:1] in "万亿":
        return False
    has_scale = not _SCALE_SET.isdisjoint(body)
    if not has_scale and len(body) > 1 and "点" not in body:
        return False  # 一两, 三五: a vague pair, or a digit string that is not a year
    if unit is None:
        return has_scale and len(body) > 1
    # 一支利箭, 一张弦弓: 一 with a classifier is an article, not a count.
    return not (body == "一" and not _units()[unit][2])


@lru_cache(maxsize=4096)
def _numeral_value(numeral: str) -> tuple[Decimal, str, int | float] | None:
    """The value of a numeral with its key text and its JSON form, or None if unreadable.

    Cached: documents repeat the same numerals, and the key and JSON forms cost more
    than the look-up."""
    value = Decimal("0.5") if numeral == "半" else read_number(numeral)
    return None if value is None else (value, _decimal_key(value), plain(value))


def _read_quantity(m: re.Match, text: str) -> tuple[str, tuple, Any, str, int, int] | None:
    """Return (kind, key, value, qualifier, start, end) of a quantity match, or None."""
    pre, pct, den, lo, neg, numeral, inner, unit, post = m.group(
        "pre", "pct", "den", "lo", "neg", "num", "inner", "unit", "post")
    qualifier = [pre] if pre else []
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
    start = m.start("neg") if neg else m.start("num")
    before = text[start - 1: start]
    if before == "第":
        return None  # ordinal: 第2天
    chinese = _is_chinese(numeral)
    if chinese and before in _words()["not_quantity_before"]:
        return None  # 这两天: "these days", not a count
    after = text[m.end(): m.end() + 1]
    if unit is None and after and (after in _words()["not_quantity_after"] or after.isascii() and after.isalpha()):
        return None  # 千亿级, 5G
    if numeral == "半":
        if unit is None or not _units()[unit][2]:
            return None
    elif chinese and not _plausible_chinese(numeral, unit, text, start):
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
    canonical, kind = (_units()[unit][:2]) if unit else ("", "number")
    return kind, (kind, canonical, key), shown, "".join(qualifier), start, end


def _read_range(m: re.Match, text: str, qualifier: list[str]):
    """A range with a unit (1-2个月, 一到二个月): one mention, value ``(low, high)``."""
    low, high = read_number(m["lo"]), read_number(m["hi"])
    if low is None or high is None or low >= high or text[m.start("lo") - 1: m.start("lo")] == "第":
        return None
    canonical, kind = _units()[m["runit"]][:2]
    if m["rin"]:
        qualifier.append(m["rin"])
    key = (kind, canonical, (_decimal_key(low), _decimal_key(high)))
    return kind, key, (plain(low), plain(high)), "".join(qualifier), m.start("lo"), m.end("runit")


@lru_cache(maxsize=None)
def _qualifier_word() -> re.Pattern:
    words = _words()
    return re.compile(alternation(
        words["prefix_qualifiers"] + words["inner_qualifiers"] + words["suffix_qualifiers"]))


def _canonical_qualifier(qualifier: str) -> str:
    """The qualifier in one spelling per meaning (6700余家 and 6,700多家 both say 多)."""
    synonyms = _words()["qualifier_synonyms"]
    return "".join(synonyms.get(word, word) for word in _qualifier_word().findall(qualifier))


def _read_match(m: re.Match, text: str) -> tuple[str, tuple, Any, str, int, int] | None:
    """Turn one match of :func:`_pattern` into (kind, key, value, qualifier, start, end)."""
    read = _read_any(m, text)
    if read is None or not read[3] or read[0] == "date":
        return read
    return read[:3] + (_canonical_qualifier(read[3]),) + read[4:]


def _read_any(m: re.Match, text: str) -> tuple[str, tuple, Any, str, int, int] | None:
    # The quantity alternatives come last in the pattern and all their groups after
    # "pre": the last group a match closed says which kind it is in one look.
    if m.lastindex >= m.re.groupindex["pre"]:
        return _read_quantity(m, text)
    if any(m.group("y", "rel", "iy", "sy", "mm", "dd")):
        date = _read_date(m)
        if date is None:
            return None
        precision, value, qualifier = date
        return "date", ("date", precision, value), value, qualifier, m.start(), m.end()
    if m["h"]:
        value = f"{int(m['h']):02d}:{m['mi']}" + (f":{m['se']}" if m["se"] else "")
        return "time", ("time", "", value), value, "", m.start(), m.end()
    if m["fn"]:
        if not int(m["fd"]):
            return None
        value = Decimal(m["fn"]) / Decimal(m["fd"])
        return "number", ("number", "", _decimal_key(value)), plain(value), "", m.start(), m.end()
    return _read_quantity(m, text)


class _Joined:
    """Some segments of one side joined by newlines, with the way back to view offsets.

    Reading a joined text keeps the scan in C and leaves out what is not content (or
    was taken from the other side); ``locate`` turns a span of it into a segment.
    A figure cut in two at its decimal point (``案值51.`` / ``74亿元``, a PDF line break
    the segmenter took for a sentence end) is joined back without the newline.
    """

    def __init__(self, side: Side, segments: Sequence[int]) -> None:
        self.side = side
        self.segments = list(segments)
        # Built with map() rather than loops: tens of thousands of segments, several
        # joins per comparison, and ``locate`` needs three numbers per segment.
        chosen = list(map(side.segments.__getitem__, self.segments))
        texts = list(map(attrgetter("normalized"), chosen))
        lengths = list(map(len, texts))
        # A cut figure ends its first half with a point: only those segments are tested.
        self.glued = {n for n in compress(range(len(texts) - 1), map(str.endswith, texts, repeat(".")))
                      if self._cut_figure(self.segments[n], self.segments[n + 1])}
        newlines = [1] * len(texts)
        for n in self.glued:
            newlines[n] = 0
        # Per joined segment: where it starts and ends in the joined text, and what to
        # add to a joined offset to get its view offset.
        self.offsets = list(accumulate(map(add, lengths, newlines), initial=0))[:-1]
        self.ends = list(map(add, self.offsets, lengths))
        self.shifts = list(map(sub, map(attrgetter("norm_start"), chosen), self.offsets))
        if self.glued:
            self.text = "".join(text + "\n" * newline for text, newline in zip(texts, newlines))[:-1]
        else:
            self.text = "\n".join(texts)

    def _cut_figure(self, before: int, after: int) -> bool:
        """Whether segment ``after`` continues a figure that segment ``before`` cut at its point."""
        if after != before + 1:
            return False
        first, second = self.side.segments[before], self.side.segments[after]
        gap = self.side.view.text[first.norm_start + len(first.normalized):second.norm_start]
        return (len(first.normalized) > 1 and first.normalized[-1] == "." and first.normalized[-2].isdigit()
                and second.normalized[:1].isdigit() and not gap.strip())

    def locate(self, start: int, end: int) -> tuple[int, int, int, int, int] | None:
        """Return (segment index, view start, view end, segment start, segment end) of a
        joined span, or None when the span crosses a segment end (other than a cut figure's)."""
        n = last = bisect_right(self.offsets, start) - 1
        ends = self.ends
        seg_end = ends[n]
        while end > seg_end and last in self.glued:
            last += 1
            seg_end = ends[last]
        if end > seg_end:
            return None
        end_in = n if end <= ends[n] else last
        return self.segments[n], start + self.shifts[n], end + self.shifts[end_in], self.offsets[n], seg_end

    def found(self, kind: str, key: tuple, value: Any, qualifier: str, start: int, end: int) -> Found | None:
        """A :class:`Found` for a joined span, in view offsets; None across a segment end."""
        where = self.locate(start, end)
        if where is None:
            return None
        segment, view_start, view_end, seg_start, seg_end = where
        return Found(kind, key, value, qualifier, view_start, view_end, segment,
                     (self.text, start, end, seg_start, seg_end))


_NOT_MENTION_EDGE = frozenset(" \t\r\n\u3000&□\ufffd")
_NOT_CONTEXT = str.maketrans("", "", "0123456789 \t\n.,")


def _context(text: str, start: int, end: int, seg_start: int, seg_end: int) -> str:
    """Words around a mention inside its segment, digits and spaces left out."""
    left = text[max(seg_start, start - CONTEXT): start]
    right = text[end: min(seg_end, end + CONTEXT)]
    return (left + "|" + right).translate(_NOT_CONTEXT)


@lru_cache(maxsize=None)
def _numeral_run_pattern() -> re.Pattern:
    """A run of numeral characters: one C-speed scan finds where to look."""
    return re.compile("[" + re.escape("0123456789半" + CN_NUMERAL_CHARS) + "]+")


@lru_cache(maxsize=None)
def _lead_words() -> frozenset[str]:
    """Words that may stand before a numeral inside a fact (约, 百分之, 零下, 今年)."""
    return frozenset(_words()["prefix_qualifiers"]) | {"百分之", "零下", *_RELATIVE_YEARS}


@lru_cache(maxsize=None)
def _lead_ends() -> frozenset[str]:
    return frozenset(word[-1] for word in _lead_words())


@lru_cache(maxsize=None)
def _lead_triggers() -> frozenset[str]:
    """Characters right before a numeral that may start a lead: a qualifier's last, minus, space."""
    return _lead_ends() | {"-", " "}


@lru_cache(maxsize=None)
def _follow_chars() -> frozenset[str]:
    """Characters that may follow a lone Chinese numeral in a fact: a unit's first, 月, 点 ..."""
    return frozenset(unit[0] for unit in _units()) | set("月日号年点分到至-~～—余多 ")


def _lead_start(text: str, start: int) -> int:
    """Move ``start`` back over qualifier words right before it (达到近9900亿元)."""
    lead, ends = _lead_words(), _lead_ends()
    if text[start - 1: start] == "-":
        start -= 1  # a minus sign; the pattern's look-behind tells it from a hyphen
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

    Running the pattern at every character costs ~4 s per MB; runs of numerals are
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
    return _numbers_in(_Joined(side, content_segments(side) if segments is None else segments))


def _numbers_in(joined: _Joined) -> list[Found]:
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


def _identical_pairs(side_a: Side, side_b: Side, links: Sequence[Link],
                     positions: dict[str, dict[str, int]]) -> dict[int, int]:
    """Segment index in b → in a, for identical one-to-one links with equal normalised text.

    ``positions`` gives, per side, the index of each segment id (:func:`_positions`)."""
    index_a, index_b = positions["a"], positions["b"]
    pairs = {}
    for link in links:
        if link.status == "identical" and len(link.a) == len(link.b) == 1:
            k, j = index_a[link.a[0]], index_b[link.b[0]]
            if side_a.segments[k].normalized == side_b.segments[j].normalized:
                pairs[j] = k
    return pairs


def _mirrored(found_a: list[Found], side_a: Side, side_b: Side, pairs: dict[int, int]) -> list[Found]:
    """The facts of a's identical segments, placed in their b twins (same text, so same facts)."""
    twin = {k: j for j, k in pairs.items()}
    mirrored = []
    for f in found_a:
        j = twin.get(f.segment)
        if j is not None:
            shift = side_b.segments[j].norm_start - side_a.segments[f.segment].norm_start
            mirrored.append(Found(f.kind, f.key, f.value, f.qualifier, f.start + shift, f.end + shift,
                                  j, f.around))
    return mirrored


# --------------------------------------------------------------------------- names


def extract_names(side: Side, automaton, segments: Sequence[int]) -> list[Found]:
    """Return the persons, places and organisations named in ``side``'s ``segments``.

    ``automaton`` comes from :func:`_name_automaton`.  Identical links are left out by
    the caller: there the words, and so the names, are the same on both sides.
    Returns :class:`Found` records, one per name and segment, valued by canonical name.
    """
    joined = _Joined(side, segments)
    found, seen = [], set()
    for last, (length, canonical, kind) in automaton.iter_long(joined.text):
        record = joined.found(kind, (kind, "", canonical), canonical, "", last + 1 - length, last + 1)
        if record is not None and (record.segment, canonical) not in seen:
            seen.add((record.segment, canonical))
            found.append(record)
    return found


class _Unread:
    """The segments of one side that name recognition skipped, for a look-up by name."""

    def __init__(self, side: Side, segments: Sequence[int]) -> None:
        self.joined = _Joined(side, segments)
        self.cache: dict[str, Found | None] = {}

    def find(self, f: Found) -> Found | None:
        """The first mention of name ``f`` here, as a :class:`Found`, or None."""
        if f.value not in self.cache:
            text = self.joined.text
            hits = [(at, form) for form in forms_of().get(f.value, (f.value,))
                    if (at := text.find(form)) >= 0]  # finding a name to extract it
            self.cache[f.value] = None
            if hits:
                at, form = min(hits)
                self.cache[f.value] = self.joined.found(f.kind, f.key, f.value, "", at, at + len(form))
        return self.cache[f.value]


def _read_text(side: Side, segments: Sequence[int]) -> str:
    """The normalised text of ``segments``, one per line."""
    return "\n".join(side.segments[k].normalized for k in segments)


# --------------------------------------------------------------------------- comparison


def _similarity(a: Found, b: Found) -> float:
    """Share of character bigrams the two mentions' contexts have in common (0..1)."""
    if not a.grams or not b.grams:
        return 0.0
    return len(a.grams & b.grams) / len(a.grams | b.grams)


def _best(f: Found, candidates: list[Found]) -> Found:
    """The candidate whose context is most like ``f``'s (the first on ties).

    Only the first ``CANDIDATES`` are scored: a value stated hundreds of times must
    not make the comparison quadratic.
    """
    if len(candidates) == 1:
        return candidates[0]
    best, best_score = candidates[0], -1.0
    for other in candidates[:CANDIDATES]:
        score = _similarity(f, other)
        if score > best_score:
            best, best_score = other, score
    return best


class _Comparison:
    """The state of one comparison: what each side states, what is paired, the facts so far.

    ``found[s]`` lists the facts of side ``s`` in text order, ``in_link[s][k]`` the
    link of segment ``k`` (None when one-sided), ``unread[s]`` the segments that name
    recognition skipped (identical links), searched when a name is missing elsewhere.
    """

    def __init__(self, sides: dict[str, Side], found: dict[str, list[Found]],
                 in_link: dict[str, list[int | None]], unread: dict[str, _Unread]):
        self.sides, self.found, self.in_link, self.unread = sides, found, in_link, unread
        self.used: set[Found] = set()
        self.facts: list[Fact] = []
        self.index: dict[str, dict[tuple, list[Found]]] = {}
        for side, items in found.items():
            index = self.index[side] = {}
            for f in items:
                index.setdefault(f.key, []).append(f)
        self._cursor: dict[tuple[str, tuple], int] = {}
        self._starts = {side: [f.start for f in items] for side, items in found.items()}

    def overlapping(self, side: str, start: int, end: int) -> list[Found]:
        """The facts of ``side`` whose view span overlaps ``[start, end)`` (an empty span: touches it).

        ``found`` is in text order and mentions are short, so a bisect finds them.
        """
        end = max(end, start + 1)
        items, starts = self.found[side], self._starts[side]
        first = bisect_left(starts, start - LONGEST_MENTION)
        return [f for f in items[first:bisect_left(starts, end)] if start < f.end]

    def mention(self, side: str, f: Found) -> Mention:
        """The :class:`Mention` of ``f``, a fact of ``side``."""
        return f._mention or _mention(self.sides[side], f)

    def link_of(self, side: str, f: Found) -> int | None:
        return self.in_link[side][f.segment]

    def pair(self, a: Found, b: Found, status: str, link: int | None) -> None:
        """Record a shared or conflicting pair and mark both as used."""
        self.used.update((a, b))
        note = None
        if status == "conflict":
            note = f"value differs: {self.shown('a', a)} / {self.shown('b', b)}"
        elif a.qualifier != b.qualifier:
            note = f"qualifier differs: {a.qualifier or 'none'} / {b.qualifier or 'none'}"
        self.facts.append(Fact(a.kind, status, self.mention("a", a), self.mention("b", b), link, note))

    def shown(self, side: str, f: Found) -> str:
        """A fact as the note names it: its qualifier and its words in the common script."""
        words = "".join(self.sides[side].view.text[f.start:f.end].split())
        return words if f.kind == "date" else f.qualifier + words  # a date's 底 is inside its words

    def free(self, side: str, key: tuple) -> list[Found]:
        """The first ``CANDIDATES`` unused facts of ``side`` with ``key``, document-wide."""
        items = self.index[side].get(key, ())
        k = self._cursor.get((side, key), 0)
        while k < len(items) and items[k] in self.used:
            k += 1  # the cursor skips the used head, so repeated values stay linear
        self._cursor[(side, key)] = k
        return [f for f in items[k:k + 2 * CANDIDATES] if f not in self.used][:CANDIDATES]


def _mention(side: Side, f: Found) -> Mention:
    """The :class:`Mention` of ``f``, a fact of ``side``: its span of the original text and
    its value (cut once, kept in ``f``)."""
    source, origin = side.source.text, side.view.origin
    # The view's boundary array read directly (``view.span`` per mention costs two calls).
    start, end = (f.start, f.end) if origin is None else (origin[f.start], origin[f.end])
    # Text the view dropped (a joined line break, a lost-glyph mark) belongs to the
    # neighbouring character's span; a mention neither starts nor ends with it.
    while end > start and source[end - 1] in _NOT_MENTION_EDGE:
        end -= 1
    while start < end and source[start] in _NOT_MENTION_EDGE:
        start += 1
    f._mention = Mention(start, end, source[start:end], f.value)
    return f._mention


def _link_members(cmp: _Comparison, count: int) -> list[tuple[list[Found], list[Found]]]:
    """For each link, the facts stated in its segments of a and of b."""
    members: list[tuple[list[Found], list[Found]]] = [([], []) for _ in range(count)]
    for column, side in enumerate(("a", "b")):
        in_link = cmp.in_link[side]
        for f in cmp.found[side]:
            n = in_link[f.segment]  # what ``link_of`` says, read in the loop: one per fact
            if n is not None:
                members[n][column].append(f)
    return members


@lru_cache(maxsize=None)
def _variant_folds() -> dict[int, str]:
    return str.maketrans(_words()["name_variants"])


def _same_name(text_a: str, text_b: str) -> bool:
    """Whether two names are one, written with variant characters (车伕 = 车夫)."""
    folds = _variant_folds()
    return text_a.translate(folds) == text_b.translate(folds)


def _relative_places(found: list[Found]) -> dict[Found, float]:
    """Where each fact stands in its link's text, from 0 (first) to 1 (last)."""
    if not found:
        return {}
    first, last = found[0].start, max(f.start for f in found)
    width = max(1, last - first)
    return {f: (f.start - first) / width for f in found}


def _pair_unique_keys(cmp: _Comparison, n: int, in_a: list[Found], in_b: list[Found]) -> bool:
    """Pair the equal facts of link ``n`` when no key is stated twice on either side, the
    common case (every identical link): there is nothing to choose.  Returns False,
    pairing nothing, when some key repeats."""
    if len(in_a) == len(in_b) == 1:  # most links state one fact: no table needed
        if in_a[0].key == in_b[0].key:
            cmp.pair(in_a[0], in_b[0], "shared", n)
        return True
    keys_b = {f.key: f for f in in_b}
    if len(keys_b) < len(in_b) or len({f.key for f in in_a}) < len(in_a):
        return False
    for a in in_a:
        b = keys_b.get(a.key)
        if b is not None:
            cmp.pair(a, b, "shared", n)
    return True


def _pass_exact_in_links(cmp: _Comparison, members) -> None:
    """Pair equal facts inside each link: the most alike contexts first, then the nearest
    places in the link (a value stated twice keeps its own twin, 1所 … 1所)."""
    for n, (in_a, in_b) in enumerate(members):
        if not in_a or not in_b:
            continue
        if _pair_unique_keys(cmp, n, in_a, in_b):
            continue
        by_key: dict[tuple, tuple[list[Found], list[Found]]] = {}
        for column, items in enumerate((in_a, in_b)):
            for f in items:
                by_key.setdefault(f.key, ([], []))[column].append(f)
        places = None
        candidates = []
        for same_a, same_b in by_key.values():
            if len(same_a) == len(same_b) == 1:
                cmp.pair(same_a[0], same_b[0], "shared", n)  # the common case: nothing to choose
                continue
            if not same_a or not same_b:
                continue
            if places is None:
                places = _relative_places(in_a) | _relative_places(in_b)
            for a in same_a:
                for b in same_b[:CANDIDATES]:  # a long list of one value is not scored in full
                    candidates.append((-_similarity(a, b), abs(places[a] - places[b]), a.start, b.start, a, b))
        candidates.sort(key=lambda c: c[:4])
        for *_, a, b in candidates:
            if a not in cmp.used and b not in cmp.used:
                cmp.pair(a, b, "shared", n)


def _pass_exact_document(cmp: _Comparison) -> None:
    for a in cmp.found["a"]:
        if a in cmp.used or a.kind in NAME_KINDS:
            continue  # names outside links are reported once per name, in the last pass
        same = cmp.free("b", a.key)
        if same:
            cmp.pair(a, _best(a, same), "shared", None)


def _collapses_to(longer: str, shorter: str, depth: int = 2) -> bool:
    """Whether ``longer`` becomes ``shorter`` once up to ``depth`` runs written twice in a
    row are written once (8080 → 80, 1601601315 → 1601315, 十五十五 → 十五)."""
    if longer == shorter:
        return True
    if depth == 0 or len(longer) <= len(shorter):
        return False
    for size in range(1, len(longer) // 2 + 1):
        for i in range(len(longer) - 2 * size + 1):
            if longer[i:i + size] == longer[i + size:i + 2 * size]:
                if _collapses_to(longer[:i] + longer[i + size:], shorter, depth - 1):
                    return True
    return False


def _doubled_in_extraction(cmp: "_Comparison", a: Found, b: Found) -> bool:
    """Whether one mention is the other with a run doubled: a PDF extractor writes some
    runs twice (８０８０∶６８), an editor changing a figure does not."""
    text_a = "".join(cmp.sides["a"].view.text[a.start:a.end].split())
    text_b = "".join(cmp.sides["b"].view.text[b.start:b.end].split())
    longer, shorter = (text_a, text_b) if len(text_a) > len(text_b) else (text_b, text_a)
    return len(longer) > len(shorter) and _collapses_to(longer, shorter)


def _conflict_candidates(cmp: "_Comparison", left_a: list[Found], left_b: list[Found],
                         alone_too: bool) -> list[tuple[float, int, int]]:
    """Pairs (score, i, j) of leftover facts of one link that may state the same thing.

    A pair qualifies by similar surrounding words; with ``alone_too`` also when it is
    the only remaining figure of its kind and unit on both sides.
    """
    counts_a: dict[tuple, int] = {}
    counts_b: dict[tuple, int] = {}
    for f in left_a:
        counts_a[f.key[:2]] = counts_a.get(f.key[:2], 0) + 1
    for f in left_b:
        counts_b[f.key[:2]] = counts_b.get(f.key[:2], 0) + 1
    candidates = []
    for i, a in enumerate(left_a):
        for j, b in enumerate(left_b):
            if a.key[:2] != b.key[:2] or a.key == b.key or _doubled_in_extraction(cmp, a, b):
                continue
            if a.kind in NAME_KINDS and (a.value in b.value or b.value in a.value or _same_name(a.value, b.value)):
                continue  # 人民大学 and 中国人民大学: a short form, or a longer name changed around it
            score = _similarity(a, b)
            if a.kind in NAME_KINDS:
                ok = score >= NAME_PAIR_SCORE
            else:
                # The only remaining figure of its kind and unit on both sides is the same
                # statement changed; among several, the surrounding words decide.
                # Alone, the pair still needs some shared context: a date in a running head
                # linked with a date in a byline is not one statement changed.
                alone = alone_too and counts_a[a.key[:2]] == counts_b[b.key[:2]] == 1
                ok = score >= PAIR_SCORE or alone and (score > 0 or a.context == b.context == "|")
            if ok:
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    return candidates


def _pass_conflicts(cmp: _Comparison, members, alone_too: bool) -> None:
    for n, (in_a, in_b) in enumerate(members):
        if not in_a or not in_b:
            continue
        left_a = [f for f in in_a if f not in cmp.used]
        left_b = [f for f in in_b if f not in cmp.used]
        if not left_a or not left_b:
            continue
        for _, i, j in _conflict_candidates(cmp, left_a, left_b, alone_too):
            if left_a[i] not in cmp.used and left_b[j] not in cmp.used:
                cmp.pair(left_a[i], left_b[j], "conflict", n)


def _pass_rest(cmp: _Comparison) -> None:
    """Shared when the other side states the value anywhere, else one-sided once per value.

    A name is an entity, not a statement: outside links it is reported shared once.
    """
    shared_names = {fact.a.value for fact in cmp.facts if fact.kind in NAME_KINDS}
    for side, other in (("a", "b"), ("b", "a")):
        reported: dict[tuple, list[int]] = {}  # key -> [index of its fact, times stated]
        for f in cmp.found[side]:
            if f in cmp.used:
                continue
            if f.kind in NAME_KINDS:
                there = _first(cmp.index[other].get(f.key)) or cmp.unread[other].find(f)
                if there is not None and f.value not in shared_names:
                    shared_names.add(f.value)
                    cmp.pair(*((f, there) if side == "a" else (there, f)), "shared", None)
                if there is not None:
                    continue
            else:
                same = cmp.index[other].get(f.key)
                if same:
                    pair = (f, _best(f, same)) if side == "a" else (_best(f, same), f)
                    cmp.facts.append(Fact(f.kind, "shared", cmp.mention("a", pair[0]),
                                          cmp.mention("b", pair[1]), None, None))
                    continue
            if f.key in reported:
                reported[f.key][1] += 1
                continue
            reported[f.key] = [len(cmp.facts), 1]
            mention = cmp.mention(side, f)
            cmp.facts.append(Fact(f.kind, f"only_{side}", mention if side == "a" else None,
                                  mention if side == "b" else None, cmp.link_of(side, f)))
        for n, times in reported.values():
            if times > 1:
                fact = cmp.facts[n]
                cmp.facts[n] = Fact(fact.kind, fact.status, fact.a, fact.b, fact.link,
                                    f"stated {times} times in {side}")


# Characters either side of a changed name that must be the same on both sides.
NAME_NEIGHBOURS = 2


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The neighbours of a name in view text, spaces left out."""
    left = "".join(text[max(0, start - NAME_NEIGHBOURS - 2):start].split())[-NAME_NEIGHBOURS:]
    right = "".join(text[end:end + NAME_NEIGHBOURS + 2].split())[:NAME_NEIGHBOURS]
    return left, right


def _neighbours_kept(sides: dict[str, Side], span_a: tuple[int, int], span_b: tuple[int, int]) -> tuple[bool, bool]:
    """Whether the words just before, and just after, two changed names are the same."""
    left_a, right_a = _around(sides["a"].view.text, *span_a)
    left_b, right_b = _around(sides["b"].view.text, *span_b)
    return left_a == left_b, right_a == right_b


def _same_in_mainland_usage(sides: dict[str, Side], span_a: tuple[int, int], span_b: tuple[int, int]) -> bool:
    """Whether one side's changed name, with a few characters around it, reads as the
    other's once Taiwan usage is made mainland usage (喬治亞 = 格鲁吉亚, 太空梭 = 航天飞机).

    The other name must stand where the changed name stood (within two characters), not
    merely nearby: 中国 a few words after 馒头营乡 is not 馒头营乡 written another way.
    """
    def around(side, start, end):
        view, source = sides[side].view, sides[side].source.text
        left = view.span(max(0, start - NAME_WINDOW), start)
        right = view.span(end, min(len(view.text), end + NAME_WINDOW))
        before = "".join(source[left[0]:left[1]].split())
        whole = to_mainland_usage("".join(source[left[0]:right[1]].split()))
        return len(before), whole

    def stands_in(name, side, span):
        before, whole = around(side, *span)
        at = whole.find(name, max(0, before - 2))  # reading converted text, not recovering a position
        return 0 <= at <= before + 2

    name_a = sides["a"].view.text[span_a[0]:span_a[1]]
    name_b = sides["b"].view.text[span_b[0]:span_b[1]]
    return stands_in(name_b, "a", span_a) or stands_in(name_a, "b", span_b)


def _view_offset(side: Side, original: int) -> int:
    """The view boundary of an original offset: bisect on the monotone map, no search."""
    if side.view.origin is None:
        return original
    return bisect_left(side.view.origin, original)


def _names_replaced(sides: dict[str, Side], name_a: tuple[int, int, int], name_b: tuple[int, int, int]) -> bool:
    """Whether two changed spans (view start, end, level of :func:`_changed_name`) are one
    name replaced by another, not rewording (进行 → 开展, 智慧化 → 智能化).

    A curated name on one side, or a name listed or shaped on both, is enough; a name
    replaced by an unknown run of characters (利维 → 细川护熙) must keep the words
    around it, all of them when neither side is a listed name.  Taiwan usage of a name
    (喬治亞 = 格鲁吉亚) is not a change.
    """
    (a0, a1, level_a), (b0, b1, level_b) = name_a, name_b
    high, low = max(level_a, level_b), min(level_a, level_b)
    if low == NAME_LIKE:
        left, right = _neighbours_kept(sides, (a0, a1), (b0, b1))
        if high >= LISTED:
            in_place = left or right  # a name changed in place keeps a neighbour
        elif high == SHAPED:
            in_place = left and right
        else:
            in_place = left and right and after_title(sides["a"].view.text, a0)
        if not in_place:
            return False
    return not _same_in_mainland_usage(sides, (a0, a1), (b0, b1))


def _name_replacements(sides: dict[str, Side], links: Sequence[Link], persons: frozenset[str]):
    """Names replaced inside changed links (a planted or real change of who, where, which body).

    Reads the diff's replace edits: both changed spans must read as names, and differ.
    Returns ``(link, name in a, name in b)`` per such edit, each name as
    :func:`changed_name` gives it.  Depends on the links and the texts only, not on
    the other passes, so it may be read in another process (:func:`compare_facts`).
    """
    replaced = []
    for n, link in enumerate(links):
        if link.status != "changed":
            continue
        for edit in link.edits:
            if edit.op != "replace":
                continue
            names = []
            for side, (start, end) in (("a", edit.a), ("b", edit.b)):
                view_start, view_end = _view_offset(sides[side], start), _view_offset(sides[side], end)
                name = changed_name(sides[side].view.text, view_start, view_end, persons)
                if name is None:
                    break
                names.append(name)
            if len(names) < 2:
                continue
            (a0, a1, _, level_a), (b0, b1, _, level_b) = names
            text_a, text_b = sides["a"].view.text[a0:a1], sides["b"].view.text[b0:b1]
            if not _same_name(text_a, text_b) and _names_replaced(sides, (a0, a1, level_a), (b0, b1, level_b)):
                replaced.append((n, names[0], names[1]))
    return replaced


def _overlaps_any(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _pass_changed_names(cmp: _Comparison, replaced) -> None:
    """Each name replaced in a changed link (:func:`_name_replacements`) is a conflict,
    unless it overlaps one found before.  Facts overlapping a conflict found here are no
    longer reported one-sided.
    """
    taken = {side: list(_conflict_spans(cmp, side)) for side in ("a", "b")}
    for n, (a0, a1, kind_a, level_a), (b0, b1, kind_b, level_b) in replaced:
        if _overlaps_any((a0, a1), taken["a"]) or _overlaps_any((b0, b1), taken["b"]):
            continue
        text_a, text_b = cmp.sides["a"].view.text[a0:a1], cmp.sides["b"].view.text[b0:b1]
        kind = (kind_a if level_a >= level_b else kind_b) or "person"
        found_a = Found(kind, (kind, "", text_a), text_a, "", a0, a1, -1)
        found_b = Found(kind, (kind, "", text_b), text_b, "", b0, b1, -1)
        cmp.pair(found_a, found_b, "conflict", n)
        taken["a"].append((a0, a1))
        taken["b"].append((b0, b1))
        for side, (s0, s1) in (("a", (a0, a1)), ("b", (b0, b1))):
            cmp.used.update(cmp.overlapping(side, s0, s1))


# A byline or dateline in brackets, at the start or the end of a segment: （李舸）,
# （张滨作）, （据新华社电）, （本报珀斯1月16日电）.
_BYLINE_AT_START = re.compile(r"^\s*[(（](?P<inner>[^()（）\n]{2,20})[)）]")
_BYLINE_AT_END = re.compile(r"[(（](?P<inner>[^()（）\n]{2,20})[)）]\s*$")


# An author line: a short run of Han characters standing alone (郑超愚, 王琨董巍).
_AUTHOR_LINE = re.compile(r"(?:本报驻\w{1,6}记者)?(?P<inner>[\u4e00-\u9fff]{2,8})")


def _bylines(side: Side, in_link: list[int | None]) -> dict[tuple, list[tuple[int, int]]]:
    """Bylines and author lines of ``side`` by where they stand: key → view spans of their insides.

    A byline ends the text of the link before it: one at the end of a linked segment
    belongs to that link, one standing alone or opening an unlinked segment to the link
    of the segment before.  An unlinked author line stands after one link and before
    another, and is keyed by both.  Bylines are often cut off as their own
    (boilerplate, heading) segment, so the alignment does not link them; this is how
    they are still compared.
    """
    found: dict[tuple, list[tuple[int, int]]] = {}
    for k, seg in enumerate(side.segments):
        text = seg.normalized
        linked = in_link[k]
        if linked is not None and text.rstrip()[-1:] not in ")）":
            continue  # no byline can end it: the cheap test first, most segments are linked
        before = in_link[k - 1] if k else None
        after = in_link[k + 1] if k + 1 < len(side.segments) else None
        lead = 0  # spaces before an author line
        m = _BYLINE_AT_END.search(text) if linked is not None else None
        keys = [("end", linked)]
        if m is None and linked is None:
            m, keys = _BYLINE_AT_START.match(text), [("end", before)]
            if m is None:
                lead = len(text) - len(text.lstrip())
                m, keys = _AUTHOR_LINE.fullmatch(text.strip()), [("end", before), ("start", after)]
        for key in keys:
            if m is not None and key[1] is not None:
                start = seg.norm_start + lead + m.start("inner")
                found.setdefault(key, []).append((start, start + len(m["inner"])))
    return found


def _changed_middle(text_a: str, text_b: str) -> tuple[int, int, int, int]:
    """The differing middle of two short texts: (start, end in a, start, end in b)."""
    head = 0
    while head < min(len(text_a), len(text_b)) and text_a[head] == text_b[head]:
        head += 1
    tail = 0
    while (tail < min(len(text_a), len(text_b)) - head
           and text_a[len(text_a) - 1 - tail] == text_b[len(text_b) - 1 - tail]):
        tail += 1
    return head, len(text_a) - tail, head, len(text_b) - tail


def _byline_name(text: str, span: tuple[int, int], persons: frozenset[str]):
    """The name of a byline's changed words, as :func:`changed_name` reads it; in a byline
    any two to six Han characters may be a name (微软 in （微软北京1月28日电））."""
    if span[1] <= span[0]:
        return None
    name = changed_name(text, *span, persons)
    words = text[span[0]:span[1]]
    if name is None and 2 <= len(words) <= 6 and all(map(is_han, words)) and not is_common_word(words):
        return span[0], span[1], None, NAME_LIKE
    return name


def _byline_changes(sides: dict[str, Side], in_link: dict[str, list[int | None]], persons: frozenset[str]):
    """Bylines closing the same link that differ (（李舸） / （宋凤芝）): per such pair,
    ``(link, changed span in a, changed span in b, names)``, in view offsets.

    ``names`` is the changed words read as two different names on both sides, one of
    them by list or shape (each as :func:`changed_name` gives it), or None.  Depends on
    the links and the texts only, so it may be read in another process.
    """
    views = {side: sides[side].view.text for side in ("a", "b")}
    bylines = {side: _bylines(sides[side], in_link[side]) for side in ("a", "b")}
    changes = []
    for key, spans_a in bylines["a"].items():
        link, spans_b = key[1], bylines["b"].get(key)
        if not spans_b or len(spans_a) != 1 or len(spans_b) != 1:
            continue
        (a0, a1), (b0, b1) = spans_a[0], spans_b[0]
        if views["a"][a0:a1] == views["b"][b0:b1]:
            continue
        s_a, e_a, s_b, e_b = _changed_middle(views["a"][a0:a1], views["b"][b0:b1])
        span_a, span_b = (a0 + s_a, a0 + e_a), (b0 + s_b, b0 + e_b)
        names = tuple(_byline_name(views[side], span, persons) for side, span in (("a", span_a), ("b", span_b)))
        if None in names or max(names[0][3], names[1][3]) < SHAPED:
            names = None
        else:
            (n_a0, n_a1, _, _), (n_b0, n_b1, _, _) = names
            if (_same_name(views["a"][n_a0:n_a1], views["b"][n_b0:n_b1])
                    or _same_in_mainland_usage(sides, (n_a0, n_a1), (n_b0, n_b1))):
                names = None
        changes.append((link, span_a, span_b, names))
    return changes


def _pass_bylines(cmp: _Comparison, changes) -> None:
    """Bylines closing the same link that differ (:func:`_byline_changes`): a figure or a name changed.

    A figure read in both is paired as a conflict; otherwise the changed words must read
    as names on both sides, one of them by list or shape.
    """
    views = {side: cmp.sides[side].view.text for side in ("a", "b")}
    taken = {side: list(_conflict_spans(cmp, side)) for side in ("a", "b")}
    for link, span_a, span_b, names in changes:
        if _overlaps_any(span_a, taken["a"]) or _overlaps_any(span_b, taken["b"]):
            continue
        figure_a, figure_b = ([f for f in cmp.overlapping(side, *span) if f.kind not in NAME_KINDS and f not in cmp.used]
                              for side, span in (("a", span_a), ("b", span_b)))
        if len(figure_a) == len(figure_b) == 1 and figure_a[0].key[:2] == figure_b[0].key[:2]:
            cmp.pair(figure_a[0], figure_b[0], "conflict", link)
            taken["a"].append(span_a)
            taken["b"].append(span_b)
            continue
        if names is None:
            continue
        (n_a0, n_a1, kind_a, level_a), (n_b0, n_b1, kind_b, level_b) = names
        kind = (kind_a if level_a >= level_b else kind_b) or "person"
        text_a, text_b = views["a"][n_a0:n_a1], views["b"][n_b0:n_b1]
        cmp.pair(Found(kind, (kind, "", text_a), text_a, "", n_a0, n_a1, -1),
                 Found(kind, (kind, "", text_b), text_b, "", n_b0, n_b1, -1), "conflict", link)
        for side, (s0, s1) in (("a", (n_a0, n_a1)), ("b", (n_b0, n_b1))):
            taken[side].append((s0, s1))
            cmp.used.update(cmp.overlapping(side, s0, s1))


def _conflict_spans(cmp: _Comparison, side: str):
    """The view spans of ``side``'s mentions already in conflict."""
    for fact in cmp.facts:
        if fact.status == "conflict":
            mention = getattr(fact, side)
            yield _view_offset(cmp.sides[side], mention.start), _view_offset(cmp.sides[side], mention.end)


def _first(items: list[Found] | None) -> Found | None:
    return items[0] if items else None


_STATUS_ORDER = {"conflict": 0, "only_a": 1, "only_b": 2, "shared": 3}


def _order(fact: Fact) -> tuple:
    a = fact.a.start if fact.a else -1
    b = fact.b.start if fact.b else -1
    return (_STATUS_ORDER[fact.status], a, b, fact.kind)


def _positions(side: Side) -> dict[str, int]:
    """The index of each segment of ``side`` by its id."""
    return {seg.id: k for k, seg in enumerate(side.segments)}


def _segment_links(side: Side, links: Sequence[Link], column: str, position: dict[str, int]) -> list[int | None]:
    """The index of the link holding each segment of ``side`` (None when one-sided);
    ``position`` is :func:`_positions` of ``side``."""
    in_link: list[int | None] = [None] * len(side.segments)
    for n, link in enumerate(links):
        for seg_id in getattr(link, column):
            in_link[position[seg_id]] = n
    return in_link


@dataclass(frozen=True, slots=True)
class SideFacts:
    """What fact extraction reads in one side before links exist (see :func:`extract_side`).

    ``numbers``: the numbers, quantities, dates and times of all content segments, as
    :func:`extract_numbers` returns them; ``glued``: the segments whose last figure
    continues in the next one (cut at its decimal point); ``persons``: (segment index,
    name) of each person name found next to a title or a verb of saying.
    """

    numbers: tuple[Found, ...]
    glued: frozenset[int]
    persons: tuple[tuple[int, str], ...]


def extract_side(side: Side) -> SideFacts:
    """Read what does not depend on the alignment in one side, for :func:`compare_facts`.

    The work of one side alone (about a third of the stage: the figures of all its
    content, whose twins in identical links :func:`compare_facts` takes as they are), so
    it can run in another process; the result pickles (Found as constructor arguments).
    """
    content = content_segments(side)
    joined = _Joined(side, content)
    return SideFacts(tuple(_numbers_in(joined)), frozenset(content[n] for n in joined.glued),
                     _persons_of(side, content))


def _persons_of(side: Side, segments: Sequence[int]) -> tuple[tuple[int, str], ...]:
    """(segment index, name) of the person names found by cue in ``segments`` of ``side``."""
    line_starts = list(accumulate((len(side.segments[k].normalized) + 1 for k in segments), initial=0))
    return tuple((segments[bisect_right(line_starts, at) - 1], name)
                 for at, name in find_person_mentions(_read_text(side, segments)))


def _numbers_of_b(side_b: Side, content: list[int], pairs: dict[int, int], found_b: SideFacts | None) -> list[Found]:
    """The numbers of b's content segments that are not the twin of an identical a segment.

    Taken from ``found_b`` when given: a segment's figures do not depend on the segments
    read with it, except for a figure cut at its point and glued across two segments,
    which is read again when only one of the two is a twin.
    """
    if found_b is not None and not any((k in pairs) != (k + 1 in pairs) for k in found_b.glued):
        return [f for f in found_b.numbers if f.segment not in pairs]
    return extract_numbers(side_b, [k for k in content if k not in pairs])


def compare_facts(side_a: Side, side_b: Side, links: Sequence[Link],
                  found_a: SideFacts | None = None, found_b: SideFacts | None = None) -> list[Fact]:
    """Return the facts of both sides compared inside links and across the document.

    Takes the two sides and the alignment's links, and optionally what
    :func:`extract_side` read in each side beforehand (read here when not given; the
    result is the same); returns :class:`Fact` objects, conflicts first, then only_a,
    only_b, then shared, each in text order.
    """
    sides = {"a": side_a, "b": side_b}
    positions = {s: _positions(side) for s, side in sides.items()}
    in_link = {s: _segment_links(side, links, s, positions[s]) for s, side in sides.items()}
    content = {s: content_segments(side) for s, side in sides.items()}
    link_identical = [link.status == "identical" for link in links]
    identical = {s: {k for k in content[s] if (n := in_link[s][k]) is not None and link_identical[n]}
                 for s in sides}
    read = {s: [k for k in content[s] if k not in identical[s]] for s in sides}
    persons = frozenset(
        name for s, side, given in (("a", side_a, found_a), ("b", side_b, found_b))
        for k, name in (_persons_of(side, read[s]) if given is None else given.persons)
        if k not in identical[s])
    automaton = name_automaton(persons)
    # On large inputs the second core reads b's names, then the changed names and bylines
    # (they need the links, not the other passes), while a's facts are read here.  One
    # child, not two: a third process on two cores, and the pages a fork shares until
    # written, cost more than they save.
    with later(worth_a_child(side_a.source.chars + side_b.source.chars), _read_in_child,
               sides, links, in_link, persons, automaton, read["b"]) as in_child:
        pairs = _identical_pairs(side_a, side_b, links, positions)
        numbers_a = list(found_a.numbers) if found_a is not None else extract_numbers(side_a, content["a"])
        numbers_b = _numbers_of_b(side_b, content["b"], pairs, found_b) + _mirrored(numbers_a, side_a, side_b, pairs)
        names_a = extract_names(side_a, automaton, read["a"])
        unread = {s: _Unread(side, sorted(identical[s])) for s, side in sides.items()}
        # Nearly every figure is reported: its mention is cut here while the child still reads.
        for side, numbers in ((side_a, numbers_a), (side_b, numbers_b)):
            for f in numbers:
                _mention(side, f)
        names_b, replaced, byline_changes = in_child.result()
    found = {"a": sorted(numbers_a + names_a, key=attrgetter("start")),
             "b": sorted(numbers_b + names_b, key=attrgetter("start"))}
    cmp = _Comparison(sides, found, in_link, unread)
    members = _link_members(cmp, len(links))
    _pass_exact_in_links(cmp, members)
    _pass_conflicts(cmp, members, alone_too=False)
    _pass_exact_document(cmp)
    _pass_conflicts(cmp, members, alone_too=True)
    _pass_changed_names(cmp, replaced)
    _pass_bylines(cmp, byline_changes)
    _pass_rest(cmp)
    return sorted(cmp.facts, key=_order)


def _read_in_child(sides: dict[str, Side], links: Sequence[Link], in_link: dict[str, list[int | None]],
                   persons: frozenset[str], automaton, read_b: list[int]):
    """The link-dependent reading :func:`compare_facts` hands to a child: b's names
    (:func:`extract_names`), the names replaced in changed links and the changed bylines."""
    return (extract_names(sides["b"], automaton, read_b), _name_replacements(sides, links, persons),
            _byline_changes(sides, in_link, persons))
