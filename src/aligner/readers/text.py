"""Plain text: read exactly as :func:`aligner.read.read_source` reads it.

The text is the file's text, so offsets index the file itself; there are no
blocks (the pipeline finds the paragraphs) and no metadata.  Anything that is
neither a PDF nor a web page is read as text: binary files then fail there with
read_source's own message.
"""

from __future__ import annotations

import codecs
import hashlib
from typing import TYPE_CHECKING

from ..errors import InputError
from ..read import decode, read_source
from .document import Extracted, Metadata
from .source import InputFile

if TYPE_CHECKING:
    from . import ReadOptions

READER = "aligner.read"
# As aligner.read: no supported encoding needs more than 4 bytes a character, plus a BOM.
_MAX_BYTES_PER_CHAR = 4


def looks_like(head: bytes) -> bool:
    """Text is what is left: every file may be read as text."""
    return True


def read(source: InputFile, options: "ReadOptions") -> Extracted:
    """Read ``source`` as plain text: a regular file through read_source itself, a pipe
    or device (already partly read for sniffing) from its bytes with the same decoding."""
    if source.regular:
        read_ = read_source(source.path, "a", encoding=options.encoding, max_chars=options.max_chars)
        text, encoding, replaced, digest, size = read_.text, read_.encoding, read_.replaced, read_.sha256, read_.size
    else:
        limit = _MAX_BYTES_PER_CHAR * options.max_chars + len(codecs.BOM_UTF32_LE)
        data = source.data(limit, f"the limit is {options.max_chars:,} characters", "; raise it with --max-chars")
        text, encoding, replaced = decode(data, source.name, options.encoding)
        if len(text) > options.max_chars:
            raise InputError(f"{source.name}: too large ({len(text):,} characters; the limit is "
                             f"{options.max_chars:,} characters); raise it with --max-chars")
        digest, size = hashlib.sha256(data).hexdigest(), len(data)
    return Extracted(text=text, blocks=(), metadata=Metadata(), reader=READER, encoding=encoding,
                     replaced=replaced, sha256=digest, size=size)
