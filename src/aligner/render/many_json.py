"""The JSON report of two or more sources, schema ``aligner-report/2``
(see ``aligner/schema/report-2.schema.json``).

Written like the two-source report (``aligner-report/1``): schema key order, each
section on a line of its own (each source's segments on one line), strings as the
json module escapes them.  A report of two sources in this schema says what its
``/1`` report says (the tests check it): ``groups`` are the links, each with the
two parts, ``edits`` spans of the base (source a) and of the part (source b).
"""

from __future__ import annotations

from typing import Any, Sequence

from ..many_model import FactRow, Group, ManyReport, PairSummary
from .json import mention_dict, pages_of, segment_dict, segments_json, source_dict, write_sections

SCHEMA_ID = "aligner-report/2"


def _group(group: Group) -> dict[str, Any]:
    return {
        "base": group.base,
        "status": group.status,
        "parts": [
            {"source": part.source, "segments": list(part.segments), "status": part.status, "score": part.score,
             "moved": part.moved, "variant": part.variant,
             "edits": [{"op": e.op, "base": {"start": e.a[0], "end": e.a[1]},
                        "part": {"start": e.b[0], "end": e.b[1]}} for e in part.edits]}
            for part in group.parts
        ],
    }


def _fact(row: FactRow, ids: Sequence[str]) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "status": row.status,
        "values": {source: mention_dict(value) for source, value in zip(ids, row.values)},
        "agree": [list(cluster) for cluster in row.clusters],
        "group": row.group,
        "notes": dict(row.notes),
    }


def _pair(pair: PairSummary) -> dict[str, Any]:
    s, t = pair.sources
    return {"sources": [s, t], "identical": pair.identical, "changed": pair.changed, "moved": pair.moved,
            "only": {s: pair.only[0], t: pair.only[1]}, "conflicts": pair.conflicts,
            "agreement": round(pair.agreement, 4), "agree": pair.agree}


def many_report_to_dict(report: ManyReport, *, with_segments: bool = True) -> dict[str, Any]:
    """Return the report as plain JSON-ready data in the order of the schema.

    Without segments, ``"segments"`` holds ``None`` at its place (for
    :func:`render_many_json`, which writes them itself).
    """
    ids = report.ids
    summary = report.summary
    summary["agree"] = report.agree
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": "aligner", "version": report.tool_version, "options": dict(report.options)},
        "sources": [source_dict(source, info) for source, info in zip(report.sources, report.infos)],
        "pivot": report.pivot,
        "segments": {source.id: [segment_dict(s, pages_of(source)) for s in segments]
                     for source, segments in zip(report.sources, report.segments)}
        if with_segments else None,
        "groups": [_group(g) for g in report.groups],
        "only": {source: list(only) for source, only in zip(ids, report.only)},
        "facts": [_fact(row, ids) for row in report.facts],
        "pairs": [_pair(pair) for pair in report.pairs()],
        "summary": summary,
    }


def render_many_json(report: ManyReport) -> str:
    """Return the JSON report as text: schema key order, one line per section, newline at the end."""
    segments = {source.id: segments_json(segments, pages_of(source))
                for source, segments in zip(report.sources, report.segments)}
    return write_sections(many_report_to_dict(report, with_segments=False), segments)
