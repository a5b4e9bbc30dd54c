"""readers.pdf: the sample newspaper's text as typeset, in reading order, without
fake-bold doubles or page furniture; scanned, encrypted, damaged, too long and
too slow PDFs are one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.readers import read_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAPER = SAMPLES / "newspaper-pdf-simplified.pdf"
TYPESET = json.loads((SAMPLES / "expected-blocks.json").read_text(encoding="utf-8"))[PAPER.name]


def _compact(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def paper():
    return read_document(PAPER)


def _texts(document) -> list[str]:
    return [document.text[block.start:block.end] for block in document.blocks]


def test_the_text_is_the_typeset_text(paper):
    assert _compact(paper.text) == _compact("".join(text for _, text in TYPESET))


def test_blocks_are_the_typeset_blocks_in_reading_order(paper):
    assert [(block.kind, _compact(text)) for block, text in zip(paper.blocks, _texts(paper))] == \
        [(kind, _compact(text)) for kind, text in TYPESET]


def test_fake_bold_doubles_are_gone(paper):
    captions = [text for kind, text in TYPESET if kind == "caption"]
    compact = _compact(paper.text)
    for caption in captions:
        assert compact.count(_compact(caption)) == 1
    assert "一一" not in paper.text and "人人" not in paper.text and "，，" not in paper.text
    (doubles,) = [record for record in paper.dropped if record.kind == "fake-bold"]
    # The second caption is drawn twice whole: every character of one drawing is dropped.
    assert doubles.chars == len(_compact(captions[1]))
    assert "".join(doubles.sample) == _compact(captions[1])
    assert doubles.pages == (2,)


def test_columns_are_read_in_order(paper):
    texts = _texts(paper)
    # The first paragraph of the right column continues the last one of the left.
    left_to_right = next(text for text in texts if text.startswith("近年来，三地成立"))
    assert "更大力度聚集优秀人才；政务服务部门合作推出区域通办“数字高速路”" in left_to_right
    assert texts.index(left_to_right) < next(i for i, text in enumerate(texts) if text.startswith("打破行政区划壁垒"))
    # The right column's top, beside a picture, is not read before the left column.
    assert texts.index(next(t for t in texts if t.startswith("前不久"))) < texts.index(left_to_right)


def test_running_header_and_page_numbers_are_dropped(paper):
    assert "长三角观察" not in paper.text and "第 1 版" not in paper.text and "第1版" not in paper.text
    records = {record.kind: record for record in paper.dropped}
    assert records["header"].sample == ("长三角观察 · 2024年10月31日星期四",) * 2
    assert records["header"].pages == (1, 2)
    assert records["page-number"].sample == ("第 1 版", "第 2 版")


def test_every_block_knows_its_page(paper):
    pages = [block.page for block in paper.blocks]
    assert pages == sorted(pages) and set(pages) == {1, 2}
    second = paper.text.index("资源互联，科创“利箭”蓄力突破")
    assert paper.page_starts[0] == 0 and paper.page_starts[1] <= second
    assert paper.page_at(0) == 1 and paper.page_at(second) == 2 and paper.page_at(len(paper.text) - 1) == 2
    # The paragraph that runs from page 1 onto page 2 starts on page 1; its end is on page 2.
    across = next(block for block in paper.blocks if paper.text[block.start:block.end].startswith("在长三角一体化的澎湃"))
    assert across.page == 1


def test_headings_by_size_and_the_document_information(paper):
    headings = [(block.level, paper.text[block.start:block.end]) for block in paper.blocks if block.kind == "heading"]
    assert headings[0] == (1, "共享科技创新资源、携手核心技术攻关、共襄产业创新布局，嘉昆太——")
    assert {level for level, _ in headings[1:]} == {2}
    assert paper.metadata.title == headings[0][1] and paper.metadata.pages == 2
    assert paper.format == "pdf" and paper.encoding is None and paper.script == "simplified"
    assert paper.reader.startswith("pypdfium2 ")
    assert paper.to_source("b").text == paper.text and paper.to_source("b").encoding == ""


# ---------------------------------------------------------------- files that cannot be read

def _minimal_pdf(extra_objects: tuple[bytes, ...] = (), trailer: bytes = b"") -> bytes:
    """A one-page PDF with a correct cross-reference table, and ``extra_objects`` as 4, 5, ..."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>", *extra_objects]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _scanned_pdf() -> bytes:
    """A page that is one grey image, as a scanner makes it: no text at all."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(200, 200)
    bitmap = pdfium.PdfBitmap.new_native(40, 30, raw.FPDFBitmap_BGR)
    bitmap.fill_rect((120, 120, 120, 255), 0, 0, 40, 30)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(160, 120).translate(20, 40))
    page.insert_obj(image)
    page.gen_content()
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


# Standard security handler, RC4 40-bit, with a user password: the /U entry matches
# no password we know, so the file cannot be opened without one.
_ENCRYPT = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>"
_FILE_ID = b"/Encrypt 4 0 R /ID [<" + b"01" * 16 + b"> <" + b"01" * 16 + b">]"


@pytest.mark.parametrize("make, message", [
    (_scanned_pdf, r"the PDF has no text layer, only images \(a scan\?\); run OCR on it first"),
    (lambda: _minimal_pdf((_ENCRYPT,), _FILE_ID), r"the PDF is encrypted \(it needs a password\); decrypt it first"),
    (lambda: b"%PDF-1.4\nthis is not really a PDF\n", r"not a readable PDF \(damaged, or not a PDF\)"),
    (lambda: PAPER.read_bytes()[:5000], r"not a readable PDF \(damaged, or not a PDF\)"),
    (_minimal_pdf, r"the PDF has no text \(its pages are blank or drawn as shapes\)"),
])
def test_unreadable_pdfs_are_one_line_errors(tmp_path, make, message):
    path = tmp_path / "input.pdf"
    path.write_bytes(make())
    with pytest.raises(InputError, match=message) as caught:
        read_document(path)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(f"{path}: ")


def test_too_many_pages_is_refused():
    with pytest.raises(InputError, match=r"has 2 pages; the limit is 1 \(raise it with --max-pages\)"):
        read_document(PAPER, max_pages=1)


def test_too_much_text_is_refused():
    with pytest.raises(InputError, match=r"too large \(more than 1,000 characters of text\); raise it with --max-chars"):
        read_document(PAPER, max_chars=1000)


def test_a_pdf_that_takes_too_long_is_given_up(monkeypatch):
    import aligner.readers.pdf as reader

    clock = iter(range(0, 1000, 7))  # every look at the clock: 7 s later
    monkeypatch.setattr(reader.time, "monotonic", lambda: next(clock))
    with pytest.raises(InputError, match=r"reading took more than 10 s \(stopped at page 2 of 2\)"):
        read_document(PAPER, time_limit=10)


# ---------------------------------------------------------------- pages shown turned

_MEMO = ["Budget talks continue", "", "The committee met on Tuesday to discuss the",
         "budget for the coming year. Members raised", "concerns about rising costs."]


def _memo_pdf(quarter_turns: int) -> bytes:
    """A page of Helvetica lines, drawn turned in the page's coordinates and shown
    upright by /Rotate (as scanners' and some printers' landscape pages are)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    width, height = 400.0, 300.0
    page = pdf.new_page(height, width) if quarter_turns % 2 else pdf.new_page(width, height)
    baseline = 260.0
    for text in _MEMO:
        if text:
            obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 16 if text.startswith("Budget") else 11)
            raw.FPDFText_SetText(obj, (ctypes.c_ushort * (len(text) + 1))(*map(ord, text), 0))
            # Shown at (30, baseline): turned into the page's own coordinates.
            raw.FPDFPageObj_Transform(obj, *[(1, 0, 0, 1, 30, baseline), (0, 1, -1, 0, height - baseline, 30),
                                              (-1, 0, 0, -1, width - 30, height - baseline),
                                              (0, -1, 1, 0, baseline, width - 30)][quarter_turns])
            raw.FPDFPage_InsertObject(page.raw, obj)
        baseline -= 14 if text else 10
    raw.FPDFPage_GenerateContent(page.raw)
    page.set_rotation(90 * quarter_turns)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("quarter_turns", [1, 2, 3])
