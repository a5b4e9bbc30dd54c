"""Properties of every report, on arbitrary and on adversarial text (hypothesis).

Nothing is lost (segments tile the original), nothing is counted twice (each
content segment in exactly one link or in ``only``), order and sides are
respected (swapping the inputs swaps the sides), and the output is a function of
the input (byte-identical reports).  The checks live in ``fuzz/invariants.py``,
shared with the long-running fuzzer.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings, strategies as st

from aligner import compare_texts
from aligner.model import Source
from aligner.pipeline import prepare_side
from fuzz import invariants
from tests.helpers import SAMPLE_SIMPLIFIED, SAMPLE_TRADITIONAL, read_sample

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _sentences(text: str) -> list[str]:
    """Sentences and headings cut from a real sample, each with its end punctuation."""
    return [s for s in re.findall(r"[^。！？\n]+[。！？]?", text) if s.strip()][:60]


SENTENCES = _sentences(read_sample(SAMPLE_TRADITIONAL)) + _sentences(read_sample(SAMPLE_SIMPLIFIED))
# What extraction does to news text: punctuation runs, lost glyphs, doubled runs,
# hard wraps, old and Windows newlines, astral characters, markup-like noise.
NOISE = ["。。。", "！？！", "……", "，，", "&&", "&&&&", "□", "□□□", "\ufffd", "嘉昆太嘉昆太", "联合抱团联合抱团",
         "\n", "\n\n", "\r", "\r\n", " ", "\u3000", "\t", "😀", "🇨🇳", "𠀋", "e\u0301", "12.5%", "1.9万亿元",
         "-新華網", "来源:新华网", "字體:", "■ ", "<b>", "&amp;", "{{ x }}"]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCTUATION = st.sampled_from("。，、！？；：“”「」（）…—·.,!?;: \n\r\u3000")

arbitrary_text = st.text(max_size=300)
adversarial_piece = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(NOISE),
    st.text(st.one_of(CJK, PUNCTUATION), max_size=30),
)
adversarial_text = st.lists(adversarial_piece, max_size=25).map("".join)


@st.composite
def related_pair(draw):
    """Two versions of one story: shared sentences, some dropped, moved, or noise added."""
    pieces = draw(st.lists(adversarial_piece, min_size=1, max_size=20))
    kept = [p for p in pieces if draw(st.booleans()) or draw(st.booleans())]
    other = draw(st.permutations(kept)) if draw(st.booleans()) else kept
    extra = draw(st.lists(adversarial_piece, max_size=4))
    return "".join(pieces), "".join(other + extra)


any_pair = st.one_of(st.tuples(arbitrary_text, arbitrary_text), st.tuples(adversarial_text, adversarial_text),
                     related_pair())


# Minimal inputs that once broke these properties, kept as examples so they stay fixed.
LOST_GLYPHS_ONLY = ("", "&&")  # segment: a text of only lost glyphs got no segment
EDIT_IN_TRAILING_SPACE = (":", "\x1b ")  # diff: replace b[0:2] but segment b0 is [0:1]
EDIT_AFTER_SEGMENT = ("六年相鄰相融 “嘉昆太”同圈再書新華章 \u2003",
                      "六年相鄰相融 “嘉昆太”同圈再書新華章 \u20032024 10/31 16:35:15")  # insert at a[21:21], a0 is [0:19]
ASYMMETRIC = ("。。。", "。。。一")  # align linked a0~b0 only when the inputs were swapped


@SETTINGS
@example(LOST_GLYPHS_ONLY)
@given(any_pair)
def test_segments_tile_both_originals(pair):
    report = compare_texts(*pair)
    for source, segments in zip(report.sources, (report.segments_a, report.segments_b)):
        invariants.check_tiling(source.text, segments)


@SETTINGS
@given(any_pair)
def test_every_content_segment_is_in_one_link_or_in_only_and_boilerplate_never_in_only(pair):
    invariants.check_membership(compare_texts(*pair))


@SETTINGS
@given(related_pair(), st.sampled_from(("simplified", "traditional")), st.booleans())
def test_placement_and_fact_spans_hold_with_any_options(pair, script, keep_boilerplate):
    report = compare_texts(*pair, script=script, keep_boilerplate=keep_boilerplate, threshold=0.4)
    invariants.check_membership(report)
    invariants.check_facts(report)


@SETTINGS
@example(EDIT_IN_TRAILING_SPACE)
@example(EDIT_AFTER_SEGMENT)
@given(any_pair)
def test_edit_spans_stay_inside_the_segments_they_link(pair):
    invariants.check_edits(compare_texts(*pair))


@SETTINGS
@given(any_pair)
def test_fact_mentions_are_slices_of_the_originals(pair):
    invariants.check_facts(compare_texts(*pair))


@SETTINGS
@example(ASYMMETRIC)
@given(st.one_of(related_pair(), st.tuples(adversarial_text, adversarial_text)))
def test_swapping_the_inputs_swaps_the_sides_and_keeps_the_links(pair):
    text_a, text_b = pair
    invariants.check_swap(compare_texts(text_a, text_b), compare_texts(text_b, text_a))


@settings(SETTINGS, max_examples=30)
@given(any_pair)
def test_the_same_inputs_give_byte_identical_json_and_html(pair):
    first = invariants.rendered(compare_texts(*pair))
    second = invariants.rendered(compare_texts(*pair))
    assert first == second


@settings(SETTINGS, max_examples=40)
@given(st.lists(st.one_of(adversarial_piece, st.sampled_from(invariants.HOSTILE_MARKUP)), max_size=15).map("".join))
def test_hostile_markup_never_reaches_the_html_unescaped(text):
    invariants.check_escaped(invariants.rendered(compare_texts(text, text[::-1]))[1])


@SETTINGS
@given(st.one_of(arbitrary_text, adversarial_text), st.sampled_from(("simplified", "traditional")))
def test_each_view_maps_monotonically_inside_its_original(text, script):
    source = Source(id="a", path="a", text=text, encoding="utf-8", script="none", sha256="")
    boundaries = prepare_side(source, script=script).view.boundaries()
    assert all(0 <= x <= len(text) for x in boundaries)
    assert all(x <= y for x, y in zip(boundaries, boundaries[1:]))
