"""Comparing two or more sources (aligner.many): groups, one-sided content, facts, the executor."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import sys
from itertools import combinations
from pathlib import Path

import pytest

from aligner import compare, compare_texts
from aligner.errors import InputError, OptionError
from aligner.many import compare_many, compare_many_texts
from aligner.many_model import FACT_ROW_STATUSES, ManyReport
from aligner.runner import FORKED, IN_TURN, InTurn
from bench.many import consistency
from fuzz.invariants import check_tiling
from tests.many_stories import FOREIGN, make_story


def check_many(report: ManyReport) -> None:
    """Every content segment is in exactly one group or in its source's one-sided list;
    parts name their own source's segments; mentions are original slices."""
    for source, segments, only in zip(report.sources, report.segments, report.only):
        check_tiling(source.text, segments)
        known = {s.id: s for s in segments}
        grouped = [i for g in report.groups for p in g.parts if p.source == source.id for i in p.segments]
        assert set(grouped) <= set(known), f"groups name unknown segments of {source.id}"
        assert len(grouped) == len(set(grouped)), f"a segment of {source.id} is in two groups"
        assert not set(only) & set(grouped), f"a segment of {source.id} is grouped and one-sided"
        for segment in segments:
            if segment.is_content:
                assert segment.id in grouped or segment.id in only, f"{segment.id} is nowhere"
    for group in report.groups:
        assert len(group.parts) >= 2 and group.part(group.base) is not None
        assert list(group.sources) == sorted(group.sources, key=report.ids.index)
    for row in report.facts:
        for source, mention in zip(report.sources, row.values):
            if mention is not None:
                assert source.text[mention.start:mention.end] == mention.text


# --------------------------------------------------------------------- two sources


@pytest.fixture(scope="module")
def two(traditional, simplified):
    return compare_texts(traditional, simplified), compare_many_texts([traditional, simplified])


def test_two_sources_group_exactly_the_links(two):
    pair, many = two
    assert many.pivot == "a"
    assert len(many.groups) == len(pair.links) > 0
    for group, link in zip(many.groups, pair.links):
        a, b = group.parts
        assert (a.source, b.source, group.base) == ("a", "b", "a")
        assert (a.segments, b.segments, b.status, b.score, b.moved, b.edits) == (
            link.a, link.b, link.status, link.score, link.moved, link.edits)
    assert many.only == (pair.only_a, pair.only_b)


def test_two_sources_give_the_same_facts(two):
    pair, many = two
    assert len(many.facts) == len(pair.facts) > 0
    for row, fact in zip(many.facts, pair.facts):
        status = fact.status if fact.status in ("shared", "conflict") else "only"
        assert (row.kind, row.status, row.values, row.group) == (fact.kind, status, (fact.a, fact.b), fact.link)
        assert dict(row.notes).get("b") == fact.note


def test_two_sources_agree_exactly_when_the_pair_report_does(traditional):
    assert compare_many_texts([traditional, traditional]).agree
    edited = traditional.replace("2018", "2019", 1)
    assert compare_texts(traditional, edited).agree is compare_many_texts([traditional, edited]).agree is False


# --------------------------------------------------------------------- several sources


def test_identical_sources_agree_in_one_group_per_statement(traditional):
    report = compare_many_texts([traditional] * 4)
    check_many(report)
    assert report.agree
    assert all(len(g.parts) == 4 and g.status == "identical" for g in report.groups)
    assert not any(report.only)
    assert all(p.agree and p.agreement == 1.0 for p in report.pairs())


def test_a_changed_source_makes_them_differ_and_pairs_tell_which(traditional):
    changed = traditional.replace("2018", "2019", 1)
    report = compare_many_texts([traditional, traditional, changed])
    assert not report.agree
    agree = {pair.sources: pair.agree for pair in report.pairs()}
    assert agree == {("a", "b"): True, ("a", "c"): False, ("b", "c"): False}


def test_a_value_one_source_changes_is_a_conflict_with_that_source_alone(traditional):
    changed = traditional.replace("2018年5月", "2016年5月", 1)
    report = compare_many_texts([traditional, changed, traditional, traditional])
    conflicts = [row for row in report.facts if row.status == "conflict"]
    assert conflicts, "the changed year is a conflict"
    assert conflicts[0].clusters[-1] == ("b",) and len(conflicts[0].clusters[0]) == 3
    assert conflicts[0].values[1].text.startswith("2016")
    # disagreements first: every conflict before every other row
    statuses = [row.status for row in report.facts]
    assert statuses == sorted(statuses, key=FACT_ROW_STATUSES.index)


def test_content_of_one_source_is_reported_for_that_source_only(traditional):
    extra = "\n\n".join(FOREIGN[:3])
    report = compare_many_texts([traditional, traditional + "\n\n" + extra + "\n", traditional])
    check_many(report)
    texts = [s.text for s in report.segments[1] if s.id in report.only[1]]
    assert texts == list(FOREIGN[:3])
    assert report.only[0] == report.only[2] == ()


def test_content_the_pivot_lacks_is_grouped_across_the_others(traditional):
    extra = "\n\n" + FOREIGN[0] + "\n"
    sources = [traditional + extra, traditional, traditional + extra, traditional + extra]
    report = compare_many_texts(sources)
    check_many(report)
    holding = [g for g in report.groups if any(FOREIGN[0] in s.text for seg in report.segments
                                                for s in seg if s.id in {i for p in g.parts for i in p.segments})]
    assert len(holding) == 1 and holding[0].sources == ("a", "c", "d")
    assert not any(report.only)


