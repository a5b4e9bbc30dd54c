"""Stage 4, segment: the converted view → sentences, headings, captions, boilerplate.

Cuts are chosen in the view (one paragraph per line) and mapped back through the
view's monotone map; the original is then *tiled* by those cuts, so segments
never overlap and every non-whitespace character of the original lands in
exactly one segment, whatever cleaning dropped or rewrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right

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
    pieces: list[tuple[int, int, int]] = []  # (view start, view end, paragraph)
    paragraph = 0
    line_start = 0
    for line_end in _line_ends(text):
        line = text[line_start:line_end]
        if line.strip():
            for start, end in _sentence_spans(line):
                pieces.append((line_start + start, line_start + end, paragraph))
            paragraph += 1
        line_start = line_end + 1
    return _tile(source, view, pieces, sorted(marks))


def _line_ends(text: str):
    """Yield the index of every "\\n" and finally ``len(text)``."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield len(text)
            return
        yield end
        start = end + 1


def _sentence_spans(line: str) -> list[tuple[int, int]]:
    """Return the sentence spans of one paragraph, together covering it."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        spans.extend(_cap_length(line, start, match.end()))
        start = match.end()
    if line[start:].strip():
        spans.extend(_cap_length(line, start, len(line)))
    elif spans:
        spans[-1] = (spans[-1][0], len(line))
    return spans


def _cap_length(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span longer than MAX_SEGMENT_CHARS at soft breaks (or hard, if none)."""
    spans = []
    while end - start > MAX_SEGMENT_CHARS:
        window = line[start + MAX_SEGMENT_CHARS // 2:start + MAX_SEGMENT_CHARS]
        breaks = [m.end() for m in _SOFT_BREAK.finditer(window)]
        cut = start + MAX_SEGMENT_CHARS // 2 + breaks[-1] if breaks else start + MAX_SEGMENT_CHARS
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _tile(source: Source, view: TextMap, pieces, marks) -> tuple[Segment, ...]:
    """Map view pieces to original cuts, tile the original and build segments."""
    original = source.text
    n = len(original)
    segments: list[Segment] = []
    mark_starts = [m[0] for m in marks]
    for k, (vstart, vend, paragraph) in enumerate(pieces):
        # Tiling: a piece owns the original from its own start (the first from 0)
        # up to the next piece's start (the last up to the end of the file).
        start = 0 if k == 0 else view.pos(vstart)
        end = n if k == len(pieces) - 1 else view.pos(pieces[k + 1][0])
        start, end = _trim(original, start, end)
        normalized = view.text[vstart:vend]
        lead = len(normalized) - len(normalized.lstrip())
        normalized = normalized.strip()
        if start >= end:
            continue
        if not normalized and segments:
            # Nothing left to match (e.g. only lost glyphs): it belongs to the sentence before.
            prev = segments[-1]
            segments[-1] = _replace_span(prev, original, prev.start, end)
            continue
        kind = _kind(original, start, end, normalized, marks, mark_starts, pieces, k)
        segments.append(Segment(
            id=f"{source.id}{len(segments)}", side=source.id, index=len(segments),
            paragraph=paragraph, start=start, end=end, text=original[start:end],
            normalized=normalized, kind=kind, norm_start=vstart + lead,
        ))
    if not segments and original.strip():
        start, end = _trim(original, 0, n)
        segments.append(Segment(f"{source.id}0", source.id, 0, 0, start, end,
                                original[start:end], "", "sentence", 0))
    return tuple(segments)


def _replace_span(segment: Segment, original: str, start: int, end: int) -> Segment:
    from dataclasses import replace

    return replace(segment, start=start, end=end, text=original[start:end])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` to exclude whitespace at both ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _kind(original, start, end, normalized, marks, mark_starts, pieces, k) -> str:
    """Kind from the cleaning marks; else a short unpunctuated whole line is a heading."""
    i = bisect_right(mark_starts, start) - 1
    for mark_start, mark_end, kind in marks[max(i, 0):i + 2]:
        overlap = min(end, mark_end) - max(start, mark_start)
        if overlap > 0 and overlap * 2 >= end - start:
            return kind
    whole_line = (
        (k == 0 or pieces[k - 1][2] != pieces[k][2])
        and (k == len(pieces) - 1 or pieces[k + 1][2] != pieces[k][2])
    )
    if whole_line and len(normalized) <= HEADING_MAX_CHARS and normalized.rstrip(_CLOSERS)[-1:] not in _END_PUNCTUATION:
        return "heading"
    return "sentence"
