"""One story's report, written by a worker: the pair report for two articles, the N-source one for more.

A story's row (what the index says of it) is written beside its reports, last
and atomically, together with the fingerprint of its inputs and options: a rerun
that finds the row with the same fingerprint and both reports skips the story,
and an interrupted story has no row, so it is done again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import __version__
from ..many import compare_many
from ..many_model import ManyReport
from ..output import write_atomically, write_reports
from ..pipeline import compare
from ..runner import IN_TURN
from .sketch import Sketch
from .stories import Story

STORIES_FOLDER = "stories"


def fingerprint(story: Story, options: dict) -> str:
    """What decides a story's report: its inputs' contents, the options and the tool's version."""
    parts = [__version__, json.dumps(options, sort_keys=True)]
    parts += [f"{sketch.article.id}\t{sketch.sha256}" for sketch in story.members]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def paths_of(outdir: str | Path, key: str) -> dict[str, Path]:
    folder = Path(outdir) / STORIES_FOLDER
    return {kind: folder / f"{key}.{kind}" for kind in ("html", "json", "row.json")}


def done_row(story: Story, outdir: str | Path, options: dict) -> dict | None:
    """The row of a story already reported with the same inputs and options, else None."""
    paths = paths_of(outdir, story.key)
    try:
        row = json.loads(paths["row.json"].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    fresh = row.get("fingerprint") == fingerprint(story, options)
    return row if fresh and paths["html"].exists() and paths["json"].exists() else None


def report_story(story: Story, outdir: str | Path, options: dict) -> dict:
    """Compare the story's articles, write its reports and row, and return the row."""
    paths = paths_of(outdir, story.key)
    paths["html"].parent.mkdir(parents=True, exist_ok=True)
    members = story.members
    if len(members) == 2:
        report = compare(members[0].article.path, members[1].article.path, runner=IN_TURN, **options)
        summary = report.summary
        counts = {"conflicts": summary["facts_conflict"], "one_sided": summary["only_a"] + summary["only_b"],
                  "changed": summary["changed"], "identical": summary["identical"], "agree": report.agree}
    else:
        report, counts = _many_report(members, options)
    write_reports(report, paths["html"], paths["json"])
    row = {
        "story": story.key,
        "articles": [article_row(sketch) for sketch in members],
        "report": {"html": f"{STORIES_FOLDER}/{paths['html'].name}", "json": f"{STORIES_FOLDER}/{paths['json'].name}"},
        **counts,
        "fingerprint": fingerprint(story, options),
    }
    write_atomically(paths["row.json"], json.dumps(row, ensure_ascii=False, sort_keys=True))
    return row


def article_row(sketch: Sketch) -> dict:
    """What the index says of one article."""
    a = sketch.article
    return {"id": a.id, "outlet": a.outlet, "date": a.date, "sha256": sketch.sha256}


def _many_report(members: tuple[Sketch, ...], options: dict) -> tuple[ManyReport, dict]:
    report = compare_many([sketch.article.path for sketch in members], runner=IN_TURN, **options)
    summary = report.summary
    counts = {"conflicts": summary["facts"].get("conflict", 0), "one_sided": sum(summary["only"].values()),
              "changed": summary["changed"], "identical": summary["identical"], "agree": report.agree}
    return report, counts
