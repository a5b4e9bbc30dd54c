"""The HTML report: one self-contained page (inline CSS and JS) for an editor.

``render_html`` turns a :class:`~aligner.model.Report` into a view model — rows
in reading order, a facts table, an overview strip — and hands it to a small
jinja2 template that prints it.

Speed: a report of 1,000,000 + 1,000,000 characters has ~40,000 segments and
~50,000 marks, so row and fact-table markup is written here with format strings
into one list joined once (a jinja loop or macro per row costs several times
more), marks are tuples, and the common-script text travels as one character
table per side (:func:`common_script`) rather than a delta per segment.  That
table is a quarter of the work and needs nothing else of the page, so
:func:`common_script_table` lets a caller compute it apart (in another process)
and hand it to :func:`render_html`.

Safety: every piece of input text (document text, segment ids, file names, fact
values, titles) is escaped exactly once: with :func:`html.escape` here, or by the
template's autoescape; nothing from the inputs is ever marked safe unescaped.
Texts without any of ``&<>"'`` (nearly all) are sliced without escaping calls.

Size: a row is a few short-class ``div``s; characters get an element only when
they are marked (an edit, a fact mention, a lost glyph), so 1,000,000 + 1,000,000
characters stay under 15 MB.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import re
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from functools import lru_cache
from html import escape as _html_escape
from importlib import resources
from itertools import accumulate, compress
from operator import attrgetter, eq, itemgetter
from typing import Iterable, Sequence

import jinja2
from markupsafe import Markup
from rapidfuzz.distance import Levenshtein

from ..model import Fact, Link, Report, Segment, Source

# The lang tag of each side follows its detected script so that browsers pick
# the right glyph forms (骨 and 直 differ between zh-Hant and zh-Hans fonts).
SCRIPT_LANG = {"traditional": "zh-Hant", "simplified": "zh-Hans"}

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
# the characters html.escape changes
_SPECIAL = re.compile("[&<>\"']")


def _escape(text: str) -> str:
    """``html.escape(text)``; a search first, as most texts here hold none of ``&<>"'``."""
    return _html_escape(text) if _SPECIAL.search(text) else text

FACT_ORDER = {"conflict": 0, "only_a": 1, "only_b": 2, "shared": 3}
FACT_LABEL = {"conflict": "conflict", "only_a": "only in A", "only_b": "only in B", "shared": "shared"}

# Overview strip: severities of a row, highest wins in a bin.
_SEVERITY_CLASS = {4: "x", 2: "c", 1: "m"}  # 3, one-sided, takes the side: a / b
_STRIP_BINS = 200
_BLOCK_ROWS = 64  # rows per content-visibility block
# Shared facts agree, so they matter least: a long document has thousands, and
# the table lists the first ones only (all are marked in the text and in the JSON).
_SHARED_FACTS_LISTED = 2000


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: (resources.files("aligner.render") / "templates" / name).read_text(encoding="utf-8")
        ),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=None)
