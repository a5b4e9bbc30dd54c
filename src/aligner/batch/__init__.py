"""``align batch``: a newsroom's feed grouped into stories, each story compared, on Dask.

Reading (with sketching), grouping and comparing run as Dask tasks, on a local
cluster by default or on a running one (``scheduler="tcp://host:8786"``).  The
client holds only paths, futures and the small sketches; workers read the
articles.  Stories are compared largest first, so that one huge story does not
hold back the end of the batch.  A story already reported with the same inputs
and options is skipped, and one bad article or story never stops the batch: it
is listed in ``errors.jsonl``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..errors import AlignerError, OptionError, OutputError
from ..read import DEFAULT_MAX_CHARS
from .feed import Article, list_articles
from .index import write_index
from .sketch import Sketch, sketch_articles
from .stories import Story, group
from .story_report import article_row, done_row, report_story

ARTICLES_PER_TASK = 25
Progress = Callable[[str, int, int], None]


@dataclass
class BatchResult:
    """What a batch did: stories reported (and how many were already done), singletons, errors."""

    stories: int = 0
    reused: int = 0
    singletons: int = 0
    errors: int = 0
    dashboard: str | None = None
    rows: list[dict] = field(default_factory=list)


def run_batch(source: str | Path, outdir: str | Path, *, window_days: int = 3, workers: int | None = None,
              scheduler: str | None = None, options: dict | None = None, progress: Progress | None = None,
              on_dashboard: Callable[[str], None] | None = None) -> BatchResult:
    """Group the articles of ``source`` (folder or manifest) into stories and write their reports to ``outdir``."""
    options = {"script": "simplified", "max_chars": DEFAULT_MAX_CHARS, **(options or {})}
    if window_days < 0:
        raise OptionError(f"--window {window_days}: give a number of days, 0 or more")
    outdir = _ready_outdir(outdir)
    articles, errors = _split_feed(source)
    report = progress or (lambda stage, done, total: None)
    with _client(workers, scheduler) as client:
        result = BatchResult(dashboard=_dashboard(client))
        if result.dashboard and on_dashboard:
            on_dashboard(result.dashboard)
        sketches, unread = _sketch_all(client, articles, options["max_chars"], report)
        stories, singletons = group(sketches, window_days)
        rows, failed = _report_all(client, stories, outdir, options, report, result)
    errors += unread + failed
    singleton_rows = [{"story": None, "articles": [article_row(s)]} for s in singletons]
    write_index(outdir, rows, singleton_rows, errors)
    result.stories, result.singletons, result.errors, result.rows = len(rows), len(singletons), len(errors), rows
    return result


def _ready_outdir(outdir: str | Path) -> Path:
    path = Path(outdir)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{outdir}: is a file; give a folder for the batch's reports")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{outdir}: cannot be created ({err.strerror or err})") from None
    return path


def _split_feed(source) -> tuple[list[Article], list[dict]]:
    articles, errors = [], []
    for entry in list_articles(source):
        if isinstance(entry, Article):
            articles.append(entry)
        else:
            errors.append({"input": entry[0], "reason": entry[1]})
    return articles, errors


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _sketch_all(client, articles: list[Article], max_chars: int, report: Progress):
    from distributed import as_completed

    futures = [client.submit(sketch_articles, chunk, max_chars, pure=False)
               for chunk in _chunks(articles, ARTICLES_PER_TASK)]
    sketches: list[Sketch] = []
    errors: list[dict] = []
    done = 0
    report("read", 0, len(articles))
    for future in as_completed(futures):
        for item in future.result():
            if isinstance(item, Sketch):
                sketches.append(item)
            else:
                errors.append({"input": item[0].id, "reason": item[1]})
        done += 1
        report("read", min(done * ARTICLES_PER_TASK, len(articles)), len(articles))
    return sketches, errors


def _report_all(client, stories: list[Story], outdir: Path, options: dict, report: Progress, result: BatchResult):
    from distributed import as_completed

    rows, errors, pending = [], [], {}
    for story in sorted(stories, key=lambda s: (-sum(m.chars for m in s.members), s.key)):
        row = done_row(story, outdir, options)
        if row is not None:
            rows.append(row)
            result.reused += 1
        else:
            future = client.submit(_report_or_reason, story, str(outdir), options, pure=False,
                                   priority=sum(m.chars for m in story.members))
            pending[future] = story
    report("compare", len(rows), len(stories))
    for future in as_completed(list(pending)):
        outcome = future.result()
        if isinstance(outcome, str):   # the story stays in the index, with its error and no report
            story = pending[future]
            errors.append({"input": story.key, "reason": outcome})
            outcome = {"story": story.key, "articles": [article_row(s) for s in story.members], "error": outcome}
        rows.append(outcome)
        report("compare", len(rows), len(stories))
    return rows, errors


def _report_or_reason(story: Story, outdir: str, options: dict) -> dict | str:
    """A worker's task: the story's row, or why it could not be compared (the batch goes on)."""
    try:
        return report_story(story, outdir, options)
    except AlignerError as err:
        return str(err)
    except Exception as err:  # a bug must not stop the batch; it is listed with the story
        return f"internal error: {type(err).__name__}: {err}"


def _client(workers: int | None, scheduler: str | None):
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise OptionError(f"--scheduler {scheduler}: cannot connect ({err})") from None
    if workers is not None and workers < 1:
        raise OptionError(f"--workers {workers}: give 1 or more")
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=logging.ERROR)
    return Client(cluster)


def _has_dashboard() -> bool:
    from importlib.util import find_spec

    return find_spec("bokeh") is not None


def _dashboard(client) -> str | None:
    return client.dashboard_link if _has_dashboard() else None
