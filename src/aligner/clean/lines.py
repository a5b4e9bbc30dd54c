"""The non-empty lines of a text, measured: what the paragraph model reads.

For each line: its content (without indentation and trailing spaces), where it
starts and ends, its printed width in ems and its length in characters, whether
it is indented, whether a blank line separates it from the line before, and how
it ends (a sentence, a lead-in dash, or broken mid-sentence).  Everything is
worked out list by list with the loops in C (map, compress, accumulate): a
wrapped PDF page of a million characters has some fifty thousand lines.
"""

from __future__ import annotations

from itertools import accumulate, compress, count, repeat
from operator import add, sub
from typing import NamedTuple

from ..punctuation import CLOSING, DASHES, SENTENCE_FINAL, ends_sentence


class Lines(NamedTuple):
    """The non-empty lines of a text (one entry per line in each list)."""

    contents: list[str]        # the line without its indentation and trailing spaces
    starts: list[int]          # first character after the indentation
    ends: list[int]            # end of the last non-space character
    widths: list[float]        # printed width in ems, indentation included
    lengths: list[int]         # length in characters
    indented: list[bool]       # white space before the start on its line
    blank_before: list[bool]   # an empty line separates it from the line before
    endings: list[str]         # "sentence" (final punctuation), "lead_in" (a dash), "broken"


# A lead-in ends with a dash of two or more (``……嘉昆太——``); one dash between
# figures is a range (``５—\n８倍``), broken like any other line.
MIN_LEAD_IN_DASHES = 2


# How a line ends, told by its last character alone; None where that is a
# closing mark and the characters before it decide.
_ENDING_BY_LAST = {**dict.fromkeys(SENTENCE_FINAL, "sentence"), **dict.fromkeys(DASHES, None),
                   **dict.fromkeys(CLOSING, None)}
# Set half width in Chinese type, though three bytes long in UTF-8 (see widths).
_CURLY_QUOTES = "“”‘’"


def _ending(line: str) -> str:
    """How a line ends: "sentence", "lead_in" or "broken" (mid-sentence)."""
    if ends_sentence(line):
        return "sentence"
    dashes = len(line) - len(line.rstrip("".join(DASHES)))
    return "lead_in" if dashes >= MIN_LEAD_IN_DASHES else "broken"


def endings(contents: list[str]) -> list[str]:
    """``_ending`` of each non-empty line, from its last character where that decides."""
    return [ending if (ending := _ENDING_BY_LAST.get(content[-1], "broken")) else _ending(content[-8:])
            for content in contents]


def lines_of(text: str) -> Lines:
    """Return the non-empty lines of ``text``, measured."""
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
    printed = widths(contents, lengths)
    if any(leads):
        # Indentation is spaces: half an em each, the ideographic and em spaces a whole one.
        wide = map(add, map(str.count, kept, repeat("\u3000"), repeat(0), leads),
                   map(str.count, kept, repeat("\u2003"), repeat(0), leads))
        printed = [width + 0.5 * (lead + extra) for width, lead, extra in zip(printed, leads, wide)]
    return Lines(
        contents,
        starts,
        list(map(add, starts, lengths)),
        printed,
        lengths,
        list(map(bool, leads)),
        [False] + [gap > 1 for gap in map(sub, numbers[1:], numbers)],
        endings(contents),
    )


def widths(contents: list[str], lengths: list[int]) -> list[float]:
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
