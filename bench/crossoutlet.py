"""Cross-outlet benchmark: real reports of one event by two outlets, judged by hand.

``python -m bench.crossoutlet [--texts DIR] [--pairs a,b] [--tools aligner,baseline] [--verbose]``
runs ``aligner.compare_texts`` and the difflib baseline (:mod:`bench.baseline`) on
every pair of ``bench/crossoutlet/gold/`` whose two texts can be found, and prints:

* link precision / recall over gold sentence pairs (:func:`bench.metrics.link_score`,
  the same definition as the editor-simulated levels), and link recall by the gold
  link's basis (``copy``, ``reworded``, ``partial``);
* only-in-one precision / recall per side, by characters (:func:`bench.metrics.one_sided_score`);
* claim verdicts right: a gold claim is matched to the tool's ``report.facts`` by span
  overlap (see :func:`claim_verdict`); a claim the tool misses counts as wrong;
* facts whose mention overlaps a byline, credit, dateline or outlet name that the
  gold marks as not a fact.

Texts that the sources' terms let us commit are in ``bench/crossoutlet/pairs/``; the
others are looked for in ``--texts`` (default ``$ALIGNER_XBENCH_TEXTS`` or
``~/.cache/aligner-bench/crossoutlet``) and checked against the gold's sha256.
A pair without both texts is skipped and named.  Format of the gold: README.md beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .baseline import baseline_align
from .make_pairs import Gold, Pair
from .metrics import Prediction, Score, link_score, made_pairs, one_sided_score, prediction_from_report

HERE = Path(__file__).resolve().parent / "crossoutlet"
DEFAULT_TEXTS = Path.home() / ".cache" / "aligner-bench" / "crossoutlet"
VERDICTS = ("shared", "conflict", "update", "rounding", "one-sided")
TWO_SIDED = ("shared", "conflict", "update", "rounding")
# report.facts statuses as verdicts; statuses a later tool adds map to themselves
STATUS_VERDICT = {"only_a": "one-sided", "only_b": "one-sided"}
NAME_KINDS = ("person", "place", "organization")
TARGETS = ("targets (later work): link recall >= 0.85 at precision >= 0.95; claim verdicts right >= 0.90; "
           "no byline or outlet name reported as a fact")


@dataclass
class Case:
    """One judged pair: its texts, its gold as a :class:`~bench.make_pairs.Pair`, and the raw gold JSON."""

    name: str
    pair: Pair
    gold: dict


@dataclass
class Tally:
    """Sums over pairs of one tool."""

    scores: dict[str, Score] = field(default_factory=dict)
    verdicts: Counter = field(default_factory=Counter)  # (gold verdict, right?) -> count
    not_facts: int = 0
    not_fact_conflicts: int = 0
    unjudged: int = 0
    has_facts: bool = False

    def add(self, key: str, score: Score) -> None:
        self.scores[key] = self.scores.get(key, Score()) + score


# ---------------------------------------------------------------- loading

def text_dirs(texts: str | None) -> list[Path]:
    """Return where texts are looked for: the committed ones first, then the given or default folder."""
    extra = texts or os.environ.get("ALIGNER_XBENCH_TEXTS") or DEFAULT_TEXTS
    return [HERE / "pairs", Path(extra)]


def read_text(side: dict, dirs: list[Path]) -> str | None:
    """Return the text of one side if a copy with the gold's sha256 is found, else None."""
    for folder in dirs:
        path = folder / side["file"]
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if hashlib.sha256(text.encode("utf-8")).hexdigest() == side["sha256"]:
                return text
    return None


def gold_pair(name: str, gold: dict, text_a: str, text_b: str) -> Pair:
    """Return the gold as a :class:`~bench.make_pairs.Pair`, so :mod:`bench.metrics` can score it."""
    spans = {s: tuple(tuple(span) for span in gold[f"sentences_{s}"]) for s in "ab"}
    groups = tuple((tuple(link["a"]), tuple(link["b"])) for link in gold["links"])
    return Pair(name, "crossoutlet", text_a, text_b,
                Gold(spans["a"], spans["b"], groups, tuple(gold["only_a"]), tuple(gold["only_b"]), ()),
                conversion="", swapped=False)


