"""The HTML report: one self-contained page (inline CSS and JS) for an editor.

``render_html`` turns a :class:`~aligner.model.Report` into a view model — rows
in reading order, cells of marked-up segments, a facts table, an overview strip —
and hands that data to a jinja2 template that only loops and prints.

Safety: every piece of input text (document text, file names, fact values) is
escaped here with :func:`markupsafe.escape` before marks are put around it, or by
the template's autoescape; nothing from the inputs is ever marked safe unescaped.

Size: a row is a few short-class ``div``s; characters get an element only when
they are marked (an edit, a fact mention, a lost glyph), so 1,000,000 + 1,000,000
characters stay well under 15 MB.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import jinja2
from markupsafe import Markup, escape
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
_TITLE_EXCERPT = 30

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


@dataclass(frozen=True)
class _Mark:
    """A span of one original to wrap: an edit, a fact mention or a lost glyph."""

    start: int
    end: int
    cls: str
    title: str = ""
    fact: int | None = None


@dataclass
class _SideMarks:
    """All marks of one side, sorted by start, with a bisectable list of starts."""

    marks: list[_Mark] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    longest: int = 0

    def finish(self) -> "_SideMarks":
        self.marks.sort(key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.marks]
        self.longest = max((m.end - m.start for m in self.marks), default=0)
        return self

    def within(self, start: int, end: int) -> list[_Mark]:
        """Marks touching ``[start, end]`` (points at ``end`` included)."""
        hi = bisect_right(self.starts, end)
        lo = bisect_right(self.starts, start - self.longest - 1)
        return [m for m in self.marks[lo:hi] if m.end >= start and m.start <= end]


def _excerpt(text: str, span: tuple[int, int]) -> str:
    piece = text[span[0]:span[1]]
    return piece if len(piece) <= _TITLE_EXCERPT else piece[:_TITLE_EXCERPT] + "…"


def _edit_marks(report: Report) -> dict[str, _SideMarks]:
    """Marks from every link's edits, on both sides, from the edits' original spans."""
    texts = {"a": report.sources[0].text, "b": report.sources[1].text}
    marks = {"a": _SideMarks(), "b": _SideMarks()}
    for link in report.links:
        for edit in link.edits:
            spans = {"a": edit.a, "b": edit.b}
            for side, other in (("a", "b"), ("b", "a")):
                start, end = spans[side]
                if start < end and (side, edit.op) in _EDIT_MARK:
                    cls, title = _EDIT_MARK[side, edit.op]
                    if edit.op == "replace":
                        title += _excerpt(texts[other], spans[other])
                    marks[side].marks.append(_Mark(start, end, cls, title))
                elif start == end and spans[other][0] < spans[other][1]:
                    cls, title = _INSERT_POINT[side]
                    marks[side].marks.append(_Mark(start, end, cls, title + _excerpt(texts[other], spans[other])))
    return marks


def _add_fact_marks(marks: dict[str, _SideMarks], facts: Sequence[Fact]) -> None:
    for n, fact in enumerate(facts):
        for side, mention in (("a", fact.a), ("b", fact.b)):
            if mention is not None and mention.start < mention.end:
                cls = "f fx" if fact.status == "conflict" else "f"
                marks[side].marks.append(_Mark(mention.start, mention.end, cls, "", n))


def _add_lost_marks(marks: _SideMarks, source: Source, lost: Iterable[tuple[int, int]]) -> None:
    for start, end in lost:
        marks.marks.append(_Mark(start, end, "lg", "lost glyph: the source could not show this character"))
    for offset in source.replaced:
        marks.marks.append(_Mark(offset, offset + 1, "lg", "undecodable bytes in the file"))


def _all_marks(report: Report) -> dict[str, _SideMarks]:
    marks = _edit_marks(report)
    _add_fact_marks(marks, report.facts)
    _add_lost_marks(marks["a"], report.sources[0], report.info_a.lost_glyphs)
    _add_lost_marks(marks["b"], report.sources[1], report.info_b.lost_glyphs)
    return {side: m.finish() for side, m in marks.items()}


def _marked_text(text: str, start: int, marks: list[_Mark], side: str, placed: set[int],
                 last: bool = True) -> Markup:
    """Escape ``text`` (the original span from ``start``) and wrap the marked pieces.

    Overlapping marks are cut into elementary pieces, each one element whose
    classes are the union of the marks covering it.  A fact mention's first piece
    carries the id ``fa<n>``/``fb<n>``; ``placed`` records the facts whose id was
    written so that each id is written once.  An insertion point at the very end
    is drawn only when ``last`` is true; otherwise the next segment of the cell
    starts right there and draws it.
    """
    end = start + len(text)
    if not last:
        marks = [m for m in marks if m.start < end]
    if not marks:
        return escape(text)
    cuts = {start, end}
    for m in marks:
        cuts.add(min(max(m.start, start), end))
        cuts.add(min(max(m.end, start), end))
    bounds = sorted(cuts)
    out: list[str] = []
    points = sorted((m for m in marks if m.start == m.end), key=lambda m: m.start)
    point_i = 0
    for left, right in zip(bounds, bounds[1:] + [None]):
        while point_i < len(points) and points[point_i].start == left:
            p = points[point_i]
            out.append(f'<mark class="{p.cls}" title="{escape(p.title)}"></mark>')
            point_i += 1
        if right is None:
            break
        piece = escape(text[left - start:right - start])
        covering = [m for m in marks if m.start <= left and m.end >= right and m.start < m.end]
        if not covering:
            out.append(piece)
            continue
        classes, titles, facts, ids = [], [], [], []
        for m in covering:
            classes.extend(c for c in m.cls.split() if c not in classes)
            if m.title:
                titles.append(m.title)
            if m.fact is not None:
                facts.append(str(m.fact))
                if m.fact not in placed:
                    placed.add(m.fact)
                    ids.append(f"f{side}{m.fact}")
        attrs = f' class="{" ".join(classes)}"'
        if ids:
            attrs += f' id="{ids[0]}"'
            # further facts starting on this same piece get an empty anchor each
            out.extend(f'<i id="{extra}"></i>' for extra in ids[1:])
        if facts:
            attrs += f' data-f="{" ".join(facts)}"'
        if titles:
            attrs += f' title="{escape("; ".join(titles))}"'
        out.append(f"<mark{attrs}>{piece}</mark>")
    return Markup("".join(out))


# ---------------------------------------------------------------------- rows


# Row markup is written here rather than in jinja: a report of 1,000,000 + 1,000,000
# characters has ~40,000 segments, and a jinja macro per segment costs ten times
# these format strings.  Every value from the inputs passes through ``escape``.
_SEGMENT = '{pb}<{tag} class="t" id="{id}"{norm}>{body}</{tag}>'
_ROW = '<div class="r {cls}" id="{id}"><span class="no"{title}>{num}</span>{cells}</div>'
_CELL = '<div class="{side}" lang="{lang}">{body}</div>'
_EMPTY_CELL = '<div class="{side} e"></div>'
_BOILERPLATE = '<details><summary>boilerplate · {n}</summary>{body}</details>'
_MOVED = '<a class="mv" href="{href}" title="where this text sits in B">↷ moved</a>'
_GHOST = ('<a class="gh" href="{href}" title="B\'s segments {ids}">↷ B has the text of row {num} here:</a> '
          '<span class="ex">{excerpt}</span>')


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
    from it.  A conversion changes a third of the characters of a
    traditional text and a width fold a few, so the delta is a fraction of the text.
    """
    text = _as_parsed(text)
    ops = []
    for op in Levenshtein.opcodes(text, normalized):
        if op.tag == "equal":
            ops.append(f"={op.src_end - op.src_start}")
            continue
        skip, write = op.src_end - op.src_start, normalized[op.dest_start:op.dest_end]
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
    return f"{len(text)};{shorter}"


