"""The HTML report, without a browser: view model, escaping, marks, language tags.

``hand_made_report`` (tests/helpers.py) builds a Report by hand (sentences cut from
the samples) so that every feature of the page is exercised whatever the pipeline
finds today; ``tests/test_browser.py`` uses it too.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from aligner import compare
from aligner.model import Fact, Mention, Report, Source
from aligner.render.html import build_view, render_html
from aligner.render.script_table import common_script, norm_delta
from tests.helpers import SAMPLES, XSS_IMG, XSS_SVG, XSS_TEXT, hand_made_report


@pytest.fixture(scope="module")
def report() -> Report:
    return hand_made_report()


@pytest.fixture(scope="module")
def page(report) -> str:
    return render_html(report)


def _rows(view: dict) -> list[dict]:
    return view["rows"]


def _row_html(page: str, row_id: str) -> str:
    """The markup of one row (rows are one element per line in the template)."""
    start = page.index(f'id="{row_id}"')
    return page[start:page.index("\n", start)]


class _Balance(HTMLParser):
    VOID = {"meta", "br", "input", "img", "hr", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids.extend(v for k, v in attrs if k == "id")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def _parse(page: str) -> _Balance:
    parser = _Balance()
    parser.feed(page)
    parser.close()
    return parser


def test_page_is_self_contained(page):
    assert "<style>" in page and "<script>" in page
    assert not re.search(r"<link\b|<script\s+src|https?://|url\(", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_markup_is_balanced_and_ids_unique(page):
    parsed = _parse(page)
    assert parsed.errors == [] and parsed.stack == []
    assert len(parsed.ids) == len(set(parsed.ids))


def test_hostile_text_and_file_names_are_escaped(page):
    for hostile in (XSS_TEXT, XSS_IMG, XSS_SVG):
        assert hostile not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;侯孟炎" in page
    assert "&lt;img src=x onerror=alert(1)&gt;编者按" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;/a&lt;img src=x onerror=alert(1)&gt;.txt" in page
    title = re.search(r"<title>(.*)</title>", page).group(1)
    assert "a&lt;img src=x" in title and "b&#34;&lt;svg onload=alert(2)&gt;" in title


def test_language_tags_follow_the_script(report, page):
    assert 'class="A" lang="zh-Hant"' in page and 'class="B" lang="zh-Hans"' in page
    mixed = replace(report, sources=(
        Source("a", "a", "x", "utf-8", "mixed", "0" * 64), report.sources[1]))
    assert build_view(mixed)["lang_a"] == "zh"


def test_rows_follow_reading_order(report):
    rows = _rows(build_view(report))
    shown = [(row["cls"], row["a"], row["b"]) for row in rows]
    assert shown == [
        ("k", ["a0"], []),                 # A's boilerplate, collapsed
        ("g", [], []),                     # B's place of the moved sentence b0
        ("s", ["a1"], ["b1"]),
        ("c d", ["a2"], ["b2"]),
        ("a d", ["a3"], []),
        ("s m d", ["a4"], ["b0"]),         # moved: at A's place, linked to the ghost
        ("b d", [], ["b3"]),               # only in B, where it sits in B
        ("s", ["a5"], ["b4"]),
        ("c x d", ["a6"], ["b5", "b6"]),   # 1:2 link, holds a conflicting fact
        ("a d", ["a7"], []),
        ("k", [], ["b7"]),
    ]
    ghost, moved = rows[1], rows[5]
    assert ghost["ghost"] == "#" + moved["id"] and moved["moved"] == "#" + ghost["id"]


def test_one_sided_cells_have_an_empty_opposite(page):
    row = _row_html(page, "r5")
    assert row.endswith('<div class="B e"></div></div>') and 'id="a3"' in row


def test_edit_marks_on_both_sides(report, page):
    row = _row_html(page, "r4")
    assert '<mark class="md">2024年</mark>' in row
    assert '<mark class="mi">今天</mark>' in row
    assert '<mark class="mr" title="B: 召开">舉行</mark>' in row
    assert '<mark class="mr" title="A: 舉行">召开</mark>' in row
    assert '<mark class="mp" title="B adds: 今天"></mark>' in row


def test_fact_mentions_carry_ids_and_overlap_edits(page):
    row = _row_html(page, "r9")
    assert '<mark class="mr f fx" id="fa2" data-f="2" title="B: 1200">1000</mark>' in row
    assert 'id="fb2" data-f="2"' in row
    assert 'id="fa1"' in page and 'id="fb3"' in page and 'id="fa0"' in page and 'id="fb0"' in page


def test_facts_table_puts_conflicts_first(report):
    view = build_view(report)
    assert [f["status"] for f in view["facts_open"]] == ["conflict", "only_a", "only_b"]
    assert [f["status"] for f in view["facts_shared"]] == ["shared"]
    conflict = view["facts_open"][0]
    assert conflict["a"]["href"] == "#fa2" and conflict["b"]["href"] == "#fb2"


def test_headings_boilerplate_and_lost_glyphs(page):
    assert '<h3 class="t" id="a1">' in page  # its common-script text comes from A's table
    assert re.search(r'<details><summary>boilerplate · 1</summary><span class="t" id="a0"[ >]', page)
    assert re.search(r'<mark class="lg" title="lost glyph[^"]*">&amp;&amp;</mark>', page)
    assert '<mark class="lg" title="undecodable bytes in the file">\ufffd</mark>' in page


def decode_norm(original: str, delta: str) -> str:
    """The decoder of report.js, in Python: rebuild the common-script text."""
    length, _, ops = delta.partition(";")
    assert int(length) == len(original)
    out, i, p = [], 0, 0
    while p < len(ops):
        op, p = ops[p], p + 1
        digits = re.match(r"\d+", ops[p:]).group()
        k, p = int(digits), p + len(digits)
        if op == "=":
            out.append(original[i:i + k])
            i += k
        elif op == "-":
            i += k
        else:
            out.append(ops[p + 1:p + 1 + k])
            p += 1 + k
            i += k if op == "~" else 0
    return "".join(out)


@pytest.mark.parametrize("original, normalized", [
    ("人才互通,激發科創“強動能”", "人才互通,激发科创“强动能”"),
    ("资源互联，科创\n“利箭”", "资源互联,科创“利箭”"),
    ("嘉昆太三地跳出一地一域视野嘉昆太三地跳出一地一域视野，，", "嘉昆太三地跳出一地一域视野,"),
    ("12+3:=4~", "１２+3:=4~x"),
    ("𠀀a", "b𠀀"),
])
def test_common_script_delta_rebuilds_the_text(original, normalized):
    delta = norm_delta(original, normalized)
    assert decode_norm(original, delta) == normalized
    assert len(delta.encode()) <= len(normalized.encode()) + len(str(len(original))) + 6


def _common_script_texts(page: str) -> dict[str, str]:
    """What report.js shows with "common script" on, in Python: each segment's
    ``data-n`` delta if it has one, else its side's character table (``data-ca`` /
    ``data-cb`` on ``#rows``) applied to its text as the browser reads it."""
    main = re.search(r'<main id="rows" data-ca="([^"]*)" data-cb="([^"]*)">', page)
    tables = {}
    for side, pairs in zip("AB", (html.unescape(main.group(1)), html.unescape(main.group(2)))):
        tables[side] = str.maketrans(pairs[0::2], pairs[1::2])
    texts = {}
    for cell in re.finditer(r'(?s)<div class="([AB])" lang="[^"]*">(.*?)</div>', page):
        for seg in re.finditer(r'(?s)<(span|h3) class="t" id="([^"]+)"(?: data-n="([^"]*)")?>(.*?)</\1>', cell.group(2)):
            text = html.unescape(re.sub(r"<[^>]*>", "", seg.group(4)))
            delta = seg.group(3)
            texts[html.unescape(seg.group(2))] = (decode_norm(text, html.unescape(delta)) if delta is not None
                                                  else text.translate(tables[cell.group(1)]))
    return texts


