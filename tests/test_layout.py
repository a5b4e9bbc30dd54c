"""Layout invariance (issue 13): the same content in any layout gives the same report.

The layouts are the benchmark's (``bench/layout_level.py``): one line a
paragraph; blank-line paragraphs indented with ``　　``; a PDF wrap every 14-20
characters with a blank line after every line; the same wrap without blank
lines, paragraphs indented; any of these in Traditional script with CRLF line
ends, half-width digits and corner quotes.  Compared two by two, any content
written in two of them must give no one-sided content, no fact in conflict,
every content character linked, and (nearly) every link identical to a reader.
"""

import random
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from aligner import compare_texts
from aligner.convert import to_common_script
from aligner.punctuation import same_to_a_reader
from aligner.textmap import TextMap
from bench.layout_level import KINDS, Layout, write
from bench.tables import opencc_converter

EXCERPT = Path(__file__).resolve().parent / "data" / "peoples-daily-1998-excerpt.txt"
BASES = KINDS[:-1]
MIN_IDENTICAL = 0.99
CONFIGS = ("s2t", "s2hk", "s2tw")


def _round_trips(paragraph: str) -> bool:
    """Whether ``paragraph`` converted to Traditional comes back the same in the
    common script: these tests are about layout, not about conversion (不同於
    stays 於)."""
    return all(to_common_script(TextMap.identity(opencc_converter(config).convert(paragraph)), "simplified").text
               == to_common_script(TextMap.identity(paragraph), "simplified").text for config in CONFIGS)


PARAGRAPHS = [line for line in EXCERPT.read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#") and _round_trips(line)]


def _layouts(kind: str, width: int, variant: int) -> Layout:
    """A layout of ``kind`` (the traditional kind over the base ``variant`` picks)."""
    if kind == "traditional":
        return Layout(BASES[variant % len(BASES)], width, "lost" if variant % 2 else "kept", CONFIGS[variant % 3])
    return Layout(kind, width, ("lost", "none")[variant % 2] if kind == "pdf_blank" else "kept")


def assert_reads_the_same(paragraphs: list[str], layout_a: Layout, layout_b: Layout) -> None:
    """The issue's four conditions, the identical test folding quotes and digit widths."""
    text_a, _ = write([[p] for p in paragraphs], layout_a)
    text_b, _ = write([[p] for p in paragraphs], layout_b)
    report = compare_texts(text_a, text_b)
    segments = {s.id: s for s in (*report.segments_a, *report.segments_b)}
    where = f"{layout_a.name} vs {layout_b.name}"
    assert (report.only_a, report.only_b) == ((), ()), (where, [segments[i].text for i in report.only_a + report.only_b])
    conflicts = [(f.a.text, f.b.text) for f in report.facts if f.status == "conflict"]
    assert conflicts == [], where
    linked = {i for link in report.links for i in link.a + link.b}
    unlinked = [s.text for s in segments.values() if s.is_content and s.id not in linked]
    assert unlinked == [], where
    same = [same_to_a_reader("".join(segments[i].normalized for i in link.a),
                             "".join(segments[i].normalized for i in link.b)) for link in report.links]
    assert sum(same) >= MIN_IDENTICAL * len(same), (where, [
        ([segments[i].normalized for i in link.a], [segments[i].normalized for i in link.b])
        for link, ok in zip(report.links, same) if not ok])


# ---------------------------------------------------------------- the corpus excerpt, every pair of layouts


@pytest.mark.parametrize("kind_a, kind_b", list(combinations(KINDS, 2)))
def test_the_corpus_excerpt_reads_the_same_in_any_two_layouts(kind_a, kind_b):
    rng = random.Random(f"{kind_a}/{kind_b}")
    assert_reads_the_same(PARAGRAPHS, _layouts(kind_a, rng.randint(14, 20), rng.randrange(6)),
                          _layouts(kind_b, rng.randint(14, 20), rng.randrange(6)))


# ---------------------------------------------------------------- generated paragraphs

_SENTENCES = [s for p in PARAGRAPHS for s in p.replace("。", "。\n").splitlines() if s.endswith("。") and len(s) > 6]
# Tokens a wrap must not cut: figures, decimals, dates, units, Latin words and numbers.
_TOKENS = ["７４．５４％", "１７日", "８００多人", "６０００名", "１９９８年１月１７日", "３．５万亿元", "ＭＤ－９０",
           "ATP", "Windows 95", "12.5%", "2024年10月31日", "１２０—４８０元", "２１５／２１６次"]
_HEADINGS = ["北京举行新年音乐会", "李鹏在北京考察企业", "本报记者 张三", "（新华社记者樊如钧摄）", "图片新闻",
             "再就业难在哪儿（附图片１张）", "一、总体要求"]
_ROWS = ["上海－１．２－３．１－０．１", "江苏－０．７－２．４０·０", "海南－０．６－３．５－１．０",
         "安徽－０．６－１．６０．０", "国有３９９５８７．４４２８５７０９２１．３"]


@st.composite
def _paragraph(draw, kind: str | None = None) -> str:
    """A paragraph: corpus sentences with figures and words slipped in, a heading,
    or a table (``kind``, if not drawn)."""
    kind = kind or draw(st.sampled_from(["prose", "prose", "prose", "heading", "table"]))
    if kind == "heading":
        return draw(st.sampled_from(_HEADINGS))
    if kind == "table":
        return "\n".join(draw(st.lists(st.sampled_from(_ROWS), min_size=2, max_size=4, unique=True)))
    sentences = draw(st.lists(st.sampled_from(_SENTENCES), min_size=2, max_size=4, unique=True))
    out = []
    for sentence in sentences:
        cut = draw(st.integers(1, len(sentence) - 1))
        token = draw(st.sampled_from(_TOKENS + [""] * 3))
        out.append(sentence[:cut] + token + sentence[cut:])
    return "".join(out)


_LAYOUT = st.builds(_layouts, st.sampled_from(KINDS), st.integers(14, 20), st.integers(0, 5))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_paragraph(), min_size=2, max_size=8), st.lists(_paragraph("prose"), min_size=4, max_size=6),
       _LAYOUT, _LAYOUT)