def _segment_html(seg: Segment, marks: _SideMarks, side: str, placed: set[int], new_paragraph: bool,
                  last: bool) -> str:
    """One segment: its marked original and, where it differs, its common-script
    text as a ``data-n`` delta (see :func:`norm_delta`)."""
    body = _marked_text(seg.text, seg.start, marks.within(seg.start, seg.end), side, placed, last)
    norm = "" if seg.normalized == seg.text else f' data-n="{escape(norm_delta(seg.text, seg.normalized))}"'
    return _SEGMENT.format(pb='<i class="pb"></i>' if new_paragraph else "", tag="h3" if seg.kind == "heading" else "span",
                           id=escape(seg.id), norm=norm, body=body)


def _cell_html(segments: Sequence[Segment], marks: _SideMarks, side: str, placed: set[int]) -> str:
    return "".join(
        _segment_html(seg, marks, side, placed, k > 0 and seg.paragraph != segments[k - 1].paragraph,
                      k == len(segments) - 1 or segments[k + 1].start > seg.end)
        for k, seg in enumerate(segments)
    )


@dataclass
class _Row:
    """A row before rendering: which link or one-sided run it shows."""

    kind: str  # link | a | b | ghost
    link: int | None = None
    segs: list[Segment] = field(default_factory=list)


