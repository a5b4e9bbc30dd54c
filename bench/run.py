"""Quality benchmark: aligner against the difflib baseline, level by level.

``python -m bench.run [--quick] [--seed N] [--pairs N] [--levels easy,hard]`` makes
pairs with :mod:`bench.make_pairs` (the ``layout`` level with
:mod:`bench.layout_level`), runs ``aligner.compare_texts`` and
:func:`bench.baseline.baseline_align` on each, scores both with :mod:`bench.metrics`
and prints two tables: link P/R/F1, only-in-one P/R per side, conflict P/R and the
time spent by each tool (the time of making pairs and scoring is not counted); then
what the reports say whatever the gold: one-sided segments, conflicts, content
linked, identical links.
"""

from __future__ import annotations

import argparse
import time
import traceback
from collections import defaultdict
from typing import Callable

from .baseline import baseline_align
from .layout_level import make_layout_pairs
from .make_pairs import LEVELS, Pair, make_pairs
from .metrics import Prediction, Score, prediction_from_report, score_pair

ALL_LEVELS = (*LEVELS, "layout")
DEFAULT_PAIRS = {"easy": 30, "medium": 30, "hard": 30, "hard_prewrap": 30, "long": 3, "layout": 40}
QUICK_PAIRS = {"easy": 5, "medium": 5, "hard": 5, "hard_prewrap": 5, "long": 1, "layout": 5}
TARGETS = ("targets: every level link F1 ≥ 0.98, only-in-one P/R ≥ 0.98 per side; ahead of baseline;\n"
           "         layout: 0 one-sided, 0 conflicts, 100 % of content linked, ≥ 99 % identical")


def level_pairs(level: str, count: int, seed: int) -> list[Pair]:
    """``count`` pairs of ``level`` for ``seed``."""
    return make_layout_pairs(count, seed) if level == "layout" else make_pairs(level, count, seed)


def aligner_predict(pair: Pair) -> Prediction:
    """Return the aligner's prediction for ``pair`` (``compare_texts`` with default options)."""
    from aligner import compare_texts

    return prediction_from_report(compare_texts(pair.text_a, pair.text_b))


def baseline_predict(pair: Pair) -> Prediction:
    """Return the baseline's prediction for ``pair``."""
    return baseline_align(pair.text_a, pair.text_b)


TOOLS: dict[str, Callable[[Pair], Prediction]] = {"aligner": aligner_predict, "baseline": baseline_predict}


def evaluate(pairs: list[Pair], predict: Callable[[Pair], Prediction]) -> tuple[dict[str, Score], float, list[str]]:
    """Return summed scores over ``pairs``, seconds spent in ``predict``, and failures.

    A pair on which the tool raises scores as an empty prediction (nothing linked)
    and its error is listed, so one crash does not hide the rest of the table.
    """
    totals: dict[str, Score] = defaultdict(Score)
    seconds = 0.0
    failures = []
    for pair in pairs:
        started = time.perf_counter()
        try:
            prediction = predict(pair)
        except Exception as error:  # a benchmark reports crashes, it does not stop at them
            prediction = Prediction(())
            failures.append(f"{pair.name}: {type(error).__name__}: {error}".splitlines()[0])
            if len(failures) == 1:
                traceback.print_exc()
        seconds += time.perf_counter() - started
        for key, score in score_pair(pair, prediction).items():
            totals[key] = totals[key] + score
    return dict(totals), seconds, failures


def _ratio(value: float | None) -> str:
    return "   –" if value is None else f"{value:.3f}"[1:] if value < 0.9995 else "1.00"


def format_row(level: str, tool: str, pairs: int, chars: int, scores: dict[str, Score], seconds: float) -> str:
    """Return one line of the table."""
    links = scores["links"]
    cells = [f"{level:<13}{tool:<9}{pairs:>4}{chars / 1000:>8.0f}k",
             f"{_ratio(links.precision)} {_ratio(links.recall)} {_ratio(links.f1)}"]
    for key in ("only_a", "only_b", "conflicts"):
        cells.append(f"{_ratio(scores[key].precision)} {_ratio(scores[key].recall)}")
    cells.append(f"{seconds:8.2f}")
    return " | ".join(cells)


HEADER = (f"{'level':<13}{'tool':<9}{'pairs':>4}{'chars':>9} | {'link P   R    F1':<14} | "
          f"{'only_a P R':<9} | {'only_b P R':<9} | {'confl P R':<9} | {'time s':>8}")
READING_HEADER = (f"{'level':<13}{'tool':<9} | {'one-sided':>9} | {'conflicts':>9} | {'linked':>8} | "
                  f"{'identical':>9}")


def format_reading_row(level: str, tool: str, scores: dict[str, Score]) -> str:
    """Return one line of the second table: what the reports say, whatever the gold."""
    linked, identical = scores["linked"].precision, scores["identical"].precision
    return (f"{level:<13}{tool:<9} | {scores['one_sided'].predicted:>9} | {scores['conflicts'].predicted:>9} | "
            f"{'–' if linked is None else f'{linked:.2%}':>8} | "
            f"{'–' if identical is None else f'{identical:.2%}':>9}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score aligner and the difflib baseline on edited corpus pairs.")
    parser.add_argument("--quick", action="store_true", help="a few pairs per level (about 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the pairs (default 0)")
    parser.add_argument("--pairs", type=int, help="pairs per level, instead of the default")
    parser.add_argument("--levels", default=",".join(ALL_LEVELS), help="comma-separated levels to run")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated tools to run")
    args = parser.parse_args(argv)
    counts = QUICK_PAIRS if args.quick else DEFAULT_PAIRS
    tools = args.tools.split(",")
    print(HEADER)
    print("-" * len(HEADER))
    overall = {tool: ({}, 0.0, 0, 0) for tool in tools}
    readings = []
    all_failures = []
    for level in args.levels.split(","):
        n = args.pairs if args.pairs is not None else counts[level]
        if level == "long" and args.pairs is not None:
            n = max(1, args.pairs // 10)
        pairs = level_pairs(level, n, args.seed)
        chars = sum(len(p.text_a) + len(p.text_b) for p in pairs)
        for tool in tools:
            scores, seconds, failures = evaluate(pairs, TOOLS[tool])
            all_failures.extend(f"{tool} {f}" for f in failures)
            print(format_row(level, tool, len(pairs), chars, scores, seconds), flush=True)
            readings.append(format_reading_row(level, tool, scores))
            summed, total_seconds, total_pairs, total_chars = overall[tool]
            overall[tool] = ({k: summed.get(k, Score()) + scores.get(k, Score()) for k in {*summed, *scores}},
                             total_seconds + seconds,
                             total_pairs + len(pairs), total_chars + chars)
    print("-" * len(HEADER))
    for tool in tools:
        summed, seconds, pairs, chars = overall[tool]
        print(format_row("all", tool, pairs, chars, summed, seconds))
    for tool in tools:
        summed = overall[tool][0]
        kinds = sorted(k for k in summed if k.startswith("conflicts."))
        print(f"conflict recall by kind, {tool}: "
              + ", ".join(f"{k.split('.', 1)[1]} {_ratio(summed[k].recall)} ({summed[k].gold})" for k in kinds))
    print()
    print(READING_HEADER)
    print("-" * len(READING_HEADER))
    print("\n".join(readings))
    print(TARGETS)
    for failure in all_failures:
        print("FAILED", failure)


if __name__ == "__main__":
    main()
