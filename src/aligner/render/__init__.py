"""Stage 8, render: a :class:`~aligner.model.Report` → JSON for machines, HTML for people.

Renderers read a Report and nothing else; they compute nothing about alignment.
"""

from __future__ import annotations

from ..model import Report
from ..parallel import Later
from .html import render_html
from .json import render_json, report_to_dict

__all__ = ["render_both", "render_html", "render_json", "report_to_dict"]

# Below this many characters in both sources, a second process costs more than it saves.
PARALLEL_MIN_CHARS = 400_000


def render_both(report: Report) -> tuple[str, str]:
    """Return ``(html, json)`` for ``report``.

    For large reports the JSON is rendered by a forked child while the HTML is
    rendered here (each takes about a second per million characters).  The
    result is the same either way.
    """
    if sum(source.chars for source in report.sources) < PARALLEL_MIN_CHARS:
        return render_html(report), render_json(report)
    with Later(render_json, report) as json_text:
        html = render_html(report)
        return html, json_text.result()
