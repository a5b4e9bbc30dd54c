"""readers.layout on characters made up here: doubles, ligatures, columns, running
lines and paragraphs, each in the smallest case that shows it."""

from __future__ import annotations

from aligner.readers import layout
from aligner.readers.layout import Line

SIZE = 10.0


def chars(text: str, x: float, baseline: float, size: float = SIZE, advance: float | None = None):
    """Characters of ``text`` set from ``x`` on ``baseline``, one ``advance`` apart (an em)."""
    advance = size if advance is None else advance
    return [(char, x + i * advance, baseline, x + i * advance + advance, baseline + size) for i, char in enumerate(text)]


def lines_of(drawn, page: int = 1):
    lines, doubled = layout.page_lines(layout.split_runs(drawn), page)
    return sorted(lines, key=lambda line: (-line.top, line.x0)), doubled


def test_a_character_drawn_twice_in_a_row_is_kept_once():
    drawn = []
    for char in chars("联合抱团", 0, 100):
        drawn += [char, (char[0], char[1] + 0.3, char[2] + 0.15, char[3] + 0.3, char[4] + 0.15)]
    (line,), doubled = lines_of(drawn)
    assert line.text == "联合抱团" and doubled == ["联合抱团"]


def test_a_run_drawn_again_after_it_is_kept_once():
    drawn = chars("图为上海人才港。", 0, 100) + chars("图为上海人才港。", 0.3, 100.15)
    (line,), doubled = lines_of(drawn)
    assert line.text == "图为上海人才港。" and doubled == ["图为上海人才港。"]


def test_runs_drawn_twice_one_after_the_other_are_kept_once():
    # The pattern behind "联合抱团联合抱团，，" in text extracted from a newspaper PDF:
    # each run of the caption drawn, then drawn again a fraction of a point aside.
    drawn, x = [], 0.0
    for run in ("嘉昆太三地跳出一地一域视野", "，", "联合抱团", "，"):
        first = chars(run, x, 100)
        drawn += first + [(c, x0 + 0.25, b + 0.1, x1 + 0.25, t + 0.1) for c, x0, b, x1, t in first]
        x += len(run) * SIZE
    (line,), doubled = lines_of(drawn)
    assert line.text == "嘉昆太三地跳出一地一域视野，联合抱团，"
    assert doubled == ["嘉昆太三地跳出一地一域视野，联合抱团，"]


def test_repeated_characters_and_ligatures_are_not_doubles():
    # 哈哈 is two characters an em apart; "——" may be one glyph standing for two
    # characters, both given the glyph's box.
    dash = ("—", 20.0, 100.0, 40.0, 110.0)
    drawn = chars("哈哈", 0, 100) + [dash, dash]
    (line,), doubled = lines_of(drawn)
    assert line.text == "哈哈——" and doubled == []


def test_a_glyph_with_a_tight_box_stays_on_its_line():
    # pdfium gives some glyphs (一) their ink box, a sliver in the middle of the line.
    drawn = chars("统", 0, 100) + [("一", 10.0, 104.5, 19.0, 105.3)] + chars("战线", 20, 100)
    (line,), _ = lines_of(drawn)
    assert line.text == "统一战线" and line.size == SIZE


def test_latin_words_get_their_spaces():
    # Where the PDF draws no space character, the gap says there is one.
    drawn = chars("Shanghai", 0, 100, advance=5) + chars("Daily", 45, 100, advance=5)
    (line,), _ = lines_of(drawn)
    assert line.text == "Shanghai Daily"
    # A second drawing of the run lands on the first: one line, spaced alike.
    (line,), _ = lines_of(drawn + [(c, x0 + 0.2, b, x1 + 0.2, t) for c, x0, b, x1, t in drawn])
    assert line.text == "Shanghai Daily"


def _column(texts, x: float, top: float, indent_first: bool = True):
    """Lines of a justified column: paragraphs as lists of line texts, first lines indented."""
    drawn, baseline = [], top
    for paragraph in texts:
        for number, text in enumerate(paragraph):
            start = x + (2 * SIZE if number == 0 and indent_first else 0)
            drawn += chars(text, start, baseline)
            baseline -= 1.5 * SIZE
    return drawn


def _read(drawn):
    lines, _ = layout.page_lines(layout.split_runs(drawn), 1)
    regions = layout.reading_order(lines)
    paragraphs = layout.paragraphs(regions, 1.15 * SIZE)
    return [layout.join_lines(paragraph)[0] for paragraph in paragraphs]


