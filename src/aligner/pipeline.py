"""The pipeline, stage by stage: read → clean → convert → segment → align → diff → facts.

``compare`` and ``compare_texts`` are the library's front door; they return a
:class:`~aligner.model.Report` and never print.
"""

from __future__ import annotations

import hashlib
import os
from typing import Callable

from . import __version__
from .align import DEFAULT_THRESHOLD, Progress, align
from .clean import clean
from .convert import to_common_script
from .diff import with_edits
from .errors import OptionError
from .facts import compare_facts
from .model import Report, Side, SideInfo, Source
from .read import DEFAULT_MAX_CHARS, codec_name, detect_script, read_source
from .segment import segment

SCRIPTS = ("simplified", "traditional")


def _check_options(script: str, threshold: float, encoding: str | None = None,
                   max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Raise :class:`OptionError` before any work when an option cannot be used."""
    if script not in SCRIPTS:
        raise OptionError(f"unknown script {script!r}: use one of {', '.join(SCRIPTS)}")
    if not 0.0 < threshold <= 1.0:
        raise OptionError(f"threshold {threshold} must be more than 0 and at most 1: try 0.5")
    if encoding is not None:
        codec_name(encoding)
    if max_chars < 1:
        raise OptionError(f"--max-chars {max_chars} must be at least 1")


def compare(path_a: str | os.PathLike, path_b: str | os.PathLike, *, script: str = "simplified",
            threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
            encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
            progress: Progress | None = None) -> Report:
    """Compare the files at ``path_a`` and ``path_b`` and return the :class:`Report`.

    ``script`` is the common script for matching (simplified / traditional),
    ``threshold`` the similarity (0..1) below which nothing is linked,
    ``keep_boilerplate`` treats site chrome as content, ``encoding`` forces a
    codec for both files, ``max_chars`` refuses larger inputs.  Raises
    :class:`~aligner.errors.AlignerError` subclasses for bad input or options.
    """
    _check_options(script, threshold, encoding, max_chars)
    source_a = read_source(path_a, "a", encoding=encoding, max_chars=max_chars)
    source_b = read_source(path_b, "b", encoding=encoding, max_chars=max_chars)
    return compare_sources(source_a, source_b, script=script, threshold=threshold,
                           keep_boilerplate=keep_boilerplate, progress=progress)


def compare_texts(text_a: str, text_b: str, *, script: str = "simplified",
                  threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
                  progress: Progress | None = None) -> Report:
    """Compare two texts already in memory (named "a" and "b"); options as :func:`compare`."""
    _check_options(script, threshold)
    sources = [
        Source(id=side, path=side, text=text, encoding="utf-8", script=detect_script(text),
               sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
               size=len(text.encode("utf-8", "surrogatepass")))
        for side, text in (("a", text_a), ("b", text_b))
    ]
    return compare_sources(*sources, script=script, threshold=threshold,
                           keep_boilerplate=keep_boilerplate, progress=progress)


def prepare_side(source: Source, *, script: str = "simplified", keep_boilerplate: bool = False) -> Side:
    """Run clean → convert → segment on one source and return its :class:`Side`."""
    cleaned = clean(source.text, keep_boilerplate=keep_boilerplate)
    view = to_common_script(cleaned.view, script)
    segments = segment(source, view, cleaned.marks)
    return Side(source, view, segments, SideInfo(repairs=cleaned.repairs, lost_glyphs=cleaned.lost))


# Below this many characters in all, a second process costs more than it saves.
PARALLEL_MIN_CHARS = 400_000


def _prepare_both(source_a: Source, source_b: Source, **options) -> tuple[Side, Side]:
    """Prepare both sides; for large inputs b in a forked process while a is prepared here.

    The two sides are independent until alignment, and this machine-sized work
    (cleaning, conversion, segmentation) takes a second per million characters;
    the result is the same either way.  Where processes cannot be forked, or the
    inputs are small, both run here in turn.
    """
    if len(source_a.text) + len(source_b.text) < PARALLEL_MIN_CHARS or not hasattr(os, "fork"):
        return prepare_side(source_a, **options), prepare_side(source_b, **options)
    # Imported here: small inputs (the usual case) never pay for loading them.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as pool:
            future_b = pool.submit(prepare_side, source_b, **options)
            side_a = prepare_side(source_a, **options)
            return side_a, future_b.result()
    except (OSError, BrokenProcessPool):
        # No second process to be had (limits, memory): do the work here instead.
        return prepare_side(source_a, **options), prepare_side(source_b, **options)


def compare_sources(source_a: Source, source_b: Source, *, script: str = "simplified",
                    threshold: float = DEFAULT_THRESHOLD, keep_boilerplate: bool = False,
                    progress: Progress | None = None) -> Report:
    """Compare two :class:`Source` objects and return the :class:`Report`."""
    report_progress: Callable = progress or (lambda stage, done, total: None)
    report_progress("prepare", 0, 2)
    side_a, side_b = _prepare_both(source_a, source_b, script=script, keep_boilerplate=keep_boilerplate)
    report_progress("prepare", 2, 2)
    alignment = align(side_a.segments, side_b.segments, threshold=threshold, progress=progress)
    report_progress("diff", 0, 1)
    links = with_edits(alignment.links, side_a.segments, side_b.segments, side_a.view, side_b.view)
    report_progress("facts", 0, 1)
    facts = compare_facts(side_a, side_b, links)
    return Report(
        tool_version=__version__,
        options={"script": script, "threshold": threshold, "keep_boilerplate": keep_boilerplate},
        sources=(source_a, source_b),
        segments_a=side_a.segments, segments_b=side_b.segments,
        links=links, only_a=alignment.only_a, only_b=alignment.only_b,
        facts=tuple(facts), info_a=side_a.info, info_b=side_b.info,
    )
