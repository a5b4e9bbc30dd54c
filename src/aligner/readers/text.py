"""Plain text: the file's bytes decoded by :func:`aligner.read.decode`.

The text is the file's text, so offsets index the file itself; there are no
blocks (the pipeline finds the paragraphs) and no metadata.  Anything that is
neither a PDF nor a web page is read as text: binary files then fail in the
decoding with its one-line message.
"""

from __future__ import annotations

import codecs
import hashlib
from typing import TYPE_CHECKING

from ..errors import InputError
from ..read import MAX_BYTES_PER_CHAR, decode
from .document import Extracted, Metadata
from .source import InputFile

if TYPE_CHECKING:
    from . import ReadOptions

READER = "aligner.read"


def looks_like(head: bytes) -> bool:
    """Text is what is left: every file may be read as text."""
    return True


def read(source: InputFile, options: "ReadOptions") -> Extracted:
    """Read ``source`` as plain text: its bytes, read no further than ``max_chars`` can
    need (an endless device such as ``/dev/zero`` is then "too large", not a hang), decoded."""
    limit = MAX_BYTES_PER_CHAR * options.max_chars + len(codecs.BOM_UTF32_LE)
    data = source.data(limit, f"the limit is {options.max_chars:,} characters", "; raise it with --max-chars")
    text, encoding, replaced = decode(data, source.name, options.encoding)
    if len(text) > options.max_chars:
        raise InputError(f"{source.name}: too large ({len(text):,} characters; the limit is "
                         f"{options.max_chars:,} characters); raise it with --max-chars")
    return Extracted(text=text, blocks=(), metadata=Metadata(), reader=READER, encoding=encoding,
                     replaced=replaced, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
