"""The hand-judged cross-outlet gold (bench/crossoutlet/) is well-formed, and the scorer reads it right."""

import hashlib
import json

import pytest

from aligner.model import Fact, Mention
from bench.crossoutlet import (
    HERE,
    TWO_SIDED,
    VERDICTS,
    Tally,
    claim_verdict,
    gold_pair,
    read_text,
    score_claims,
    text_dirs,
)
from bench.metrics import Prediction, link_score

GOLD_FILES = sorted((HERE / "gold").glob("*.json"))
SOURCES = json.loads((HERE / "sources.json").read_text(encoding="utf-8"))
MAX_QUOTE = 40  # a short quote, never more than one sentence
SOURCE_KEYS = {"outlet", "region", "url", "date", "committed", "terms", "sha256", "chars"}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def available_text(side):
    """The side's text when it is committed or in the local cache, else None."""
    return read_text(side, text_dirs(None))


def test_enough_pairs_and_every_side_has_a_source():
    assert len(GOLD_FILES) >= 12
    for path in GOLD_FILES:
        gold = load(path)
        assert path.stem == gold["pair"]
        for s in "ab":
            source = SOURCES[gold[s]["source"]]
            assert SOURCE_KEYS <= source.keys()
            assert source["url"].startswith("http") and source["terms"]
            assert source["sha256"] == gold[s]["sha256"] and source["committed"] == gold[s]["committed"]


def test_committed_texts_are_there_and_no_other_text_is():
    committed = {gold[s]["file"]: gold[s] for gold in map(load, GOLD_FILES) for s in "ab" if gold[s]["committed"]}
    on_disk = {p.name for p in (HERE / "pairs").glob("*.txt")}
    assert on_disk == set(committed)
    for name, side in committed.items():
        text = (HERE / "pairs" / name).read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == side["sha256"]
        assert len(text) == side["chars"]


def _check_spans(spans, chars):
    ends = 0
    for start, end in spans:
        assert ends <= start < end <= chars
        ends = end


def _mentions(gold):
    for claim in gold["claims"]:
        for s in "ab":
            if claim[s]:
                yield s, claim[s]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_structure(path):
    gold = load(path)
    assert gold["schema"] == "crossoutlet-gold/1"
    for s in "ab":
        _check_spans(gold[f"sentences_{s}"], gold[s]["chars"])
        linked = {i for link in gold["links"] for i in link[s]}
        assert linked <= set(range(len(gold[f"sentences_{s}"])))
        assert gold[f"only_{s}"] == sorted(set(range(len(gold[f"sentences_{s}"]))) - linked)
    assert all(link["a"] and link["b"] and link["basis"] in ("copy", "reworded", "partial") for link in gold["links"])
    for claim in gold["claims"]:
        assert claim["verdict"] in VERDICTS and claim["measure"]
        sides = [s for s in "ab" if claim[s]]
        assert sides == (["a", "b"] if claim["verdict"] in TWO_SIDED else sides) and len(sides) >= 1
        assert (claim["verdict"] == "one-sided") == (len(sides) == 1)
    for s, mention in _mentions(gold):
        assert 0 <= mention["start"] < mention["end"] <= gold[s]["chars"]
        assert len(mention["quote"]) <= MAX_QUOTE and "\n" not in mention["quote"]
        assert all(0 <= a < b <= gold[s]["chars"] for a, b in mention["also"])
    for nf in gold["not_facts"]:
        assert nf["kind"] in ("byline", "credit", "dateline", "outlet") and len(nf["quote"]) <= MAX_QUOTE


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_quotes_match_the_texts_at_hand(path):
    """Every quote equals its span in every text at hand (the committed ones always)."""
    gold = load(path)
    checked = 0
    for s in "ab":
        text = available_text(gold[s])
        if text is None:
            assert not gold[s]["committed"]
            continue
        assert all(text[a:b].strip() == text[a:b] for a, b in gold[f"sentences_{s}"])
        quoted = [m for side, m in _mentions(gold) if side == s] + [n for n in gold["not_facts"] if n["side"] == s]
        for mention in quoted:
            assert text[mention["start"]:mention["end"]] == mention["quote"]
            checked += 1
    assert checked or not any(gold[s]["committed"] for s in "ab")


def _fact(status, claim, a=True, b=True):
    def mention(m):
        return Mention(m["start"], m["end"], m["quote"]) if m else None
    return Fact("quantity", status, mention(claim["a"]) if a else None, mention(claim["b"]) if b else None)


def test_scorer_gives_every_verdict_its_due():
    gold = load(HERE / "gold" / "ragasa-hk-report15.json")
    status = {"one-sided": None}
    right_facts = []
    for claim in gold["claims"]:
        if claim["verdict"] == "one-sided":
            right_facts.append(_fact("only_a" if claim["a"] else "only_b", claim))
        else:
            right_facts.append(_fact(status.get(claim["verdict"], claim["verdict"]), claim))
    tally = Tally(has_facts=True)
    assert score_claims(gold, right_facts, tally) == []
    assert sum(tally.verdicts.values()) == len(gold["claims"]) and all(ok for _, ok in tally.verdicts)
    update = next(c for c in gold["claims"] if c["verdict"] == "update")
    # the two figures left one-sided, or called a conflict, are both wrong answers
    assert claim_verdict(update, [_fact("only_a", update, b=False), _fact("only_b", update, a=False)]) == "one-sided"
    assert claim_verdict(update, [_fact("conflict", update)]) == "conflict"
    assert claim_verdict(update, []) is None
    byline = next(n for n in gold["not_facts"] if n["side"] == "b")
    made_up = Fact("person", "only_b", None, Mention(byline["start"], byline["end"] - 1, byline["quote"][:-1]))
    tally = Tally(has_facts=True)
    score_claims(gold, [made_up], tally)
    assert tally.not_facts == 1


def test_gold_links_score_one_on_themselves():
    gold = load(HERE / "gold" / "fire-rthk-udn.json")
    pair = gold_pair(gold["pair"], gold, "字" * gold["a"]["chars"], "字" * gold["b"]["chars"])
    links = tuple((tuple(tuple(pair.gold.sentences_a[i]) for i in a), tuple(tuple(pair.gold.sentences_b[j]) for j in b))
                  for a, b in pair.gold.pairs)
    score = link_score(pair, Prediction(links))
    assert score.precision == score.recall == 1.0
    assert link_score(pair, Prediction(links[:1])).recall < 1.0
