"""What several test modules build or read: the sample documents, the peer data folder,
hand-built reports and sides.  Test modules import from here (``from tests.helpers import ...``),
never from one another.
"""

from __future__ import annotations

import re
from pathlib import Path

from aligner.convert import to_common_script
from aligner.model import Edit, Fact, Link, Mention, Report, Segment, Side, SideInfo, Source
from aligner.textmap import TextMap

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_TRADITIONAL = SAMPLES / "xinhua-web-traditional.txt"
SAMPLE_SIMPLIFIED = SAMPLES / "newspaper-pdf-simplified.txt"
# Peer projects' own test data, copied with their licences (see data/SOURCES.md).
DATA = Path(__file__).resolve().parent / "data"

XSS_TEXT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SVG = "<svg onload=alert(2)>"


def read_sample(path: Path) -> str:
    """The sample exactly as stored (no newline translation)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


# --------------------------------------------------------------------------- reports built by hand


class DocBuilder:
    """Build one side's text segment by segment, recording offsets as it goes.

    A piece is a string or ``(label, string)``; labelled pieces' original spans
    are kept in ``spans`` so that edits and facts point at them exactly.
    """

    def __init__(self, side: str) -> None:
        self.side = side
        self.parts: list[str] = []
        self.pos = 0
        self.segments: list[Segment] = []
        self.spans: dict[str, tuple[int, int]] = {}

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def seg(self, paragraph: int, *pieces, kind: str = "sentence", normalized: str | None = None) -> str:
        if self.segments and self.segments[-1].paragraph != paragraph:
            self._add("\n")
        start = self.pos
        texts = []
        for piece in pieces:
            label, text = piece if isinstance(piece, tuple) else (None, piece)
            if label:
                self.spans[label] = (self.pos, self.pos + len(text))
            self._add(text)
            texts.append(text)
        text = "".join(texts)
        seg_id = f"{self.side}{len(self.segments)}"
        self.segments.append(Segment(seg_id, self.side, len(self.segments), paragraph, start, self.pos,
                                     text, normalized if normalized is not None else text, kind))
        return seg_id

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def source(self, path: str, script: str, replaced: tuple[int, ...] = ()) -> Source:
        size = len(self.text.encode("utf-8"))
        return Source(self.side, path, self.text, "utf-8", script, "0" * 64, size, replaced)


def _mention(doc: DocBuilder, label: str, value) -> Mention:
    start, end = doc.spans[label]
    return Mention(start, end, doc.text[start:end], value)


def hand_made_report(path_a: str = f"{XSS_TEXT}/a{XSS_IMG}.txt", path_b: str = f'b"{XSS_SVG}.txt') -> Report:
    """A small report with every feature: identical, changed, n:m and moved links,
    one-sided rows, boilerplate, headings, facts of each status, lost glyphs,
    and hostile text in the documents and in the file names."""
    a, b = DocBuilder("a"), DocBuilder("b")
    a.seg(0, "來源:新華網", kind="boilerplate", normalized="来源:新华网")
    a.seg(1, "人才互通,激發科創“強動能”", kind="heading", normalized="人才互通,激发科创“强动能”")
    a.seg(2, "10月29日,", ("a_del", "2024年"), "嘉昆太協同創新核心圈輪值會議", ("a_pt", ""), "在江蘇太倉",
          ("a_rep", "舉行"), "。", normalized="10月29日,2024年嘉昆太协同创新核心圈轮值会议在江苏太仓举行。")
    a.seg(2, ("a_only_date", "自2018年5月起"), ",蘇州市和上海嘉定區開始共建“嘉昆太”協同創新核心圈。",
          normalized="自2018年5月起,苏州市和上海嘉定区开始共建“嘉昆太”协同创新核心圈。")
    a.seg(3, "截至2023年底,嘉昆太協同創新核心圈已集聚高新技術企業", ("a_shared", "6700餘家"), "。",
          normalized="截至2023年底,嘉昆太协同创新核心圈已集聚高新技术企业6700余家。")
    a.seg(4, XSS_TEXT, "侯孟炎説。", normalized=XSS_TEXT + "侯孟炎说。")
    a.seg(5, "現在,每天有超過", ("a_num", "1000"), "人生活在嘉定或昆山。",
          normalized="现在,每天有超过1000人生活在嘉定或昆山。")
    a.seg(6, "趙民章", ("a_lost", "&&"), ",未來公司將繼續深耕。", normalized="赵民章&&,未来公司将继续深耕。")

    b.seg(0, "截至2023年底,嘉昆太协同创新核心圈已集聚高新技术企业", ("b_shared", "6700余家"), "。")
    b.seg(1, "人才互通,激发科创“强动能”", kind="heading")
    b.seg(2, "10月29日,嘉昆太协同创新核心圈轮值会议", ("b_ins", "今天"), "在江苏太仓", ("b_rep", "召开"), "。")
    b.seg(3, XSS_IMG, "编者按:今年是一体化发展", ("b_only", "六周年"), "。")
    b.seg(4, XSS_TEXT, "侯孟炎说。")
    b.seg(5, "现在,每天有超过", ("b_num", "1200"), "人")
    b.seg(6, "生活在嘉定或", ("b_bad", "\ufffd"), "昆山。")
    b.seg(7, "责任编辑:王若宇", kind="boilerplate")

    a_del, a_pt, a_rep = a.spans["a_del"], a.spans["a_pt"], a.spans["a_rep"]
    b_ins, b_rep = b.spans["b_ins"], b.spans["b_rep"]
    links = (
        Link(("a1",), ("b1",), "identical", 1.0),
        Link(("a2",), ("b2",), "changed", 0.86, edits=(
            Edit("delete", a_del, (b_ins[0], b_ins[0])),
            Edit("insert", a_pt, b_ins),
            Edit("replace", a_rep, b_rep),
        )),
        Link(("a4",), ("b0",), "identical", 1.0, moved=True),
        Link(("a5",), ("b4",), "identical", 1.0),
        Link(("a6",), ("b5", "b6"), "changed", 0.93, edits=(
            Edit("replace", a.spans["a_num"], b.spans["b_num"]),
        )),
    )
    facts = (
        Fact("number", "shared", _mention(a, "a_shared", 6700), _mention(b, "b_shared", 6700), link=2),
        Fact("date", "only_a", _mention(a, "a_only_date", "2018-05"), None),
        Fact("number", "conflict", _mention(a, "a_num", 1000), _mention(b, "b_num", 1200), link=4,
             note="1000 in A, 1200 in B"),
        Fact("date", "only_b", None, _mention(b, "b_only", "6 years")),
    )
    return Report(
        tool_version="test", options={"script": "simplified", "threshold": 0.5},
        sources=(a.source(path_a, "traditional"), b.source(path_b, "simplified", (b.spans["b_bad"][0],))),
        segments_a=tuple(a.segments), segments_b=tuple(b.segments), links=links,
        only_a=("a0", "a3", "a7"), only_b=("b3", "b7"), facts=facts,
        info_a=SideInfo(lost_glyphs=(a.spans["a_lost"],)), info_b=SideInfo(),
    )


# --------------------------------------------------------------------------- a side built by hand

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def side_of(text: str, side_id: str) -> Side:
    """A :class:`Side` of ``text``: identity clean, simplified and width-folded view,
    one segment per sentence (ending in 。！？ or a line end)."""
    source = Source(side_id, side_id, text, "utf-8", "mixed", "0" * 64)
    view = to_common_script(TextMap.identity(text))
    segments = tuple(
        Segment(f"{side_id}{k}", side_id, k, 0, m.start(), m.end(), text[m.start():m.end()], m.group(),
                "sentence", m.start())
        for k, m in enumerate(_SENTENCE.finditer(view.text))
    )
    return Side(source, view, segments)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class Watched:
    """A page in its own browser context, with its console errors, page errors, requests
    and dialogs recorded; ``options`` go to the context (``java_script_enabled=False``)."""

    def __init__(self, browser, path: Path, width: int = 1280, height: int = 900, **options) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, **options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        self.page.goto(self.url)

    def close(self) -> None:
        self.context.close()


def laid_out(side: str, texts: list[str]) -> list[Segment]:
    """Sentence segments of ``texts`` laid out one after the other, a character apart
    (each text its own normalized form): input for the aligner without the reading stages."""
    out, pos = [], 0
    for k, text in enumerate(texts):
        out.append(Segment(f"{side}{k}", side, k, k, pos, pos + len(text), text, text, "sentence", pos))
        pos += len(text) + 1
    return out
