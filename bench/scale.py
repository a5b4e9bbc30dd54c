"""Speed and memory of the whole CLI on long documents.

``python -m bench.scale [--sizes 1000000,2000000] [--seed N] [--keep DIR] [--repeat N]`` builds,
for each size, two documents of about that many characters from the corpus (one
side as printed, the other converted to Traditional with the edits of the
``medium`` level: rewording, deleted, inserted, split, merged and moved sentences,
changed facts, web layout), writes them to a temporary folder and times, in a
child process, ``align A B --json out.json -o out.html`` (both reports) and
``align A B --json out.json --no-html`` (the JSON report only): wall time and peak
resident memory (from ``/usr/bin/time -v`` when present, else
``getrusage(RUSAGE_CHILDREN)``).  The corpus holds about 1.8 million characters,
so documents larger than that repeat articles.

Targets (for the engine; this script only measures): 1 M characters each in
≤ 5 s wall and ≤ 1.5 GB; 2 M each in ≤ 2.3 × the 1 M time.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from .corpus import load_articles
from .make_pairs import LEVELS, make_pair, mention_pool

TIME = "/usr/bin/time"


def align_command() -> list[str]:
    """Return the command that runs the CLI: ``align`` beside this Python, on PATH, or ``-m aligner``."""
    beside = Path(sys.executable).with_name("align")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("align")
    return [found] if found else [sys.executable, "-m", "aligner"]


def build_documents(chars: int, seed: int, directory: Path) -> tuple[Path, Path, int]:
    """Write two documents of about ``chars`` characters each; return their paths and sentence count."""
    articles = load_articles()
    level = replace(LEVELS["medium"], name=f"scale{chars}", target_chars=chars, conversions=("s2t",),
                    conflicts=chars // 20_000, moves=chars // 50_000, paragraph_edits=chars // 200_000,
                    swap_sides=False)
    pair = make_pair(articles, mention_pool(articles), level, seed, 0)
    path_a, path_b = directory / f"{chars}.a.txt", directory / f"{chars}.b.txt"
    path_a.write_text(pair.text_a, encoding="utf-8")
    path_b.write_text(pair.text_b, encoding="utf-8")
    return path_a, path_b, len(pair.gold.sentences_a)


OUTPUTS = {"json+html": ["-o", "out.html"], "json": ["--no-html"]}


def measure(path_a: Path, path_b: Path, directory: Path, outputs: str) -> tuple[float, float, float, int]:
    """Run the CLI once, writing ``outputs`` (a key of OUTPUTS); return wall seconds, CPU
    seconds (user + system), peak memory in MB and the exit code.  CPU time is shown
    because wall time suffers on a busy machine."""
    options = [str(directory / option) if option.startswith("out.") else option for option in OUTPUTS[outputs]]
    command = align_command() + [str(path_a), str(path_b), "--json", str(directory / "out.json"),
                                 "--max-chars", "10000000"] + options
    timed = os.access(TIME, os.X_OK)
    if timed:
        command = [TIME, "-v"] + command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if timed and (found := re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)):
        peak_kb = int(found.group(1))
    else:  # the children's maximum so far: exact for the first run, an upper bound after
        peak_kb = after.ru_maxrss
    if done.returncode not in (0, 1):
        print(done.stderr[-2000:], file=sys.stderr)
    return wall, cpu, peak_kb / 1024, done.returncode


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time the align CLI on two long documents per size.")
    parser.add_argument("--sizes", default="1000000,2000000", help="characters per document, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the documents and reports here and keep them")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per measurement; the median run is shown (wall time is noisy on a shared machine)")
    args = parser.parse_args(argv)
    directory = args.keep or Path(tempfile.mkdtemp(prefix="aligner-scale-"))
    directory.mkdir(parents=True, exist_ok=True)
    print(f"command: {' '.join(align_command())} A B --json out.json [-o out.html | --no-html]")
    print(f"{'chars a':>10} {'chars b':>10} {'sentences':>10} {'outputs':>10} {'wall s':>8} {'cpu s':>8} "
          f"{'peak MB':>9} {'exit':>5}")
    first_wall: dict[str, float] = {}
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            path_a, path_b, sentences = build_documents(size, args.seed, directory)
            chars = f"{len(path_a.read_text(encoding='utf-8')):>10} {len(path_b.read_text(encoding='utf-8')):>10}"
            for outputs in OUTPUTS:
                runs = sorted(measure(path_a, path_b, directory, outputs) for _ in range(max(1, args.repeat)))
                wall, cpu, peak_mb, code = runs[len(runs) // 2]
                first = first_wall.setdefault(outputs, wall)
                print(f"{chars} {sentences:>10} {outputs:>10} {wall:>8.2f} {cpu:>8.2f} {peak_mb:>9.0f} {code:>5}"
                      f"   ({wall / first:.2f}× first)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    print("targets: 1M chars each ≤ 5 s wall, ≤ 1.5 GB; 2M each ≤ 2.3× the 1M time; exit 2 is an error")


if __name__ == "__main__":
    main()
