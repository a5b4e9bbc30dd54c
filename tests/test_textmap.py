"""The offset map: building, mapping spans, composing."""

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


@st.composite
def edits(draw):
    text = draw(st.text(alphabet="ab 漢字&\n", max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    pieces, last = [], 0
    for k in range(0, len(cuts) - 1, 2):
        start, end = max(cuts[k], last), cuts[k + 1]
        if start <= end:
            pieces.append((start, end, draw(st.text(alphabet="xy", max_size=4))))
            last = end
    return text, pieces


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
