"""Alignment that survives different segmentations, and `identical` as a reader sees it (issue 13, items 8-9)."""

from __future__ import annotations

import pytest

from aligner import compare_texts
from aligner.align import align, matching_key
from aligner.punctuation import same_to_a_reader
from tests.helpers import laid_out

ROWS = ["北京－1．2－3．1－0．1", "上海－1．5－2．9－0．3", "天津－0．8－3．3－0．2", "重庆－1．1－2．7－0．4",
        "广州－1．9－3．0－0．6", "深圳－2．0－3．4－0．5", "武汉－1．3－2．8－0．2", "成都－1．6－3．2－0．7"]
PARAGRAPHS = [
    "新华社北京１月１７日电国务院今天召开常务会议，研究部署春节期间的市场供应工作，会议要求各地提前做好准备。",
    "会议指出，今年以来全国物价总水平保持稳定，八百多个大中城市的主要商品供应充足，粮油肉蛋价格平稳。",
    "会议强调，各级政府要加强市场监测，及时发布价格信息，确保人民群众过一个欢乐祥和的节日。",
    "本报记者王霞光",
]
ONE_SIDED = "瑞金医院太仓分院已进入最后的施工冲刺阶段，预计明年年初正式投入使用。"



def _wrapped(text: str, width: int) -> list[str]:
    return [text[p:p + width] for p in range(0, len(text), width)]


def _align(a: list[str], b: list[str]):
    return align(laid_out("a", a), laid_out("b", b))


def _linked(result, side: str) -> set[str]:
    return {k for link in result.links for k in (link.a if side == "a" else link.b)}


def _swapped(result) -> set:
    """The links of ``result`` (of b against a) as links of a against b."""
    return {(tuple("a" + j[1:] for j in link.b), tuple("b" + i[1:] for i in link.a)) for link in result.links}


@pytest.mark.parametrize("a, b", [
    # A table one row a line against all its rows in one "sentence".
    (["各地价格涨幅如下：", *ROWS, "以上数据由国家统计局提供。"], ["各地价格涨幅如下：", "".join(ROWS), "以上数据由国家统计局提供。"]),
    # A PDF wrap every 15 characters, each line read as a heading, against the paragraphs' sentences.
    (_wrapped("".join(PARAGRAPHS), 15), PARAGRAPHS),
    # The same, the wrap on both sides at different widths.
    (_wrapped("".join(PARAGRAPHS), 14), _wrapped("".join(PARAGRAPHS), 19)),
])
def test_the_same_text_cut_differently_is_all_linked_and_nothing_is_one_sided(a, b):
    for x, y in ((a, b), (b, a)):
        result = _align(x, y)
        assert result.only_a == result.only_b == ()
        assert _linked(result, "a") == {f"a{k}" for k in range(len(x))}
        assert _linked(result, "b") == {f"b{k}" for k in range(len(y))}
        assert all(link.status == "identical" for link in result.links)


def test_a_table_against_its_one_line_form_is_one_group_beyond_three_to_three():
    result = _align(ROWS, ["".join(ROWS)])
    assert [(link.a, link.b) for link in result.links] == [(tuple(f"a{k}" for k in range(len(ROWS))), ("b0",))]


def test_one_sided_content_between_cut_text_stays_one_sided():
    a = _wrapped(PARAGRAPHS[0], 15) + [ONE_SIDED] + _wrapped(PARAGRAPHS[1], 15)
    b = [PARAGRAPHS[0], PARAGRAPHS[1]]
    result = _align(a, b)
    assert result.only_a == (f"a{a.index(ONE_SIDED)}",) and result.only_b == ()


def test_a_byline_glued_to_a_one_sided_sentence_does_not_drag_it_into_a_link():
    byline = "（胡勇辉余清楚）"
    a = [PARAGRAPHS[0], byline, PARAGRAPHS[1]]
    b = [PARAGRAPHS[0], byline + ONE_SIDED, PARAGRAPHS[1]]
    result = _align(a, b)
    assert "b1" in result.only_b


def test_a_sentence_another_was_glued_to_takes_in_its_counterpart():
    # Too unlike as wholes to be linked by similarity, but all of a's sentence stands in b's.
    sentence = PARAGRAPHS[2]
    glued = (sentence + ONE_SIDED + "与此同时，有关部门还将组织专家对各地的落实情况进行检查，并及时通报检查结果。"
             + "记者从国家发展计划委员会了解到这一消息。")
    assert 2 < len(matching_key(glued)) / len(matching_key(sentence)) - 1 < 7 / 3
    result = _align([PARAGRAPHS[0], sentence, PARAGRAPHS[1]], [PARAGRAPHS[0], glued, PARAGRAPHS[1]])
    assert result.only_a == result.only_b == ()
    assert (("a1",), ("b1",)) in {(link.a, link.b) for link in result.links}


def test_a_sentence_standing_whole_in_a_longer_one_sided_sentence_takes_it_in():
    # An edit merged an added sentence before it: a quarter of the merge, yet all of the sentence.
    sentence = "他希望朗讯科技公司与中国的互利合作取得新的进展。"
    merged = ("魏德运善于利用自然光线，根据天气的变化、太阳的光照规律、周围环境的亮度等不同自然光的独特魅力，"
              "使情与景、光与影达到最大和谐，" + sentence)
    assert len(matching_key(sentence)) < 0.3 * len(matching_key(merged))
    result = _align([PARAGRAPHS[0], merged, PARAGRAPHS[1]], [PARAGRAPHS[0], sentence, PARAGRAPHS[1]])
    assert result.only_a == result.only_b == ()
    assert (("a1",), ("b1",)) in {(link.a, link.b) for link in result.links}


