"""Mutation fuzzer for the whole pipeline: bytes on disk → read → … → JSON and HTML.

Run for a while from the repository root (CI runs it for 20 seconds through tests/test_fuzz.py)::

    .venv/bin/python -m fuzz.fuzz_pipeline --minutes 10            # reports cases and failures
    .venv/bin/python -m fuzz.fuzz_pipeline --minutes 10 --seed 7 --out fuzz/failures --seeds more/

Each case cuts two excerpts from the seed texts (the samples, and the ``*.txt``
of each ``--seeds`` folder), mutates them (hostile markup, glyph-loss marks,
doubled runs, hard wraps, CR/CRLF, emoji, deletions, swaps…), writes them in a
random encoding (sometimes with a few corrupt bytes), runs ``aligner.compare``
on the files with random options, and checks every promise in
``fuzz/invariants.py``, the swap symmetry and the byte-identical re-render.  An
``AlignerError`` is a fine answer only for corrupted bytes.  Failures are shrunk
(a bounded line/character delta-debug) and saved to ``--out``.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from aligner import AlignerError, compare, compare_texts
from fuzz import invariants

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FRAGMENTS = (
    "。", "。。。", "！？", "……", "，", "、", "“", "”", "「", "」", "（", "）", "&&", "&&&&", "□", "□□",
    "\ufffd", "\u3000", "\t", " ", "\n", "\r", "\r\n", "\n\n", "😀", "🇨🇳", "👩‍👩‍👧", "e\u0301",
    "１２３", "12.5%", "3.1万亿元", "2024年10月31日", "Mr. Smith.", "e.g. 1.9", "-新華網", "來源:新華網",
    "字體:", "责任编辑：", "■ ", "图为", "\u200b", "\ufeff", "\x0b", "\x0c", "\u2028", "\x85",
    *invariants.HOSTILE_MARKUP, "{{ 7*7 }}", "{% raw %}", "</script>",
)
ENCODINGS = ("utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "gb18030", "big5")


@dataclass
class Result:
    """What a run did: cases run, corrupt inputs rejected, clean inputs decoded to another text,
    failures matching a known bug, and the first case of every other failure."""

    cases: int = 0
    rejected: int = 0
    misdecoded: int = 0
    known: int = 0
    failures: list[dict] = field(default_factory=list)


def seed_texts(folders: tuple[Path, ...] = ()) -> list[str]:
    """Return the seed documents: the real samples and the ``*.txt`` files of ``folders``."""
    texts = []
    for folder in (SAMPLES, *folders):
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(folder).glob("*.txt"))]
    return texts


def excerpt(rng: random.Random, text: str) -> str:
    """A random cut of ``text``: usually a few hundred characters, sometimes all of it or nothing."""
    roll = rng.random()
    if roll < 0.05:
        return ""
    if roll < 0.15:
        return text
    length = rng.choice((20, 80, 300, 1000))
    start = rng.randrange(max(1, len(text) - length))
    return text[start:start + length]


def _insert(rng, text):
    i = rng.randint(0, len(text))
    return text[:i] + rng.choice(FRAGMENTS) * rng.choice((1, 1, 2, 5)) + text[i:]


def _delete(rng, text):
    i = rng.randint(0, len(text))
    return text[:i] + text[i + rng.randint(1, 50):]


def _double(rng, text):
    i = rng.randint(0, len(text))
    piece = text[i:i + rng.randint(1, 12)]
    return text[:i] + piece + text[i:]


def _wrap(rng, text):
    width = rng.randint(5, 40)
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _newlines(rng, text):
    return text.replace("\n", rng.choice(("\r\n", "\r", "\n\n", " ")))


def _strip_punctuation(rng, text):
    return "".join(c for c in text if c not in "。！？!?.…")


def _swap_sentences(rng, text):
    parts = text.split("。")
    rng.shuffle(parts)
    return "。".join(parts)


def _repeat(rng, text):
    return text * rng.randint(2, 4)


MUTATORS = (_insert, _insert, _insert, _delete, _double, _wrap, _newlines, _strip_punctuation,
            _swap_sentences, _repeat)


def mutate(rng: random.Random, text: str) -> str:
    """Apply 0–5 random mutations to ``text``."""
    for _ in range(rng.randint(0, 5)):
        text = rng.choice(MUTATORS)(rng, text)
    return text


def encode(rng: random.Random, text: str) -> tuple[bytes, bool]:
    """Encode ``text`` in a random supported encoding; return (bytes, whether bytes were corrupted)."""
    name = rng.choice(ENCODINGS)
    try:
        if name == "utf-16-be-bom":
            data = b"\xfe\xff" + text.encode("utf-16-be")
        else:
            data = text.encode(name)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if data and rng.random() < 0.1:
        data = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] = rng.choice((0x80, 0xff, 0xc3, 0xa1))
        return bytes(data), True
    return data, False


def check_case(path_a: Path, path_b: Path, options: dict, *, deterministic: bool):
    """Run the pipeline on two files, check every promise (raise on a broken one), return the report."""
    report = compare(path_a, path_b, **options)
    invariants.check_report(report)
    json_text, html = invariants.rendered(report)
    invariants.check_escaped(html)
    text_a, text_b = (source.text for source in report.sources)
    swapped = compare_texts(text_b, text_a, **options)
    invariants.check_swap(report, swapped)
    if deterministic:
        again = compare(path_a, path_b, **options)
        assert invariants.rendered(again) == (json_text, html), "the same inputs gave different reports"
    return report


def text_failure(text_a: str, text_b: str, options: dict) -> str | None:
    """The failure signature of comparing two texts in memory, or None if every check passes."""
    try:
        report = compare_texts(text_a, text_b, **options)
        invariants.check_report(report)
        invariants.check_escaped(invariants.rendered(report)[1])
        invariants.check_swap(report, compare_texts(text_b, text_a, **options))
    except AssertionError as err:
        return f"AssertionError: {str(err).split(':')[0]}"
    except Exception as err:  # noqa: BLE001 — any crash is a finding
        return type(err).__name__
    return None


def shrink(text_a: str, text_b: str, options: dict, signature: str, seconds: float = 30.0) -> tuple[str, str]:
    """Delta-debug: drop lines, then characters, while the same failure signature persists."""
    deadline = time.monotonic() + seconds
    texts = [text_a, text_b]
    for unit in ("lines", "chars"):
        for side in (0, 1):
            pieces = texts[side].splitlines(keepends=True) if unit == "lines" else list(texts[side])
            chunk = max(1, len(pieces) // 2)
            while chunk >= 1 and time.monotonic() < deadline:
                i, changed = 0, False
                while i < len(pieces) and time.monotonic() < deadline:
                    trial = pieces[:i] + pieces[i + chunk:]
                    candidate = list(texts)
                    candidate[side] = "".join(trial)
                    if text_failure(*candidate, options) == signature:
                        pieces, texts, changed = trial, candidate, True
                    else:
                        i += chunk
                if not changed:
                    chunk //= 2
    return texts[0], texts[1]


def run(seconds: float, seed: int = 0, out: Path | None = None, log=None, known: tuple[str, ...] = (),
        seed_folders: tuple[Path, ...] = ()) -> Result:
    """Fuzz for ``seconds``; return the :class:`Result` (failures also saved under ``out``).

    ``known`` holds regular expressions of failure messages already reported:
    they are counted, not collected.  ``seed_folders`` add seed texts to the samples.
    """
    rng = random.Random(seed)
    seeds = seed_texts(seed_folders)
    result = Result()
    seen: set[str] = set()
    record = functools.partial(_record, result, seen, out, log, known)
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory(prefix="aligner-fuzz-") as folder:
        path_a, path_b = Path(folder, "a.txt"), Path(folder, "b.txt")
        while time.monotonic() < deadline:
            result.cases += 1
            source = rng.choice(seeds)
            text_a = mutate(rng, excerpt(rng, source))
            text_b = mutate(rng, excerpt(rng, rng.choice((source, source, rng.choice(seeds)))))
            (data_a, bad_a), (data_b, bad_b) = encode(rng, text_a), encode(rng, text_b)
            path_a.write_bytes(data_a)
            path_b.write_bytes(data_b)
            options = {"script": rng.choice(("simplified", "traditional")),
                       "threshold": rng.choice((0.3, 0.5, 0.6, 0.9, 1.0)),
                       "keep_boilerplate": rng.random() < 0.2}
            try:
                report = check_case(path_a, path_b, options, deterministic=result.cases % 10 == 0)
            except AlignerError as err:
                if bad_a or bad_b:
                    result.rejected += 1
                    continue
                record("rejected clean input", err, text_a, text_b, options)
            except Exception as err:  # noqa: BLE001 — every crash or broken promise is a finding
                record(type(err).__name__, err, text_a, text_b, options)
            else:
                # Not a failure (a lone BOM-like start or a short GB/Big5 text can be ambiguous), but counted.
                decoded = tuple(source.text for source in report.sources)
                result.misdecoded += sum(bad is False and got != want for bad, got, want
                                         in ((bad_a, decoded[0], text_a), (bad_b, decoded[1], text_b)))
    return result


def _record(result: Result, seen: set, out: Path | None, log, known: tuple[str, ...], kind: str,
            err: BaseException, text_a: str, text_b: str, options: dict) -> None:
    """Keep the first failure of each kind, shrunk, and save it under ``out``."""
    message = str(err).split("\n")[0][:300]
    if any(re.search(pattern, message) for pattern in known):
        result.known += 1
        return
    # One failure per broken promise: its first words, without the quoted text and numbers that vary.
    key = f"{kind}: " + " ".join(re.sub(r"'[^']*'|\d+", "_", message).split()[:4])
    if key in seen:
        return
    seen.add(key)
    signature = text_failure(text_a, text_b, options)
    if signature:
        text_a, text_b = shrink(text_a, text_b, options, signature)
    failure = {"kind": kind, "message": message, "options": options, "a": text_a, "b": text_b,
               "reproduces_in_memory": signature is not None, "traceback": traceback.format_exc()[-3000:]}
    result.failures.append(failure)
    if log:
        log(f"FAILURE {kind}: {message}\n  a={text_a[:200]!r}\n  b={text_b[:200]!r}")
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"failure-{len(result.failures):03d}.json").write_text(
            json.dumps(failure, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz.fuzz_pipeline", description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="random seed (default: the clock)")
    parser.add_argument("--out", type=Path, default=None, help="folder for shrunk failing cases (JSON)")
    parser.add_argument("--seeds", type=Path, action="append", default=[],
                        help="a folder of more seed texts (*.txt, UTF-8); may be repeated")
    args = parser.parse_args(argv)
    for folder in args.seeds:
        if not folder.is_dir():
            parser.error(f"--seeds {folder}: not a folder")

    def log(line: str) -> None:
        print(line, flush=True)

    started = time.monotonic()
    result = run(args.minutes * 60, seed=args.seed, out=args.out, log=log, seed_folders=tuple(args.seeds))
    elapsed = time.monotonic() - started
    print(f"seed {args.seed}: {result.cases} cases in {elapsed:.0f} s, {result.rejected} corrupt inputs "
          f"rejected cleanly, {result.misdecoded} clean inputs decoded differently, {result.known} known, "
          f"{len(result.failures)} distinct failures")
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
