"""Readers: a document on disk → :class:`Document` (text, blocks, metadata, provenance).

The format is sniffed from the content, never the file name: a PDF is a PDF
without its extension and a web page saved as ``.txt`` is still a web page;
``format=`` overrides.  Each format is one module with two functions,

    looks_like(head: bytes) -> bool             # the file's first SNIFF_BYTES bytes
    read(source: InputFile, options: ReadOptions) -> Extracted

and one row of :data:`FORMATS`; the rows are tried in order when sniffing.

>>> doc = read_document("page.html")                    # doctest: +SKIP
>>> doc.format, doc.metadata.title, doc.blocks[0].kind  # doctest: +SKIP
('html', '六年相鄰相融 “嘉昆太”同圈再書新華章', 'heading')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module

from ..errors import OptionError
from ..read import DEFAULT_MAX_CHARS, codec_name, detect_script
from .document import BLOCK_KINDS, DROPPED_KINDS, Block, Document, Dropped, Extracted, Metadata
from .source import SNIFF_BYTES, InputFile

# Format name → the module that reads it, in sniffing order (text, the fallback, last).
FORMATS = {
    "pdf": "aligner.readers.pdf",
    "html": "aligner.readers.html",
    "text": "aligner.readers.text",
}

DEFAULT_MAX_PAGES = 200
# Seconds a PDF may take to read before it is given up as pathological.
DEFAULT_TIME_LIMIT = 60.0


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What every reader is told: a forced ``encoding`` (text and HTML), the most
    characters of text, pages (PDF) and seconds (PDF) it may produce or spend."""

    encoding: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    max_pages: int = DEFAULT_MAX_PAGES
    time_limit: float = DEFAULT_TIME_LIMIT


def sniff(data: bytes, name: str = "") -> str:
    """Return the format of a file whose first bytes are ``data``: "pdf", "html" or "text".

    ``name`` is not used to decide (content only); it is accepted so that a
    later format may mention it in a message.
    """
    head = data[:SNIFF_BYTES]
    for fmt, module in FORMATS.items():
        if import_module(module).looks_like(head):
            return fmt
    return "text"


def read_document(path: str | os.PathLike, *, format: str | None = None, max_pages: int = DEFAULT_MAX_PAGES,
                  encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
                  time_limit: float = DEFAULT_TIME_LIMIT) -> Document:
    """Read the document at ``path`` with the reader its content calls for.

    ``format`` forces a reader (one of :data:`FORMATS`); ``encoding`` forces the
    codec of a text or HTML file; ``max_chars`` bounds the text, ``max_pages``
    and ``time_limit`` (seconds) a PDF.  Raises :class:`~aligner.errors.InputError`
    (one line) for a file that cannot be read as its format, and
    :class:`~aligner.errors.OptionError` for an unusable option.
    """
    options = _checked_options(format, encoding, max_chars, max_pages, time_limit)
    with InputFile(path) as source:
        chosen = format or sniff(source.head(), source.name)
        extracted: Extracted = import_module(FORMATS[chosen]).read(source, options)
        digest, size = extracted.sha256, extracted.size
        if digest is None or size is None:
            digest, size = source.digest()
    return Document(
        path=source.name, format=chosen, text=extracted.text, blocks=extracted.blocks,
        metadata=extracted.metadata, script=detect_script(extracted.text), sha256=digest, size=size,
        reader=extracted.reader, detected=format is None, encoding=extracted.encoding,
        replaced=extracted.replaced, dropped=extracted.dropped, page_starts=extracted.page_starts,
        notes=extracted.notes,
    )


def _checked_options(format: str | None, encoding: str | None, max_chars: int, max_pages: int,
                     time_limit: float) -> ReadOptions:
    """Raise :class:`OptionError` for an option no reader can use; else bundle them."""
    if format is not None and format not in FORMATS:
        raise OptionError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if max_chars < 1:
        raise OptionError(f"--max-chars {max_chars} must be at least 1")
    if max_pages < 1:
        raise OptionError(f"--max-pages {max_pages} must be at least 1")
    if not time_limit > 0:
        raise OptionError(f"time limit {time_limit} must be more than 0 seconds")
    return ReadOptions(codec_name(encoding) if encoding else None, max_chars, max_pages, time_limit)


__all__ = [
    "BLOCK_KINDS", "DEFAULT_MAX_PAGES", "DEFAULT_TIME_LIMIT", "DROPPED_KINDS", "FORMATS", "SNIFF_BYTES",
    "Block", "Document", "Dropped", "Extracted", "InputFile", "Metadata", "ReadOptions",
    "read_document", "sniff",
]