def test_common_script_text_only_where_it_differs(report, page):
    texts = _common_script_texts(page)
    assert texts == {s.id: s.normalized for s in report.segments_a + report.segments_b}
    # A's conversions and width folds travel in A's table, not per segment
    assert re.search(r'<h3 class="t" id="a1">人才互通,激發科創“強動能”</h3>', page)
    assert "發发" in page and "創创" in page


def test_real_samples_common_script_is_rebuilt_exactly():
    report = compare(SAMPLES / "xinhua-web-traditional.txt", SAMPLES / "newspaper-pdf-simplified.txt")
    page = render_html(report)
    assert _common_script_texts(page) == {s.id: s.normalized for s in report.segments_a + report.segments_b}
    differing = sum(1 for s in report.segments_a + report.segments_b if s.text != s.normalized)
    assert page.count(" data-n=") < differing * 2 / 3  # the rest ride on the tables


def _rebuilt(texts: list[str], normalized: list[str]) -> list[str]:
    """Each text's common-script form as the page rebuilds it from common_script's result."""
    table, exceptions = common_script(texts, normalized)
    return [decode_norm(t, norm_delta(t, n)) if k in exceptions else t.translate(table)
            for k, (t, n) in enumerate(zip(texts, normalized))]


@pytest.mark.parametrize("label, texts, normalized", [
    ("conversion and width", ["激發科創，", "資源互聯。", "人才"], ["激发科创,", "资源互联。", "人才"]),
    ("kept in one place, converted in another", ["顯著成績", "著作"], ["显着成绩", "著作"]),
    ("two targets of one character", ["鍛鍊身體", "鐵鍊"], ["锻炼身体", "铁链"]),
    ("other lengths", ["（新華社）\n\n\u3000\u3000記者", "U盤"], ["(新华社)记者", "随身碟"]),
    ("identical", ["人才互通", ""], ["人才互通", ""]),
    ("separator and astral characters", ["a\x01b𠀀c", "𠀀\x02"], ["a\x01b𠀁c", "𠀁\x02"]),
    ("nothing", [], []),
])
def test_common_script_table_rebuilds_every_text(label, texts, normalized):
    assert _rebuilt(texts, normalized) == normalized, label


