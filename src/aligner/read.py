"""Stage 1, read: bytes on disk → :class:`Source` (text, encoding, script, sha256).

The only module that opens input files.  Text is decoded exactly as stored: no
newline translation, so every offset in the report indexes what the file says.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import InputError
from .model import Source

DEFAULT_MAX_CHARS = 5_000_000

# Byte-order marks decide the encoding outright; longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What a file without a BOM may be, in the order we trust a clean decode.
_CANDIDATES = ("utf-8", "gb18030", "big5")
# A file that decodes only with replacements is accepted when at most this share is replaced.
_MAX_REPLACED_SHARE = 0.01
_MIN_REPLACED_ALLOWED = 8
# Magic numbers of common binary formats that may contain no NUL byte early on.
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF")


def read_source(path: str | os.PathLike, side: str, *, encoding: str | None = None,
                max_chars: int = DEFAULT_MAX_CHARS) -> Source:
    """Read the file at ``path`` as source ``side`` ("a" or "b") and return a :class:`Source`.

    ``encoding`` forces a codec; otherwise it is detected (BOM, UTF-8, GB18030,
    Big5).  Raises :class:`InputError` for a missing, unreadable, binary,
    undecodable or too large file.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a directory, not a text file")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: cannot be read (permission denied)") from None
    except OSError as err:
        raise InputError(f"{name}: cannot be read ({err.strerror or err})") from None
    # Each character takes at least one byte; refuse before decoding what cannot fit.
    if len(data) > 4 * max_chars:
        raise InputError(
            f"{name}: {len(data):,} bytes is more than the limit of {max_chars:,} characters; "
            "raise it with --max-chars"
        )
    text, used, replaced = decode(data, name, encoding)
    if len(text) > max_chars:
        raise InputError(
            f"{name}: {len(text):,} characters is more than the limit of {max_chars:,}; "
            "raise it with --max-chars"
        )
    return Source(
        id=side, path=name, text=text, encoding=used, script=detect_script(text),
        sha256=hashlib.sha256(data).hexdigest(), size=len(data), replaced=replaced,
    )


def decode(data: bytes, name: str = "input", encoding: str | None = None) -> tuple[str, str, tuple[int, ...]]:
    """Decode ``data`` and return ``(text, codec name, offsets of replaced characters)``.

    Raises :class:`InputError` when the bytes look binary or decode in no
    supported encoding (with more than 1% of them invalid).
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        try:
            return data.decode(codec), codec, ()
        except UnicodeDecodeError as err:
            raise InputError(
                f"{name}: does not decode as {codec} (invalid byte at {err.start}); "
                "leave out --encoding to detect it"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, ()
            except UnicodeDecodeError:
                return _with_replacements(data, codec, name)
    if b"\x00" in data or data.startswith(_BINARY_MAGIC):
        raise InputError(f"{name}: looks like a binary file, not text")
    for codec in _plausible_codecs(data):
        try:
            return data.decode(codec), codec, ()
        except UnicodeDecodeError:
            continue
    best = min(_CANDIDATES, key=lambda c: data.decode(c, errors="replace").count("\ufffd"))
    return _with_replacements(data, best, name)


def _plausible_codecs(data: bytes) -> list[str]:
    """Return candidate codecs, the one charset-normalizer judges best first."""
    order = list(_CANDIDATES)
    if data.isascii():
        return ["utf-8"]
    try:
        data.decode("utf-8")
        return ["utf-8"]
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if guess is not None:
        codec = codecs.lookup(guess.encoding).name
        order = [codec] + [c for c in order if c != codec]
    return [c for c in order if c != "utf-8"]


def _with_replacements(data: bytes, codec: str, name: str) -> tuple[str, str, tuple[int, ...]]:
    """Decode with U+FFFD for invalid bytes if few enough are invalid; else refuse."""
    text = data.decode(codec, errors="replace")
    replaced = tuple(i for i, ch in enumerate(text) if ch == "\ufffd")
    if len(replaced) > max(_MIN_REPLACED_ALLOWED, _MAX_REPLACED_SHARE * len(text)):
        raise InputError(
            f"{name}: does not decode as UTF-8, UTF-16, GB18030 or Big5 "
            f"({len(replaced):,} invalid characters); name the encoding with --encoding"
        )
    return text, codec, replaced


@lru_cache(maxsize=1)
def _script_tables() -> tuple[frozenset[str], frozenset[str]]:
    """Characters that exist only in traditional / only in simplified script (OpenCC tables)."""
    folder = resources.files("opencc") / "dictionary"

    def keys_changing(name: str) -> frozenset[str]:
        out = set()
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if len(key) == 1 and key not in values.split(" "):
                out.add(key)
        return frozenset(out)

    return keys_changing("TSCharacters.txt"), keys_changing("STCharacters.txt")


def detect_script(text: str) -> str:
    """Return "traditional", "simplified", "mixed" or "none" for ``text``.

    Counts characters that only one script writes; "none" when there are no such
    characters (no Chinese, or only characters both scripts share).
    """
    traditional_only, simplified_only = _script_tables()
    chars = set(text)
    # Weight by occurrences, but only for the distinctive characters present.
    trad = sum(text.count(c) for c in chars & traditional_only)
    simp = sum(text.count(c) for c in chars & simplified_only)
    if trad == simp == 0:
        return "none"
    if trad >= 4 * simp:
        return "traditional"
    if simp >= 4 * trad:
        return "simplified"
    return "mixed"
