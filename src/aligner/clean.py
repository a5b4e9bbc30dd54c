"""Stage 2, clean: repair extraction noise without losing a character.

Input: ``Source.text``.  Output: a :class:`Cleaned` whose ``view`` is the
repaired text (one paragraph per line, ``"\\n"`` between paragraphs) with a map
back to the original, plus paragraph-level marks of boilerplate, headings and
captions (as original spans) and the spans where glyphs were lost.

The repairs are small functions run in the order of :data:`REPAIRS`.  Each takes
the text the previous one made and returns a :class:`Step`: its own text with the
map back to its input (a :class:`TextMap`) and where it acted.  The maps compose,
so the view always maps back to ``Source.text``; nothing is ever searched for
afterwards.  Repairs that only recognise paragraphs (boilerplate, captions,
headings) leave the text alone and return marks instead.

How hard wraps are told from paragraph ends (``join_hard_wraps``) is described at
that function; the patterns for boilerplate, captions, lost glyphs and paragraph
starts are data, in ``data/boilerplate.txt`` and ``data/layout.txt``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Callable, NamedTuple

from .model import Repair, Span
from .textmap import TextMap, replace_spans

Mark = tuple[int, int, str]

# Horizontal white space: everything \s matches except the line feed (so the
# ideographic and em spaces of indentation, and the \r of CRLF files).
_SPACE = r"[^\S\n]"
# One line with content: indentation, the content (group 1), trailing spaces.
_CONTENT_LINE = re.compile(rf"^{_SPACE}*(\S(?:[^\n]*\S)?){_SPACE}*$", re.MULTILINE)

# Layout constants of join_hard_wraps, in ems (the width of one ideograph).
MIN_COLUMN = 10      # narrower lines are never taken for full lines of a column
MAX_COLUMN = 50      # no printed column is wider (in ems): longer lines are paragraphs
INDENT = 2           # a paragraph's first line is indented by two characters
NEIGHBOURS = 3       # lines looked at on each side for the column width
GLOBAL_MIN = 20      # a line this wide may find its column anywhere in the document
SHORTFALL = 1.5      # a line this much narrower than its column is a first (or last) line
HEAD_CHARS = 16      # the [paragraph_start] patterns look at most this far into a line
# Paragraphs longer than this are never boilerplate, headings, or wrapped headings.
MAX_BOILERPLATE_CHARS = 80
MAX_HEADING_CHARS = 40
MAX_HEADING_LINE = 20


@dataclass(frozen=True)
class Cleaned:
    """Result of cleaning one source.

    ``view``: repaired text, one paragraph per line, mapped to ``Source.text``.
    ``marks``: ``(start, end, kind)`` spans of the *original* text, each covering
    whole paragraphs, kind one of boilerplate / heading / caption; sorted.
    ``lost``: original spans where glyphs were lost (``&&``, ``□``, U+FFFD).
    ``repairs``: which repairs ran and how often (only those that found something).
    """

    view: TextMap
    marks: tuple[Mark, ...] = ()
    lost: tuple[Span, ...] = ()
    repairs: tuple[Repair, ...] = ()


class Step(NamedTuple):
    """What one repair did to its input text.

    ``view``: the text it made, mapped to its input (identity if it only marks).
    ``found``: the spans of its input where it acted, in order.
    ``kind``: for repairs that mark paragraphs, the kind of their ``found`` spans.
    """

    view: TextMap
    found: tuple[Span, ...] = ()
    kind: str | None = None


# ---------------------------------------------------------------- data


@lru_cache(maxsize=None)
def _patterns(filename: str) -> dict[str, tuple[tuple[str, re.Pattern], ...]]:
    """Return the named patterns of one data file, by section ("" before any)."""
    sections: dict[str, list] = {"": []}
    current = ""
    text = resources.files("aligner").joinpath("data", filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        name, pattern = line.split(None, 1)
        sections[current].append((name, re.compile(pattern)))
    return {name: tuple(patterns) for name, patterns in sections.items()}


def _layout(section: str) -> tuple[tuple[str, re.Pattern], ...]:
    return _patterns("layout.txt")[section]


@lru_cache(maxsize=None)
def _joined(section: str) -> re.Pattern:
    """All patterns of one layout section as one alternation."""
    return re.compile("|".join(f"(?:{p.pattern})" for _, p in _layout(section)))


def _matches_any(patterns, text: str) -> bool:
    return any(pattern.search(text) for _, pattern in patterns)


def _edit(text: str, pieces: list[tuple[int, int, str]]) -> TextMap:
    """``replace_spans`` that spares building a map when there is nothing to do."""
    return replace_spans(text, pieces) if pieces else TextMap.identity(text)


# ---------------------------------------------------------------- repairs


def mark_lost_glyphs(text: str) -> Step:
    """Drop the marks of glyphs the extraction lost (``&&``, ``□``, U+FFFD).

    Takes a text; returns it without them (each dropped span joins the character
    before it in the map) and the dropped spans, which the report flags as
    "characters lost in this source".  Dropping them keeps them from counting
    against the similarity of a sentence that is otherwise identical.
    """
    # Each pattern is searched on its own: one starting with a literal is found
    # by a fast scan, while an alternation of them is tried at every position.
    found = _merged(m.span() for _, pattern in _layout("lost_glyph") for m in pattern.finditer(text))
    return Step(_edit(text, [(start, end, "") for start, end in found]), found)


def _merged(spans) -> tuple[Span, ...]:
    """Sort spans and merge those that overlap or touch."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


