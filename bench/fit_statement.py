"""Fit the statement model (``src/aligner/data/statement_model.json``) on the judged cross-outlet pairs.

``python -m bench.fit_statement [--write] [--texts DIR]``

1. Every pair of content segments of a judged pair that the characters leave under
   the threshold and that stand within reach is a sample; it is positive when the gold
   links the two sentences holding them.  A logistic model of the features of
   :mod:`aligner.align.statement` is fitted to them (Newton's method, a small L2 penalty).
2. The level above which the alignment links on content is chosen end to end: the
   lowest level of :data:`LEVELS` whose links keep a precision of at least
   :data:`PRECISION` over the pairs (the gold sentence pairs made, as
   ``bench.crossoutlet`` scores them) and that costs the editor-simulated pairs
   (:data:`EDITOR_LEVELS` of ``bench.make_pairs``) at most :data:`RECALL_SLACK` of
   only-in-one recall on any side of any level, against the alignment without content
   or clause links (a one-sided sentence linked to a stranger is the wrong link those
   pairs can show); then, that level fixed, the clause level the same way.
3. Leave one event out: the same fit and choice on the other events, scored on the
   event left out; the summed held-out scores are what to expect on unseen pairs.

``--write`` writes the model fitted on all pairs; ``tests/test_statement.py`` re-runs the
fit and compares it with the file (when the texts are at hand).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from aligner.align import DEFAULT_THRESHOLD, align
from aligner.align.candidates import exact_anchors
from aligner.align.content import ContentScorer
from aligner.align.scorer import matching_key, similarity
from aligner.align.statement import FEATURES, MODEL_FILE, StatementModel
from aligner.model import Source
from aligner.pipeline import prepare_side
from aligner.read import detect_script

from .crossoutlet import Case, load_cases
from .make_pairs import make_pairs
from .metrics import Prediction, Score, link_score, one_sided_score

MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "aligner" / "data" / MODEL_FILE
# Least link precision a level must keep on the pairs it is chosen on (the target is 0.95:
# a wrong link is worse than a missed one, and the choice is made on few pairs).
PRECISION = 0.97
LEVELS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)
L2 = 1.0
# The editor-simulated pairs a level must not cost only-in-one recall on (as ``bench.run
# --seed 3 --pairs 30`` makes them), and how much it may cost.
EDITOR_LEVELS = ("medium", "hard")
EDITOR_SEED = 3
EDITOR_PAIRS = 30
RECALL_SLACK = 0.003


def event(case: Case) -> str:
    """The event a judged pair reports (its name's first word: fire, dingri, hualien...)."""
    return case.name.split("-")[0]


def segments(case: Case):
    """The segments of both sides, as the pipeline cuts them."""
    sides = []
    for side, text in (("a", case.pair.text_a), ("b", case.pair.text_b)):
        source = Source(id=side, path=side, text=text, encoding="utf-8", script=detect_script(text), sha256="")
        sides.append(prepare_side(source).segments)
    return sides


def _owner(segment, sentences) -> int | None:
    overlaps = [min(segment.end, e) - max(segment.start, s) for s, e in sentences]
    best = max(range(len(sentences)), key=overlaps.__getitem__, default=None)
    return best if best is not None and overlaps[best] > 0 else None


def samples(case: Case, segs) -> tuple[list[tuple[float, ...]], list[int]]:
    """The features and gold labels of the pairs the content model decides."""
    seg_a, seg_b = segs
    keys_a = [matching_key(s.normalized) for s in seg_a]
    keys_b = [matching_key(s.normalized) for s in seg_b]
    scorer = ContentScorer(keys_a, keys_b, DEFAULT_THRESHOLD)
    scorer.remember(exact_anchors(keys_a, keys_b), 1.0)
    gold = {(i, j) for link in case.gold["links"] for i in link["a"] for j in link["b"]}
    owners_a = [_owner(s, case.gold["sentences_a"]) for s in seg_a]
    owners_b = [_owner(s, case.gold["sentences_b"]) for s in seg_b]
    xs, ys = [], []
    for i, a in enumerate(seg_a):
        for j, b in enumerate(seg_b):
            if not (a.is_content and b.is_content and keys_a[i] and keys_b[j]) or not scorer.near(i, j):
                continue
            if similarity(keys_a[i], keys_b[j]) > DEFAULT_THRESHOLD:
                continue
            xs.append(scorer.evidence.features(i, j))
            ys.append(int((owners_a[i], owners_b[j]) in gold))
    return xs, ys


def fit_logistic(xs: list, ys: list) -> tuple[float, tuple[float, ...]]:
    """Intercept and weights of an L2-penalised logistic regression (Newton's method)."""
    x = np.column_stack([np.ones(len(xs)), np.asarray(xs, float)])
    y = np.asarray(ys, float)
    penalty = L2 * np.diag([0.0] + [1.0] * (x.shape[1] - 1))
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-x @ w))
        step = np.linalg.solve((x * (p * (1 - p))[:, None]).T @ x + penalty, x.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return round(float(w[0]), 4), tuple(round(float(v), 4) for v in w[1:])


def link_scores(cases: list[Case], segs: dict, model: StatementModel) -> Score:
    """The link score of the alignment with ``model`` over ``cases``."""
    total = Score()
    for case in cases:
        seg_a, seg_b = segs[case.name]
        alignment = align(seg_a, seg_b, model=model)
        spans = {s.id: (s.start, s.end) for s in (*seg_a, *seg_b)}
        links = tuple((tuple(spans[i] for i in link.a), tuple(spans[i] for i in link.b))
                      for link in alignment.links)
        total += link_score(case.pair, Prediction(links))
    return total


class EditorPairs:
    """The editor-simulated pairs, prepared once, and their only-in-one recall per level
    and side without content or clause links (what a level may not cost)."""

    def __init__(self) -> None:
        pairs = [pair for level in EDITOR_LEVELS for pair in make_pairs(level, EDITOR_PAIRS, EDITOR_SEED)]
        self.cases = [Case(pair.name, pair, {}) for pair in pairs]
        self.segs = {case.name: segments(case) for case in self.cases}
        self.floor = {key: recall - RECALL_SLACK for key, recall in self.recalls(StatementModel(0.0, (0.0,) * len(FEATURES), 1.01, 1.01)).items()}

    def recalls(self, model: StatementModel) -> dict[tuple[str, str], float]:
        """Only-in-one recall (by characters) per (level, side) with ``model``."""
        totals: dict[tuple[str, str], Score] = {}
        for case in self.cases:
            seg_a, seg_b = self.segs[case.name]
            alignment = align(seg_a, seg_b, model=model)
            gold, pair = case.pair.gold, case.pair
            for side, text, sentences, only, segs, found in (
                    ("a", pair.text_a, gold.sentences_a, gold.only_a, seg_a, alignment.only_a),
                    ("b", pair.text_b, gold.sentences_b, gold.only_b, seg_b, alignment.only_b)):
                found = set(found)
                spans = tuple((s.start, s.end) for s in segs if s.id in found)
                key = (pair.level, side)
                totals[key] = totals.get(key, Score()) + one_sided_score(text, sentences, only, spans)
        return {key: score.recall or 0.0 for key, score in totals.items()}

    def keeps_recall(self, model: StatementModel) -> bool:
        return all(recall >= self.floor[key] for key, recall in self.recalls(model).items())


def choose(cases: list[Case], segs: dict, intercept: float, weights: tuple,
           editor: EditorPairs) -> StatementModel:
    """The model with the levels chosen end to end on ``cases`` and ``editor`` (see the module docstring)."""
    def best(make) -> float:
        for level in LEVELS:
            score = link_scores(cases, segs, make(level))
            if (score.precision is None or score.precision >= PRECISION) and editor.keeps_recall(make(level)):
                return level
        return LEVELS[-1]

    link = best(lambda level: StatementModel(intercept, weights, level, 1.01))
    clause = best(lambda level: StatementModel(intercept, weights, link, max(level, link)))
    return StatementModel(intercept, weights, link, max(clause, link))


def fit(cases: list[Case], segs: dict, data: dict, editor: EditorPairs) -> StatementModel:
    xs = [x for case in cases for x in data[case.name][0]]
    ys = [y for case in cases for y in data[case.name][1]]
    return choose(cases, segs, *fit_logistic(xs, ys), editor)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", help="folder with the texts that are not committed")
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_PATH.name}")
    args = parser.parse_args(argv)
    cases, skipped = load_cases(args.texts)
    if skipped:
        raise SystemExit(f"texts not found for {', '.join(skipped)}: the fit needs every judged pair")
    segs = {case.name: segments(case) for case in cases}
    data = {case.name: samples(case, segs[case.name]) for case in cases}
    editor = EditorPairs()
    model = fit(cases, segs, data, editor)
    print(f"{sum(len(d[1]) for d in data.values())} samples, {sum(sum(d[1]) for d in data.values())} positive")
    print("model:", json.dumps(model.to_json()))
    print("in sample:", _line(link_scores(cases, segs, model)))
    held_out = Score()
    for name in sorted({event(c) for c in cases}):
        train = [c for c in cases if event(c) != name]
        test = [c for c in cases if event(c) == name]
        fold = fit(train, segs, data, editor)
        score = link_scores(test, segs, fold)
        held_out += score
        print(f"  left out {name:<9} link level {fold.link:.2f} clause {fold.clause:.2f}: {_line(score)}")
    print("leave one event out:", _line(held_out))
    if args.write:
        MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")


def _line(score: Score) -> str:
    def ratio(value):
        return "–" if value is None else f"{value:.3f}"
    return (f"P {ratio(score.precision)} R {ratio(score.recall)} F1 {ratio(score.f1)} "
            f"({score.hit_gold}/{score.gold} gold pairs, {score.predicted} made)")


if __name__ == "__main__":
    main()
