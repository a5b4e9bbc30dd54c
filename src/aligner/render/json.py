"""The JSON report, schema ``aligner-report/1`` (see ``aligner/schema/report.schema.json``)."""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string
from typing import Any, Sequence

from ..model import Fact, Mention, Report, Segment, SideInfo, Source

SCHEMA_ID = "aligner-report/1"


def _source(source: Source, info: SideInfo) -> dict[str, Any]:
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
    }


def _segment(segment: Segment) -> dict[str, Any]:
    return {
        "id": segment.id,
        "paragraph": segment.paragraph,
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "normalized": segment.normalized,
        "kind": segment.kind,
    }


def _mention(mention: Mention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    return {"start": mention.start, "end": mention.end, "text": mention.text, "value": mention.value}


def _fact(fact: Fact) -> dict[str, Any]:
    out = {"kind": fact.kind, "status": fact.status, "a": _mention(fact.a), "b": _mention(fact.b),
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
        "schema": SCHEMA_ID,
        "tool": {"name": "aligner", "version": report.tool_version, "options": dict(report.options)},
        "sources": [_source(report.sources[0], report.info_a), _source(report.sources[1], report.info_b)],
        "segments": {"a": [_segment(s) for s in report.segments_a],
                     "b": [_segment(s) for s in report.segments_b]} if with_segments else None,
        "links": [
            {
                "a": list(link.a), "b": list(link.b), "status": link.status,
                "score": link.score, "moved": link.moved,
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
_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _segments_json(segments: Sequence[Segment]) -> str:
    """``_dump([_segment(s) for s in segments])``, written directly.

    Segments are most of a report (~47,000 for 1,000,000 + 1,000,000 characters):
    one format string per segment, with strings escaped by the json module's own
    C function, takes two thirds of the time of building dicts for the encoder.
    Their numbers are ints, which print as JSON prints them.
    """
    return "[" + ",".join([
        f'{{"id":{_string(s.id)},"paragraph":{s.paragraph:d},"start":{s.start:d},"end":{s.end:d},'
        f'"text":{_string(s.text)},"normalized":{_string(s.normalized)},"kind":{_string(s.kind)}}}'
        for s in segments
    ]) + "]"


def render_json(report: Report) -> str:
    """Return the JSON report as text: schema key order, one line per section, newline at the end."""
    data = report_to_dict(report, with_segments=False)
    segments = {"a": _segments_json(report.segments_a), "b": _segments_json(report.segments_b)}
    pieces = ["{\n"]
    for key, value in data.items():
        if key == "segments":
            pieces += [" ", _dump(key), ": {\n",
                       ",\n".join(f"  {_dump(side)}: {items}" for side, items in segments.items()), "\n }"]
        else:
            pieces += [" ", _dump(key), ": ", _dump(value)]
        pieces.append(",\n")
    pieces[-1] = "\n}\n"
    return "".join(pieces)
