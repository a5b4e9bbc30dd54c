"""Stage 8, render: a :class:`~aligner.model.Report` → JSON for machines, HTML for people.

Renderers read a Report and nothing else; they compute nothing about alignment.
"""

from .html import render_html
from .json import render_json, report_to_dict

__all__ = ["render_html", "render_json", "report_to_dict"]
