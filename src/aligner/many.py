"""Compare two to twenty sources of one story at once: statements grouped, facts by source.

``compare_many`` (files), ``compare_many_texts`` (texts in memory) and
``compare_many_sources`` return a :class:`~aligner.many_model.ManyReport`.  The
work is the two-source pipeline's, pair by pair with a pivot source:

1. every source is read and prepared (cleaned, converted, segmented) once, its
   facts and its catalog (matching keys, for grouping) read;
2. every other source is aligned with the pivot, its edits and facts compared
   with it — exactly the two-source comparison of that pair, the prepared sides
   shared by every pair;
3. the links are grouped into statements (:mod:`aligner.group`); content the
   pivot lacks is matched by candidates near its place, not by more alignments;
4. every part of a group is compared with the group's base part (scores, edits,
   wording variants), and the pairwise facts become rows (:mod:`aligner.many_facts`).

The tasks of steps 1 and 2 (:func:`prepare_source`, :func:`compare_pair`: nearly
all the work) are plain calls handed to :func:`aligner.runner.run_all`: this
package's runners run them in shares, one a core, in forked children that start
with the prepared sides in memory; any other runner (anything with
``submit(fn, *args)`` whose result has ``.result()``, such as a
``concurrent.futures`` pool) gets one call at a time.  Their arguments and
results pickle; the report is the same either way.  The runner is chosen from
the input size by default.
"""

from __future__ import annotations

import os
import string
from functools import partial
from typing import Callable, Mapping, NamedTuple, Sequence

from . import __version__, collector
from .align import DEFAULT_THRESHOLD, align, similarity
from .diff import with_edits
from .errors import OptionError
from .facts import SideFacts, compare_facts, extract_side
from .group import Catalog, Draft, Grouping, coverage_pivot
from .many_facts import fact_rows
from .many_model import Group, ManyReport, Part
from .model import Fact, Link, Side, Source
from .pipeline import check_options, prepare_side, read_input, text_source
from .read import DEFAULT_MAX_CHARS
from .readers import DEFAULT_MAX_PAGES
from .runner import Runner, bytes_on_disk, choose_for_calls, choose_for_files, run_all

MIN_SOURCES = 2
MAX_SOURCES = 20
SOURCE_IDS = string.ascii_lowercase[:MAX_SOURCES]

Progress = Callable[[str, int, int], None]


class Prepared(NamedTuple):
    """One source prepared: its side, the facts read in it alone, its grouping catalog."""

    side: Side
    found: SideFacts
    catalog: Catalog


class PairResult(NamedTuple):
    """The two-source comparison of the pivot (a) with another source (b)."""

    links: tuple[Link, ...]
    facts: tuple[Fact, ...]


# ----------------------------------------------------------------- the tasks


def prepare_source(source: Source | Callable[[], Source], script: str, keep_boilerplate: bool) -> Prepared:
    """Task: one source (or the call that reads it) prepared
    (:func:`~aligner.pipeline.prepare_side`), its facts and its catalog read."""
    side = prepare_side(source() if callable(source) else source, script=script, keep_boilerplate=keep_boilerplate)
    return Prepared(side, extract_side(side), Catalog.of(side.segments))


def compare_pair(pivot: Side, other: Side, found_pivot: SideFacts, found_other: SideFacts,
                 threshold: float) -> PairResult:
    """Task: the two-source comparison of ``pivot`` and ``other`` (align, edits, facts)."""
    alignment = align(pivot.segments, other.segments, threshold=threshold)
    links = with_edits(alignment.links, pivot.segments, other.segments, pivot.view, other.view)
    return PairResult(links, tuple(compare_facts(pivot, other, links, found_pivot, found_other)))


# ----------------------------------------------------------------- front doors


def check_many_options(count: int, script: str, threshold: float, **options) -> None:
    """Raise :class:`OptionError` before any work when the sources or options cannot be used."""
    if not MIN_SOURCES <= count <= MAX_SOURCES:
        raise OptionError(f"{count} sources given: compare {MIN_SOURCES} to {MAX_SOURCES} sources")
    check_options(script, threshold, **options)


