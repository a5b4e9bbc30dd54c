"""Make the sample web page and newspaper PDF from the two sample texts.

- ``xinhua-web-traditional.html``: the traditional text as a news page, with a
  nav bar, scripts, a share bar, a related-news list and a footer around it.
- ``newspaper-pdf-simplified.pdf``: the simplified text typeset as a two-column
  newspaper page in Noto CJK, with a running header and page numbers, and
  fake-bold captions (the same text drawn twice, a fraction of a point apart:
  the first caption character by character, the second all of it at once).
- ``expected-blocks.json``: for each, the blocks (kind, text) in reading order,
  exactly as typeset: what the readers must extract (``tests/test_readers_*``).

The texts come from the ``.txt`` samples; this script only chooses the layout.
Printing needs Debian's Chromium and PyPI's playwright (the ``test`` extra):

    .venv/bin/python samples/make_samples.py
"""

from __future__ import annotations

import base64
import html
import json
import re
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
WEB_TEXT = HERE / "xinhua-web-traditional.txt"
PAPER_TEXT = HERE / "newspaper-pdf-simplified.txt"
WEB_PAGE = HERE / "xinhua-web-traditional.html"
PAPER_PDF = HERE / "newspaper-pdf-simplified.pdf"
EXPECTED = HERE / "expected-blocks.json"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu"]

RUNNING_HEADER = "长三角观察 · 2024年10月31日 星期四"
# Offset of the second drawing of a fake-bold caption, in points.
FAKE_BOLD_OFFSET = (0.3, 0.15)


# ---------------------------------------------------------------- the web page

def web_article() -> tuple[str, list[tuple[str, str]]]:
    """Return the title and the (kind, text) blocks of the traditional sample's article.

    Its lines 8-48 are the article: a short line without a full stop is a
    heading, "圖為" starts a caption, an empty paragraph is where a picture was.
    """
    lines = WEB_TEXT.read_text(encoding="utf-8").split("\n")
    title = lines[4].strip(" \u2003")
    blocks = []
    for line in lines[8:49]:
        if not line:
            continue
        text = line.strip(" \u2003")
        if not text:
            blocks.append(("image", ""))
        elif text.startswith("圖為"):
            blocks.append(("caption", text))
        elif len(text) < 25 and "。" not in text:
            blocks.append(("heading", text))
        else:
            blocks.append(("paragraph", text))
    return title, blocks


NAV = ["首頁", "時政", "國際", "財經", "科技", "地方", "體育", "視頻", "圖片", "English"]
RELATED = [
    "長三角一體化示範區建設五周年：制度創新成果豐碩",
    "蘇州：以“科技創新+産業創新”雙輪驅動高質量發展",
    "上海嘉定：打造世界級汽車産業中心核心承載區",
    "太倉舉辦第九屆德企投資合作交流會",
]
FOOTER = ("Copyright © 2000-2024 XINHUANET.com All Rights Reserved. "
          "製作單位：新華網股份有限公司 版權所有 新華網股份有限公司")
SCRIPT = """
  var _xh_page = {channel: "地方頻道", title: "嘉昆太同圈", pv: 0};
  document.write('<span class="ad">廣告位招租 請撥打熱線</span>');
  window.dataLayer = window.dataLayer || []; dataLayer.push({event: "page_view_統計"});
"""


def web_page(title: str, blocks: list[tuple[str, str]]) -> str:
    """The article as a news page with the usual chrome around it."""
    body = []
    captions = 0
    for kind, text in blocks:
        if kind == "image":
            body.append(f'<p style="text-align:center"><img src="{_picture_uri()}" width="600" height="400"></p>')
        elif kind == "caption" and captions % 2:  # a figure: the picture above goes inside it
            body[-1] = f'<figure><img src="{_picture_uri()}"><figcaption>{html.escape(text)}</figcaption></figure>'
        elif kind == "caption":  # a centred line under an image without alt text
            body.append(f'<p style="text-align:center">{html.escape(text)}</p>')
        elif kind == "heading":
            body.append(f"<h2>{html.escape(text)}</h2>")
        else:
            body.append(f"<p>\u2003\u2003{html.escape(text)}</p>")
        captions += kind == "caption"
    nav = "".join(f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(NAV))
    related = "".join(f'<li><a href="/local/2024103{i}/c.html">{html.escape(t)}</a></li>'
                      for i, t in enumerate(RELATED))
    article = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="zh-Hant">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} -新華網</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="新華網">
<meta name="publishdate" content="2024-10-31">
<link rel="canonical" href="http://www.news.cn/local/20241031/6f1b2c/c.html">
<style>body{{font-family:serif}} .nav li{{display:inline;margin:0 1em}}</style>
<script>{SCRIPT}</script>
</head>
<body>
<div class="topbar"><ul class="nav">{nav}</ul></div>
<div class="header">
  <h1>{html.escape(title)}</h1>
  <div class="info"><span class="time">2024 10/31 16:35:15</span> <span class="source">來源:新華網</span></div>
  <div class="fontsize">字體: <a>大</a> <a>中</a> <a>小</a></div>
  <div class="share">分享到: <a>微信</a> <a>微博</a> <a>QQ空間</a></div>
