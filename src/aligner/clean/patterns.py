"""The patterns of the clean stage's data files, and fast ways to search for them.

``data/boilerplate.txt`` and ``data/layout.txt`` hold named regular expressions,
one a line, grouped in ``[sections]``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Callable

# Horizontal white space: everything \s matches except the line feed (so the
# ideographic and em spaces of indentation, and the \r of CRLF files).
SPACE = r"[^\S\n]"

Patterns = tuple[tuple[str, re.Pattern], ...]


@lru_cache(maxsize=None)
def patterns(filename: str) -> dict[str, Patterns]:
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
    return {name: tuple(named) for name, named in sections.items()}


def layout(section: str) -> Patterns:
    """The named patterns of one section of ``data/layout.txt``."""
    return patterns("layout.txt")[section]


@lru_cache(maxsize=None)
def joined(section: str) -> re.Pattern:
    """All patterns of one layout section as one alternation."""
    return re.compile("|".join(f"(?:{p.pattern})" for _, p in layout(section)))


@lru_cache(maxsize=None)
def finder(named: Patterns) -> Callable[..., object]:
    """Return a test of whether any of ``named`` is found in a text (truthy if
    so); like ``Pattern.search`` it takes the text and optionally pos, endpos.

    The patterns that can match only at the start of a text are tried as one
    alternation anchored once, so at one position rather than at every one
    (Python's ``re`` tries an anchored pattern only at the start); the others
    are searched one by one, which for a pattern led by a literal or a class is
    a fast scan, while an alternation of them is tried at every position.
    """
    anchored = [p.pattern for _, p in named if only_at_start(p)]
    searches = [p.search for _, p in named if not only_at_start(p)]
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


def only_at_start(pattern: re.Pattern) -> bool:
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
def leading_literal(pattern: re.Pattern) -> str | None:
    """The character every match of ``pattern`` starts with, if the pattern says so plainly."""
    if "|" in pattern.pattern or pattern.flags & re.IGNORECASE:
        return None
    match = _LEADING_LITERAL.match(pattern.pattern)
    if not match:
        return None
    token = match.group(1)
    return chr(int(token[2:], 16)) if token.startswith("\\") else token


def finditer(pattern: re.Pattern, text: str):
    """``pattern.finditer(text)``, skipped when the character every match starts
    with is not in ``text`` (``in`` scans far faster than ``re`` searches)."""
    literal = leading_literal(pattern)
    return pattern.finditer(text) if literal is None or literal in text else iter(())
