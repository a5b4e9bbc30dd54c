"""Bylines and author lines that close (or open) the same link and differ: （李舸） /
（宋凤芝）, （本报珀斯1月16日电） / （本报珀斯5月16日电）.

Bylines are often cut off as their own (boilerplate, heading) segment, so the alignment
does not link them; they are found here by where they stand next to the links, and
their changed words are read as names (:func:`aligner.facts.changed.changed_name`) for
the comparison's byline pass.
"""

from __future__ import annotations

import re

from ..model import Side
from .changed import (
    NAME_LIKE,
    SHAPED,
    ChangedName,
    changed_name,
    is_common_word,
    is_han,
    same_in_mainland_usage,
)
from .tables import same_name

# One changed byline: (link, changed span in a, changed span in b, names or None).
BylineChange = tuple[int, tuple[int, int], tuple[int, int], tuple[ChangedName, ChangedName] | None]

# A byline or dateline in brackets, at the start or the end of a segment: （李舸）,
# （张滨作）, （据新华社电）, （本报珀斯1月16日电）.
_BYLINE_AT_START = re.compile(r"^\s*[(（](?P<inner>[^()（）\n]{2,20})[)）]")
_BYLINE_AT_END = re.compile(r"[(（](?P<inner>[^()（）\n]{2,20})[)）]\s*$")


# An author line: a short run of Han characters standing alone (郑超愚, 王琨董巍).
_AUTHOR_LINE = re.compile(r"(?:本报驻\w{1,6}记者)?(?P<inner>[\u4e00-\u9fff]{2,8})")


def _bylines(side: Side, in_link: list[int | None]) -> dict[tuple, list[tuple[int, int]]]:
    """Bylines and author lines of ``side`` by where they stand: key → view spans of their insides.

    A byline ends the text of the link before it: one at the end of a linked segment
    belongs to that link, one standing alone or opening an unlinked segment to the link
    of the segment before.  An unlinked author line stands after one link and before
    another, and is keyed by both.  Bylines are often cut off as their own
    (boilerplate, heading) segment, so the alignment does not link them; this is how
    they are still compared.
    """
    found: dict[tuple, list[tuple[int, int]]] = {}
    for k, seg in enumerate(side.segments):
        text = seg.normalized
        linked = in_link[k]
        if linked is not None and text.rstrip()[-1:] not in ")）":
            continue  # no byline can end it: the cheap test first, most segments are linked
        before = in_link[k - 1] if k else None
        after = in_link[k + 1] if k + 1 < len(side.segments) else None
        lead = 0  # spaces before an author line
        m = _BYLINE_AT_END.search(text) if linked is not None else None
        keys = [("end", linked)]
        if m is None and linked is None:
            m, keys = _BYLINE_AT_START.match(text), [("end", before)]
            if m is None:
                lead = len(text) - len(text.lstrip())
                m, keys = _AUTHOR_LINE.fullmatch(text.strip()), [("end", before), ("start", after)]
        for key in keys:
            if m is not None and key[1] is not None:
                start = seg.norm_start + lead + m.start("inner")
                found.setdefault(key, []).append((start, start + len(m["inner"])))
    return found


def _changed_middle(text_a: str, text_b: str) -> tuple[int, int, int, int]:
    """The differing middle of two short texts: (start, end in a, start, end in b)."""
    head = 0
    while head < min(len(text_a), len(text_b)) and text_a[head] == text_b[head]:
        head += 1
    tail = 0
    while (tail < min(len(text_a), len(text_b)) - head
           and text_a[len(text_a) - 1 - tail] == text_b[len(text_b) - 1 - tail]):
        tail += 1
    return head, len(text_a) - tail, head, len(text_b) - tail


def _byline_name(text: str, span: tuple[int, int], persons: frozenset[str]) -> ChangedName | None:
    """The name of a byline's changed words, as :func:`changed_name` reads it; in a byline
    any two to six Han characters may be a name (微软 in （微软北京1月28日电））."""
    if span[1] <= span[0]:
        return None
    name = changed_name(text, *span, persons)
    words = text[span[0]:span[1]]
    if name is None and 2 <= len(words) <= 6 and all(map(is_han, words)) and not is_common_word(words):
        return span[0], span[1], None, NAME_LIKE
    return name


def byline_changes(sides: dict[str, Side], in_link: dict[str, list[int | None]],
                   persons: frozenset[str]) -> list[BylineChange]:
    """Bylines closing the same link that differ (（李舸） / （宋凤芝）): per such pair,
    ``(link, changed span in a, changed span in b, names)``, in view offsets.

    ``names`` is the changed words read as two different names on both sides, one of
    them by list or shape (each as :func:`changed_name` gives it), or None.  Depends on
    the links and the texts only, so it may be read in another process
    (:func:`aligner.facts.read_side_b`).
    """
    views = {side: sides[side].view.text for side in ("a", "b")}
    bylines = {side: _bylines(sides[side], in_link[side]) for side in ("a", "b")}
    changes = []
    for key, spans_a in bylines["a"].items():
        link, spans_b = key[1], bylines["b"].get(key)
        if not spans_b or len(spans_a) != 1 or len(spans_b) != 1:
            continue
        (a0, a1), (b0, b1) = spans_a[0], spans_b[0]
        if views["a"][a0:a1] == views["b"][b0:b1]:
            continue
        s_a, e_a, s_b, e_b = _changed_middle(views["a"][a0:a1], views["b"][b0:b1])
        span_a, span_b = (a0 + s_a, a0 + e_a), (b0 + s_b, b0 + e_b)
        changes.append((link, span_a, span_b, _changed_names(sides, span_a, span_b, persons)))
    return changes


def _changed_names(sides: dict[str, Side], span_a: tuple[int, int], span_b: tuple[int, int],
                   persons: frozenset[str]) -> tuple[ChangedName, ChangedName] | None:
    """The changed words of two bylines read as two different names, one of them by list
    or shape (each as :func:`_byline_name` reads it), or None."""
    views = {side: sides[side].view.text for side in ("a", "b")}
    names = tuple(_byline_name(views[side], span, persons) for side, span in (("a", span_a), ("b", span_b)))
    if None in names or max(names[0][3], names[1][3]) < SHAPED:
        return None
    (n_a0, n_a1, _, _), (n_b0, n_b1, _, _) = names
    if (same_name(views["a"][n_a0:n_a1], views["b"][n_b0:n_b1])
            or same_in_mainland_usage(sides, (n_a0, n_a1), (n_b0, n_b1))):
        return None
    return names
