"""Stage segment: sentences, headings, tiling of the original."""

from hypothesis import given, settings, strategies as st

from aligner.model import Source
from aligner.segment import MAX_SEGMENT_CHARS, segment
from aligner.textmap import TextMap, replace_spans


def _source(text: str) -> Source:
    return Source("a", "a", text, "utf-8", "simplified", "0" * 64)


def _segments(text: str, view: TextMap | None = None, marks=()):
    return segment(_source(text), view or TextMap.identity(text), marks)


def test_sentences_end_at_chinese_and_western_terminators_with_closing_quotes():
    text = "“背靠大树，我们更得心应手。”侯孟炎说。It works. Yes!"
    segs = _segments(text)
    assert [s.text for s in segs] == ["“背靠大树，我们更得心应手。”", "侯孟炎说。", "It works.", "Yes!"]


def test_decimal_points_do_not_end_sentences():
    segs = _segments("规上工业总产值突破1.9万亿元，增长3.5%。")
    assert len(segs) == 1


def test_short_line_without_end_punctuation_is_a_heading():
    segs = _segments("人才互通，激发科创“强动能”\n下好人才融合发展“先手棋”，是重要支撑。")
    assert [s.kind for s in segs] == ["heading", "sentence"]
    assert [s.paragraph for s in segs] == [0, 1]


def test_marks_label_whole_paragraphs():
    text = "来源：新华网\n正文一句。"
    segs = _segments(text, marks=[(0, 6, "boilerplate")])
    assert [s.kind for s in segs] == ["boilerplate", "sentence"]


def test_crlf_offsets_index_the_original():
    text = "第一句。\r\n第二句。\r\n"
    segs = _segments(text)
    assert [text[s.start:s.end] for s in segs] == ["第一句。", "第二句。"]


def test_dropped_characters_stay_inside_a_segment():
    text = "赵民章&&，未来。"
    view = replace_spans(text, [(3, 5, "")])
    (seg,) = _segments(text, view)
    assert seg.text == text
    assert seg.normalized == "赵民章，未来。"


def test_very_long_sentences_are_cut_at_soft_breaks():
    text = "，".join(["长句子没有句号"] * 400) + "。"
    segs = _segments(text)
    assert len(segs) > 1
    assert all(len(s.normalized) <= MAX_SEGMENT_CHARS for s in segs)
    assert "".join(s.text for s in segs) == text


TEXT = st.text(alphabet=st.sampled_from(list("句子。！？.!”“ \n\r\t　人才，1.9a&□\ufffd😀")), max_size=120)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_segments_tile_every_non_whitespace_character(text):
    segs = _segments(text)
    covered = set()
    last_end = 0
    for seg in segs:
        assert seg.text == text[seg.start:seg.end]
        assert seg.start >= last_end and seg.end > seg.start
        last_end = seg.end
        covered.update(range(seg.start, seg.end))
    assert all(ch.isspace() for i, ch in enumerate(text) if i not in covered)


def test_a_mark_labels_the_sentences_it_mostly_covers():
    text = "第一句话在这里。第二句。"
    # The mark covers all of the first sentence and only a third of the second.
    segs = _segments(text, marks=[(0, 9, "caption")])
    assert [s.kind for s in segs] == ["caption", "sentence"]
    segs = _segments(text, marks=[(0, 4, "caption"), (8, 12, "boilerplate")])
    assert [s.kind for s in segs] == ["caption", "boilerplate"]


def test_punctuation_only_fragments_join_a_neighbour():
    """A closing quote or a full stop on a line of its own, a row of asterisks,
    joins the segment before it; an opening bracket alone joins the one after it."""
    text = "他说：“就是这座楼！\n”\n＊＊＊\n（\n新华社记者摄）\n第二段。\n。\n"
    segs = _segments(text)
    assert ["".join(s.text.split()) for s in segs] == ["他说：“就是这座楼！”＊＊＊", "（新华社记者摄）", "第二段。。"]
    assert [s.normalized for s in segs] == [s.text for s in segs]


def test_a_text_of_punctuation_only_is_still_one_segment():
    segs = _segments("。。。\n＊＊＊\n")
    assert [s.text for s in segs] == ["。。。\n＊＊＊"]
