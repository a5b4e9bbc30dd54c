"""cn2an's own test tables, read by our number reading (peer data in tests/data/cn2an).

``numbers``: every Chinese numeral must read to its Arabic value.  ``sentences``: the
Chinese and the Arabic side of each sentence must give the same facts, one per
annotated mention, and each annotated mention must lie inside one of ours.  Through
the whole pipeline: a Chinese numeral against its Arabic value is no conflict, against
a changed value a conflict.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from aligner import compare_texts
from aligner.facts import extract_numbers
from aligner.facts.numbers import read_number
from bench.regional_facts import cn2an_pairs
from tests.helpers import DATA, side_of

# Part of the repository: a missing file fails the collection, it is never skipped.
PAIRS = json.loads((DATA / "cn2an" / "pairs.json").read_text(encoding="utf-8"))

# Known failures, as data: cn text -> reason.  Empty: every record passes today.
KNOWN_FAILURES: dict[str, str] = {}


def _marks(records, field):
    return [
        pytest.param(record, id=record[field],
                     marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[record[field]])]
                     if record[field] in KNOWN_FAILURES else [])
        for record in records
    ]


def test_every_record_is_read():
    assert (len(PAIRS["numbers"]), len(PAIRS["sentences"])) == (150, 22)


@pytest.mark.parametrize("record", _marks(PAIRS["numbers"], "cn"))
def test_number_reads_to_cn2an_value(record):
    assert read_number(record["cn"]) == Decimal(record["an"]), record["source"]


def _facts(text: str):
    side = side_of(text, "a")
    return [(f.kind, f.unit, f.key[2], f.qualifier, side.view.text[f.start:f.end]) for f in extract_numbers(side)]


@pytest.mark.parametrize("record", _marks(PAIRS["sentences"], "cn"))
def test_sentence_sides_state_the_same_facts(record):
    prefix, suffix = record["carrier"]
    chinese = _facts(prefix + record["cn"] + suffix)
    arabic = _facts(prefix + record["an"] + suffix)
    assert [fact[:4] for fact in chinese] == [fact[:4] for fact in arabic]
    assert len(chinese) == len(record["mentions"])
    for (cn_mention, an_mention), cn_fact, an_fact in zip(record["mentions"], chinese, arabic):
        assert cn_mention in cn_fact[4] and an_mention in an_fact[4]


def test_cn2an_is_asked_for_every_numeral_it_reads_and_we_do_not():
    """cn2an is loaded only for shapes it can read: every numeral of up to three characters
    over these that cn2an reads and our reader does not is still given to it."""
    from itertools import product

    import cn2an

    from aligner.facts.numbers import _cn2an_may_read, read_chinese

    for size in range(1, 4):
        for chars in product("零一两五十百千万亿点负廿", repeat=size):
            text = "".join(chars)
            if read_chinese(text) is not None or _cn2an_may_read(text):
                continue
            with pytest.raises(Exception):
                cn2an.cn2an(text, "smart")


@pytest.mark.parametrize("text", ["四五十", "三四万", "十六七", "七八百亿", "万", "三七二十一"])
def test_approximate_ranges_are_not_given_to_cn2an(text):
    from aligner.facts.numbers import _cn2an_may_read

    assert read_number(text) is None and not _cn2an_may_read(text)


# ------------------------------------------------------------ through the pipeline

# The pairs of bench/regional_facts.py: each numeral in a carrier sentence against its
# Arabic value, and against that value with its last digit changed.
EQUAL_PAIRS, CHANGED_PAIRS = cn2an_pairs()
# Changed values not reported as a conflict, and why: cn text -> reason.
CHANGES_MISSED = {"二〇〇二年的第一场雪": "the two short sentences differ too much to be linked (2003年的第1场雪)"}


def _conflicts(text_a: str, text_b: str) -> list:
    return [fact for fact in compare_texts(text_a, text_b).facts if fact.status == "conflict"]


@pytest.mark.parametrize("label, chinese, arabic", EQUAL_PAIRS, ids=[p[0] for p in EQUAL_PAIRS])
def test_equal_values_are_no_conflict_through_the_pipeline(label, chinese, arabic):
    assert _conflicts(chinese, arabic) == []


@pytest.mark.parametrize("label, chinese, arabic", CHANGED_PAIRS, ids=[p[0] for p in CHANGED_PAIRS])
def test_changed_values_are_a_conflict_through_the_pipeline(label, chinese, arabic):
    assert bool(_conflicts(chinese, arabic)) == (label not in CHANGES_MISSED), CHANGES_MISSED.get(label)


def test_conflict_recall_over_the_tables():
    assert (len(EQUAL_PAIRS), len(CHANGED_PAIRS)) == (172, 169)
    assert 1 - len(CHANGES_MISSED) / len(CHANGED_PAIRS) >= 0.98