def _reading_order(report: Report) -> list[_Row]:
    """Rows in reading order: A's order, with B-only content and moved-link
    placeholders put into the gap where they occur in B.

    Each link is one row at the place of its first A segment.  A run of B items
    that follows (in B) the B side of an unmoved link row is placed just before
    the next unmoved link row, after the A-only rows of that gap.
    """
    link_of_a = {sid: n for n, link in enumerate(report.links) for sid in link.a}
    link_of_b = {sid: n for n, link in enumerate(report.links) for sid in link.b}
    rows: list[_Row] = []
    row_of_link: dict[int, int] = {}
    for seg in report.segments_a:
        n = link_of_a.get(seg.id)
        if n is None:
            rows.append(_Row("a", segs=[seg]))
        elif n not in row_of_link:
            row_of_link[n] = len(rows)
            rows.append(_Row("link", link=n))
    for n, link in enumerate(report.links):  # links without A segments (should not happen)
        if n not in row_of_link and not link.a:
            row_of_link[n] = len(rows)
            rows.append(_Row("link", link=n))

    # next unmoved link row at or after each row index
    next_anchor = [len(rows)] * (len(rows) + 1)
    for i in range(len(rows) - 1, -1, -1):
        row = rows[i]
        anchored = row.kind == "link" and not report.links[row.link].moved
        next_anchor[i] = i if anchored else next_anchor[i + 1]

    inserts: dict[int, list[_Row]] = {}
    position = next_anchor[0]  # before the first unmoved link row
    ghosted: set[int] = set()
    for seg in report.segments_b:
        n = link_of_b.get(seg.id)
        if n is None:
            inserts.setdefault(position, []).append(_Row("b", segs=[seg]))
        elif report.links[n].moved or n not in row_of_link:
            if n not in ghosted:
                ghosted.add(n)
                inserts.setdefault(position, []).append(_Row("ghost", link=n))
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
        if prev is not None and row.kind in "ab" and prev.kind == row.kind:
            seg, last = row.segs[0], prev.segs[-1]
            both_bp = seg.kind == last.kind == "boilerplate"
            same_para = (seg.paragraph == last.paragraph and "boilerplate" not in (seg.kind, last.kind)
                         and "heading" not in (seg.kind, last.kind))
            if both_bp or same_para:
                prev.segs.append(seg)
                continue
        out.append(row)
    return out


def _fact_rows_of_segments(report: Report) -> dict[str, set[str]]:
    """For each side, the ids of segments holding a conflict fact's mention."""
    result: dict[str, set[str]] = {"a": set(), "b": set()}
    for side, segments in (("a", report.segments_a), ("b", report.segments_b)):
        starts = [s.start for s in segments]
        for fact in report.facts:
            mention = getattr(fact, side)
            if fact.status != "conflict" or mention is None:
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


