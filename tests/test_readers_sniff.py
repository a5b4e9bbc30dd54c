"""readers: the format is sniffed from the content; options and file errors are one line."""

from __future__ import annotations

import codecs
import hashlib
import os
import shutil
import threading
from pathlib import Path

import pytest

from aligner.errors import InputError, OptionError
from aligner.read import decode
from aligner.readers import FORMATS, read_document, sniff

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAGE = SAMPLES / "xinhua-web-traditional.html"
PAPER = SAMPLES / "newspaper-pdf-simplified.pdf"
TEXT = SAMPLES / "xinhua-web-traditional.txt"


@pytest.mark.parametrize("head, expected", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
    (b"\x00" * 300 + b"%PDF-1.4\n", "pdf"),  # junk before the header, as some writers leave
    (b"<!DOCTYPE html>\n<html lang=zh>", "html"),
    (b"\n  <!-- saved page -->\n<HTML><HEAD>", "html"),
    (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC', "html"),
    (b"<meta charset=gb2312><title>", "html"),
    (codecs.BOM_UTF8 + "<html><body>".encode(), "html"),
    (codecs.BOM_UTF16_LE + "<!doctype html><html>".encode("utf-16-le"), "html"),
    ("嘉定始终保持对各类人才的磁吸力".encode(), "text"),
    ("<<人民日报>>报道：<p>不是标签".encode(), "text"),
    (b"", "text"),
    (b"\x89PNG\r\n\x1a\n", "text"),  # read as text, which then refuses it as binary
])
def test_sniff_decides_by_content(head, expected):
    assert sniff(head, "whatever.txt") == expected


def test_a_web_page_saved_as_txt_is_read_as_a_web_page(tmp_path):
    path = tmp_path / "page.txt"
    shutil.copy(PAGE, path)
    document = read_document(path)
    assert document.format == "html" and document.detected
    assert document.blocks[0].kind == "heading"
    assert "<p>" not in document.text


def test_a_pdf_without_extension_is_read_as_a_pdf(tmp_path):
    path = tmp_path / "download"
    shutil.copy(PAPER, path)
    document = read_document(path)
    assert document.format == "pdf"
    assert document.metadata.pages == 2


def test_plain_text_is_the_files_bytes_decoded_unchanged():
    document = read_document(TEXT)
    assert document.format == "text" and document.reader == "aligner.read"
    assert document.blocks == () and document.page_starts == ()
    text, encoding, replaced = decode(TEXT.read_bytes(), TEXT.name, None)
    assert (document.text, document.encoding, document.replaced) == (text, encoding, replaced)


def test_format_forces_the_reader(tmp_path):
    document = read_document(PAGE, format="text")
    assert document.format == "text" and not document.detected
    assert "<!DOCTYPE html>" in document.text  # the markup itself, as text
    with pytest.raises(InputError, match="not a readable PDF"):
        read_document(PAGE, format="pdf")


def test_identity_is_the_files():
    document = read_document(PAPER)
    data = PAPER.read_bytes()
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.path == str(PAPER)


@pytest.mark.parametrize("options, message", [
    ({"format": "docx"}, "unknown format 'docx': use one of " + ", ".join(FORMATS)),
    ({"max_pages": 0}, "--max-pages 0 must be at least 1"),
    ({"max_chars": 0}, "--max-chars 0 must be at least 1"),
    ({"encoding": "klingon"}, "unknown encoding 'klingon'"),
    ({"time_limit": 0}, "time limit 0 must be more than 0 seconds"),
])
def test_unusable_options_are_refused_before_reading(options, message):
    with pytest.raises(OptionError, match=message):
        read_document("/no/such/file", **options)


def test_missing_files_and_directories_are_one_line_errors(tmp_path):
    with pytest.raises(InputError, match=r"missing\.pdf: no such file$"):
        read_document(tmp_path / "missing.pdf")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def _through_a_pipe(tmp_path: Path, data: bytes) -> Path:
    """A named pipe that a thread fills with ``data`` once it is opened."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as handle:
            handle.write(data)

    threading.Thread(target=write, daemon=True).start()
    return fifo


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_sniffed_and_read_once(tmp_path):
    document = read_document(_through_a_pipe(tmp_path, PAPER.read_bytes()))
    assert document.format == "pdf" and document.size == PAPER.stat().st_size


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_of_text_reads_as_the_file_does(tmp_path):
    document = read_document(_through_a_pipe(tmp_path, TEXT.read_bytes()))
    source = read_document(TEXT)
    assert document.format == "text"
    assert (document.text, document.encoding, document.sha256) == (source.text, source.encoding, source.sha256)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_of_text_too_large_says_so_as_a_file_does(tmp_path):
    with pytest.raises(InputError, match=r"too large \(more than 44 bytes; the limit is 10 characters\); "
                                         r"raise it with --max-chars"):
        read_document(_through_a_pipe(tmp_path, ("字" * 100).encode()), max_chars=10)


def test_documents_travel_between_processes():
    import pickle

    document = read_document(PAPER)
    assert pickle.loads(pickle.dumps(document)) == document


def test_describe_says_how_each_was_read():
    assert read_document(PAPER).describe() == (
        "PDF (2 pages), read with " + read_document(PAPER).reader + ": 27 blocks; left out: running header ×2, "
        "page numbers ×2, 72 fake-bold doubled characters")
    assert read_document(PAGE, format="text").describe() == "plain text (utf-8, format as asked), read with aligner.read"
    assert read_document(PAGE).describe().startswith("web page (utf-8), read with trafilatura ")
