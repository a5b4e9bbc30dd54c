"""The repairs of the clean stage that change the text, but for joining lines
(``wraps``): lost glyphs, doubled runs, bylines, indentation."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Span
from .patterns import SPACE, finditer, joined, layout
from .step import Step


def mark_lost_glyphs(text: str) -> Step:
    """Drop the marks of glyphs the extraction lost (``&&``, ``□``, U+FFFD).

    Takes a text; returns it without them (each dropped span joins the character
    before it in the map) and the dropped spans, which the report flags as
    "characters lost in this source".  Dropping them keeps them from counting
    against the similarity of a sentence that is otherwise identical.
    """
    # Each pattern is searched on its own: one starting with a literal is found
    # by a fast scan, while an alternation of them is tried at every position.
    found = _merged(m.span() for _, pattern in layout("lost_glyph") for m in finditer(pattern, text))
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


# A run of one to twenty characters written twice in a row (within a line of
# the text the search reads, whose line breaks are dropped first).
_DOUBLED = re.compile(r"([^\n]{1,20}?)\1")
# Between two doubled runs of one stretch only white space may stand.
_STRETCH_GAP = re.compile(rf"{SPACE}*")
# A line break with the white space around it: what a run may straddle.
_LINE_JOINT = re.compile(r"\s*\n\s*")
MIN_DOUBLED_RUNS = 3        # a stretch needs this many doubled runs in a row ...
MIN_LONG_DOUBLED_RUNS = 2   # ... of which this many are two characters or longer,
MIN_DOUBLED_CHARS = 6       # or runs of this many characters in all, one of them ...
MIN_LONGEST_RUN = 3         # ... at least this long
# A page whose lines this short hold most of its characters is set in columns
# (a PDF page): bold runs extracted twice are looked for all over it.
MAX_COLUMN_LINE = 50
MIN_COLUMN_SHARE = 0.5


def collapse_doubled_runs(text: str) -> Step:
    """Keep one copy of text that the extraction wrote twice in place.

    Bold runs in PDFs are often extracted twice, run by run:
    ``视野视野，，联合抱团联合抱团，，``, and a run may straddle a line break
    (``本報記者本\n報記者``).  Takes a text; returns it with the second copy of
    each doubled run dropped (the kept copy's last character spans the dropped
    one, so the map still covers the whole original; a line break inside a run
    is dropped too: the run is one bold run, wrapped) and the stretches collapsed.  Legitimate repetitions
    (谢谢, 常常, 人人, 哈哈哈哈, 一步一步, a headline repeated as the first words
    of its paragraph) are left alone: a stretch counts as doubling when it has
    at least MIN_DOUBLED_RUNS doubled runs in a row, MIN_LONG_DOUBLED_RUNS of
    them two characters or longer, or two runs or more of MIN_DOUBLED_CHARS
    characters in all, one of them MIN_LONGEST_RUN long.
    Runs are looked for with the line breaks dropped, near doubled punctuation
    marks (，，  ““  。。: found by a fast scan) or, on a page set in columns,
    everywhere.
    """
    second_copies: list[tuple[int, int, str]] = []
    found: list[Span] = []
    for start, end in _search_regions(text):
        compact, origin, line_starts = _without_line_breaks(text, start, end)
        for runs in _stretches(compact, line_starts):
            found.append((origin(runs[0][0]), origin(runs[-1][0] + 2 * runs[-1][1] - 1) + 1))
            for run_start, length in runs:
                second_copies.extend(_dropped(text, origin, run_start + length, run_start + 2 * length))
    return Step(text, tuple(second_copies), tuple(found))


def _search_regions(text: str) -> list[Span]:
    """Where doubled runs are looked for: the whole text of a page set in columns,
    else DOUBLED_REACH around each doubled punctuation mark."""
    lengths = list(map(len, text.split("\n")))
    if sum(n for n in lengths if n <= MAX_COLUMN_LINE) >= MIN_COLUMN_SHARE * sum(lengths) and text.strip():
        return [(0, len(text))]
    return list(_merged((max(0, m.start() - DOUBLED_REACH), min(len(text), m.end() + DOUBLED_REACH))
                        for m in _DOUBLED_MARK.finditer(text)))


def _without_line_breaks(text: str, start: int, end: int):
    """``text[start:end]`` with its line breaks (and the white space around them)
    dropped, a function from a position in it to the position in ``text``, and
    where its lines start in it."""
    pieces, starts, origins = [], [], []
    length = 0
    cursor = start
    for joint in _LINE_JOINT.finditer(text, start, end):
        pieces.append(text[cursor:joint.start()])
        starts.append(length)
        origins.append(cursor)
        length += joint.start() - cursor
        cursor = joint.end()
    pieces.append(text[cursor:end])
    starts.append(length)
    origins.append(cursor)

    def origin(k: int) -> int:
        piece = bisect_right(starts, k) - 1
        return origins[piece] + k - starts[piece]
    return "".join(pieces), origin, frozenset(starts) | {length}


def _stretches(compact: str, line_starts: frozenset[int] = frozenset()) -> list[list[tuple[int, int]]]:
    """The stretches of doubled runs in ``compact`` that count as doubling: each a
    list of (start, length) of its runs.

    A line repeated whole as the next line (``line_starts``: where lines start
    in ``compact``) is a paragraph printed twice, not a run extracted twice: it
    is no run, and parts the runs before it from those after it."""
    stretches: list[list[tuple[int, int]]] = []
    previous_end = -1  # where the last doubled run ended
    for match in _DOUBLED.finditer(compact):
        start, end = match.span()
        run = (start, (end - start) // 2)  # the match is the run twice
        if start in line_starts and start + run[1] in line_starts and end in line_starts:
            previous_end = -1
            continue
        if previous_end == start or (previous_end > 0 and _STRETCH_GAP.fullmatch(compact, previous_end, start)):
            stretches[-1].append(run)
        else:
            stretches.append([run])
        previous_end = end
    # Trimming only shortens a stretch: those too short already are left out first.
    return [runs for runs in (_trim_paired_marks(compact, runs) for runs in stretches if _doubling(runs))
            if _doubling(runs)]


def _doubling(runs: list[tuple[int, int]]) -> bool:
    """Whether a stretch of doubled runs is evidence of doubling (see collapse_doubled_runs)."""
    if len(runs) >= MIN_DOUBLED_RUNS and sum(1 for _, length in runs if length >= 2) >= MIN_LONG_DOUBLED_RUNS:
        return True
    # One run alone is no evidence, however long: a headline is often repeated
    # as the first words of the paragraph under it.
    return (len(runs) >= 2 and sum(length for _, length in runs) >= MIN_DOUBLED_CHARS
            and max(length for _, length in runs) >= MIN_LONGEST_RUN)


def _dropped(text: str, origin, start: int, end: int) -> list[tuple[int, int, str]]:
    """Edits dropping the second copy of a run, compact characters ``[start, end)``
    (``2 * length`` after the first copy's start), from ``text``.

    A line break inside a run (in either copy: ``本報記者本\n報記者``,
    ``本報\n記者本報記者``) is a wrap inside one bold run: it goes too.
    """
    length = end - start
    edits = [(origin(k - 1) + 1, origin(k), "") for k in range(start - length + 1, start)
             if origin(k) != origin(k - 1) + 1]  # line breaks inside the first copy
    edits.append((origin(start), origin(end - 1) + 1, ""))
    return edits


# A punctuation mark written twice: where doubled stretches are looked for.
_DOUBLED_MARK = re.compile(r"([，。、；：！？“”‘’·（）《》〈〉「」『』,.;:!?()])\1")
# How far from a doubled mark a doubled stretch is looked for, each way.
DOUBLED_REACH = 400


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


def separate_bylines(text: str) -> Step:
    """Move a byline in parentheses after a sentence of a paragraph to its own line.

    Takes a text; returns it with a ``"\\n"`` inserted before each such byline
    (``……經驗。(寅平)``), and after it when a sentence follows on its line
    (``……需求。（祖佳）去年……``), each mapped to an empty span, and the bylines'
    spans.  The byline can then be marked as boilerplate as a whole paragraph
    without taking a sentence with it.
    """
    found = tuple(m.span() for m in joined("byline_tail").finditer(text))
    edits = []
    for start, end in found:
        edits.append((start, start, "\n"))
        line_end = text.find("\n", end)
        if text[end:line_end if line_end >= 0 else len(text)].strip():
            edits.append((end, end, "\n"))
    return Step(text, tuple(edits), found)


# One line with content: indentation, the content (group 1), trailing spaces.
_CONTENT_LINE = re.compile(rf"^{SPACE}*(\S(?:[^\n]*\S)?){SPACE}*$", re.MULTILINE)


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
