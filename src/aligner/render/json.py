"""The JSON report, schema ``aligner-report/1`` (see ``aligner/schema/report.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Fact, Mention, Report, Segment, Source, SideInfo

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


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the report as plain JSON-ready data in the order of the schema."""
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": "aligner", "version": report.tool_version, "options": dict(report.options)},
        "sources": [_source(report.sources[0], report.info_a), _source(report.sources[1], report.info_b)],
        "segments": {"a": [_segment(s) for s in report.segments_a],
                     "b": [_segment(s) for s in report.segments_b]},
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


def render_json(report: Report) -> str:
    """Return the JSON report as text: schema key order, one line per section, newline at the end."""
    fields = []
    for key, value in report_to_dict(report).items():
        if key == "segments":
            sides = ",\n".join(f"  {_dump(side)}: {_dump(items)}" for side, items in value.items())
            fields.append(f" {_dump(key)}: {{\n{sides}\n }}")
        else:
            fields.append(f" {_dump(key)}: {_dump(value)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"
