"""What a reader returns: the text used for the report, its blocks, metadata, and
how it was read.

For a plain-text file the text is the file's text, exactly as decoded.  For a web
page or a PDF it is the *extracted* text: blocks in reading order, one blank line
between blocks, a paragraph's lines joined.  Offsets (``Block.start``/``end``,
``Document.page_starts``) index ``Document.text``; the original file is named by
``path`` and ``sha256``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

from ..model import Source

BLOCK_KINDS = ("paragraph", "heading", "caption", "byline")
# What readers leave out of the text, in Dropped.kind.
DROPPED_KINDS = ("chrome", "header", "footer", "page-number", "fake-bold")
# How Document.describe names what was left out.
_DROPPED_NAMES = {
    "chrome": "{count:,} pieces of page chrome ({chars:,} characters)",
    "header": "running header ×{count:,}",
    "footer": "running footer ×{count:,}",
    "page-number": "page numbers ×{count:,}",
    "fake-bold": "{chars:,} fake-bold doubled characters",
}
# Blocks are separated by one blank line in the extracted text.
BLOCK_SEPARATOR = "\n\n"
# Dropped.sample keeps this many pieces, each cut to this many characters.
SAMPLE_PIECES = 8
SAMPLE_CHARS = 80


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading, caption or byline: ``text[start:end]`` of the document.

    ``page`` is the 1-based page where the block starts (PDF), else None;
    ``level`` ranks headings (1 the largest type), 0 for other kinds.
    """

    kind: str
    start: int
    end: int
    page: int | None = None
    level: int = 0


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the document says about itself; None where it does not say.

    ``date`` is ISO 8601 (``YYYY-MM-DD``); ``site`` the outlet or site name;
    ``pages`` the page count of a paged format.
    """

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class Dropped:
    """Text a reader left out as page furniture: its kind, how much, and a sample.

    ``count`` counts pieces (page elements, PDF lines, doubled characters),
    ``chars`` their non-space characters; ``sample`` holds the first
    SAMPLE_PIECES pieces, each cut to SAMPLE_CHARS; ``pages`` where (PDF).
    """

    kind: str
    count: int
    chars: int
    sample: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Extracted:
    """A reader's result, before the file's identity is added (see :class:`Document`)."""

    text: str
    blocks: tuple[Block, ...]
    metadata: Metadata
    reader: str
    encoding: str | None = None
    replaced: tuple[int, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    page_starts: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    # Set by a reader that read the file itself (plain text); else computed from the bytes.
    sha256: str | None = None
    size: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One input document, read.

    Identity: ``path`` (as given, for messages and the report), ``sha256`` and
    ``size`` of the file's bytes.  Content: ``text``, ``blocks`` (empty for
    plain text, whose paragraphs the pipeline finds itself), ``script``,
    ``metadata``, ``page_starts`` (offset in ``text`` where each page's text
    starts; PDF only).  How it was read: ``format`` (text / html / pdf),
    ``detected`` (True when sniffed from the content, False when forced),
    ``reader`` (library and version), ``encoding`` (codec of a text or HTML
    file, None for PDF), ``replaced`` (offsets of U+FFFD put for undecodable
    bytes, plain text only), ``dropped`` (furniture left out) and ``notes``.
    """

    path: str
    format: str
    text: str
    blocks: tuple[Block, ...]
    metadata: Metadata
    script: str
    sha256: str
    size: int
    reader: str
    detected: bool = True
    encoding: str | None = None
    replaced: tuple[int, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    page_starts: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def chars(self) -> int:
        return len(self.text)

    def page_at(self, offset: int) -> int | None:
        """The 1-based page that holds ``text[offset]`` (PDF), else None."""
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))

    def block_at(self, offset: int) -> Block | None:
        """The block that holds ``text[offset]``, or None between blocks."""
        index = bisect_right(self.blocks, offset, key=attrgetter("start")) - 1
        if index >= 0 and offset < self.blocks[index].end:
            return self.blocks[index]
        return None

    def describe(self) -> str:
        """How the document was read, in one line for people (the CLI, the report)."""
        what = {"pdf": "PDF", "html": "web page", "text": "plain text"}.get(self.format, self.format)
        details = [self.encoding] if self.encoding else []
        if self.metadata.pages:
            details.append(f"{self.metadata.pages:,} page{'s' if self.metadata.pages != 1 else ''}")
        if not self.detected:
            details.append("format as asked")
        line = f"{what} ({', '.join(details)})" if details else what
        line += f", read with {self.reader}"
        if self.blocks:
            line += f": {len(self.blocks):,} blocks"
        if self.dropped:
            line += "; left out: " + ", ".join(_DROPPED_NAMES.get(d.kind, d.kind).format(
                count=d.count, chars=d.chars) for d in self.dropped)
        return line

    def to_source(self, side: str) -> Source:
        """The pipeline's :class:`~aligner.model.Source` for side ``side`` ("a" or "b").

        ``Source.encoding`` is the codec for text and HTML, ``""`` for a PDF
        (whose text was not decoded from the file).
        """
        return Source(id=side, path=self.path, text=self.text, encoding=self.encoding or "",
                      script=self.script, sha256=self.sha256, size=self.size, replaced=self.replaced,
                      document=None if self.format == "text" else self)


def assemble(pieces: list[tuple[str, str, int | None, int]]) -> tuple[str, tuple[Block, ...]]:
    """Join ``(kind, text, page, level)`` pieces into the text and its blocks.

    Empty pieces are skipped; blocks are separated by BLOCK_SEPARATOR.
    """
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for kind, text, page, level in pieces:
        if not text:
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        parts.append(text)
        blocks.append(Block(kind, offset, offset + len(text), page, level))
        offset += len(text)
    return "".join(parts), tuple(blocks)


def dropped(kind: str, pieces: list[str], pages: tuple[int, ...] = ()) -> Dropped:
    """A :class:`Dropped` record of ``pieces`` (strings) left out as ``kind``."""
    sample = tuple(piece[:SAMPLE_CHARS] for piece in pieces[:SAMPLE_PIECES])
    chars = sum(len("".join(piece.split())) for piece in pieces)
    return Dropped(kind, len(pieces), chars, sample, tuple(sorted(set(pages))))
