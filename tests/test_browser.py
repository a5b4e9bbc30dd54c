"""The HTML report in a real browser: Debian's Chromium driven by Playwright.

Checks that the page loads from disk with no console error and no request,
that navigation, filters, the script toggle and fact highlighting work, that
hostile input runs nothing, and that a 1,000,000 + 1,000,000 character report
opens and scrolls without freezing.  Screenshots go to ``reports/``.
The large report is marked ``slow`` (deselected by a plain ``pytest``).  Run alone:
``.venv/bin/python -m pytest tests/test_browser.py -m "slow or not slow"``; from the
repository root, ``.venv/bin/python -m tests.test_browser`` times the rendering of the large report.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from aligner import compare
from aligner.model import Edit, Link, Report, SideInfo
from aligner.render.html import render_html
from tests.helpers import ROOT, SAMPLE_SIMPLIFIED, SAMPLE_TRADITIONAL, DocBuilder, Watched, hand_made_report

SHOTS = ROOT / "reports"
LARGE_CHARS = 1_000_000
LARGE_HTML_LIMIT = 15_000_000  # bytes
FREEZE_LIMIT = 20.0  # seconds to load and scroll the large report

# a row counts as shown when it takes part in layout (filters use display: none)
VISIBLE_SEGMENT_IDS = """() => Array.from(document.querySelectorAll('#rows .r'))
    .filter(r => r.checkVisibility())
    .flatMap(r => Array.from(r.querySelectorAll('.t')).map(t => t.id))"""


def large_report(chars: int = LARGE_CHARS) -> Report:
    """A report for two generated documents of about ``chars`` characters each.

    Sentences of the traditional sample are repeated with numbers varied; about
    one row in five is changed (a replaced number), one in nine only in A, one in
    eleven only in B, one in two hundred moved, and one in thirty a heading.
    """
    sentences = [s + "。" for s in SAMPLE_TRADITIONAL.read_text(encoding="utf-8")
                 .replace("\n", "").split("。") if len(s) > 8]
    a, b = DocBuilder("a"), DocBuilder("b")
    simplify = str.maketrans("國發會創協倉區與產業這個們為開", "国发会创协仓区与产业这个们为开")
    links, only_a, only_b, moved_b = [], [], [], []
    k = 0
    while min(a.pos, b.pos) < chars:
        text = sentences[k % len(sentences)]
        kind = "heading" if k % 30 == 0 else "sentence"
        para = k // 4
        if k % 9 == 4:
            only_a.append(a.seg(para, text, kind=kind, normalized=text.translate(simplify)))
        elif k % 11 == 6:
            only_b.append(b.seg(para, f"第{k}條:", text, kind=kind))
        elif k % 200 == 150:
            moved_b.append((a.seg(para, f"{k}號", text), text))
        elif k % 5 == 2:
            sa = a.seg(para, ("n", f"{k}年"), text, kind=kind, normalized=f"{k}年" + text.translate(simplify))
            span_a = a.spans["n"]
            sb = b.seg(para, ("n", f"{k + 1}年"), text, kind=kind)
            links.append(Link((sa,), (sb,), "changed", 0.9, edits=(Edit("replace", span_a, b.spans["n"]),)))
        else:
            sa = a.seg(para, text, kind=kind, normalized=text.translate(simplify))
            links.append(Link((sa,), (b.seg(para, text, kind=kind),), "identical", 1.0))
        k += 1
    for sa, text in moved_b:  # moved sentences sit at the end of B
        links.append(Link((sa,), (b.seg(10 ** 6, f"{sa[1:]}號", text),), "identical", 1.0, moved=True))
    order = {s.id: s.index for s in a.segments}
    links.sort(key=lambda link: order[link.a[0]])
    return Report("test", {}, (a.source("large-a.txt", "traditional"), b.source("large-b.txt", "traditional")),
                  tuple(a.segments), tuple(b.segments), tuple(links), tuple(only_a), tuple(only_b),
                  (), SideInfo(), SideInfo())



@pytest.fixture(scope="module")
def sample_report() -> Report:
    return compare(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED)


@pytest.fixture(scope="module")
def pages(tmp_path_factory, sample_report) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    paths = {}
    for name, report in (("sample", sample_report), ("hand", hand_made_report())):
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(render_html(report), encoding="utf-8")
    return paths



@pytest.fixture
def sample(browser, pages):
    watched = Watched(browser, pages["sample"])
    yield watched
    watched.close()


@pytest.fixture
def hand(browser, pages):
    watched = Watched(browser, pages["hand"])
    yield watched
    watched.close()


def test_sample_loads_cleanly_and_offline(sample):
    SHOTS.mkdir(exist_ok=True)
    sample.page.screenshot(path=str(SHOTS / "screenshot-summary.png"))
    assert sample.errors == []
    assert sample.requests == [sample.url]
    assert sample.page.locator(".tiles li").count() == 8


def test_next_and_previous_difference_move_the_view(sample, sample_report):
    page = sample.page
    first_diff = page.evaluate("() => document.querySelector('.r.d').id")
    page.keyboard.press("n")
    assert page.evaluate("() => document.querySelector('.r.cur').id") == first_diff
    y1 = page.evaluate("() => scrollY")
    for _ in range(5):
        page.keyboard.press("n")
    second = page.evaluate("() => document.querySelector('.r.cur').id")
    assert second != first_diff and page.evaluate("() => scrollY") > y1
    page.click("#prev")
    assert page.evaluate("() => document.querySelector('.r.cur').id") != second
    assert "difference 5 of" in page.inner_text("#pos")
    SHOTS.mkdir(exist_ok=True)
    page.locator(".r.c").first.evaluate("row => row.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(SHOTS / "screenshot-changed-row.png"))


def _segments_of(report: Report, ids) -> set[str]:
    kinds = {s.id: s.kind for s in report.segments_a + report.segments_b}
    return {i for i in ids if kinds[i] != "boilerplate"}


def test_filters_show_the_right_rows(sample, sample_report):
    page, report = sample.page, sample_report
    every = {s.id for s in report.segments_a + report.segments_b if s.kind != "boilerplate"}
    one_sided = _segments_of(report, report.only_a + report.only_b)
    differing = one_sided | {i for link in report.links if link.status == "changed" or link.moved
                             for i in link.a + link.b}
    for value, expected in (("one", one_sided), ("diff", differing), ("", every)):
        page.check(f'input[name="f"][value="{value}"]')
        shown = set(page.evaluate(VISIBLE_SEGMENT_IDS))
        assert shown - {i for i in shown if i not in every} == expected, value


def test_conflict_filter_and_fact_highlight(hand):
    page = hand.page
    page.check('input[name="f"][value="x"]')
    assert set(page.evaluate(VISIBLE_SEGMENT_IDS)) == {"a6", "b5", "b6"}
    page.check('input[name="f"][value=""]')
    page.click('tr.fr[data-f="2"] td.st')
    lit = page.evaluate("() => Array.from(document.querySelectorAll('mark.hl')).map(m => m.id)")
    assert lit == ["fa2", "fb2"]
    assert page.evaluate("() => document.querySelector('tr.fr.sel').dataset.f") == "2"
    page.click('tr.fr[data-f="1"] a')  # a one-sided fact: its mention only
    assert page.evaluate("() => Array.from(document.querySelectorAll('mark.hl')).map(m => m.id)") == ["fa1"]
    SHOTS.mkdir(exist_ok=True)
    page.evaluate("() => scrollTo(0, 0)")
    page.locator("#facts").screenshot(path=str(SHOTS / "screenshot-facts-conflict.png"))


def test_sample_facts_table_screenshot(sample):
    SHOTS.mkdir(exist_ok=True)
    sample.page.locator("#facts").screenshot(path=str(SHOTS / "screenshot-facts.png"))
    assert sample.page.locator("#facts h2").inner_text() == "Facts"


def test_common_script_toggle(hand):
    page = hand.page
    assert page.inner_text("#a1") == "人才互通,激發科創“強動能”"
    page.check("#norm")
    assert page.inner_text("#a1") == "人才互通,激发科创“强动能”"
    page.uncheck("#norm")
    assert page.inner_text("#a1") == "人才互通,激發科創“強動能”"


def test_hostile_input_shows_as_text_and_runs_nothing(hand):
    page = hand.page
    page.keyboard.press("n")
    page.click('tr.fr[data-f="3"] a')
    page.check('input[name="f"][value="one"]')
    page.wait_for_timeout(200)
    assert hand.dialogs == [] and hand.errors == []
    assert hand.requests == [hand.url]
    assert "<script>alert(1)</script>侯孟炎" in page.inner_text("#a5")
    assert "<img src=x onerror=alert(1)>编者按" in page.inner_text("#b3")
    assert "<svg onload=alert(2)>" in page.inner_text("h1")
    assert page.locator("#rows img, #rows script, h1 svg").count() == 0


@pytest.mark.slow
def test_large_report_opens_and_scrolls(browser, tmp_path):
    report = large_report()
    assert min(s.chars for s in report.sources) >= LARGE_CHARS
    html = render_html(report)
    assert len(html.encode("utf-8")) < LARGE_HTML_LIMIT
    path = tmp_path / "large.html"
    path.write_text(html, encoding="utf-8")
    started = time.monotonic()
    watched = Watched(browser, path)
    page = watched.page
    height = page.evaluate("() => document.documentElement.scrollHeight")
    for step in range(1, 11):
        page.evaluate(f"() => scrollTo(0, {height * step // 10})")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("n")
    page.check('input[name="f"][value="one"]')
    page.keyboard.press("n")
    page.check("#norm")  # rebuilds the common-script text of every segment
    first_a = page.evaluate("() => document.querySelector('.r.a .t').innerText")
    elapsed = time.monotonic() - started
    assert first_a == report.segments_a[4].normalized
    assert page.evaluate("() => document.querySelector('.r.cur').classList.contains('a')"
                         " || document.querySelector('.r.cur').classList.contains('b')")
    assert watched.errors == []
    watched.close()
    assert elapsed < FREEZE_LIMIT, f"large report took {elapsed:.1f} s to load and scroll"


if __name__ == "__main__":
    # Benchmark: CPU time of render_html (process_time: the machine is shared and
    # wall time is noisy).  With no argument, on the generated large report; with
    # a path, on a pickled Report, e.g. one made by
    #   aligner.compare("/tmp/scale/1000000.a.txt", "/tmp/scale/1000000.b.txt")
    # (the render_html budget there is 0.8 s CPU, the page at most 15 MB).
    import pickle

    if len(sys.argv) > 1:
        with open(sys.argv[1], "rb") as handle:
            big = pickle.load(handle)
    else:
        big = large_report()
    times = []
    for _ in range(3):
        t0 = time.process_time()
        out = render_html(big)
        times.append(time.process_time() - t0)
    print(f"chars a={big.sources[0].chars:,} b={big.sources[1].chars:,} links={len(big.links):,} "
          f"render_html CPU {' '.join(f'{t:.2f}' for t in times)} s (best {min(times):.2f} s), "
          f"{len(out.encode('utf-8')) / 1e6:.1f} MB")


def test_a_clause_link_highlights_the_restated_clause(browser, tmp_path):
    from aligner import compare_texts

    report = compare_texts(
        "天文台发出八号烈风信号。\n消防处表示，大火至今造成12人受伤，其中3人伤势严重。\n",
        "天文台发出八号烈风信号。\n台风吹袭期间多区发生事故，据消防部门消息，火灾已致12人受伤，3人伤势严重，另有三宗塌树报告。\n")
    path = tmp_path / "clause.html"
    path.write_text(render_html(report), encoding="utf-8")
    watched = Watched(browser, path)
    clause = watched.page.locator("mark.cl")
    assert clause.count() >= 1 and "火灾已致" in "".join(clause.all_inner_texts())
    assert clause.first.evaluate("m => getComputedStyle(m).boxShadow") != "none"
    assert watched.errors == []
    watched.close()
