"""Seams and fast paths of the renderers: each must give exactly what the plain path gives.

- ``common_script_table`` computed apart (as another process would) and handed to
  ``render_html`` gives the same page;
- ``render_json`` writes segments itself rather than through dicts: the text must
  be what the json module makes of ``report_to_dict``;
- the common-script table's search for differing characters works on whole texts
  as big integers and UTF-8 bytes: it must keep exactly the differing positions.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

from aligner.render import common_script_table, render_html
from aligner.render.html import build_view
from aligner.render.json import render_json, report_to_dict
from aligner.render.script_table import _differing_chars
from tests.helpers import hand_made_report


@pytest.fixture(scope="module")
def report():
    return hand_made_report()


def _plain_json(report) -> str:
    """The JSON report as the plain path writes it: every section through the json module."""
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    fields = []
    for key, value in report_to_dict(report).items():
        if key == "segments":
            sides = ",\n".join(f"  {dump(side)}: {dump(items)}" for side, items in value.items())
            fields.append(f" {dump(key)}: {{\n{sides}\n }}")
        else:
            fields.append(f" {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


@pytest.mark.parametrize("given", [("a",), ("b",), ("a", "b")])
def test_common_script_given_apart_gives_the_same_page(report, given):
    tables = {side: common_script_table(report, side) for side in given}
    assert render_html(report, common_script_tables=tables) == render_html(report)


def test_common_script_table_is_what_the_page_carries(report):
    view = build_view(report)
    assert common_script_table(report, "a")[0] == view["table_a"]
    assert common_script_table(report, "b")[0] == view["table_b"]


def test_json_fast_path_matches_the_json_module(report):
    assert render_json(report) == _plain_json(report)
    json.loads(render_json(report))


def test_json_segments_with_awkward_text(report):
    """Quotes, backslashes, control characters, line breaks, non-BMP and lone surrogates."""
    awkward = ['say "hi" \\ there', "tab\there\nnew\rline\x00\x1f\x7f", "𠀀𝄞 emoji 😀", "\ud800 lone", "</script>", ""]
    segments = tuple(replace(s, text=awkward[k % len(awkward)], normalized=awkward[-1 - k % len(awkward)],
                             kind="heading" if k % 2 else s.kind)
                     for k, s in enumerate(report.segments_a))
    odd = replace(report, segments_a=segments)
    assert render_json(odd) == _plain_json(odd)


def test_json_without_segments(report):
    empty = replace(report, segments_a=(), segments_b=(), links=(), only_a=(), only_b=(), facts=())
    assert render_json(empty) == _plain_json(empty)
    assert json.loads(render_json(empty))["segments"] == {"a": [], "b": []}


def test_differing_chars_keeps_exactly_the_differing_positions():
    """The big-integer pass that finds where a text and its common-script form
    differ: NULs, lone surrogates and characters beyond the BMP included."""
    rng = random.Random(7)
    alphabet = ["a", "\0", "\ud800", "\udfff", "中", "國", "\U00020000", "\x01", "\x02", "é"]
    for _ in range(500):
        size = rng.randint(0, 40)
        text = "".join(rng.choice(alphabet) for _ in range(size))
        other = "".join(rng.choice(alphabet) for _ in range(size))
        pairs = [(x, y) for x, y in zip(text, other) if x != y]
        expected = ("".join(x for x, _ in pairs).replace("\0", ""), "".join(y for _, y in pairs).replace("\0", ""))
        assert _differing_chars(text, other) == expected
