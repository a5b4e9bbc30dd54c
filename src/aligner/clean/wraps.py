"""The repairs of the clean stage that join lines: hard wraps and wrapped headings.

Which line breaks are wraps is the paragraph model's decision (``paragraphs``);
here the joints it finds are removed, and a heading set on two lines is joined.
"""

from __future__ import annotations

import re

from ..punctuation import SENTENCE_FINAL
from .paragraphs import wrap_joints
from .patterns import SPACE
from .step import Step

# A heading set on two lines has lines of at most this many characters.
MAX_HEADING_LINE = 20


def join_hard_wraps(text: str) -> Step:
    """Rebuild paragraphs that a PDF extraction wrapped line by line.

    Takes a text; returns it with the line breaks inside paragraphs removed (the
    white space and blank lines between the two lines are dropped; between two
    Latin letters or digits a space takes their place), the joints, and how the
    paragraphs of each region were told apart (see ``paragraphs``).
    """
    joints, notes = wrap_joints(text)
    return _join_at(text, joints)._replace(notes=tuple(notes))


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

