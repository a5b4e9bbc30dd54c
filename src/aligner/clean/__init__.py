"""Stage 2, clean: repair extraction noise without losing a character.

Input: ``Source.text``.  Output: a :class:`Cleaned` whose ``view`` is the
repaired text (one paragraph per line, ``"\\n"`` between paragraphs) with a map
back to the original, plus paragraph-level marks of boilerplate, headings and
captions (as original spans) and the spans where glyphs were lost.

The repairs are small functions run in the order of :data:`REPAIRS`.  Each takes
the text the previous one made and returns a :class:`Step`: its own text with the
map back to its input (a :class:`TextMap`) and where it acted.  The maps compose,
so the view always maps back to ``Source.text``; nothing is ever searched for
afterwards.  Repairs that only recognise paragraphs (boilerplate, captions,
headings) leave the text alone and return marks instead.

Which line breaks are wraps is decided from the layout's evidence, region by
region (a paragraph a line, wrapped lines with or without blank lines between
them, indented first lines), and each decision is reported among the repairs
("paragraphs: …", with the spans of its regions).

Modules: ``repairs`` (lost glyphs, doubled runs, bylines, indentation),
``wraps`` (hard wraps and wrapped headings), ``paragraphs`` (the paragraph
model: regions, columns, which breaks are wraps), ``breaks`` (what the two
lines around a break say: rows, fields, tokens, marks, page furniture),
``lines`` (the lines measured), ``marks`` (boilerplate, captions, headings),
``patterns`` (the patterns of ``data/boilerplate.txt`` and
``data/layout.txt``), ``step`` (what a repair returns).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Repair, Span
from ..textmap import TextMap
from .marks import mark_boilerplate, mark_captions, mark_headings
from .repairs import (
    collapse_doubled_runs,
    mark_lost_glyphs,
    separate_bylines,
    strip_indentation,
)
from .step import Mark, Step
from .wraps import join_hard_wraps, join_wrapped_headings

__all__ = [
    "REPAIRS", "Cleaned", "Mark", "Step", "clean", "collapse_doubled_runs", "join_hard_wraps",
    "join_wrapped_headings", "mark_boilerplate", "mark_captions", "mark_headings", "mark_lost_glyphs",
    "separate_bylines", "strip_indentation",
]


@dataclass(frozen=True)
class Cleaned:
    """Result of cleaning one source.

    ``view``: repaired text, one paragraph per line, mapped to ``Source.text``.
    ``marks``: ``(start, end, kind)`` spans of the *original* text, each covering
    whole paragraphs, kind one of boilerplate / heading / caption; sorted.
    ``lost``: original spans where glyphs were lost (``&&``, ``□``, U+FFFD).
    ``repairs``: which repairs ran and how often (only those that found
    something), and the paragraph model's decisions region by region.
    """

    view: TextMap
    marks: tuple[Mark, ...] = ()
    lost: tuple[Span, ...] = ()
    repairs: tuple[Repair, ...] = ()


# The repairs, in the order they run.  Lost glyphs go first so that they neither
# break a doubled run nor widen a line; doubled runs are collapsed before the
# line widths are measured; a heading on two lines is joined only after the
# hard wraps, so that, once one line, it is not taken for the first line of a
# column; the marks come last, on one paragraph per line.
REPAIRS: tuple[Callable[[str], Step], ...] = (
    mark_lost_glyphs,
    collapse_doubled_runs,
    join_hard_wraps,
    join_wrapped_headings,
    separate_bylines,
    strip_indentation,
    mark_boilerplate,
    mark_captions,
    mark_headings,
)


def _decisions(view: TextMap, notes) -> list[Repair]:
    """The decisions a repair took, one Repair per kind of decision with the
    original spans it was taken for, in the order first taken."""
    by_what: dict[str, list[Span]] = {}
    for what, (start, end) in notes:
        by_what.setdefault(what, []).append(view.span(start, end))
    return [Repair(what, len(spans), tuple(spans)) for what, spans in by_what.items()]


def clean(text: str, *, keep_boilerplate: bool = False) -> Cleaned:
    """Return ``text`` repaired for matching, with the map back to it.

    Runs :data:`REPAIRS` in order (``mark_boilerplate`` is skipped when
    ``keep_boilerplate``), composes their maps and translates what each found
    into spans of ``text``.  A paragraph gets the kind of the first marking
    repair that found it (boilerplate before caption before heading).
    """
    view = TextMap.identity(text)
    repairs: list[Repair] = []
    marks: list[Mark] = []
    marked: set[Span] = set()
    lost: tuple[Span, ...] = ()
    for repair in REPAIRS:
        if keep_boilerplate and repair is mark_boilerplate:
            continue
        step = repair(view.text)
        spans = tuple(view.spans(step.found))
        if step.kind:
            spans = tuple(span for span in spans if span not in marked)
            marked.update(spans)
            marks.extend((start, end, step.kind) for start, end in spans)
        if repair is mark_lost_glyphs:
            lost = spans
        if spans:
            repairs.append(Repair(repair.__name__, len(spans), spans))
        repairs.extend(_decisions(view, step.notes))
        # Composing edit by edit costs what the edits cost, not the text's length.
        view = view.edit(step.edits)
    return Cleaned(view, tuple(sorted(marks)), lost, tuple(repairs))
