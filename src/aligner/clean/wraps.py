"""The repairs of the clean stage that join lines: hard wraps and wrapped headings.

How hard wraps are told from paragraph ends: the evidence is the layout.  A
printed column is justified: its lines reach the right edge, so they have
nearly the same printed width (ideographs one em, Latin letters, digits and
curly quotes half), while a paragraph's last line is shorter and its first line
is INDENT ems shorter (indented, the indentation itself lost in extraction).
For two consecutive lines L and N:

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

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, count
from operator import add, sub, truth
from typing import NamedTuple

from ..model import Span
from ..punctuation import CLOSING, DASHES, SENTENCE_FINAL, ends_sentence
from .patterns import SPACE, finder, layout
from .step import Step

# Layout constants, in ems (the width of one ideograph).
MIN_COLUMN = 10      # narrower lines are never taken for full lines of a column
MAX_COLUMN = 50      # no printed column is wider (in ems): longer lines are paragraphs
INDENT = 2           # a paragraph's first line is indented by two characters
NEIGHBOURS = 3       # lines looked at on each side for the column width
GLOBAL_MIN = 20      # a line this wide may find its column anywhere in the document
SHORTFALL = 1.5      # a line this much narrower than its column is a first (or last) line
HEAD_CHARS = 16      # the [paragraph_start] patterns look at most this far into a line
MIN_WRAPPED_LINES = 1     # a page shows wrapping with at least this many broken lines ...
MIN_WRAPPED_SHARE = 0.2   # ... making at least this share of its lines
# A heading set on two lines has lines of at most this many characters.
MAX_HEADING_LINE = 20


class _Lines(NamedTuple):
    """The non-empty lines of a text, column by column (one entry per line)."""

    contents: list[str]        # the line without its indentation and trailing spaces
    starts: list[int]          # first character after the indentation
    ends: list[int]            # end of the last non-space character
    widths: list[float]        # printed width in ems
    indented: list[bool]       # white space before the start on its line
    blank_before: list[bool]   # an empty line separates it from the line before
    endings: list[str]         # "sentence" (final punctuation), "lead_in" (a dash), "broken"


# How a line ends, told by its last character alone; None where that is a
# closing mark and the characters before it decide.
_ENDING_BY_LAST = {**dict.fromkeys(SENTENCE_FINAL, "sentence"), **dict.fromkeys(DASHES, "lead_in"),
                   **dict.fromkeys(CLOSING, None)}
# Set half width in Chinese type, though three bytes long in UTF-8 (see _widths).
_CURLY_QUOTES = "“”‘’"


def _ending(line: str) -> str:
    """How a line ends: "sentence", "lead_in" or "broken" (mid-sentence)."""
    if ends_sentence(line):
        return "sentence"
    return "lead_in" if line[-1:] in DASHES else "broken"


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
    starts_paragraph = finder(layout("paragraph_start"))
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
    Latin letters or digits a space takes their place), and the joints.  How
    the layout tells a wrap from a paragraph's end: see this module's docstring.
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


# SENTENCE_FINAL as the body of a character class.
_FINAL_CLASS = "".join(map(re.escape, sorted(SENTENCE_FINAL)))
# A short line ending in a comma-like mark, the next line short and unpunctuated,
# both set apart by blank lines (or the text's ends) and only a line feed between:
# one heading set on two lines ("生态互促，\n创新高地动能澎湃").  The second line
# may not end a sentence, but the lookbehinds see only one closing quote or
# parenthesis after the punctuation, not all of CLOSING as ends_sentence does:
# a looser test, kept so that the output stays as it was.
_WRAPPED_HEADING_LINES = (
    rf"{SPACE}*"
    rf"[^\n]{{1,{MAX_HEADING_LINE - 1}}}[，、：,:]"
    rf"(?P<joint>{SPACE}*\n{SPACE}*)"
    rf"(?![■□◆◇●•【(（])[^\n]{{1,{MAX_HEADING_LINE}}}?(?<![{_FINAL_CLASS}])(?<![{_FINAL_CLASS}][”’」』）)])"
    rf"{SPACE}*(?=\n{SPACE}*\n|\n?{SPACE}*\Z)"
)
# At the text's start, and after a blank line: two patterns, as one led by
# ``(?:^|\n…)`` would be tried at every position, where one led by the line
# feed is tried only where ``re`` finds one.
_WRAPPED_HEADING_FIRST = re.compile("^" + _WRAPPED_HEADING_LINES)
_WRAPPED_HEADING = re.compile(rf"\n{SPACE}*\n" + _WRAPPED_HEADING_LINES)


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