def test_common_script_table_is_one_entry_per_character():
    table, exceptions = common_script(["顯著成績", "著作", "發展"], ["显着成绩", "著作", "发展"])
    assert table[ord("顯")] == ord("显") and table[ord("發")] == ord("发")
    assert exceptions <= {0, 1} and 2 not in exceptions


def test_summary_counts_and_strip(report, page):
    summary = report.summary
    for label, key in (("changed", "changed"), ("moved", "moved"), ("only in A", "only_a"),
                       ("only in B", "only_b"), ("facts in conflict", "facts_conflict")):
        assert f"<b>{summary[key]}</b> {label}" in page
    strip = build_view(report)["strip"]
    assert len(strip) == 11 and {b["cls"] for b in strip if b} == {"a", "b", "c", "m", "x"}


def test_real_samples_render_every_segment_once():
    report = compare(SAMPLES / "xinhua-web-traditional.txt", SAMPLES / "newspaper-pdf-simplified.txt")
    page = render_html(report)
    parsed = _parse(page)
    assert parsed.errors == [] and parsed.stack == []
    ids = set(parsed.ids)
    assert len(ids) == len(parsed.ids)
    assert {s.id for s in report.segments_a + report.segments_b} <= ids
    rows = _rows(build_view(report))
    assert sum(1 for r in rows if "g" not in r["cls"].split() and r["a"] and r["b"]) == len(report.links)


def test_empty_report_renders(report):
    empty = replace(report, segments_a=(), segments_b=(), links=(), only_a=(), only_b=(), facts=())
    page = render_html(empty)
    assert "Neither source has any content." in page and "no facts were compared" in page
    assert _parse(page).errors == []


def test_fact_outside_any_segment_links_to_its_row(report):
    outside = Fact("number", "conflict", Mention(0, 0, "", None), report.facts[2].b, link=4)
    view = build_view(replace(report, facts=(outside,)))
    fact = view["facts_open"][0]
    assert fact["a"]["href"] == "#r9" and fact["b"]["href"] == "#fb0"