def test_a_page_shown_turned_reads_as_shown(tmp_path, quarter_turns):
    upright, turned = tmp_path / "upright.pdf", tmp_path / "turned.pdf"
    upright.write_bytes(_memo_pdf(0))
    turned.write_bytes(_memo_pdf(quarter_turns))
    expected = ["Budget talks continue",
                "The committee met on Tuesday to discuss the budget for the coming year. "
                "Members raised concerns about rising costs."]
    assert _texts(read_document(upright)) == expected
    assert _texts(read_document(turned)) == expected


def test_a_title_that_names_a_file_or_a_blank_page_gives_way_to_the_first_heading():
    from aligner.readers.document import Block
    from aligner.readers.pdf import _metadata

    class Information:
        def __init__(self, title):
            self.title = title

        def get_metadata_dict(self, skip_empty=True):
            return {"Title": self.title, "CreationDate": "D:20241031163515+08'00'"}

    blocks = (Block("heading", 0, 5, 1, 1),)
    for title in ("about:blank", "Microsoft Word - 嘉昆太.docx", "Untitled-3", "稿件.pdf"):
        assert _metadata(Information(title), 1, "嘉昆太同圈再書", blocks).title == "嘉昆太同圈"
    metadata = _metadata(Information("嘉昆太人才协同"), 3, "", ())
    assert (metadata.title, metadata.date, metadata.pages) == ("嘉昆太人才协同", "2024-10-31", 3)