</div>
<div id="detail" class="main-article">
{article}
</div>
<div class="editor">【糾錯】 【責任編輯:王若宇】</div>
<div class="related"><h3>相關新聞</h3><ul>{related}</ul></div>
<div class="footer"><p>{FOOTER}</p><p>京ICP證010042號</p></div>
<script>{SCRIPT}</script>
</body>
</html>
"""


def _picture_uri(width: int = 24, height: int = 16) -> str:
    """A small grey gradient PNG as a data URI: a stand-in photograph."""
    rows = b"".join(b"\x00" + bytes(96 + (x + y) * 3 for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# ---------------------------------------------------------- the newspaper page

# The page in reading order: (kind, where it goes, the text's first characters in
# the sample).  A block's text runs from its start to the next block's start in the
# sample (hard wraps removed); the sample holds the first caption only doubled, so
# that caption is the body sentence it repeats plus its picture note.
PAPER_LAYOUT = [
    ("paragraph", "tag", "■ 上海区报优秀品牌"),
    ("heading", "kicker", "共享科技创新资源、携手"),
    ("paragraph", "note", "编者按："),
    ("paragraph", "note", "截至2023年底，集聚"),
    ("paragraph", "lede", "科技创新是经济转型"),
    ("paragraph", "lede", "地缘相近、人文相亲"),
    ("paragraph", "lede", "伴随着长三角一体化进程"),
    ("caption", "column", "嘉昆太三地跳出一地一域视野嘉昆太"),
    ("heading", "column", "生态互促，"),
    ("paragraph", "column", "前不久，昆山联动"),
    ("paragraph", "column", "“梦想有多大"),
    ("paragraph", "column", "近年来，三地成立"),
    ("paragraph", "column", "打破行政区划壁垒"),
    ("paragraph", "column", "嘉定始终保持对各类人才的磁吸力，建立了一支数量充足、充满创新创造活力的高素质人才队伍。"),
    ("paragraph", "column", "在长三角一体化的澎湃浪潮下"),
    ("caption", "column", "嘉定始终保持对各类人才的磁吸力，建立了一支数量充足、充满创新创造活力的高素质人才队伍，"),
    ("heading", "column", "资源互联，科创"),
    ("paragraph", "column", "如果说，嘉昆太"),
    ("paragraph", "column", "侯孟炎就是一支利箭"),
    ("paragraph", "column", "落户太仓一年多来"),
    ("paragraph", "column", "昆山与太仓之间的人才"),
    ("paragraph", "column", "事实上，人才“背靠”"),
    ("heading", "column", "人才互通，产学研用"),
    ("paragraph", "column", "在嘉昆太区域，以科技"),
    ("paragraph", "column", "依托长三角一体化高质量发展"),
    ("paragraph", "column", "当前，嘉定正在打造"),
    ("paragraph", "column", "在昆山与太仓交界处"),
]


def paper_article() -> list[tuple[str, str, str]]:
    """Return (kind, place, text) for each block of :data:`PAPER_LAYOUT`."""
    joined = re.sub(r"\n+", "", PAPER_TEXT.read_text(encoding="utf-8")).strip()
    starts = sorted(joined.index(start) for _, _, start in PAPER_LAYOUT)
    blocks = []
    for kind, place, start in PAPER_LAYOUT:
        begin = joined.index(start)
        following = [s for s in starts if s > begin]
        text = joined[begin:following[0] if following else len(joined)].strip()
        if text.startswith(text[:13] * 2):  # the doubled caption
            body = joined.index("嘉昆太三地跳出一地一域视野，联合")
            text = joined[body:joined.index("“全国样板”。", body) + 7] + "图为昆如意·科创人才会客厅。"
        blocks.append((kind, place, text))
    return blocks


PAPER_STYLE = """
@page { size: A4; }
body { margin: 0; font-family: 'Noto Serif CJK SC', serif; font-size: 10.5pt; line-height: 1.55; }
p { margin: 0; text-align: justify; }
.tag { font: 9pt 'Noto Sans CJK SC', sans-serif; color: #a00; }
h1 { font: bold 15pt/1.4 'Noto Sans CJK SC', sans-serif; margin: 2mm 0 3mm; }
.note { font: 10pt/1.6 'Noto Sans CJK SC', sans-serif; border: 0.6pt solid #888; padding: 2mm 3mm; }
.note p { text-indent: 2em; }
.lede { font-size: 11.5pt; line-height: 1.6; margin: 4mm 0 5mm; }
.lede p { text-indent: 2em; }
.columns { columns: 2; column-gap: 8mm; column-rule: 0.5pt solid #bbb; }
.columns p { text-indent: 2em; }
h2 { font: bold 13.5pt/1.4 'Noto Sans CJK SC', sans-serif; margin: 3mm 0 2mm; break-after: avoid; }
figure { margin: 1mm 0 3mm; break-inside: avoid; }
figure img { display: block; width: 100%; height: 42mm; }
figcaption { font: 9pt/1.5 'Noto Sans CJK SC', sans-serif; margin-top: 1.5mm; position: relative; }
.twice { position: relative; }
.ghost { position: absolute; left: %(dx)spt; top: %(dy)spt; width: 100%%; }
""".replace("%(dx)s", str(FAKE_BOLD_OFFSET[0])).replace("%(dy)s", str(FAKE_BOLD_OFFSET[1])).replace("%%", "%")


def _fake_bold_by_characters(text: str) -> str:
    """Each character drawn twice, one character at a time."""
    return "".join(f'<span class="twice">{html.escape(char)}<span class="ghost">{html.escape(char)}</span></span>'
                   for char in text)


def _fake_bold_whole(text: str) -> str:
    """The whole caption drawn twice: all of it, then all of it again a little aside."""
    return f'{html.escape(text)}<span class="ghost">{html.escape(text)}</span>'


def paper_html(blocks: list[tuple[str, str, str]], copies: int = 1) -> str:
    """The newspaper page: tag, kicker, editor's note and lede across, then two
    columns; ``copies`` times, each copy starting a new page (for benchmarks)."""
    title = next(text for kind, _, text in blocks if kind == "heading")
    # Copies differ in their tag line (letters, not digits): a line repeated at the top of
    # many pages would rightly be taken for a running header.
    body = "".join(f'<section style="break-before: page">{_paper_section(blocks, f" {_letters(copy)}")}</section>'
                   if copy else f"<section>{_paper_section(blocks)}</section>" for copy in range(copies))
    return (f"<!DOCTYPE html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{PAPER_STYLE}</style></head><body>{body}</body></html>")


def _letters(number: int) -> str:
    return chr(65 + number // 26 % 26) + chr(65 + number % 26)


def _paper_section(blocks: list[tuple[str, str, str]], tag_mark: str = "") -> str:
    parts: dict[str, list[str]] = {"top": [], "note": [], "lede": [], "column": []}
    captions = 0
    for kind, place, text in blocks:
        if kind == "caption":
            fake_bold = _fake_bold_by_characters if captions == 0 else _fake_bold_whole
            captions += 1
            figure = f'<figure><img src="{_picture_uri()}"><figcaption>{fake_bold(text)}</figcaption></figure>'
            parts["column"].append(figure)
        elif kind == "heading":
            tag = "h1" if place == "kicker" else "h2"
            parts["top" if place == "kicker" else "column"].append(f"<{tag}>{html.escape(text)}</{tag}>")
        elif place == "tag":
            parts["top"].append(f'<p class="tag">{html.escape(text + tag_mark)}</p>')
        else:
            parts[place].append(f"<p>{html.escape(text)}</p>")
    return (f"{''.join(parts['top'])}<div class=\"note\">{''.join(parts['note'])}</div>"
            f"<div class=\"lede\">{''.join(parts['lede'])}</div>"
            f"<div class=\"columns\">{''.join(parts['column'])}</div>")


HEADER = (f"<div style=\"width:100%;margin:0 14mm;font:8pt 'Noto Sans CJK SC';border-bottom:0.5pt solid #888;"
          f"padding-bottom:1mm\">{RUNNING_HEADER}</div>")
FOOTER_PAGE = ("<div style=\"width:100%;text-align:center;font:8pt 'Noto Sans CJK SC'\">"
               "第 <span class=\"pageNumber\"></span> 版</div>")


def print_pdf(page_html: str, path: Path, *, header: str = HEADER, footer: str = FOOTER_PAGE) -> None:
    """Print ``page_html`` to ``path`` (A4) with Chromium, with a running header and page numbers."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content(page_html, wait_until="load")
            page.pdf(path=str(path), format="A4", display_header_footer=True, header_template=header,
                     footer_template=footer, margin={"top": "20mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
        finally:
            browser.close()


def main() -> None:
    title, web_blocks = web_article()
    WEB_PAGE.write_text(web_page(title, web_blocks), encoding="utf-8")
    paper_blocks = paper_article()
    print_pdf(paper_html(paper_blocks), PAPER_PDF)
    expected = {
        WEB_PAGE.name: [["heading", title]] + [[k, t] for k, t in web_blocks if k != "image"],
        PAPER_PDF.name: [[kind, text] for kind, _, text in paper_blocks],
    }
    EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEB_PAGE.name}, {PAPER_PDF.name}, {EXPECTED.name}")


if __name__ == "__main__":
    main()
