"""Stage 8, render: a :class:`~aligner.model.Report` → JSON for machines, HTML for people.

Renderers read a Report and nothing else; they compute nothing about alignment.
"""

from __future__ import annotations

from ..model import Report
from . import html
from .json import render_json, report_to_dict

__all__ = ["render_html", "render_json", "report_to_dict"]


def render_html(report: Report) -> str:
    """Return the HTML report for ``report`` as one self-contained page.

    For large reports side b's common-script table (a quarter of the page's work)
    is built by a forked child while side a's is built here; the page is the
    same either way.
    """
    tables = {side: html.common_script_table(report, side) for side in ("a", "b")}
    return html.render_html(report, common_script_tables=tables)
