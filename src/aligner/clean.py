"""Stage 2, clean: repair extraction noise without losing a character.

Input: ``Source.text``.  Output: a :class:`Cleaned` whose ``view`` is the
repaired text (one paragraph per line, ``"\\n"`` between paragraphs) with a map
back to the original, plus paragraph-level marks of boilerplate, headings and
captions (as original spans) and the spans where glyphs were lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Repair, Span
from .textmap import TextMap


@dataclass(frozen=True)
class Cleaned:
    """Result of cleaning one source.

    ``view``: repaired text, one paragraph per line, mapped to ``Source.text``.
    ``marks``: ``(start, end, kind)`` spans of the *original* text, each covering
    whole paragraphs, kind one of boilerplate / heading / caption.
    ``lost``: original spans where glyphs were lost (``&&``, ``□``, U+FFFD).
    ``repairs``: which repairs ran and how often.
    """

    view: TextMap
    marks: tuple[tuple[int, int, str], ...] = ()
    lost: tuple[Span, ...] = ()
    repairs: tuple[Repair, ...] = ()


def clean(text: str, *, keep_boilerplate: bool = False) -> Cleaned:
    """Return ``text`` repaired for matching, with the map back to it."""
    return Cleaned(TextMap.identity(text))