def load_cases(texts: str | None = None, names: list[str] | None = None) -> tuple[list[Case], list[str]]:
    """Return the judged pairs whose texts are found, and the names of those skipped."""
    dirs = text_dirs(texts)
    cases, skipped = [], []
    for path in sorted((HERE / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if names and gold["pair"] not in names:
            continue
        text_a, text_b = read_text(gold["a"], dirs), read_text(gold["b"], dirs)
        if text_a is None or text_b is None:
            skipped.append(gold["pair"])
            continue
        cases.append(Case(gold["pair"], gold_pair(gold["pair"], gold, text_a, text_b), gold))
    return cases, skipped


# ---------------------------------------------------------------- claims

def _spans(mention: dict) -> list[tuple[int, int]]:
    return [(mention["start"], mention["end"]), *(tuple(span) for span in mention.get("also", ()))]


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


def _hits(mention, spans) -> bool:
    return mention is not None and _overlaps(mention.start, mention.end, spans)


def tool_verdict(status: str) -> str:
    """Return the verdict a fact's status stands for."""
    return STATUS_VERDICT.get(status, status)


def claim_verdict(claim: dict, facts) -> str | None:
    """Return the tool's verdict on a gold claim, or None when the tool says nothing (or contradicts itself).

    A two-sided claim is matched by facts with a mention on each side overlapping the
    claim's spans on that side; failing those, by facts touching either side: a
    one-sided fact says ``one-sided``, a fact pairing the figure with another one
    says ``mispaired``.  A one-sided claim is matched by the facts touching its side.
    All the matched facts must agree, else the answer is None (wrong).
    """
    a = _spans(claim["a"]) if claim["a"] else []
    b = _spans(claim["b"]) if claim["b"] else []
    both = [f for f in facts if _hits(f.a, a) and _hits(f.b, b)]
    if both:
        verdicts = {tool_verdict(f.status) for f in both}
    else:
        # a fact pairing the claim's figure with some other figure is a wrong pairing
        verdicts = {"mispaired" if f.a is not None and f.b is not None else tool_verdict(f.status)
                    for f in facts if _hits(f.a, a) or _hits(f.b, b)}
    return verdicts.pop() if len(verdicts) == 1 else None


def score_claims(gold: dict, facts, tally: Tally) -> list[str]:
    """Add the claim verdicts, the not-fact count and the unjudged facts of one pair to ``tally``;
    return a line for every wrong verdict and every fact made of a byline or outlet name."""
    wrong = []
    for claim in gold["claims"]:
        said = claim_verdict(claim, facts)
        right = said == claim["verdict"]
        tally.verdicts[(claim["verdict"], right)] += 1
        if not right:
            quotes = " / ".join(claim[s]["quote"] for s in "ab" if claim[s])
            wrong.append(f"  {gold['pair']} {claim['id']} {claim['measure']}: gold {claim['verdict']}, "
                         f"tool {said or 'nothing'} ({quotes})")
    not_facts = {s: [(n["start"], n["end"]) for n in gold["not_facts"] if n["side"] == s] for s in "ab"}
    claim_spans = {s: [span for c in gold["claims"] if c[s] for span in _spans(c[s])] for s in "ab"}
    for f in facts:
        if _hits(f.a, not_facts["a"]) or _hits(f.b, not_facts["b"]):
            tally.not_facts += 1
            tally.not_fact_conflicts += f.status == "conflict"
            wrong.append(f"  {gold['pair']} not a fact, reported {f.status}: "
                         + " / ".join(m.text for m in (f.a, f.b) if m is not None))
        elif f.kind not in NAME_KINDS and not (_hits(f.a, claim_spans["a"]) or _hits(f.b, claim_spans["b"])):
            tally.unjudged += 1
    return wrong


# ---------------------------------------------------------------- running

def basis_recall(case: Case, prediction: Prediction) -> dict[str, Score]:
    """Return link recall by the gold link's basis (gold sentence pairs of that basis made)."""
    made = made_pairs(case.pair.text_a, case.pair.text_b, case.pair.gold, prediction.links)
    scores: dict[str, Score] = {}
    for link in case.gold["links"]:
        wanted = {(i, j) for i in link["a"] for j in link["b"]}
        key = f"basis.{link['basis']}"
        scores[key] = scores.get(key, Score()) + Score(0, 0, len(wanted & made), len(wanted))
    return scores


def run_tool(tool: str, cases: list[Case]) -> tuple[Tally, list[str]]:
    """Run one tool on every case and return its tally and the lines of its mistakes."""
    from aligner import compare_texts

    tally, wrong = Tally(has_facts=tool == "aligner"), []
    for case in cases:
        pair = case.pair
        if tool == "aligner":
            report = compare_texts(pair.text_a, pair.text_b)
            prediction = prediction_from_report(report)
            wrong += score_claims(case.gold, report.facts, tally)
        else:
            prediction = baseline_align(pair.text_a, pair.text_b)
        tally.add("links", link_score(pair, prediction))
        tally.add("only_a", one_sided_score(pair.text_a, pair.gold.sentences_a, pair.gold.only_a, prediction.only_a))
        tally.add("only_b", one_sided_score(pair.text_b, pair.gold.sentences_b, pair.gold.only_b, prediction.only_b))
        for key, score in basis_recall(case, prediction).items():
            tally.add(key, score)
    return tally, wrong


def _ratio(value: float | None) -> str:
    return "  –  " if value is None else f"{value:.3f}"


def _claims(tally: Tally, verdicts=VERDICTS) -> str:
    right = sum(n for (v, ok), n in tally.verdicts.items() if ok and v in verdicts)
    total = sum(n for (v, _), n in tally.verdicts.items() if v in verdicts)
    if not tally.has_facts or not total:
        return "   –     "
    return f"{right / total:.3f} {right:>3}/{total:<3}"


HEADER = (f"{'tool':<9} | {'link P':>6} {'link R':>6} {'F1':>6} | {'only_a P':>8} {'R':>6} | {'only_b P':>8} {'R':>6} | "
          f"{'claims right':<13} | {'2-sided':<13} | {'not-facts':>9}")


def format_row(tool: str, tally: Tally) -> str:
    """Return one line of the summary table."""
    s = tally.scores
    links, only_a, only_b = s.get("links", Score()), s.get("only_a", Score()), s.get("only_b", Score())
    not_facts = f"{tally.not_facts} ({tally.not_fact_conflicts} c)" if tally.has_facts else "–"
    return (f"{tool:<9} | {_ratio(links.precision):>6} {_ratio(links.recall):>6} {_ratio(links.f1):>6} | "
            f"{_ratio(only_a.precision):>8} {_ratio(only_a.recall):>6} | {_ratio(only_b.precision):>8} "
            f"{_ratio(only_b.recall):>6} | {_claims(tally):<13} | {_claims(tally, TWO_SIDED):<13} | {not_facts:>9}")


def detail_lines(tool: str, tally: Tally) -> list[str]:
    """Return the recall by link basis and the verdicts right by gold verdict."""
    bases = sorted(k for k in tally.scores if k.startswith("basis."))
    lines = [f"{tool} link recall by basis: " + ", ".join(
        f"{k.split('.', 1)[1]} {_ratio(tally.scores[k].recall)} ({tally.scores[k].gold})" for k in bases)]
    if tally.has_facts:
        lines.append(f"{tool} claim verdicts right by gold verdict: " + ", ".join(
            f"{v} {_claims(tally, (v,)).strip()}" for v in VERDICTS if any(k[0] == v for k in tally.verdicts))
            + f"; unjudged figure facts: {tally.unjudged}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score aligner and the difflib baseline on judged cross-outlet pairs.")
    parser.add_argument("--texts", help="folder with the texts that are not committed "
                                        "(default $ALIGNER_XBENCH_TEXTS or ~/.cache/aligner-bench/crossoutlet)")
    parser.add_argument("--pairs", help="comma-separated pair names (default: all)")
    parser.add_argument("--tools", default="aligner,baseline", help="comma-separated tools to run")
    parser.add_argument("--verbose", action="store_true", help="list every wrong claim verdict and not-fact")
    args = parser.parse_args(argv)
    cases, skipped = load_cases(args.texts, args.pairs.split(",") if args.pairs else None)
    sentence_pairs = sum(len(made_pairs_gold(c)) for c in cases)
    claims = sum(len(c.gold["claims"]) for c in cases)
    print(f"{len(cases)} pairs, {sentence_pairs} gold sentence pairs, {claims} claims"
          + (f"; skipped (texts not found): {', '.join(skipped)}" if skipped else ""))
    print(HEADER)
    print("-" * len(HEADER))
    details, mistakes = [], []
    for tool in args.tools.split(","):
        tally, wrong = run_tool(tool, cases)
        print(format_row(tool, tally), flush=True)
        details += detail_lines(tool, tally)
        mistakes += wrong
    print("\n".join(details))
    print(TARGETS)
    if args.verbose:
        print("\n".join(mistakes))


def made_pairs_gold(case: Case) -> set[tuple[int, int]]:
    """Return the gold sentence pairs of a case."""
    return {(i, j) for a, b in case.pair.gold.pairs for i in a for j in b}


if __name__ == "__main__":
    main()
