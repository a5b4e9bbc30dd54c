"""What must hold for every report, whatever the input: shared by the property tests and the fuzzer.

Each check takes a :class:`~aligner.model.Report` (and the original texts where
needed) and raises ``AssertionError`` naming the broken promise and the offending
segment, so that a failure reads as a bug report.
"""

from __future__ import annotations

from collections import Counter

from aligner.model import Report, Segment
from aligner.render import render_html, render_json

# Payloads that must never reach the HTML unescaped (the fuzzer plants them in inputs).
HOSTILE_MARKUP = (
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "</textarea>",
    "x\"'&y",
)


def check_report(report: Report) -> None:
    """Run every single-report check: tiling, link membership, edit and fact spans, decode errors."""
    for source, segments in zip(report.sources, (report.segments_a, report.segments_b)):
        check_tiling(source.text, segments)
        for offset in source.replaced:
            assert source.text[offset] == "\ufffd", f"decode error offset {offset} is not a U+FFFD"
    check_membership(report)
    check_edits(report)
    check_facts(report)


def check_tiling(original: str, segments: tuple[Segment, ...]) -> None:
    """Segments are in order, do not overlap, equal their slice and cover every non-space character."""
    covered_to = 0
    for segment in segments:
        where = f"segment {segment.id} [{segment.start}:{segment.end}]"
        assert 0 <= segment.start < segment.end <= len(original), f"{where} is empty or outside the text"
        assert segment.start >= covered_to, f"{where} overlaps or precedes the segment before it"
        assert original[segment.start:segment.end] == segment.text, f"{where} text is not the original slice"
        gap = original[covered_to:segment.start]
        assert not gap.strip(), f"characters {gap.strip()[:20]!r} before {where} are in no segment"
        covered_to = segment.end
    tail = original[covered_to:]
    assert not tail.strip(), f"characters {tail.strip()[:20]!r} at the end are in no segment"
    ids = [segment.id for segment in segments]
    assert len(set(ids)) == len(ids), "segment ids repeat"


def check_membership(report: Report) -> None:
    """Every content segment is in exactly one link or in ``only``; boilerplate is never in
    ``only`` and in at most one link (align links it only when it has a counterpart)."""
    for side, segments, only in (("a", report.segments_a, report.only_a), ("b", report.segments_b, report.only_b)):
        linked: dict[str, int] = {}
        for link in report.links:
            for segment_id in getattr(link, side):
                linked[segment_id] = linked.get(segment_id, 0) + 1
        one_sided = set(only)
        known = {segment.id: segment for segment in segments}
        unknown = (set(linked) | one_sided) - set(known)
        assert not unknown, f"links or only_{side} name unknown segments {sorted(unknown)[:5]}"
        assert len(one_sided) == len(only), f"only_{side} lists a segment twice"
        for segment in segments:
            count = linked.get(segment.id, 0)
            if segment.is_content:
                count += segment.id in one_sided
                assert count == 1, f"content segment {segment.id} is in {count} links/only lists, not 1"
            else:
                assert segment.id not in one_sided, f"boilerplate segment {segment.id} is in only_{side}"
                assert count <= 1, f"boilerplate segment {segment.id} is in {count} links"


def check_edits(report: Report) -> None:
    """Edit spans lie within the extent of the segments their link joins."""
    segments = {s.id: s for s in report.segments_a + report.segments_b}
    for number, link in enumerate(report.links):
        for side in ("a", "b"):
            linked = [segments[i] for i in getattr(link, side)]
            low, high = min(s.start for s in linked), max(s.end for s in linked)
            for edit in link.edits:
                start, end = getattr(edit, side)
                assert low <= start <= end <= high, (
                    f"link {number} edit {edit.op} {side}[{start}:{end}] is outside its segments [{low}:{high}]"
                )


def check_facts(report: Report) -> None:
    """Every fact mention's text is the original slice it points at."""
    for fact in report.facts:
        for source, mention in zip(report.sources, (fact.a, fact.b)):
            if mention is not None:
                assert source.text[mention.start:mention.end] == mention.text, (
                    f"{fact.kind} mention [{mention.start}:{mention.end}] {mention.text!r} "
                    f"is not the original slice {source.text[mention.start:mention.end]!r}"
                )


def link_pairs(report: Report, *, swapped: bool = False) -> set[tuple[frozenset, frozenset]]:
    """Links as (a ids, b ids) sets; ``swapped`` renames sides for a report made with the inputs swapped."""
    def rename(ids):
        return frozenset(("b" if i[0] == "a" else "a") + i[1:] for i in ids) if swapped else frozenset(ids)

    pairs = {(rename(link.a), rename(link.b)) for link in report.links}
    return {(b, a) for a, b in pairs} if swapped else pairs


def check_swap(report_ab: Report, report_ba: Report) -> None:
    """Swapping the inputs swaps the sides and keeps the same links.

    Links are compared by segment ids; where they differ, only by the exchange of
    segments with identical text (a sentence repeated on one side can pair with
    either copy, and both answers are the same alignment).
    """
    forward, backward = link_pairs(report_ab), link_pairs(report_ba, swapped=True)
    if forward == backward:
        return
    texts = {s.id: s.normalized for s in report_ab.segments_a + report_ab.segments_b}

    def as_text(pairs):
        return Counter((tuple(sorted(texts[i] for i in a)), tuple(sorted(texts[j] for j in b))) for a, b in pairs)

    assert as_text(forward) == as_text(backward), (
        f"links differ when the inputs are swapped: only forward {sorted(map(_show, forward - backward))[:3]}, "
        f"only swapped {sorted(map(_show, backward - forward))[:3]}"
    )


def _show(pair) -> str:
    return f"{sorted(pair[0])}~{sorted(pair[1])}"


def check_escaped(html: str) -> None:
    """No hostile payload from the inputs appears in the HTML as raw markup."""
    for payload in HOSTILE_MARKUP:
        assert payload not in html, f"{payload!r} reached the HTML unescaped"


def rendered(report: Report) -> tuple[str, str]:
    """Return ``(json, html)`` for ``report``."""
    return render_json(report), render_html(report)
