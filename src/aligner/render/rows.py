"""The rows of the page: both texts side by side in reading order, marked.

Row markup is written here with format strings into one list joined once,
rather than in jinja: a report of 1,000,000 + 1,000,000 characters has ~40,000
segments, and a jinja macro per segment costs ten times these format strings.
Every value from the inputs is escaped once, here.  Texts without any of
``&<>"'`` (nearly all) are sliced without escaping calls.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Sequence

from ..model import Report, Segment, Source, segments_by_id
from .escaping import SPECIAL, escape
from .marks import START, Mark, all_marks, excerpt, marked_text, marks_by_segment
from .script_table import CommonScript

_BLOCK_ROWS = 64  # rows per content-visibility block
_BOILERPLATE = '<details><summary>boilerplate · {n}</summary>{body}</details>'
_MOVED = '<a class="mv" href="{href}" title="where this text sits in B">↷ moved</a>'
# A link carried by shared rare words, names and figures rather than characters (basis content).
_CONTENT_BASIS = '<span class="mv" title="the same statement in other words: linked on shared rare words and figures">≈ content</span>'
# A sentence restating part of another (basis clause); the title quotes the matching clause.
_CLAUSE_BASIS = '<span class="mv" title="part of one statement: {clause}">⊂ clause</span>'
_GHOST = ('<a class="gh" href="{href}" title="B\'s segments {ids}">↷ B has the text of row {num} here:</a> '
          '<span class="ex">{excerpt}</span>')


def _clause_of(link, by_a: dict[str, Segment], by_b: dict[str, Segment]) -> str:
    """The clause of a clause link's longest segment that the other side restates (as the
    diff found it: :attr:`~aligner.model.Link.clause`)."""
    if link.clause is None:
        return ""
    side, start, end = link.clause
    members = [by_a[s] for s in link.a] if side == "a" else [by_b[s] for s in link.b]
    holder = next((s for s in members if s.start <= start < s.end), None)
    return "" if holder is None else holder.text[start - holder.start:end - holder.start]


class Side:
    """One side as the row writer needs it, computed once: its marks by segment,
    the fact ids already written, which characters need escaping, and its
    common-script table with the deltas of the segments the table does not rebuild."""

    __slots__ = ("name", "cell_open", "empty_cell", "marks_of", "placed", "specials", "escape_ids", "table", "deltas",
                 "page_at")

    def __init__(self, name: str, lang: str, source: Source, segments: Sequence[Segment], marks: list[Mark],
                 script_table: CommonScript) -> None:
        self.name = name
        self.cell_open = f'<div class="{name.upper()}" lang="{lang}">'
        self.empty_cell = f'<div class="{name.upper()} e"></div>'
        self.marks_of = marks_by_segment(segments, marks)
        self.placed: set[int] = set()
        # Offsets of the characters HTML escaping changes: most texts have none
        # (five plain scans tell, faster than a regex), and then no piece of
        # them needs an escaping call.
        text = source.text
        self.specials = ([m.start() for m in SPECIAL.finditer(text)] if any(c in text for c in "&<>\"'")
                         else [])
        self.escape_ids = SPECIAL.search("".join(s.id for s in segments)) is not None
        self.table, self.deltas = script_table
        document = source.document
        self.page_at = document.page_at if document is not None and document.page_starts else None

    def escaper(self, start: int, end: int):
        """``html.escape`` if ``[start, end)`` holds a character it changes, else ``str``."""
        specials = self.specials
        if specials and bisect_left(specials, start) < bisect_left(specials, end):
            return escape
        return str

    def segment_html(self, seg: Segment, next_start: int | None = None) -> str:
        """One segment's element: its text escaped and marked, its ``data-n`` delta
        if it has one.  ``next_start`` is where the next segment of the same cell
        starts: if it starts right at this one's end, an insertion point there
        belongs to it, not to this segment."""
        start, end = seg.start, seg.end
        marks = self.marks_of.get(seg.id)
        if marks is not None and next_start is not None and next_start <= end:
            marks = [m for m in marks if m[START] < end]
        if marks:
            body = marked_text(self, seg.text, start, marks)
        elif self.specials:
            body = self.escaper(start, end)(seg.text)
        else:
            body = seg.text
        seg_id = escape(seg.id) if self.escape_ids else seg.id
        delta = self.deltas.get(seg.id)
        norm = "" if delta is None else f' data-n="{delta}"'
        tag = "h3" if seg.kind == "heading" else "span"
        return f'<{tag} class="t" id="{seg_id}"{norm}>{body}</{tag}>'


def sides(report: Report, langs: dict[str, str], tables: dict[str, CommonScript]) -> dict[str, Side]:
    """Both sides, ``"a"`` and ``"b"``, each with its common-script table from ``tables``."""
    marks = all_marks(report)
    return {name: Side(name, langs[name], report.sources[k], segments, marks[name], tables[name])
            for k, (name, segments) in enumerate((("a", report.segments_a), ("b", report.segments_b)))}


def _cell_html(side: Side, segments: Sequence[Segment]) -> str:
    """The segments of one cell: each marked, with its ``data-n`` delta if it has one.

    An insertion point at a segment's very end is drawn only by the cell's last
    segment or one followed by a gap; otherwise the next segment starts right
    there and draws it.
    """
    if len(segments) == 1:
        return side.segment_html(segments[0])
    parts = [side.segment_html(segments[0], segments[1].start)]
    for previous, seg, following in zip(segments, segments[1:], [*segments[2:], None]):
        if seg.paragraph != previous.paragraph:
            parts.append('<i class="pb"></i>')
        parts.append(side.segment_html(seg, None if following is None else following.start))
    return "".join(parts)


def _cell(side: Side, segments: Sequence[Segment] | None, boilerplate: bool = False, prefix: str = "") -> str:
    if not segments:
        return f"{side.cell_open}{prefix}</div>" if prefix else side.empty_cell
    body = _cell_html(side, segments)
    if side.page_at is not None:  # a PDF's cell says on which page its text starts
        body = f'<small class="pg">p. {side.page_at(segments[0].start)}</small> {body}'
    if boilerplate:
        body = _BOILERPLATE.format(n=len(segments), body=body)
    return f"{side.cell_open}{prefix}{body}</div>"


# ------------------------------------------------------------- reading order

# A row before rendering: (kind, link number or None, segments or None), kind
# one of link | a | b | ghost.  A plain tuple: a large report has ~25,000.
_Row = tuple[str, "int | None", "list[Segment] | None"]


def _reading_order(report: Report) -> list[_Row]:
    """Rows in reading order: A's order, with B-only content and moved-link
    placeholders put into the gap where they occur in B.

    Each link is one row at the place of its first A segment.  A run of B items
    that follows (in B) the B side of an unmoved link row is placed just before
    the next unmoved link row, after the A-only rows of that gap.
    """
    rows, row_of_link = _rows_of_a(report)
    inserts = _insertions_of_b(report, rows, row_of_link)
    ordered: list[_Row] = []
    for i, row in enumerate(rows):
        ordered.extend(inserts.get(i, ()))
        ordered.append(row)
    ordered.extend(inserts.get(len(rows), ()))
    return _group_one_sided(ordered)


def _rows_of_a(report: Report) -> tuple[list[_Row], dict[int, int]]:
    """A's rows in A's order (each link at its first A segment), and the row index
    of each link."""
    link_of_a = {sid: n for n, link in enumerate(report.links) for sid in link.a}
    rows: list[_Row] = []
    row_of_link: dict[int, int] = {}
    for seg in report.segments_a:
        n = link_of_a.get(seg.id)
        if n is None:
            rows.append(("a", None, [seg]))
        elif n not in row_of_link:
            row_of_link[n] = len(rows)
            rows.append(("link", n, None))
    for n, link in enumerate(report.links):  # links without A segments (should not happen)
        if n not in row_of_link and not link.a:
            row_of_link[n] = len(rows)
            rows.append(("link", n, None))
    return rows, row_of_link


def _insertions_of_b(report: Report, rows: list[_Row], row_of_link: dict[int, int]) -> dict[int, list[_Row]]:
    """B's one-sided rows and moved-link placeholders, by the index of the A row
    they go before (``len(rows)``: after the last)."""
    link_of_b = {sid: n for n, link in enumerate(report.links) for sid in link.b}
    moved = [link.moved for link in report.links]
    # next unmoved link row at or after each row index
    next_anchor = [len(rows)] * (len(rows) + 1)
    for i in range(len(rows) - 1, -1, -1):
        kind, n, _ = rows[i]
        anchored = kind == "link" and not moved[n]
        next_anchor[i] = i if anchored else next_anchor[i + 1]

    inserts: dict[int, list[_Row]] = {}
    position = next_anchor[0]  # before the first unmoved link row
    ghosted: set[int] = set()
    for seg in report.segments_b:
        n = link_of_b.get(seg.id)
        if n is None:
            inserts.setdefault(position, []).append(("b", None, [seg]))
        elif moved[n] or n not in row_of_link:
            if n not in ghosted:
                ghosted.add(n)
                inserts.setdefault(position, []).append(("ghost", n, None))
        else:
            position = next_anchor[row_of_link[n] + 1]
    return inserts


def _group_one_sided(rows: list[_Row]) -> list[_Row]:
    """Join consecutive one-sided segments of one side: boilerplate runs into one
    collapsed row, sentences of one paragraph into one row (PDF lines read as a
    paragraph, not as forty rows)."""
    out: list[_Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and row[0] in "ab" and prev[0] == row[0]:
            seg, last = row[2][0], prev[2][-1]
            both_bp = seg.kind == last.kind == "boilerplate"
            same_para = (seg.paragraph == last.paragraph and "boilerplate" not in (seg.kind, last.kind)
                         and "heading" not in (seg.kind, last.kind))
            if both_bp or same_para:
                prev[2].append(seg)
                continue
        out.append(row)
    return out


# ---------------------------------------------------------------------- rows


def _fact_rows_of_segments(report: Report) -> dict[str, set[str]]:
    """For each side, the ids of segments holding a conflict fact's mention."""
    result: dict[str, set[str]] = {"a": set(), "b": set()}
    conflicts = [fact for fact in report.facts if fact.status == "conflict"]
    for side, segments in (("a", report.segments_a), ("b", report.segments_b)):
        starts = [s.start for s in segments]
        for fact in conflicts:
            mention = getattr(fact, side)
            if mention is None:
                continue
            k = bisect_right(starts, mention.start) - 1
            if k >= 0 and segments[k].start <= mention.start < max(segments[k].end, mention.start + 1):
                result[side].add(segments[k].id)
    return result


