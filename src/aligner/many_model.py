"""The data model of a comparison of two or more sources (see :mod:`aligner.many`).

A *group* is one statement found in several sources: for each of them, the
segments (its *part*) that state it.  Every part is compared with the part of
the group's *base* source (the pivot the group was built around): its
similarity, whether it is identical, out of reading order, and its character
edits.  Parts whose texts are equal but for white space share a *variant*
number (0: the base's wording), so two sources say a statement the same way
exactly when their parts have the same variant.

Offsets index each ``Source.text`` exactly as decoded (see :mod:`aligner.model`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from .model import Edit, Mention, Segment, SideInfo, Source

FACT_ROW_STATUSES = ("conflict", "update", "rounding", "only", "shared")
# Statuses of a fact the sources state differently (the report is not one of agreement).
DIFFERING_STATUSES = frozenset(("conflict", "update", "rounding"))


@dataclass(frozen=True, slots=True)
class Part:
    """One source's segments in a group, compared with the base source's part.

    ``status`` is identical / changed, ``score`` the similarity of the matching keys
    (1.0 for the base), ``moved`` True when the part breaks the base's reading
    order, ``edits`` the character differences (``Edit.a``: spans of the base
    source, ``Edit.b``: spans of this source), ``variant`` the wording (0: the
    base's; equal numbers: equal texts but for white space).
    """

    source: str
    segments: tuple[str, ...]
    status: str = "identical"
    score: float = 1.0
    moved: bool = False
    edits: tuple[Edit, ...] = ()
    variant: int = 0


@dataclass(frozen=True, slots=True)
class Group:
    """A statement found in two or more sources: one :class:`Part` per source, in source order."""

    base: str
    parts: tuple[Part, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(part.source for part in self.parts)

    @property
    def status(self) -> str:
        """identical when every source words the statement the same way, else changed."""
        return "identical" if all(part.variant == 0 for part in self.parts) else "changed"

    @property
    def moved(self) -> bool:
        return any(part.moved for part in self.parts)

    def part(self, source: str) -> Part | None:
        return next((part for part in self.parts if part.source == source), None)


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact across the sources: the mention each source gives (None: it states none).

    ``status``: conflict (the sources give two or more values, not all explained as
    below), update (the other values are later or earlier counts: different cut-offs),
    rounding (an approximate value holds the other's exact one), only (one source
    states it), shared (two or more state it, all alike).  ``clusters`` are the
    sources that give the same value, the pivot's first (when it states the fact),
    then the larger ones.  ``group`` is the index of the group the fact was compared
    in (None: matched across the document); ``notes`` are (source, note) of the
    comparisons with the pivot (which value differs, a differing qualifier).
    """

    kind: str
    status: str
    values: tuple[Mention | None, ...]
    clusters: tuple[tuple[str, ...], ...]
    group: int | None = None
    notes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class PairSummary:
    """Two sources compared through the groups: statements both state (identical or
    changed wording, as characters of both), content of one only, facts in conflict."""

    sources: tuple[str, str]
    identical: int
    changed: int
    moved: int
    only: tuple[int, int]
    conflicts: int
    identical_chars: int
    chars: int

    @property
    def agree(self) -> bool:
        return self.changed == self.moved == self.conflicts == sum(self.only) == 0

    @property
    def agreement(self) -> float:
        """Share of the two sources' content characters in statements both word alike."""
        return self.identical_chars / self.chars if self.chars else 1.0


@dataclass(frozen=True, slots=True)
class ManyReport:
    """Everything the renderers need about a comparison of two or more sources.

    ``sources``, ``segments`` and ``infos`` are in the same order (ids a, b, c, …);
    ``pivot`` is the source the others were aligned with; ``only[k]`` lists the
    content segments of source k found in no other source.
    """

    tool_version: str
    options: dict[str, Any]
    sources: tuple[Source, ...]
    segments: tuple[tuple[Segment, ...], ...]
    pivot: str
    groups: tuple[Group, ...]
    only: tuple[tuple[str, ...], ...]
    facts: tuple[FactRow, ...] = ()
    infos: tuple[SideInfo, ...] = ()
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(source.id for source in self.sources)

    def index(self, source: str) -> int:
        return self.ids.index(source)

    @property
    def summary(self) -> dict[str, Any]:
        """Counts: statements by status, moved, in every source; one-sided content and facts."""
        groups = self.groups
        facts = Counter(row.status for row in self.facts)
        return {
            "sources": len(self.sources),
            "groups": len(groups),
            "identical": sum(1 for g in groups if g.status == "identical"),
            "changed": sum(1 for g in groups if g.status == "changed"),
            "moved": sum(1 for g in groups if g.moved),
            "in_all": sum(1 for g in groups if len(g.parts) == len(self.sources)),
            "only": {source.id: len(ids) for source, ids in zip(self.sources, self.only)},
            "facts": {status: facts[status] for status in FACT_ROW_STATUSES},
        }

    @property
    def agree(self) -> bool:
        """True when every source states every statement, all worded alike and in the
        same order, and no fact is in conflict: the exit status 0 of the command."""
        n = len(self.sources)
        return (not any(self.only)
                and all(len(g.parts) == n and g.status == "identical" and not g.moved for g in self.groups)
                and not any(row.status in DIFFERING_STATUSES for row in self.facts))

    def pairs(self) -> tuple[PairSummary, ...]:
        """A :class:`PairSummary` for every two sources, in source order (computed once)."""
        if "pairs" not in self._cache:
            self._cache["pairs"] = _pair_summaries(self)
        return self._cache["pairs"]


def _content_chars(report: ManyReport) -> dict[str, int]:
    """Non-space characters of every content segment, by id."""
    return {s.id: len(s.text) - sum(map(str.isspace, s.text))
            for segments in report.segments for s in segments if s.is_content}


def _pair_summaries(report: ManyReport) -> tuple[PairSummary, ...]:
    """Count, for every two sources, what the groups say about them (one pass over the groups)."""
    ids = report.ids
    chars = _content_chars(report)
    counts = {pair: Counter() for pair in combinations(ids, 2)}
    for group in report.groups:
        sized = [(p.source, p.variant, p.moved, sum(chars.get(i, 0) for i in p.segments)) for p in group.parts]
        for (s, vs, ms, cs), (t, vt, mt, ct) in combinations(sized, 2):
            tally = counts[(s, t)]
            same = vs == vt
            tally["identical" if same else "changed"] += 1
            tally["moved"] += ms or mt
            tally["chars"] += cs + ct
            tally["identical_chars"] += (cs + ct) if same else 0
    in_group = _sources_of_segments(report)
    for k, (s, t) in enumerate(counts):
        tally = counts[(s, t)]
        for side, source in ((0, s), (1, t)):
            other = t if side == 0 else s
            alone = [i for i in _content_ids(report, source) if other not in in_group.get(i, ())]
            tally[f"only{side}"] = len(alone)
            tally["chars"] += sum(chars[i] for i in alone)
    for row in report.facts:
        stated = {source: n for n, cluster in enumerate(row.clusters) for source in cluster}
        for s, t in combinations(sorted(stated, key=ids.index), 2):
            counts[(s, t)]["conflicts"] += stated[s] != stated[t]
    return tuple(PairSummary((s, t), c["identical"], c["changed"], c["moved"], (c["only0"], c["only1"]),
                             c["conflicts"], c["identical_chars"], c["chars"]) for (s, t), c in counts.items())


def _content_ids(report: ManyReport, source: str) -> list[str]:
    return [s.id for s in report.segments[report.index(source)] if s.is_content]


def _sources_of_segments(report: ManyReport) -> dict[str, tuple[str, ...]]:
    """For each segment in a group, the sources of that group."""
    return {i: group.sources for group in report.groups for part in group.parts for i in part.segments}
