"""Web pages and PDFs end to end: the sample page against the sample two-column PDF says what
the two sample texts say, and the report carries what was read and where."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.helpers import ROOT, SAMPLES

SCHEMA = json.loads((ROOT / "src/aligner/schema/report.schema.json").read_text(encoding="utf-8"))
SHARED = json.loads((ROOT / "tests/data/schema/shared-report.schema.json").read_text(encoding="utf-8"))


def _report(align, folder, a, b):
    result = align(a, b, "-o", folder / "r.html", "--json", folder / "r.json")
    assert result.exit_code == 1, result.stderr
    return json.loads((folder / "r.json").read_text(encoding="utf-8")), (folder / "r.html").read_text("utf-8")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    from click.testing import CliRunner

    from aligner.cli import main

    def align(*args):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    read = _report(align, tmp_path_factory.mktemp("read"), SAMPLES / "xinhua-web-traditional.html",
                   SAMPLES / "newspaper-pdf-simplified.pdf")
    plain = _report(align, tmp_path_factory.mktemp("plain"), SAMPLES / "xinhua-web-traditional.txt",
                    SAMPLES / "newspaper-pdf-simplified.txt")
    return read, plain


def _shape(report):
    """Links and one-sided segments as their cleaned common-script texts (doubled runs of
    the text extraction collapsed), independent of offsets and ids."""
    texts = {s["id"]: "".join(s["normalized"].split()) for side in "ab" for s in report["segments"][side]}
    links = {("|".join(texts[i] for i in link["a"]), "|".join(texts[i] for i in link["b"])) for link in report["links"]}
    only = {(side, texts[i]) for side in "ab" for i in report["only"][side]}
    return links, only


def test_page_and_pdf_give_the_report_of_the_texts_within_one_link(reports):
    (read, _), (plain, _) = reports
    links, only = _shape(read)
    plain_links, plain_only = _shape(plain)
    assert len(links ^ plain_links) <= 2     # one link differing shows once on each side of ^
    assert len(only ^ plain_only) <= 2
    assert read["summary"] == plain["summary"]


def test_the_report_says_how_each_file_was_read_and_carries_its_text(reports):
    (read, page), _ = reports
    jsonschema.Draft202012Validator(SCHEMA).validate(read)
    jsonschema.Draft202012Validator(SHARED).validate(read)
    assert read["schema"] == "aligner-report/1.1"
    web, pdf = read["sources"]
    assert (web["format"], pdf["format"]) == ("html", "pdf")
    assert web["reader"].startswith("trafilatura") and pdf["reader"].startswith("pypdfium2")
    assert pdf["metadata"]["pages"] == 2 and {d["kind"] for d in pdf["dropped"]} >= {"header", "fake-bold"}
    for source in read["sources"]:
        assert len(source["text"]) == source["chars"]
        for segment in read["segments"][source["id"]]:
            assert source["text"][segment["start"]:segment["end"]] == segment["text"]
    pages = [segment["page"] for segment in read["segments"]["b"]]
    assert pages == sorted(pages) and set(pages) == {1, 2} and "page" not in read["segments"]["a"][0]
    assert page.count('<small class="pg">p. ') >= 2 and "read with pypdfium2" in page


def test_plain_text_reports_stay_version_1(reports):
    _, (plain, page) = reports
    # Nothing of 1.1's reading: no text, format or reader (1.1 only for the figures' claim fields).
    claim_fields = {"measure", "approx", "cutoff", "attribution"}
    claims = any(claim_fields & set(mention) for fact in plain["facts"] for mention in (fact["a"], fact["b"]) if mention)
    assert plain["schema"] == ("aligner-report/1.1" if claims else "aligner-report/1")
    assert not {"text", "format", "reader"} & set(plain["sources"][0])
    assert '<small class="pg">' not in page and '<p class="read">' not in page


@pytest.mark.parametrize("option, message", [
    (("--format", "docx"), "docx"), (("--max-pages", "0"), "max-pages"),
])
def test_bad_reader_options_are_one_line_errors(align, option, message):
    result = align(SAMPLES / "xinhua-web-traditional.html", SAMPLES / "newspaper-pdf-simplified.pdf", *option)
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_a_pdf_with_more_pages_than_allowed_is_refused(align, tmp_path):
    result = align(SAMPLES / "xinhua-web-traditional.html", SAMPLES / "newspaper-pdf-simplified.pdf",
                   "--max-pages", "1", "-o", tmp_path / "r.html")
    assert result.exit_code == 2 and "page" in result.stderr and not (tmp_path / "r.html").exists()
