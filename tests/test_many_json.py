"""The JSON report of several sources, schema aligner-report/2 (render/many_json.py)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from aligner import compare_texts
from aligner.many import compare_many_texts
from aligner.render import render_json
from aligner.render.many_json import SCHEMA_ID, many_report_to_dict, render_many_json
from tests.many_stories import make_story

SCHEMAS = Path(__file__).resolve().parents[1] / "src" / "aligner" / "schema"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def as_version_1(data: dict) -> dict:
    """What a two-source report of schema /2 says, written as schema /1."""
    links = []
    for group in data["groups"]:
        a, b = group["parts"]
        links.append({"a": a["segments"], "b": b["segments"], "status": b["status"], "score": b["score"],
                      "moved": b["moved"],
                      "edits": [{"op": e["op"], "a": e["base"], "b": e["part"]} for e in b["edits"]]})
    facts = []
    for row in data["facts"]:
        values = row["values"]
        status = row["status"] if row["status"] != "only" else "only_a" if values["a"] else "only_b"
        fact = {"kind": row["kind"], "status": status, "a": values["a"], "b": values["b"], "link": row["group"]}
        if "b" in row["notes"]:
            fact["note"] = row["notes"]["b"]
        facts.append(fact)
    summary = {key: data["summary"][key] for key in ("identical", "changed", "moved")}
    summary |= {"only_a": data["summary"]["only"]["a"], "only_b": data["summary"]["only"]["b"]}
    for status in ("shared", "conflict"):
        summary[f"facts_{status}"] = data["summary"]["facts"][status]
    for side in ("a", "b"):
        summary[f"facts_only_{side}"] = sum(1 for f in facts if f["status"] == f"only_{side}")
    for status in ("update", "rounding"):  # 1.1 statuses, which the N-source report does not make
        summary[f"facts_{status}"] = sum(1 for f in facts if f["status"] == status)
    # 1.1 as soon as a figure carries its claim's fields (measure, approx, cutoff, attribution)
    claims = any(name in (f[side] or {}) for f in facts for side in ("a", "b")
                 for name in ("measure", "approx", "cutoff", "attribution"))
    return {"schema": "aligner-report/1.1" if claims else "aligner-report/1", "tool": data["tool"], "sources": data["sources"],
            "segments": data["segments"], "links": links, "only": data["only"], "facts": facts, "summary": summary}


@pytest.fixture(scope="module")
def story():
    return make_story(4, 2)


def test_two_sources_in_schema_2_say_what_schema_1_says(traditional, simplified):
    two = json.loads(render_many_json(compare_many_texts([traditional, simplified])))
    one = json.loads(render_json(compare_texts(traditional, simplified)))
    assert two["schema"] == SCHEMA_ID
    assert two["groups"] and two["facts"]
    assert as_version_1(two) == one


def test_reports_of_two_and_four_sources_follow_the_schema(traditional, simplified, story):
    validator = jsonschema.Draft202012Validator(schema("report-2.schema.json"))
    for texts in ([traditional, simplified], story):
        validator.validate(json.loads(render_many_json(compare_many_texts(texts))))


def test_schema_1_is_unchanged_beside_schema_2():
    assert schema("report.schema.json")["$id"] == "aligner-report/1"
    assert schema("report-2.schema.json")["$id"] == "aligner-report/2"


def test_the_fast_writer_writes_the_report_dict(story):
    report = compare_many_texts(story)
    text = render_many_json(report)
    assert json.loads(text) == json.loads(json.dumps(many_report_to_dict(report)))
    # one line per section, one per source's segments, and the braces' lines
    assert text.endswith("}\n") and text.count("\n") == len(many_report_to_dict(report)) + len(story) + 3


def test_every_offset_indexes_its_source(story):
    data = json.loads(render_many_json(compare_many_texts(story)))
    texts = dict(zip("abcd", story))
    for source, segments in data["segments"].items():
        for segment in segments:
            assert texts[source][segment["start"]:segment["end"]] == segment["text"]
    for group in data["groups"]:
        base = texts[group["base"]]
        for part in group["parts"]:
            for edit in part["edits"]:
                assert 0 <= edit["base"]["start"] <= edit["base"]["end"] <= len(base)
                assert 0 <= edit["part"]["start"] <= edit["part"]["end"] <= len(texts[part["source"]])
    for row in data["facts"]:
        for source, mention in row["values"].items():
            if mention:
                assert texts[source][mention["start"]:mention["end"]] == mention["text"]
        assert sorted(s for cluster in row["agree"] for s in cluster) == sorted(
            s for s, m in row["values"].items() if m)


def test_pairs_cover_every_two_sources_and_agree_with_the_summary(story):
    data = json.loads(render_many_json(compare_many_texts(story)))
    assert [p["sources"] for p in data["pairs"]] == [["a", "b"], ["a", "c"], ["a", "d"], ["b", "c"], ["b", "d"],
                                                     ["c", "d"]]
    assert data["summary"]["agree"] is False and not all(p["agree"] for p in data["pairs"])
    assert all(0 <= p["agreement"] <= 1 for p in data["pairs"])
