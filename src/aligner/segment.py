"""Stage 4, segment: the converted view → sentences, headings, captions, boilerplate.

Cuts are chosen in the view (one paragraph per line) and mapped back through the
view's monotone map; the original is then *tiled* by those cuts, so segments
never overlap and every non-whitespace character of the original lands in
exactly one segment, whatever cleaning dropped or rewrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from .model import Segment, Source
from .textmap import TextMap

# A sentence ends at a run of terminators, with the closing quotes and brackets
# that belong to it ("……。”" stays with its sentence).  A Western full stop ends
# a sentence only before a space or the line end, so 1.9 and e.g. do not split.
_SENTENCE_END = re.compile(
    r"""(?:[。！？!?]+|…{1,2}|\.(?=\s|$))[”’」』）)\]"'》]*""",
    re.MULTILINE,
)
_END_PUNCTUATION = set("。！？!?…；;.")
_CLOSERS = "”’」』）)]\"'》"
HEADING_MAX_CHARS = 40
# Very long stretches without punctuation are cut so that diffs stay affordable.
MAX_SEGMENT_CHARS = 1000
_SOFT_BREAK = re.compile(r"[，,、：:；;\s]")


def segment(source: Source, view: TextMap, marks=()) -> tuple[Segment, ...]:
    """Split ``view`` (converted text mapped to ``source.text``) into segments.

    ``marks`` are ``(start, end, kind)`` spans of the original that label whole
    paragraphs (boilerplate / heading / caption).  Returns the segments of the
    source in reading order, ids ``{side}{index}``.
    """
    text = view.text
    # One regex pass over the whole text; lines then pick their sentence ends by bisection.
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    pieces: list[tuple[int, int, int]] = []  # (view start, view end, paragraph)
    paragraph = 0
    line_start = 0
    for line_end in _line_ends(text):
        if line_end > line_start and not text[line_start:line_end].isspace():
            first = bisect_right(sentence_ends, line_start)
            last = bisect_right(sentence_ends, line_end)
            start = line_start
            for end in sentence_ends[first:last]:
                pieces.extend(_cap_length(text, start, end, paragraph))
                start = end
            if start < line_end and not text[start:line_end].isspace():
                pieces.extend(_cap_length(text, start, line_end, paragraph))
            elif start > line_start:
                # Trailing spaces after the last sentence belong to it.
                last_start, _, _ = pieces[-1]
                pieces[-1] = (last_start, line_end, paragraph)
            paragraph += 1
        line_start = line_end + 1
    return _tile(source, view, pieces, sorted(marks))


def _line_ends(text: str):
    """Yield the index of every "\n" and finally ``len(text)``."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield len(text)
            return
        yield end
        start = end + 1


def _cap_length(text: str, start: int, end: int, paragraph: int) -> list[tuple[int, int, int]]:
    """Cut a span longer than MAX_SEGMENT_CHARS at soft breaks (or hard, if none)."""
    spans = []
    while end - start > MAX_SEGMENT_CHARS:
        window = text[start + MAX_SEGMENT_CHARS // 2:start + MAX_SEGMENT_CHARS]
        breaks = [m.end() for m in _SOFT_BREAK.finditer(window)]
        cut = start + MAX_SEGMENT_CHARS // 2 + breaks[-1] if breaks else start + MAX_SEGMENT_CHARS
        spans.append((start, cut, paragraph))
        start = cut
    spans.append((start, end, paragraph))
    return spans


def _tile(source: Source, view: TextMap, pieces, marks) -> tuple[Segment, ...]:
    """Map view pieces to original cuts, tile the original and build segments."""
    original = source.text
    side = source.id
    # Tiling: a piece owns the original from its own start (the first from 0) up to
    # the next piece's start (the last up to the end of the file).
    cuts = [0] + [view.pos(p[0]) for p in pieces[1:]] + [len(original)]
    mark_starts = [m[0] for m in marks]
    segments: list[Segment] = []
    for k, (vstart, vend, paragraph) in enumerate(pieces):
        chunk = original[cuts[k]:cuts[k + 1]]
        body = chunk.strip()
        if not body:
            continue
        start = cuts[k] + len(chunk) - len(chunk.lstrip())
        end = start + len(body)
        normalized = view.text[vstart:vend]
        lead = len(normalized) - len(normalized.lstrip())
        normalized = normalized.strip()
        if not normalized and segments:
            # Nothing left to match (e.g. only lost glyphs): it belongs to the sentence before.
            prev = segments[-1]
            segments[-1] = replace(prev, end=end, text=original[prev.start:end])
            continue
        whole_line = ((k == 0 or pieces[k - 1][2] != paragraph)
                      and (k + 1 == len(pieces) or pieces[k + 1][2] != paragraph))
        kind = _kind(start, end, normalized, whole_line, marks, mark_starts)
        index = len(segments)
        segments.append(Segment(f"{side}{index}", side, index, paragraph, start, end, body,
                                normalized, kind, vstart + lead))
    if not segments and original.strip():
        # Cleaning left nothing to match (only lost glyphs, say): the text is still reported.
        chunk = original.strip()
        start = len(original) - len(original.lstrip())
        segments.append(Segment(f"{side}0", side, 0, 0, start, start + len(chunk), chunk, "", "sentence", 0))
    return tuple(segments)


def _kind(start: int, end: int, normalized: str, whole_line: bool, marks, mark_starts) -> str:
    """Kind from the cleaning marks; else a short unpunctuated whole line is a heading."""
    if marks:
        i = bisect_right(mark_starts, start) - 1
        for mark_start, mark_end, kind in marks[max(i, 0):i + 2]:
            overlap = min(end, mark_end) - max(start, mark_start)
            if overlap > 0 and overlap * 2 >= end - start:
                return kind
    if (whole_line and len(normalized) <= HEADING_MAX_CHARS
            and normalized.rstrip(_CLOSERS)[-1:] not in _END_PUNCTUATION):
        return "heading"
    return "sentence"
