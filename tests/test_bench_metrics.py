"""The benchmark's metric functions (bench/metrics.py), on cuts of the real samples."""

import pytest

# bench/ is a tool folder beside the package, not installed: pytest's ``pythonpath``
# setting (pyproject.toml) puts the repository root on the import path.
from bench.make_pairs import Conflict, Gold, Pair
from bench.metrics import (
    Prediction,
    Score,
    conflict_recall_by_kind,
    conflict_score,
    link_score,
    made_pairs,
    one_sided_score,
    score_pair,
)

# a: the simplified PDF extraction (hard wraps, blank lines); b: the traditional web page.
TEXT_A = (
    "侯孟炎就是一支利箭。姑苏创新\n\n创业领军人才侯孟炎，在太仓成立苏\n\n州佩瓦能源科技有限公司，专注于下\n\n"
    "一代锂电池用高能量密度的硅基负极\n\n材料研发和产业化，来自欧洲客户的\n\n订单正让他们加班加点一刻不闲。\n\n"
    "责任编辑：王平\n"
)
TEXT_B = (
    "  最近,姑蘇創新創業領軍人才侯孟炎正忙着和同事們一起,加班加點趕制歐洲客戶的訂單。"
    "一年多前,侯孟炎在太倉成立了蘇州佩瓦能源科技有限公司,專注於下一代鋰電池用高能量密度的硅基負極材料研發和産業化。\n"
    "  字體:大 中 小\n"
)


def span(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    start = text.index(piece, after)
    return start, start + len(piece)


A_ONLY = span(TEXT_A, "侯孟炎就是一支利箭。")
A_LONG = (A_ONLY[1], span(TEXT_A, "一刻不闲。")[1])
B_FIRST = span(TEXT_B, "最近,姑蘇創新創業領軍人才侯孟炎正忙着和同事們一起,加班加點趕制歐洲客戶的訂單。")
B_SECOND = (B_FIRST[1], span(TEXT_B, "研發和産業化。")[1])
BOILER_A = span(TEXT_A, "责任编辑：王平")
BOILER_B = span(TEXT_B, "字體:大 中 小")
CONFLICT = Conflict("place", span(TEXT_A, "太仓"), span(TEXT_B, "太倉"))

# One a sentence is a 1:2 group with both b sentences; the first a sentence is one-sided.
GOLD = Gold(
    sentences_a=(A_ONLY, A_LONG),
    sentences_b=(B_FIRST, B_SECOND),
    pairs=(((1,), (0, 1)),),
    only_a=(0,),
    only_b=(),
    conflicts=(CONFLICT,),
)
PAIR = Pair("sample", "hard", TEXT_A, TEXT_B, GOLD, "s2t", False)


def test_the_gold_itself_scores_one_everywhere():
    prediction = Prediction(
        links=(((A_LONG,), (B_FIRST, B_SECOND)),),
        only_a=(A_ONLY,),
        conflicts=((CONFLICT.a, CONFLICT.b),),
    )
    scores = score_pair(PAIR, prediction)
    assert scores["links"].f1 == 1.0
    assert scores["only_a"].precision == scores["only_a"].recall == 1.0
    assert scores["conflicts"].precision == scores["conflicts"].recall == 1.0
    assert scores["only_b"].precision is None and scores["only_b"].recall is None


def test_clause_links_inside_a_gold_group_make_its_pairs():
    comma = span(TEXT_A, "在太仓成立苏")[0]
    clause_links = (
        (((A_LONG[0], comma),), (B_FIRST,)),
        (((comma, A_LONG[1]),), (B_SECOND,)),
    )
    assert made_pairs(TEXT_A, TEXT_B, GOLD, clause_links) == {(1, 0), (1, 1)}


def test_a_link_that_lumps_a_stranger_in_pays_in_precision():
    lumped = Prediction(links=(((A_ONLY, A_LONG), (B_FIRST, B_SECOND)),))
    score = link_score(PAIR, lumped)
    assert (score.precision, score.recall) == (0.5, 1.0)


def test_a_sentence_linked_on_less_than_half_is_not_made():
    short = span(TEXT_A, "姑苏创新")
    score = link_score(PAIR, Prediction(links=(((short,), (B_FIRST,)),)))
    assert score.hit_gold == 0 and score.predicted == 0


def test_one_sided_counts_non_space_characters_and_boilerplate_costs_precision():
    exact = one_sided_score(TEXT_A, GOLD.sentences_a, GOLD.only_a, (A_ONLY,))
    assert exact.precision == exact.recall == 1.0
    with_boiler = one_sided_score(TEXT_A, GOLD.sentences_a, GOLD.only_a, (A_ONLY, BOILER_A))
    assert with_boiler.recall == 1.0
    assert with_boiler.precision == pytest.approx(10 / (10 + len("责任编辑：王平")))
    # the boilerplate line with the blank line before it and the line break after: same count
    padded = one_sided_score(TEXT_A, GOLD.sentences_a, GOLD.only_a,
                             (A_ONLY, (BOILER_A[0] - 2, BOILER_A[1] + 1)))
    assert padded == with_boiler


def test_conflict_hits_need_overlap_on_both_sides():
    on_both = Prediction((), conflicts=((CONFLICT.a, (CONFLICT.b[0] + 1, CONFLICT.b[1] + 3)),))
    wrong_b = Prediction((), conflicts=((CONFLICT.a, BOILER_B),))
    assert conflict_score(PAIR, on_both) == Score(1, 1, 1, 1)
    assert conflict_score(PAIR, wrong_b) == Score(0, 1, 0, 1)


def test_scores_add_up_before_dividing():
    total = Score(1, 2, 1, 4) + Score(3, 4, 3, 4)
    assert (total.precision, total.recall) == (4 / 6, 4 / 8)
    assert total.f1 == pytest.approx(2 * (4 / 6) * (4 / 8) / (4 / 6 + 4 / 8))
    assert Score().precision is None and Score().f1 is None


def test_conflict_recall_is_also_counted_per_kind():
    missed = conflict_recall_by_kind(PAIR, Prediction(()))
    found = conflict_recall_by_kind(PAIR, Prediction((), conflicts=((CONFLICT.a, CONFLICT.b),)))
    assert missed == {"place": Score(0, 0, 0, 1)}
    assert found["place"].recall == 1.0
