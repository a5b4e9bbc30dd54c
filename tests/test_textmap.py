"""The offset map: building, mapping spans, composing."""

import pytest
from hypothesis import given, strategies as st

from aligner.textmap import MapBuilder, TextMap, replace_spans


def test_identity_maps_each_boundary_to_itself():
    tm = TextMap.identity("abc")
    assert tm.span(1, 3) == (1, 3)
    assert tm.pos(3) == 3


def test_replace_with_longer_text_spreads_boundaries_inside_the_span():
    tm = replace_spans("x U盘 y", [(2, 4, "隨身碟")])
    assert tm.text == "x 隨身碟 y"
    assert tm.span(2, 5) == (2, 4)          # the whole replacement is the original phrase
    assert tm.span(5, 7) == (4, 6)
    assert list(tm.origin) == sorted(tm.origin)


def test_dropped_characters_join_the_character_before():
    tm = replace_spans("趙民章&&,未來", [(3, 5, "")])
    assert tm.text == "趙民章,未來"
    assert tm.span(2, 3) == (2, 5)          # 章 now owns the lost glyphs
    assert tm.span(3, 4) == (5, 6)


def test_compose_maps_through_two_steps():
    first = replace_spans("a  b", [(1, 3, " ")])          # "a b"
    second = replace_spans(first.text, [(1, 2, "")])       # "ab"
    both = first.then(second)
    assert both.text == "ab"
    assert both.span(0, 2) == (0, 4)
    assert both.span(1, 2) == (3, 4)


def test_builder_refuses_pieces_out_of_order():
    builder = MapBuilder("abcdef")
    builder.keep(0, 3)
    try:
        builder.keep(1, 2)
    except ValueError as err:
        assert "out of order" in str(err)
    else:
        raise AssertionError("out-of-order piece accepted")


def _draw_pieces(draw, text: str, alphabet: str, max_size: int) -> list:
    """Sorted, non-overlapping (start, end, new) pieces of ``text``."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    pieces, last = [], 0
    for k in range(0, len(cuts) - 1, 2):
        start, end = max(cuts[k], last), cuts[k + 1]
        if start <= end:
            pieces.append((start, end, draw(st.text(alphabet=alphabet, max_size=max_size))))
            last = end
    return pieces


@st.composite
def edits(draw):
    text = draw(st.text(alphabet="ab 漢字&\n", max_size=40))
    return text, _draw_pieces(draw, text, "xy", 4)


@given(edits())
def test_maps_are_monotone_and_inside_the_original(case):
    text, pieces = case
    tm = replace_spans(text, pieces)
    bounds = list(tm.boundaries())
    assert len(bounds) == len(tm.text) + 1
    assert bounds == sorted(bounds)
    assert all(0 <= b <= len(text) for b in bounds)
    assert bounds[-1] == len(text)
    # Characters kept unchanged map back to themselves.
    covered = [False] * len(text)
    for start, end, _ in pieces:
        for k in range(start, end):
            covered[k] = True
    for i, ch in enumerate(tm.text):
        o = bounds[i]
        if bounds[i + 1] - o == 1 and not covered[o]:
            assert text[o] == ch


def test_builder_skipping_original_text_drops_it():
    builder = MapBuilder("abcdef")
    builder.keep(0, 2)
    builder.keep(4, 5)                      # "cd" skipped: dropped, owned by "b"
    tm = builder.build()
    assert tm.text == "abef"
    assert tm.span(1, 2) == (1, 4)


@st.composite
def two_steps(draw):
    """An outer map made by edits, and edits of its text."""
    text, pieces = draw(edits())
    outer = replace_spans(text, pieces)
    return outer, _draw_pieces(draw, outer.text, "xyz", 3)


def _composed_by_hand(outer: TextMap, inner: TextMap) -> list[int]:
    """The composition of two maps, boundary by boundary."""
    return [outer.boundaries()[b] for b in inner.boundaries()]


@given(two_steps())
def test_edit_composes_like_then(case):
    outer, pieces = case
    inner = replace_spans(outer.text, pieces)
    edited = outer.edit(pieces)
    assert edited.text == inner.text
    assert list(edited.boundaries()) == _composed_by_hand(outer, inner)
    assert list(edited.boundaries()) == list(outer.then(inner).boundaries())


def test_edit_refuses_overlapping_pieces():
    with pytest.raises(ValueError, match="out of order"):
        TextMap.identity("abcdef").edit([(0, 3, ""), (2, 4, "x")])
    with pytest.raises(ValueError, match="out of order"):
        TextMap.identity("abc").edit([(2, 5, "")])


def test_spans_maps_many_spans_like_span():
    tm = replace_spans("趙民章&&,未來", [(3, 5, "")])
    spans = [(0, 1), (2, 3), (3, 4), (0, len(tm.text))]
    assert tm.spans(spans) == [tm.span(start, end) for start, end in spans]
    assert TextMap.identity("abc").spans([(1, 2)]) == [(1, 2)]
    with pytest.raises(IndexError):
        tm.spans([(0, 1), (2, len(tm.text) + 1)])
    with pytest.raises(ValueError):
        tm.spans([(3, 2)])


def test_identity_of_a_long_text_counts_every_offset():
    # Longer than any text mapped before in this session: the shared identity grows.
    length = 70_000 + 257
    assert list(TextMap.identity("字" * length).boundaries()) == list(range(length + 1))


def _check_derived_pos(tm: TextMap) -> None:
    """``derived_pos`` against ``pos``: monotone, the first boundary at or after each
    original offset, a round trip where one is defined, loud out of range."""
    bounds = list(tm.boundaries())
    last = bounds[-1]
    derived = [tm.derived_pos(offset) for offset in range(last + 1)]
    assert derived == sorted(derived)
    for offset, i in enumerate(derived):
        assert 0 <= i <= len(tm.text)
        assert tm.pos(i) >= offset and (i == 0 or tm.pos(i - 1) < offset)
        if offset in bounds:
            assert tm.pos(i) == offset
    for i in range(len(bounds)):
        back = tm.derived_pos(tm.pos(i))
        assert back <= i
        if i == 0 or bounds[i - 1] < bounds[i]:
            assert back == i
    for outside in (-1, last + 1):
        with pytest.raises(IndexError):
            tm.derived_pos(outside)


@given(edits())
def test_derived_pos_goes_back_from_original_to_derived(case):
    text, pieces = case
    _check_derived_pos(replace_spans(text, pieces))
    _check_derived_pos(TextMap.identity(text))


@given(two_steps())
def test_derived_pos_of_composed_maps(case):
    outer, pieces = case
    _check_derived_pos(outer.edit(pieces))


def test_derived_pos_of_dropped_text_is_the_boundary_after_it():
    tm = replace_spans("趙民章&&,未來", [(3, 5, "")])
    assert [tm.derived_pos(offset) for offset in range(8)] == [0, 1, 2, 3, 3, 3, 4, 5]
    assert TextMap.identity("abc").derived_pos(3) == 3
    with pytest.raises(IndexError, match="outside 0..8"):
        tm.derived_pos(9)
