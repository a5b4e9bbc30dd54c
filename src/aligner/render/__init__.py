"""Stage 8, render: a :class:`~aligner.model.Report` → JSON for machines, HTML for people.

Renderers are plain functions: they read a Report (and, for the HTML page,
optionally its common-script tables computed before, see
:func:`common_script_table`) and compute nothing about alignment.
"""

from __future__ import annotations

from .html import render_html
from .json import render_json, report_to_dict
from .script_table import CommonScript, common_script_table

__all__ = ["CommonScript", "common_script_table", "render_html", "render_json", "report_to_dict"]
