"""Facts across two or more sources: the pairwise fact comparisons with the pivot, as rows.

Each source is compared with the pivot by :func:`aligner.facts.compare_facts`, the
two-source comparison.  A row holds one fact of the pivot and, for every other
source, the mention that comparison paired with it (shared or in conflict), or
nothing.  A fact the pivot does not state is a row of its own, and other sources'
facts join it when they give the same value of the same kind in the same group
(a source's k-th such fact joins the others' k-th).  Conflicts are therefore found
against the pivot; sources that disagree with the pivot are clustered by the value
they give.  Rows are ordered disagreements first: conflicts, facts of one source
only, then shared facts, each in reading order.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from .many_model import FACT_ROW_STATUSES, FactRow
from .model import Fact, Link, Mention, Segment

_RANK = {status: rank for rank, status in enumerate(FACT_ROW_STATUSES)}  # disagreements first
# Pairwise verdicts that explain a different value (a later count, an approximation).
_EXPLAINED = ("update", "rounding")


@dataclass
class _Row:
    kind: str
    values: dict[str, Mention] = field(default_factory=dict)
    same: set[str] = field(default_factory=set)  # sources that agree with the first value
    notes: dict[str, str] = field(default_factory=dict)
    group: int | None = None
    explained: dict[str, str] = field(default_factory=dict)  # source → update / rounding, with the pivot


class _SegmentGroups:
    """Which group holds the segment at an offset of a source (None: one-sided)."""

    def __init__(self, segments: Sequence[Segment], group_of: Mapping[str, int]) -> None:
        self.starts = [s.start for s in segments]
        self.groups = [group_of.get(s.id) for s in segments]

    def at(self, offset: int) -> int | None:
        k = bisect_right(self.starts, offset) - 1
        return self.groups[k] if k >= 0 else None


def _value_key(mention: Mention) -> object:
    """What makes two mentions give the same value: the normalised value, else the words."""
    value = mention.value
    if value is None:
        return "".join(mention.text.split())
    return repr(value) if isinstance(value, (list, dict)) else value


def fact_rows(ids: Sequence[str], pivot: str, pair_facts: Mapping[str, Sequence[Fact]],
              pair_links: Mapping[str, Sequence[Link]], group_of: Mapping[str, int],
              segments: Mapping[str, Sequence[Segment]]) -> tuple[FactRow, ...]:
    """The fact rows of a comparison (see the module doc).

    ``pair_facts[s]`` / ``pair_links[s]``: what :func:`~aligner.facts.compare_facts` and the
    alignment gave for the pivot (a) and source ``s`` (b); ``group_of``: the group index
    of every grouped segment id; ``segments``: each source's segments.
    """
    by_pivot: dict[tuple, _Row] = {}
    elsewhere: dict[tuple, _Row] = {}
    seen: dict[tuple, int] = {}
    where = {s: _SegmentGroups(segs, group_of) for s, segs in segments.items()}
    for source in ids:
        if source == pivot:
            continue
        links = pair_links[source]
        for fact in pair_facts[source]:
            group = None if fact.link is None else group_of.get(links[fact.link].a[0])
            if fact.a is not None:
                row = _row(by_pivot, (fact.kind, fact.a.start, fact.a.end), fact.kind)
                row.values[pivot] = fact.a
                row.same.add(pivot)
                if fact.b is not None:
                    row.values[source] = fact.b
                    if fact.status == "shared":
                        row.same.add(source)
                    elif fact.status in _EXPLAINED:
                        row.explained[source] = fact.status
            else:
                # A fact the pivot does not state: the k-th of its value in its statement.
                place = (fact.kind, where[source].at(fact.b.start), _value_key(fact.b))
                n = seen[(source, *place)] = seen.get((source, *place), -1) + 1
                row = _row(elsewhere, (*place, n), fact.kind)
                row.values[source] = fact.b
                row.same.add(source)
                group = None if fact.link is None else group_of.get(links[fact.link].b[0])
            if fact.note:
                row.notes[source] = fact.note
            if row.group is None:
                row.group = group
    rows = [_finished(row, ids, pivot) for row in (*by_pivot.values(), *elsewhere.values())]
    return tuple(sorted(rows, key=lambda row: _order(row, ids)))


def _row(rows: dict[tuple, _Row], key: tuple, kind: str) -> _Row:
    """The row filed under ``key``, a new one of ``kind`` if none is (most facts find one)."""
    row = rows.get(key)
    if row is None:
        row = rows[key] = _Row(kind)
    return row


def _finished(row: _Row, ids: Sequence[str], pivot: str) -> FactRow:
    """The row with its clusters and status: the sources agreeing with the first value
    (the pivot's when it states the fact), then the others by the value they give."""
    stated = [s for s in ids if s in row.values]
    first = [s for s in stated if s in row.same]
    by_value: dict[object, list[str]] = {}
    for source in stated:
        if source not in row.same:
            by_value.setdefault(_value_key(row.values[source]), []).append(source)
    clusters = [tuple(first)] + sorted((tuple(c) for c in by_value.values()), key=lambda c: -len(c))
    clusters = [c for c in clusters if c]
    status = _differing(row, stated) if len(clusters) > 1 else "only" if len(stated) == 1 else "shared"
    return FactRow(row.kind, status, tuple(row.values.get(s) for s in ids), tuple(clusters), row.group,
                   tuple((s, row.notes[s]) for s in ids if s in row.notes))


def _differing(row: _Row, stated: list[str]) -> str:
    """conflict, unless every source that differs from the pivot was judged an update or a
    rounding of the pivot's value (then the row is the stronger of the two: update)."""
    other = [s for s in stated if s not in row.same]
    verdicts = {row.explained.get(s) for s in other}
    if None in verdicts or not other:
        return "conflict"
    return "update" if "update" in verdicts else "rounding"


def _order(row: FactRow, ids: Sequence[str]) -> tuple:
    """Disagreements first, then reading order (as two-source facts: conflicts, one source's
    facts by source, shared facts; within each by the first source's offset, and so on)."""
    alone = next(k for k, v in enumerate(row.values) if v is not None) if row.status == "only" else 0
    return (_RANK[row.status], alone, tuple(-1 if v is None else v.start for v in row.values), row.kind)
