"""Stage diff: edits are spans of the originals, across scripts and lost glyphs."""

from hypothesis import given, strategies as st

from aligner import compare_texts


def _edits(a: str, b: str):
    report = compare_texts(a, b)
    (link,) = report.links
    return [(e.op, a[e.a[0]:e.a[1]], b[e.b[0]:e.b[1]]) for e in link.edits]


def test_replacement_maps_back_to_the_original_script():
    edits = _edits("侯孟炎説，公司在太倉。", "侯孟炎表示，公司在太仓。")
    assert edits == [("replace", "説", "表示")]


def test_insert_and_delete_have_empty_spans_on_the_other_side():
    edits = _edits("往返一趟能省200多元。", "往返一趟相比普通燃料能省200多元。")
    assert edits == [("insert", "", "相比普通燃料")]
    edits = _edits("往返一趟相比普通燃料能省200多元。", "往返一趟能省200多元。")
    assert edits == [("delete", "相比普通燃料", "")]


def test_wrapping_and_width_make_no_edits():
    report = compare_texts("截至２０２３年底，企业６７００余家。", "截至2023年底，\n企业6700余家。")
    assert [l.status for l in report.links] == ["identical"]


def test_edits_in_text_with_spaces_map_to_the_original():
    edits = _edits("It works  well today.", "It worked well today.")
    assert edits == [("replace", "s", "ed")]


def _opcodes_merged_one_by_one(text_a: str, text_b: str):
    """The reference: walk every Levenshtein opcode, merging the non-equal neighbours."""
    from rapidfuzz.distance import Levenshtein

    from aligner.diff import _tagged

    merged, pending = [], None
    for op in Levenshtein.opcodes(text_a, text_b):
        if op.tag == "equal":
            if pending:
                merged.append((_tagged(*pending), *pending))
            pending = None
        elif pending is None:
            pending = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            pending[1], pending[3] = op.src_end, op.dest_end
    if pending:
        merged.append((_tagged(*pending), *pending))
    return merged


@given(st.text(alphabet="abc说說", max_size=14), st.text(alphabet="abc说說", max_size=14))
def test_merged_opcodes_are_the_changed_stretches_between_equal_blocks(text_a, text_b):
    from aligner.diff import _merged_opcodes

    assert list(_merged_opcodes(text_a, text_b)) == _opcodes_merged_one_by_one(text_a, text_b)
