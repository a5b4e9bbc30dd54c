"""Shared fixtures: the two real samples, a CLI runner, Chromium, and the offset check every report must pass.
Shared code that is not a fixture lives in ``tests/helpers.py``."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, SAMPLE_SIMPLIFIED, SAMPLE_TRADITIONAL, read_sample


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


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through playwright (skipped where either is missing)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
