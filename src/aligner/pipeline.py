"""The pipeline, stage by stage: read → clean → convert → segment → align → diff → facts.

``compare`` and ``compare_texts`` are the library's front door; they return a
:class:`~aligner.model.Report` and never print.
"""

from __future__ import annotations

import hashlib
import os
from functools import partial
from typing import Callable

from . import __version__
from .align import DEFAULT_THRESHOLD, Progress, align
from .clean import clean
from .convert import SCRIPTS, to_common_script
from .diff import with_edits
from .errors import OptionError
from .facts import SideFacts, compare_facts, extract_side, read_side_b
from .model import Report, Side, SideInfo, Source
from .read import DEFAULT_MAX_CHARS, codec_name, detect_script
from .readers import DEFAULT_MAX_PAGES, FORMATS, read_document
from .runner import Runner, choose, choose_for_files
from .segment import segment


def check_options(script: str, threshold: float, encoding: str | None = None,
                  max_chars: int = DEFAULT_MAX_CHARS, format: str | None = None,
                  max_pages: int = DEFAULT_MAX_PAGES) -> None:
    """Raise :class:`OptionError` before any work when an option cannot be used."""
    if script not in SCRIPTS:
        raise OptionError(f"unknown script {script!r}: use one of {', '.join(SCRIPTS)}")
    if not 0.0 < threshold <= 1.0:
        raise OptionError(f"threshold {threshold} must be more than 0 and at most 1: try 0.5")
    if encoding is not None:
        codec_name(encoding)
    if max_chars < 1:
        raise OptionError(f"--max-chars {max_chars} must be at least 1")
    if format is not None and format not in FORMATS:
        raise OptionError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if max_pages < 1:
        raise OptionError(f"--max-pages {max_pages} must be at least 1")


def compare(path_a: str | os.PathLike, path_b: str | os.PathLike, *, script: str = "simplified",
            threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
            encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS, format: str | None = None,
            max_pages: int = DEFAULT_MAX_PAGES, progress: Progress | None = None,
            runner: Runner | None = None) -> Report:
    """Compare the files at ``path_a`` and ``path_b`` and return the :class:`Report`.

    ``script`` is the common script for matching (simplified / traditional),
    ``threshold`` the similarity (0..1) below which nothing is linked,
    ``keep_boilerplate`` treats site chrome as content, ``encoding`` forces a
    codec for both files, ``max_chars`` refuses larger inputs.  Each file is read
    as what its content is (plain text, web page, PDF: :mod:`aligner.readers`);
    ``format`` forces one, and ``max_pages`` refuses longer PDFs.  ``runner``
    (see :mod:`aligner.runner`) says where independent work runs; by default it
    is chosen from the files' sizes.  Raises :class:`~aligner.errors.AlignerError`
    subclasses for bad input or options.
    """
    check_options(script, threshold, encoding, max_chars, format, max_pages)
    read = partial(read_input, format=format, encoding=encoding, max_chars=max_chars, max_pages=max_pages)
    runner = runner or choose_for_files(path_a, path_b)
    return _compare(partial(read, path_a, "a"), partial(read, path_b, "b"), runner=runner, script=script,
                    threshold=threshold, keep_boilerplate=keep_boilerplate, progress=progress)


def compare_texts(text_a: str, text_b: str, *, script: str = "simplified",
                  threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
                  progress: Progress | None = None, runner: Runner | None = None) -> Report:
    """Compare two texts already in memory (named "a" and "b"); options as :func:`compare`."""
    check_options(script, threshold)
    return compare_sources(text_source(text_a, "a"), text_source(text_b, "b"), script=script, threshold=threshold,
                           keep_boilerplate=keep_boilerplate, progress=progress, runner=runner)


def text_source(text: str, source_id: str) -> Source:
    """A text in memory as the :class:`Source` named ``source_id`` (its path)."""
    data = text.encode("utf-8", "surrogatepass")
    return Source(id=source_id, path=source_id, text=text, encoding="utf-8", script=detect_script(text),
                  sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def read_input(path: str | os.PathLike, side: str, **options) -> Source:
    """Read the file at ``path`` as source ``side`` with the reader its content calls for."""
    return read_document(path, **options).to_source(side)


def prepare_side(source: Source, *, script: str = "simplified", keep_boilerplate: bool = False) -> Side:
    """Run clean → convert → segment on one source and return its :class:`Side`."""
    cleaned = clean(source.text, keep_boilerplate=keep_boilerplate)
    view = to_common_script(cleaned.view, script)
    segments = segment(source, view, cleaned.marks)
    return Side(source, view, segments, SideInfo(repairs=cleaned.repairs, lost_glyphs=cleaned.lost))


def _load_and_prepare(load: Callable[[], Source], **options) -> Side:
    return prepare_side(load(), **options)


def _prepare_both(load_a: Callable[[], Source], load_b: Callable[[], Source], *, runner: Runner,
                  **options) -> tuple[Side, Side]:
    """Load and prepare both sides, side b submitted to ``runner`` while side a is prepared here.

    The sides are independent until alignment.  ``load_a`` runs first, so when
    both inputs are bad, a's error is the one raised, as when run in turn.
    """
    with runner.submit(_load_and_prepare, load_b, **options) as side_b:
        side_a = _load_and_prepare(load_a, **options)
        return side_a, side_b.result()


def compare_sources(source_a: Source, source_b: Source, *, script: str = "simplified",
                    threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
                    progress: Progress | None = None, runner: Runner | None = None) -> Report:
    """Compare two :class:`Source` objects and return the :class:`Report`; options as :func:`compare`."""
    runner = runner or choose(source_a.chars + source_b.chars)
    return _compare(lambda: source_a, lambda: source_b, runner=runner, script=script, threshold=threshold,
                    keep_boilerplate=keep_boilerplate, progress=progress)


def _extract_both(side_a: Side, side_b: Side) -> tuple[SideFacts, SideFacts]:
    return extract_side(side_a), extract_side(side_b)


def _compare(load_a: Callable[[], Source], load_b: Callable[[], Source], *, runner: Runner, script: str,
             threshold: float, keep_boilerplate: bool, progress: Progress | None) -> Report:
    report_progress: Callable = progress or (lambda stage, done, total: None)
    report_progress("prepare", 0, 2)
    side_a, side_b = _prepare_both(load_a, load_b, runner=runner, script=script, keep_boilerplate=keep_boilerplate)
    report_progress("prepare", 2, 2)
    # The facts of each side that need no links, read while the sides are aligned.
    with runner.submit(_extract_both, side_a, side_b) as extracted:
        alignment = align(side_a.segments, side_b.segments, threshold=threshold, progress=progress)
        report_progress("diff", 0, 1)
        links = with_edits(alignment.links, side_a.segments, side_b.segments, side_a.view, side_b.view)
        found = extracted.result()
    report_progress("facts", 0, 1)
    # Side b's names, replaced names and bylines are read while side a's facts are.
    with runner.submit(read_side_b, side_a, side_b, links, *found) as side_b_read:
        facts = compare_facts(side_a, side_b, links, *found, side_b_read=side_b_read.result)
    return Report(
        tool_version=__version__,
        options={"script": script, "threshold": threshold, "keep_boilerplate": keep_boilerplate},
        sources=(side_a.source, side_b.source),
        segments_a=side_a.segments, segments_b=side_b.segments,
        links=links, only_a=alignment.only_a, only_b=alignment.only_b,
        facts=tuple(facts), info_a=side_a.info, info_b=side_b.info,
    )
