"""readers.html: the article of a web page as blocks, its chrome left out and counted,
decoding by declared charset then detection, and one-line errors for what is no article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.readers import read_document
from aligner.readers.html import decode_page

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAGE = SAMPLES / "xinhua-web-traditional.html"
EXPECTED = json.loads((SAMPLES / "expected-blocks.json").read_text(encoding="utf-8"))[PAGE.name]

SHORT_PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>短讯 - 某某网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
<h1>本市今日降温</h1><p class="byline">记者 张三</p>
<div class="content"><p>受冷空气影响，本市今日最高气温降至五度。</p><p>气象部门提醒市民注意保暖。</p></div>
<div class="footer">版权所有 某某网</div></body></html>"""
SHORT_BLOCKS = [("heading", "本市今日降温"), ("byline", "记者 张三"),
                ("paragraph", "受冷空气影响，本市今日最高气温降至五度。"), ("paragraph", "气象部门提醒市民注意保暖。")]


def _blocks(document) -> list[tuple[str, str]]:
    return [(block.kind, document.text[block.start:block.end]) for block in document.blocks]


@pytest.fixture(scope="module")
def page():
    return read_document(PAGE)


def test_the_sample_page_gives_the_article_block_by_block(page):
    assert _blocks(page) == [tuple(block) for block in EXPECTED]
    assert {block.kind for block in page.blocks} == {"heading", "paragraph", "caption"}
    assert page.blocks[0].level == 1 and page.blocks[1].level == 0


def test_figcaptions_and_credits_under_bare_images_are_captions(page):
    captions = [text for kind, text in _blocks(page) if kind == "caption"]
    assert captions == ["圖為:太倉市科技産業園內,某上海企業建設的智能車間",  # a line under an image without alt
                        "圖為:正在建設中的瑞金醫院太倉分院"]  # a figcaption


@pytest.mark.parametrize("chrome", [
    "首頁", "English",  # nav bar
    "廣告位招租", "page_view", "dataLayer",  # scripts (and what they would write)
    "相關新聞", "長三角一體化示範區建設五周年",  # related news
    "XINHUANET", "京ICP證", "版權所有",  # footer
    "字體", "分享到", "糾錯", "責任編輯", "來源:新華網",  # furniture around the article
])
def test_nothing_of_the_chrome_is_content(page, chrome):
    assert chrome not in page.text


def test_the_chrome_left_out_is_counted_and_sampled(page):
    (chrome,) = page.dropped
    assert chrome.kind == "chrome"
    assert chrome.sample[:2] == ("首頁", "時政")
    assert "【糾錯】 【責任編輯:王若宇】" in _all_chrome(page)
    assert chrome.chars >= sum(len(text) for text in ("首頁時政財經", "相關新聞", "XINHUANET.com"))


def _all_chrome(page) -> list[str]:
    from aligner.readers.html import _chrome, _parse, visible_pieces

    return _chrome(visible_pieces(_parse(PAGE.read_text(encoding="utf-8"), "page")), page.text)


def test_the_page_says_what_it_is(page):
    assert page.format == "html" and page.encoding == "utf-8"
    assert page.reader.startswith("trafilatura ")
    assert page.script == "traditional"
    meta = page.metadata
    assert (meta.title, meta.date, meta.site, meta.pages) == ("六年相鄰相融 “嘉昆太”同圈再書新華章", "2024-10-31",
                                                              "新華網", None)
    assert page.page_at(0) is None
    assert page.block_at(page.blocks[2].start + 1) == page.blocks[2]


def test_a_byline_trafilatura_takes_for_metadata_stays_a_block(tmp_path):
    path = tmp_path / "short.html"
    path.write_text(SHORT_PAGE.format(charset="utf-8"), encoding="utf-8")
    document = read_document(path)
    assert _blocks(document) == SHORT_BLOCKS
    assert document.metadata.author == "记者 张三"
    assert document.dropped[0].sample == ("首页 新闻", "版权所有 某某网")


