"""Compare two to twenty sources of one story at once: statements grouped, facts by source.

``compare_many`` (files), ``compare_many_texts`` (texts in memory) and
``compare_many_sources`` return a :class:`~aligner.many_model.ManyReport`.  The
work is the two-source pipeline's, pair by pair with a pivot source:

1. every source is prepared (cleaned, converted, segmented) and its facts read;
2. every other source is aligned with the pivot, its edits and facts compared
   with it — exactly the two-source comparison of that pair;
3. the links are grouped into statements (:mod:`aligner.group`); content the
   pivot lacks is aligned in further, smaller rounds;
4. every part of a group is compared with the group's base part (scores, edits,
   wording variants), and the pairwise facts become rows (:mod:`aligner.many_facts`).

Each task of steps 1–3 is a plain call handed to ``executor.submit(fn, *args,
**kwargs)`` (anything whose result has ``.result()``: a runner, a
``concurrent.futures`` pool); by default they run in turn, here.  Their
arguments and results pickle, so a process pool may run them.
"""

from __future__ import annotations

import hashlib
import os
import string
from typing import Any, Callable, Mapping, NamedTuple, Sequence

from . import __version__
from .align import DEFAULT_THRESHOLD, align, similarity
from .diff import with_edits
from .errors import OptionError
from .facts import SideFacts, compare_facts, extract_side
from .group import Catalog, Draft, Grouping, coverage_pivot
from .many_facts import fact_rows
from .many_model import Group, ManyReport, Part
from .model import Fact, Link, Segment, Side, Source
from .pipeline import SCRIPTS, prepare_side
from .read import DEFAULT_MAX_CHARS, codec_name, detect_script, read_source

MIN_SOURCES = 2
MAX_SOURCES = 20
SOURCE_IDS = string.ascii_lowercase[:MAX_SOURCES]

Progress = Callable[[str, int, int], None]


class _Done:
    """The result of a call already made (what :class:`InTurn` hands back)."""

    __slots__ = ("_value", "_error")

    def __init__(self, value: Any = None, error: BaseException | None = None) -> None:
        self._value, self._error = value, error

    def result(self) -> Any:
        if self._error is not None:
            raise self._error
        return self._value


class InTurn:
    """The default executor: each submitted call runs at once, in this process."""

    def submit(self, fn: Callable, /, *args, **kwargs) -> _Done:
        try:
            return _Done(fn(*args, **kwargs))
        except Exception as error:  # handed back like a future's, raised by .result()
            return _Done(error=error)


class PairResult(NamedTuple):
    """The two-source comparison of the pivot (a) with another source (b)."""

    links: tuple[Link, ...]
    facts: tuple[Fact, ...]


# ----------------------------------------------------------------- the tasks


def prepare_source(source: Source, script: str, keep_boilerplate: bool) -> tuple[Side, SideFacts]:
    """Task: one source prepared (:func:`~aligner.pipeline.prepare_side`) and its facts read."""
    side = prepare_side(source, script=script, keep_boilerplate=keep_boilerplate)
    return side, extract_side(side)


def compare_pair(pivot: Side, other: Side, found_pivot: SideFacts, found_other: SideFacts,
                 threshold: float) -> PairResult:
    """Task: the two-source comparison of ``pivot`` and ``other`` (align, edits, facts)."""
    alignment = align(pivot.segments, other.segments, threshold=threshold)
    links = with_edits(alignment.links, pivot.segments, other.segments, pivot.view, other.view)
    return PairResult(links, tuple(compare_facts(pivot, other, links, found_pivot, found_other)))


# ----------------------------------------------------------------- front doors


