"""The batch's index: every story with its sources and counts, disagreements first.

``index.jsonl`` (one line a story, then one a singleton), ``errors.jsonl`` (one
line an input that could not be read or a story that could not be compared) and
``index.html`` (the same, searchable, linked to the reports).  Each is written
atomically, in an order that depends only on the feed.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jinja2

from ..output import write_atomically


def story_order(row: dict) -> tuple:
    """Conflicts first, then one-sided statements, then by name."""
    return (-row.get("conflicts", 0), -row.get("one_sided", 0), row["story"])


def write_index(outdir: str | Path, rows: list[dict], singletons: list[dict], errors: list[dict]) -> None:
    """Write ``index.jsonl``, ``errors.jsonl`` and ``index.html`` into ``outdir``."""
    outdir = Path(outdir)
    rows = sorted(({k: v for k, v in row.items() if k != "fingerprint"} for row in rows), key=story_order)
    singletons = sorted(singletons, key=lambda row: row["articles"][0]["id"])
    errors = sorted(errors, key=lambda row: (row["input"], row["reason"]))
    write_atomically(outdir / "index.jsonl", _lines(rows + singletons))
    write_atomically(outdir / "errors.jsonl", _lines(errors))
    write_atomically(outdir / "index.html", _page(rows, singletons, errors))


def _lines(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)


def _page(rows: list[dict], singletons: list[dict], errors: list[dict]) -> str:
    template = resources.files(__package__).joinpath("templates", "index.html.j2").read_text(encoding="utf-8")
    environment = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                     undefined=jinja2.StrictUndefined)
    return environment.from_string(template).render(stories=rows, singletons=singletons, errors=errors)
