"""The paragraph model: which line breaks are wraps, decided from evidence, region by region.

A document may hold one paragraph a line (a web page), paragraphs wrapped in a
column (a PDF extraction, with or without blank lines between the lines, with
or without indented first lines), or both.  The evidence is the layout:

* **Regions.**  A line wider than MAX_COLUMN ems is a paragraph of its own: no
  printed column is that wide.  The runs of narrower lines between such lines
  are the regions where wrapping may have happened.  A run is *wrapped* when
  it reads as prose (MIN_PROSE_SHARE of its lines hold a comma or a full
  stop) and at least MIN_WRAPPED_LINES of its lines, and MIN_WRAPPED_SHARE of them, are
  full lines broken mid-sentence, or when a line but its last, broken
  mid-sentence, is too wide for a heading (MIN_WIDE_LINE).  Next to
  paragraphs a line, a page sets headings, poems, lists and tables on lines of
  their own: there only a long run of full lines of prose (with commas and
  full stops) is wrapped.  Otherwise a
  run's lines are headings, bylines, captions, list items or table rows, one
  paragraph each.
* **Full lines.**  A printed column is justified: its lines reach the right
  edge, so they have nearly the same width, while a paragraph's last line is
  shorter and its first line is INDENT ems shorter (indented, the indentation
  itself often lost in extraction).  A line is *full* when lines near it that
  are broken mid-sentence have about its width (or up to INDENT more): see
  :func:`_columns`.  Width is measured in ems (ideographs one em, Latin
  letters, digits and curly quotes half) and, for text wrapped every so many
  characters, in characters: a line full by either measure is full.
* **Blank lines and indentation** count only where they are the exception in
  their region: some PDFs put a blank line after every line, web pages indent
  every paragraph.

In any region, N starting with a mark that never starts a printed line (a
comma, a full stop, a closing quote: ``punctuation.LINE_FOLLOWERS``) or with a
decimal point and a digit, or of punctuation only, continues L.  In a wrapped
region, for two consecutive lines L and N:

* N starts a paragraph if it starts like one (bullet, number, caption,
  bracketed label: ``[paragraph_start]`` in ``data/layout.txt``), if it is
  indented where indentation is informative, if L is a row of a table (mostly
  figures, ending with one) and N starts with a label or a word, or
  if N and the paragraph L ends start with a label and a colon (two fields:
  ``工作单位：…`` / ``目前状况：…``, ``[field_label]`` in ``data/layout.txt``), or
  if L or N is page furniture (a running head, a page number);
* a break inside a token (a figure, a decimal, a Latin word, a number and its
  unit) is a wrap when L is about as wide as its column or its first line;
* L broken mid-sentence joins N when L is full and N is no wider than L's
  column; or when L is too wide for a heading (GLOBAL_MIN) and N about as wide
  (a two-line paragraph alone in its width).  Otherwise L is a heading, a
  label or a short line of its own;
* L ending with a dash (a lead-in: ``……嘉昆太——``) never joins;
* L ending a sentence joins N only if L is full, reaches the column of the
  paragraph it ends (the widest column of the lines joined so far: the short
  last line of a wide caption is not full in a narrower column below it), its
  column is vouched for by at least two lines, and N is full too: an N
  shorter than the column by SHORTFALL ems or more is the first line of a new
  paragraph (or a one-line paragraph), so the paragraph ends with L;
* a blank line between L and N ends the paragraph where blank lines are
  informative, unless L is broken mid-sentence (a page or column break).

Known limit: a heading about as wide as the indented first line of the
column under it, with no blank-line or indentation evidence, is taken for
that first line and joined to the paragraph after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import compress, groupby
from operator import add, truth
from typing import NamedTuple

from ..model import Span
from .breaks import (
    HEAD_CHARS,
    PROSE_MARK,
    continues,
    next_field,
    next_row,
    page_furniture,
    rows,
    token_across,
)
from .lines import Lines, lines_of
from .patterns import finder, layout

# Layout constants, in ems (the width of one ideograph).
MIN_COLUMN = 10      # narrower lines are never taken for full lines of a column
MAX_COLUMN = 50      # no printed column is wider (in ems): longer lines are paragraphs
INDENT = 2           # a paragraph's first line is indented by two characters
NEIGHBOURS = 3       # lines looked at on each side for the column width
GLOBAL_MIN = 20      # a line this wide may find its column anywhere in the document
SHORTFALL = 1.5      # a line this much narrower than its column is a first (or last) line
MIN_COLUMN_LINES = 2      # a column is the width of at least this many lines broken mid-sentence ...
MIN_COLUMN_SHARE = 0.1    # ... and this share of the lines of the document's main column
MIN_FIRST_LINE_SHARE = 0.05  # first lines INDENT short, this share of its lines, say the indentation was lost
MIN_WRAPPED_LINES = 3     # a region shows wrapping with at least this many full broken lines ...
MIN_WRAPPED_SHARE = 0.2   # ... making at least this share of its lines
MIN_WIDE_LINE = 30        # ... or with one line this wide broken mid-sentence (too wide for a heading)
MIN_MARKS = 2             # blank or indented lines tell paragraphs apart if at least this many (a minority)
MIN_LINES_AMID_PARAGRAPHS = 12   # narrow lines next to paragraphs a line are wrapped only if this many ...
MIN_WRAPPED_SHARE_AMID_PARAGRAPHS = 0.5   # ... and this share of them are full lines broken mid-sentence,
MIN_PROSE_SHARE_AMID_PARAGRAPHS = 0.5     # and this share hold clause punctuation (prose, not a list)
MIN_PROSE_SHARE = 0.3     # elsewhere, this share of a wrapped region's lines hold some


class Layout(NamedTuple):
    """How the paragraphs of a region are laid out."""

    wrapped: bool
    blanks_informative: bool = False  # blank lines between some lines only: they end paragraphs
    blanks_everywhere: bool = False   # a blank line after (nearly) every line: spacing
    indent_informative: bool = False  # some lines indented only: they start paragraphs


_ONE_A_LINE = Layout(False)


class Region(NamedTuple):
    """A run of lines ``[first, last)``, how its paragraphs are laid out, and for
    a wrapped region where its lines start among the narrow lines (``offset``)."""

    first: int
    last: int
    wrapped: bool
    blanks_informative: bool = False
    blanks_everywhere: bool = False
    indent_informative: bool = False
    offset: int = 0

    def describe(self) -> str:
        """How the region's paragraphs were told apart, as the report's repairs name it."""
        if not self.wrapped:
            return "paragraphs: one a line"
        spacing = (", blank lines end paragraphs" if self.blanks_informative
                   else ", blank line after every line" if self.blanks_everywhere else "")
        return "paragraphs: wrapped lines" + spacing + (", first lines indented" if self.indent_informative else "")


def _printed_columns(ordered: list[float], tolerance) -> list[float]:
    """The widths of the columns a document is printed in: the widths that most
    lines broken mid-sentence share (``ordered``: their widths, sorted).

    For each width the lines of that width or half an em narrower are counted
    (the full lines of a column have about one width, a little less with
    punctuation set half width; its first and last lines and the lines with
    Latin letters or digits are narrower, and would pull a count centred on
    the width towards them); a width whose count no width within its
    tolerance beats, and that is at least MIN_COLUMN_LINES and
    MIN_COLUMN_SHARE of the largest count, is a column, unless it is another
    column's first lines.
    """
    exact = Counter(ordered)
    counts = {w: n + exact.get(w - 0.5, 0) for w, n in exact.items()}
    if not counts:
        return []
    floor = max(MIN_COLUMN_LINES, MIN_COLUMN_SHARE * max(counts.values()))
    peaks = [w for w, n in counts.items()
             if n >= floor and all(n >= m for v, m in counts.items() if abs(v - w) <= tolerance(w))]
    # A peak INDENT narrower than another is that column's first lines, their
    # indentation lost: no column of its own (its own first lines would be
    # narrower still).
    return [w for w in peaks if not any(v > w and abs(w + INDENT - v) <= tolerance(v) for v in peaks)]


def _fits(width: float, columns: list[float], tolerance) -> bool:
    """Whether a line of ``width`` is a full line of one of ``columns``, or its
    indented first line."""
    return any(abs(width - column) <= tolerance(column) or abs(width + INDENT - column) <= tolerance(column)
               for column in columns)


def _tolerance(width: float) -> float:
    """How far the full lines of one column differ in width (justification, digits)."""
    return max(1.5, 0.1 * width)


def _length_tolerance(length: float) -> float:
    """How far the full lines of a column wrapped every so many characters differ in length."""
    return 1.0


class Columns(NamedTuple):
    """For each line: whether it is full, its column width, whether several lines vouch for it."""

    full: list[bool]
    columns: list[float]
    supported: list[bool]


def _main_column(widths: list[float], broken: list[bool]) -> tuple[float, bool]:
    """The width of the column most lines broken mid-sentence are printed in (0
    if none), and whether its first lines are INDENT narrower (the indentation
    lost in extraction: many broken lines that wide)."""
    ordered = sorted(compress(widths, broken))
    columns = _printed_columns(ordered, _tolerance)
    count = {column: bisect_right(ordered, column + _tolerance(column)) - bisect_left(ordered, column - _tolerance(column))
             for column in columns if MIN_COLUMN <= column <= MAX_COLUMN}
    if not count:
        return 0.0, False
    main = max(count, key=lambda column: (count[column], column))
    first_lines = bisect_right(ordered, main - INDENT + 0.5) - bisect_left(ordered, main - INDENT - 0.5)
    return main, first_lines >= max(MIN_COLUMN_LINES, MIN_FIRST_LINE_SHARE * count[main])


def _columns(widths: list[float], evidence_widths: list[float], broken: list[bool], tolerance) -> Columns:
    """For each line: whether it is full, its column width, and whether several
    lines vouch for that column.  ``widths`` are the lines' widths, in ems or in
    characters; ``evidence_widths`` their widths in ems, which the column is
    made of (a line wrapped every so many characters has as many as its column
    is wide in ems, whatever its digits and Latin letters make of its own).

    A line is *full* when it reaches its column's right edge: other lines near it
    (NEIGHBOURS on each side) that are broken mid-sentence, as the lines of a
    wrapped column mostly are, have about its width, or up to INDENT more (it may
    be an indented first line).  Lines ending a sentence are no evidence: web
    paragraphs of similar length all end one.  A line wider than GLOBAL_MIN may
    find those lines anywhere in the document (a two-line caption set in the
    width of the editor's note at the top of the page), if there are three.  The
    column width is the widest of them.  Lines narrower than MIN_COLUMN or wider
    than MAX_COLUMN are never full, nor are lines narrower than GLOBAL_MIN that
    fit none of the document's columns (:func:`_printed_columns`): a list of
    short items of about one width is no column.
    """
    evidence = [w if is_broken else -1.0 for w, is_broken in zip(evidence_widths, broken)]
    # Widths are multiples of ½ em, so a document has few distinct ones: what
    # depends on the width alone is worked out once per width.
    distinct = set(widths)
    low_of = {w: w - tolerance(w) for w in distinct}
    high_of = {w: w + tolerance(w) + INDENT for w in distinct}
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
    # A line's own evidence is not evidence for it.
    anywhere = [in_document[w] - (low_of[w] <= e <= high_of[w]) if w >= GLOBAL_MIN else 0
                for w, e in zip(widths, evidence)]
    printed = _printed_columns(ordered, tolerance)
    usable = list(map({w: MIN_COLUMN <= w <= MAX_COLUMN and (w >= GLOBAL_MIN or _fits(w, printed, tolerance))
                       for w in distinct}.__getitem__, widths))
    full = [u and (c > 0 or g >= 3) for u, c, g in zip(usable, counts, anywhere)]
    supported = [u and (c >= 2 or g >= 3) for u, c, g in zip(usable, counts, anywhere)]
    return Columns(full, columns, supported)


class _Measured(NamedTuple):
    """For each line, in the measure (ems or characters) in which it is full if
    either says so: its width, the next line's width, its column, whether the
    column is vouched for, and the tolerance of the column."""

    full: list[bool]
    widths: list[float]
    next_widths: list[float]
    columns: list[float]
    supported: list[bool]
    tolerances: list[float]
    main_column: float  # the document's column with the most lines (0 if none)
    first_lines_short: bool  # its first lines are INDENT narrower (indentation lost)
    rows: list[bool]    # whether the line reads like a row of a table


def _measured(lines: Lines) -> _Measured:
    """Fullness and columns of every line, in ems or, where that makes a line full, in characters.

    Rows of a table are no evidence of a column, though they end without punctuation.
    """
    row_flags = rows(lines.contents)
    broken = [ending == "broken" and not row for ending, row in zip(lines.endings, row_flags)]
    in_ems = _columns(lines.widths, lines.widths, broken, _tolerance)
    lengths = list(map(float, lines.lengths))
    in_chars = _columns(lengths, lines.widths, broken, _length_tolerance)
    by_chars = [not e and c for e, c in zip(in_ems.full, in_chars.full)]
    main_column, first_lines_short = _main_column(lines.widths, broken)
    if not any(by_chars):
        return _Measured(in_ems.full, lines.widths, lines.widths[1:] + [0.0], in_ems.columns, in_ems.supported,
                         [_tolerance(column) for column in in_ems.columns], main_column, first_lines_short, row_flags)
    widths = [c if pick else e for pick, e, c in zip(by_chars, lines.widths, lengths)]
    next_widths = [c if pick else e for pick, e, c in zip(by_chars, lines.widths[1:], lengths[1:])] + [0.0]
    columns = [c if pick else e for pick, e, c in zip(by_chars, in_ems.columns, in_chars.columns)]
    return _Measured(
        [e or c for e, c in zip(in_ems.full, in_chars.full)], widths, next_widths, columns,
        [c if pick else e for pick, e, c in zip(by_chars, in_ems.supported, in_chars.supported)],
        [_length_tolerance(column) if pick else _tolerance(column) for pick, column in zip(by_chars, columns)],
        main_column, first_lines_short, row_flags,
    )


def _regions(lines: Lines, narrow: Lines, full: list[bool]) -> list[Region]:
    """Cut the lines into regions (see the module's docstring) and tell how each
    is laid out; ``narrow`` are the lines no wider than MAX_COLUMN, ``full`` says
    which of them are full."""
    regions: list[Region] = []
    count = len(lines.widths)
    marks = _paragraph_marks(lines)
    first = offset = 0
    # The layout of the region being gathered, its first line, and where that is among the narrow lines.
    current, current_first, current_offset = None, 0, 0
    for is_narrow, group in groupby(width <= MAX_COLUMN for width in lines.widths):
        size = sum(1 for _ in group)
        layout_ = (_narrow_region(narrow, full, offset, offset + size, marks if size < count else None)
                   if is_narrow else _ONE_A_LINE)
        # Neighbouring regions laid out alike (never wrapped: a wide line parts them) are one region.
        if layout_ != current or layout_.wrapped:
            if current is not None:
                regions.append(Region(current_first, first, *current, current_offset))
            current, current_first, current_offset = layout_, first, offset if is_narrow else 0
        first += size
        offset += size if is_narrow else 0
    regions.append(Region(current_first, first, *current, current_offset))
    return regions


def _paragraph_marks(lines: Lines) -> tuple[bool, bool]:
    """How the lines too wide for a column (paragraphs) are marked: whether most
    are indented, and whether most follow a blank line."""
    wide = [k for k, width in enumerate(lines.widths) if width > MAX_COLUMN]
    return (sum(lines.indented[k] for k in wide) * 2 > len(wide),
            sum(lines.blank_before[k] for k in wide[1:]) * 2 > len(wide) - 1)


def _narrow_region(lines: Lines, full: list[bool], first: int, last: int,
                   paragraph_marks: tuple[bool, bool] | None) -> Layout:
    """How a run of narrow lines is laid out: wrapped or one paragraph a line, and
    whether blank lines and indentation are informative in it.  ``paragraph_marks``:
    when the run lies next to paragraphs a line (lines too wide for a column),
    whether they are indented and whether they follow a blank line."""
    count = last - first
    if paragraph_marks is not None and count < MIN_LINES_AMID_PARAGRAPHS:
        return _ONE_A_LINE
    endings = lines.endings[first:last]
    broken_full = sum(1 for is_full, ending in zip(full[first:last], endings) if is_full and ending == "broken")
    # Wrapped text is prose: most of its lines hold a comma or a full stop (a
    # list, a table, a page of chrome has none).
    prose = sum(1 for content in lines.contents[first:last] if PROSE_MARK.search(content))
    if paragraph_marks is not None:
        # A page of paragraphs a line sets headings, poems, lists and tables on
        # lines of their own: only a long run of full lines is a wrapped column,
        # and a line marked like the page's paragraphs starts one.
        if broken_full < MIN_WRAPPED_SHARE_AMID_PARAGRAPHS * count or prose < MIN_PROSE_SHARE_AMID_PARAGRAPHS * count:
            return _ONE_A_LINE
        indented, blank = paragraph_marks
        return Layout(True, blank, False, indented)
    wrapped = prose >= MIN_PROSE_SHARE * count and (
        broken_full >= max(MIN_WRAPPED_LINES, MIN_WRAPPED_SHARE * count) or any(
            width >= MIN_WIDE_LINE and ending == "broken"
            for width, ending in zip(lines.widths[first:last - 1], endings)))
    if not wrapped:
        return _ONE_A_LINE
    blanks = sum(lines.blank_before[first + 1:last])
    indents = sum(lines.indented[first:last])
    gaps = count - 1
    return Layout(True, MIN_MARKS <= blanks and blanks * 2 < gaps, blanks * 2 >= gaps,
                  MIN_MARKS <= indents and indents * 2 < count)


def wrap_joints(text: str) -> tuple[list[Span], list[tuple[str, Span]]]:
    """Return the joints (end of a line … start of the next) that are wraps, and
    the decision taken for each region: (how its paragraphs were told apart, its span)."""
    lines = lines_of(text)
    if len(lines.starts) < 2:
        return [], []
    # Only lines no wider than a column may be wrapped: the rest is measured no further.
    kept = [k for k, width in enumerate(lines.widths) if width <= MAX_COLUMN]
    narrow = Lines(*(list(map(column.__getitem__, kept)) for column in lines)) if len(kept) < len(lines.widths) else lines
    measured = _measured(narrow)
    regions = _regions(lines, narrow, measured.full)
    joints: list[Span] = []
    # Lines that start with a mark (few): candidates to continue the line before.
    marked = {m.start(1) for m in _MARK_AT_LINE_START.finditer(text)}
    for region in regions:
        if region.wrapped:
            joints.extend(_region_joints(narrow, measured, region))
        elif marked and region.last - region.first > 1:
            joints.extend(_continuations(lines, region, marked))
    notes = [(region.describe(), (lines.starts[region.first], lines.ends[region.last - 1])) for region in regions]
    return joints, notes


# A line starting with anything but a letter, a digit or an ideograph (group 1).
_MARK_AT_LINE_START = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)*([^\w\s])")


def _continuations(lines: Lines, region: Region, marked: set[int]) -> list[Span]:
    """The joints of a region of paragraphs a line: before a line that can only
    continue the one before it (see :func:`continues`); ``marked``: where the
    lines starting with a mark start."""
    starts = lines.starts
    joints = []
    for start in sorted(marked):
        k = bisect_left(starts, start, region.first + 1, region.last)
        if k < region.last and starts[k] == start and continues(lines.contents[k]):
            joints.append((lines.ends[k - 1], start))
    return joints


def _region_joints(lines: Lines, measured: _Measured, region: Region) -> list[Span]:
    """The wraps of one wrapped region (see the module's docstring)."""
    contents, starts, ends = lines.contents, lines.starts, lines.ends
    joints = []
    paragraph_column = 0.0  # the column of the paragraph being rebuilt, once it has two lines
    paragraph_first = region.offset  # the first line of that paragraph
    for i in range(region.offset, region.offset + region.last - region.first - 1):
        line_column = measured.columns[i]
        column = line_column if line_column > paragraph_column else paragraph_column
        # A line reads as a row of a table if it starts its paragraph or goes on
        # with one that does (a line of prose may end with a long figure).
        row = measured.rows[i] and measured.rows[paragraph_first]
        if continues(contents[i + 1]):
            join = True
        elif (reaches := _reaches(lines, measured, i, column, i == paragraph_first, row)) and token_across(
                contents[i], contents[i + 1]):
            # Broken inside a figure or a word (the full stop of 74．54 is a
            # decimal point; ２０、 after 收市８７ is no numbered item; the last
            # figure of a row): the line runs on, whatever else the lines say
            # but informative indentation.
            join = not (region.indent_informative and lines.indented[i + 1])
        elif row and not measured.rows[i + 1]:
            join = False  # a row goes on with figures only: what else follows it is something new
        else:
            join = (reaches or not row) and _runs_on(lines, measured, region, i, column)
            join = join and not _starts_paragraph(lines, region, i, paragraph_first)
        if join:
            joints.append((ends[i], starts[i + 1]))
        else:
            paragraph_first = i + 1
        paragraph_column = column if join else 0.0
    return joints


def _reaches(lines: Lines, measured: _Measured, i: int, column: float, first: bool, row: bool) -> bool:
    """Whether line ``i`` is nearly as wide as its column (in ems, or in
    characters if they say more): within its tolerance, or INDENT more if it is
    a first line and first lines lost their indentation, or a ``row`` of a
    table (whose first line may have lost it, a table too short to tell)."""
    token_column = column if column > measured.main_column else measured.main_column
    width = measured.widths[i]
    reach = width if width > lines.lengths[i] else lines.lengths[i]
    slack = INDENT if row or (first and measured.first_lines_short) else 0
    return reach >= token_column - measured.tolerances[i] - slack


def _reaches_edge(lines: Lines, measured: _Measured, i: int, column: float) -> bool:
    """Whether line ``i`` reaches the edge of its column, or of the document's
    main column (a wider line near it, a running head say, may widen its own),
    in ems or in characters if they say more."""
    width = measured.widths[i]
    reach = width if width > lines.lengths[i] else lines.lengths[i]
    main = measured.main_column
    return reach >= column - measured.tolerances[i] or (main > 0 and reach >= main - _tolerance(main))


def _runs_on(lines: Lines, measured: _Measured, region: Region, i: int, column: float) -> bool:
    """Whether line ``i`` runs on into the next, by the widths and how it ends."""
    width, next_width, tolerance = measured.widths[i], measured.next_widths[i], measured.tolerances[i]
    ending = lines.endings[i]
    if ending == "sentence":
        # A sentence ends with the line: the paragraph goes on only if this line
        # reaches the column's edge, several lines vouch for the column, and the
        # next line is full (not the shorter, indented first line of a new paragraph).
        return (measured.full[i] and measured.supported[i] and width >= column - tolerance
                and next_width >= column - SHORTFALL
                and not (region.blanks_informative and lines.blank_before[i + 1]))
    if ending == "lead_in":
        return False
    # Most full lines reach their column as measured: the other tests are rarely asked.
    if measured.full[i] and (width >= column - tolerance or measured.first_lines_short or lines.indented[i]
                             or _reaches_edge(lines, measured, i, column)):
        # Broken mid-sentence: a full line runs on into the next line of its column.
        # A line INDENT short is full as a first line, indented or its indentation
        # lost, the latter only where first lines are short in this document;
        # elsewhere it is a heading or a byline (a first line would reach the edge).
        return next_width <= column + tolerance
    # A line too long for a heading runs on into a next line of about its
    # width (a paragraph of two lines, alone in its width).
    return GLOBAL_MIN <= width <= MAX_COLUMN and abs(next_width - width) <= _tolerance(width)


def _starts_paragraph(lines: Lines, region: Region, i: int, paragraph_first: int) -> bool:
    """Whether, whatever the widths say, line ``i + 1`` starts a paragraph: it is
    indented (where that tells), starts like a paragraph (``[paragraph_start]``:
    endpos limits the search to its first HEAD_CHARS characters as a slice
    would), starts the next row or field, or either line is page furniture."""
    contents = lines.contents
    following = contents[i + 1]
    return bool((region.indent_informative and lines.indented[i + 1])
                or finder(layout("paragraph_start"))(following, 0, HEAD_CHARS)
                or next_row(contents[i], following)
                or next_field(contents[paragraph_first], following)
                or page_furniture(contents[i]) or page_furniture(following))
