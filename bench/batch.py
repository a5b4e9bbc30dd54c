"""A simulated newsroom feed for ``align batch``: grouping quality, throughput and memory.

``python -m bench.batch [--articles 10000] [--workers 1,2] [--seed N] [--keep DIR]``
generates a feed from the corpus: stories, each written by 2–8 "outlets" that edit
one block of corpus articles independently (the corpus is used twice, the second
time a year later, so that the date window must keep the two years apart) (rewording, deleted, inserted, split
and merged sentences, changed facts), convert it to a script of their own and lay
it out as plain text, a web page or a PDF extraction, plus unrelated single
articles.  Each outlet's article is dated within a day of its story.  The known
answer (which article belongs to which story) is written beside the feed.

It runs the batch with each worker count and reports pairwise grouping precision
and recall over articles, throughput (articles a second, whole batch and the
read+group phase alone) and the peak resident memory of each worker.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import tempfile
import time
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from .corpus import load_articles
from .make_pairs import (
    LEVELS,
    convert_all,
    drafts_of,
    edit_as_an_outlet,
    lay_out,
    mention_pool,
)

LAYOUTS = ("plain", "web", "pdf")
CONVERSIONS = ("s2t", "s2tw", "s2hk", None)
BLOCK_CHARS = 300
FIRST_DAY = date(2026, 1, 1)


def blocks(articles, min_chars: int) -> list[list]:
    """Consecutive corpus articles grouped into disjoint blocks of at least ``min_chars`` characters."""
    result, current, total = [], [], 0
    for article in articles:
        current.append(article)
        total += article.chars
        if total >= min_chars:
            result.append(current)
            current, total = [], 0
    return result


def outlet_version(block, articles, pool, rng: random.Random) -> str:
    """One outlet's article on the story of ``block``: edited, converted and laid out its own way."""
    edited = edit_as_an_outlet(articles, pool, block, drafts_of(block), LEVELS["medium"], rng, 1)
    conversion = rng.choice(CONVERSIONS)
    if conversion:
        edited = convert_all(edited, conversion)
    return lay_out(edited, rng.choice(LAYOUTS), rng, pool, conversion)[0]


def make_feed(directory: Path, target_articles: int, seed: int) -> dict[str, str]:
    """Write the feed and ``manifest.csv`` into ``directory``; return article id → story (its own id when single)."""
    articles = load_articles()
    pool = mention_pool(articles)
    rng = random.Random(seed)
    available = blocks(articles, BLOCK_CHARS)
    rng.shuffle(available)
    gold, rows = {}, []
    # A second pass over the corpus a year later: the same stories again, which the
    # date window must keep apart from the first year's.
    for number, block in enumerate(available + available):
        if len(gold) >= target_articles:
            break
        outlets = 1 if number % 10 == 9 else rng.randint(2, 8)   # one block in ten is a single article
        day = FIRST_DAY + timedelta(days=number // 40 + 365 * (number >= len(available)))
        for outlet in range(outlets):
            article_id = f"s{number:05d}/o{outlet}.txt"
            path = directory / article_id
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(outlet_version(block, articles, pool, random.Random(f"{seed}:{number}:{outlet}")),
                            encoding="utf-8")
            gold[article_id] = f"s{number:05d}" if outlets > 1 else article_id
            rows.append((article_id, f"outlet{outlet}", (day + timedelta(days=rng.randint(0, 1))).isoformat()))
    with (directory / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("path", "outlet", "date"))
        writer.writerows(rows)
    (directory / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return gold


def pairwise_scores(gold: dict[str, str], index_rows: list[dict]) -> tuple[float, float]:
    """Pairwise precision and recall of the found stories against the known ones."""
    found = {row["articles"][0]["id"] if len(row["articles"]) == 1 else row["story"]: [a["id"] for a in row["articles"]]
             for row in index_rows}
    found_pairs = {tuple(sorted(p)) for members in found.values() for p in combinations(members, 2)}
    by_story: dict[str, list[str]] = {}
    for article, story in gold.items():
        by_story.setdefault(story, []).append(article)
    gold_pairs = {tuple(sorted(p)) for members in by_story.values() for p in combinations(members, 2)}
    right = len(found_pairs & gold_pairs)
    return right / max(1, len(found_pairs)), right / max(1, len(gold_pairs))


def worker_peaks(client) -> list[float]:
    """Peak resident memory of each worker process, in MB."""
    peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return sorted(kb / 1024 for kb in peaks.values())


def run_once(feed: Path, outdir: Path, workers: int) -> dict:
    """Run the batch on ``feed`` with ``workers`` workers; return its timings, rows and worker peaks."""
    from aligner import batch

    peaks: list[float] = []
    original = batch._report_all

    def measured(client, *args, **kwargs):   # read the workers' peaks before the cluster closes
        rows = original(client, *args, **kwargs)
        peaks.extend(worker_peaks(client))
        return rows

    phases: dict[str, float] = {}

    def progress(stage, done, total):
        phases.setdefault(stage, time.perf_counter())

    batch._report_all = measured
    try:
        start = time.perf_counter()
        result = batch.run_batch(feed / "manifest.csv", outdir, workers=workers, progress=progress)
        wall = time.perf_counter() - start
    finally:
        batch._report_all = original
    grouped = phases.get("compare", start) - phases.get("read", start)
    return {"wall": wall, "read_group": grouped, "result": result, "peaks": peaks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the feed and reports here and keep them")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="aligner-batch-"))
    feed = directory / "feed"
    start = time.perf_counter()
    if (feed / "gold.json").exists():   # a kept feed is used again as it is
        gold = json.loads((feed / "gold.json").read_text(encoding="utf-8"))
    else:
        gold = make_feed(feed, args.articles, args.seed)
    print(f"feed: {len(gold)} articles, {len(set(gold.values()))} stories and singles, "
          f"made in {time.perf_counter() - start:.0f} s")
    print(f"{'workers':>7} {'wall s':>8} {'art/s':>7} {'read+group s':>13} {'stories':>8} "
          f"{'precision':>9} {'recall':>7} {'F1':>6} {'peak MB/worker':>15}")
    for workers in map(int, args.workers.split(",")):
        outdir = directory / f"out-{workers}"
        shutil.rmtree(outdir, ignore_errors=True)
        run = run_once(feed, outdir, workers)
        rows = [json.loads(line) for line in (outdir / "index.jsonl").read_text(encoding="utf-8").splitlines()]
        precision, recall = pairwise_scores(gold, rows)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        print(f"{workers:>7} {run['wall']:>8.1f} {len(gold) / run['wall']:>7.1f} {run['read_group']:>13.1f} "
              f"{run['result'].stories:>8} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} "
              f"{max(run['peaks'], default=0):>15.0f}")
    if not args.keep:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
