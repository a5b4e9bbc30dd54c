"""The HTML report of several sources in a real browser: Debian's Chromium driven by Playwright.

Checks that the page loads from disk with no error and no request, that the view
switch, n/p navigation, the filters, "what only X says", the side-by-side
wordings and fact highlighting work, that hostile input runs nothing, and that
the page without script shows every source.
"""

from __future__ import annotations

import pytest

from aligner.many import compare_many_texts
from aligner.render.many_html import render_many_html
from tests.helpers import Watched
from tests.many_stories import HOSTILE, hostile_story, make_story

# ids of the rows the current view shows (filters and the view switch use display: none)
VISIBLE_ROWS = """() => Array.from(document.querySelectorAll('#rows .r'))
    .filter(r => r.checkVisibility()).map(r => r.id)"""



@pytest.fixture(scope="module")
def report():
    return compare_many_texts(make_story(4, 4))


@pytest.fixture(scope="module")
def path(report, tmp_path_factory):
    path = tmp_path_factory.mktemp("many") / "many.html"
    path.write_text(render_many_html(report), encoding="utf-8")
    return path



@pytest.fixture
def watched(browser, path):
    page = Watched(browser, path)
    yield page
    page.close()


def ids_of(report, source: str) -> list[str]:
    return [s.id for s in report.segments[report.index(source)]]


def test_loads_cleanly_offline_on_the_pivot(watched, report):
    page = watched.page
    assert watched.errors == [] and watched.requests == [watched.url]
    assert page.evaluate(VISIBLE_ROWS) == ids_of(report, report.pivot)
    assert page.locator("#view").input_value() == report.pivot


def test_the_view_switch_shows_another_source(watched, report):
    page = watched.page
    other = next(s for s in report.ids if s != report.pivot)
    page.select_option("#view", other)
    assert page.evaluate(VISIBLE_ROWS) == ids_of(report, other)
    assert page.evaluate("() => Array.from(document.querySelectorAll('nav.strip'))"
                         ".filter(s => !s.hidden).map(s => s.dataset.v)") == [other]


def test_next_and_previous_visit_the_differences_of_the_view(watched, report):
    page = watched.page
    page.keyboard.press("n")
    first = page.evaluate("() => document.querySelector('.r.cur').id")
    assert first == page.evaluate("() => document.querySelector('section.view:not([hidden]) .r.d').id")
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert "difference 3 of" in page.inner_text("#pos")
    page.click("#prev")
    assert "difference 2 of" in page.inner_text("#pos")


def test_what_only_a_source_says(watched, report):
    page = watched.page
    source = next(s for s, only in zip(report.ids, report.only) if only)
    page.select_option("#only", source)
    assert page.locator("#view").input_value() == source
    assert page.evaluate(VISIBLE_ROWS) == list(report.only[report.index(source)])
    page.check('input[name="f"][value=""]')
    assert page.evaluate(VISIBLE_ROWS) == ids_of(report, source)


def test_filters_differences_and_conflicts(watched, report):
    page = watched.page
    k = report.index(report.pivot)
    groups = {i: g for g in report.groups for p in g.parts for i in p.segments}
    conflicts = [row.values[k] for row in report.facts if row.status == "conflict" and row.values[k]]
    in_conflict = {s.id for s in report.segments[k] if any(s.start <= m.start < s.end for m in conflicts)}
    differing = {s.id for s in report.segments[k] if s.is_content and (
        s.id not in groups or groups[s.id].status == "changed" or len(groups[s.id].parts) < len(report.ids)
        or groups[s.id].part(report.pivot).moved)}
    page.check('input[name="f"][value="diff"]')
    assert set(page.evaluate(VISIBLE_ROWS)) == differing | in_conflict
    page.check('input[name="f"][value="x"]')
    assert set(page.evaluate(VISIBLE_ROWS)) == in_conflict and in_conflict


def test_a_click_lays_every_wording_side_by_side(watched, report):
    page = watched.page
    group_index, group = next((n, g) for n, g in enumerate(report.groups)
                              if g.part(report.pivot) and len(g.parts) < 4 and g.status == "changed")
    row = group.part(report.pivot).segments[0]
    page.locator(f"#{row} > .t").click()
    cells = page.locator(f"#{row} + .cmp > div")
    assert cells.count() == 4
    texts = {s.id: s.text for segments in report.segments for s in segments}
    for k, source in enumerate(page.evaluate("() => Array.from(document.querySelectorAll('#view option'))"
                                             ".map(o => o.value)")):
        part = group.part(source)
        cell = cells.nth(k).inner_text()
        if part is None:
            assert "not stated" in cell
        else:
            assert all(texts[i].strip() in cell for i in part.segments)
    page.locator(f"#{row} > .t").click()
    assert page.locator(f"#{row} + .cmp").count() == 0


def test_a_fact_row_lights_its_mentions(watched, report):
    page = watched.page
    n = next(n for n, row in enumerate(report.facts) if row.status == "conflict")
    page.click(f'tr.fr[data-f="{n}"] td.st')
    stating = {source for source, mention in zip(report.ids, report.facts[n].values) if mention}
    lit = page.evaluate("() => Array.from(document.querySelectorAll('#rows mark.hl'))"
                        ".map(m => m.closest('section').dataset.v)")
    assert lit and set(lit) == stating
    assert page.evaluate("() => document.querySelector('tr.fr.sel').dataset.f") == str(n)
    # the view shows a lit mention: the pivot's when it states the fact
    current = page.locator("#view").input_value()
    assert current in stating and (current == report.pivot or report.pivot not in stating)


def test_without_script_every_source_shows(browser, path, report):
    page = Watched(browser, path, java_script_enabled=False)
    assert page.page.evaluate("() => 1") == 1  # evaluation still works with page scripts off
    shown = page.page.evaluate(VISIBLE_ROWS)
    assert shown == [i for source in [report.pivot] + [s for s in report.ids if s != report.pivot]
                     for i in ids_of(report, source)]
    page.close()


def test_hostile_input_shows_as_text_and_runs_nothing(browser, tmp_path):
    report = compare_many_texts(hostile_story())
    path = tmp_path / "hostile.html"
    path.write_text(render_many_html(report), encoding="utf-8")
    page = Watched(browser, path)
    for source in report.ids:
        page.page.select_option("#view", source)
        page.page.keyboard.press("n")
    page.page.locator("section.view:not([hidden]) .r[data-g] > .t").first.click()
    page.page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == [] and page.requests == [page.url]
    text = page.page.inner_text("#rows")
    assert all(payload in text for payload in HOSTILE)
    assert page.page.locator("#rows img, #rows script, #rows svg").count() == 0
    page.close()
