"""The HTML report of several sources, as markup (render/many_html.py); the browser tests are
in test_many_browser.py."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from aligner.many import compare_many_texts
from aligner.many_model import FACT_ROW_STATUSES
from aligner.render.many_html import _marked, render_many_html
from tests.many_stories import HOSTILE, hostile_story


@pytest.fixture(scope="module")
def report():
    return compare_many_texts(hostile_story())


@pytest.fixture(scope="module")
def page(report):
    return render_many_html(report)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_input_text_is_escaped_everywhere(page):
    for payload in HOSTILE:
        assert payload not in page
    parser = Tags()
    parser.feed(page)
    assert [tag for tag, _ in parser.tags].count("script") == 1
    assert not any(tag in ("img", "svg") for tag, _ in parser.tags)
    assert not any(name.startswith("on") for _, attrs in parser.tags for name in attrs)


def test_only_our_own_css_and_script_may_run(page):
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy
    for block, kind in ((m, "style-src") for m in re.findall(r"<style>(.*?)</style>", page, re.S)):
        digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy.split(kind)[1].split(";")[0]
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in policy.split("script-src")[1].split(";")[0]


def test_every_source_has_a_view_with_every_segment_the_pivot_first(report, page):
    views = re.findall(r'<section class="view" id="view-([a-t])"', page)
    assert views[0] == report.pivot and sorted(views) == list(report.ids)
    for segments in report.segments:
        for segment in segments:
            assert f'id="{segment.id}"' in page


def test_badges_tell_same_words_other_words_and_missing(report, page):
    group = next(g for g in report.groups if g.status == "changed" and len(g.parts) < len(report.ids))
    part = group.parts[0]
    row = re.search(rf'<div class="r [^"]*" id="{part.segments[0]}".*?</div>', page).group(0)
    missing = [s for s in report.ids if s not in group.sources]
    assert f'<b class="n" title="not stated: {" ".join(missing)}">{"".join(missing)}</b>' in row
    other = [p.source for p in group.parts if p.variant != part.variant]
    if other:
        assert f'title="other words: {" ".join(other)}">{"".join(other)}</b>' in row
    assert " d" in row.split('"')[1] or "d " in row.split('"')[1]


def test_one_sided_sentences_say_whose_they_are(report, page):
    for source, only in zip(report.ids, report.only):
        for segment_id in only:
            row = re.search(rf'<div class="r ([^"]*)" id="{segment_id}".*?</div>', page)
            assert "o" in row.group(1).split() and f">only {source}</b>" in row.group(0)


def test_the_fact_table_has_a_column_per_source_disagreements_first(report, page):
    table = page[page.index('<section id="facts"'):page.index("</section>")]
    assert table.count('<span class="sid') >= len(report.ids)
    statuses = re.findall(r'<tr class="fr (\w+)"', table)
    assert statuses and statuses == sorted(statuses, key=FACT_ROW_STATUSES.index)


def test_marks_cover_stretches_and_points_without_overlap():
    text = "甲乙丙丁戊"
    marks = [(10, 13, "mr", "b: 乙", None), (11, 12, "f", "", 4), (14, 14, "mp", "c adds: 己", None)]
    assert _marked(text, 10, marks) == (
        '<mark class="mr" title="b: 乙">甲</mark><mark class="mr f" title="b: 乙" data-f="4">乙</mark>'
        '<mark class="mr" title="b: 乙">丙</mark>丁<mark class="mp" title="c adds: 己"></mark>戊')
    assert _marked("<&>", 0, []) == "&lt;&amp;&gt;"


def test_two_sources_render_too(traditional, simplified):
    page = render_many_html(compare_many_texts([traditional, simplified]))
    assert page.count('<section class="view"') == 2 and "Comparison of 2 sources" in page
