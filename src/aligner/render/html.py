"""The HTML report: one self-contained page (inline CSS and JS) for an editor.

:func:`render_html` gathers a view model of a :class:`~aligner.model.Report` —
sources and counts (:mod:`.summary`), rows in reading order (:mod:`.rows`) with
their marks (:mod:`.marks`), the common-script tables (:mod:`.script_table`) —
and hands it to a small jinja2 template that prints it.

The rows and the facts table's rows come as ready markup, written with format
strings (a jinja loop or macro per row costs several times more on a report of
1,000,000 + 1,000,000 characters, ~40,000 segments); every input value in them
is escaped once there, everything else by the template's autoescape.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jinja2
from markupsafe import Markup

from .. import collector
from ..model import Report
from . import summary
from .assets import csp_hash, static
from .rows import blocks, build_rows, sides
from .script_table import CommonScript, common_script_table

__all__ = ["CommonScript", "build_view", "common_script_table", "render_html"]


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


# The row blocks are most of the page (10 MB for 1,000,000 + 1,000,000
# characters).  The template prints this marker in their place and render_html
# joins them into the page once, instead of copying them into a Markup, through
# the template's escape and into its output.  The marker is the last thing of
# the page that can come from outside the template's own text: what follows it
# is static, so its last occurrence is the place.
_ROWS_MARKER = "\x00rows\x00"


def build_view(report: Report, common_script_tables: dict[str, CommonScript] | None = None) -> dict:
    """Return the template's data for ``report``: sources, counts, strip, facts, rows.

    Everything the page shows is computed here; the template only prints.  Row
    and fact-table markup come ready made (``blocks``, a list of the row blocks'
    markup, which render_html puts at the template's ``rows_here``;
    ``facts_open_html``, ``facts_shared_html``), every input value in them escaped once.
    ``common_script_tables`` may hold sides' :func:`common_script_table` computed
    before; the others are computed here.
    """
    given = common_script_tables or {}
    sources = summary.source_views(report)
    langs = {"a": sources[0]["lang"], "b": sources[1]["lang"]}
    tables = {side: given.get(side) or common_script_table(report, side) for side in ("a", "b")}
    both = sides(report, langs, tables)
    rows, markup, link_row = build_rows(report, both)
    placed = {name: side.placed for name, side in both.items()}
    open_facts, shared_facts, shared_total = summary.listed_facts(report.facts)
    facts_open = summary.fact_views(report, link_row, placed, open_facts)
    facts_shared = summary.fact_views(report, link_row, placed, shared_facts)
    return {
        "title": f"{sources[0]['name']} ↔ {sources[1]['name']}",
        "version": report.tool_version,
        "options": sorted((str(k), str(v)) for k, v in report.options.items()),
        "sources": sources,
        "lang_a": langs["a"], "lang_b": langs["b"],
        "verdict": summary.verdict(report),
        "counts": summary.counts(report, rows),
        "strip": summary.strip(rows),
        "facts_open": facts_open,
        "facts_shared": facts_shared,
        "facts_notes": summary.fact_notes(len(facts_open), len(facts_shared), shared_total),
        "facts_open_html": summary.fact_rows_html(facts_open, langs),
        "facts_shared_html": summary.fact_rows_html(facts_shared, langs),
        "rows": rows,
        "blocks": blocks(markup),
        "rows_here": Markup(_ROWS_MARKER),
        "table_a": tables["a"][0], "table_b": tables["b"][0],
        "css": static("report.css"),
        "js": static("nav.js", "report.js"),
        "css_hash": csp_hash("report.css"),
        "js_hash": csp_hash("nav.js", "report.js"),
    }


def render_html(report: Report, *, common_script_tables: dict[str, CommonScript] | None = None) -> str:
    """Return the HTML report for ``report`` as one self-contained page.

    ``common_script_tables`` may map ``"a"`` and/or ``"b"`` to that side's
    :func:`common_script_table`, computed before (in another process, say);
    the sides not given are computed here, and the page is the same either way.
    """
    with collector.paused():
        view = build_view(report, common_script_tables)
        page = _environment().get_template("report.html.j2").render(**view)
        before, _, after = page.rpartition(_ROWS_MARKER)
        return "".join([before, *view["blocks"], after])