def check_many_options(count: int, script: str, threshold: float, encoding: str | None = None,
                       max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Raise :class:`OptionError` before any work when the sources or options cannot be used."""
    if not MIN_SOURCES <= count <= MAX_SOURCES:
        raise OptionError(f"{count} sources given: compare {MIN_SOURCES} to {MAX_SOURCES} sources")
    if script not in SCRIPTS:
        raise OptionError(f"unknown script {script!r}: use one of {', '.join(SCRIPTS)}")
    if not 0.0 < threshold <= 1.0:
        raise OptionError(f"threshold {threshold} must be more than 0 and at most 1: try 0.5")
    if encoding is not None:
        codec_name(encoding)
    if max_chars < 1:
        raise OptionError(f"--max-chars {max_chars} must be at least 1")


def compare_many(paths: Sequence[str | os.PathLike], *, script: str = "simplified",
                 threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
                 encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
                 progress: Progress | None = None, executor=None) -> ManyReport:
    """Compare the files at ``paths`` (2 to 20; ids a, b, c, … in this order).

    Options as :func:`aligner.compare`; ``executor`` runs the tasks (see the module
    doc).  Raises :class:`~aligner.errors.AlignerError` subclasses for bad input or options.
    """
    check_many_options(len(paths), script, threshold, encoding, max_chars)
    sources = [read_source(path, source_id, encoding=encoding, max_chars=max_chars)
               for path, source_id in zip(paths, SOURCE_IDS)]
    return compare_many_sources(sources, script=script, threshold=threshold,
                                keep_boilerplate=keep_boilerplate, progress=progress, executor=executor)


def compare_many_texts(texts: Sequence[str], *, script: str = "simplified", threshold: float = DEFAULT_THRESHOLD,
                       keep_boilerplate: bool = False, progress: Progress | None = None,
                       executor=None) -> ManyReport:
    """Compare texts already in memory (named a, b, c, …); options as :func:`compare_many`."""
    check_many_options(len(texts), script, threshold)
    sources = [
        Source(id=source_id, path=source_id, text=text, encoding="utf-8", script=detect_script(text),
               sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
               size=len(text.encode("utf-8", "surrogatepass")))
        for source_id, text in zip(SOURCE_IDS, texts)
    ]
    return compare_many_sources(sources, script=script, threshold=threshold, keep_boilerplate=keep_boilerplate,
                                progress=progress, executor=executor)


def compare_many_sources(sources: Sequence[Source], *, script: str = "simplified",
                         threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
                         progress: Progress | None = None, executor=None) -> ManyReport:
    """Compare :class:`Source` objects whose ids are a, b, c, … in order; see :func:`compare_many`."""
    check_many_options(len(sources), script, threshold)
    ids = tuple(source.id for source in sources)
    if ids != tuple(SOURCE_IDS[:len(ids)]):
        raise OptionError(f"source ids must be {', '.join(SOURCE_IDS[:len(ids)])} in order, not {', '.join(ids)}")
    submit = (executor or InTurn()).submit
    tell: Progress = progress or (lambda stage, done, total: None)
    tell("prepare", 0, len(sources))
    prepared = [submit(prepare_source, source, script, keep_boilerplate) for source in sources]
    sides, found = {}, {}
    for source, future in zip(sources, prepared):
        sides[source.id], found[source.id] = future.result()
    tell("prepare", len(sources), len(sources))
    catalogs = {s: Catalog.of(side.segments) for s, side in sides.items()}
    # Two sources: a is the pivot, so the report is the two-source report's.
    pivot = ids[0] if len(ids) == 2 else coverage_pivot(list(ids), {s: range(len(c.ids)) for s, c in catalogs.items()},
                                                          catalogs)
    pairs = _compare_with_pivot(submit, tell, pivot, sides, found, threshold)
    grouping = Grouping(catalogs, threshold)
    grouping.add_pivot_links(pivot, {s: pair.links for s, pair in pairs.items()})
    grouping.join_neighbours()
    grouping.link_leftovers()
    drafts = grouping.ordered()
    groups = _compared_groups(drafts, sides, catalogs, {(pivot, s): pair.links for s, pair in pairs.items()})
    group_of = {i: n for n, group in enumerate(groups) for part in group.parts for i in part.segments}
    tell("facts", 0, 1)
    facts = fact_rows(ids, pivot, {s: p.facts for s, p in pairs.items()}, {s: p.links for s, p in pairs.items()},
                      group_of, {s: side.segments for s, side in sides.items()})
    return ManyReport(
        tool_version=__version__,
        options={"script": script, "threshold": threshold, "keep_boilerplate": keep_boilerplate},
        sources=tuple(sides[s].source for s in ids),
        segments=tuple(sides[s].segments for s in ids),
        pivot=pivot,
        groups=groups,
        only=tuple(grouping.one_sided(s) for s in ids),
        facts=facts,
        infos=tuple(sides[s].info for s in ids),
    )


def _compare_with_pivot(submit, tell: Progress, pivot: str, sides: Mapping[str, Side],
                        found: Mapping[str, SideFacts], threshold: float) -> dict[str, PairResult]:
    """Every other source compared with the pivot, as tasks."""
    others = [s for s in sides if s != pivot]
    futures = {s: submit(compare_pair, sides[pivot], sides[s], found[pivot], found[s], threshold) for s in others}
    pairs = {}
    for done, (source, future) in enumerate(futures.items()):
        tell("align", done, len(others))
        pairs[source] = future.result()
    tell("align", len(others), len(others))
    return pairs


# ----------------------------------------------------------------- parts compared


def _compared_groups(drafts: Sequence[Draft], sides: Mapping[str, Side], catalogs: Mapping[str, Catalog],
                     pair_links: Mapping[tuple[str, str], Sequence[Link]]) -> tuple[Group, ...]:
    """Every draft as a :class:`Group`: each part compared with the base part.

    A part that is exactly one link of a comparison with the pivot keeps that link's
    score, status, moved flag and edits (so two sources give the two-source report);
    other parts are scored here and their edits computed per pair of sources at once.
    """
    known = {(base, s, link.a, link.b): link for (base, s), links in pair_links.items() for link in links}
    parts: list[dict[str, Part]] = []
    todo: dict[tuple[str, str], list[tuple[int, Link]]] = {}
    for n, draft in enumerate(drafts):
        base = draft.base
        ids = {s: tuple(map(catalogs[s].ids.__getitem__, draft.parts[s])) for s in draft.parts}
        texts = {s: "".join("".join(sides[s].segments[i].normalized.split()) for i in draft.parts[s])
                 for s in draft.parts}
        variants: dict[str, int] = {}
        for s in (base, *draft.parts):
            variants.setdefault(texts[s], len(variants))
        row = {}
        for s in draft.parts:
            variant = variants[texts[s]]
            link = known.get((base, s, ids[base], ids[s]))
            moved = any(link.moved for link in draft.links.get(s, ()))
            if s == base:
                row[s] = Part(s, ids[s])
            elif link is not None:
                row[s] = Part(s, ids[s], link.status, link.score, link.moved, link.edits, variant)
            elif variant == 0:
                row[s] = Part(s, ids[s], "identical", 1.0, moved, (), 0)
            else:
                score = round(similarity(catalogs[base].joined_key(draft.parts[base]),
                                         catalogs[s].joined_key(draft.parts[s])), 4)
                row[s] = Part(s, ids[s], "changed", score, moved, (), variant)
                todo.setdefault((base, s), []).append((n, Link(ids[base], ids[s], "changed", score, moved)))
        parts.append(row)
    for (base, s), items in todo.items():
        edited = with_edits([link for _, link in items], sides[base].segments, sides[s].segments,
                            sides[base].view, sides[s].view)
        for (n, _), link in zip(items, edited):
            part = parts[n][s]
            parts[n][s] = Part(s, part.segments, part.status, part.score, part.moved, link.edits, part.variant)
    order = list(sides)
    return tuple(Group(d.base, tuple(row[s] for s in order if s in row)) for d, row in zip(drafts, parts))


__all__ = [
    "InTurn", "MAX_SOURCES", "MIN_SOURCES", "PairResult", "SOURCE_IDS", "check_many_options",
    "compare_many", "compare_many_sources", "compare_many_texts", "compare_pair",
    "prepare_source",
]