def test_a_lone_name_on_each_side_between_the_same_links_is_one_name_changed():
    result = _align([PARAGRAPHS[0], "张江", PARAGRAPHS[1]], [PARAGRAPHS[0], "小Ａ", PARAGRAPHS[1]])
    assert result.only_a == result.only_b == ()
    assert (("a1",), ("b1",)) in {(link.a, link.b) for link in result.links}


def test_a_sentence_deleted_and_another_inserted_in_one_place_stay_one_sided():
    inserted = "记者从国家发展计划委员会了解到这一消息。"
    result = _align([PARAGRAPHS[0], ONE_SIDED, PARAGRAPHS[1]], [PARAGRAPHS[0], inserted, PARAGRAPHS[1]])
    assert result.only_a == ("a1",) and result.only_b == ("b1",)


def test_a_headline_whose_words_the_body_repeats_stays_one_sided():
    # The words of the headline stand in the body on both sides: the body matches them anyway.
    body = "本报成都１月２０日电记者罗茂城报道：四川南部的珙县新近发现恐龙化石群，古生物学家认为这一发现十分重要。"
    result = _align([PARAGRAPHS[0], "珙县发现恐龙化石群", body], [PARAGRAPHS[0], body])
    assert result.only_a == ("a1",)


def test_of_a_caption_printed_twice_one_copy_is_linked_and_the_other_one_sided():
    caption = "（新华社发美联社照片）"
    sentence = "二十三日，德国东部的幼儿园小朋友们举行了一年一度的鸟婚仪式。"
    result = _align([caption, sentence, caption], [sentence + caption])
    assert len(result.only_a) == 1 and result.only_b == ()


def test_a_fragment_doubled_by_the_extractor_joins_the_link_holding_its_text():
    # "持续升温" is read twice: the fragment's text stands on b only once, matched by its twin.
    a = ["除夕以来，三亚市春节旅游市场持续升温。", "续升温。", PARAGRAPHS[0]]
    b = ["除夕以來，三亞市春節旅遊市場持續升溫。", PARAGRAPHS[0]]
    result = align(laid_out("a", a), laid_out("b", [_simplified(t) for t in b]))
    assert result.only_a == () and (("a0", "a1"), ("b0",)) in {(link.a, link.b) for link in result.links}


def _simplified(text: str) -> str:
    return text.translate(str.maketrans("來亞春節遊場持續溫", "来亚春节游场持续温"))


def test_moved_text_cut_differently_is_found_across_the_document():
    moved = "俄罗斯反对动用武力解决与伊拉克武器核查有关的问题，主张通过外交途径和平解决。"
    a = _wrapped(moved, 12) + PARAGRAPHS[:3]
    b = PARAGRAPHS[:3] + [moved]
    result = _align(a, b)
    assert result.only_a == result.only_b == ()
    assert any(link.moved and link.b == ("b3",) for link in result.links)


def test_punctuation_alone_joins_the_sentence_it_follows():
    result = _align([PARAGRAPHS[0], "……", PARAGRAPHS[1]], [PARAGRAPHS[0], PARAGRAPHS[1]])
    assert result.only_a == () and (("a0", "a1"), ("b0",)) in {(link.a, link.b) for link in result.links}


@pytest.mark.parametrize("a, b", [
    (_wrapped("".join(PARAGRAPHS), 15), PARAGRAPHS),
    (ROWS + [ONE_SIDED], ["".join(ROWS[:4]), "".join(ROWS[4:])]),
    ([PARAGRAPHS[0], "（胡勇辉余清楚）", PARAGRAPHS[1]], [PARAGRAPHS[0], "（胡勇辉余清楚）" + ONE_SIDED, PARAGRAPHS[1]]),
    ([PARAGRAPHS[0], "张江", PARAGRAPHS[1], "李斌"], [PARAGRAPHS[0], "小Ａ", PARAGRAPHS[1], "耿典华", ONE_SIDED]),
])
def test_swapping_the_inputs_swaps_the_regrouped_links(a, b):
    forward, backward = _align(a, b), _align(b, a)
    assert {(link.a, link.b) for link in forward.links} == _swapped(backward)
    assert forward.only_a == tuple("a" + j[1:] for j in backward.only_b)


def test_same_to_a_reader_folds_quote_styles_and_white_space_only():
    assert same_to_a_reader("他说「好」，『是』。", "他说“好” ，‘是’。")
    assert same_to_a_reader("比尔·盖茨⋯⋯", "比尔‧盖茨……")
    assert not same_to_a_reader("他说「好」。", "他说「好」！")
    assert not same_to_a_reader("他说好。", "他说“好”。")  # quotes added are an edit


def test_corner_quotes_half_width_digits_and_spacing_are_identical_to_a_reader():
    a = "他說：「１７日，價格漲幅是７４．５４％。」\n第二句話在這裡，『好』。\n"
    b = "他说：“17日，价格涨幅是 74.54%。”\r\n第二句话在这里，‘好’。\r\n"
    report = compare_texts(a, b)
    assert [link.status for link in report.links] == ["identical", "identical"]
    assert report.only_a == report.only_b == ()


def test_edits_inside_a_changed_link_show_the_original_characters_not_quote_styles():
    a = "他說：「１７日，價格漲幅是７４．５４％。」"
    b = "他说：“18日，价格涨幅是74.54%。”"
    report = compare_texts(a, b)
    (link,) = report.links
    assert link.status == "changed"
    assert [(a[slice(*e.a)], b[slice(*e.b)]) for e in link.edits] == [("７", "8")]
