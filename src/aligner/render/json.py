"""The JSON report, schema ``aligner-report/1`` (see ``aligner/schema/report.schema.json``)."""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string
from typing import Any, Sequence

from ..model import Fact, Mention, Report, Segment, SideInfo, Source

SCHEMA_ID = "aligner-report/1"
# 1.1 adds fields only: how a web page or PDF was read, and the text it gave; a link's basis;
# a figure's claim (measure, approx, cutoff, attribution) and the fact statuses update and rounding.
SCHEMA_ID_READ = "aligner-report/1.1"


# 1.1 fields of a fact's mention: the figure read as a claim.
CLAIM_FIELDS = ("measure", "approx", "cutoff", "attribution")
# 1.1 statuses of a fact: a later count (update), an approximate value holding the exact one (rounding).
CLAIM_STATUSES = ("update", "rounding")


def schema_id(report: Report) -> str:
    """The schema version a report needs: 1.1 as soon as it carries a 1.1 field or status."""
    return (SCHEMA_ID_READ if any(source.document is not None for source in report.sources)
            or any(link.basis != "text" for link in report.links)
            or any(_has_claim_fields(fact) for fact in report.facts) else SCHEMA_ID)


def _has_claim_fields(fact: Fact) -> bool:
    return fact.status in CLAIM_STATUSES or any(
        mention is not None and any(getattr(mention, name) is not None for name in CLAIM_FIELDS)
        for mention in (fact.a, fact.b))


def source_dict(source: Source, info: SideInfo) -> dict[str, Any]:
    """A source as the report lists it (the same in every schema version)."""
    return {
        "id": source.id,
        "path": source.path,
        "encoding": source.encoding,
        "script": source.script,
        "sha256": source.sha256,
        "chars": source.chars,
        "bytes": source.size,
        "decode_errors": {"count": len(source.replaced), "offsets": list(source.replaced)},
        "lost_glyphs": [{"start": s, "end": e} for s, e in info.lost_glyphs],
        "repairs": [{"name": r.name, "count": r.count} for r in info.repairs],
        **_document(source),
    }


def _document(source: Source) -> dict[str, Any]:
    """The 1.1 fields of a source read from a web page or PDF (none for plain text)."""
    document = source.document
    if document is None:
        return {}
    metadata = document.metadata
    return {
        "format": document.format,
        "reader": document.reader,
        "metadata": {"title": metadata.title, "author": metadata.author, "date": metadata.date,
                     "site": metadata.site, "pages": metadata.pages},
        "page_starts": list(document.page_starts),
        "dropped": [{"kind": d.kind, "count": d.count, "chars": d.chars, "sample": list(d.sample),
                     "pages": list(d.pages)} for d in document.dropped],
        "text": source.text,
    }


def pages_of(source: Source):
    """``page_at(offset)`` for a paged source (PDF), else None."""
    document = source.document
    return document.page_at if document is not None and document.page_starts else None


def segment_dict(segment: Segment, page_at=None) -> dict[str, Any]:
    out = {
        "id": segment.id,
        "paragraph": segment.paragraph,
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "normalized": segment.normalized,
        "kind": segment.kind,
    }
    if page_at is not None:
        out["page"] = page_at(segment.start)
    return out


def mention_dict(mention: Mention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    out = {"start": mention.start, "end": mention.end, "text": mention.text, "value": mention.value}
    for name in CLAIM_FIELDS:  # 1.1: present when said
        if getattr(mention, name) is not None:
            out[name] = getattr(mention, name)
    return out


def _fact(fact: Fact) -> dict[str, Any]:
    out = {"kind": fact.kind, "status": fact.status, "a": mention_dict(fact.a), "b": mention_dict(fact.b),
           "link": fact.link}
    if fact.note:
        out["note"] = fact.note
    return out


def report_to_dict(report: Report, *, with_segments: bool = True) -> dict[str, Any]:
    """Return the report as plain JSON-ready data in the order of the schema.

    Without segments, ``"segments"`` holds ``None`` at its place (for
    :func:`render_json`, which writes them itself).
    """
    return {
        "schema": schema_id(report),
        "tool": {"name": "aligner", "version": report.tool_version, "options": dict(report.options)},
        "sources": [source_dict(report.sources[0], report.info_a), source_dict(report.sources[1], report.info_b)],
        "segments": {side.id: [segment_dict(s, pages_of(side)) for s in segments]
                     for side, segments in zip(report.sources, (report.segments_a, report.segments_b))}
        if with_segments else None,
        "links": [
            {
                "a": list(link.a), "b": list(link.b), "status": link.status,
                "score": link.score, "moved": link.moved,
                **({"basis": link.basis} if link.basis != "text" else {}),
                **({"clause": {"side": link.clause[0], "start": link.clause[1], "end": link.clause[2]}}
                   if link.clause is not None else {}),
                "edits": [{"op": e.op, "a": {"start": e.a[0], "end": e.a[1]},
                           "b": {"start": e.b[0], "end": e.b[1]}} for e in link.edits],
            }
            for link in report.links
        ],
        "only": {"a": list(report.only_a), "b": list(report.only_b)},
        "facts": [_fact(f) for f in report.facts],
        "summary": report.summary,
    }


# Without indent the json module uses its C encoder: each section is dumped in
# one call and put on a line of its own (segments, links, facts: one line each),
# which keeps a 1M-character report fast and a changed section easy to spot.
dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def segments_json(segments: Sequence[Segment], page_at=None) -> str:
    """``dump([_segment(s) for s in segments])``, written directly.

    Segments are most of a report (~47,000 for 1,000,000 + 1,000,000 characters):
    one format string per segment, with strings escaped by the json module's own
    C function, takes two thirds of the time of building dicts for the encoder.
    Their numbers are ints, which print as JSON prints them.
    """
    if page_at is not None:   # a PDF's segments say their page (rare: the general way)
        return dump([segment_dict(s, page_at) for s in segments])
    return "[" + ",".join([
        f'{{"id":{_string(s.id)},"paragraph":{s.paragraph:d},"start":{s.start:d},"end":{s.end:d},'
        f'"text":{_string(s.text)},"normalized":{_string(s.normalized)},"kind":{_string(s.kind)}}}'
        for s in segments
    ]) + "]"


def render_json(report: Report) -> str:
    """Return the JSON report as text: schema key order, one line per section, newline at the end."""
    segments = {side.id: segments_json(segments, pages_of(side))
                for side, segments in zip(report.sources, (report.segments_a, report.segments_b))}
    return write_sections(report_to_dict(report, with_segments=False), segments)


def write_sections(data: dict[str, Any], segments: dict[str, str]) -> str:
    """``data`` as JSON text, one line per section, with ``segments`` (JSON text by source) in its place."""
    pieces = ["{\n"]
    for key, value in data.items():
        if key == "segments":
            pieces += [" ", dump(key), ": {\n",
                       ",\n".join(f"  {dump(side)}: {items}" for side, items in segments.items()), "\n }"]
        else:
            pieces += [" ", dump(key), ": ", dump(value)]
        pieces.append(",\n")
    pieces[-1] = "\n}\n"
    return "".join(pieces)
