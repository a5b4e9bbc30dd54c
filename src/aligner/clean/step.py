"""What a repair of the clean stage returns: a :class:`Step`."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Span
from ..textmap import Piece, TextMap, replace_spans

# A marked paragraph: (start, end, kind) of the original text.
Mark = tuple[int, int, str]


class Step(NamedTuple):
    """What one repair did to its input text.

    ``before``: the repair's input.
    ``edits``: the ``(start, end, new)`` pieces of ``before`` it replaced, sorted
    (none if it only marks); ``view`` applies them.
    ``found``: the spans of its input where it acted, in order.
    ``kind``: for repairs that mark paragraphs, the kind of their ``found`` spans.
    ``notes``: decisions the repair took, each for a span of its input: (what, span).
    """

    before: str
    edits: tuple[Piece, ...] = ()
    found: tuple[Span, ...] = ()
    kind: str | None = None
    notes: tuple[tuple[str, Span], ...] = ()

    @property
    def view(self) -> TextMap:
        """The text the repair made, mapped to its input."""
        return replace_spans(self.before, self.edits)