@pytest.mark.parametrize("declared, codec, reported", [
    ("gb2312", "gbk", "gb18030"),  # decoded as the superset, as browsers do
    ("GBK", "gbk", "gb18030"),
    ("big5", "big5", "big5hkscs"),
    ("utf-8", "utf-8", "utf-8"),
])
def test_the_declared_charset_decodes_the_page(tmp_path, declared, codec, reported):
    markup = SHORT_PAGE.format(charset=declared)
    if codec == "big5":
        from opencc import OpenCC

        markup = OpenCC("s2t").convert(markup)
    path = tmp_path / "page.html"
    path.write_bytes(markup.encode(codec))
    document = read_document(path)
    assert document.encoding == reported
    assert document.text.startswith("本市今日降溫" if codec == "big5" else "本市今日降温")


def test_undeclared_or_wrongly_declared_pages_are_detected():
    data = SHORT_PAGE.format(charset="utf-8").encode("gb18030")
    text, codec, notes = decode_page(data, "page")
    assert codec == "gb18030" and "本市今日降温" in text
    assert notes == ("declared charset utf-8 does not fit the bytes; detected instead",)
    undeclared = data.replace(b'<meta charset="utf-8">', b"")
    text, codec, notes = decode_page(undeclared, "page")
    assert "本市今日降温" in text and notes == ()


def test_encoding_forces_the_codec(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(SHORT_PAGE.format(charset="utf-8").encode("gb18030"))
    assert read_document(path, encoding="gb18030").text.startswith("本市今日降温")


@pytest.mark.parametrize("markup, message", [
    ("<html><body></body></html>", "no article text found in this web page"),
    ('<!doctype html><html><head><title>App</title><script src="/app.js"></script></head>'
     '<body><div id="root"></div><noscript>请启用 JavaScript 后再访问本站</noscript></body></html>',
     "no article text found in this web page"),
    ("<html><head><title>x</title></head></html>", r"not a web page \(no body\)"),
])
def test_a_page_without_an_article_is_a_one_line_error(tmp_path, markup, message):
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_document(path)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(path))


def test_binary_forced_as_html_is_a_one_line_error(tmp_path):
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(InputError, match="looks like a binary file, not a web page"):
        read_document(path, format="html")


def test_a_byte_order_mark_decides_the_encoding(tmp_path):
    import codecs

    path = tmp_path / "page.htm"
    path.write_bytes(codecs.BOM_UTF16_BE + SHORT_PAGE.format(charset="gb2312").encode("utf-16-be"))
    document = read_document(path)
    assert document.format == "html" and document.encoding == "utf-16"
    assert _blocks(document) == SHORT_BLOCKS


def test_paragraphs_separated_only_by_line_breaks_stay_apart(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><meta charset="utf-8"><title>本市今日降温</title></head><body><div class="nav">首页 新闻</div>'
        "<h1>本市今日降温</h1><div id=content><p>　　受冷空气影响，本市今日最高气温降至五度，为入冬以来最低。<br>"
        "　　气象部门提醒市民注意<b>保暖</b>，出行注意安全。</p>"
        "<div>　　第二个容器里的段落，用换行分隔，<i>不能丢</i>。<br/><br/>　　还有一段。</div></div></body></html>",
        encoding="utf-8")
    assert _blocks(read_document(path)) == [
        ("heading", "本市今日降温"), ("paragraph", "受冷空气影响，本市今日最高气温降至五度，为入冬以来最低。"),
        ("paragraph", "气象部门提醒市民注意保暖，出行注意安全。"),
        ("paragraph", "第二个容器里的段落，用换行分隔，不能丢。"), ("paragraph", "还有一段。")]


def test_visible_text_leaves_out_scripts_and_styles_but_not_what_follows_them():
    import lxml.html

    from aligner.readers.html import visible_pieces

    root = lxml.html.document_fromstring(
        "<html><head><title>题</title><style>p{}</style></head><body><p>甲<script>var x = '隐';</script>乙"
        "<!-- 注 -->丙<style>b{}</style>丁</p><div>戊<p>己</p>庚<noscript>请启用</noscript></div></body></html>")
    assert visible_pieces(root) == ["甲乙丙丁", "戊", "己", "庚"]
