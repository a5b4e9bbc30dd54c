"""What the facts stage finds in one source, and where: :class:`Found` records read in
:class:`Joined` segments, and their :class:`~aligner.model.Mention` in the original text."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import add, attrgetter, sub
from typing import Any, Sequence

from ..model import Mention, Side

# Characters of context kept either side of a mention for pairing.
CONTEXT = 6
# No mention is longer than this many characters (the longest dates and ranges are ~20).
LONGEST_MENTION = 64


@dataclass(eq=False, slots=True)
class Found:
    """One fact stated in one source, before comparison.

    ``key`` is what "the same fact" means: kind, canonical unit (or date precision)
    and normalised value.  ``start``/``end`` are view offsets, ``segment`` an index
    into ``side.segments``.  ``around`` is where :attr:`context`, the words around the
    mention, is cut from: ``(joined text, start, end, segment start, segment end)``,
    or None for a fact made by a pass (no context).
    """

    kind: str
    key: tuple
    value: Any
    qualifier: str
    start: int
    end: int
    segment: int
    around: tuple[str, int, int, int, int] | None = None
    # Filled by ``grams`` when first asked (functools.cached_property takes a lock per
    # read in this Python, which the comparison passes felt).
    _grams: frozenset[str] | None = field(default=None, init=False, repr=False)
    # Filled by :func:`mention_of` when first asked.
    _mention: Mention | None = field(default=None, init=False, repr=False)

    @property
    def unit(self) -> str:
        return self.key[1]

    @property
    def context(self) -> str:
        """The words around the mention, cut when asked: most facts never are."""
        return "" if self.around is None else _context(*self.around)

    @property
    def grams(self) -> frozenset[str]:
        """Character bigrams of the context, computed when first compared."""
        if self._grams is None:
            context = self.context
            self._grams = frozenset(context[i:i + 2] for i in range(len(context) - 1))
        return self._grams


_NOT_MENTION_EDGE = frozenset(" \t\r\n\u3000&□\ufffd")
_NOT_CONTEXT = str.maketrans("", "", "0123456789 \t\n.,")


def _context(text: str, start: int, end: int, seg_start: int, seg_end: int) -> str:
    """Words around a mention inside its segment, digits and spaces left out."""
    left = text[max(seg_start, start - CONTEXT): start]
    right = text[end: min(seg_end, end + CONTEXT)]
    return (left + "|" + right).translate(_NOT_CONTEXT)


def mention_of(side: Side, f: Found) -> Mention:
    """The :class:`Mention` of ``f``, a fact of ``side``: its span of the original text and
    its value (cut once, kept in ``f``)."""
    source, origin = side.source.text, side.view.origin
    # The view's boundary array read directly (``view.span`` per mention costs two calls).
    start, end = (f.start, f.end) if origin is None else (origin[f.start], origin[f.end])
    # Text the view dropped (a joined line break, a lost-glyph mark) belongs to the
    # neighbouring character's span; a mention neither starts nor ends with it.
    while end > start and source[end - 1] in _NOT_MENTION_EDGE:
        end -= 1
    while start < end and source[start] in _NOT_MENTION_EDGE:
        start += 1
    f._mention = Mention(start, end, source[start:end], f.value)
    return f._mention


class Joined:
    """Some segments of one side joined by newlines, with the way back to view offsets.

    Reading a joined text keeps the scan in C and leaves out what is not content (or
    was taken from the other side); ``locate`` turns a span of it into a segment.
    A figure cut in two at its decimal point (``案值51.`` / ``74亿元``, a PDF line break
    the segmenter took for a sentence end) is joined back without the newline.
    """

    def __init__(self, side: Side, segments: Sequence[int]) -> None:
        self.segments = list(segments)
        # Built with map() rather than loops: tens of thousands of segments, several
        # joins per comparison, and ``locate`` needs three numbers per segment.
        chosen = list(map(side.segments.__getitem__, self.segments))
        texts = list(map(attrgetter("normalized"), chosen))
        lengths = list(map(len, texts))
        # A cut figure ends its first half with a point: only those segments are tested.
        self.glued = {n for n in compress(range(len(texts) - 1), map(str.endswith, texts, repeat(".")))
                      if _cut_figure(side, self.segments[n], self.segments[n + 1])}
        newlines = [1] * len(texts)
        for n in self.glued:
            newlines[n] = 0
        # Per joined segment: where it starts and ends in the joined text, and what to
        # add to a joined offset to get its view offset.
        self.offsets = list(accumulate(map(add, lengths, newlines), initial=0))[:-1]
        self.ends = list(map(add, self.offsets, lengths))
        self.shifts = list(map(sub, map(attrgetter("norm_start"), chosen), self.offsets))
        if self.glued:
            self.text = "".join(text + "\n" * newline for text, newline in zip(texts, newlines))[:-1]
        else:
            self.text = "\n".join(texts)

    def locate(self, start: int, end: int) -> tuple[int, int, int, int, int] | None:
        """Return (segment index, view start, view end, segment start, segment end) of a
        joined span, or None when the span crosses a segment end (other than a cut figure's)."""
        n = last = bisect_right(self.offsets, start) - 1
        ends = self.ends
        seg_end = ends[n]
        while end > seg_end and last in self.glued:
            last += 1
            seg_end = ends[last]
        if end > seg_end:
            return None
        end_in = n if end <= ends[n] else last
        return self.segments[n], start + self.shifts[n], end + self.shifts[end_in], self.offsets[n], seg_end

    def found(self, kind: str, key: tuple, value: Any, qualifier: str, start: int, end: int) -> Found | None:
        """A :class:`Found` for a joined span, in view offsets; None across a segment end."""
        where = self.locate(start, end)
        if where is None:
            return None
        segment, view_start, view_end, seg_start, seg_end = where
        return Found(kind, key, value, qualifier, view_start, view_end, segment,
                     (self.text, start, end, seg_start, seg_end))


def _cut_figure(side: Side, before: int, after: int) -> bool:
    """Whether segment ``after`` of ``side`` continues a figure that segment ``before`` cut at its point."""
    if after != before + 1:
        return False
    first, second = side.segments[before], side.segments[after]
    gap = side.view.text[first.norm_start + len(first.normalized):second.norm_start]
    return (len(first.normalized) > 1 and first.normalized[-1] == "." and first.normalized[-2].isdigit()
            and second.normalized[:1].isdigit() and not gap.strip())
