"""The HTML report of two or more sources: one self-contained page (inline CSS and JS).

The page has the summary (sources, how much each two agree, disagreements
first), the facts by source, and one *view* per source: its text in reading
order, each sentence with badges telling which other sources state it in the
same words, in other words, or not at all.  The pivot's view shows first; a
switch shows another source's (the page without script shows them all, one
after the other).  A click on a sentence lays its group's wordings side by side
(built by the script from the views' own text, so no text is written twice).

Safety: every piece of input text (document text, file names, fact values,
titles) is escaped exactly once — with :func:`html.escape` here, or by the
template's autoescape — and the Content-Security-Policy allows only our inline
CSS and JS, by hash, and no request.

Speed and size: row markup is written with format strings into one list (a jinja
macro per row costs several times more); characters get an element only when
marked; badges are three runs of letters per row, not one element per source.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from html import escape
from importlib import resources
from operator import itemgetter
from typing import Sequence

import jinja2
from markupsafe import Markup

from ..many_model import FactRow, Group, ManyReport, Part
from ..model import Segment
from .assets import csp_hash, static

SCRIPT_LANG = {"traditional": "zh-Hant", "simplified": "zh-Hans"}
STATIC = ("report.css", "many.css")
_STRIP_BINS = 160
_BLOCK_ROWS = 64
_SHARED_FACTS_LISTED = 1500
_EXCERPT = 30
# Row severity for the overview strip: the highest of a bin colours it.
_SEVERITY = (("x", 4), ("o", 3), ("c", 2), ("n", 1))

Mark = tuple[int, int, str, str, "int | None"]  # start, end, class, title (not escaped), fact row


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: (resources.files("aligner.render") / "templates" / name).read_text(encoding="utf-8")),
        autoescape=True, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def _excerpt(text: str, start: int, end: int) -> str:
    piece = text[start:end]
    return piece if len(piece) <= _EXCERPT else piece[:_EXCERPT] + "…"


# --------------------------------------------------------------------- marks


def _edit_marks(report: ManyReport) -> dict[str, list[Mark]]:
    """Marks of every part's edits: on the part's text, what differs from the base; on the
    base's text, what differs in that part (titled with the sources that differ)."""
    texts = {source.id: source.text for source in report.sources}
    marks: dict[str, list[Mark]] = {source: [] for source in texts}
    for group in report.groups:
        base = group.base
        for part in group.parts:
            for edit in part.edits:
                (a0, a1), (b0, b1) = edit.a, edit.b
                if b0 < b1:
                    cls = "mr" if edit.op == "replace" else "mi"
                    title = f"{base}: {_excerpt(texts[base], a0, a1)}" if a0 < a1 else f"not in {base}"
                    marks[part.source].append((b0, b1, cls, title, None))
                elif a0 < a1:
                    marks[part.source].append((b0, b0, "mp", f"{base} adds: {_excerpt(texts[base], a0, a1)}", None))
                if a0 < a1:
                    # on the base, text another source lacks is only underlined: a
                    # strike-through would say the base lacks it
                    cls = "mr" if edit.op == "replace" else "ma"
                    other = part.source
                    title = f"{other}: {_excerpt(texts[other], b0, b1)}" if b0 < b1 else f"not in {other}"
                    marks[base].append((a0, a1, cls, title, None))
    return marks


def _all_marks(report: ManyReport) -> dict[str, list[Mark]]:
    """Edit and fact marks of every source, sorted by start."""
    marks = _edit_marks(report)
    for n, row in enumerate(report.facts):
        cls = "f fx" if row.status == "conflict" else "f"
        for source, mention in zip(report.ids, row.values):
            if mention is not None and mention.start < mention.end:
                marks[source].append((mention.start, mention.end, cls, "", n))
    for items in marks.values():
        items.sort(key=itemgetter(0, 1))
    return marks


