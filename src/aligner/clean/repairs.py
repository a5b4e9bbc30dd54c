"""The repairs of the clean stage that change the text, but for joining lines
(``wraps``): lost glyphs, doubled runs, bylines, indentation."""

from __future__ import annotations

import re

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


# A run of one to twenty characters written twice in a row within a line.
_DOUBLED = re.compile(r"([^\n]{1,20}?)\1")
# Between two doubled runs of one stretch only white space (a wrapped line) may stand.
_STRETCH_GAP = re.compile(rf"(?:{SPACE}|\n)*")
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


def separate_bylines(text: str) -> Step:
    """Move a byline in parentheses after a paragraph's last sentence to its own line.

    Takes a text; returns it with a ``"\\n"`` inserted before each such byline
    (``……經驗。(寅平)``), mapped to an empty span at the byline's start, and the
    bylines' spans.  The byline can then be marked as boilerplate as a whole
    paragraph without taking the sentence with it.
    """
    found = tuple(m.span() for m in joined("byline_tail").finditer(text))
    return Step(text, tuple((start, start, "\n") for start, _ in found), found)


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
