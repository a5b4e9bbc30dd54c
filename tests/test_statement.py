"""The statement model: its evidence, clause links, and the fit that built its data file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from aligner import compare_texts
from aligner.align.clauses import matching_clause
from aligner.align.statement import FEATURES, Evidence, StatementModel, default_model, figures

# Statements of one story in two outlets' words, and unrelated ones, to build documents from.
STATEMENTS = [
    ("消防处表示，大火至今造成12人受伤，其中3人伤势严重。", "据消防部门消息，火灾已致十二人受伤，三人伤势严重。"),
    ("天文台发出八号烈风信号，全港学校停课。", "八号风球高挂，教育局宣布全港学校停课一天。"),
    ("渠务署共接获27宗水浸报告，主要集中在新界北区。", "新界北区水浸严重，渠务署合共收到廿七宗报告。"),
    ("医院管理局指，共有45人到急症室求诊。", "医管局表示，四十五人到公立医院急症室求诊。"),
    ("股市今日收市上升两百点，成交额增加。", "立法会明日将讨论交通票价调整方案。"),
]


def test_figures_are_read_whatever_their_writing():
    assert figures("大火造成12人受伤") == figures("大火造成十二人受伤")
    assert figures("合共收到廿七宗报告") == figures("接获27宗报告")
    assert not figures("一些市民")  # a lone digit character is not a figure


def test_the_model_file_names_its_features_and_its_levels_are_probabilities():
    model = default_model()
    assert model.to_json()["features"] == list(FEATURES)
    assert 0 < model.link <= model.clause <= 1.01
    with pytest.raises(ValueError):
        StatementModel.from_json({**model.to_json(), "features": ["dice"]})


def test_a_statement_in_other_words_is_likelier_than_an_unrelated_one():
    keys_a = ["消防处表示大火至今造成12人受伤其中3人伤势严重", "股市今日收市上升两百点成交额增加"]
    keys_b = ["据消防部门消息火灾已致十二人受伤三人伤势严重", "立法会明日将讨论交通票价调整方案"]
    evidence = Evidence(keys_a, keys_b, keys_a + keys_b)
    model = default_model()
    same, other = model.probability(evidence.features(0, 0)), model.probability(evidence.features(1, 1))
    assert same >= model.link > other


def test_the_matching_clause_of_a_long_sentence_is_found():
    longer = "台风吹袭本港，天文台发出八号烈风信号，消防处表示大火造成12人受伤。"
    start, end = matching_clause(longer, "大火至今造成12人受伤")
    assert longer[start:end] == "消防处表示大火造成12人受伤"


def test_a_statement_held_as_a_clause_of_a_long_sentence_is_a_clause_link():
    a = "天文台发出八号烈风信号。\n消防处表示，大火至今造成12人受伤，其中3人伤势严重。\n立法会明日将讨论交通票价调整方案。\n"
    b = "天文台发出八号烈风信号。\n台风吹袭期间多区发生事故，据消防部门消息，火灾已致12人受伤，3人伤势严重，另有三宗塌树报告。\n"
    report = compare_texts(a, b)
    assert [(link.a, link.b, link.basis) for link in report.links] == [
        (("a0",), ("b0",), "text"), (("a1",), ("b1",), "clause")]
    assert report.only_a == ("a2",)
    from aligner.render.html import render_html
    from aligner.render.json import report_to_dict

    links = report_to_dict(report)["links"]
    assert [link.get("basis") for link in links] == [None, "clause"]
    # the clause of the long sentence that restates the statement, as a span of b's text
    clause = links[1]["clause"]
    assert clause["side"] == "b" and b[clause["start"]:clause["end"]] == "火灾已致12人受伤，3人伤势严重"
    # the HTML says so, quoting and highlighting it
    page = render_html(report)
    assert "⊂ clause" in page and '<mark class="cl" title="the clause the other side restates">' in page


def test_a_heading_glued_to_a_new_sentence_is_no_clause_link():
    # A byline standing alone on one side, glued by the layout to a sentence only the other
    # side has: the byline is no statement of that sentence (no clause or content link);
    # its text is found whole in the glued segment, so the regrouping links the two on text.
    a = "天文台发出八号烈风信号。\n大连艺术研究所研究员马明捷\n立法会明日将讨论交通票价调整方案。\n"
    b = ("天文台发出八号烈风信号。\n大连艺术研究所研究员马明捷京剧要振兴、要发展，就必须改革，"
         "这是从事京剧的和爱好京剧的早已取得的共识。\n立法会明日将讨论交通票价调整方案。\n")
    report = compare_texts(a, b)
    assert [segment.kind for segment in report.segments_a] == ["sentence", "heading", "sentence"]
    assert {link.basis for link in report.links} == {"text"}


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(range(len(STATEMENTS))), min_size=1, max_size=5, unique=True),
       st.lists(st.sampled_from(range(len(STATEMENTS))), min_size=1, max_size=5, unique=True))
def test_swapping_the_inputs_swaps_the_links(picks_a, picks_b):
    a = "\n".join(STATEMENTS[k][0] for k in picks_a) + "\n"
    b = "\n".join(STATEMENTS[k][1] for k in picks_b) + "\n"
    forward = compare_texts(a, b).links
    backward = compare_texts(b, a).links
    assert {(link.a, link.b, link.basis) for link in forward} == {
        (tuple("a" + s[1:] for s in link.b), tuple("b" + s[1:] for s in link.a), link.basis) for link in backward}


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet="火灾造成人受伤死亡十二12三3消防处表示据部门", min_size=1, max_size=20),
                min_size=2, max_size=6))
def test_the_evidence_is_symmetric(keys):
    half = len(keys) // 2
    keys_a, keys_b = keys[:half], keys[half:]
    forward = Evidence(keys_a, keys_b, keys)
    backward = Evidence(keys_b, keys_a, keys)
    for i in range(len(keys_a)):
        for j in range(len(keys_b)):
            assert forward.features(i, j) == pytest.approx(backward.features(j, i))


@pytest.mark.slow
def test_the_model_file_is_what_the_fit_gives(capsys):
    from bench.crossoutlet import load_cases
    from bench.fit_statement import MODEL_PATH, main

    if load_cases()[1]:
        pytest.skip("the judged cross-outlet texts that are not committed are not at hand")
    main([])
    printed = capsys.readouterr().out
    fitted = json.loads(printed.split("model: ", 1)[1].splitlines()[0])
    assert fitted == json.loads(Path(MODEL_PATH).read_text(encoding="utf-8"))