def _marked(text: str, offset: int, marks: Sequence[Mark]) -> str:
    """``text`` (which starts at ``offset`` of its source) escaped, with one ``<mark>`` per
    stretch covered by the same marks (classes, titles and fact rows joined)."""
    if not marks:
        return escape(text)
    end = offset + len(text)
    spans = sorted((max(m[0], offset), min(m[1], end), m) for m in marks)
    cuts = sorted({offset, end, *(s for s, _, _ in spans), *(e for _, e, _ in spans if e >= offset)})
    out, active, k = [], [], 0
    for lo, hi in zip(cuts, cuts[1:] + [None]):
        while k < len(spans) and spans[k][0] <= lo:
            start, stop, mark = spans[k]
            if start == stop:
                if start == lo:
                    out.append(f'<mark class="mp" title="{escape(mark[3])}"></mark>')
            else:
                active.append((stop, mark))
            k += 1
        if hi is None:
            break
        active = [(stop, m) for stop, m in active if stop > lo]
        piece = escape(text[lo - offset:hi - offset])
        if not active:
            out.append(piece)
            continue
        over = [m for _, m in active]
        classes = " ".join(dict.fromkeys(c for m in over for c in m[2].split()))
        titles = "; ".join(dict.fromkeys(m[3] for m in over if m[3]))
        facts = " ".join(str(m[4]) for m in over if m[4] is not None)
        attrs = f' title="{escape(titles)}"' if titles else ""
        attrs += f' data-f="{facts}"' if facts else ""
        out.append(f'<mark class="{classes}"{attrs}>{piece}</mark>')
    return "".join(out)


def _marks_by_segment(segments: Sequence[Segment], marks: list[Mark]) -> dict[str, list[Mark]]:
    """Each segment's marks (those touching it, in order) by segment id; one bisect per mark."""
    starts = [s.start for s in segments]
    out: dict[str, list[Mark]] = {}
    for mark in marks:
        k = max(bisect_right(starts, mark[0]) - 1, 0)
        # a point at a segment's end belongs to it; a span to every segment it overlaps
        while k < len(segments) and segments[k].start <= mark[1]:
            segment = segments[k]
            if mark[0] < segment.end and segment.start < mark[1] or mark[0] == mark[1] and \
                    segment.start <= mark[0] <= segment.end:
                out.setdefault(segment.id, []).append(mark)
                if mark[0] == mark[1]:
                    break
            k += 1
    return out


# --------------------------------------------------------------------- one view


def _badges(group: Group, part: Part, ids: Sequence[str]) -> tuple[str, list[str]]:
    """The badges of a sentence of ``part``'s source: the other sources that word its
    statement alike, otherwise, or not at all; and the row's classes."""
    by_source = {p.source: p for p in group.parts}
    same, other, missing = [], [], []
    for source in ids:
        if source == part.source:
            continue
        there = by_source.get(source)
        (missing if there is None else same if there.variant == part.variant else other).append(source)
    classes = ["c"] * bool(other) + ["n"] * bool(missing) + ["m"] * part.moved
    if other or missing or part.moved:
        classes.append("d")
    runs = [(same, "y", "same words"), (other, "w", "other words"), (missing, "n", "not stated")]
    markup = "".join(f'<b class="{cls}" title="{title}: {" ".join(run)}">{"".join(run)}</b>'
                     for run, cls, title in runs if run)
    return markup, classes


def _view_rows(report: ManyReport, k: int, marks: list[Mark], where: dict[str, tuple[int, Part]],
               lang: str) -> tuple[list[str], list[dict]]:
    """The rows of source ``k``'s view (markup) and, for the strip, their classes."""
    ids = report.ids
    source = ids[k]
    by_segment = _marks_by_segment(report.segments[k], marks)
    conflict_rows = {n for n, row in enumerate(report.facts) if row.status == "conflict"}
    markup, rows = [], []
    for number, segment in enumerate(report.segments[k], 1):
        found = where.get(segment.id)
        seg_marks = by_segment.get(segment.id, ())
        classes = ["x"] * any(m[4] in conflict_rows for m in seg_marks)
        if found is not None:
            badges, more = _badges(report.groups[found[0]], found[1], ids)
            classes += more
            group = f' data-g="{found[0]}"'
        elif segment.is_content:
            badges, group = f'<b class="o" title="stated by no other source">only {source}</b>', ""
            classes += ["o", "d"]
        else:
            badges, group, classes = "", "", classes + ["k"]
        if "x" in classes and "d" not in classes:
            classes.append("d")
        text = _marked(segment.text, segment.start, seg_marks)
        heading = " h" if segment.kind == "heading" else ""
        markup.append(f'<div class="r {" ".join(classes)}" id="{segment.id}"{group}>'
                      f'<a class="no" href="#{segment.id}">{number}</a>'
                      f'<span class="t{heading}" lang="{lang}">{text}</span><span class="bd">{badges}</span></div>')
        rows.append({"id": segment.id, "classes": classes, "number": number})
    return markup, rows


