"""``align batch``: a small feed grouped into stories on a local Dask cluster and on a real
scheduler with two workers, resumed, with a broken input listed and the index escaped."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.batch import run_batch
from aligner.batch.feed import Article, list_articles
from aligner.batch.sketch import Sketch, sketch_articles
from aligner.batch.stories import group
from aligner.cli import batch
from aligner.convert import convert_text
from tests.helpers import SAMPLE_SIMPLIFIED, SAMPLE_TRADITIONAL, XSS_TEXT, read_sample

WEB = read_sample(SAMPLE_TRADITIONAL)
PAPER = read_sample(SAMPLE_SIMPLIFIED)


def _wrapped(text: str, width: int = 17) -> str:
    """The text as a PDF extraction would give it: hard wraps every ``width`` characters."""
    lines = []
    for paragraph in text.splitlines():
        lines += [paragraph[i:i + width] for i in range(0, len(paragraph), width)] or [""]
    return "\n".join(lines)


def _make_feed(folder: Path) -> dict[str, str]:
    """Write a feed of two stories, a story a year later, a single article and a broken file."""
    articles = {
        "web/xinhua.txt": (WEB, "2026-05-01"),
        "web/mainland.txt": (convert_text(WEB, "t2s"), "2026-05-02"),
        "paper/page.txt": (PAPER, "2026-05-01"),
        "paper/wrapped.txt": (_wrapped(convert_text(PAPER, "s2t")), "2026-05-01"),
        "paper/next-year.txt": (PAPER.replace("2020", "2021"), "2027-05-01"),
        "other/cat.txt": (f"一只猫在屋顶上晒太阳，很开心。{XSS_TEXT}它又睡着了。", "2026-05-01"),
    }
    rows = ["path,outlet,date"]
    for name, (text, day) in articles.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{name.split('/')[0]},{day}")
    (folder / "other/broken.txt").write_bytes(bytes(range(256)) * 20)
    rows.append("other/broken.txt,other,2026-05-01")
    rows.append("other/missing.txt,other,2026-05-01")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return {"web/xinhua.txt": "web", "web/mainland.txt": "web", "paper/page.txt": "paper",
            "paper/wrapped.txt": "paper"}


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("feed")
    _make_feed(folder)
    return folder


def _index(outdir: Path) -> list[dict]:
    return [json.loads(line) for line in (outdir / "index.jsonl").read_text(encoding="utf-8").splitlines()]


def _groups(rows: list[dict]) -> list[list[str]]:
    return sorted(sorted(a["id"] for a in row["articles"]) for row in rows)


@pytest.fixture(scope="module")
def local_run(feed, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("out")
    return run_batch(feed / "manifest.csv", outdir, workers=2), outdir


def test_a_feed_is_grouped_into_stories_within_the_date_window(local_run):
    result, outdir = local_run
    assert _groups(_index(outdir)) == [
        ["other/cat.txt"], ["paper/next-year.txt"],
        ["paper/page.txt", "paper/wrapped.txt"], ["web/mainland.txt", "web/xinhua.txt"],
    ]
    assert (result.stories, result.singletons, result.errors) == (2, 2, 2)
    for row in _index(outdir)[:2]:
        assert (outdir / row["report"]["html"]).is_file() and (outdir / row["report"]["json"]).is_file()
        assert row["conflicts"] == 0 and "fingerprint" not in row


def test_inputs_that_cannot_be_read_are_listed_and_the_batch_goes_on(local_run):
    _, outdir = local_run
    errors = [json.loads(line) for line in (outdir / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [error["input"] for error in errors] == ["other/broken.txt", "other/missing.txt"]
    assert "binary" in errors[0]["reason"] and "missing.txt" in errors[1]["reason"]


def test_the_index_page_escapes_the_articles_and_links_the_reports(local_run):
    _, outdir = local_run
    page = (outdir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "other/broken.txt" in page
    for row in _index(outdir)[:2]:
        assert f'href="{row["report"]["html"]}"' in page


def test_a_rerun_skips_unchanged_stories_and_redoes_changed_ones(feed, local_run, tmp_path):
    _, first = local_run
    outdir = tmp_path / "out"
    shutil.copytree(first, outdir)
    again = run_batch(feed / "manifest.csv", outdir, workers=1)
    assert again.reused == 2 and _index(outdir) == _index(first)
    changed = tmp_path / "feed"
    shutil.copytree(feed, changed)
    (changed / "web/mainland.txt").write_text(convert_text(WEB, "t2s") + "\n新增一句。", encoding="utf-8")
    assert run_batch(changed / "manifest.csv", outdir, workers=1).reused == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_a_real_scheduler_with_two_workers_gives_the_same_index(feed, local_run, tmp_path):
    _, local_out = local_run
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    processes = [subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                   "--no-dashboard"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        time.sleep(2)
        for _ in range(2):
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        outdir = tmp_path / "out"
        result = run_batch(feed / "manifest.csv", outdir, scheduler=address)
        assert result.stories == 2
        assert (outdir / "index.jsonl").read_bytes() == (local_out / "index.jsonl").read_bytes()
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)


def test_grouping_is_the_same_whatever_the_order_of_the_feed(feed):
    articles = [a for a in list_articles(feed / "manifest.csv") if isinstance(a, Article)]
    sketches = [s for s in sketch_articles(articles, 10**6) if isinstance(s, Sketch)]
    forward = group(sketches, 3)
    backward = group(list(reversed(sketches)), 3)
    assert [s.key for s in forward[0]] == [s.key for s in backward[0]]
    assert len(group(sketches, 400)[0]) == 2 and len(group(sketches, 1000)[0]) == 2
    paper_together = [s for s in group(sketches, 10_000)[0] if "paper/page.txt" in [m.article.id for m in s.members]]
    assert len(paper_together[0].members) == 3   # without the window, next year's page joins


def test_bad_feeds_and_options_are_one_line_errors(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(batch, [str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert missing.exit_code == 2 and missing.output.count("\n") == 1 and "no such folder" in missing.output
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    not_a_feed = runner.invoke(batch, [str(tmp_path / "file.txt"), "-o", str(tmp_path / "out")])
    assert not_a_feed.exit_code == 2 and "manifest" in not_a_feed.output
    window = runner.invoke(batch, [str(tmp_path), "-o", str(tmp_path / "out"), "--window", "soon"])
    assert window.exit_code == 2 and "--window" in window.output
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    taken = runner.invoke(batch, [str(tmp_path), "-o", str(tmp_path / "taken")])
    assert taken.exit_code == 2 and "is a file" in taken.output


def test_manifest_rows_without_a_path_are_listed(tmp_path):
    manifest = tmp_path / "feed.jsonl"
    manifest.write_text('{"path": "a.txt", "outlet": "X", "date": "2026-01-02"}\n{"outlet": "Y"}\nnot json\n',
                        encoding="utf-8")
    entries = list(list_articles(manifest))
    assert entries[0] == Article("a.txt", str(tmp_path / "a.txt"), "X", "2026-01-02")
    assert entries[1] == ("feed.jsonl:2", "no path in this row") and entries[2][0] == "feed.jsonl:3"