def test_two_columns_on_common_baselines_are_read_column_by_column():
    left = _column([["甲一甲一甲一甲一", "甲二甲二甲二甲二甲二", "甲三甲三"], ["乙一乙一乙一乙一", "乙二乙二乙二乙二乙二"]], 0, 700)
    right = _column([["丙一丙一丙一丙一", "丙二丙二"]], 130, 700)
    assert _read(left + right) == ["甲一甲一甲一甲一甲二甲二甲二甲二甲二甲三甲三", "乙一乙一乙一乙一乙二乙二乙二乙二乙二",
                                   "丙一丙一丙一丙一丙二丙二"]


def test_a_headline_across_both_columns_comes_first_and_a_paragraph_runs_on_into_the_next_column():
    headline = chars("标题横跨两栏", 0, 740, size=20)
    left = _column([["一段开头一段开", "一段继续一段继续一段"]], 0, 700)
    right = _column([["二段继续二段继续二段", "二段结束"]], 130, 700, indent_first=False)
    assert _read(right + left + headline) == ["标题横跨两栏", "一段开头一段开一段继续一段继续一段二段继续二段继续二段二段结束"]


def test_a_column_that_starts_lower_is_still_read_after_the_one_beside_it():
    # The left column has a picture on top: its text starts lower than the right column's.
    lede = chars("导语导语导语导语导语导语导语导语导语导语导语导语导", 0, 760)
    left = _column([["左栏左栏左栏左栏", "左栏左栏左栏"]], 0, 600)
    right = _column([["右栏右栏右栏右栏", "右栏右栏右栏右栏右栏", "右栏右栏右栏右栏右栏", "右栏右栏右栏右栏右栏",
                      "右栏右栏右栏右栏右栏", "右栏右栏右栏右栏右栏", "右栏右栏右栏右栏右栏", "右栏右栏右栏右栏右栏",
                      "右栏右栏右栏右栏右栏", "右栏右栏右栏右栏右栏", "右栏结束"]], 130, 700)
    texts = _read(lede + right + left)
    assert [text[:2] for text in texts] == ["导语", "左栏", "右栏"]


def _page(page: int, body: str):
    header = Line("长三角观察 · 2024年10月31日", 40, 200, 800, 808, 8, page, 8)
    top_of_column = Line(body, 40, 280, 760, 770, 10, page, 10)
    under = Line("下一行正文，紧接着上一行。", 40, 280, 745, 755, 10, page, 10)
    folio = Line(f"第 {page} 版", 280, 320, 20, 28, 8, page, 8)
    return [header, top_of_column, under, folio]


def test_running_headers_and_page_numbers_are_found_in_the_margins():
    pages = [_page(1, "同一行正文出现在每页顶端"), _page(2, "同一行正文出现在每页顶端"), _page(3, "另一行")]
    found = layout.running_lines(pages)
    kinds = {line.text: kind for lines in pages for line in lines if (kind := found.get(id(line)))}
    # The repeated body line is not set off from the text under it: it stays.
    assert kinds == {"长三角观察 · 2024年10月31日": "header", "第 1 版": "page-number", "第 2 版": "page-number",
                     "第 3 版": "page-number"}


def test_a_short_line_or_an_indented_one_ends_a_paragraph_and_a_gap_too():
    column = _column([["第一段第一段第一段", "第一段完。"], ["第二段第二段第二段", "第二段第二段第二段第二", "完。"]], 0, 700)
    assert _read(column) == ["第一段第一段第一段第一段完。", "第二段第二段第二段第二段第二段第二段第二完。"]
    # Paragraphs set apart by space instead of indentation.
    spaced = [char for number, baseline in enumerate((700, 685, 670, 630, 615))
              for char in chars("甲乙"[number > 2] * 10, 0, baseline)]
    assert _read(spaced) == ["甲" * 30, "乙" * 20]


def test_join_lines_puts_spaces_only_between_latin_words():
    lines = [Line(text, 0, 100, 0, 10, 10, 1, 10) for text in ("新华社", "上海", "Shanghai", "Daily", "报道。")]
    assert layout.join_lines(lines) == ("新华社上海Shanghai Daily报道。", [0, 3, 5, 14, 19])
