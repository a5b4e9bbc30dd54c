"""The changed spans of a replace edit narrowed to the slot of one name, before they are
read as names (:mod:`aligner.facts.changed`): a sentence inserted next to a changed name, or
a word reworded next to it, is no part of it.
"""

from __future__ import annotations

from .tables import common_words

# The longest name read in a changed span.
NAME_LONGEST = 8
# Clause punctuation of the view (full-width commas are folded to ASCII ones).
CLAUSE_MARKS = frozenset(",;:、。!?，；：！？")
# The longest common word taken off an edit's end (认为 → 觉得 next to a changed name).
REWORDED_LONGEST = 4


def narrowed_to_one_slot(texts: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The two changed view spans of a replace edit (of ``texts`` a and b), narrowed to
    one name's slot by :func:`one_clause` and :func:`without_reworded_words`."""
    return without_reworded_words(texts, one_clause(texts, spans))


def one_clause(texts: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The two changed spans of a replace edit, the one reaching over clause marks cut to
    the clause at one of its ends when the other holds none: a sentence inserted next to a
    changed name is no part of it (大企业在发展韩国经济中的作用有目共睹,毛明轩 / 戴碧蓉 is
    毛明轩 / 戴碧蓉).  The clause is the edge one of a name's length; when neither or both
    edge clauses are, the spans stay."""
    marked = [any(char in CLAUSE_MARKS for char in text[start:end]) for text, (start, end) in zip(texts, spans)]
    if marked[0] == marked[1]:
        return spans
    side = 0 if marked[0] else 1
    text, (start, end) = texts[side], spans[side]
    first = next(i for i in range(start, end) if text[i] in CLAUSE_MARKS)
    last = next(i for i in range(end - 1, start - 1, -1) if text[i] in CLAUSE_MARKS)
    edges = [(a, b) for a, b in ((start, first), (last + 1, end)) if 2 <= b - a <= NAME_LONGEST]
    if len(edges) != 1:
        return spans
    return [edges[0], spans[1]] if side == 0 else [spans[0], edges[0]]


def without_reworded_words(texts: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The two changed spans of a replace edit less a word reworded at the same end of
    both (认为老童 / 觉得任震宇 is 老童 / 任震宇): two different common words, leaving 2 to
    ``NAME_LONGEST`` characters on each side."""
    for end in (0, 1):
        sizes = [_common_word_at(text, span, end) for text, span in zip(texts, spans)]
        rest = [_rest(span, size, end) for span, size in zip(spans, sizes)]
        taken = [(span[0], left[0]) if end == 0 else (left[1], span[1]) for span, left in zip(spans, rest)]
        differ = texts[0][slice(*taken[0])] != texts[1][slice(*taken[1])]
        if 0 not in sizes and differ and all(2 <= stop - start <= NAME_LONGEST for start, stop in rest):
            spans = rest
    return spans


def _common_word_at(text: str, span: tuple[int, int], end: int) -> int:
    """The length of the longest common word at the start (``end`` 0) or the end (1) of
    ``text[span]``, shorter than it; 0 when none."""
    start, stop = span
    for size in range(min(REWORDED_LONGEST, stop - start - 1), 1, -1):
        word = text[start:start + size] if end == 0 else text[stop - size:stop]
        if word in common_words():
            return size
    return 0


def _rest(span: tuple[int, int], size: int, end: int) -> tuple[int, int]:
    return (span[0] + size, span[1]) if end == 0 else (span[0], span[1] - size)


def changed_middle(text_a: str, text_b: str) -> tuple[int, int, int, int]:
    """The differing middle of two short texts: (start, end in a, start, end in b)."""
    head = 0
    while head < min(len(text_a), len(text_b)) and text_a[head] == text_b[head]:
        head += 1
    tail = 0
    while (tail < min(len(text_a), len(text_b)) - head
           and text_a[len(text_a) - 1 - tail] == text_b[len(text_b) - 1 - tail]):
        tail += 1
    return head, len(text_a) - tail, head, len(text_b) - tail
