"""The one offset mechanism: a derived text and a map back to the original.

Every transformation (repair, conversion, width folding, doubled-run collapse)
returns a :class:`TextMap`: the new text plus, for every *boundary* between its
characters, an offset into the original text.  ``origin[i]`` is where derived
character ``i`` starts in the original, and ``origin[len(text)]`` is where the
last one ends, so derived character ``i`` comes from
``original[origin[i]:origin[i + 1]]``.  The boundary array is monotone
(non-decreasing), which is what keeps segments from overlapping: any two
disjoint derived spans map to disjoint original spans.  ``derived_pos`` goes the
other way, from an original offset to the first derived boundary at or after it.

Maps compose: ``outer.then(inner)`` where ``inner`` was made from
``outer.text`` gives a map from ``inner.text`` straight to the first original.
A step that is a list of edits (``(start, end, new)`` pieces) composes faster
with ``outer.edit(pieces)``: the unchanged stretches are copied as slices of
``outer``'s array (C speed), so the cost follows the number of edits, not the
length of the text.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from operator import le
from typing import Iterable, Sequence

Piece = tuple[int, int, str]

# One shared array holding 0, 1, 2, …: the identity map of any text is a slice of it.
_IDENTITY = array("q")


def _identity_upto(end: int) -> array:
    """Return the shared identity array, grown to hold at least ``end`` entries."""
    global _IDENTITY
    if end > len(_IDENTITY):
        # A quarter to spare, so that the second of two documents of about the
        # same length (the usual comparison) finds the array long enough.
        _IDENTITY = _counting(max(end + end // 4, 2 * len(_IDENTITY)))
    return _IDENTITY


def _counting(count: int) -> array:
    """Return ``array("q", range(count))``, built one byte column at a time.

    ``range`` would make a Python int per entry; here each byte of the numbers
    is written for all of them at once by a strided slice assignment, at C speed.
    """
    width = array("q").itemsize
    raw = bytearray(width * count)
    run = 1  # how many consecutive numbers share one value of byte ``k``
    for k in range(width):
        if run >= count:
            break
        block = b"".join(bytes((value,)) * run for value in range(min(256, -(-count // run))))
        column = (block * -(-count // len(block)))[:count]
        raw[(k if sys.byteorder == "little" else width - 1 - k)::width] = column
        run *= 256
    numbers = array("q")
    numbers.frombytes(raw)
    return numbers


def _identity(length: int) -> array:
    return _identity_upto(length + 1)[:length + 1]


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

    def derived_pos(self, offset: int) -> int:
        """Return the first derived boundary at or after original offset ``offset``
        (0 ≤ offset ≤ the original end, ``pos(len(text))``): the other way of :meth:`pos`.

        Monotone; ``pos(derived_pos(o)) == o`` for every ``o`` that is some boundary's
        original offset, and ``derived_pos(pos(i)) == i`` unless boundaries ``i - 1``
        and ``i`` map to the same offset (a derived character made of no original text).
        Original text the map dropped maps to the boundary after it.
        """
        origin = self.origin
        last = len(self.text) if origin is None else origin[-1]
        if not 0 <= offset <= last:
            raise IndexError(f"original offset {offset} outside 0..{last}")
        return offset if origin is None else bisect_left(origin, offset)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original span ``(start, end)`` of derived span ``[start, end)``."""
        if start > end:
            raise ValueError(f"empty or reversed span {start}..{end}")
        return self.pos(start), self.pos(end)

    def spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """Return the original span of each derived span: ``span`` for many at once."""
        spans = list(spans)
        if not spans:
            return []
        starts, ends = zip(*spans)
        length = len(self.text)
        if not (all(map(le, starts, ends)) and min(starts) >= 0 and max(ends) <= length):
            for start, end in spans:
                self.span(start, end)  # raises for the first bad one
        if self.origin is None:
            return list(zip(starts, ends))
        return list(zip(map(self.origin.__getitem__, starts), map(self.origin.__getitem__, ends)))

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

    def edit(self, pieces: Sequence[Piece]) -> "TextMap":
        """Apply edits to our text and keep the map to our original.

        Takes ``(start, end, new)`` pieces of ``self.text``, sorted and not
        overlapping (``new == ""`` drops the span); returns the same as
        ``self.then(replace_spans(self.text, pieces))``, without building the
        intermediate map.
        """
        pieces = list(pieces)
        if not pieces:
            return self
        text = self.text
        length = len(text)
        source = self.origin if self.origin is not None else _identity_upto(length + 1)
        # The new map is gathered as views into ``source`` (no copy until the
        # one join at the end); a new character's entry is a view of one entry.
        entries = memoryview(source)
        parts: list[str] = []
        views: list = []
        cursor = 0  # offset of self.text reached so far
        for start, end, new in pieces:
            if not cursor <= start <= end <= length:
                raise ValueError(f"piece {start}..{end} out of order (at {cursor} of {length})")
            if start > cursor:
                parts.append(text[cursor:start])
                views.append(entries[cursor:start])
            if new:
                parts.append(new)
                size = len(new)
                views.append(entries[start:start + 1] if size == 1 else _spread(entries, start, end, size))
            cursor = end
        parts.append(text[cursor:])
        views.append(entries[cursor:length + 1])
        origin = array("q")
        origin.frombytes(b"".join(views))
        result = "".join(parts)
        if (self.origin is None and len(result) == length
                and origin == source[:length + 1]):
            return TextMap(result, None)
        return TextMap(result, origin)


def _spread(entries: memoryview, start: int, end: int, size: int) -> bytes:
    """The entries of ``size`` new characters written for ``[start, end)``: they
    share the span, interior boundaries spread evenly."""
    width = end - start
    return b"".join(entries[k:k + 1] for k in (start + (t * width) // size for t in range(size)))


class MapBuilder:
    """Build a derived text piece by piece from an original, recording its map.

    ``keep`` copies original characters one to one, ``replace`` writes new text
    for an original span (its characters share that span: interior boundaries are
    spread evenly across it), ``drop`` leaves an original span out (it becomes
    part of the neighbouring characters' spans, so nothing falls outside the map).
    Pieces must be added in original order; skipping over original text drops it.
    """

    def __init__(self, original: str) -> None:
        self._original = original
        self._pieces: list[Piece] = []
        self._cursor = 0  # original offset reached so far

    def _advance(self, start: int, end: int) -> None:
        if not (self._cursor <= start <= end <= len(self._original)):
            raise ValueError(
                f"piece {start}..{end} out of order (at {self._cursor} of {len(self._original)})"
            )
        if start > self._cursor:
            self._pieces.append((self._cursor, start, ""))
        self._cursor = end

    def keep(self, start: int, end: int) -> None:
        """Copy ``original[start:end]`` unchanged."""
        self._advance(start, end)

    def replace(self, start: int, end: int, new: str) -> None:
        """Write ``new`` in place of ``original[start:end]``."""
        self._advance(start, end)
        self._pieces.append((start, end, new))

    def drop(self, start: int, end: int) -> None:
        """Leave ``original[start:end]`` out of the derived text."""
        self._advance(start, end)
        self._pieces.append((start, end, ""))

    def build(self) -> TextMap:
        """Finish: the rest of the original is kept; return the map."""
        return replace_spans(self._original, self._pieces)


def replace_spans(original: str, pieces: Iterable[Piece]) -> TextMap:
    """Return ``original`` with each ``(start, end, new)`` applied, and its map.

    ``pieces`` must be sorted and non-overlapping; ``new == ""`` drops the span.
    """
    return TextMap.identity(original).edit(list(pieces))
