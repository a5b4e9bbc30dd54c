"""PDFs: the text layer, read with pypdfium2 character by character, laid out again.

Each character comes with its box; :mod:`.layout` builds lines, drops fake-bold
doubles, finds running headers, footers and page numbers, orders columns and
rebuilds paragraphs.  Here: opening the file (encrypted, damaged and scanned
files are one-line errors), the page and time limits, and the blocks' kinds:
headings by type size, captions by size and place (small type next to a
picture), the rest paragraphs.
"""

from __future__ import annotations

import ctypes
import re
import time
from typing import TYPE_CHECKING

from ..errors import InputError
from . import layout
from .document import BLOCK_SEPARATOR, Block, Extracted, Metadata, dropped
from .layout import Char, Line
from .source import InputFile

if TYPE_CHECKING:
    from . import ReadOptions

MAX_BYTES = 1 << 30
# Type at least this much larger than the body text is a heading; at most this much
# smaller, next to a picture, a caption.
HEADING_RATIO = 1.15
CAPTION_RATIO = 0.93
MAX_HEADING_CHARS = 120
# Reading stops once the lines read hold this many times the most characters the text
# may have (running headers and the like are dropped later, so some more may come).
MAX_DRAWN_SHARE = 2
# The picture a caption goes with leaves an empty space at least this many of the
# caption's lines high.
PICTURE_SPACE = 4
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
# Titles that name a file or a blank page, not the document (what printing programs leave).
_NOT_A_TITLE = re.compile(r"(?i)^(about:blank|untitled.*|.*\.(docx?|pdf|html?|indd|txt)|[a-z]+://.*|microsoft word - .*)$")


def looks_like(head: bytes) -> bool:
    """A PDF says so in its first kilobyte."""
    return b"%PDF-" in head[:1024]


def read(source: InputFile, options: "ReadOptions") -> Extracted:
    """Read the text of the PDF ``source`` in reading order; :class:`InputError` when it
    is encrypted, damaged, scanned (no text layer), too long or too slow."""
    import pypdfium2 as pdfium

    data = source.data(MAX_BYTES, f"the limit for a PDF is {MAX_BYTES >> 20:,} MiB")
    pdf = _open(pdfium, data, source.name)
    try:
        count = len(pdf)
        if count == 0:
            raise InputError(f"{source.name}: not a readable PDF (it has no pages)")
        if count > options.max_pages:
            raise InputError(f"{source.name}: has {count:,} pages; the limit is {options.max_pages:,} "
                             "(raise it with --max-pages)")
        pages, doubled = _read_pages(pdf, count, source.name, options)
        furniture = layout.running_lines(pages)
        kept = [[line for line in lines if id(line) not in furniture] for lines in pages]
        if not any(kept):
            raise InputError(_no_text_message(pdf, source.name, count))
        notes = _textless_pages_note(pdf, kept)
        text, blocks, page_starts = _blocks(kept, pages, options, source.name)
        metadata = _metadata(pdf, count, text, blocks)
    finally:
        pdf.close()
    return Extracted(text=text, blocks=blocks, metadata=metadata, reader=_reader_name(pdfium),
                     dropped=_dropped(pages, furniture, doubled), page_starts=page_starts, notes=notes)


def _open(pdfium, data: bytes, name: str):
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise InputError(f"{name}: the PDF is encrypted (it needs a password); "
                             "decrypt it first, e.g. with qpdf --decrypt") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise InputError(f"{name}: the PDF is encrypted with an unsupported security handler") from None
        raise InputError(f"{name}: not a readable PDF (damaged, or not a PDF)") from None


def _read_pages(pdf, count: int, name: str,
                options: "ReadOptions") -> tuple[list[list[Line]], list[tuple[int, str]]]:
    """Each page's lines, and the fake-bold doubles dropped as (page, run).

    Gives up between pages past the time limit, or when the characters drawn
    are far more than the text may have (a pathological page).
    """
    import pypdfium2.raw as raw

    deadline = time.monotonic() + options.time_limit
    pages: list[list[Line]] = []
    doubled: list[tuple[int, str]] = []
    drawn = 0
    for index in range(count):
        if time.monotonic() > deadline:
            raise InputError(f"{name}: reading took more than {options.time_limit:g} s (stopped at page "
                             f"{index + 1:,} of {count:,}); the PDF may be malformed, or try fewer pages")
        page = raw.FPDF_LoadPage(pdf.raw, index)
        if not page:
            raise InputError(f"{name}: page {index + 1} cannot be read (damaged PDF)")
        _upright(raw, page)
        textpage = raw.FPDFText_LoadPage(page)
        try:
            lines, runs = layout.page_lines(layout.split_runs(_chars(raw, textpage)), index + 1)
        finally:
            if textpage:
                raw.FPDFText_ClosePage(textpage)
            raw.FPDF_ClosePage(page)
        pages.append(lines)
        doubled.extend((index + 1, run) for run in runs)
        drawn += sum(len(line.text) for line in lines)
        if drawn > MAX_DRAWN_SHARE * options.max_chars:
            raise _too_much_text(name, options.max_chars)
    return pages, doubled


