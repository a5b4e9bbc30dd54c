"""Stage 1, read: bytes → text (the encoding found or forced) and the text's script.

The readers (:mod:`aligner.readers`) open the files and hand their bytes here.  Text
is decoded exactly as stored: no newline translation, so every offset in the report
indexes what the file says.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from .convert import opencc_dictionary
from .errors import InputError, OptionError

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
# UTF-8, UTF-16, UTF-32 and GB18030 all need at most 4 bytes for a character.
MAX_BYTES_PER_CHAR = 4
# Stands in for an invalid byte range while decoding (see _with_replacements).
_INVALID_MARK = "\udcff"
# What a wrong guess between GB18030 and Big5 produces and news text hardly
# contains: private use, Bopomofo, small and vertical forms, enclosed numbers, §¨〃〖〗.
_UNLIKELY_IN_TEXT = re.compile("[\ue000-\uf8ff\u3100-\u312f\u31a0-\u31bf\ufe10-\ufe6f\u2460-\u24ff§¨〃〖〗]")
# Magic numbers of common binary formats that may contain no NUL byte early on.
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF")


def codec_name(encoding: str) -> str:
    """Return the canonical name of text codec ``encoding`` (e.g. "GBK" → "gbk").

    Raises :class:`OptionError` for an unknown name or a codec that does not
    decode bytes to text (base64, rot13, zlib).
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise OptionError(
            f"unknown encoding {encoding!r}: try utf-8, utf-16, gb18030 or big5, "
            "or leave out --encoding to detect it"
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise OptionError(f"{encoding!r} is not a text encoding: try utf-8, utf-16, gb18030 or big5")
    return info.name


def decode(data: bytes, name: str = "input", encoding: str | None = None) -> tuple[str, str, tuple[int, ...]]:
    """Decode ``data`` and return ``(text, codec name, offsets of replaced characters)``.

    A few invalid bytes become U+FFFD and their offsets in the text are returned
    (exactly as ``bytes.decode(codec, errors="replace")`` places them).  Raises
    :class:`InputError` when the bytes look binary or decode in no supported
    encoding (more than 1% of them invalid), :class:`OptionError` for an unknown
    ``encoding``.
    """
    if encoding:
        return _with_replacements(data, codec_name(encoding), name, forced=True)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _with_replacements(data, codec, name)
    if b"\x00" in data or data.startswith(_BINARY_MAGIC):
        raise InputError(f"{name}: looks like a binary file, not text")
    decoded = []
    for codec in _plausible_codecs(data):
        try:
            decoded.append((data.decode(codec), codec))
        except UnicodeDecodeError:
            continue
    if decoded:
        # Short texts often decode cleanly as both GB18030 and Big5; the wrong one shows
        # characters news text hardly contains.  Ties keep charset-normalizer's order.
        text, codec = min(decoded, key=lambda pair: len(_UNLIKELY_IN_TEXT.findall(pair[0])))
        return text, codec, ()
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


def _mark_invalid(err: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: one lone surrogate per invalid range, as "replace" puts one U+FFFD."""
    return _INVALID_MARK, err.end


codecs.register_error("aligner.mark-invalid", _mark_invalid)


def _with_replacements(data: bytes, codec: str, name: str, *,
                       forced: bool = False) -> tuple[str, str, tuple[int, ...]]:
    """Decode with U+FFFD for invalid bytes if few enough are invalid; else refuse.

    Invalid ranges are first marked with a lone surrogate, which no strict decode
    can produce, so a U+FFFD that the file itself contains is not counted.
    """
    marked = data.decode(codec, errors="aligner.mark-invalid")
    if _INVALID_MARK not in marked:
        return marked, codec, ()
    replaced = tuple(m.start() for m in re.finditer(_INVALID_MARK, marked))
    if len(replaced) > max(_MIN_REPLACED_ALLOWED, _MAX_REPLACED_SHARE * len(marked)):
        tried = codec if forced else "UTF-8, UTF-16, GB18030 or Big5"
        hint = "check --encoding or leave it out to detect it" if forced else "name the encoding with --encoding"
        raise InputError(
            f"{name}: does not decode as {tried} ({len(replaced):,} places with invalid bytes, "
            f"the first at character {replaced[0]:,}); {hint}"
        )
    return marked.replace(_INVALID_MARK, "\ufffd"), codec, replaced


@lru_cache(maxsize=1)
def _script_marks() -> dict[int, str | None]:
    """A ``str.translate`` table: characters only traditional script writes → "T", only
    simplified → "S", every other BMP character deleted (from OpenCC's character tables)."""
    marks: dict[int, str | None] = dict.fromkeys(range(0x10000))
    marks.update(dict.fromkeys(_changed_by("TSCharacters.txt"), "T"))
    marks.update(dict.fromkeys(_changed_by("STCharacters.txt"), "S"))
    return marks


def _changed_by(filename: str) -> set[int]:
    """The characters one OpenCC character table converts to other characters."""
    return {ord(key) for key, values in opencc_dictionary(filename).items() if len(key) == 1 and key not in values}


# Above this length the script is judged on an evenly strided sample of this many
# characters: the proportions are the same, at a fraction of the cost.
SCRIPT_SAMPLE_CHARS = 200_000


def detect_script(text: str) -> str:
    """Return "traditional", "simplified", "mixed" or "none" for ``text``.

    Counts characters that only one script writes; "none" when there are no such
    characters (no Chinese, or only characters both scripts share).
    """
    trad, simp = _script_counts(text[::len(text) // SCRIPT_SAMPLE_CHARS + 1])
    if trad == simp == 0 and len(text) > SCRIPT_SAMPLE_CHARS:  # rare marks the sample missed
        trad, simp = _script_counts(text)
    if trad == simp == 0:
        return "none"
    if trad >= 4 * simp:
        return "traditional"
    if simp >= 4 * trad:
        return "simplified"
    return "mixed"


def _script_counts(text: str) -> tuple[int, int]:
    """Return how many characters of ``text`` only traditional, and only simplified, script writes."""
    # One translate pass (C speed) leaves a "T" or an "S" per distinctive character;
    # characters beyond the BMP stay as they are and are never "T" or "S".
    marked = text.translate(_script_marks())
    return marked.count("T"), marked.count("S")
