"""Marks: the highlighted spans and points of a side's text (edits, fact mentions,
lost glyphs), and the escaped, marked markup of a segment's text.

A mark is a tuple, not an object: a report of 1,000,000 + 1,000,000 characters
has ~50,000 of them.  Characters get an element only when they are marked, which
keeps such a page under 15 MB.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Iterable, Sequence

from ..model import Fact, Report, Segment, Source
from .escaping import escape

if TYPE_CHECKING:
    from .rows import Side

# Edit ops as seen from one side: (class, title).  Classes differ by line
# style (strike / underline / dotted box), not only by colour.
# Deleted / inserted text needs no title (the legend says it); a replacement's
# title quotes the other side, which is what an editor wants to know.
_EDIT_MARK = {
    ("a", "delete"): ("md", ""),
    ("b", "insert"): ("mi", ""),
    ("a", "replace"): ("mr", "B: "),
    ("b", "replace"): ("mr", "A: "),
}
_INSERT_POINT = {"a": ("mp", "B adds: "), "b": ("mp", "A adds: ")}
_LOST_GLYPH = "lost glyph: the source could not show this character"
_UNDECODABLE = "undecodable bytes in the file"
_TITLE_EXCERPT = 30
_CLAUSE = "the clause the other side restates"

# (start, end, class, title already escaped, fact number or None, its element's
# start tag; a point's "tag" is its whole empty element, and a fact's tag is
# written when it is placed, as only then is it known whether it carries the id)
Mark = tuple[int, int, str, str, "int | None", str]
START, END = 0, 1
_by_position = itemgetter(START, END)


def excerpt(text: str, span: tuple[int, int]) -> str:
    """The text of ``span``, cut to a title's length."""
    piece = text[span[0]:span[1]]
    return piece if len(piece) <= _TITLE_EXCERPT else piece[:_TITLE_EXCERPT] + "…"


def _edit_marks(report: Report) -> dict[str, list[Mark]]:
    """Marks from every link's edits, on both sides, from the edits' original spans."""
    text_a, text_b = report.sources[0].text, report.sources[1].text
    marks_a: list[Mark] = []
    marks_b: list[Mark] = []
    for link in report.links:
        for op, span_a, span_b in map(attrgetter("op", "a", "b"), link.edits):
            _add_edit_mark(marks_a, "a", op, span_a, span_b, text_b)
            _add_edit_mark(marks_b, "b", op, span_b, span_a, text_a)
    return {"a": marks_a, "b": marks_b}


def _add_edit_mark(marks: list[Mark], side: str, op: str, span: tuple[int, int], other_span: tuple[int, int],
                   other_text: str) -> None:
    """The mark of one edit on ``side`` (if any): a marked span, or an insertion
    point where only the other side has text."""
    start, end = span
    if start < end and (side, op) in _EDIT_MARK:
        cls, title = _EDIT_MARK[side, op]
        if op == "replace":
            title += excerpt(other_text, other_span)
        marks.append(_mark(start, end, cls, escape(title)))
    elif start == end and other_span[0] < other_span[1]:
        cls, title = _INSERT_POINT[side]
        marks.append(_mark(start, end, cls, escape(title + excerpt(other_text, other_span))))


def _mark(start: int, end: int, cls: str, title: str) -> Mark:
    """An edit or lost-glyph mark (``title`` already escaped)."""
    if start == end:
        return (start, end, cls, title, None, f'<mark class="{cls}" title="{title}"></mark>')
    tag = f'<mark class="{cls}" title="{title}">' if title else f'<mark class="{cls}">'
    return (start, end, cls, title, None, tag)


def _add_fact_marks(marks: dict[str, list[Mark]], facts: Sequence[Fact]) -> None:
    marks_a, marks_b = marks["a"], marks["b"]
    for n, fact in enumerate(facts):
        cls = "f fx" if fact.status == "conflict" else "f"
        mention_a, mention_b = fact.a, fact.b
        if mention_a is not None and mention_a.start < mention_a.end:
            marks_a.append((mention_a.start, mention_a.end, cls, "", n, ""))
        if mention_b is not None and mention_b.start < mention_b.end:
            marks_b.append((mention_b.start, mention_b.end, cls, "", n, ""))


def _add_lost_marks(marks: list[Mark], source: Source, lost: Iterable[tuple[int, int]]) -> None:
    for start, end in lost:
        marks.append(_mark(start, end, "lg", _LOST_GLYPH))
    for offset in source.replaced:
        marks.append(_mark(offset, offset + 1, "lg", _UNDECODABLE))


def all_marks(report: Report) -> dict[str, list[Mark]]:
    """Every mark of each side, sorted by (start, end)."""
    marks = _edit_marks(report)
    for link in report.links:
        if link.clause is not None:
            side, start, end = link.clause
            marks[side].append(_mark(start, end, "cl", _CLAUSE))
    _add_fact_marks(marks, report.facts)
    _add_lost_marks(marks["a"], report.sources[0], report.info_a.lost_glyphs)
    _add_lost_marks(marks["b"], report.sources[1], report.info_b.lost_glyphs)
    for side_marks in marks.values():
        side_marks.sort(key=_by_position)
    return marks