def _too_much_text(name: str, max_chars: int) -> InputError:
    return InputError(f"{name}: too large (more than {max_chars:,} characters of text); raise it with --max-chars")


def _chars(raw, textpage) -> list[Char]:
    """The page's characters in drawing order with their loose boxes (the font's
    full height, so that a line's boxes line up).

    Characters pdfium adds itself (line breaks, word spaces) have no box: line
    breaks are left out, a word space is kept unless between two ideographs.
    """
    count = raw.FPDFText_CountChars(textpage) if textpage else 0
    if count <= 0:
        return []
    text = _page_text(raw, textpage, count)
    rect = raw.FS_RECTF()
    box = raw.FPDFText_GetLooseCharBox
    cjk = layout.is_cjk
    chars: list[Char] = []
    append = chars.append
    space = False
    for index, char in enumerate(text):
        box(textpage, index, rect)
        left, right = rect.left, rect.right
        if left == right or char < " ":
            space = char == " " or (space and char not in "\r\n")
            continue
        if space:
            space = False
            last = chars[-1] if chars else None
            if last is not None and not (cjk(char) and cjk(last[0])):
                append((" ", last[3], last[2], last[3], last[4]))
        append((char, left, rect.bottom, right, rect.top))
    return chars


# The page's objects turned back by a quarter of /Rotate: (a, b, c, d) of the matrix.
_UNTURN = {1: (0, -1, 1, 0), 2: (-1, 0, 0, -1), 3: (0, 1, -1, 0)}


def _upright(raw, page) -> None:
    """Turn the objects of a page shown turned (/Rotate) as it is shown, in memory.

    pdfium makes loose boxes as if text ran left to right in the page's own
    coordinates; turned, it does.  Only relative places matter to the layout,
    so the turned page needs no shift back into its box.
    """
    turns = raw.FPDFPage_GetRotation(page) % 4
    if turns:
        a, b, c, d = _UNTURN[turns]
        for index in range(raw.FPDFPage_CountObjects(page)):
            raw.FPDFPageObj_Transform(raw.FPDFPage_GetObject(page, index), a, b, c, d, 0, 0)