def _build_rows(report: Report, langs: dict[str, str]) -> tuple[list[dict], dict[str, str], dict[str, set[int]]]:
    """Return the view rows, a map from segment id to its row's element id, and
    per side the facts whose mention id was written into the text.

    A row is a dict: ``id``, ``num``, ``cls`` (s identical, c changed, m moved,
    a / b only in A / B, k boilerplate, g where a moved text sits in B, x holds a
    conflicting fact, d a difference), ``a``/``b`` segment ids, ``moved`` and
    ``ghost`` links, ``title``, ``sev`` (for the strip) and ``html``.
    """
    by_a = {s.id: s for s in report.segments_a}
    by_b = {s.id: s for s in report.segments_b}
    marks = _all_marks(report)
    placed: dict[str, set[int]] = {"a": set(), "b": set()}
    conflict_segs = _fact_rows_of_segments(report)
    plan = _reading_order(report)
    row_id_of_link = {}
    ghost_id_of_link = {}
    for i, row in enumerate(plan, 1):
        if row.kind == "link":
            row_id_of_link[row.link] = f"r{i}"
        elif row.kind == "ghost":
            ghost_id_of_link[row.link] = f"r{i}"

    def cell(side: str, segs: Sequence[Segment] | None, boilerplate: bool = False, prefix: str = "") -> str:
        if not segs and not prefix:
            return _EMPTY_CELL.format(side=side.upper())
        body = _cell_html(segs, marks[side], side, placed[side]) if segs else ""
        if boilerplate:
            body = _BOILERPLATE.format(n=len(segs), body=body)
        return _CELL.format(side=side.upper(), lang=langs[side], body=prefix + body)

    views: list[dict] = []
    row_of_segment: dict[str, str] = {}
    for i, row in enumerate(plan, 1):
        view = {"id": f"r{i}", "num": i, "a": [], "b": [], "moved": None, "ghost": None}
        classes: list[str] = []
        if row.kind == "link":
            link: Link = report.links[row.link]
            segs_a = [by_a[s] for s in link.a]
            segs_b = [by_b[s] for s in link.b]
            classes.append("s" if link.status == "identical" else "c")
            title = f"similarity {link.score:.2f}"
            moved = ""
            if link.moved:
                classes.append("m")
                view["moved"] = "#" + ghost_id_of_link.get(row.link, view["id"])
                moved = _MOVED.format(href=view["moved"])
            if any(s.id in conflict_segs["a"] for s in segs_a) or any(s.id in conflict_segs["b"] for s in segs_b):
                classes.append("x")
            cells = cell("a", segs_a) + cell("b", segs_b, prefix=moved)
            view["a"], view["b"] = list(link.a), list(link.b)
        elif row.kind == "ghost":
            link = report.links[row.link]
            first = by_b[link.b[0]]
            target = row_id_of_link[row.link]
            view["ghost"] = "#" + target
            classes.append("g")
            title = "moved: B has this text here"
            ghost = _GHOST.format(href=view["ghost"], ids=escape(", ".join(link.b)), num=target[1:],
                                  excerpt=escape(_excerpt(first.text, (0, len(first.text)))))
            cells = cell("a", None) + _CELL.format(side="B", lang=langs["b"], body=ghost)
        else:
            side = row.kind
            segs = row.segs
            boilerplate = all(s.kind == "boilerplate" for s in segs)
            if boilerplate:
                classes.append("k")
                title = f"boilerplate in {side.upper()}"
            else:
                classes.append(side)
                title = f"only in {side.upper()}"
                if any(s.id in conflict_segs[side] for s in segs):
                    classes.append("x")
            cells = (cell("a", segs, boilerplate) + cell("b", None) if side == "a"
                     else cell("a", None) + cell("b", segs, boilerplate))
            view[side] = [s.id for s in segs]
        for sid in view["a"] + view["b"]:
            row_of_segment[sid] = view["id"]
        if row.kind != "ghost" and any(c in classes for c in ("c", "m", "a", "b")):
            classes.append("d")  # a difference: next/previous visit it
        view["cls"] = " ".join(classes)
        view["title"] = title
        view["sev"] = _severity(classes)
        # only a link's number carries a title (its similarity): row kinds show by colour and legend
        number_title = f' title="{escape(title)}"' if row.kind == "link" else ""
        view["html"] = Markup(_ROW.format(cls=view["cls"], id=view["id"], title=number_title, num=i, cells=cells))
        views.append(view)
    return views, row_of_segment, placed


def _blocks(rows: list[dict]) -> list[Markup]:
    """Rows joined in blocks of ``_BLOCK_ROWS``: each block is one
    ``content-visibility: auto`` box, so the browser lays out only what is near."""
    return [Markup("\n".join(r["html"] for r in rows[i:i + _BLOCK_ROWS])) for i in range(0, len(rows), _BLOCK_ROWS)]


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


def _fact_views(report: Report, row_of_segment: dict[str, str], placed: dict[str, set[int]]) -> list[dict]:
    """Facts for the table: conflicts first, then one-sided, then shared."""
    link_row = {}
    for n, link in enumerate(report.links):
        if link.a and link.a[0] in row_of_segment:
            link_row[n] = row_of_segment[link.a[0]]
    views = []
    for n, fact in enumerate(report.facts):
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
    views.sort(key=lambda v: (FACT_ORDER.get(v["status"], 9), v["n"]))
    return views


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


def build_view(report: Report) -> dict:
    """Return the template's data for ``report``: sources, counts, strip, facts, row blocks.

    Everything the page shows is computed here; the template only loops and prints.
    """
    sources = _source_views(report)
    rows, row_of_segment, placed = _build_rows(report, {"a": sources[0]["lang"], "b": sources[1]["lang"]})
    facts = _fact_views(report, row_of_segment, placed)
    shared = [f for f in facts if f["status"] == "shared"]
    return {
        "title": f"{sources[0]['name']} ↔ {sources[1]['name']}",
        "version": report.tool_version,
        "options": sorted((str(k), str(v)) for k, v in report.options.items()),
        "sources": sources,
        "lang_a": sources[0]["lang"], "lang_b": sources[1]["lang"],
        "agree": report.agree,
        "counts": _counts(report, rows),
        "strip": _strip(rows),
        "facts_open": [f for f in facts if f["status"] != "shared"],
        "facts_shared": shared[:_SHARED_FACTS_LISTED],
        "facts_shared_total": len(shared),
        "rows": rows,
        "blocks": _blocks(rows),
        "css": _static("report.css"),
        "js": _static("report.js"),
        "css_hash": _csp_hash("report.css"),
        "js_hash": _csp_hash("report.js"),
    }


def render_html(report: Report) -> str:
    """Return the HTML report for ``report`` as one self-contained page."""
    return _environment().get_template("report.html.j2").render(**build_view(report))
