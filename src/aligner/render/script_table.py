"""The common-script text of the page, encoded compactly.

The page's "common script" switch shows every segment in the common script
(simplified or traditional, widths folded).  Conversion is nearly always one
character for one, so the page carries one character table per side
(:func:`common_script`) rather than a delta per segment; only the segments the
table cannot rebuild carry a :func:`norm_delta` in ``data-n``.

:func:`common_script_table` builds one side's table.  It is a quarter of the
page's work on a large report and needs nothing else of the page, so a caller
may compute it apart (in another process, say) and hand it to
:func:`aligner.render.html.render_html`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, compress
from operator import attrgetter, eq
from typing import Sequence

from rapidfuzz.distance import Levenshtein

from ..model import Report, Segment, Source
from .escaping import escape

# One side's common-script table as the page carries it (pairs of characters),
# and the escaped data-n deltas of the segments it does not rebuild, by segment id.
CommonScript = tuple[str, dict[str, str]]


def _as_parsed(text: str) -> str:
    """``text`` as an HTML parser hands it to scripts (line breaks folded, NUL replaced)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def norm_delta(text: str, normalized: str) -> str:
    """Encode ``normalized`` as edits of ``text`` so the page need not carry it twice.

    The result is ``"<len(text)>;"`` and then ops over code points: ``=k`` keep k
    characters of ``text``, ``-k`` skip k, ``+k:`` followed by k characters to
    write, ``~k:`` followed by k characters that replace the next k.  It is only
    a compact spelling of ``normalized`` (report.js rebuilds it exactly, or keeps
    the original if the length check fails); no position in the report comes
    from it.  Used for the segments a side's character table does not rebuild
    (see :func:`common_script`).
    """
    return _delta(_as_parsed(text), normalized)


def _delta(parsed: str, normalized: str) -> str:
    """:func:`norm_delta` of a text already as the page's script reads it."""
    ops = []
    for tag, src_start, src_end, dest_start, dest_end in Levenshtein.opcodes(parsed, normalized).as_list():
        if tag == "equal":
            ops.append(f"={src_end - src_start}")
            continue
        skip, write = src_end - src_start, normalized[dest_start:dest_end]
        if skip == len(write):
            ops.append(f"~{skip}:{write}")
            continue
        if skip:
            ops.append(f"-{skip}")
        if write:
            ops.append(f"+{len(write)}:{write}")
    delta = "".join(ops)
    whole = f"+{len(normalized)}:{normalized}"
    shorter = delta if len(delta.encode("utf-8")) < len(whole.encode("utf-8")) else whole
    return f"{len(parsed)};{shorter}"


# Segment separators while a side's texts are compared in one piece: they always
# differ (so they survive into the differing characters) and split them again.
_SEP_TEXT, _SEP_NORM = "\x01", "\x02"


def _differing_chars(text: str, normalized: str) -> tuple[str, str]:
    """The characters at which two strings of equal length differ, in order: those
    of ``text`` and those of ``normalized``.

    Done on whole UTF-32 buffers as big integers (xor, add, masks), because a
    Python loop over a million characters costs more than the whole page.
    """
    size = len(text)
    text_int = int.from_bytes(text.encode("utf-32-le", "surrogatepass"), "little")
    norm_int = int.from_bytes(normalized.encode("utf-32-le", "surrogatepass"), "little")
    # A code point is below 2**21, so adding 2**21 - 1 to each 32-bit unit of the
    # xor sets the unit's bit 21 exactly when the unit is nonzero, and never
    # carries into the next unit (bits 22-31 stay clear); that bit becomes an
    # all-ones mask of the unit.
    low = int.from_bytes(b"\xff\xff\x1f\x00" * size, "little")
    flags = (((text_int ^ norm_int) + low) & ~low) >> 21
    mask = (flags << 32) - flags

    def kept(value: int) -> str:
        # The units kept are the differing ones, the others are now NUL.  UTF-8
        # writes a zero byte for NUL and for nothing else, so deleting the zero
        # bytes of the UTF-8 form drops exactly the NULs: one C pass, where
        # str.replace costs a step per NUL (most of a million here).
        with_nuls = (value & mask).to_bytes(4 * size, "little").decode("utf-32-le", "surrogatepass")
        return with_nuls.encode("utf-8", "surrogatepass").translate(None, b"\0").decode("utf-8", "surrogatepass")

    return kept(text_int), kept(norm_int)


