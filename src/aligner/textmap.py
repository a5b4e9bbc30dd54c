"""The one offset mechanism: a derived text and a map back to the original.

Every transformation (repair, conversion, width folding, doubled-run collapse)
returns a :class:`TextMap`: the new text plus, for every *boundary* between its
characters, an offset into the original text.  ``origin[i]`` is where derived
character ``i`` starts in the original, and ``origin[len(text)]`` is where the
last one ends, so derived character ``i`` comes from
``original[origin[i]:origin[i + 1]]``.  The boundary array is monotone
(non-decreasing), which is what keeps segments from overlapping: any two
disjoint derived spans map to disjoint original spans.

Maps compose: ``outer.then(inner)`` where ``inner`` was made from
``outer.text`` gives a map from ``inner.text`` straight to the first original.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Iterable


_IDENTITY = array("q")


def _identity_slice(start: int, end: int) -> array:
    """``array(range(start, end))``, sliced from one shared identity array (C speed)."""
    if end > len(_IDENTITY):
        _IDENTITY.extend(range(len(_IDENTITY), max(end, 2 * len(_IDENTITY))))
    return _IDENTITY[start:end]


def _identity(length: int) -> array:
    return _identity_slice(0, length + 1)


@dataclass(frozen=True, eq=False)
class TextMap:
    """A derived ``text`` with the boundary map ``origin`` back to its original.

    ``origin`` has ``len(text) + 1`` entries; ``None`` means the identity (the
    derived text has the original's length and each character maps to itself),
    which keeps the common case of one-to-one conversions free.
    """

    text: str
    origin: array | None = None

    def __post_init__(self) -> None:
        if self.origin is not None and len(self.origin) != len(self.text) + 1:
            raise ValueError(
                f"TextMap origin has {len(self.origin)} boundaries for {len(self.text)} characters"
            )

    @classmethod
    def identity(cls, text: str) -> "TextMap":
        """Return the map of ``text`` onto itself."""
        return cls(text, None)

    def pos(self, i: int) -> int:
        """Return the original offset of derived boundary ``i`` (0 ≤ i ≤ len(text))."""
        if not 0 <= i <= len(self.text):
            raise IndexError(f"boundary {i} outside 0..{len(self.text)}")
        return i if self.origin is None else self.origin[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original span ``(start, end)`` of derived span ``[start, end)``."""
        if start > end:
            raise ValueError(f"empty or reversed span {start}..{end}")
        return self.pos(start), self.pos(end)

    def boundaries(self) -> array:
        """Return the full boundary array (materialising the identity if needed)."""
        return _identity(len(self.text)) if self.origin is None else self.origin

    def then(self, inner: "TextMap") -> "TextMap":
        """Compose: ``inner`` maps into ``self.text``; the result maps ``inner.text`` into our original."""
        if inner.origin is None:
            if len(inner.text) != len(self.text):
                raise ValueError("identity map over a text of another length")
            return TextMap(inner.text, self.origin)
        if self.origin is None:
            return inner
        return TextMap(inner.text, array("q", map(self.origin.__getitem__, inner.origin)))


class MapBuilder:
    """Build a derived text piece by piece from an original, recording its map.

    ``keep`` copies original characters one to one, ``replace`` writes new text
    for an original span (its characters share that span: interior boundaries are
    spread evenly across it), ``drop`` leaves an original span out (it becomes
    part of the neighbouring characters' spans, so nothing falls outside the map).
    Pieces must be added in original order.
    """

    def __init__(self, original: str) -> None:
        self._original = original
        self._parts: list[str] = []
        self._origin = array("q")
        self._cursor = 0  # original offset reached so far

    def _check(self, start: int, end: int) -> None:
        if not (self._cursor <= start <= end <= len(self._original)):
            raise ValueError(
                f"piece {start}..{end} out of order (at {self._cursor} of {len(self._original)})"
            )

    def keep(self, start: int, end: int) -> None:
        """Copy ``original[start:end]`` unchanged."""
        self._check(start, end)
        if end > start:
            self._parts.append(self._original[start:end])
            self._origin.extend(_identity_slice(start, end))
        self._cursor = end

    def replace(self, start: int, end: int, new: str) -> None:
        """Write ``new`` in place of ``original[start:end]``."""
        self._check(start, end)
        k = len(new)
        if k:
            self._parts.append(new)
            width = end - start
            self._origin.extend(start + (t * width) // k for t in range(k))
        self._cursor = end

    def drop(self, start: int, end: int) -> None:
        """Leave ``original[start:end]`` out of the derived text."""
        self._check(start, end)
        self._cursor = end

    def build(self) -> TextMap:
        """Finish: the rest of the original is kept; return the map."""
        self.keep(self._cursor, len(self._original))
        origin = array("q", self._origin)
        origin.append(len(self._original))
        text = "".join(self._parts)
        if len(text) == len(self._original) and origin == _identity(len(text)):
            return TextMap(text, None)
        return TextMap(text, origin)


def replace_spans(original: str, pieces: Iterable[tuple[int, int, str]]) -> TextMap:
    """Return ``original`` with each ``(start, end, new)`` applied, and its map.

    ``pieces`` must be sorted and non-overlapping; ``new == ""`` drops the span.
    """
    builder = MapBuilder(original)
    for start, end, new in pieces:
        builder.keep(builder._cursor, start)
        if new:
            builder.replace(start, end, new)
        else:
            builder.drop(start, end)
    return builder.build()
