"""Shared fixtures: the two real samples, a CLI runner, and the offset check every report must pass.
Shared code that is not a fixture lives in ``tests/helpers.py``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.helpers import SAMPLE_SIMPLIFIED, SAMPLE_TRADITIONAL, read_sample


@pytest.fixture(scope="session")
def traditional() -> str:
    return read_sample(SAMPLE_TRADITIONAL)


@pytest.fixture(scope="session")
def simplified() -> str:
    return read_sample(SAMPLE_SIMPLIFIED)


@pytest.fixture(scope="session")
def big5_traditional(traditional) -> str:
    """The traditional sample made Big5-encodable: Big5 has no 産 着 説 衞 nor the em space,
    so they become their standard Big5 forms."""
    return traditional.translate(str.maketrans({"\u2003": "\u3000", "産": "產", "着": "著", "説": "說", "衞": "衛"}))


@pytest.fixture
def align():
    """Run the ``align`` command in-process: ``align(*args)`` returns click's Result (stdout/stderr apart)."""
    from aligner.cli import main

    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run


def _offsets_index_files(report_json: str, paths, errors: str = "strict") -> dict:
    report = json.loads(report_json)
    for source, path, side in zip(report["sources"], paths, ("a", "b")):
        if "text" in source:  # a web page or PDF: offsets index the extracted text the report carries
            text = source["text"]
        else:
            with open(path, encoding=source["encoding"], errors=errors, newline="") as handle:
                text = handle.read()
        assert len(text) == source["chars"]
        for segment in report["segments"][side]:
            assert text[segment["start"]:segment["end"]] == segment["text"], segment["id"]
    return report


@pytest.fixture
def offsets_index_files():
    """``check(report_json, (path_a, path_b), errors="strict")``: reopening each input with the
    reported encoding, ``text[start:end]`` is every segment's text.  Returns the parsed report."""
    return _offsets_index_files
