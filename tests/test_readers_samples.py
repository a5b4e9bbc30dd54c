"""The sample web page and PDF (samples/make_samples.py) say what the .txt samples say:
the committed expectations are the script's, and every block comes from the text."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _make_samples():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compact(text: str) -> str:
    return "".join(text.split())


def test_the_committed_expectations_are_what_the_script_makes():
    samples = _make_samples()
    expected = json.loads((SAMPLES / "expected-blocks.json").read_text(encoding="utf-8"))
    title, web_blocks = samples.web_article()
    assert expected["xinhua-web-traditional.html"] == [["heading", title]] + [
        [kind, text] for kind, text in web_blocks if kind != "image"]
    assert expected["newspaper-pdf-simplified.pdf"] == [[kind, text] for kind, _, text in samples.paper_article()]


def test_every_block_is_text_of_its_txt_sample():
    expected = json.loads((SAMPLES / "expected-blocks.json").read_text(encoding="utf-8"))
    for name, source in (("xinhua-web-traditional.html", "xinhua-web-traditional.txt"),
                         ("newspaper-pdf-simplified.pdf", "newspaper-pdf-simplified.txt")):
        text = _compact((SAMPLES / source).read_text(encoding="utf-8"))
        blocks = [_compact(block) for _, block in expected[name]]
        # The newspaper sample holds its first caption only doubled: that caption is the
        # body's sentence and its picture note.
        missing = [block for block in blocks if block not in text]
        if name.endswith(".pdf"):
            assert missing == ["嘉昆太三地跳出一地一域视野，联合抱团，为科创生态“加码”，积极构筑各类人才引、育、留、用的"
                               "“全国样板”。图为昆如意·科创人才会客厅。"]
            assert "图为昆如意" in text
        else:
            assert missing == []
        assert sum(map(len, blocks)) > 0.8 * len(text)