def compare_many(paths: Sequence[str | os.PathLike], *, script: str = "simplified",
                 threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
                 encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS, format: str | None = None,
                 max_pages: int = DEFAULT_MAX_PAGES, progress: Progress | None = None,
                 runner: Runner | None = None) -> ManyReport:
    """Compare the files at ``paths`` (2 to 20; ids a, b, c, … in this order).

    Options as :func:`aligner.compare`; ``runner`` runs the tasks (see the module
    doc).  Raises :class:`~aligner.errors.AlignerError` subclasses for bad input or options.
    """
    options = {"encoding": encoding, "max_chars": max_chars, "format": format, "max_pages": max_pages}
    check_many_options(len(paths), script, threshold, **options)
    # Each file is read in its task (the first unreadable one's error is raised).
    reads = [partial(read_input, path, source_id, **options) for path, source_id in zip(paths, SOURCE_IDS)]
    with collector.paused():
        return _compare_many(reads, list(map(bytes_on_disk, paths)), script, threshold, keep_boilerplate,
                             progress, runner or choose_for_files(*paths))


def compare_many_texts(texts: Sequence[str], *, script: str = "simplified", threshold: float = DEFAULT_THRESHOLD,
                       keep_boilerplate: bool = False, progress: Progress | None = None,
                       runner: Runner | None = None) -> ManyReport:
    """Compare texts already in memory (named a, b, c, …); options as :func:`compare_many`."""
    check_many_options(len(texts), script, threshold)
    # Each text becomes a Source (script detected, hashed) in its task.
    sources = [partial(text_source, text, source_id) for source_id, text in zip(SOURCE_IDS, texts)]
    sizes = list(map(len, texts))
    with collector.paused():
        return _compare_many(sources, sizes, script, threshold, keep_boilerplate, progress,
                             runner or choose_for_calls(sum(sizes)))


def compare_many_sources(sources: Sequence[Source], *, script: str = "simplified",
                         threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
                         progress: Progress | None = None, runner: Runner | None = None) -> ManyReport:
    """Compare :class:`Source` objects whose ids are a, b, c, … in order; see :func:`compare_many`."""
    check_many_options(len(sources), script, threshold)
    ids = tuple(source.id for source in sources)
    if ids != tuple(SOURCE_IDS[:len(ids)]):
        raise OptionError(f"source ids must be {', '.join(SOURCE_IDS[:len(ids)])} in order, not {', '.join(ids)}")
    sizes = [source.chars for source in sources]
    with collector.paused():
        return _compare_many(sources, sizes, script, threshold, keep_boilerplate, progress,
                             runner or choose_for_calls(sum(sizes)))


def _compare_many(sources: Sequence[Source | Callable[[], Source]], sizes: Sequence[int], script: str,
                  threshold: float, keep_boilerplate: bool, progress: Progress | None,
                  runner: Runner) -> ManyReport:
    tell: Progress = progress or (lambda stage, done, total: None)
    tell("prepare", 0, len(sources))
    prepared = run_all(runner, prepare_source, [(source, script, keep_boilerplate) for source in sources], sizes)
    tell("prepare", len(sources), len(sources))
    ids = tuple(p.side.source.id for p in prepared)
    sides = {s: p.side for s, p in zip(ids, prepared)}
    found = {s: p.found for s, p in zip(ids, prepared)}
    catalogs = {s: p.catalog for s, p in zip(ids, prepared)}
    # Two sources: a is the pivot, so the report is the two-source report's.
    pivot = ids[0] if len(ids) == 2 else coverage_pivot(list(ids), {s: range(len(c.ids)) for s, c in catalogs.items()},
                                                          catalogs)
    pairs = _compare_with_pivot(runner, tell, pivot, sides, found, threshold)
    grouping = Grouping(catalogs, threshold)
    grouping.add_pivot_links(pivot, {s: pair.links for s, pair in pairs.items()})
    grouping.join_neighbours()
    grouping.link_leftovers()
    drafts = grouping.ordered()
    groups = _compared_groups(drafts, sides, catalogs)
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


def _compare_with_pivot(runner: Runner, tell: Progress, pivot: str, sides: Mapping[str, Side],
                        found: Mapping[str, SideFacts], threshold: float) -> dict[str, PairResult]:
    """Every other source compared with the pivot, as tasks."""
    others = [s for s in sides if s != pivot]
    tell("align", 0, len(others))
    calls = [(sides[pivot], sides[s], found[pivot], found[s], threshold) for s in others]
    sizes = [sides[pivot].source.chars + sides[s].source.chars for s in others]
    pairs = dict(zip(others, run_all(runner, compare_pair, calls, sizes)))
    tell("align", len(others), len(others))
    return pairs


