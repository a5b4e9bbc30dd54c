"""Page layout from character boxes: lines, columns, reading order, paragraphs.

Pure geometry on the characters a PDF draws (PDF coordinates: points, y up), so
it can be tested without a PDF.  The steps, in order:

1. :func:`split_runs` and :func:`page_lines`: characters → lines.  Characters
   in drawing order make runs; runs on one baseline that touch or overlap make
   a line.  Where runs overlap, the same character drawn twice at nearly the
   same place (fake bold) is kept once.
2. :func:`running_lines`: lines in the top or bottom margin of the pages (set
   off from the text) that repeat, digits aside, or are page numbers: headers,
   footers, folios.
3. :func:`reading_order`: a page's lines → regions (columns) in reading order.
   Bands of lines that share a vertical gutter form a multi-column group, read
   column by column, recursively; groups are read top to bottom.
4. :func:`paragraphs`: lines → paragraphs, across columns and pages: a new
   paragraph at a change of type size, an indented line, a line after one that
   stops short of the column's edge, or a wider gap than the column's leading.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from statistics import median

# A gap wider than this many ems separates two runs on one baseline (column gutters,
# table cells); narrower gaps are word spaces.
GAP_EM = 1.0
# A gap wider than this many ems between two characters of Latin script is a word space.
WORD_GAP_EM = 0.25
# Runs whose vertical centres differ by less than this share of the size share a baseline.
BASELINE_SHARE = 0.35
# Two drawings of a character less than this share of its size apart are one (fake bold).
DOUBLE_SHARE = 0.2
# A gutter between columns is at least this many ems wide.
GUTTER_EM = 1.0
# Recursion bound for columns inside columns.
MAX_DEPTH = 6
# Lines this share of the size apart (or more) are not one line: runs of one line overlap more.
BAND_OVERLAP = 0.3
# A paragraph's line is indented when it starts this many ems right of its column's edge.
INDENT_EM = 0.6
# Sizes within this share are one type size.
SAME_SIZE = 0.12
# How many lines at each end of a page may be a running header or footer, and on what
# share of the pages (and at least two) a line must repeat to be one.
EDGE_LINES = 2
REPEAT_SHARE = 0.25
_PAGE_NUMBER = re.compile(r"(?i)^(?:[-–—]?#[-–—]?|第#[页頁版面]|#/#|(?:page|p\.)#(?:(?:of|/)#)?|[-–—]#[-–—])$")
_DIGITS = re.compile(r"\d+")
# Ideographs, kana, hangul and full-width forms: written without spaces between them.
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")


def is_cjk(char: str) -> bool:
    """Whether ``char`` is written without spaces around it (ideographs, kana, full-width forms)."""
    return _CJK.match(char) is not None


@dataclass(slots=True)
class Line:
    """One line of text on a page: its text, box (x0, x1, bottom, top), type size,
    page (1-based) and ``lead``, the width of its first word (how much room a line
    above must leave at its end to have ended a paragraph)."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    page: int
    lead: float


# A character: (text, x0, bottom, x1, top).
Char = tuple[str, float, float, float, float]


def page_lines(runs: list[list[Char]], page: int) -> tuple[list[Line], list[str]]:
    """Lines of a page from its runs (characters in drawing order, split where the
    drawing moves back, jumps a gap or changes baseline); also the doubled runs dropped."""
    order = sorted(range(len(runs)), key=lambda i: -_centre(runs[i]))
    lines: list[Line] = []
    doubled: list[str] = []
    group: list[list[Char]] = []
    centre = size = 0.0
    for index in order:
        run = runs[index]
        run_centre, run_size = _centre(run), _size(run)
        if group and abs(run_centre - centre) > BASELINE_SHARE * max(size, run_size):
            _lines_of_baseline(group, page, lines, doubled)
            group = []
        if not group:
            centre, size = run_centre, run_size
        group.append(run)
    if group:
        _lines_of_baseline(group, page, lines, doubled)
    return lines, doubled


