"""Stage 8, render: a :class:`~aligner.model.Report` → JSON for machines, HTML for people.

Renderers read a Report and nothing else; they compute nothing about alignment.
"""

from __future__ import annotations

from ..model import Report
from ..parallel import Later
from .html import common_script_table, render_html
from .json import render_json, report_to_dict

__all__ = ["render_both", "render_html", "render_json", "report_to_dict"]

# Below this many characters in both sources, a second process costs more than it saves.
PARALLEL_MIN_CHARS = 400_000


def render_both(report: Report) -> tuple[str, str]:
    """Return ``(html, json)`` for ``report``.

    For large reports two forked children help: one renders the JSON while the
    HTML is rendered here, the other builds side b's common-script table (a
    quarter of the HTML work) while side a's is built here.  The result is the
    same either way.
    """
    if sum(source.chars for source in report.sources) < PARALLEL_MIN_CHARS:
        return render_html(report), render_json(report)
    with Later(render_json, report) as json_text, Later(common_script_table, report, "b") as table_b:
        table_a = common_script_table(report, "a")
        html = render_html(report, common_script_tables={"a": table_a, "b": table_b.result()})
        return html, json_text.result()
