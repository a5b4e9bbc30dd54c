"""Numbers written differently that state one value (issue 15): amounts in words, signs,
ranges, fractions and approximations; read alone and compared through the pipeline."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aligner import compare_texts
from aligner.facts import extract_numbers
from aligner.facts.numbers import read_number
from tests.helpers import side_of


def _facts(text: str) -> list[tuple]:
    side = side_of(text, "a")
    return [(f.kind, f.unit, f.key[2], f.qualifier, side.view.text[f.start:f.end]) for f in extract_numbers(side)]


@pytest.mark.parametrize("text, value, mention", [
    ("金额为壹拾壹元壹角壹分。", "11.11", "壹拾壹元壹角壹分"),
    ("共玖仟陆佰陆拾伍圆壹角捌分。", "9665.18", "玖仟陆佰陆拾伍圆壹角捌分"),
    ("计壹元零壹分。", "1.01", "壹元零壹分"),
    ("余额负壹元整。", "-1", "负壹元整"),
    ("单价壹角贰分。", "0.12", "壹角贰分"),
    ("小计壹分。", "0.01", "壹分"),
    ("共11元1角1分。", "11.11", "11元1角1分"),
])
def test_amounts_in_words_are_one_money_fact(text, value, mention):
    assert _facts(text) == [("money", "元", value, "", mention)]


@pytest.mark.parametrize("text", ["长三角地区", "得了两千分", "三角形"])
def test_words_with_jiao_or_fen_are_no_amount(text):
    assert all(kind != "money" for kind, *_ in _facts(text))


@pytest.mark.parametrize("text, value, mention", [
    ("温度为负一度。", "-1", "负一度"),
    ("气温−5度。", "-5", "−5度"),
    ("气温零下5度。", "-5", "零下5度"),
    ("结果为负一。", "-1", "负一"),
])
def test_negatives(text, value, mention):
    assert [(key, words) for _, _, key, _, words in _facts(text)] == [(value, mention)]


def test_a_lone_digit_after_fu_in_a_word_is_no_number():
    assert _facts("他要负一定的责任。") == []
    assert read_number("负一") == Decimal(-1)


def _verdicts(text_a: str, text_b: str) -> list[tuple[str, str | None]]:
    return [(fact.status, fact.note) for fact in compare_texts(text_a, text_b).facts]


def test_xiajiang_is_the_minus_where_the_other_side_writes_one():
    assert _verdicts("今年利润同比下降5%，企业压力很大。", "今年利润同比增长-5%，企业压力很大。") == [
        ("shared", "minus in words: 下降5% = -5%")]
    # Both state a decrease: no sign to read in the word.
    assert _verdicts("今年利润同比下降5%，企业压力很大。", "今年利润同比下降5%，企业压力很大，多家企业倒闭。") == [
        ("shared", None)]
    # 下降了-3.8% is not 下降3.8%.
    assert [status for status, _ in _verdicts("今年利润同比下降了-3.8%，企业压力很大。",
                                              "今年利润同比下降3.8%，企业压力很大。")] == ["conflict"]


@pytest.mark.parametrize("text_a, text_b, note", [
    ("今年共有约500人参加了这次活动。", "今年共有500多人参加了这次活动。", "qualifier differs: 约 / 多"),
    ("今年共有逾500人参加了这次活动。", "今年共有500余人参加了这次活动。", "qualifier differs: 超过 / 多"),
    ("今年共有近500人参加了这次活动。", "今年共有500人参加了这次活动。", "qualifier differs: 近 / none"),
])
def test_approximations_are_qualifiers_not_values(text_a, text_b, note):
    assert _verdicts(text_a, text_b) == [("shared", note)]


@pytest.mark.parametrize("text_a, text_b", [
    ("两地相距70—80公里，交通便利。", "两地相距七十至八十公里，交通便利。"),
    ("这类企业约占四分之一，比例不低。", "这类企业约占1/4，比例不低。"),
])
def test_ranges_and_fractions_written_two_ways_are_shared(text_a, text_b):
    assert [status for status, _ in _verdicts(text_a, text_b)] == ["shared"]


@pytest.mark.parametrize("text, value, mention", [
    ("会议于下午3时开幕。", "15:00", "下午3时"),
    ("會議於下午3時開幕。", "15:00", "下午3时"),         # Traditional: read in the common script
    ("晚上9时30分发生火灾。", "21:30", "晚上9时30分"),
    ("深夜1时发生火灾。", "01:00", "深夜1时"),
    ("凌晨12时发生火灾。", "00:00", "凌晨12时"),
    ("中午1时开饭。", "13:00", "中午1时"),
    ("上午10点半开始。", "10:30", "上午10点半"),
    ("15时开幕。", "15:00", "15时"),
    ("9点05分到达。", "09:05", "9点05分"),
])
def test_an_hour_of_the_day_is_a_time_on_the_24_hour_clock(text, value, mention):
    assert [(kind, key, shown) for kind, _, key, _, shown in _facts(text)] == [("time", value, mention)]


@pytest.mark.parametrize("text", ["他提出3点意见。", "持续了3小时。", "进入5G时代。"])
def test_points_and_durations_are_no_time_of_day(text):
    assert all(kind != "time" for kind, *_ in _facts(text))


def test_an_hour_written_two_ways_is_shared_and_a_cutoff_hour_no_fact():
    shared = compare_texts("会议于下午3时开幕。", "会议于15时开幕。").facts
    assert [(f.kind, f.status) for f in shared] == [("time", "shared")]
    cutoffs = compare_texts("截至下午3时，共有12人受伤。", "截至晚上9时，共有15人受伤。").facts
    assert [(f.kind, f.status) for f in cutoffs] == [("quantity", "update")]


@pytest.mark.parametrize("text_a, text_b, fuller", [
    ("大会于2026年3月5日开幕。", "大会于3月5日开幕。", "a"),
    ("大会于5日开幕。", "大会于3月5日开幕。", "b"),
    ("该市人口约为860万。", "该市人口约860万人。", "b"),
])
def test_one_value_stated_more_fully_is_shared(text_a, text_b, fuller):
    facts = compare_texts(text_a, text_b).facts
    assert [(f.status, (f.note or "").startswith(f"stated more fully in {fuller}")) for f in facts] == [("shared", True)]


@pytest.mark.parametrize("text_a, text_b", [
    ("大会于2026年3月5日开幕。", "大会于3月6日开幕。"),     # another day
    ("该市人口约为860万人。", "该市人口约为860万户。"),       # people against households: two units
    ("该市人口约为860万。", "该市人口为860万人。"),           # one says about, the other not
])
def test_other_values_are_not_stated_more_fully(text_a, text_b):
    facts = compare_texts(text_a, text_b).facts
    assert not any((f.note or "").startswith("stated more fully") for f in facts)


@pytest.mark.parametrize("text_a, text_b", [
    ("中華民國115年3月5日公布。", "2026年3月5日公布。"),
    ("他生于民国二十年。", "他生于1931年。"),
    ("民國38年遷台。", "1949年迁台。"),
])
def test_a_year_of_the_roc_calendar_is_its_common_era_year(text_a, text_b):
    facts = compare_texts(text_a, text_b).facts
    assert [(f.kind, f.status) for f in facts] == [("date", "shared")]


@pytest.mark.parametrize("text_a, text_b", [
    ("援助100万美元。", "援助100万美金。"),
    ("票價300新台幣。", "票价300台币。"),
    ("身高180厘米。", "身高180公分。"),
    ("面积2平方公里。", "面积2平方千米。"),
    ("容量5升。", "容量5公升。"),
])
def test_a_unit_written_the_taiwan_or_hong_kong_way_is_one_unit(text_a, text_b):
    facts = compare_texts(text_a, text_b).facts
    assert [f.status for f in facts] == ["shared"]
