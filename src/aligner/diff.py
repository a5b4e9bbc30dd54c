"""Stage 6, diff: character-level edits inside each link, as spans of both originals.

The compared text is each side's normalized text (common script, folded widths)
without whitespace and with the marks a reader takes for the same folded (quote
styles and the like), so wrapping, conversion and house style make no edits; rapidfuzz's
Levenshtein opcodes run on it and every opcode is mapped back through the view's
offset map to the original characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple, Sequence

from rapidfuzz.distance import Levenshtein

from .align.clauses import matching_clause
from .align.scorer import matching_key
from .model import Edit, Link, Segment, segments_by_id
from .punctuation import reader_folded
from .textmap import TextMap

_NO_SPACE = re.compile(r"\S+")


class _Compared(NamedTuple):
    """The segments' normalized text without whitespace, and where it lies in the view.

    The text is made of runs (the stretches of non-space characters of the
    segments); run ``r`` starts at ``starts[r]`` of ``text`` and at
    ``view_starts[r]`` of the view.  Positions are looked up for the few
    characters an edit starts or ends at, not listed for every character.
    """

    text: str
    starts: list[int]
    view_starts: list[int]

    def view_position(self, k: int) -> int:
        """Where compared character ``k`` is in the view."""
        run = bisect_right(self.starts, k) - 1
        return self.view_starts[run] + k - self.starts[run]


def _compared_text(segments: Sequence[Segment]) -> _Compared:
    """Concatenate the segments' normalized text without whitespace (see :class:`_Compared`)."""
    runs: list[str] = []
    starts: list[int] = []
    view_starts: list[int] = []
    length = 0
    for seg in segments:
        if seg.normalized.split() == [seg.normalized]:
            # Most segments hold no white space: the whole text is one run.
            runs.append(seg.normalized)
            starts.append(length)
            view_starts.append(seg.norm_start)
            length += len(seg.normalized)
            continue
        for match in _NO_SPACE.finditer(seg.normalized):
            runs.append(match.group())
            starts.append(length)
            view_starts.append(seg.norm_start + match.start())
            length += match.end() - match.start()
    return _Compared("".join(runs), starts, view_starts)


def _original_span(view: TextMap, compared: _Compared, start: int, end: int) -> tuple[int, int]:
    """Original span of compared characters ``[start, end)``; empty spans sit at a boundary."""
    if start < end:
        return view.pos(compared.view_position(start)), view.pos(compared.view_position(end - 1) + 1)
    if start < len(compared.text):
        at = view.pos(compared.view_position(start))
    elif compared.text:
        at = view.pos(compared.view_position(len(compared.text) - 1) + 1)
    else:
        at = 0
    return at, at


def _merged_opcodes(text_a: str, text_b: str):
    """Levenshtein opcodes with adjacent changes merged: one edit per changed stretch.

    Yields ``(op, a_start, a_end, b_start, b_end)`` over the compared texts.  The
    changed stretches are the gaps between the equal blocks, which rapidfuzz
    lists in C (``as_matching_blocks``, the last an empty block at both texts' ends):
    cheaper than walking every opcode object in Python.
    """
    a_done = b_done = 0  # where the last equal block ended
    for a_start, b_start, size in Levenshtein.opcodes(text_a, text_b).as_matching_blocks():
        if a_start > a_done or b_start > b_done:
            yield (_tagged(a_done, a_start, b_done, b_start), a_done, a_start, b_done, b_start)
        a_done, b_done = a_start + size, b_start + size


def _tagged(a0: int, a1: int, b0: int, b1: int) -> str:
    return "insert" if a0 == a1 else "delete" if b0 == b1 else "replace"


def link_edits(link: Link, segments_a: Sequence[Segment], segments_b: Sequence[Segment],
               view_a: TextMap, view_b: TextMap) -> tuple[Edit, ...]:
    """Return the character edits that turn the link's a-text into its b-text.

    ``segments_a``/``segments_b`` are the link's segments in order; the views
    are the sides' converted texts mapped to their originals.
    """
    compared_a = _compared_text(segments_a)
    compared_b = _compared_text(segments_b)
    edits = []
    # Folding maps one character to one: the compared positions stay those of the originals' map.
    for tag, a0, a1, b0, b1 in _merged_opcodes(reader_folded(compared_a.text), reader_folded(compared_b.text)):
        span_a = _within(segments_a, _original_span(view_a, compared_a, a0, a1) if compared_a.text else None)
        span_b = _within(segments_b, _original_span(view_b, compared_b, b0, b1) if compared_b.text else None)
        edits.append(Edit(tag, span_a, span_b))
    return tuple(edits)


def _within(segments: Sequence[Segment], span: tuple[int, int] | None) -> tuple[int, int]:
    """Clamp a mapped span to the extent of the link's segments.

    A boundary at the very end of a segment maps to where the next character
    starts, which may lie past white space or dropped characters; an insertion
    point there belongs at the segment's end.
    """
    low, high = segments[0].start, segments[-1].end
    if span is None:
        return low, low
    start = min(max(span[0], low), high)
    return start, min(max(span[1], start), high)


def with_edits(links: Sequence[Link], segments_a: Sequence[Segment], segments_b: Sequence[Segment],
               view_a: TextMap, view_b: TextMap) -> tuple[Link, ...]:
    """Return ``links`` with the character edits of every changed link filled in."""
    by_id_a, by_id_b = segments_by_id(segments_a), segments_by_id(segments_b)
    out = []
    for link in links:
        if link.status == "changed":
            members_a, members_b = [by_id_a[i] for i in link.a], [by_id_b[j] for j in link.b]
            edits = link_edits(link, members_a, members_b, view_a, view_b)
            clause = _restated_clause(members_a, members_b, view_a, view_b) if link.basis == "clause" else None
            # Built directly: dataclasses.replace costs ~3x as much, on thousands of links.
            link = Link(link.a, link.b, link.status, link.score, link.moved, edits, link.basis, clause)
        out.append(link)
    return tuple(out)


def _restated_clause(members_a: list[Segment], members_b: list[Segment], view_a: TextMap,
                     view_b: TextMap) -> tuple[str, int, int]:
    """The clause of a clause link's longest segment that the other side restates, as
    (side, start, end) in that side's original (for the report to highlight)."""
    longest = max(members_a + members_b, key=lambda s: len(s.normalized))
    side, others, view = (("a", members_b, view_a) if longest in members_a else ("b", members_a, view_b))
    start, end = matching_clause(longest.normalized, "".join(matching_key(s.normalized) for s in others))
    return side, view.pos(longest.norm_start + start), view.pos(longest.norm_start + end)