def common_script(texts: Sequence[str], normalized: Sequence[str]) -> tuple[dict[int, int], set[int]]:
    """Return a character table for one side and the indices of the segments it
    does not rebuild.

    ``texts`` are the segments' texts as the page's script reads them,
    ``normalized`` their common-script forms.  The page carries the table
    (``str.translate`` form) and report.js applies it to every segment without a
    ``data-n``.  The exceptions — other lengths, a character converted in one
    place and kept in another, two targets of one character — get a
    :func:`norm_delta`.
    """
    # (map / compress keep these passes over ~25,000 segments in C)
    same_length = list(map(eq, map(len, texts), map(len, normalized)))
    same = list(compress(range(len(texts)), same_length))
    exceptions = set(range(len(texts))).difference(same)
    joined_text = _SEP_TEXT.join(compress(texts, same_length))
    joined_norm = _SEP_NORM.join(compress(normalized, same_length))
    separable = (joined_text.count(_SEP_TEXT) == joined_norm.count(_SEP_NORM) == len(same) - 1
                 and _SEP_NORM not in joined_text and _SEP_TEXT not in joined_norm)
    from_text, to_norm = _differing_chars(joined_text, joined_norm) if separable else ("", "")
    if not separable or len(from_text) != len(to_norm):
        return {}, exceptions | {k for k in same if texts[k] != normalized[k]}
    table = str.maketrans(from_text, to_norm)  # the last target wins; others become exceptions
    rebuilt = from_text.translate(table)
    if rebuilt != to_norm:
        exceptions.update(same[i] for i, (got, want) in enumerate(zip(rebuilt.split(_SEP_NORM),
                                                                      to_norm.split(_SEP_NORM)))
                          if got != want)
    table.pop(ord(_SEP_TEXT), None)
    if table:
        # a character of the table still present in the normalized text: kept
        # there, so the table would wrongly convert it
        keys = re.compile("[" + re.escape("".join(map(chr, table))) + "]")
        ends = list(accumulate(map((1).__add__, map(len, compress(normalized, same_length)))))
        exceptions.update(same[bisect_right(ends, m.start())] for m in keys.finditer(joined_norm))
    return table, exceptions


def _common_script_of(segments: Sequence[Segment], source: Source) -> CommonScript:
    """One side's table as the page carries it (pairs of characters) and the
    escaped ``data-n`` deltas of the segments it does not rebuild, by id."""
    raw = "\r" not in source.text and "\0" not in source.text
    texts = list(map(attrgetter("text"), segments))
    if not raw:
        texts = list(map(_as_parsed, texts))
    table, exceptions = common_script(texts, list(map(attrgetter("normalized"), segments)))
    deltas = {segments[k].id: escape(_delta(texts[k], segments[k].normalized)) for k in exceptions}
    return "".join(chr(k) + chr(v) for k, v in table.items()), deltas


def common_script_table(report: Report, side: str) -> CommonScript:
    """The common-script data of one side (``"a"`` or ``"b"``) as the page carries
    it: the character table (pairs of characters) and the escaped ``data-n`` deltas
    of the segments the table does not rebuild, by segment id.

    Independent of the rest of the page: it can be computed apart (in another
    process, say) and handed to ``render_html`` as ``common_script_tables={side: table}``.
    """
    k = "ab".index(side)
    return _common_script_of((report.segments_a, report.segments_b)[k], report.sources[k])
