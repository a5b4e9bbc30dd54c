"""Figures read as claims (facts/measures.py, facts/claims.py, facts/claim_pairs.py)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

from aligner import compare_texts
from aligner.facts.claims import Claim, comparable, cutoff_key, rounds, verdict
from aligner.facts.measures import Measure, measure_at
from aligner.render.json import render_json

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "src/aligner/schema/report.schema.json").read_text(encoding="utf-8"))
SHARED = json.loads((Path(__file__).parent / "data/schema/shared-report.schema.json").read_text(encoding="utf-8"))


def _measure(text: str, figure: str, unit: str = "", value=None) -> str | None:
    start = text.index(figure)
    measure = measure_at(text, start, start + len(figure), unit, value)
    return None if measure is None else measure.name


@pytest.mark.parametrize("text, figure, unit, name", [
    ("火灾已造成94人遇难", "94人", "人", "dead"),
    ("至少十三人葬身火窟", "十三人", "人", "dead"),
    ("死亡人数14人、受伤32人、失联46人", "32人", "人", "injured"),
    ("死亡人数14人、受伤32人、失联46人", "46人", "人", "missing"),
    ("已造成13死23伤", "13", "", "dead"),
    ("已造成13死23伤", "23", "", "injured"),
    ("仍有152人下落不明", "152人", "人", "missing"),
    ("62人在风暴期间受伤", "62人", "人", "injured"),
    ("发生规模7.1强震", "7.1", "", "magnitude"),
    ("发生6.8级地震", "6.8级", "级", "magnitude"),
    ("最大余震为4.4级", "4.4级", "级", "aftershock"),
    ("震源深度10千米", "10千米", "km", "depth"),
    ("灾区平均海拔达4259公尺", "4259公尺", "m", "altitude"),
    ("收到四宗塌树报告", "四宗", "宗", "fallen_trees"),
    ("蔓延至屋苑7幢大厦", "7幢", "幢", "noun:大厦"),
    ("逾3万户停电", "3万户", "户", "power_cut"),
])
def test_measure_from_the_words_next_to_the_figure(text, figure, unit, name):
    assert _measure(text, figure, unit, None) == name


def test_measure_fits_unit_and_range():
    # 1999年921大地震: 921 names the quake, it is no magnitude; 5公里范围内平均海拔: the 5 km is no altitude.
    assert _measure("1999年921大地震以来", "921", "", Decimal(921)) != "magnitude"
    assert _measure("震中5公里范围内平均海拔约4259米", "5公里", "km") is None
    assert _measure("伤亡及失联数据在一天之内多次变动", "一天", "天") is None


def _claim(value, approx=None, cutoff=None, name="dead", changes=True, unit="人") -> Claim:
    key = None if cutoff is None else cutoff_key(cutoff)
    return Claim(Measure(name, changes, True), unit, Decimal(value), approx, cutoff, key, None)


@pytest.mark.parametrize("a, b, same, expected", [
    (_claim(13, "至少"), _claim(13), False, "shared"),
    (_claim(137), _claim(100, "超过", name="dead"), False, "rounding"),
    (_claim(700, "超过"), _claim(732), False, "rounding"),
    (_claim(900, "超过"), _claim(1011), False, "update"),
    (_claim(3600, "约"), _claim(3612), False, "rounding"),
    (_claim(6.8, name="magnitude", changes=False), _claim(7.1, name="magnitude", changes=False), False, "conflict"),
    (_claim(82, cutoff="截至下午三时"), _claim(62), False, "update"),
    (_claim(82, cutoff="截至下午三时"), _claim(62, cutoff="截至下午3时"), False, "conflict"),
    (_claim(82, cutoff="截至下午三时"), _claim(62, cutoff="至晚上9时"), False, "update"),
    (_claim(82), _claim(62), True, "conflict"),  # one text copied: the same (unsaid) cut-off
    (_claim(82), _claim(62), False, "update"),
])
def test_verdicts(a, b, same, expected):
    assert verdict(a, b, same) == expected


def test_units_agree_only_for_counts_or_bare_numbers():
    assert comparable(_claim(7, unit="幢", name="noun:大厦"), _claim(7, unit="座", name="noun:大厦"))
    assert comparable(_claim(9, unit=""), _claim(9, unit="人"))
    assert not comparable(_claim(10, unit="m", name="depth"), _claim(10, unit="g", name="depth"))
    assert not comparable(_claim(9), _claim(9, name="injured"))


_claims = st.builds(
    _claim,
    value=st.integers(min_value=0, max_value=2000),
    approx=st.sampled_from([None, "约", "超过", "多", "近", "至少"]),
    cutoff=st.sampled_from([None, "截至下午三时", "截至下午3时", "至晚上9时", "目前"]),
    changes=st.booleans(),
)


@given(_claims, _claims, st.booleans())
def test_swapping_sides_keeps_the_verdict(a, b, same):
    b = b._replace(measure=a.measure)
    assert verdict(a, b, same) == verdict(b, a, same)
    assert rounds(a, b) == rounds(b, a)


def _facts(text_a: str, text_b: str) -> list:
    return [f for f in compare_texts(text_a, text_b).facts if f.kind in ("number", "quantity")]


def test_reworded_statement_in_both_scripts_is_shared():
    facts = _facts("消防處表示，大火至今造成12人受傷，其中3人傷勢嚴重。", "据消防部门消息，火灾已致12人受伤，3人伤势严重。")
    assert {(f.status, f.a.measure) for f in facts} == {("shared", "injured"), ("shared", "serious")}
    injured = next(f for f in facts if f.a.measure == "injured")
    assert injured.a.attribution == "消防處" and injured.b.attribution == "消防部门"
    assert injured.a.cutoff == "至今"


def test_counts_at_two_cut_offs_are_an_update_with_both_times():
    facts = _facts("截至下午3时，火灾已造成12人受伤。", "消防處表示，至晚上9時，大火造成15人受傷。")
    injured = next(f for f in facts if f.a.measure == "injured")
    assert injured.status == "update"
    assert "截至下午3时" in injured.note and "至晚上9時" in injured.note
    report = compare_texts("截至下午3时，火灾已造成12人受伤。", "消防處表示，至晚上9時，大火造成15人受傷。")
    assert not report.agree and report.summary["facts_update"] == 1


def test_one_measure_once_on_each_side_is_compared_across_the_document():
    # The magnitudes stand in sentences that share too little to be linked.
    text_a = "中国地震台网正式测定，西藏定日县发生6.8级地震。当地气温很低，救援困难。"
    text_b = "美國地質調查所指出，這次強震規模7.1，震央附近多個房屋倒塌。"
    facts = _facts(text_a, text_b)
    magnitude = [f for f in facts if f.a is not None and f.a.measure == "magnitude"]
    assert [(f.status, f.a.text, f.b.text) for f in magnitude] == [("conflict", "6.8级", "7.1")]


def test_rounding_across_the_document():
    facts = _facts("強震已造成144人遇難，732人受傷。", "軍政府宣布，當天的強震造成至少144人罹難、超過700人受傷。")
    statuses = {(f.a.measure, f.status) for f in facts}
    assert ("dead", "shared") in statuses and ("injured", "rounding") in statuses


def test_clock_hours_are_not_claims():
    facts = compare_texts("今早9点05分发生规模7.1强震。", "今早9點05分發生規模7.1強震，已有人員傷亡。").facts
    assert all(f.a is None or f.a.measure != "magnitude" or f.a.text == "7.1" for f in facts)


def test_year_ranges_written_two_ways_are_one_value():
    facts = compare_texts("2027/2028年度的预算。2027/2028的开支。", "2027/28年度的預算。2027-28年度的開支。").facts
    dates = [f for f in facts if f.kind == "date"]
    assert dates and all(f.status == "shared" and f.a.value == f.b.value == "2027/2028" for f in dates)


def test_json_claim_fields_validate_and_need_1_1():
    report = compare_texts("截至下午3时，火灾已造成约3600人受伤。", "至晚上9時，大火造成3612人受傷。")
    data = json.loads(render_json(report))
    assert data["schema"] == "aligner-report/1.1"
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    jsonschema.Draft202012Validator(SHARED).validate(data)
    fact = next(f for f in data["facts"] if f["a"] and f["a"].get("measure") == "injured")
    assert fact["status"] == "rounding"
    assert fact["a"]["approx"] == "约" and fact["a"]["cutoff"] == "截至下午3时" and "approx" not in fact["b"]


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999),
       st.sampled_from(["死亡", "受伤", "失联"]))
def test_swapping_the_sources_keeps_the_claim_verdicts(x, y, verb):
    text_a, text_b = f"截至下午3时，火灾已造成{x}人{verb}。", f"消防处表示，大火造成{y}人{verb}。"
    forward = sorted(f.status for f in _facts(text_a, text_b))
    backward = sorted(f.status.replace("only_a", "only_x").replace("only_b", "only_a").replace("only_x", "only_b")
                      for f in _facts(text_b, text_a))
    assert forward == backward


def test_two_cut_off_times_date_an_update_and_are_no_conflict_themselves():
    report = compare_texts("消防处表示，截至下午3时，大火已造成12人受伤。当局正在调查起火原因。",
                           "消防处表示，截至晚上9时，大火已造成15人受伤。当局正在调查起火原因。")
    assert [(f.kind, f.status) for f in report.facts] == [("quantity", "update")]
    assert "截至下午3时" in report.facts[0].note and "截至晚上9时" in report.facts[0].note


def test_two_outlets_own_wordings_compare_their_figures_but_not_their_words_as_names():
    # Two sentences of one outlet restated in one of another's (a clause link): the magnitudes
    # and depths differ; the words standing in each other's place (中央氣象署 / 花莲县海域,
    # 花蓮縣 / 多起余震) are no slot of one name.
    report = compare_texts(
        "台灣於當地時間星期三(4月3日)上午發生裡氏規模7.2強震,此為台灣25年來發生最強烈的一次地震,全台皆能感受到明顯搖晃。\n"
        "據台灣中央氣象署發佈的資訊,裡氏規模7.2強震發生當地時間上午7點58分,地震深度為15.5公里的極淺源地震,"
        "震央位於台灣東部海域,最大震度發生在東台灣花蓮縣和平鄉達6級。\n",
        "据地震台网测定,4月3日7时58分,台湾花莲县海域发生7.3级地震,震源深度12千米,随后发生多起余震。\n")
    assert {link.basis for link in report.links} <= {"clause", "content"} and report.links
    assert not [f for f in report.facts if f.status == "conflict" and f.kind in ("person", "place", "organization")]
    conflicts = {(f.a.text, f.b.text) for f in report.facts if f.status == "conflict"}
    assert ("15.5公里", "12千米") in conflicts