def _severity(classes: list[str]) -> int:
    if "x" in classes:
        return 4
    if "a" in classes or "b" in classes:
        return 3
    if "c" in classes:
        return 2
    return 1 if "m" in classes else 0


@lru_cache(maxsize=None)  # a handful of combinations
def _row_classes(first: str, moved: bool, conflict: bool) -> tuple[str, int]:
    """A row's classes and its severity for the strip."""
    classes = [first]
    if moved:
        classes.append("m")
    if conflict:
        classes.append("x")
    if first != "g" and (moved or first in ("c", "a", "b")):
        classes.append("d")  # a difference: next/previous visit it
    return " ".join(classes), _severity(classes)


class _RowWriter:
    """Writes the rows of one page into ``views`` and ``markup``, one kind of row
    per method.  Rows must be written in reading order: a fact's id goes to its
    first mention written.  Each method writes its row's element itself (only a
    link's number has a title): a shared helper would cost a call per row."""

    __slots__ = ("links", "by_a", "by_b", "side_a", "side_b", "conflict_a", "conflict_b", "row_id_of_link",
                 "ghost_id_of_link", "views", "markup")

    def __init__(self, report: Report, sides: dict[str, Side], plan: list[_Row]) -> None:
        self.links = report.links
        self.by_a, self.by_b = segments_by_id(report.segments_a), segments_by_id(report.segments_b)
        self.side_a, self.side_b = sides["a"], sides["b"]
        conflict_segs = _fact_rows_of_segments(report)
        self.conflict_a, self.conflict_b = conflict_segs["a"], conflict_segs["b"]
        self.row_id_of_link: dict[int, str] = {}
        self.ghost_id_of_link: dict[int, str] = {}
        for i, (kind, n, _) in enumerate(plan, 1):
            if kind == "link":
                self.row_id_of_link[n] = f"r{i}"
            elif kind == "ghost":
                self.ghost_id_of_link[n] = f"r{i}"
        self.views: list[dict] = []
        self.markup: list[str] = []

    def link(self, num: int, n: int) -> None:
        """A link's row: both sides' segments, a "moved" link to its place in B."""
        link = self.links[n]
        side_a, side_b, by_a, by_b = self.side_a, self.side_b, self.by_a, self.by_b
        row_id = f"r{num}"
        ids_a, ids_b = list(link.a), list(link.b)
        moved, moved_href = "", None
        if link.moved:
            moved_href = "#" + self.ghost_id_of_link.get(n, row_id)
            moved = _MOVED.format(href=moved_href)
        if link.basis == "content":
            moved += _CONTENT_BASIS
        elif link.basis == "clause":
            moved += _CLAUSE_BASIS.format(clause=escape(_clause_of(link, by_a, by_b)))
        conflict_a, conflict_b = self.conflict_a, self.conflict_b
        conflict = bool(conflict_a and not conflict_a.isdisjoint(ids_a)
                        or conflict_b and not conflict_b.isdisjoint(ids_b))
        cls, sev = _row_classes("s" if link.status == "identical" else "c", link.moved, conflict)
        # most links are one segment to one: their cells skip the general path
        if len(ids_a) == 1:
            cells = side_a.cell_open + side_a.segment_html(by_a[ids_a[0]]) + "</div>"
        else:
            cells = _cell(side_a, [by_a[s] for s in ids_a])
        if len(ids_b) == 1:
            cells += side_b.cell_open + moved + side_b.segment_html(by_b[ids_b[0]]) + "</div>"
        else:
            cells += _cell(side_b, [by_b[s] for s in ids_b], prefix=moved)
        title = f"similarity {link.score:.2f}"
        self.markup.append(f'<div class="r {cls}" id="{row_id}"><span class="no" title="{title}">{num}</span>'
                           f'{cells}</div>')
        self.views.append({"id": row_id, "num": num, "cls": cls, "a": ids_a, "b": ids_b, "moved": moved_href,
                           "ghost": None, "title": title, "sev": sev})

    def ghost(self, num: int, n: int) -> None:
        """The placeholder where a moved link's text sits in B, pointing to its row."""
        link = self.links[n]
        first = self.by_b[link.b[0]]
        row_id, target = f"r{num}", self.row_id_of_link[n]
        cls, sev = _row_classes("g", False, False)
        ghost = _GHOST.format(href="#" + target, ids=escape(", ".join(link.b)), num=target[1:],
                              excerpt=escape(excerpt(first.text, (0, len(first.text)))))
        cells = self.side_a.empty_cell + _cell(self.side_b, None, prefix=ghost)
        self.markup.append(f'<div class="r {cls}" id="{row_id}"><span class="no">{num}</span>{cells}</div>')
        self.views.append({"id": row_id, "num": num, "cls": cls, "a": [], "b": [], "moved": None,
                           "ghost": "#" + target, "title": "moved: B has this text here", "sev": sev})

    def one_sided(self, num: int, kind: str, segs: list[Segment]) -> None:
        """A run of segments of side ``kind`` only (boilerplate collapsed)."""
        row_id = f"r{num}"
        ids = [s.id for s in segs]
        boilerplate = all(s.kind == "boilerplate" for s in segs)
        if boilerplate:
            cls, sev = _row_classes("k", False, False)
            title = f"boilerplate in {kind.upper()}"
        else:
            conflicts = self.conflict_a if kind == "a" else self.conflict_b
            cls, sev = _row_classes(kind, False, not conflicts.isdisjoint(ids))
            title = f"only in {kind.upper()}"
        if kind == "a":
            ids_a, ids_b = ids, []
            cells = _cell(self.side_a, segs, boilerplate) + self.side_b.empty_cell
        else:
            ids_a, ids_b = [], ids
            cells = self.side_a.empty_cell + _cell(self.side_b, segs, boilerplate)
        self.markup.append(f'<div class="r {cls}" id="{row_id}"><span class="no">{num}</span>{cells}</div>')
        self.views.append({"id": row_id, "num": num, "cls": cls, "a": ids_a, "b": ids_b, "moved": None,
                           "ghost": None, "title": title, "sev": sev})


