"""The HTML report: one self-contained file (inline CSS and JS) from a jinja2 template."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jinja2

from ..model import Report


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: (resources.files("aligner.render") / "templates" / name).read_text(encoding="utf-8")
        ),
        autoescape=True,
        keep_trailing_newline=True,
    )


def render_html(report: Report) -> str:
    """Return the HTML report for ``report`` as one self-contained page."""
    return _environment().get_template("report.html.j2").render(report=report, summary=report.summary)
