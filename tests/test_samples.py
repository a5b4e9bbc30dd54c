"""The two sample documents end to end: schema, golden reports, what must link and what must not."""

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import aligner
from aligner.cli import main
from aligner.render import render_html, render_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_A = "samples/xinhua-web-traditional.txt"
SAMPLE_B = "samples/newspaper-pdf-simplified.txt"
SCHEMA = json.loads((ROOT / "src/aligner/schema/report.schema.json").read_text(encoding="utf-8"))
# The contract the project started from (a copy of shared/schema/report.schema.json):
# every report the package writes must also be valid under it.
SHARED_SCHEMA = json.loads((Path(__file__).parent / "data/schema/shared-report.schema.json").read_text(encoding="utf-8"))


def _compare_samples():
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths in the report are as given: relative to the repository
    try:
        return aligner.compare(SAMPLE_A, SAMPLE_B)
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def report():
    return _compare_samples()


@pytest.fixture(scope="module")
def data(report):
    return json.loads(render_json(report))


def test_json_validates_against_the_schema(data):
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_reports_keep_the_shared_contract(data):
    jsonschema.Draft202012Validator(SHARED_SCHEMA).validate(data)
    # Text sources: of 1.1, only the figures read as claims (measure, approx, cutoff, attribution).
    assert data["schema"] == "aligner-report/1.1"
    assert not any("format" in source for source in data["sources"])
    claim_fields = {"measure", "approx", "cutoff", "attribution"}
    assert any(claim_fields & set(fact["a"] or fact["b"]) for fact in data["facts"])


def test_segments_are_exact_slices_and_cover_every_character(data):
    for source in data["sources"]:
        text = (ROOT / source["path"]).read_text(encoding=source["encoding"])
        covered = set()
        for seg in data["segments"][source["id"]]:
            assert text[seg["start"]:seg["end"]] == seg["text"]
            covered.update(range(seg["start"], seg["end"]))
        assert [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered] == []


def _segments_with(report, side: str, needle: str):
    segments = report.segments_a if side == "a" else report.segments_b
    found = [s for s in segments if needle in s.normalized]
    assert found, f"no segment of {side} contains {needle}"
    return found


def _linked_ids(report):
    return {i for link in report.links for i in link.a + link.b}


# The statements both articles make: (side, words from the sentence) — the 侯孟炎 and 顾茸蕾
# passages, the 2023 figures and the park figures.
SHARED = [
    ("a", "侯孟炎在太仓成立了苏州佩瓦能源"), ("b", "在太仓成立苏州佩瓦能源科技有限公司"),
    ("a", "背靠中科院相关院所"), ("b", "背靠中国科学院相关院所"),
    ("a", "顾茸蕾博士"), ("b", "顾茸蕾博士"), ("a", "130kW"), ("b", "130kW"),
    ("a", "6700余家"), ("b", "6700余家"), ("a", "9900亿元"), ("b", "9900亿元"),
    ("a", "约30%"), ("b", "约30%"), ("a", "近85%"), ("b", "近85%"),
]


@pytest.mark.parametrize("side, needle", SHARED)
def test_statements_both_articles_make_are_linked(report, side, needle):
    linked = _linked_ids(report)
    for seg in _segments_with(report, side, needle):
        if seg.kind != "caption":  # a caption may repeat what the body says
            assert seg.id in linked, f"{side}: {seg.normalized!r} is not linked"


@pytest.mark.parametrize("side, needle", [("a", "瑞金医院太仓分院"), ("b", "舍弗勒"), ("b", "点石航空")])
def test_statements_only_one_article_makes_are_one_sided(report, side, needle):
    only = set(report.only_a if side == "a" else report.only_b)
    for seg in _segments_with(report, side, needle):
        if seg.kind != "boilerplate":
            assert seg.id in only, f"{seg.normalized!r} should be only in {side}"


def test_example_reports_are_current(tmp_path, monkeypatch):
    """reports/ holds what the README's set-up command writes today."""
    monkeypatch.chdir(ROOT)
    html, js = tmp_path / "samples.html", tmp_path / "samples.json"
    result = CliRunner().invoke(main, [SAMPLE_A, SAMPLE_B, "-o", str(html), "--json", str(js)])
    assert result.exit_code == 1, result.output
    assert js.read_text(encoding="utf-8") == (ROOT / "reports/samples.json").read_text(encoding="utf-8")
    assert html.read_text(encoding="utf-8") == (ROOT / "reports/samples.html").read_text(encoding="utf-8")


def test_reports_are_deterministic(report):
    again = _compare_samples()
    assert render_json(again) == render_json(report)
    assert render_html(again) == render_html(report)