def build_rows(report: Report, sides: dict[str, Side]) -> tuple[list[dict], list[str], dict[int, str]]:
    """Return the view rows, their markup, and the element id of each link's row
    (by link number, for links with A segments).

    A row is a dict: ``id``, ``num``, ``cls`` (s identical, c changed, m moved,
    a / b only in A / B, k boilerplate, g where a moved text sits in B, x holds a
    conflicting fact, d a difference), ``a``/``b`` segment ids, ``moved`` and
    ``ghost`` links, ``title`` and ``sev`` (for the strip).
    """
    plan = _reading_order(report)
    writer = _RowWriter(report, sides, plan)
    link, ghost, one_sided = writer.link, writer.ghost, writer.one_sided
    for num, (kind, n, segs) in enumerate(plan, 1):
        if kind == "link":
            link(num, n)
        elif kind == "ghost":
            ghost(num, n)
        else:
            one_sided(num, kind, segs)
    # a link's A segments are in its row and in no other (links share no segment)
    link_rows = {n: row_id for n, row_id in writer.row_id_of_link.items() if report.links[n].a}
    return writer.views, writer.markup, link_rows


def blocks(markup: list[str]) -> list[str]:
    """Rows joined in blocks of ``_BLOCK_ROWS``: each block is one
    ``content-visibility: auto`` box, so the browser lays out only what is near."""
    return ['<div class="blk">\n' + "\n".join(markup[i:i + _BLOCK_ROWS]) + "\n</div>\n"
            for i in range(0, len(markup), _BLOCK_ROWS)]