# A run of one to twenty characters written twice in a row within a line.
_DOUBLED = re.compile(r"([^\n]{1,20}?)\1")
# Between two doubled runs of one stretch only white space (a wrapped line) may stand.
_STRETCH_GAP = re.compile(rf"(?:{_SPACE}|\n)*")
MIN_DOUBLED_RUNS = 3        # a stretch needs this many doubled runs in a row ...
MIN_LONG_DOUBLED_RUNS = 2   # ... of which this many are two characters or longer


def collapse_doubled_runs(text: str) -> Step:
    """Keep one copy of text that the extraction wrote twice in place.

    Bold runs in PDFs are often extracted twice, run by run:
    ``视野视野，，联合抱团联合抱团，，``.  Takes a text; returns it with the second
    copy of each doubled run dropped (the kept copy's last character spans the
    dropped one, so the map still covers the whole original) and the stretches
    collapsed.  Legitimate repetitions (谢谢, 常常, 人人, 哈哈哈哈) are left alone:
    only a stretch of at least three doubled runs in a row, two of them at least
    two characters long, near a doubled punctuation mark (，，  ““  。。), counts as
    evidence of doubling.  The doubled marks are found first, by a fast scan, and
    runs are looked for only around them.
    """
    stretches: list[list[tuple[int, int]]] = []  # each: doubled runs (start, run length)
    for match in _doubled_runs_near_marks(text):
        start, length = match.start(), len(match.group(1))
        last = stretches[-1][-1] if stretches else None
        if last and _STRETCH_GAP.fullmatch(text, last[0] + 2 * last[1], start):
            stretches[-1].append((start, length))
        else:
            stretches.append([(start, length)])
    accepted = [
        runs for runs in map(lambda runs: _trim_paired_marks(text, runs), stretches)
        if len(runs) >= MIN_DOUBLED_RUNS
        and sum(1 for _, length in runs if length >= 2) >= MIN_LONG_DOUBLED_RUNS
    ]
    second_copies = ((start + length, start + 2 * length, "") for runs in accepted for start, length in runs)
    found = tuple((runs[0][0], runs[-1][0] + 2 * runs[-1][1]) for runs in accepted)
    return Step(_edit(text, list(second_copies)), found)


# A punctuation mark written twice: where doubled stretches are looked for.
_DOUBLED_MARK = re.compile(r"([，。、；：！？“”‘’·（）《》〈〉「」『』,.;:!?()])\1")
# How far from a doubled mark a doubled stretch is looked for, each way.
DOUBLED_REACH = 400


def _doubled_runs_near_marks(text: str):
    """Yield the matches of _DOUBLED within DOUBLED_REACH of a doubled mark."""
    regions = _merged((max(0, m.start() - DOUBLED_REACH), m.end() + DOUBLED_REACH)
                      for m in _DOUBLED_MARK.finditer(text))
    for start, end in regions:
        yield from _DOUBLED.finditer(text, start, min(end, len(text)))


# Marks that are always written in pairs (——, ……): at the edge of a doubled
# stretch they belong to the text around it ("嘉昆太——\n\n嘉昆太三地…嘉昆太三地…").
_PAIRED_MARKS = frozenset("—―…")


