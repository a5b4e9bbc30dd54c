"""The CLI's speed against another commit's, on the same long pair, runs interleaved.

``python -m bench.against REV [--size 1000000] [--repeat 5] [--seed N]`` checks out
``REV`` into a temporary git worktree, builds the :mod:`bench.scale` pair of
``--size`` characters a side, and runs ``align A B -o out.html --json out.json``
with this checkout's code and with ``REV``'s (the same Python and libraries; each
tree's ``src`` first on ``PYTHONPATH``), one after the other ``--repeat`` times, so
that a busy machine slows both alike.  Prints each run, then the medians of wall and
CPU seconds (user + system, the forked children included) and their ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .scale import build_documents

ROOT = Path(__file__).resolve().parents[1]


def run_once(src: Path, path_a: Path, path_b: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the CLI from ``src``."""
    command = [sys.executable, "-m", "aligner", str(path_a), str(path_b), "-o", str(out / "out.html"),
               "--json", str(out / "out.json"), "--max-chars", "10000000"]
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(command, env={**os.environ, "PYTHONPATH": str(src)}, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode not in (0, 1):
        raise SystemExit(f"align failed ({src}): {done.stderr.strip()[-500:]}")
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time the align CLI against another commit, interleaved.")
    parser.add_argument("rev", help="the commit to compare with (anything git rev-parse takes)")
    parser.add_argument("--size", type=int, default=1_000_000, help="characters a side (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="aligner-against-"))
    other = work / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(other), args.rev], check=True)
    try:
        path_a, path_b, _ = build_documents(args.size, args.seed, work)
        times: dict[str, list[tuple[float, float]]] = {"this": [], args.rev: []}
        for _ in range(args.repeat):
            for name, src in (("this", ROOT / "src"), (args.rev, other / "src")):
                wall, cpu = run_once(src, path_a, path_b, work)
                times[name].append((wall, cpu))
                print(f"{name:>12}  wall {wall:6.2f} s  cpu {cpu:6.2f} s", flush=True)
        medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
                   for name, runs in times.items()}
        (wall, cpu), (wall_other, cpu_other) = medians["this"], medians[args.rev]
        print(f"median: this wall {wall:.2f} s cpu {cpu:.2f} s; {args.rev} wall {wall_other:.2f} s "
              f"cpu {cpu_other:.2f} s; ratio wall {wall / wall_other:.2f}× cpu {cpu / cpu_other:.2f}×")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
