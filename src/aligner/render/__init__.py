"""Stage 8, render: a :class:`~aligner.model.Report` → JSON for machines, HTML for people.

Renderers read a Report and nothing else; they compute nothing about alignment.
"""

from __future__ import annotations

import os

from ..model import Report
from .html import render_html
from .json import render_json, report_to_dict

__all__ = ["render_both", "render_html", "render_json", "report_to_dict"]

# Below this many characters in both sources, a second process costs more than it saves.
PARALLEL_MIN_CHARS = 400_000


def render_both(report: Report) -> tuple[str, str]:
    """Return ``(html, json)`` for ``report``.

    For large reports the JSON is rendered by a forked child while the HTML is
    rendered here (each takes about a second per million characters); the
    child hands its text back through a pipe.  Where processes cannot be
    forked, or the report is small, both are rendered here in turn.  The
    result is the same either way.
    """
    size = sum(source.chars for source in report.sources)
    if size < PARALLEL_MIN_CHARS or not hasattr(os, "fork"):
        return render_html(report), render_json(report)
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:  # no second process to be had: render both here
        os.close(read_end)
        os.close(write_end)
        return render_html(report), render_json(report)
    if child == 0:  # the child: render, hand over, and leave without running any cleanup
        os.close(read_end)
        status = 1
        try:
            data = render_json(report).encode("utf-8")
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        html = render_html(report)
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
    finally:
        _, status = os.waitpid(child, 0)
    if status != 0:  # the child failed: render here, so that the error (if any) shows
        return html, render_json(report)
    return html, data.decode("utf-8")