# ----------------------------------------------------------------- parts compared


def _compared_groups(drafts: Sequence[Draft], sides: Mapping[str, Side],
                     catalogs: Mapping[str, Catalog]) -> tuple[Group, ...]:
    """Every draft as a :class:`Group`: each part compared with the base part.

    A part whose links (from the alignments) tile it and the base part keeps what they
    say — one link: its score, status, moved flag and edits (so two sources give the
    two-source report); several: their edits, in order.  Other parts are scored here
    and their edits computed per pair of sources at once.
    """
    rows: list[dict[str, Part]] = []
    todo: dict[tuple[str, str], list[tuple[int, Link]]] = {}
    for n, draft in enumerate(drafts):
        base = draft.base
        ids = {s: tuple(map(catalogs[s].ids.__getitem__, draft.parts[s])) for s in draft.parts}
        texts = {s: catalogs[s].joined_compact(draft.parts[s]) for s in draft.parts}
        variants: dict[str, int] = {}
        for source in (base, *draft.parts):
            variants.setdefault(texts[source], len(variants))
        row = rows.append({}) or rows[-1]
        for source in draft.parts:
            variant = variants[texts[source]]
            links = draft.links.get(source, [])
            if source == base:
                row[source] = Part(source, ids[source])
            elif _tiled(links, ids[base], ids[source]):
                row[source] = _part_of_links(source, ids[source], links, variant, draft, catalogs)
            else:
                moved = any(link.moved for link in links)
                row[source] = Part(source, ids[source], "identical", 1.0, moved, (), 0)
                if variant:
                    score = round(similarity(catalogs[base].joined_key(draft.parts[base]),
                                             catalogs[source].joined_key(draft.parts[source])), 4)
                    row[source] = Part(source, ids[source], "changed", score, moved, (), variant)
                    todo.setdefault((base, source), []).append(
                        (n, Link(ids[base], ids[source], "changed", score, moved)))
    for (base, source), items in todo.items():
        edited = with_edits([link for _, link in items], sides[base].segments, sides[source].segments,
                            sides[base].view, sides[source].view)
        for (n, _), link in zip(items, edited):
            part = rows[n][source]
            rows[n][source] = Part(source, part.segments, part.status, part.score, part.moved, link.edits,
                                   part.variant)
    order = list(sides)
    return tuple(Group(d.base, tuple(row[s] for s in order if s in row)) for d, row in zip(drafts, rows))


def _tiled(links: Sequence[Link], base_ids: tuple[str, ...], ids: tuple[str, ...]) -> bool:
    """Whether ``links`` hold each of the base part's and the part's segments exactly once."""
    if not links:
        return False
    if len(links) == 1:
        return links[0].a == base_ids and links[0].b == ids
    a = [i for link in links for i in link.a]
    b = [j for link in links for j in link.b]
    return len(a) == len(base_ids) and set(a) == set(base_ids) and len(b) == len(ids) and set(b) == set(ids)


def _part_of_links(source: str, ids: tuple[str, ...], links: Sequence[Link], variant: int, draft: Draft,
                   catalogs: Mapping[str, Catalog]) -> Part:
    """The part that ``links`` tile: one link as it is; several joined (edits in base order)."""
    if len(links) == 1:
        link = links[0]
        return Part(source, ids, link.status, link.score, link.moved, link.edits, variant)
    moved = any(link.moved for link in links)
    if variant == 0:
        return Part(source, ids, "identical", 1.0, moved, (), 0)
    where = catalogs[draft.base].position
    ordered = sorted(links, key=lambda link: where[link.a[0]])
    score = round(similarity(catalogs[draft.base].joined_key(draft.parts[draft.base]),
                             catalogs[source].joined_key(draft.parts[source])), 4)
    return Part(source, ids, "changed", score, moved, tuple(e for link in ordered for e in link.edits), variant)


__all__ = [
    "MAX_SOURCES", "MIN_SOURCES", "PairResult", "Prepared", "SOURCE_IDS", "check_many_options",
    "compare_many", "compare_many_sources", "compare_many_texts", "compare_pair",
    "prepare_source",
]