def test_unrelated_sentences_are_not_chained_through_a_third_source():
    first = "江苏太仓今年新建了三座污水处理厂，日处理能力达到十万吨"
    second = "上海嘉定区的人才公寓已经向外来科研人员开放申请"
    filler = "".join(f"这是第{n}段共同的背景介绍，各家媒体都照登了原文。" for n in range(8))
    pivot = filler + first + "，" + second + "。"
    report = compare_many_texts([pivot, filler + first + "。", filler + second + "。"])
    check_many(report)
    assert report.pivot == "a"
    last = {i: g for g in report.groups for p in g.parts for i in p.segments}
    b_last, c_last = report.segments[1][-1].id, report.segments[2][-1].id
    assert not (b_last in last and c_last in last and last[b_last] is last[c_last]), \
        "the two halves were chained into one statement through the pivot"


@pytest.mark.parametrize("seed", [0, 4, 5])
def test_groups_restricted_to_a_pair_agree_with_the_two_source_report(seed):
    """Of the characters that the groups of a pair or its two-source report link, ≥ 97 %
    are linked by both to a common segment; each pair ≥ 90 % (the story is short: a
    sentence is 2–3 %, and a sentence merged in one source and cut in another makes a
    coarser group, or a split one, than two sources alone do)."""
    texts = make_story(4, seed)
    report = compare_many_texts(texts)
    check_many(report)
    total_agree = total_linked = 0
    for i, j in combinations(range(len(texts)), 2):
        agree, _, linked = consistency(report, compare_texts(texts[i], texts[j]), i, j)
        assert linked and agree / linked >= 0.9, f"sources {i} and {j}: {agree / linked:.3f}"
        total_agree, total_linked = total_agree + agree, total_linked + linked
    assert total_agree / total_linked >= 0.97


def test_the_report_does_not_depend_on_which_source_is_first():
    texts = make_story(3, 5)
    forward, backward = compare_many_texts(texts), compare_many_texts(texts[::-1])
    assert (forward.summary["groups"], forward.summary["in_all"]) == (
        backward.summary["groups"], backward.summary["in_all"])


# --------------------------------------------------------------------- the executor


class Recording:
    """A runner with ``submit`` only (a pool, say): it is given one call at a time."""

    def __init__(self):
        self.calls = []

    def submit(self, fn, /, *args, **kwargs):
        self.calls.append(fn.__name__)
        return IN_TURN.submit(fn, *args, **kwargs)


def test_every_source_and_every_pair_with_the_pivot_is_a_task():
    texts = make_story(5, 3)
    executor = Recording()
    report = compare_many_texts(texts, runner=executor)
    assert executor.calls == ["prepare_source"] * 5 + ["compare_pair"] * 4
    assert report == compare_many_texts(texts)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_shares_in_forked_children_give_the_same_report(monkeypatch):
    texts = make_story(4, 3)
    monkeypatch.setattr("aligner.runner._cores", lambda: 3)
    assert compare_many_texts(texts, runner=FORKED) == compare_many_texts(texts, runner=IN_TURN)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_process_pool_gives_the_same_report():
    texts = make_story(3, 4)
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        report = compare_many_texts(texts, runner=pool)
    assert report == compare_many_texts(texts)


def test_a_task_error_is_raised_by_result():
    done = InTurn().submit(int, "x")
    with pytest.raises(ValueError):
        done.result()


# --------------------------------------------------------------------- front doors


def test_files_are_read_with_ids_in_order(tmp_path, traditional):
    paths = []
    for n, text in enumerate(make_story(3, 6)):
        paths.append(tmp_path / f"s{n}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    report = compare_many(paths)
    assert report.ids == ("a", "b", "c")
    assert [s.path for s in report.sources] == [str(p) for p in paths]
    two = compare(paths[0], paths[1])
    assert compare_many(paths[:2]).groups[0].parts[1].segments == two.links[0].b


@pytest.mark.parametrize("count", [0, 1, 21])
def test_two_to_twenty_sources(count):
    with pytest.raises(OptionError, match="2 to 20"):
        compare_many_texts(["一句话。"] * count)


def test_bad_options_and_missing_files_are_refused_before_work(tmp_path):
    with pytest.raises(OptionError, match="threshold"):
        compare_many_texts(["一。", "二。"], threshold=0)
    with pytest.raises(OptionError, match="script"):
        compare_many_texts(["一。", "二。"], script="latin")
    with pytest.raises(InputError):
        compare_many([tmp_path / "missing.txt", tmp_path / "missing.txt"])


def test_the_report_does_not_depend_on_string_hashing():
    """Sets of segments are never iterated unordered: two hash seeds, the same JSON report."""
    import os
    import subprocess

    program = ("import hashlib; from tests.many_stories import make_story; "
               "from aligner.many import compare_many_texts; from aligner.render.many_json import render_many_json; "
               "print(hashlib.sha256(render_many_json(compare_many_texts(make_story(4, 7))).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", program], cwd=Path(__file__).resolve().parents[1],
                              env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
                              check=True).stdout for seed in ("1", "2")}
    assert len(digests) == 1 and len(digests.pop().strip()) == 64


def test_a_later_count_is_an_update_row_and_a_different_magnitude_a_conflict():
    said = "消防处表示，{}大火已造成{}人受伤。地震震级为{}级。当局正在调查起火原因。"
    report = compare_many_texts([said.format("截至下午3时，", 12, "6.8"), said.format("截至晚上9时，", 15, "6.8"),
                                 said.format("", 12, "7.1")])
    statuses = {row.values[0].text: row.status for row in report.facts if row.values[0] is not None}
    assert statuses["12人"] == "update" and statuses["6.8级"] == "conflict"
    assert report.summary["facts"]["update"] == 1 and not report.agree