def _page_text(raw, textpage, count: int) -> str:
    """The page's characters, one per index: one call, or one per character when
    some lie beyond the BMP (UTF-16 gives them two units)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[:2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    codes = (raw.FPDFText_GetUnicode(textpage, index) for index in range(count))
    return "".join(chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"
                   for code in codes)


def _blocks(pages: list[list[Line]], all_lines: list[list[Line]], options: "ReadOptions",
            name: str) -> tuple[str, tuple[Block, ...], tuple[int, ...]]:
    """Order, group and classify the lines of ``pages`` (``all_lines``: furniture too);
    return the text, its blocks and where each page starts."""
    body = layout.body_size([line for lines in pages for line in lines])
    regions = [region for lines in pages for region in layout.reading_order(lines)]
    paragraphs = layout.paragraphs(regions, HEADING_RATIO * body)
    kinds = _kinds(paragraphs, all_lines, body)
    levels = _heading_levels(paragraphs, kinds)
    parts: list[str] = []
    blocks: list[Block] = []
    page_starts: list[int | None] = [None] * len(pages)
    offset = 0
    for lines, kind, level in zip(paragraphs, kinds, levels):
        text, starts = layout.join_lines(lines)
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        for line, start in zip(lines, starts):
            if page_starts[line.page - 1] is None:
                page_starts[line.page - 1] = offset + start
        parts.append(text)
        blocks.append(Block(kind, offset, offset + len(text), lines[0].page, level))
        offset += len(text)
        if offset > options.max_chars:
            raise _too_much_text(name, options.max_chars)
    following = offset
    for index in range(len(page_starts) - 1, -1, -1):  # a page without text starts where the next does
        if page_starts[index] is None:
            page_starts[index] = following
        following = page_starts[index]
    return "".join(parts), tuple(blocks), tuple(page_starts)


def _kinds(paragraphs: list[list[Line]], pages: list[list[Line]], body: float) -> list[str]:
    """heading (large type, short), caption (small type next to a picture) or paragraph."""
    kinds = []
    for lines in paragraphs:
        size = lines[0].size
        if size >= HEADING_RATIO * body and sum(len(line.text) for line in lines) <= MAX_HEADING_CHARS:
            kinds.append("heading")
        elif size <= CAPTION_RATIO * body and _next_to_picture(lines, pages):
            kinds.append("caption")
        else:
            kinds.append("paragraph")
    return kinds


def _next_to_picture(lines: list[Line], pages: list[list[Line]]) -> bool:
    """Whether the paragraph has an empty space at least PICTURE_SPACE lines high just
    above its first line or just below its last, across its width: where its picture is.

    Judged from the text alone (any line of the page, furniture too, bounds the
    space): asking pdfium for the page's images would cost more than reading it.
    """
    first, last = lines[0], lines[-1]
    space = PICTURE_SPACE * first.size
    above = [line.bottom for line in pages[first.page - 1]
             if line.bottom >= first.top and line.x0 < first.x1 and line.x1 > first.x0]
    if above and min(above) - first.top >= space:
        return True
    below = [line.top for line in pages[last.page - 1]
             if line.top <= last.bottom and line.x0 < last.x1 and line.x1 > last.x0]
    return bool(below) and last.bottom - max(below) >= space


def _has_pictures(pdf, page_number: int) -> bool:
    import pypdfium2.raw as raw

    page = raw.FPDF_LoadPage(pdf.raw, page_number - 1)
    try:
        return any(raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, index)) == raw.FPDF_PAGEOBJ_IMAGE
                   for index in range(raw.FPDFPage_CountObjects(page)))
    finally:
        raw.FPDF_ClosePage(page)


def _heading_levels(paragraphs: list[list[Line]], kinds: list[str]) -> list[int]:
    """1 for the largest heading type, 2 for the next, ...; 0 for other blocks."""
    sizes = sorted({lines[0].size for lines, kind in zip(paragraphs, kinds) if kind == "heading"}, reverse=True)
    rank = {size: index + 1 for index, size in enumerate(sizes)}
    return [rank[lines[0].size] if kind == "heading" else 0 for lines, kind in zip(paragraphs, kinds)]


def _no_text_message(pdf, name: str, count: int) -> str:
    if any(_has_pictures(pdf, number) for number in range(1, min(count, 5) + 1)):
        return (f"{name}: the PDF has no text layer, only images (a scan?); "
                "run OCR on it first (e.g. ocrmypdf)")
    return f"{name}: the PDF has no text (its pages are blank or drawn as shapes)"


def _textless_pages_note(pdf, pages: list[list[Line]]) -> tuple[str, ...]:
    empty = [number for number, lines in enumerate(pages, 1) if not lines and _has_pictures(pdf, number)]
    if not empty:
        return ()
    listed = ", ".join(map(str, empty[:10])) + (", ..." if len(empty) > 10 else "")
    return (f"{len(empty)} page(s) have no text layer, only images (not read): {listed}",)


def _dropped(pages: list[list[Line]], furniture: dict[int, str], doubled: list[tuple[int, str]]) -> tuple:
    records = []
    for kind in ("header", "footer", "page-number"):
        lines = [line for page in pages for line in page if furniture.get(id(line)) == kind]
        if lines:
            records.append(dropped(kind, [line.text for line in lines], tuple(line.page for line in lines)))
    if doubled:
        records.append(dropped("fake-bold", [run for _, run in doubled], tuple(page for page, _ in doubled)))
    return tuple(records)


def _metadata(pdf, count: int, text: str, blocks: tuple[Block, ...]) -> Metadata:
    """Title, author and date from the document information; the title else the first heading."""
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - damaged information dictionary: no metadata, not an error
        info = {}
    title = (info.get("Title") or "").strip()
    if _NOT_A_TITLE.match(title):
        title = ""
    if not title:
        first_heading = next((block for block in blocks if block.kind == "heading" and block.level == 1), None)
        title = text[first_heading.start:first_heading.end] if first_heading else ""
    date = _PDF_DATE.match(info.get("CreationDate") or "")
    return Metadata(title=title or None, author=(info.get("Author") or "").strip() or None,
                    date="-".join(part for part in date.groups() if part) if date else None, pages=count)


def _reader_name(pdfium) -> str:
    from importlib.metadata import version

    return f"pypdfium2 {version('pypdfium2')} (pdfium {pdfium.version.PDFIUM_INFO.build})"