def split_runs(chars: list[Char]) -> list[list[Char]]:
    """Cut characters in drawing order into runs: a new run where the drawing moves
    back or lands on the character before (a second drawing starts), jumps more
    than GAP_EM, or leaves the baseline.  Characters with the very same box are
    one glyph that stands for several (a ligature, "——" drawn as one) and stay together."""
    runs: list[list[Char]] = []
    run: list[Char] = []
    px0 = px1 = pbottom = ptop = pheight = 0.0
    previous = " "
    for char in chars:
        text, x0, bottom, x1, top = char
        # Some glyphs come with their tight box (a dash, 一): the taller of two neighbours is the size.
        height = top - bottom
        if height < pheight:
            height = pheight
        gap = x0 - px1
        if run and (x0 < px0 or gap < -0.5 * height or gap > GAP_EM * height
                    or bottom >= ptop or top <= pbottom) and not (x0 == px0 and x1 == px1):
            runs.append(run)
            run = []
        elif gap > WORD_GAP_EM * height and text != " " != previous and not (is_cjk(text) and is_cjk(previous)):
            run.append((" ", px1, pbottom, x0, ptop))  # a word space no character drew
        run.append(char)
        px0, px1, pbottom, ptop, pheight, previous = x0, x1, bottom, top, top - bottom, text
    if run:
        runs.append(run)
    return runs


def _tallest(run: list[Char]) -> Char:
    """The tallest of the run's first characters: its box has the run's full height."""
    return max(run[:3], key=lambda char: char[4] - char[2])


def _centre(run: list[Char]) -> float:
    char = _tallest(run)
    return (char[2] + char[4]) / 2


def _size(run: list[Char]) -> float:
    char = _tallest(run)
    return char[4] - char[2]


def _lines_of_baseline(group: list[list[Char]], page: int, lines: list[Line], doubled: list[str]) -> None:
    """Merge the runs of one baseline that touch or overlap (left to right) into lines."""
    group.sort(key=lambda run: run[0][1])
    merged: list[list[list[Char]]] = []
    right = 0.0
    for run in group:
        run_right = max(map(itemgetter(3), run))
        if merged and run[0][1] - right <= GAP_EM * _size(run):
            merged[-1].append(run)
            right = max(right, run_right)
        else:
            merged.append([run])
            right = run_right
    for runs in merged:
        chars = runs[0] if len(runs) == 1 else _without_doubles(runs, max(map(_size, runs)), doubled)
        lines.append(_line(chars, page))


def _without_doubles(runs: list[list[Char]], size: float, doubled: list[str]) -> list[Char]:
    """The runs' characters left to right, each character drawn twice at nearly the
    same place (within DOUBLE_SHARE of ``size``) kept once; the characters dropped
    are added to ``doubled`` as one piece of text."""
    # Each character with the number of its run: a double is always drawn by another run.
    chars = sorted(((char, number) for number, run in enumerate(runs) for char in run), key=lambda pair: pair[0][1])
    near = DOUBLE_SHARE * size
    kept: list[tuple[Char, int]] = []
    dropped: list[str] = []
    for char, number in chars:
        text, x0, bottom, _, top = char
        last = kept[-1][0] if kept else (" ",)
        if text == " ":
            if last[0] != " ":  # each drawing brings its spaces: one is enough
                kept.append((char, number))
            continue
        if any(prev[0] == text and other != number and abs(prev[1] - x0) <= near and abs(prev[2] - bottom) <= near
               for prev, other in kept[-3:]):
            dropped.append(text)
            continue
        if last[0] != " " and x0 - last[3] > WORD_GAP_EM * size and not (is_cjk(text) and is_cjk(last[0])):
            kept.append(((" ", last[3], bottom, x0, top), number))  # a word space no character drew
        kept.append((char, number))
    if dropped:
        doubled.append("".join(dropped))
    return [char for char, _ in kept]


