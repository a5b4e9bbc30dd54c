"""OpenCC's own test data (tests/data/opencc): testcases.json and the golden four-script texts.

Our converter follows OpenCC 1.4's method on its vendored 1.4.2 data, so every case
passes; a case that fails would go in ``KNOWN_FAILURES`` below as an
``xfail(strict=True)`` (so that a fix is noticed).  (With opencc-python-reimplemented
0.1.7's older dictionaries and method, 258 of the 484 pairs of its ten configs failed.)
What the tool needs is that the scripts *meet*: the golden s2t / s2tw / s2hk / s2twp
texts brought back with ``to_common_script`` equal (or nearly) the simplified original.
"""

from __future__ import annotations

import json
import re

import pytest
from rapidfuzz.distance import Levenshtein

from aligner.convert import configs, convert_text, fold_width, to_common_script
from aligner.textmap import TextMap
from tests.helpers import DATA

# Part of the repository: a missing file fails the collection, it is never skipped.
PEER = DATA / "opencc"

REASON = "measured: our output differs from OpenCC's expected one"

# case id: configs whose expected output we do not produce.  Empty: all 543 pairs pass.
KNOWN_FAILURES = """
"""


def _known_failures() -> set[tuple[str, str]]:
    pairs = set()
    for line in KNOWN_FAILURES.strip().splitlines():
        case_id, config_names = line.split(":")
        pairs.update((case_id.strip(), config) for config in config_names.split())
    return pairs


def _load_cases() -> list[tuple[str, str, str, str]]:
    raw = (PEER / "testcases.json").read_text(encoding="utf-8")
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))  # OpenCC's JSON allows trailing commas
    shipped = set(configs())
    return [
        (case["id"], config, case["input"], expected)
        for case in data["cases"]
        for config, expected in case["expected"].items()
        if config in shipped
    ]


CASES = _load_cases()
KNOWN = _known_failures()


def _param(case_id, config, text, expected):
    marks = [pytest.mark.xfail(strict=True, reason=REASON)] if (case_id, config) in KNOWN else []
    return pytest.param(config, text, expected, id=f"{case_id}-{config}", marks=marks)


@pytest.mark.parametrize("config, text, expected", [_param(*case) for case in CASES])
def test_opencc_testcase(config, text, expected):
    assert convert_text(text, config) == expected


def test_every_case_of_every_config_is_read():
    # testcases.json has 232 cases, 543 case x config pairs; OpenCC 1.4.2's 16 configs are all shipped.
    assert len({case_id for case_id, _, _, _ in CASES}) == 232 and len(CASES) == 543


def test_the_known_failures_list_names_only_real_cases():
    assert KNOWN <= {(case_id, config) for case_id, config, _, _ in CASES}


def golden(suffix: str = "") -> str:
    return (PEER / f"us_constitution_zhs{suffix}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw", "s2twp"])
def test_golden_conversion_equals_opencc(config):
    assert convert_text(golden(), config) == golden(f".{config}")


# Edit distance between the common script of OpenCC's output and the (width-folded)
# simplified original, of 7,735 characters: the scripts meet.  s2twp keeps 39
# characters apart: Taiwan place names (新罕布夏 / 新罕布什尔) and words (西元 / 公元).
MEET_SIMPLIFIED = {"s2t": 0, "s2hk": 0, "s2tw": 0, "s2twp": 39}
# The same towards traditional: s2t run on OpenCC's traditional output writes 馬裏蘭 for its
# 馬里蘭 (the phrase 马里兰 that keeps 里 is in simplified script): 3 characters.
MEET_TRADITIONAL = {"s2t": 3, "s2hk": 3, "s2tw": 3, "s2twp": 42}


@pytest.mark.parametrize("config", sorted(MEET_SIMPLIFIED))
def test_golden_scripts_meet_in_simplified(config):
    common = to_common_script(TextMap.identity(golden(f".{config}"))).text
    assert Levenshtein.distance(common, fold_width(golden())) <= MEET_SIMPLIFIED[config]


@pytest.mark.parametrize("config", sorted(MEET_TRADITIONAL))
def test_golden_scripts_meet_in_traditional(config):
    common = to_common_script(TextMap.identity(golden(f".{config}")), "traditional").text
    reference = to_common_script(TextMap.identity(golden()), "traditional").text
    assert Levenshtein.distance(common, reference) <= MEET_TRADITIONAL[config]
