"""What the two lines around a break say about it, whatever the widths: a row of
a table ends, a field starts, a token is cut, a mark that never starts a line
follows, page furniture stands alone.  The paragraph model (``paragraphs``)
weighs these with the layout's evidence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress

from ..punctuation import LINE_FOLLOWERS
from .patterns import finder, layout, patterns

# The [paragraph_start] and [field_label] patterns look at most this far into a line.
HEAD_CHARS = 16

# A figure: its digits, and the marks between them.
FIGURE = re.compile(r"[0-9０-９]")
_NO_DIGITS = str.maketrans(dict.fromkeys([*"0123456789", *"０１２３４５６７８９"]))
CLAUSE_MARK = re.compile("[，、；：。！？,;]")
# What prose has and chrome has not: clause and sentence punctuation (a full
# stop of Latin script before a space or at the end, not the dot of a file name).
PROSE_MARK = re.compile(r"[，、；。！？,;!?]|\.(?=\s|$)")
_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")
# A table row is mostly figures: at least this share of its characters are digits.
MIN_ROW_DIGITS = 0.4


def is_row(line: str) -> bool:
    """Whether ``line`` reads like a row of a table (or part of one): mostly
    figures, no words after the first of them (a label may lead: ``上海－１．２…``,
    not ``１９９７年１２月２９日第八届…``), no clause punctuation."""
    return rows([line])[0]


def rows(contents: list[str]) -> list[bool]:
    """``is_row`` of every line."""
    rows = [False] * len(contents)
    # Most lines hold no figure: a search in C rules them out.
    for k in compress(range(len(contents)), map(FIGURE.search, contents)):
        line = contents[k]
        rows[k] = (len(line) - len(line.translate(_NO_DIGITS)) >= MIN_ROW_DIGITS * len(line)
                   and not CLAUSE_MARK.search(line) and not _IDEOGRAPH.search(line, FIGURE.search(line).start()))
    return rows


def next_row(line: str, following: str) -> bool:
    """Whether ``following`` starts a new paragraph after the row ``line``: a row
    (see :func:`is_row`) ending with a figure (or a per cent sign or a bracket)
    goes on only with more figures (or a unit: a token across the break), so a
    line starting with a label or a word starts the next row, or what follows
    the table."""
    return ((bool(FIGURE.match(line[-1])) or line[-1] in "％%）)") and following[0].isalpha()
            and is_row(line) and not token_across(line, following))


# The decimal points of figures (· in some typesetting: ２．４０·０).
DECIMAL_POINTS = ".．·"
# No letter, digit or ideograph: a line of punctuation only.
_PUNCTUATION_ONLY = re.compile(r"[\W_]+")


# The page furniture of a printed page (running heads, page numbers): the
# boilerplate patterns of those names; a line of it is never part of a paragraph.
_PAGE_FURNITURE = ("running_head", "page_number", "page_dash")


@lru_cache(maxsize=None)
def _furniture_finder():
    return finder(tuple((name, pattern) for name, pattern in patterns("boilerplate.txt")[""]
                        if name in _PAGE_FURNITURE))


def page_furniture(line: str) -> bool:
    """Whether ``line`` is a running head or a page number."""
    return bool(_furniture_finder()(line))


def continues(following: str) -> bool:
    """Whether ``following`` can only continue the line before it: it starts with
    a mark that never starts a printed line (but an apostrophe before a figure,
    ``’９８``), or with a decimal point and a digit (``．１``), or it holds
    punctuation only."""
    first = following[0]
    if first in LINE_FOLLOWERS:
        return not (first in "’'" and following[1:2].isdigit())
    if first in DECIMAL_POINTS:
        return following[1:2].isdigit()
    return _PUNCTUATION_ONLY.fullmatch(following) is not None


def next_field(paragraph_first: str, following: str) -> bool:
    """Whether ``following`` starts a field after a paragraph that is one: both
    start with a short label and a colon (``工作单位：…`` / ``目前状况：…``)."""
    is_field = finder(layout("field_label"))
    return bool(is_field(following, 0, HEAD_CHARS)) and bool(is_field(paragraph_first, 0, HEAD_CHARS))


def token_across(line: str, following: str) -> bool:
    """Whether the break between ``line`` and ``following`` falls inside a token."""
    return bool(finder(layout("token_across_break"))(line[-3:] + "\n" + following[:3]))
