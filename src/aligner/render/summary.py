"""The page's head and facts: the sources table, the count tiles, the overview
strip and the facts table, as data for the template (the facts table's rows as
ready markup, like the text rows: see :mod:`aligner.render.rows`)."""

from __future__ import annotations

from operator import itemgetter
from typing import Iterable, Sequence

from markupsafe import Markup

from ..model import Fact, Report
from .escaping import escape

# The lang tag of each side follows its detected script so that browsers pick
# the right glyph forms (骨 and 直 differ between zh-Hant and zh-Hans fonts).
SCRIPT_LANG = {"traditional": "zh-Hant", "simplified": "zh-Hans"}

FACT_ORDER = {"conflict": 0, "update": 1, "rounding": 2, "only_a": 3, "only_b": 4, "shared": 5}
FACT_LABEL = {"conflict": "conflict", "update": "update", "rounding": "rounding", "only_a": "only in A",
              "only_b": "only in B", "shared": "shared"}

# Overview strip: severities of a row, highest wins in a bin.
_SEVERITY_CLASS = {4: "x", 2: "c", 1: "m"}  # 3, one-sided, takes the side: a / b
_STRIP_BINS = 200
_severity_of = itemgetter("sev")
# Shared facts agree, so they matter least: a long document has thousands, and
# the table lists the first ones only (all are marked in the text and in the JSON).
_SHARED_FACTS_LISTED = 2000


# ------------------------------------------------------------------- sources


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def verdict(report: Report) -> dict:
    """The verdict line: its class and its sentence."""
    if report.agree:
        return {"cls": "ok", "text": "The two sources agree: every sentence has an identical, unmoved match "
                                    "and no fact is in conflict."}
    return {"cls": "diff", "text": "The two sources differ."}


def source_views(report: Report) -> list[dict]:
    """One line of the sources table per side: file, script, encoding, size, problems, repairs."""
    views = []
    for source, info, label in ((report.sources[0], report.info_a, "A"), (report.sources[1], report.info_b, "B")):
        views.append({
            "label": label, "path": source.path, "name": source.path.replace("\\", "/").rsplit("/", 1)[-1],
            "script": source.script, "lang": SCRIPT_LANG.get(source.script, "zh"),
            "encoding": source.encoding, "chars": f"{source.chars:,}", "size": _human_size(source.size),
            "bytes": source.size, "problems": _problems_html(len(source.replaced), len(info.lost_glyphs)),
            "repairs": ", ".join(f"{r.name} ({r.count})" for r in info.repairs) or "none",
            "read": source.document.describe() if source.document is not None else "",
        })
    return views


def _problems_html(decode_errors: int, lost: int) -> Markup:
    """The problems cell of a source: counts of undecodable bytes and lost glyphs, or none."""
    if not decode_errors and not lost:
        return Markup("none")
    cell = f'<span class="warn">{decode_errors} undecodable</span> ' if decode_errors else ""
    if lost:
        cell += f'<span class="warn">{lost} lost glyph{"s" if lost != 1 else ""}</span>'
    return Markup(cell)


# ------------------------------------------------------------ tiles and strip


def _first_row(rows: list[dict], cls: str) -> str | None:
    for row in rows:
        if cls in row["cls"].split():
            return "#" + row["id"]
    return None


def counts(report: Report, rows: list[dict]) -> list[dict]:
    """The summary tiles: label, number (and as shown), the tile's class (after the
    filter it belongs to, ``zero`` when there is none), first row or table."""
    s = report.summary
    one_sided = s["facts_only_a"] + s["facts_only_b"]
    tiles = [
        ("identical", s["identical"], "s", _first_row(rows, "s")),
        ("changed", s["changed"], "c", _first_row(rows, "c")),
        ("moved", s["moved"], "m", _first_row(rows, "m")),
        ("only in A", s["only_a"], "a", _first_row(rows, "a")),
        ("only in B", s["only_b"], "b", _first_row(rows, "b")),
        ("facts in conflict", s["facts_conflict"], "x", "#facts" if s["facts_conflict"] else None),
        ("facts one-sided", one_sided, "o", "#facts" if one_sided else None),
        ("facts shared", s["facts_shared"], "fs", "#facts" if s["facts_shared"] else None),
    ]
    return [{"label": label, "n": n, "shown": f"{n:,}", "cls": f"k{cls}" if n else f"k{cls} zero", "href": href}
            for label, n, cls, href in tiles]