def _line(chars: list[Char], page: int) -> Line:
    text = "".join(map(itemgetter(0), chars)).strip()
    first = chars[0]
    lead_end = first[3]
    if not _CJK.match(first[0]):
        for char in chars:
            if char[0] == " " or _CJK.match(char[0]):
                break
            lead_end = char[3]
    # The size of most characters: the largest of three spread over the line
    # (a glyph may come with its tight box, smaller than its size).
    size = max(chars[i][4] - chars[i][2] for i in (0, len(chars) // 2, -1))
    return Line(text=text, x0=first[1], x1=max(map(itemgetter(3), chars)), bottom=min(map(itemgetter(2), chars)),
                top=max(map(itemgetter(4), chars)), size=round(size, 1), page=page, lead=lead_end - first[1])


# ---------------------------------------------------------------- running lines

def running_lines(pages: list[list[Line]]) -> dict[int, str]:
    """Lines that are page furniture, by ``id()``: "header", "footer" or "page-number".

    Looked for in the top and bottom margins: at most EDGE_LINES lines at each end
    of a page, set off from the rest by a gap of at least a line.  One is a page
    number, or repeats (digits aside) at the same end of at least two pages and
    REPEAT_SHARE of them.
    """
    candidates: list[tuple[Line, str, str]] = []
    for lines in pages:
        top_down = sorted(lines, key=lambda line: -line.top)
        bottom_up = sorted(lines, key=lambda line: line.bottom)
        for where, edge in (("header", _margin(top_down, True)), ("footer", _margin(bottom_up, False))):
            candidates.extend((line, where, _DIGITS.sub("#", "".join(line.text.split()))) for line in edge)
    on_pages = {(line.page, where, key) for line, where, key in candidates}
    pages_with = Counter((where, key) for _, where, key in on_pages)
    needed = max(2, REPEAT_SHARE * len(pages))
    found: dict[int, str] = {}
    for line, where, key in candidates:
        if _PAGE_NUMBER.match(key):
            found[id(line)] = "page-number"
        elif pages_with[(where, key)] >= needed:
            found[id(line)] = where
    return found


def _margin(lines: list[Line], top: bool) -> list[Line]:
    """The first lines of ``lines`` (ordered from one end of the page) that stand apart
    from the rest by a gap of at least their size: at most EDGE_LINES of them."""
    for count in range(1, min(EDGE_LINES, len(lines) - 1) + 1):
        edge, rest = lines[:count], lines[count]
        if top:
            gap = min(line.bottom for line in edge) - rest.top
        else:
            gap = rest.bottom - max(line.top for line in edge)
        if gap >= max(line.size for line in edge):
            return edge
    return lines[:1] if len(lines) == 1 else []


# ---------------------------------------------------------------- reading order

@dataclass(slots=True)
class Region:
    """A column's lines, top to bottom, with the column's left and right edges."""

    lines: list[Line]
    left: float
    right: float


def reading_order(lines: list[Line]) -> list[Region]:
    """The page's ``lines`` as regions (columns) in reading order."""
    regions: list[Region] = []
    if lines:
        _order_into(lines, regions, GUTTER_EM * median(line.size for line in lines), 0)
    return regions


def _order_into(lines: list[Line], out: list[Region], gutter: float, depth: int) -> None:
    for group, gutters in _groups(_bands(lines), gutter):
        columns = _columns(group, gutters) if depth < MAX_DEPTH else [group]
        if len(columns) <= 1:
            group.sort(key=lambda line: (-line.top, line.x0))
            out.append(Region(group, min(line.x0 for line in group), max(line.x1 for line in group)))
        else:
            for column in columns:
                _order_into(column, out, gutter, depth + 1)


def _bands(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped top to bottom into bands: lines that overlap vertically chain into one."""
    bands: list[list[Line]] = []
    bottom = 0.0
    for line in sorted(lines, key=lambda line: -line.top):
        overlap = bottom - line.top  # negative while the line reaches into the band
        if bands and -overlap > BAND_OVERLAP * line.size:
            bands[-1].append(line)
            bottom = min(bottom, line.bottom)
        else:
            bands.append([line])
            bottom = line.bottom
    return bands


def _groups(bands: list[list[Line]], gutter: float) -> list[tuple[list[Line], list[tuple[float, float]]]]:
    """Consecutive bands that share vertical gutters, with those gutters ([] for one column).

    A group with gutters starts at a band that has a gap; bands just above it that
    do not cross its gutters (a column that starts higher than its neighbour) join it.
    """
    groups: list[tuple[list[list[Line]], list[tuple[float, float]]]] = []
    for band in bands:
        if groups and groups[-1][1]:
            kept = _surviving(groups[-1][1], band, gutter)
            if kept:
                groups[-1][0].append(band)
                groups[-1] = (groups[-1][0], kept)
                continue
        gaps = _gaps(band, gutter)
        if not gaps:
            if groups and not groups[-1][1]:
                groups[-1][0].append(band)
            else:
                groups.append(([band], []))
            continue
        members = [band]
        while groups and not groups[-1][1] and groups[-1][0]:
            kept = _surviving(gaps, groups[-1][0][-1], gutter)
            if not kept:
                break
            members.insert(0, groups[-1][0].pop())
            gaps = kept
        if groups and not groups[-1][0]:
            groups.pop()
        groups.append((members, gaps))
    return [([line for band in members for line in band], gaps) for members, gaps in groups]


def _gaps(band: list[Line], gutter: float) -> list[tuple[float, float]]:
    """Gaps at least ``gutter`` wide between the lines of a band, left to right."""
    gaps = []
    right = None
    for line in sorted(band, key=lambda line: line.x0):
        if right is not None and line.x0 - right >= gutter:
            gaps.append((right, line.x0))
        right = line.x1 if right is None else max(right, line.x1)
    return gaps


def _surviving(gutters: list[tuple[float, float]], band: list[Line], gutter: float) -> list[tuple[float, float]]:
    """The part of each gutter that no line of ``band`` covers, if still ``gutter`` wide."""
    kept = []
    for left, right in gutters:
        for line in band:
            if line.x0 >= right or line.x1 <= left:
                continue
            if line.x0 <= left and line.x1 >= right:
                left = right  # crossed
                break
            if line.x0 <= left:
                left = line.x1
            elif line.x1 >= right:
                right = line.x0
            elif line.x0 - left >= right - line.x1:  # inside the gap: keep the wider side
                right = line.x0
            else:
                left = line.x1
        if right - left >= gutter:
            kept.append((left, right))
    return kept


def _columns(lines: list[Line], gutters: list[tuple[float, float]]) -> list[list[Line]]:
    """Split ``lines`` at the gutters, left to right (empty columns left out)."""
    middles = sorted((left + right) / 2 for left, right in gutters)
    columns: list[list[Line]] = [[] for _ in range(len(middles) + 1)]
    for line in lines:
        centre = (line.x0 + line.x1) / 2
        columns[sum(1 for middle in middles if middle < centre)].append(line)
    return [column for column in columns if column]


# ---------------------------------------------------------------- paragraphs

def paragraphs(regions: list[Region], heading_size: float) -> list[list[Line]]:
    """Lines of ``regions`` (in reading order, pages in turn) grouped into paragraphs.

    Indentation and short lines are judged against the edges of the run of lines
    of one type size the line is in (a boxed note is narrower than the page).
    Lines of ``heading_size`` or more are joined whatever their indentation (a
    centred headline of two lines is one heading).
    """
    out: list[list[Line]] = []
    above: tuple[Line, float, float] | None = None
    for region in regions:
        leading = _usual_gap(region.lines)
        for run in _same_size_runs(region.lines):
            left, right = min(line.x0 for line in run), max(line.x1 for line in run)
            for line in run:
                if above is not None and _continues(*above, line, left, leading, heading_size):
                    out[-1].append(line)
                else:
                    out.append([line])
                above = (line, right, region)
    return out


def _same_size_runs(lines: list[Line]) -> list[list[Line]]:
    runs: list[list[Line]] = []
    for line in lines:
        if runs and abs(runs[-1][0].size - line.size) <= SAME_SIZE * max(runs[-1][0].size, line.size):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _usual_gap(lines: list[Line]) -> float:
    gaps = [above.bottom - below.top for above, below in zip(lines, lines[1:]) if above.bottom >= below.top]
    return median(gaps) if gaps else 0.0


def _continues(above: Line, above_right: float, above_region: Region, line: Line, left: float, leading: float,
               heading_size: float) -> bool:
    """Whether ``line`` (its run's left edge ``left``) goes on with the paragraph of
    ``above``, the line read before it (its run's right edge ``above_right``)."""
    size = max(above.size, line.size)
    if abs(above.size - line.size) > SAME_SIZE * size:
        return False
    below = line.page == above.page and line.top <= above.bottom + 0.5 * line.size
    if below and above.bottom - line.top > leading + 0.6 * line.size:
        return False
    if line.size >= heading_size:
        return below
    if line.x0 - left > INDENT_EM * line.size:
        return False
    return above_right - above.x1 <= line.lead + INDENT_EM * line.size


def join_lines(lines: list[Line]) -> tuple[str, list[int]]:
    """A paragraph's text, its lines joined with a space only between Latin words,
    and where each line starts in it."""
    parts = [lines[0].text]
    starts = [0]
    offset = len(lines[0].text)
    for line in lines[1:]:
        before, after = parts[-1][-1:], line.text[:1]
        if before and after and not (_CJK.match(before) or _CJK.match(after) or before == "-"):
            parts.append(" ")
            offset += 1
        parts.append(line.text)
        starts.append(offset)
        offset += len(line.text)
    return "".join(parts), starts


def body_size(lines: list[Line]) -> float:
    """The type size most of the text is set in (weighted by characters)."""
    weights: Counter = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0