def _trim_paired_marks(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop doubled runs of paired marks from both ends of a stretch."""
    def paired(run: tuple[int, int]) -> bool:
        return set(text[run[0]:run[0] + run[1]]) <= _PAIRED_MARKS

    while runs and paired(runs[0]):
        runs = runs[1:]
    while runs and paired(runs[-1]):
        runs = runs[:-1]
    return runs


# A short line ending in a comma-like mark, the next line short and unpunctuated,
# both set apart by blank lines (or the text's ends) and only a line feed between:
# one heading set on two lines ("生态互促，\n创新高地动能澎湃").
_WRAPPED_HEADING = re.compile(
    rf"(?:^|\n{_SPACE}*\n){_SPACE}*"
    rf"[^\n]{{1,{MAX_HEADING_LINE - 1}}}[，、：,:]"
    rf"(?P<joint>{_SPACE}*\n{_SPACE}*)"
    rf"(?![■□◆◇●•【(（])[^\n]{{1,{MAX_HEADING_LINE}}}?(?<![。！？!?；;…．.])(?<![。！？!?；;…．.][”’」』）)])"
    rf"{_SPACE}*(?=\n{_SPACE}*\n|\n?{_SPACE}*\Z)"
)


def join_wrapped_headings(text: str) -> Step:
    """Join a heading set on two lines into one line.

    Takes a text; returns it with the line feed (and the spaces around it) between
    the two halves of each wrapped heading dropped, and the dropped joints.  A
    wrapped heading is a block of exactly two short lines (at most
    MAX_HEADING_LINE characters) between blank lines, the first ending in a
    comma-like mark, the second without sentence-final punctuation.
    """
    found = tuple(m.span("joint") for m in _WRAPPED_HEADING.finditer(text))
    return _join_at(text, found)


class _Lines(NamedTuple):
    """The non-empty lines of a text, column by column (one entry per line)."""

    starts: list[int]          # first character after the indentation
    ends: list[int]            # end of the last non-space character
    widths: list[float]        # printed width in ems
    indented: list[bool]       # white space before the start on its line
    blank_before: list[bool]   # an empty line separates it from the line before
    endings: list[str]         # "sentence" (final punctuation), "lead_in" (a dash), "broken"


# Sentence-final punctuation, the closing quotes and brackets that may follow it,
# and the dashes that end a lead-in line ("……共襄产业创新布局，嘉昆太——").
_FINAL = frozenset("。！？!?；;…．.")
_CLOSING = "”’」』）)]》\"'〉"
_DASHES = frozenset("—―－")


def _ending(line: str) -> str:
    """How a line ends: "sentence", "lead_in" or "broken" (mid-sentence)."""
    if line.rstrip(_CLOSING)[-1:] in _FINAL:
        return "sentence"
    return "lead_in" if line[-1:] in _DASHES else "broken"


def _lines(text: str) -> _Lines:
    """Return the non-empty lines of ``text`` with their printed widths and endings.

    Works list by list rather than line by line: a wrapped PDF page of a million
    characters has some fifty thousand lines.  The printed width is in ems:
    ideographs and CJK punctuation 1, ASCII and curly quotes ½ (Chinese
    typesetting compresses them).  It is counted from the UTF-8 length, which is
    fast: the wide characters are the three-byte ones, the curly quotes among
    them taken back; two-byte characters (accented Latin, Greek) count as narrow.
    """
    raw = text.split("\n")
    offsets = list(accumulate((len(line) + 1 for line in raw), initial=0))
    numbers = [i for i, line in enumerate(raw) if line and not line.isspace()]
    contents = [raw[i].strip() for i in numbers]
    leads = [len(raw[i]) - len(raw[i].lstrip()) for i in numbers]
    starts = [offsets[i] + lead for i, lead in zip(numbers, leads)]
    lengths = [len(content) for content in contents]
    wide = [(len(content.encode("utf-8", "surrogatepass")) - length) // 2
            - content.count("“") - content.count("”") - content.count("‘") - content.count("’")
            for content, length in zip(contents, lengths)]
    return _Lines(
        starts,
        [start + length for start, length in zip(starts, lengths)],
        [w + 0.5 * (length - w) for w, length in zip(wide, lengths)],
        [lead > 0 for lead in leads],
        [False] + [b - a > 1 for a, b in zip(numbers, numbers[1:])],
        [_ending(content[-8:]) for content in contents],
    )


def _tolerance(width: float) -> float:
    """How far the full lines of one column differ in width (justification, digits)."""
    return max(1.5, 0.1 * width)


def _columns(lines: _Lines) -> tuple[list[bool], list[float], list[bool]]:
    """For each line: whether it is full, its column width, and whether several
    lines vouch for that column.

    A line is *full* when it reaches its column's right edge: other lines near it
    (NEIGHBOURS on each side) that are broken mid-sentence, as the lines of a
    wrapped column mostly are, have about its width, or up to INDENT more (it may
    be an indented first line).  Lines ending a sentence are no evidence: web
    paragraphs of similar length all end one.  A line wider than GLOBAL_MIN may
    find those lines anywhere in the document (a two-line caption set in the
    width of the editor's note at the top of the page), if there are three.  The
    column width is the widest of them.  Lines narrower than MIN_COLUMN or wider
    than MAX_COLUMN are never full.
    """
    widths = lines.widths
    evidence = [w if ending == "broken" else -1.0 for w, ending in zip(widths, lines.endings)]
    lows = [w - _tolerance(w) for w in widths]
    highs = [w + _tolerance(w) + INDENT for w in widths]
    counts = [0] * len(widths)
    columns = list(widths)
    # One pass per neighbour offset keeps the work in list comprehensions.
    for offset in [d for d in range(-NEIGHBOURS, NEIGHBOURS + 1) if d]:
        shifted = ([-1.0] * offset + evidence[:-offset]) if offset > 0 else (evidence[-offset:] + [-1.0] * -offset)
        hits = [low <= e <= high for low, e, high in zip(lows, shifted, highs)]
        counts = [c + h for c, h in zip(counts, hits)]
        columns = [max(col, e) if h else col for col, e, h in zip(columns, shifted, hits)]
    ordered = sorted(e for e in evidence if e >= 0)
    anywhere = [
        bisect_right(ordered, high) - bisect_left(ordered, low) - (e >= 0) if w >= GLOBAL_MIN else 0
        for w, low, high, e in zip(widths, lows, highs, evidence)
    ]
    usable = [MIN_COLUMN <= w <= MAX_COLUMN for w in widths]
    full = [u and (c > 0 or g >= 3) for u, c, g in zip(usable, counts, anywhere)]
    supported = [u and (c >= 2 or g >= 3) for u, c, g in zip(usable, counts, anywhere)]
    return full, columns, supported


def _wrap_joints(text: str) -> list[Span]:
    """Return the joints (end of a line … start of the next) to remove; see join_hard_wraps."""
    lines = _lines(text)
    count = len(lines.starts)
    if count < 2:
        return []
    full, columns, supported = _columns(lines)
    # Blank lines and indentation are evidence only when they are the exception:
    # some PDFs put a blank line after every line, web pages indent every paragraph.
    blanks_informative = sum(lines.blank_before) * 2 < count - 1
    indent_informative = sum(lines.indented) * 2 < count
    starts = _joined("paragraph_start")
    joints = []
    paragraph_column = 0.0  # the column of the paragraph being rebuilt, once it has two lines
    widths, endings = lines.widths, lines.endings
    for i in range(count - 1):
        width, next_width, column = widths[i], widths[i + 1], max(columns[i], paragraph_column)
        tolerance = _tolerance(column)
        head = text[lines.starts[i + 1]:min(lines.starts[i + 1] + HEAD_CHARS, lines.ends[i + 1])]
        if (indent_informative and lines.indented[i + 1]) or starts.search(head):
            join = False
        elif endings[i] == "sentence":
            # A sentence ends with the line: the paragraph goes on only if this line
            # reaches the column's edge, several lines vouch for the column, and the
            # next line is full (not the shorter, indented first line of a new paragraph).
            join = (full[i] and supported[i] and width >= column - tolerance
                    and next_width >= column - SHORTFALL
                    and not (blanks_informative and lines.blank_before[i + 1]))
        elif endings[i] == "lead_in":
            join = False
        elif full[i]:
            # Broken mid-sentence: a full line runs on into the next line of its column.
            join = next_width <= column + tolerance
        else:
            # A line too long for a heading runs on into a next line of about its
            # width (a paragraph of two lines, alone in its width).
            join = GLOBAL_MIN <= width <= MAX_COLUMN and abs(next_width - width) <= _tolerance(width)
        if join:
            joints.append((lines.ends[i], lines.starts[i + 1]))
        paragraph_column = column if join else 0.0
    return joints


def join_hard_wraps(text: str) -> Step:
    """Rebuild paragraphs that a PDF extraction wrapped line by line.

    Takes a text; returns it with the line breaks inside paragraphs removed (the
    white space and blank lines between the two lines are dropped; between two
    Latin letters or digits a space takes their place), and the joints.

    The evidence is the layout.  A printed column is justified: its lines reach
    the right edge, so they have nearly the same printed width (ideographs one
    em, Latin letters, digits and curly quotes half), while a paragraph's last
    line is shorter and its first line is INDENT ems shorter (indented, the
    indentation itself lost in extraction).  For two consecutive lines L and N:

    * N starts a paragraph if it starts like one (bullet, number, caption,
      bracketed label: ``[paragraph_start]`` in ``data/layout.txt``) or, when only
      a few lines are indented, if it is indented;
    * L broken mid-sentence (no sentence-final punctuation) joins N when L is full
      (lines near it, themselves broken mid-sentence, have about its width: see
      :func:`_columns`) and N is no wider than L's column; or when L is too wide
      for a heading (GLOBAL_MIN) and N about as wide (a two-line paragraph alone
      in its width).  Otherwise L is a heading, a label or a short line of its own;
    * L ending with a dash (a lead-in: ``……嘉昆太——``) never joins;
    * L ending a sentence joins N only if L is full, reaches the column of the
      paragraph it ends (the widest column of the lines joined so far: the short
      last line of a wide caption is not full in a narrower column below it), its
      column is vouched for by at least two lines, and N is full too: an N
      shorter than the column by SHORTFALL ems or more is the indented first line of a
      new paragraph (or a one-line paragraph), so the paragraph ends with L;
    * blank lines count only where they are the exception: a blank line between L
      and N then ends the paragraph, unless L is broken mid-sentence (a page or
      column break).

    Known limit: a heading about as wide as the indented first line of the
    column under it, with no blank-line or indentation evidence, is taken for
    that first line and joined to the paragraph after it.
    """
    return _join_at(text, _wrap_joints(text))


def _join_at(text: str, joints) -> Step:
    """Drop each joint (a run of white space between two lines) from ``text``."""
    pieces = [(start, end, " " if _needs_space(text[start - 1], text[end]) else "")
              for start, end in joints]
    return Step(_edit(text, pieces), tuple(joints))


def _needs_space(before: str, after: str) -> bool:
    """Whether two lines of Latin script joined at these characters need a space.

    Ideographs join directly; so do two digits (a number wrapped in the middle).
    """
    return (before.isascii() and not before.isspace() and after.isascii() and after.isalnum()
            and not (before.isdigit() and after.isdigit()))


def separate_bylines(text: str) -> Step:
    """Move a byline in parentheses after a paragraph's last sentence to its own line.

    Takes a text; returns it with a ``"\\n"`` inserted before each such byline
    (``……經驗。(寅平)``), mapped to an empty span at the byline's start, and the
    bylines' spans.  The byline can then be marked as boilerplate as a whole
    paragraph without taking the sentence with it.
    """
    found = tuple(m.span() for m in _joined("byline_tail").finditer(text))
    return Step(_edit(text, [(start, start, "\n") for start, _ in found]), found)


def strip_indentation(text: str) -> Step:
    """Drop indentation, trailing spaces and empty lines.

    Takes a text; returns one paragraph per line with a single ``"\\n"`` (the
    first line feed after a paragraph) between paragraphs, and the spans of white
    space dropped (each a run from the end of one paragraph to the start of the
    next, less that line feed).  Spaces inside a line are kept.
    """
    drops: list[Span] = []
    previous_end = None
    for match in _CONTENT_LINE.finditer(text):
        start, end = match.span(1)
        if previous_end is None:
            drops.append((0, start))
        else:
            newline = text.index("\n", previous_end)
            drops.append((previous_end, newline))
            drops.append((newline + 1, start))
        previous_end = end
    drops.append((previous_end or 0, len(text)))
    found = tuple(span for span in drops if span[1] > span[0])
    return Step(_edit(text, [(start, end, "") for start, end in found]), found)


# ---------------------------------------------------------------- marks


def _paragraphs(text: str) -> list[Span]:
    """Return the (start, end) of every non-empty line of ``text``."""
    spans = []
    start = 0
    for line in text.split("\n"):
        if line:
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _heading_key(paragraph: str) -> str:
    """The words of a heading, without a site suffix and spaces, for finding repeats."""
    for name, pattern in _patterns("boilerplate.txt")[""]:
        if name == "site_title":
            paragraph = pattern.sub("", paragraph)
    return re.sub(r"\s+", "", paragraph)


def mark_boilerplate(text: str) -> Step:
    """Find the paragraphs that are page furniture, not content.

    Takes the cleaned text (one paragraph per line); returns it unchanged with the
    spans of boilerplate paragraphs: site chrome, timestamps, source, font, share
    and editor lines, banners, bylines in parentheses (patterns in
    ``data/boilerplate.txt``, both scripts), and a headline repeated after it
    already stood as content.  Only paragraphs of at most MAX_BOILERPLATE_CHARS
    characters are considered, so no sentence of real content is marked.
    """
    patterns = _patterns("boilerplate.txt")[""]
    found = []
    seen_headings: set[str] = set()
    for start, end in _paragraphs(text):
        paragraph = text[start:end]
        if len(paragraph) > MAX_BOILERPLATE_CHARS:
            continue
        if _matches_any(patterns, paragraph):
            found.append((start, end))
            continue
        if _is_heading_like(paragraph):
            key = _heading_key(paragraph)
            if key in seen_headings:
                found.append((start, end))
            seen_headings.add(key)
    return Step(TextMap.identity(text), tuple(found), "boilerplate")


def mark_captions(text: str) -> Step:
    """Find image captions: ``图为……`` / ``圖為:……``, a last sentence starting with
    图为, or a picture credit ``（图片来源……）`` at the end.

    Takes the cleaned text; returns it unchanged with the caption paragraphs' spans.
    """
    patterns = _layout("caption")
    found = tuple(span for span in _paragraphs(text) if _matches_any(patterns, text[span[0]:span[1]]))
    return Step(TextMap.identity(text), found, "caption")


def _is_heading_like(paragraph: str) -> bool:
    return len(paragraph) <= MAX_HEADING_CHARS and _ending(paragraph) != "sentence"


def mark_headings(text: str) -> Step:
    """Find headings: paragraphs of at most MAX_HEADING_CHARS characters that do
    not end a sentence (a heading wrapped over two lines was joined before).

    Takes the cleaned text; returns it unchanged with the headings' spans.
    Paragraphs already marked boilerplate or caption keep that kind (see clean).
    """
    found = tuple(span for span in _paragraphs(text) if _is_heading_like(text[span[0]:span[1]]))
    return Step(TextMap.identity(text), found, "heading")


# ---------------------------------------------------------------- pipeline

# The repairs, in the order they run.  Lost glyphs go first so that they neither
# break a doubled run nor widen a line; doubled runs are collapsed before the
# line widths are measured; a heading on two lines is joined only after the
# hard wraps, so that, once one line, it is not taken for the first line of a
# column; the marks come last, on one paragraph per line.
REPAIRS: tuple[Callable[[str], Step], ...] = (
    mark_lost_glyphs,
    collapse_doubled_runs,
    join_hard_wraps,
    join_wrapped_headings,
    separate_bylines,
    strip_indentation,
    mark_boilerplate,
    mark_captions,
    mark_headings,
)


def clean(text: str, *, keep_boilerplate: bool = False) -> Cleaned:
    """Return ``text`` repaired for matching, with the map back to it.

    Runs :data:`REPAIRS` in order (``mark_boilerplate`` is skipped when
    ``keep_boilerplate``), composes their maps and translates what each found
    into spans of ``text``.  A paragraph gets the kind of the first marking
    repair that found it (boilerplate before caption before heading).
    """
    view = TextMap.identity(text)
    repairs: list[Repair] = []
    marks: list[Mark] = []
    marked: set[Span] = set()
    lost: tuple[Span, ...] = ()
    for repair in REPAIRS:
        if keep_boilerplate and repair is mark_boilerplate:
            continue
        step = repair(view.text)
        spans = tuple(view.span(start, end) for start, end in step.found)
        if step.kind:
            spans = tuple(span for span in spans if span not in marked)
            marked.update(spans)
            marks.extend((start, end, step.kind) for start, end in spans)
        if repair is mark_lost_glyphs:
            lost = spans
        if step.view.origin is not None:
            view = view.then(step.view)
        if spans:
            repairs.append(Repair(repair.__name__, len(spans), spans))
    return Cleaned(view, tuple(sorted(marks)), lost, tuple(repairs))