def strip(rows: list[dict]) -> list[dict | None]:
    """The overview strip: at most ``_STRIP_BINS`` bins over the rows, each
    coloured by its most severe row and linking to that row (None: no difference)."""
    if not rows:
        return []
    bins = min(len(rows), _STRIP_BINS)
    out: list[dict | None] = []
    for b in range(bins):
        lo, hi = b * len(rows) // bins, (b + 1) * len(rows) // bins
        best = max(rows[lo:hi], key=_severity_of, default=None)
        if best is None or best["sev"] == 0:
            out.append(None)
            continue
        cls = _SEVERITY_CLASS.get(best["sev"]) or ("a" if "a" in best["cls"].split() else "b")
        out.append({"href": "#" + best["id"], "cls": cls,
                    "title": f"row {best['num']}: {best['title']}"})
    return out


# --------------------------------------------------------------------- facts


def listed_facts(facts: Sequence[Fact]) -> tuple[list[int], list[int], int]:
    """Indices of the facts the table lists: conflicts first, then updates, roundings
    and one-sided facts (all of them), each status grouped by measure (claims without
    one last); then the first shared ones; and the number of shared facts."""
    open_facts = sorted((n for n, fact in enumerate(facts) if fact.status != "shared"),
                        key=lambda n: (FACT_ORDER.get(facts[n].status, 9), _measure(facts[n]) or "\uffff"))
    shared = [n for n, fact in enumerate(facts) if fact.status == "shared"]
    return open_facts, shared[:_SHARED_FACTS_LISTED], len(shared)


def _measure(fact: Fact) -> str | None:
    """What a fact's figures measure (the first side that says), or None."""
    return next((m.measure for m in (fact.a, fact.b) if m is not None and m.measure), None)


def fact_notes(open_listed: int, shared_listed: int, shared_total: int) -> dict:
    """The facts section's sentences: ``quiet`` when no fact is open, ``shared``
    heading the shared facts' table."""
    quiet = "No fact is in conflict or stated by one source only" + (
        "." if shared_listed else " (no facts were compared).")
    shared = f"{shared_total:,} shared fact{'s' if shared_total != 1 else ''}"
    if shared_total > shared_listed:
        shared += (f" (the first {shared_listed:,} listed; all are marked in the text"
                   " and listed in the JSON report)")
    return {"quiet": quiet, "shared": shared}


def fact_views(report: Report, link_row: dict[int, str], placed: dict[str, set[int]],
               indices: Iterable[int]) -> list[dict]:
    """Views of the facts at ``indices`` for the table: mention texts, values and
    links (to the mention's mark if it was placed, else to its link's row)."""
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
            said = " · ".join(word for word in (mention.cutoff, mention.attribution) if word)
            sides[side] = {"text": mention.text, "value": value, "href": href, "said": said}
        views.append({"n": n, "kind": fact.kind, "status": fact.status, "label": FACT_LABEL.get(fact.status, fact.status),
                      "measure": _measure(fact) or "", "a": sides["a"], "b": sides["b"], "note": fact.note or ""})
    return views


def fact_rows_html(views: list[dict], langs: dict[str, str]) -> Markup:
    """The table rows of ``views``, one line each (format strings, not jinja, like the text rows)."""
    rows = []
    for f in views:
        cells = []
        for side in ("a", "b"):
            mention = f[side]
            if mention is None:
                inner = '<span class="none">—</span>'
            else:
                inner = escape(mention["text"])
                if mention["href"]:
                    inner = f'<a href="{escape(mention["href"])}">{inner}</a>'
                if mention["value"]:
                    inner += f' <small>= {escape(mention["value"])}</small>'
                if mention["said"]:  # the cut-off and the attribution of a claim
                    inner += f' <small class="said">{escape(mention["said"])}</small>'
            cells.append(f'<td lang="{langs[side]}">{inner}</td>')
        kind = escape(f["kind"]) + (f' <small class="ms">{escape(f["measure"])}</small>' if f["measure"] else "")
        rows.append(f'<tr class="fr {escape(f["status"])}" data-f="{f["n"]}"><td class="st">{escape(f["label"])}</td>'
                    f'<td>{kind}</td>{"".join(cells)}<td>{escape(f["note"])}</td></tr>\n')
    return Markup("".join(rows))