def test_generated_paragraphs_read_the_same_in_any_two_layouts(paragraphs, prose, layout_a, layout_b):
    """A page shows its layout: some prose around the generated paragraphs."""
    # A table is one paragraph a row.
    paragraphs = prose[:2] + [row for p in paragraphs for row in p.split("\n")] + prose[2:]
    assert_reads_the_same(paragraphs, layout_a, layout_b)


# ---------------------------------------------------------------- single properties


def test_a_figure_cut_by_a_wrap_is_read_whole():
    """１７日 wrapped after its first digit is one date, not ７日; 74．54％ after
    its decimal point one percentage, not ４．５４％; the facts are read on the
    joined text."""
    # Cut at 14 characters a line: "…１月１" | "７日…" and "…７４．" | "５４％…".
    paragraphs = [["本次全体会议定于今年的１月１７日在北京开幕，", "会议期间表决的事项通过率终于达到了７４．５４％，创下新高。"],
                  ["与会代表一致认为，会议开得很成功，达到了预期的目的。"]] * 3
    whole, _ = write(paragraphs, Layout("one_line", 14))
    wrapped, _ = write(paragraphs, Layout("pdf_blank", 14, "none"))
    assert "１月１\n\n７日" in wrapped and "７４．\n\n５４％" in wrapped, wrapped
    report = compare_texts(whole, wrapped)
    assert [f for f in report.facts if f.status == "conflict"] == []
    assert {"".join(f.b.text.split()) for f in report.facts if f.status == "shared"} >= {"１月１７日", "７４．５４％"}


@pytest.mark.parametrize("layout, cut", [
    # A column 20 wide whose first lines lost their indentation, half-width digits: the first line ends "…21".
    (Layout("pdf_indented", 20, "lost", "s2t"), "領導21\r\n5／216次"),
    # A first line indented, read as a row of a table (a label, then figures): "…工２１５／２１".
    (Layout("pdf_indented", 14), "工２１５／２１\n６次"),
])
def test_a_figure_cut_at_the_end_of_a_first_line_is_read_whole(layout, cut):
    paragraphs = [["在改革事故处理体制的同时，支队还及时组建了公路巡逻队伍，加强对重点路段的巡查。"],
                  ["当时，有一家个体修理厂找支队领导２１５／２１６次求情，要求承修受损车辆。"],
                  ["在促进业务工２１５／２１６次作方面，支队遵循“向改革要警力”的准则，充实了一线力量。"]] * 2
    whole, _ = write(paragraphs, Layout("one_line", layout.width))
    wrapped, _ = write(paragraphs, layout)
    assert cut in wrapped, wrapped
    report = compare_texts(whole, wrapped)
    assert [(f.a.text, f.b.text) for f in report.facts if f.status == "conflict"] == []
    assert (report.only_a, report.only_b) == ((), ())


def test_table_rows_are_one_segment_each_whatever_the_layout():
    """Rows of a table on a page of prose: each row one segment (wrapped or not),
    never two rows in one."""
    rows = _ROWS[:4]
    prose = [p for p in PARAGRAPHS if len(p) > 60][:4]
    for layout in (Layout("one_line", 14), Layout("pdf_blank", 14, "none"), Layout("pdf_blank", 14, "lost"),
                   Layout("pdf_indented", 14), Layout("pdf_indented", 17, "kept", "s2tw")):
        text, _ = write([[p] for p in prose[:2] + rows + prose[2:]], layout)
        segments = ["".join(s.text.split()) for s in compare_texts(text, text).segments_a]
        for row in write([[row] for row in rows], Layout("one_line", 14, "kept", layout.config))[0].split():
            assert row in segments, (layout, row)


def test_corner_quotes_are_identical_to_curly_ones():
    report = compare_texts("他说：“好。”\n", "他说：「好。」\n")
    assert [link.status for link in report.links] == ["identical"]
