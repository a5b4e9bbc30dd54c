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
from itertools import accumulate, compress, count
from operator import add, sub, truth
from typing import Callable, NamedTuple

from .model import Repair, Span
from .textmap import Piece, TextMap, replace_spans

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
MIN_WRAPPED_LINES = 1     # a page shows wrapping with at least this many broken lines ...
MIN_WRAPPED_SHARE = 0.2   # ... making at least this share of its lines
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

    ``before``: the repair's input.
    ``edits``: the ``(start, end, new)`` pieces of ``before`` it replaced, sorted
    (none if it only marks); ``view`` applies them.
    ``found``: the spans of its input where it acted, in order.
    ``kind``: for repairs that mark paragraphs, the kind of their ``found`` spans.
    """

    before: str
    edits: tuple[Piece, ...] = ()
    found: tuple[Span, ...] = ()
    kind: str | None = None

    @property
    def view(self) -> TextMap:
        """The text the repair made, mapped to its input."""
        return replace_spans(self.before, self.edits)


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


@lru_cache(maxsize=None)
def _finder(patterns: tuple[tuple[str, re.Pattern], ...]) -> Callable[..., object]:
    """Return a test of whether any of ``patterns`` is found in a text (truthy if
    so); like ``Pattern.search`` it takes the text and optionally pos, endpos.

    The patterns that can match only at the start of a text are tried as one
    alternation anchored once, so at one position rather than at every one
    (Python's ``re`` tries an anchored pattern only at the start); the others
    are searched one by one, which for a pattern led by a literal or a class is
    a fast scan, while an alternation of them is tried at every position.
    """
    anchored = [p.pattern for _, p in patterns if _only_at_start(p)]
    searches = [p.search for _, p in patterns if not _only_at_start(p)]
    if anchored:
        searches.insert(0, re.compile("^(?:" + "|".join(f"(?:{a})" for a in anchored) + ")").search)
    if len(searches) == 1:
        return searches[0]

    def found_in(text: str, *bounds: int) -> bool:
        for search in searches:
            if search(text, *bounds):
                return True
        return False
    return found_in


def _only_at_start(pattern: re.Pattern) -> bool:
    """Whether ``pattern`` can match only at the start of a text: it starts with
    ``^`` (not in MULTILINE mode), has no ``|`` outside parentheses and
    brackets, and no back reference (group numbers change in an alternation)."""
    source = pattern.pattern
    if not source.startswith("^") or pattern.flags & re.MULTILINE or re.search(r"\\[1-9]|\(\?P=", source):
        return False
    depth = 0
    bracket = None  # the characters read so far of the bracket expression we are in
    chars = iter(source)
    for char in chars:
        if char == "\\":
            next(chars, None)
            if bracket is not None:
                bracket += char
        elif bracket is not None:
            # A "]" first in the brackets (after an optional "^") is a member.
            bracket = None if char == "]" and bracket not in ("", "^") else bracket + char
        elif char == "[":
            bracket = ""
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return False
    return True


# A pattern's first element when it is one literal character that must be there:
# not quantified to allow none, and no alternation in the pattern.
_LEADING_LITERAL = re.compile(r"(\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|[^\\.^$*+?{}\[\]()|])(?![?*]|\{0|\{,)")


@lru_cache(maxsize=None)
def _leading_literal(pattern: re.Pattern) -> str | None:
    """The character every match of ``pattern`` starts with, if the pattern says so plainly."""
    if "|" in pattern.pattern or pattern.flags & re.IGNORECASE:
        return None
    match = _LEADING_LITERAL.match(pattern.pattern)
    if not match:
        return None
    token = match.group(1)
    return chr(int(token[2:], 16)) if token.startswith("\\") else token


def _finditer(pattern: re.Pattern, text: str):
    """``pattern.finditer(text)``, skipped when the character every match starts
    with is not in ``text`` (``in`` scans a hundred times faster than ``re``)."""
    literal = _leading_literal(pattern)
    return pattern.finditer(text) if literal is None or literal in text else iter(())


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
    found = _merged(m.span() for _, pattern in _layout("lost_glyph") for m in _finditer(pattern, text))
    return Step(text, tuple((start, end, "") for start, end in found), found)


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
    previous_end = -1  # where the last doubled run ended
    for match in _doubled_runs_near_marks(text):
        start, end = match.span()
        run = (start, (end - start) // 2)  # the match is the run twice
        if previous_end == start or (previous_end > 0 and _STRETCH_GAP.fullmatch(text, previous_end, start)):
            stretches[-1].append(run)
        else:
            stretches.append([run])
        previous_end = end
    # Trimming only shortens a stretch: those too short already are left out first.
    accepted = [
        runs for runs in (_trim_paired_marks(text, runs)
                          for runs in stretches if len(runs) >= MIN_DOUBLED_RUNS)
        if len(runs) >= MIN_DOUBLED_RUNS
        and sum(1 for _, length in runs if length >= 2) >= MIN_LONG_DOUBLED_RUNS
    ]
    second_copies = ((start + length, start + 2 * length, "") for runs in accepted for start, length in runs)
    found = tuple((runs[0][0], runs[-1][0] + 2 * runs[-1][1]) for runs in accepted)
    return Step(text, tuple(second_copies), found)


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
_WRAPPED_HEADING_LINES = (
    rf"{_SPACE}*"
    rf"[^\n]{{1,{MAX_HEADING_LINE - 1}}}[，、：,:]"
    rf"(?P<joint>{_SPACE}*\n{_SPACE}*)"
    rf"(?![■□◆◇●•【(（])[^\n]{{1,{MAX_HEADING_LINE}}}?(?<![。！？!?；;…．.])(?<![。！？!?；;…．.][”’」』）)])"
    rf"{_SPACE}*(?=\n{_SPACE}*\n|\n?{_SPACE}*\Z)"
)
# At the text's start, and after a blank line: two patterns, as one led by
# ``(?:^|\n…)`` would be tried at every position, where one led by the line
# feed is tried only where ``re`` finds one.
_WRAPPED_HEADING_FIRST = re.compile("^" + _WRAPPED_HEADING_LINES)
_WRAPPED_HEADING = re.compile(rf"\n{_SPACE}*\n" + _WRAPPED_HEADING_LINES)


def join_wrapped_headings(text: str) -> Step:
    """Join a heading set on two lines into one line.

    Takes a text; returns it with the line feed (and the spaces around it) between
    the two halves of each wrapped heading dropped, and the dropped joints.  A
    wrapped heading is a block of exactly two short lines (at most
    MAX_HEADING_LINE characters) between blank lines, the first ending in a
    comma-like mark, the second without sentence-final punctuation.
    """
    first = _WRAPPED_HEADING_FIRST.match(text)
    rest = _WRAPPED_HEADING.finditer(text, first.end() if first else 0)
    found = tuple(m.span("joint") for m in ([first] if first else []) + list(rest))
    return _join_at(text, found)


class _Lines(NamedTuple):
    """The non-empty lines of a text, column by column (one entry per line)."""

    contents: list[str]        # the line without its indentation and trailing spaces
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
# How a line ends, told by its last character alone; None where that is a
# closing mark and the characters before it decide.
_ENDING_BY_LAST = {**dict.fromkeys(_FINAL, "sentence"), **dict.fromkeys(_DASHES, "lead_in"),
                   **dict.fromkeys(_CLOSING, None)}
# Set half width in Chinese type, though three bytes long in UTF-8 (see _widths).
_CURLY_QUOTES = "“”‘’"


def _ending(line: str) -> str:
    """How a line ends: "sentence", "lead_in" or "broken" (mid-sentence)."""
    if line.rstrip(_CLOSING)[-1:] in _FINAL:
        return "sentence"
    return "lead_in" if line[-1:] in _DASHES else "broken"


def _endings(contents: list[str]) -> list[str]:
    """``_ending`` of each non-empty line, from its last character where that decides."""
    return [ending if (ending := _ENDING_BY_LAST.get(content[-1], "broken")) else _ending(content[-8:])
            for content in contents]


def _lines(text: str) -> _Lines:
    """Return the non-empty lines of ``text`` with their printed widths and endings.

    Works list by list rather than line by line, with the loops in C (map,
    compress, accumulate): a wrapped PDF page of a million characters has some
    fifty thousand lines.
    """
    raw = text.split("\n")
    stripped = list(map(str.strip, raw))  # "" for an empty or blank line
    # A raw line starts after the lines before it and one line feed for each.
    offsets = map(add, accumulate(map(len, raw), initial=0), count())
    numbers = list(compress(count(), stripped))
    contents = list(filter(None, stripped))
    kept = list(compress(raw, stripped))
    leads = list(map(sub, map(len, kept), map(len, map(str.lstrip, kept))))
    starts = list(map(add, compress(offsets, stripped), leads))
    lengths = list(map(len, contents))
    return _Lines(
        contents,
        starts,
        list(map(add, starts, lengths)),
        _widths(contents, lengths),
        list(map(bool, leads)),
        [False] + [gap > 1 for gap in map(sub, numbers[1:], numbers)],
        _endings(contents),
    )


def _widths(contents: list[str], lengths: list[int]) -> list[float]:
    """Return the printed width of each line, in ems.

    Ideographs and CJK punctuation are 1, ASCII and curly quotes ½ (Chinese
    typesetting compresses them).  The width is counted from the UTF-8 length,
    which is fast: the wide characters are the three-byte ones; two-byte
    characters (accented Latin, Greek) count as narrow.  The curly quotes are
    replaced by a one-byte character first, and all lines are encoded at once.
    """
    joined = "\n".join(contents)
    for quote in _CURLY_QUOTES:
        joined = joined.replace(quote, "'")
    sizes = map(len, joined.encode("utf-8", "surrogatepass").split(b"\n"))
    # (size - length) // 2 is the number of wide characters.
    return [0.5 * (length + (size - length) // 2) for size, length in zip(sizes, lengths)]


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
    # Widths are multiples of ½ em, so a document has few distinct ones: what
    # depends on the width alone is worked out once per width.
    distinct = set(widths)
    low_of = {w: w - _tolerance(w) for w in distinct}
    high_of = {w: w + _tolerance(w) + INDENT for w in distinct}
    lows = list(map(low_of.__getitem__, widths))
    highs = list(map(high_of.__getitem__, widths))
    # One pass per neighbour offset: the neighbour's evidence where it falls in
    # the line's band, else 0.  For a line wide enough to be usable the band
    # lies above 0, so its hits are the entries that are not 0; widths are
    # positive, so a 0 never wins the maximum.
    in_bands = []
    counts = [0] * len(widths)
    for offset in [d for d in range(-NEIGHBOURS, NEIGHBOURS + 1) if d]:
        shifted = ([-1.0] * offset + evidence[:-offset]) if offset > 0 else (evidence[-offset:] + [-1.0] * -offset)
        in_band = [e if low <= e <= high else 0.0 for low, e, high in zip(lows, shifted, highs)]
        counts = list(map(add, counts, map(truth, in_band)))
        in_bands.append(in_band)
    columns = list(map(max, widths, *in_bands))
    ordered = sorted(e for e in evidence if e >= 0)
    in_document = {w: bisect_right(ordered, high_of[w]) - bisect_left(ordered, low_of[w])
                   for w in distinct if w >= GLOBAL_MIN}
    anywhere = [in_document[w] - (e >= 0) if w >= GLOBAL_MIN else 0 for w, e in zip(widths, evidence)]
    usable = list(map({w: MIN_COLUMN <= w <= MAX_COLUMN for w in distinct}.__getitem__, widths))
    full = [u and (c > 0 or g >= 3) for u, c, g in zip(usable, counts, anywhere)]
    supported = [u and (c >= 2 or g >= 3) for u, c, g in zip(usable, counts, anywhere)]
    return full, columns, supported


def _wrap_joints(text: str) -> list[Span]:
    """Return the joints (end of a line … start of the next) to remove; see join_hard_wraps."""
    lines = _lines(text)
    line_count = len(lines.starts)
    if line_count < 2:
        return []
    full, columns, supported = _columns(lines)
    # A page is wrapped only if wrapping shows: a fair share of its lines broken mid-sentence.
    # A web page's few short lines (date, headline, author) of similar width are not a column.
    wrapped = sum(1 for width, ending in zip(lines.widths, lines.endings)
                  if ending == "broken" and MIN_COLUMN <= width <= MAX_COLUMN)
    if wrapped < max(MIN_WRAPPED_LINES, MIN_WRAPPED_SHARE * line_count):
        return []
    # Blank lines and indentation are evidence only when they are the exception:
    # some PDFs put a blank line after every line, web pages indent every paragraph.
    blanks_informative = sum(lines.blank_before) * 2 < line_count - 1
    indent_informative = sum(lines.indented) * 2 < line_count
    starts_paragraph = _finder(_layout("paragraph_start"))
    tolerance = {column: _tolerance(column) for column in set(columns)}
    joints = []
    paragraph_column = 0.0  # the column of the paragraph being rebuilt, once it has two lines
    contents, starts, ends, widths = lines.contents, lines.starts, lines.ends, lines.widths
    for i, (width, next_width, line_column, ending, is_full, is_supported, next_indented, next_blank) in (
            enumerate(zip(widths, widths[1:], columns, lines.endings, full, supported,
                          lines.indented[1:], lines.blank_before[1:]))):
        column = line_column if line_column > paragraph_column else paragraph_column
        if ending == "sentence":
            # A sentence ends with the line: the paragraph goes on only if this line
            # reaches the column's edge, several lines vouch for the column, and the
            # next line is full (not the shorter, indented first line of a new paragraph).
            join = (is_full and is_supported and width >= column - tolerance[column]
                    and next_width >= column - SHORTFALL
                    and not (blanks_informative and next_blank))
        elif ending == "lead_in":
            join = False
        elif is_full:
            # Broken mid-sentence: a full line runs on into the next line of its column.
            join = next_width <= column + tolerance[column]
        else:
            # A line too long for a heading runs on into a next line of about its
            # width (a paragraph of two lines, alone in its width).
            join = GLOBAL_MIN <= width <= MAX_COLUMN and abs(next_width - width) <= _tolerance(width)
        # Whatever the widths say, a next line that starts like a paragraph starts
        # one (tested last: the pattern search is the dearest test; endpos limits
        # it to the line's first HEAD_CHARS characters as a slice would).
        if join and ((indent_informative and next_indented)
                     or starts_paragraph(contents[i + 1], 0, HEAD_CHARS)):
            join = False
        if join:
            joints.append((ends[i], starts[i + 1]))
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
    # Most joints are between ideographs: the cheap isascii test settles them.
    pieces = [(start, end, " " if (before := text[start - 1]).isascii() and _needs_space(before, text[end])
               else "") for start, end in joints]
    return Step(text, tuple(pieces), tuple(joints))


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
    return Step(text, tuple((start, start, "\n") for start, _ in found), found)


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
    return Step(text, tuple((start, end, "") for start, end in found), found)


# ---------------------------------------------------------------- marks


# The three marking repairs read the same text one after the other: its
# paragraphs are split once (the last text only is kept).
@lru_cache(maxsize=1)
def _paragraphs(text: str) -> tuple[tuple[Span, str], ...]:
    """Return the span (start, end) and the text of every non-empty line of ``text``."""
    lines = text.split("\n")
    lengths = list(map(len, lines))
    starts = map(add, accumulate(lengths, initial=0), count())
    return tuple(((start, start + length), line) for start, length, line in zip(starts, lengths, lines) if length)


@lru_cache(maxsize=None)
def _site_titles() -> tuple[re.Pattern, ...]:
    """The boilerplate patterns of a site suffix ("site_title"), looked up once."""
    return tuple(pattern for name, pattern in _patterns("boilerplate.txt")[""] if name == "site_title")


def _heading_key(paragraph: str) -> str:
    """The words of a heading, without a site suffix and spaces, for finding repeats."""
    for pattern in _site_titles():
        paragraph = pattern.sub("", paragraph)
    return "".join(paragraph.split())


def mark_boilerplate(text: str) -> Step:
    """Find the paragraphs that are page furniture, not content.

    Takes the cleaned text (one paragraph per line); returns it unchanged with the
    spans of boilerplate paragraphs: site chrome, timestamps, source, font, share
    and editor lines, banners, bylines in parentheses (patterns in
    ``data/boilerplate.txt``, both scripts), and a headline repeated after it
    already stood as content.  Only paragraphs of at most MAX_BOILERPLATE_CHARS
    characters are considered, so no sentence of real content is marked.
    """
    is_boilerplate = _finder(_patterns("boilerplate.txt")[""])
    found = []
    seen_headings: set[str] = set()
    for span, paragraph in _paragraphs(text):
        if len(paragraph) > MAX_BOILERPLATE_CHARS:
            continue
        if is_boilerplate(paragraph):
            found.append(span)
            continue
        if _is_heading_like(paragraph):
            key = _heading_key(paragraph)
            if key in seen_headings:
                found.append(span)
            seen_headings.add(key)
    return Step(text, (), tuple(found), "boilerplate")


def mark_captions(text: str) -> Step:
    """Find image captions: ``图为……`` / ``圖為:……``, a last sentence starting with
    图为, or a picture credit ``（图片来源……）`` at the end.

    Takes the cleaned text; returns it unchanged with the caption paragraphs' spans.
    """
    is_caption = _finder(_layout("caption"))
    found = tuple(span for span, paragraph in _paragraphs(text) if is_caption(paragraph))
    return Step(text, (), found, "caption")


def _is_heading_like(paragraph: str) -> bool:
    return len(paragraph) <= MAX_HEADING_CHARS and _ending(paragraph) != "sentence"


def mark_headings(text: str) -> Step:
    """Find headings: paragraphs of at most MAX_HEADING_CHARS characters that do
    not end a sentence (a heading wrapped over two lines was joined before).

    Takes the cleaned text; returns it unchanged with the headings' spans.
    Paragraphs already marked boilerplate or caption keep that kind (see clean).
    """
    found = tuple(span for span, paragraph in _paragraphs(text) if _is_heading_like(paragraph))
    return Step(text, (), found, "heading")


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
        spans = tuple(view.spans(step.found))
        if step.kind:
            spans = tuple(span for span in spans if span not in marked)
            marked.update(spans)
            marks.extend((start, end, step.kind) for start, end in spans)
        if repair is mark_lost_glyphs:
            lost = spans
        # Composing edit by edit costs what the edits cost, not the text's length.
        view = view.edit(step.edits)
        if spans:
            repairs.append(Repair(repair.__name__, len(spans), spans))
    return Cleaned(view, tuple(sorted(marks)), lost, tuple(repairs))
