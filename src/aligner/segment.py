"""Stage 4, segment: the converted view → sentences, headings, captions, boilerplate.

Cuts are chosen in the view (one paragraph per line) and mapped back through the
view's monotone map; the original is then *tiled* by those cuts, so segments
never overlap and every non-whitespace character of the original lands in
exactly one segment, whatever cleaning dropped or rewrote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import compress, repeat
from operator import add, sub

from .model import Segment, Source
from .punctuation import OPENING, SEGMENT_CLOSING, looks_like_heading
from .textmap import TextMap

# A sentence ends at a run of terminators, with the closing quotes and brackets
# that belong to it ("……。”" stays with its sentence).  A Western full stop ends
# a sentence only before a space or the line end, so 1.9 and e.g. do not split.
# That is ``(?:[。！？!?]+|…{1,2}|\.(?=\s|$))`` and the closers, written to start
# with one character class and to branch on the character it took (lookbehind):
# ``re`` then skips in C to the places where that class matches, where with an
# alternation first it would try the pattern at every position.
_SENTENCE_END = re.compile(
    r"""[。！？!?….](?:(?<=[。！？!?])[。！？!?]*|(?<=…)…?|(?<=\.)(?=\s|$))"""
    f"[{''.join(map(re.escape, SEGMENT_CLOSING))}]*",
    re.MULTILINE,
)
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
                if end - start <= MAX_SEGMENT_CHARS:
                    pieces.append((start, end, paragraph))
                else:
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
    """Map view pieces to original cuts, tile the original and build segments.

    Works list by list (slices, strips and sums mapped over all pieces at once,
    in C, and the segments built by one ``map``); only the grouping of pieces
    without words with their neighbours is a loop.
    """
    original = source.text
    side = source.id
    if not pieces:
        return _whole_text_segment(side, original)
    view_starts, view_ends, paragraphs = map(list, zip(*pieces))
    # Tiling: a piece owns the original from its own start (the first from 0) up to
    # the next piece's start (the last up to the end of the file).
    cuts = [0, *map(view.boundaries().__getitem__, view_starts[1:]), len(original)]
    chunks = list(map(original.__getitem__, map(slice, cuts, cuts[1:])))
    bodies = list(map(str.strip, chunks))
    starts = list(map(add, cuts, map(sub, map(len, chunks), map(len, map(str.lstrip, chunks)))))
    ends = list(map(add, starts, map(len, bodies)))
    views = list(map(view.text.__getitem__, map(slice, view_starts, view_ends)))
    normalized = list(map(str.strip, views))
    norm_starts = list(map(add, view_starts, map(sub, map(len, views), map(len, map(str.lstrip, views)))))
    # A piece is a whole line when its neighbours belong to other paragraphs.
    whole_lines = [paragraph != before and paragraph != after
                   for before, paragraph, after in zip([None] + paragraphs, paragraphs, paragraphs[1:] + [None])]
    kinds = _kinds(starts, ends, normalized, whole_lines, marks)
    firsts, lasts, leads = _groups(bodies, normalized)
    if not firsts:
        return _whole_text_segment(side, original)
    if firsts is lasts:  # no piece joined another
        texts = list(map(normalized.__getitem__, firsts))
    else:
        view_text = view.text
        texts = [normalized[first] if first == last
                 else view_text[norm_starts[first]:norm_starts[last] + len(normalized[last])].rstrip()
                 for first, last in zip(firsts, lasts)]
    count = len(firsts)
    segment_starts = list(map(starts.__getitem__, firsts))
    segment_ends = list(map(ends.__getitem__, lasts))
    return tuple(map(Segment, [f"{side}{index}" for index in range(count)], repeat(side, count), range(count),
                     list(map(paragraphs.__getitem__, leads)), segment_starts, segment_ends,
                     list(map(original.__getitem__, map(slice, segment_starts, segment_ends))), texts,
                     list(map(kinds.__getitem__, leads)), list(map(norm_starts.__getitem__, firsts))))


# A letter, a digit or an ideograph: anything but punctuation, symbols and spaces.
_WORD = re.compile(r"[^\W_]")


def _groups(bodies: list[str], normalized: list[str]) -> tuple[list[int], list[int], list[int]]:
    """Group the pieces into segments: for each, its first piece, its last piece,
    and the piece it reads as (the one with words); the same list thrice when
    no piece joins another.

    Pieces with nothing of the original (only white space) are skipped.  A piece
    with no words (punctuation only: a closing quote or a full stop wrapped onto
    a line of its own, ``＊＊＊``, or only lost glyphs) never stands alone: a run
    of them joins the segment before it, but for the opening marks that end the
    run (``（``, ``“``), which join the segment after it; with no segment on one
    side, the run joins the other.
    """
    present = list(compress(range(len(bodies)), bodies))
    words = list(map(_WORD.search, map(normalized.__getitem__, present)))
    if all(words):  # the usual case: every piece stands alone
        return present, present, present
    leads = list(compress(present, words))
    if not leads:  # punctuation only: one segment
        return ([present[0]], [present[-1]], [present[0]]) if present else ([], [], [])
    firsts, lasts = list(leads), list(leads)
    position = 0
    while position < len(present):
        if words[position]:
            position += 1
            continue
        end = position
        while end < len(present) and not words[end]:
            end += 1
        run = present[position:end]
        # The opening marks at the end of the run go with what follows.
        split = len(run)
        while split and normalized[run[split - 1]] and all(c in OPENING for c in normalized[run[split - 1]]):
            split -= 1
        after = bisect_right(leads, run[0])  # the segment after the run
        if after == len(leads):
            split = len(run)
        elif after == 0:
            split = 0
        if split:
            lasts[after - 1] = run[split - 1]
        if split < len(run):
            firsts[after] = run[split]
        position = end
    return firsts, lasts, leads


def _whole_text_segment(side: str, original: str) -> tuple[Segment, ...]:
    """Cleaning left nothing to match (only lost glyphs, say): the text is still reported."""
    chunk = original.strip()
    if not chunk:
        return ()
    start = len(original) - len(original.lstrip())
    return (Segment(f"{side}0", side, 0, 0, start, start + len(chunk), chunk, "", "sentence", 0),)


def _kinds(starts: list[int], ends: list[int], normalized: list[str], whole_lines: list[bool],
           marks) -> list[str]:
    """The kind of each piece: from the cleaning marks; else a short unpunctuated
    whole line is a heading, anything else a sentence.

    A piece takes the kind of the first of two marks (the last starting at or
    before it, and the next) that covers at least half of it.  Marks are few:
    each looks up the pieces it overlaps, rather than every piece looking
    up the marks.
    """
    kinds: list[str | None] = [None] * len(starts)
    mark_starts = [mark[0] for mark in marks]
    for k, (mark_start, mark_end, kind) in enumerate(marks):
        for p in range(bisect_right(ends, mark_start), bisect_left(starts, mark_end)):
            start, end = starts[p], ends[p]
            overlap = min(end, mark_end) - max(start, mark_start)
            if kinds[p] is None and overlap > 0 and overlap * 2 >= end - start:
                before = bisect_right(mark_starts, start) - 1  # the last mark starting at or before the piece
                if max(before, 0) <= k <= before + 1:
                    kinds[p] = kind
    return [kind or ("heading" if whole_line and looks_like_heading(text, SEGMENT_CLOSING) else "sentence")
            for kind, whole_line, text in zip(kinds, whole_lines, normalized)]