def _static(name: str) -> Markup:
    """Our own CSS/JS file from ``render/static`` (trusted, so not escaped)."""
    return Markup((resources.files("aligner.render") / "static" / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _csp_hash(name: str) -> str:
    """The page's Content-Security-Policy allows exactly our inline CSS and JS by
    hash, so even a mistake in escaping could not run injected script or make a
    network request."""
    digest = hashlib.sha256(str(_static(name)).encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


# --------------------------------------------------------------------- marks

# A mark is a tuple, not an object: a large report has ~50,000 of them.
# (start, end, class, title already escaped, fact number or None, its element's
# start tag; a point's "tag" is its whole empty element, and a fact's tag is
# written when it is placed, as only then is it known whether it carries the id)
_Mark = tuple[int, int, str, str, "int | None", str]
_START, _END = 0, 1
_by_position = itemgetter(_START, _END)


def _excerpt(text: str, span: tuple[int, int]) -> str:
    piece = text[span[0]:span[1]]
    return piece if len(piece) <= _TITLE_EXCERPT else piece[:_TITLE_EXCERPT] + "…"


def _edit_marks(report: Report) -> dict[str, list[_Mark]]:
    """Marks from every link's edits, on both sides, from the edits' original spans."""
    text_a, text_b = report.sources[0].text, report.sources[1].text
    marks_a: list[_Mark] = []
    marks_b: list[_Mark] = []
    for link in report.links:
        for op, span_a, span_b in map(attrgetter("op", "a", "b"), link.edits):
            _add_edit_mark(marks_a, "a", op, span_a, span_b, text_b)
            _add_edit_mark(marks_b, "b", op, span_b, span_a, text_a)
    return {"a": marks_a, "b": marks_b}


def _add_edit_mark(marks: list[_Mark], side: str, op: str, span: tuple[int, int], other_span: tuple[int, int],
                   other_text: str) -> None:
    """The mark of one edit on ``side`` (if any): a marked span, or an insertion
    point where only the other side has text."""
    start, end = span
    if start < end and (side, op) in _EDIT_MARK:
        cls, title = _EDIT_MARK[side, op]
        if op == "replace":
            title += _excerpt(other_text, other_span)
        marks.append(_mark(start, end, cls, _escape(title)))
    elif start == end and other_span[0] < other_span[1]:
        cls, title = _INSERT_POINT[side]
        marks.append(_mark(start, end, cls, _escape(title + _excerpt(other_text, other_span))))


def _mark(start: int, end: int, cls: str, title: str) -> _Mark:
    """An edit or lost-glyph mark (``title`` already escaped)."""
    if start == end:
        return (start, end, cls, title, None, f'<mark class="{cls}" title="{title}"></mark>')
    tag = f'<mark class="{cls}" title="{title}">' if title else f'<mark class="{cls}">'
    return (start, end, cls, title, None, tag)


def _add_fact_marks(marks: dict[str, list[_Mark]], facts: Sequence[Fact]) -> None:
    marks_a, marks_b = marks["a"], marks["b"]
    for n, fact in enumerate(facts):
        cls = "f fx" if fact.status == "conflict" else "f"
        mention_a, mention_b = fact.a, fact.b
        if mention_a is not None and mention_a.start < mention_a.end:
            marks_a.append((mention_a.start, mention_a.end, cls, "", n, ""))
        if mention_b is not None and mention_b.start < mention_b.end:
            marks_b.append((mention_b.start, mention_b.end, cls, "", n, ""))


def _add_lost_marks(marks: list[_Mark], source: Source, lost: Iterable[tuple[int, int]]) -> None:
    for start, end in lost:
        marks.append(_mark(start, end, "lg", _LOST_GLYPH))
    for offset in source.replaced:
        marks.append(_mark(offset, offset + 1, "lg", _UNDECODABLE))


def _all_marks(report: Report) -> dict[str, list[_Mark]]:
    """Every mark of each side, sorted by (start, end)."""
    marks = _edit_marks(report)
    _add_fact_marks(marks, report.facts)
    _add_lost_marks(marks["a"], report.sources[0], report.info_a.lost_glyphs)
    _add_lost_marks(marks["b"], report.sources[1], report.info_b.lost_glyphs)
    for side_marks in marks.values():
        side_marks.sort(key=_by_position)
    return marks


def _marks_by_segment(segments: Sequence[Segment], marks: list[_Mark]) -> dict[str, list[_Mark]]:
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
    found: dict[str, list[_Mark]] = {}
    for mark in marks:
        mark_start, mark_end = mark[_START], mark[_END]
        k = bisect_left(reach, mark_start)
        while k < count and starts[k] <= mark_end:
            if ends[k] >= mark_start:
                found.setdefault(ids[k], []).append(mark)
            k += 1
    return found


class _Side:
    """One side as the row writer needs it, computed once: its marks by segment,
    the fact ids already written, which characters need escaping, and its
    common-script table with the deltas of the segments the table does not rebuild."""

    __slots__ = ("name", "cell_open", "empty_cell", "marks_of", "placed", "specials", "escape_ids", "table", "deltas")

    def __init__(self, name: str, lang: str, source: Source, segments: Sequence[Segment], marks: list[_Mark],
                 script_table: CommonScript) -> None:
        self.name = name
        self.cell_open = f'<div class="{name.upper()}" lang="{lang}">'
        self.empty_cell = f'<div class="{name.upper()} e"></div>'
        self.marks_of = _marks_by_segment(segments, marks)
        self.placed: set[int] = set()
        # Offsets of the characters HTML escaping changes: most texts have none
        # (five plain scans tell, faster than a regex), and then no piece of
        # them needs an escaping call.
        text = source.text
        self.specials = ([m.start() for m in _SPECIAL.finditer(text)] if any(c in text for c in "&<>\"'")
                         else [])
        self.escape_ids = _SPECIAL.search("".join(s.id for s in segments)) is not None
        self.table, self.deltas = script_table

    def escaper(self, start: int, end: int):
        """``html.escape`` if ``[start, end)`` holds a character it changes, else ``str``."""
        specials = self.specials
        if specials and bisect_left(specials, start) < bisect_left(specials, end):
            return _escape
        return str

    def segment_html(self, seg: Segment, next_start: int | None = None) -> str:
        """One segment's element: its text escaped and marked, its ``data-n`` delta
        if it has one.  ``next_start`` is where the next segment of the same cell
        starts: if it starts right at this one's end, an insertion point there
        belongs to it, not to this segment."""
        start, end = seg.start, seg.end
        marks = self.marks_of.get(seg.id)
        if marks is not None and next_start is not None and next_start <= end:
            marks = [m for m in marks if m[_START] < end]
        if marks:
            body = _marked_text(self, seg.text, start, marks)
        elif self.specials:
            body = self.escaper(start, end)(seg.text)
        else:
            body = seg.text
        seg_id = _escape(seg.id) if self.escape_ids else seg.id
        delta = self.deltas.get(seg.id)
        norm = "" if delta is None else f' data-n="{delta}"'
        tag = "h3" if seg.kind == "heading" else "span"
        return f'<{tag} class="t" id="{seg_id}"{norm}>{body}</{tag}>'


def _marked_text(side: _Side, text: str, start: int, marks: list[_Mark]) -> str:
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


def _marked_pieces(side: _Side, text: str, start: int, marks: list[_Mark], esc) -> str:
    """The general case of :func:`_marked_text`: overlapping marks are cut into
    elementary pieces, each one element whose classes are the union of the marks
    covering it."""
    end = start + len(text)
    cuts = {start, end}
    for m in marks:
        cuts.add(min(max(m[_START], start), end))
        cuts.add(min(max(m[_END], start), end))
    bounds = sorted(cuts)
    spans = [m for m in marks if m[_START] < m[_END]]
    points = [m for m in marks if m[_START] == m[_END]]
    point_i = 0
    out: list[str] = []
    for left, right in zip(bounds, bounds[1:] + [None]):
        while point_i < len(points) and points[point_i][_START] == left:
            out.append(f'<mark class="{points[point_i][2]}" title="{points[point_i][3]}"></mark>')
            point_i += 1
        if right is None:
            break
        piece = esc(text[left - start:right - start])
        covering = [m for m in spans if m[_START] <= left and m[_END] >= right]
        if not covering:
            out.append(piece)
            continue
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
            # further facts starting on this same piece get an empty anchor each
            out.extend(f'<i id="{extra}"></i>' for extra in ids[1:])
        if facts:
            attrs += f' data-f="{" ".join(facts)}"'
        if titles:
            attrs += f' title="{"; ".join(titles)}"'
        out.append(f"<mark{attrs}>{piece}</mark>")
    return "".join(out)


# ---------------------------------------------------------- common script


def _as_parsed(text: str) -> str:
    """``text`` as an HTML parser hands it to scripts (line breaks folded, NUL replaced)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def norm_delta(text: str, normalized: str) -> str:
    """Encode ``normalized`` as edits of ``text`` so the page need not carry it twice.

    The result is ``"<len(text)>;"`` and then ops over code points: ``=k`` keep k
    characters of ``text``, ``-k`` skip k, ``+k:`` followed by k characters to
    write, ``~k:`` followed by k characters that replace the next k.  It is only
    a compact spelling of ``normalized`` (report.js rebuilds it exactly, or keeps
    the original if the length check fails); no position in the report comes
    from it.  Used for the segments a side's character table does not rebuild
    (see :func:`common_script`).
    """
    return _delta(_as_parsed(text), normalized)


def _delta(parsed: str, normalized: str) -> str:
    """:func:`norm_delta` of a text already as the page's script reads it."""
    ops = []
    for tag, src_start, src_end, dest_start, dest_end in Levenshtein.opcodes(parsed, normalized).as_list():
        if tag == "equal":
            ops.append(f"={src_end - src_start}")
            continue
        skip, write = src_end - src_start, normalized[dest_start:dest_end]
        if skip == len(write):
            ops.append(f"~{skip}:{write}")
            continue
        if skip:
            ops.append(f"-{skip}")
        if write:
            ops.append(f"+{len(write)}:{write}")
    delta = "".join(ops)
    whole = f"+{len(normalized)}:{normalized}"
    shorter = delta if len(delta.encode("utf-8")) < len(whole.encode("utf-8")) else whole
    return f"{len(parsed)};{shorter}"


# Segment separators while a side's texts are compared in one piece: they always
# differ (so they survive into the differing characters) and split them again.
_SEP_TEXT, _SEP_NORM = "\x01", "\x02"


def _differing_chars(text: str, normalized: str) -> tuple[str, str]:
    """The characters at which two strings of equal length differ, in order: those
    of ``text`` and those of ``normalized``.

    Done on whole UTF-32 buffers as big integers (xor, add, masks), because a
    Python loop over a million characters costs more than the whole page.
    """
    size = len(text)
    text_int = int.from_bytes(text.encode("utf-32-le", "surrogatepass"), "little")
    norm_int = int.from_bytes(normalized.encode("utf-32-le", "surrogatepass"), "little")
    # A code point is below 2**21, so adding 2**21 - 1 to each 32-bit unit of the
    # xor sets the unit's bit 21 exactly when the unit is nonzero, and never
    # carries into the next unit (bits 22-31 stay clear); that bit becomes an
    # all-ones mask of the unit.
    low = int.from_bytes(b"\xff\xff\x1f\x00" * size, "little")
    flags = (((text_int ^ norm_int) + low) & ~low) >> 21
    mask = (flags << 32) - flags

    def kept(value: int) -> str:
        # The units kept are the differing ones, the others are now NUL.  UTF-8
        # writes a zero byte for NUL and for nothing else, so deleting the zero
        # bytes of the UTF-8 form drops exactly the NULs: one C pass, where
        # str.replace costs a step per NUL (most of a million here).
        with_nuls = (value & mask).to_bytes(4 * size, "little").decode("utf-32-le", "surrogatepass")
        return with_nuls.encode("utf-8", "surrogatepass").translate(None, b"\0").decode("utf-8", "surrogatepass")

    return kept(text_int), kept(norm_int)


def common_script(texts: Sequence[str], normalized: Sequence[str]) -> tuple[dict[int, int], set[int]]:
    """Return a character table for one side and the indices of the segments it
    does not rebuild.

    ``texts`` are the segments' texts as the page's script reads them,
    ``normalized`` their common-script forms.  Conversion and width folding are
    nearly always one character for one, so the page carries one table per side
    (``str.translate`` form) instead of a delta per segment; report.js applies it
    to every segment without a ``data-n``.  The exceptions — other lengths, a
    character converted in one place and kept in another, two targets of one
    character — get a :func:`norm_delta`.
    """
    # (map / compress keep these passes over ~25,000 segments in C)
    same_length = list(map(eq, map(len, texts), map(len, normalized)))
    same = list(compress(range(len(texts)), same_length))
    exceptions = set(range(len(texts))).difference(same)
    joined_text = _SEP_TEXT.join(compress(texts, same_length))
    joined_norm = _SEP_NORM.join(compress(normalized, same_length))
    separable = (joined_text.count(_SEP_TEXT) == joined_norm.count(_SEP_NORM) == len(same) - 1
                 and _SEP_NORM not in joined_text and _SEP_TEXT not in joined_norm)
    from_text, to_norm = _differing_chars(joined_text, joined_norm) if separable else ("", "")
    if not separable or len(from_text) != len(to_norm):
        return {}, exceptions | {k for k in same if texts[k] != normalized[k]}
    table = str.maketrans(from_text, to_norm)  # the last target wins; others become exceptions
    rebuilt = from_text.translate(table)
    if rebuilt != to_norm:
        exceptions.update(same[i] for i, (got, want) in enumerate(zip(rebuilt.split(_SEP_NORM),
                                                                      to_norm.split(_SEP_NORM)))
                          if got != want)
    table.pop(ord(_SEP_TEXT), None)
    if table:
        # a character of the table still present in the normalized text: kept
        # there, so the table would wrongly convert it
        keys = re.compile("[" + re.escape("".join(map(chr, table))) + "]")
        ends = list(accumulate(map((1).__add__, map(len, compress(normalized, same_length)))))
        exceptions.update(same[bisect_right(ends, m.start())] for m in keys.finditer(joined_norm))
    return table, exceptions


# One side's common-script table as the page carries it, and its data-n deltas by segment id.
CommonScript = tuple[str, dict[str, str]]


def _common_script_of(segments: Sequence[Segment], source: Source) -> CommonScript:
    """One side's table as the page carries it (pairs of characters) and the
    escaped ``data-n`` deltas of the segments it does not rebuild, by id."""
    raw = "\r" not in source.text and "\0" not in source.text
    texts = list(map(attrgetter("text"), segments))
    if not raw:
        texts = list(map(_as_parsed, texts))
    table, exceptions = common_script(texts, list(map(attrgetter("normalized"), segments)))
    deltas = {segments[k].id: _escape(_delta(texts[k], segments[k].normalized)) for k in exceptions}
    return "".join(chr(k) + chr(v) for k, v in table.items()), deltas


def common_script_table(report: Report, side: str) -> CommonScript:
    """The common-script data of one side (``"a"`` or ``"b"``) as the page carries
    it: the character table (pairs of characters) and the escaped ``data-n`` deltas
    of the segments the table does not rebuild, by segment id.

    A quarter of the page's work on a large report, and independent of the rest
    of it: it can be computed apart (in another process, say) and handed to
    :func:`render_html` as ``common_script_tables={side: table}``.
    """
    k = "ab".index(side)
    return _common_script_of((report.segments_a, report.segments_b)[k], report.sources[k])


# ---------------------------------------------------------------------- rows


# Row markup is written here rather than in jinja: a report of 1,000,000 + 1,000,000
# characters has ~40,000 segments, and a jinja macro per segment costs ten times
# these format strings.  Every value from the inputs is escaped once, here.
_BOILERPLATE = '<details><summary>boilerplate · {n}</summary>{body}</details>'
_MOVED = '<a class="mv" href="{href}" title="where this text sits in B">↷ moved</a>'
_GHOST = ('<a class="gh" href="{href}" title="B\'s segments {ids}">↷ B has the text of row {num} here:</a> '
          '<span class="ex">{excerpt}</span>')


def _cell_html(side: _Side, segments: Sequence[Segment]) -> str:
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


def _cell(side: _Side, segments: Sequence[Segment] | None, boilerplate: bool = False, prefix: str = "") -> str:
    if not segments:
        return f"{side.cell_open}{prefix}</div>" if prefix else side.empty_cell
    body = _cell_html(side, segments)
    if boilerplate:
        body = _BOILERPLATE.format(n=len(segments), body=body)
    return f"{side.cell_open}{prefix}{body}</div>"


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
    link_of_a = {sid: n for n, link in enumerate(report.links) for sid in link.a}
    link_of_b = {sid: n for n, link in enumerate(report.links) for sid in link.b}
    moved = [link.moved for link in report.links]
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
    ordered: list[_Row] = []
    for i, row in enumerate(rows):
        ordered.extend(inserts.get(i, ()))
        ordered.append(row)
    ordered.extend(inserts.get(len(rows), ()))
    return _group_one_sided(ordered)


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


def _sides(report: Report, langs: dict[str, str], tables: dict[str, CommonScript] | None) -> dict[str, _Side]:
    """Both sides, each with its common-script table from ``tables`` if given there."""
    marks = _all_marks(report)
    tables = tables or {}
    return {name: _Side(name, langs[name], report.sources[k], segments, marks[name],
                        tables.get(name) or common_script_table(report, name))
            for k, (name, segments) in enumerate((("a", report.segments_a), ("b", report.segments_b)))}


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


def _build_rows(report: Report, sides: dict[str, _Side]) -> tuple[list[dict], list[str], dict[int, str]]:
    """Return the view rows, their markup, and the element id of each link's row
    (by link number, for links with A segments).

    A row is a dict: ``id``, ``num``, ``cls`` (s identical, c changed, m moved,
    a / b only in A / B, k boilerplate, g where a moved text sits in B, x holds a
    conflicting fact, d a difference), ``a``/``b`` segment ids, ``moved`` and
    ``ghost`` links, ``title`` and ``sev`` (for the strip).
    """
    by_a = {s.id: s for s in report.segments_a}
    by_b = {s.id: s for s in report.segments_b}
    side_a, side_b = sides["a"], sides["b"]
    empty_a, empty_b = side_a.empty_cell, side_b.empty_cell
    conflict_segs = _fact_rows_of_segments(report)
    conflict_a, conflict_b = conflict_segs["a"], conflict_segs["b"]
    classes_of = lru_cache(maxsize=None)(_row_classes)  # a handful of combinations
    plan = _reading_order(report)
    links = report.links
    row_id_of_link = {}
    ghost_id_of_link = {}
    for i, (kind, n, _) in enumerate(plan, 1):
        if kind == "link":
            row_id_of_link[n] = f"r{i}"
        elif kind == "ghost":
            ghost_id_of_link[n] = f"r{i}"

    views: list[dict] = []
    markup: list[str] = []
    for i, (kind, n, segs) in enumerate(plan, 1):
        row_id = f"r{i}"
        ids_a: list[str] = []
        ids_b: list[str] = []
        moved_href = ghost_href = None
        number_title = ""  # only a link's number carries a title (its similarity)
        if kind == "link":
            link: Link = links[n]
            ids_a, ids_b = list(link.a), list(link.b)
            title = f"similarity {link.score:.2f}"
            number_title = f' title="{title}"'
            moved = ""
            if link.moved:
                moved_href = "#" + ghost_id_of_link.get(n, row_id)
                moved = _MOVED.format(href=moved_href)
            conflict = bool(conflict_a and not conflict_a.isdisjoint(ids_a)
                            or conflict_b and not conflict_b.isdisjoint(ids_b))
            cls, sev = classes_of("s" if link.status == "identical" else "c", link.moved, conflict)
            # most links are one segment to one: their cells skip the general path
            if len(ids_a) == 1:
                cells = side_a.cell_open + side_a.segment_html(by_a[ids_a[0]]) + "</div>"
            else:
                cells = _cell(side_a, [by_a[s] for s in ids_a])
            if len(ids_b) == 1:
                cells += side_b.cell_open + moved + side_b.segment_html(by_b[ids_b[0]]) + "</div>"
            else:
                cells += _cell(side_b, [by_b[s] for s in ids_b], prefix=moved)
        elif kind == "ghost":
            link = links[n]
            first = by_b[link.b[0]]
            target = row_id_of_link[n]
            ghost_href = "#" + target
            cls, sev = classes_of("g", False, False)
            title = "moved: B has this text here"
            ghost = _GHOST.format(href=ghost_href, ids=_escape(", ".join(link.b)), num=target[1:],
                                  excerpt=_escape(_excerpt(first.text, (0, len(first.text)))))
            cells = empty_a + _cell(side_b, None, prefix=ghost)
        else:
            ids = [s.id for s in segs]
            if all(s.kind == "boilerplate" for s in segs):
                cls, sev = classes_of("k", False, False)
                title = f"boilerplate in {kind.upper()}"
                boilerplate = True
            else:
                cls, sev = classes_of(kind, False, not (conflict_segs[kind].isdisjoint(ids)))
                title = f"only in {kind.upper()}"
                boilerplate = False
            if kind == "a":
                ids_a = ids
                cells = _cell(side_a, segs, boilerplate) + empty_b
            else:
                ids_b = ids
                cells = empty_a + _cell(side_b, segs, boilerplate)
        markup.append(f'<div class="r {cls}" id="{row_id}"><span class="no"{number_title}>{i}</span>{cells}</div>')
        views.append({"id": row_id, "num": i, "cls": cls, "a": ids_a, "b": ids_b, "moved": moved_href,
                      "ghost": ghost_href, "title": title, "sev": sev})
    # a link's A segments are in its row and in no other (links share no segment)
    link_rows = {n: row_id for n, row_id in row_id_of_link.items() if links[n].a}
    return views, markup, link_rows


def _blocks(markup: list[str]) -> list[str]:
    """Rows joined in blocks of ``_BLOCK_ROWS``: each block is one
    ``content-visibility: auto`` box, so the browser lays out only what is near."""
    return ['<div class="blk">\n' + "\n".join(markup[i:i + _BLOCK_ROWS]) + "\n</div>\n"
            for i in range(0, len(markup), _BLOCK_ROWS)]


# The row blocks are most of the page (10 MB for 1,000,000 + 1,000,000
# characters).  The template prints this marker in their place and render_html
# joins them into the page once, instead of copying them into a Markup, through
# the template's escape and into its output.  The marker is the last thing of
# the page that can come from outside the template's own text: what follows it
# is static, so its last occurrence is the place.
_ROWS_MARKER = "\x00rows\x00"


def _strip(rows: list[dict]) -> list[dict]:
    """The overview strip: at most ``_STRIP_BINS`` bins over the rows, each
    coloured by its most severe row and linking to that row."""
    if not rows:
        return []
    bins = min(len(rows), _STRIP_BINS)
    out = []
    for b in range(bins):
        lo, hi = b * len(rows) // bins, (b + 1) * len(rows) // bins
        best = max(rows[lo:hi], key=lambda r: r["sev"], default=None)
        if best is None or best["sev"] == 0:
            out.append(None)
            continue
        cls = _SEVERITY_CLASS.get(best["sev"]) or ("a" if "a" in best["cls"].split() else "b")
        out.append({"href": "#" + best["id"], "cls": cls,
                    "title": f"row {best['num']}: {best['title']}"})
    return out



# --------------------------------------------------------------------- facts


def _fact_views(report: Report, link_row: dict[int, str], placed: dict[str, set[int]],
                indices: Iterable[int]) -> list[dict]:
    """Views of the facts at ``indices`` for the table: mention texts, values and links."""
    views = []
    for n in indices:
        fact = report.facts[n]
        sides = {}
        for side, mention in (("a", fact.a), ("b", fact.b)):
            if mention is None:
                sides[side] = None
                continue
            if n in placed[side]:
                href = f"#f{side}{n}"
            elif fact.link is not None and fact.link in link_row:
                href = "#" + link_row[fact.link]
            else:
                href = None
            value = "" if mention.value is None or str(mention.value) == mention.text else str(mention.value)
            sides[side] = {"text": mention.text, "value": value, "href": href}
        views.append({"n": n, "kind": fact.kind, "status": fact.status, "label": FACT_LABEL.get(fact.status, fact.status),
                      "a": sides["a"], "b": sides["b"], "note": fact.note or ""})
    return views


def _listed_facts(facts: Sequence[Fact]) -> tuple[list[int], list[int], int]:
    """Indices of the facts the table lists: conflicts first, then one-sided (all
    of them), then the first shared ones; and the number of shared facts."""
    open_facts = sorted((n for n, fact in enumerate(facts) if fact.status != "shared"),
                        key=lambda n: FACT_ORDER.get(facts[n].status, 9))
    shared = [n for n, fact in enumerate(facts) if fact.status == "shared"]
    return open_facts, shared[:_SHARED_FACTS_LISTED], len(shared)


def _fact_rows_html(views: list[dict], langs: dict[str, str]) -> Markup:
    """The table rows of ``views``, one line each (see :func:`_build_rows` for why not jinja)."""
    rows = []
    for f in views:
        cells = []
        for side in ("a", "b"):
            mention = f[side]
            if mention is None:
                inner = '<span class="none">—</span>'
            else:
                inner = _escape(mention["text"])
                if mention["href"]:
                    inner = f'<a href="{_escape(mention["href"])}">{inner}</a>'
                if mention["value"]:
                    inner += f' <small>= {_escape(mention["value"])}</small>'
            cells.append(f'<td lang="{langs[side]}">{inner}</td>')
        rows.append(f'<tr class="fr {_escape(f["status"])}" data-f="{f["n"]}"><td class="st">{_escape(f["label"])}</td>'
                    f'<td>{_escape(f["kind"])}</td>{"".join(cells)}<td>{_escape(f["note"])}</td></tr>\n')
    return Markup("".join(rows))


# ------------------------------------------------------------------- summary


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _source_views(report: Report) -> list[dict]:
    views = []
    for source, info, label in ((report.sources[0], report.info_a, "A"), (report.sources[1], report.info_b, "B")):
        views.append({
            "label": label, "path": source.path, "name": source.path.replace("\\", "/").rsplit("/", 1)[-1],
            "script": source.script, "lang": SCRIPT_LANG.get(source.script, "zh"),
            "encoding": source.encoding, "chars": source.chars, "size": _human_size(source.size),
            "bytes": source.size, "decode_errors": len(source.replaced), "lost": len(info.lost_glyphs),
            "repairs": [(r.name, r.count) for r in info.repairs],
        })
    return views


def _first_row(rows: list[dict], cls: str) -> str | None:
    for row in rows:
        if cls in row["cls"].split():
            return "#" + row["id"]
    return None


def _counts(report: Report, rows: list[dict]) -> list[dict]:
    """The summary tiles: label, number, the filter it belongs to, first row."""
    s = report.summary
    one_sided = s["facts_only_a"] + s["facts_only_b"]
    return [
        {"label": "identical", "n": s["identical"], "cls": "s", "href": _first_row(rows, "s")},
        {"label": "changed", "n": s["changed"], "cls": "c", "href": _first_row(rows, "c")},
        {"label": "moved", "n": s["moved"], "cls": "m", "href": _first_row(rows, "m")},
        {"label": "only in A", "n": s["only_a"], "cls": "a", "href": _first_row(rows, "a")},
        {"label": "only in B", "n": s["only_b"], "cls": "b", "href": _first_row(rows, "b")},
        {"label": "facts in conflict", "n": s["facts_conflict"], "cls": "x", "href": "#facts" if s["facts_conflict"] else None},
        {"label": "facts one-sided", "n": one_sided, "cls": "o", "href": "#facts" if one_sided else None},
        {"label": "facts shared", "n": s["facts_shared"], "cls": "fs", "href": "#facts" if s["facts_shared"] else None},
    ]


def build_view(report: Report, common_script_tables: dict[str, CommonScript] | None = None) -> dict:
    """Return the template's data for ``report``: sources, counts, strip, facts, rows.

    Everything the page shows is computed here; the template only prints.  Row
    and fact-table markup come ready made (``blocks``, a list of the row blocks'
    markup, which render_html puts at the template's ``rows_here``;
    ``facts_open_html``, ``facts_shared_html``), every input value in them escaped once.
    ``common_script_tables`` may hold sides' :func:`common_script_table` computed before.
    """
    sources = _source_views(report)
    langs = {"a": sources[0]["lang"], "b": sources[1]["lang"]}
    sides = _sides(report, langs, common_script_tables)
    rows, markup, link_row = _build_rows(report, sides)
    placed = {name: side.placed for name, side in sides.items()}
    open_facts, shared_facts, shared_total = _listed_facts(report.facts)
    facts_open = _fact_views(report, link_row, placed, open_facts)
    facts_shared = _fact_views(report, link_row, placed, shared_facts)
    return {
        "title": f"{sources[0]['name']} ↔ {sources[1]['name']}",
        "version": report.tool_version,
        "options": sorted((str(k), str(v)) for k, v in report.options.items()),
        "sources": sources,
        "lang_a": langs["a"], "lang_b": langs["b"],
        "agree": report.agree,
        "counts": _counts(report, rows),
        "strip": _strip(rows),
        "facts_open": facts_open,
        "facts_shared": facts_shared,
        "facts_shared_total": shared_total,
        "facts_open_html": _fact_rows_html(facts_open, langs),
        "facts_shared_html": _fact_rows_html(facts_shared, langs),
        "rows": rows,
        "blocks": _blocks(markup),
        "rows_here": Markup(_ROWS_MARKER),
        "table_a": sides["a"].table, "table_b": sides["b"].table,
        "css": _static("report.css"),
        "js": _static("report.js"),
        "css_hash": _csp_hash("report.css"),
        "js_hash": _csp_hash("report.js"),
    }


def render_html(report: Report, common_script_tables: dict[str, CommonScript] | None = None) -> str:
    """Return the HTML report for ``report`` as one self-contained page.

    ``common_script_tables`` may map ``"a"`` and/or ``"b"`` to that side's
    :func:`common_script_table`, computed before (in another process, say);
    the page is the same either way.
    """
    with _cyclic_gc_paused():
        view = build_view(report, common_script_tables)
        page = _environment().get_template("report.html.j2").render(**view)
        before, _, after = page.rpartition(_ROWS_MARKER)
        return "".join([before, *view["blocks"], after])


@contextmanager
def _cyclic_gc_paused():
    """Pause Python's cycle collector while the page is built.

    Rendering a large report allocates ~200,000 small tuples, lists and dicts
    (none in reference cycles: refcounting frees them all), and each of them
    counts toward a collection that walks every object of the report and of the
    pipeline: about a fifth of the rendering time.  The previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