def marks_by_segment(segments: Sequence[Segment], marks: list[Mark]) -> dict[str, list[Mark]]:
    """Each segment's marks — those touching ``[start, end]``, in order — by segment
    id; segments without marks are absent.  One bisect per mark, so that the
    many segments without any cost nothing; the segments' fields are read into
    lists first, as the loop would otherwise read them from objects scattered
    over memory."""
    ordered = sorted(segments, key=attrgetter("start"))
    starts = [s.start for s in ordered]
    ends = [s.end for s in ordered]
    ids = [s.id for s in ordered]
    reach = list(accumulate(ends, max))  # bisectable even if segments overlapped
    count = len(ordered)
    found: dict[str, list[Mark]] = {}
    for mark in marks:
        mark_start, mark_end = mark[START], mark[END]
        k = bisect_left(reach, mark_start)
        while k < count and starts[k] <= mark_end:
            if ends[k] >= mark_start:
                found.setdefault(ids[k], []).append(mark)
            k += 1
    return found


def marked_text(side: Side, text: str, start: int, marks: list[Mark]) -> str:
    """Escape ``text`` (the original span from ``start``) and wrap the marked pieces.

    Marks that do not overlap (nearly all) are written in one pass; overlapping
    ones go through :func:`_marked_pieces`.  A fact mention's first piece carries
    the id ``fa<n>``/``fb<n>``, written once per fact (``side.placed``).
    """
    end = start + len(text)
    esc = side.escaper(start, end)
    placed = side.placed
    out: list[str] = []
    placed_here: list[int] = []
    pos = start
    previous_end = -1
    for mark_start, mark_end, cls, _, fact, tag in marks:
        if mark_start < previous_end:  # overlaps the previous mark: the general case
            placed.difference_update(placed_here)
            return _marked_pieces(side, text, start, marks, esc)
        previous_end = mark_end
        left = mark_start if mark_start > start else start
        right = mark_end if mark_end < end else end
        if left > pos:
            out.append(esc(text[pos - start:left - start]))
            pos = left
        if mark_start == mark_end:
            out.append(tag)
            continue
        if left >= right:  # a span that only touches this segment
            continue
        if fact is not None:
            if fact in placed:
                tag = f'<mark class="{cls}" data-f="{fact}">'
            else:
                placed.add(fact)
                placed_here.append(fact)
                tag = f'<mark class="{cls}" id="f{side.name}{fact}" data-f="{fact}">'
        out.append(tag)
        out.append(esc(text[left - start:right - start]))
        out.append("</mark>")
        pos = right
    if pos < end:
        out.append(esc(text[pos - start:]))
    return "".join(out)


def _marked_pieces(side: Side, text: str, start: int, marks: list[Mark], esc) -> str:
    """The general case of :func:`marked_text`: overlapping marks are cut into
    elementary pieces, each one element whose classes are the union of the marks
    covering it."""
    end = start + len(text)
    cuts = {start, end}
    for m in marks:
        cuts.add(min(max(m[START], start), end))
        cuts.add(min(max(m[END], start), end))
    bounds = sorted(cuts)
    spans = [m for m in marks if m[START] < m[END]]
    points = [m for m in marks if m[START] == m[END]]
    point_i = 0
    out: list[str] = []
    for left, right in zip(bounds, bounds[1:] + [None]):
        while point_i < len(points) and points[point_i][START] == left:
            out.append(f'<mark class="{points[point_i][2]}" title="{points[point_i][3]}"></mark>')
            point_i += 1
        if right is None:
            break
        piece = esc(text[left - start:right - start])
        covering = [m for m in spans if m[START] <= left and m[END] >= right]
        if not covering:
            out.append(piece)
            continue
        out.append(_piece_html(side, piece, covering))
    return "".join(out)


def _piece_html(side: Side, piece: str, covering: list[Mark]) -> str:
    """One elementary piece (escaped) under the marks ``covering`` it: one element
    with the union of their classes, titles and facts.  The first fact placed
    here gets the element's id; further facts first placed here get an empty
    anchor each, just before it."""
    classes: list[str] = []
    titles, facts, ids = [], [], []
    for _, _, cls, title, fact, _ in covering:
        classes.extend(c for c in cls.split() if c not in classes)
        if title:
            titles.append(title)
        if fact is not None:
            facts.append(str(fact))
            if fact not in side.placed:
                side.placed.add(fact)
                ids.append(f"f{side.name}{fact}")
    attrs = f' class="{" ".join(classes)}"'
    if ids:
        attrs += f' id="{ids[0]}"'
    if facts:
        attrs += f' data-f="{" ".join(facts)}"'
    if titles:
        attrs += f' title="{"; ".join(titles)}"'
    anchors = "".join(f'<i id="{extra}"></i>' for extra in ids[1:])
    return f"{anchors}<mark{attrs}>{piece}</mark>"
