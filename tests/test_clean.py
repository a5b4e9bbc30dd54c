"""The clean stage: each repair on fixtures cut from the samples, the samples
whole, and a property test that no repair loses or duplicates a character."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from aligner.clean import (
    REPAIRS,
    clean,
    collapse_doubled_runs,
    join_hard_wraps,
    mark_lost_glyphs,
    strip_indentation,
)
from aligner.clean.patterns import finder, leading_literal, only_at_start, patterns

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases" / "clean"
NEWSPAPER = (ROOT / "samples/newspaper-pdf-simplified.txt").read_text(encoding="utf-8")
WEB = (ROOT / "samples/xinhua-web-traditional.txt").read_text(encoding="utf-8")


def _cases():
    return [pytest.param(case, id=f"{path.stem}: {case['label']}",
                         marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else [])
            for path in sorted(CASES.glob("*.json"))
            for case in json.loads(path.read_text(encoding="utf-8"))]


def _paragraphs(cleaned):
    """(text, original span) of every line of the view."""
    result, start = [], 0
    for line in cleaned.view.text.split("\n"):
        result.append((line, cleaned.view.span(start, start + len(line))))
        start += len(line) + 1
    return result


def _kind(cleaned, span):
    kinds = [kind for start, end, kind in cleaned.marks if (start, end) == span]
    return kinds[0] if kinds else None


def _repair_spans(cleaned, name):
    return [span for repair in cleaned.repairs if repair.name == name for span in repair.spans]


def assert_faithful(original: str, cleaned) -> None:
    """The view's map is monotone, inside the original, ends at its end, and every
    non-space character of the view is the original character it maps to; every
    non-space original character is in the view unless it is a lost glyph or the
    second copy inside a collapsed doubled stretch."""
    text, origin = cleaned.view.text, cleaned.view.boundaries()
    assert len(origin) == len(text) + 1
    assert origin[0] >= 0 and origin[-1] == len(original)
    assert all(a <= b for a, b in zip(origin, origin[1:]))
    kept = []
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert original[origin[i]] == ch, (i, ch)
            kept.append(origin[i])
    assert all(a < b for a, b in zip(kept, kept[1:])), "a character appears twice"
    excused = {i for start, end in cleaned.lost for i in range(start, end)}
    excused |= {i for start, end in _repair_spans(cleaned, "collapse_doubled_runs")
                for i in range(start, end)}
    present = set(kept)
    missing = [i for i, ch in enumerate(original)
               if not ch.isspace() and i not in excused and i not in present]
    assert missing == []
    for start, end, _ in cleaned.marks:
        assert 0 <= start <= end <= len(original)


@pytest.mark.parametrize("case", _cases())
def test_case(case):
    cleaned = clean(case["input"])
    paragraphs = _paragraphs(cleaned)
    assert [line for line, _ in paragraphs] == case["expect"], case["comment"]
    if "lost" in case:
        assert [case["input"][start:end] for start, end in cleaned.lost] == case["lost"]
    if "kinds" in case:
        assert [_kind(cleaned, span) for _, span in paragraphs] == case["kinds"]
    assert_faithful(case["input"], cleaned)


# ---------------------------------------------------------------- each repair alone


def test_each_repair_maps_to_its_own_input():
    text = "嘉昆太&&视野嘉昆太视野，，联合联合，，抱团抱团\n\n  生态互促，\n创新\n"
    for repair in REPAIRS:
        step = repair(text)
        origin = step.view.boundaries()
        assert origin[-1] == len(text)
        assert all(a <= b for a, b in zip(origin, origin[1:]))
        for start, end in step.found:
            assert 0 <= start <= end <= len(text)
        text = step.view.text


def test_lost_glyphs_join_the_character_before():
    step = mark_lost_glyphs("趙民章&&,未來")
    assert step.view.text == "趙民章,未來"
    assert step.found == ((3, 5),)
    assert step.view.span(2, 3) == (2, 5)  # 章 now spans the lost glyph


def test_doubled_run_keeps_first_copy_and_whole_span():
    text = "视野视野，，联合抱团联合抱团，，为科创为科创"
    step = collapse_doubled_runs(text)
    assert step.view.text == "视野，联合抱团，为科创"
    assert step.found == ((0, len(text)),)
    assert step.view.pos(0) == 0 and step.view.pos(len(step.view.text)) == len(text)
    assert step.view.span(1, 2) == (1, 4)  # 野 spans the dropped copy 视野


def test_two_doubled_words_are_not_evidence_enough():
    assert collapse_doubled_runs("谢谢谢谢大家大家").view.text == "谢谢谢谢大家大家"


def test_a_line_repeated_whole_is_no_doubled_run():
    # A headline printed twice as two paragraphs is no bold run extracted twice,
    # and does not make the １１ of the date after it a doubled run.
    text = "再就业难在哪儿（附图片１张）\n\n再就业难在哪儿（附图片１张）\n\n１１月１０日，市区主干道韶山路发生\n\n一起交通事故。"
    assert collapse_doubled_runs(text).view.text == text


def test_a_byline_between_two_sentences_is_a_paragraph_of_its_own():
    # A sentence added after a paragraph's byline; a numbered item is no byline.
    cleaned = clean("……满足国内核电发展需求。（祖佳）去年１１月底，在上海共举办了三场音乐会。\n"
                    "现将有关事项通知如下。（一）加强市场管理。\n")
    paragraphs = _paragraphs(cleaned)
    assert [line for line, _ in paragraphs] == [
        "……满足国内核电发展需求。", "（祖佳）", "去年１１月底，在上海共举办了三场音乐会。",
        "现将有关事项通知如下。（一）加强市场管理。"]
    assert [_kind(cleaned, span) for _, span in paragraphs] == [None, "boilerplate", None, None]


def test_strip_indentation_keeps_one_line_feed_per_paragraph():
    text = "\u2003\u2003第一段。  \n\n\u2003\u2003\n\u3000第二段。\n"
    step = strip_indentation(text)
    assert step.view.text == "第一段。\n第二段。"
    assert text[step.view.pos(4)] == "\n"


def test_hard_wraps_not_joined_without_a_column():
    text = "短标题\n\n另一行没有句号\n\n第三行\n"
    assert join_hard_wraps(text).view.text == text


def test_keep_boilerplate_marks_no_boilerplate():
    kinds = {kind for _, _, kind in clean(WEB, keep_boilerplate=True).marks}
    assert "boilerplate" not in kinds
    assert {"heading", "caption"} <= kinds


# ---------------------------------------------------------------- the samples


def test_newspaper_sentences_end_up_whole_on_one_line():
    cleaned = clean(NEWSPAPER)
    lines = cleaned.view.text.split("\n")
    for sentence in [
        "打破行政区划壁垒，叠加倍增效应明显，澎湃动力加快释放。",
        "侯孟炎就是一支利箭。",
        "人才协同由“相邻”到“相融”的新生态、新格局，助力三地在创新发展中左右逢源，推动嘉昆太协同创新核心圈逐渐成为长三角科创高地。",
        "科技创新是经济转型发展的重要驱动力，科技创新的关键在于人才。",
        "昆山人才资源总量达 53.5万人，高层次人才总量达5.46万人。",
        "顾茸蕾成功解决了嘉定氢能企业所需的 130kW氢燃料电池空压机系统项目的关键研发步骤，",
    ]:
        assert sum(sentence in line for line in lines) == 1, sentence
    # 159 wrapped lines become about one line per paragraph.
    assert 20 <= len(lines) <= 32
    assert_faithful(NEWSPAPER, cleaned)


def test_newspaper_marks():
    cleaned = clean(NEWSPAPER)
    by_kind = {}
    for line, span in _paragraphs(cleaned):
        by_kind.setdefault(_kind(cleaned, span), []).append(line)
    assert by_kind["boilerplate"] == ["■ 上海区报优秀品牌"]
    assert [line[line.index("图为"):] for line in by_kind["caption"]] == [
        "图为昆如意·科创人才会客厅。", "图为上海·嘉定人才港。"]
    assert "生态互促，创新高地动能澎湃" in by_kind["heading"]
    assert "人才互通，产学研用“加速一体”" in by_kind["heading"]
    assert [r.name for r in cleaned.repairs if r.name == "collapse_doubled_runs"] == ["collapse_doubled_runs"]
    assert cleaned.lost == ()


def test_web_marks_and_lost_glyphs():
    cleaned = clean(WEB)
    boilerplate = [line for line, span in _paragraphs(cleaned) if _kind(cleaned, span) == "boilerplate"]
    assert boilerplate == [
        "六年相鄰相融 “嘉昆太”同圈再書新華章 \u2003-新華網", "2024 10/31 16:35:15", "來源:新華網",
        "字體:", "(寅平)", "【糾錯】 【責任編輯:王若宇】",
    ]
    captions = [line for line, span in _paragraphs(cleaned) if _kind(cleaned, span) == "caption"]
    assert captions == ["圖為:太倉市科技産業園內,某上海企業建設的智能車間", "圖為:正在建設中的瑞金醫院太倉分院"]
    assert [WEB[start:end] for start, end in cleaned.lost] == ["&&"] * 3
    assert "趙民章," in cleaned.view.text
    assert_faithful(WEB, cleaned)


def test_repairs_say_which_ran_and_where():
    cleaned = clean(WEB)
    names = [repair.name for repair in cleaned.repairs]
    assert names == ["mark_lost_glyphs", "paragraphs: one a line", "separate_bylines", "strip_indentation",
                     "mark_boilerplate", "mark_captions", "mark_headings"]
    for repair in cleaned.repairs:
        assert repair.count == len(repair.spans)


def test_the_paragraph_model_is_recorded_region_by_region():
    """The newspaper page opens with a wide editor's note and goes on in narrow
    columns with a blank line after (nearly) every line, two paragraphs
    indented: one wrapped region; the web page is one paragraph a line
    throughout."""
    decisions = {repair.name: repair.spans for repair in clean(NEWSPAPER).repairs if repair.name.startswith("paragraphs")}
    name = "paragraphs: wrapped lines, blank line after every line, first lines indented"
    assert list(decisions) == [name]
    (span,) = decisions[name]
    assert NEWSPAPER[span[0]:span[1]].strip() == NEWSPAPER.strip()
    text = "一段话。" * 20 + "\n" + "又一段话。" * 20 + "\n" + "短标题\n" + "三段话。" * 20 + "\n"
    web = [repair for repair in clean(text).repairs if repair.name.startswith("paragraphs")]
    assert [(repair.name, repair.count) for repair in web] == [("paragraphs: one a line", 1)]


# ---------------------------------------------------------------- property

_PIECES = st.sampled_from([
    "嘉昆太", "人才", "协同创新", "。", "，", "、", "“", "”", "！", "\n", "\n\n", "\u2003\u2003", " ",
    "&&", "□", "\ufffd", "——", "(寅平)", "■ 品牌", "图为", "來源:新華網", "2024 10/31 16:35:15",
    "视野视野，，联合联合，，抱团抱团", "谢谢", "abc", "12", "\r\n", "前不久，昆山联动嘉定、太仓等地\n\n",
    "妇联举办了“长三角巾帼科技创业创\n\n", "人才落地发展。\n\n", "生态互促，\n创新高地\n\n",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_no_repair_loses_or_duplicates_a_character(text):
    assert_faithful(text, clean(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_cleaned_faithfully(text):
    assert_faithful(text, clean(text))


# ---------------------------------------------------------------- pattern shortcuts


@pytest.mark.parametrize("filename, section", [
    ("boilerplate.txt", ""), ("layout.txt", "caption"), ("layout.txt", "paragraph_start"),
])
def test_grouped_patterns_find_what_each_pattern_finds(filename, section):
    """finder tries the anchored patterns as one alternation: on every line of
    both samples (and its first characters) it must agree with the patterns
    tried one by one."""
    named = patterns(filename)[section]
    found_in = finder(named)
    lines = [line.strip() for text in (WEB, NEWSPAPER) for line in text.split("\n") if line.strip()]
    lines += ["图为：上海", "(图片来源：新华社)", "1. 第一", "第三章 总则", "来源：新华网", "【责任编辑:王若宇】"]
    hits = 0
    for line in lines:
        for head in (line, line[:16]):
            expected = any(pattern.search(head) for _, pattern in named)
            assert bool(found_in(head)) == expected, head
            hits += expected
    assert hits > 0


@pytest.mark.parametrize("source, anchored", [
    ("^a|b", False), ("^(a|b)c", True), ("a^", False), ("^[]|]x", True), ("^[](]a|b", False),
    (r"^\|a", True), (r"^(a)\1", False), (r"^[\]|]a", True), ("(?m)^a", False),
])
def test_only_patterns_that_match_at_the_start_are_anchored(source, anchored):
    assert only_at_start(re.compile(source)) is anchored


@pytest.mark.parametrize("source, literal", [
    ("&{2,}", "&"), ("□+", "□"), (r"\ufffd+", "\ufffd"), ("ab", "a"),
    ("a?b", None), ("a*", None), ("a{0,2}", None), ("a|b", None), ("(a)", None), (r"\d", None), (".a", None),
])
def test_leading_literal_only_when_every_match_starts_with_it(source, literal):
    assert leading_literal(re.compile(source)) == literal


def test_lost_glyphs_are_found_by_the_shortcut_and_without_it():
    text = "前&&中□□后\ufffd。"
    assert mark_lost_glyphs(text).found == ((1, 3), (4, 6), (7, 8))
    assert mark_lost_glyphs("没有丢字。").found == ()


def test_boilerplate_never_marks_a_sentence_of_the_corpus_excerpt():
    """The chrome patterns mark page furniture, never content: no paragraph of
    the People's Daily excerpt that ends a sentence is marked boilerplate."""
    excerpt = (Path(__file__).resolve().parent / "data" / "peoples-daily-1998-excerpt.txt").read_text(encoding="utf-8")
    paragraphs = [line for line in excerpt.splitlines() if line and not line.startswith("#")]
    text = "\n".join(paragraphs)
    cleaned = clean(text)
    marked = [text[start:end] for start, end, kind in cleaned.marks if kind == "boilerplate"]
    assert [line for line in marked if line.rstrip("”’）)").endswith(("。", "！", "？"))] == []
    assert "（颜世贵邓丽娟）" in marked  # a byline is furniture