def _strip(rows: list[dict]) -> list[tuple[str, str, str] | None]:
    """The overview strip of a view: at most ``_STRIP_BINS`` bins, each (class, href, title)
    of its most severe row, or None."""
    bins = min(len(rows), _STRIP_BINS)
    out = []
    for b in range(bins):
        chunk = rows[b * len(rows) // bins:(b + 1) * len(rows) // bins]
        scored = [(next((s for c, s in _SEVERITY if c in r["classes"]), 0), r) for r in chunk]
        severity, row = max(scored, key=lambda item: item[0], default=(0, None))
        if not severity:
            out.append(None)
            continue
        cls = next(c for c, s in _SEVERITY if s == severity)
        out.append((cls, "#" + row["id"], f"sentence {row['number']}"))
    return out


def _views(report: ManyReport, langs: dict[str, str]) -> list[dict]:
    """Every source's view: rows (as blocks of markup) and strip, the pivot's first."""
    marks = _all_marks(report)
    where = {i: (n, part) for n, group in enumerate(report.groups) for part in group.parts for i in part.segments}
    views = []
    for k, source in enumerate(report.sources):
        markup, rows = _view_rows(report, k, marks[source.id], where, langs[source.id])
        blocks = ['<div class="blk">\n' + "\n".join(markup[i:i + _BLOCK_ROWS]) + "\n</div>"
                  for i in range(0, len(markup), _BLOCK_ROWS)]
        views.append({"id": source.id, "name": _name(source.path), "blocks": Markup("\n".join(blocks)),
                      "strip": _strip(rows), "pivot": source.id == report.pivot, "empty": not rows})
    views.sort(key=lambda view: not view["pivot"])
    return views


# --------------------------------------------------------------------- summary and facts


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"


def _source_views(report: ManyReport) -> list[dict]:
    stated = Counter(source for group in report.groups for source in group.sources)
    with_pivot = {pair.sources[0] if pair.sources[1] == report.pivot else pair.sources[1]: pair.agreement
                  for pair in report.pairs() if report.pivot in pair.sources}
    views = []
    for source, info, only in zip(report.sources, report.infos, report.only):
        views.append({
            "id": source.id, "path": source.path, "name": _name(source.path), "script": source.script,
            "lang": SCRIPT_LANG.get(source.script, "zh"), "encoding": source.encoding, "chars": source.chars,
            "size": _human_size(source.size), "bytes": source.size, "decode_errors": len(source.replaced),
            "lost": len(info.lost_glyphs), "repairs": [(r.name, r.count) for r in info.repairs],
            "stated": stated[source.id], "only": len(only), "pivot": source.id == report.pivot,
            "with_pivot": None if source.id == report.pivot else f"{with_pivot[source.id]:.0%}",
        })
    return views


def _matrix(report: ManyReport) -> list[list[dict | None]]:
    """Agreement of every two sources, as a square table (None on the diagonal)."""
    ids = report.ids
    cells: list[list[dict | None]] = [[None] * len(ids) for _ in ids]
    for pair in report.pairs():
        s, t = (ids.index(x) for x in pair.sources)
        title = (f"{pair.sources[0]}–{pair.sources[1]}: {pair.identical} statements alike, {pair.changed} "
                 f"worded otherwise, {pair.only[0]} + {pair.only[1]} sentences one has, {pair.conflicts} "
                 f"facts in conflict")
        band = 4 if pair.agree else min(3, int(pair.agreement * 4))
        cells[s][t] = cells[t][s] = {"text": f"{pair.agreement:.0%}", "band": band, "title": title}
    return cells


def _counts(report: ManyReport) -> list[dict]:
    s = report.summary
    facts = s["facts"]
    return [
        {"label": "statements", "n": s["groups"], "cls": "s"},
        {"label": "in every source", "n": s["in_all"], "cls": "s"},
        {"label": "worded alike", "n": s["identical"], "cls": "s"},
        {"label": "worded otherwise", "n": s["changed"], "cls": "c"},
        {"label": "moved", "n": s["moved"], "cls": "m"},
        {"label": "sentences of one source", "n": sum(s["only"].values()), "cls": "a"},
        {"label": "facts in conflict", "n": facts["conflict"], "cls": "x"},
        {"label": "facts of one source", "n": facts["only"], "cls": "o"},
        {"label": "facts shared", "n": facts["shared"], "cls": "fs"},
    ]


def _fact_rows_html(report: ManyReport, indices: Sequence[int], langs: dict[str, str]) -> Markup:
    """The fact table's rows at ``indices``: status, kind, each source's words (classed
    by the cluster of sources giving the same value; — where it states none)."""
    lines = []
    for n in indices:
        row: FactRow = report.facts[n]
        cluster = {source: k for k, members in enumerate(row.clusters) for source in members}
        notes = dict(row.notes)
        cells = []
        for source, mention in zip(report.ids, row.values):
            if mention is None:
                cells.append('<td class="none">—</td>')
                continue
            title = f' title="{escape(notes[source])}"' if source in notes else ""
            cells.append(f'<td class="k{min(cluster[source], 3)}" lang="{langs[source]}"{title}>'
                         f'{escape(mention.text)}</td>')
        lines.append(f'<tr class="fr {row.status}" data-f="{n}"><td class="st">{row.status}</td>'
                     f'<td>{escape(row.kind)}</td>{"".join(cells)}</tr>')
    return Markup("\n".join(lines))


def _groups_data(report: ManyReport) -> str:
    """Each group as [base, [[source, [segment ids], variant, status, score], …]] for the script."""
    return json.dumps([[g.base, [[p.source, list(p.segments), p.variant, p.status, p.score] for p in g.parts]]
                       for g in report.groups], ensure_ascii=True, separators=(",", ":"))


def build_many_view(report: ManyReport) -> dict:
    """Return the template's data for ``report`` (everything the page shows)."""
    sources = _source_views(report)
    langs = {view["id"]: view["lang"] for view in sources}
    open_facts = [n for n, row in enumerate(report.facts) if row.status != "shared"]
    shared = [n for n, row in enumerate(report.facts) if row.status == "shared"]
    pairs = sorted(report.pairs(), key=lambda p: (p.agreement, p.sources))
    return {
        "title": " · ".join(view["name"] for view in sources),
        "version": report.tool_version,
        "options": sorted((str(k), str(v)) for k, v in report.options.items()),
        "sources": sources, "pivot": report.pivot, "agree": report.agree,
        "counts": _counts(report), "matrix": _matrix(report),
        "differ": [p for p in pairs if not p.agree][:8],
        "facts_open": _fact_rows_html(report, open_facts, langs), "facts_open_count": len(open_facts),
        "facts_shared": _fact_rows_html(report, shared[:_SHARED_FACTS_LISTED], langs),
        "facts_shared_count": len(shared), "facts_shared_listed": min(len(shared), _SHARED_FACTS_LISTED),
        "views": _views(report, langs), "groups_data": _groups_data(report),
        "styles": [static(name) for name in STATIC],
        "js": static("nav.js", "many.js"),
        "style_hashes": [csp_hash(name) for name in STATIC],
        "js_hash": csp_hash("nav.js", "many.js"),
    }


def render_many_html(report: ManyReport) -> str:
    """Return the HTML report of ``report`` as one self-contained page."""
    return _environment().get_template("many.html.j2").render(**build_many_view(report))
