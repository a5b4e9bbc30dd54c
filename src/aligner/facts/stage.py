"""The stage's entry points: what each side states before links exist, what side b
states given the links, and the comparison.

:func:`extract_side` and :func:`read_side_b` read what does not depend on the
comparison, so a caller may run them in another process meanwhile; their results
pickle.  :func:`compare_facts` reads whatever it is not given.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Callable, NamedTuple, Sequence

from ..model import Fact, Link, Side, segments_by_id
from .bylines import BylineChange, byline_changes, credit_spans, without_credits
from .changed import Replacement, name_replacements
from .claims import in_cutoff
from .comparison import Comparison, report_order
from .figures import content_segments, extract_numbers, numbers_in
from .found import Found, Joined, mention_of
from .names import Unread, extract_names, name_automaton, persons_of
from .passes import PASSES


@dataclass(frozen=True, slots=True)
class SideFacts:
    """What fact extraction reads in one side before links exist (see :func:`extract_side`).

    ``numbers``: the numbers, quantities, dates and times of all content segments, as
    :func:`~aligner.facts.extract_numbers` returns them; ``glued``: the segments whose
    last figure continues in the next one (cut at its decimal point); ``persons``:
    (segment index, name) of each person name found next to a title or a verb of saying;
    ``credits``: the spans of the view that are bylines, credits and outlet names
    (:func:`~aligner.facts.bylines.credit_spans`).
    """

    numbers: tuple[Found, ...]
    glued: frozenset[int]
    persons: tuple[tuple[int, str], ...]
    credits: tuple[tuple[int, int], ...]


def extract_side(side: Side) -> SideFacts:
    """Read what does not depend on the alignment in one side, for :func:`compare_facts`.

    The work of one side alone (about a third of the stage: the figures of all its
    content, whose twins in identical links :func:`compare_facts` takes as they are), so
    it can run in another process; the result pickles (Found as constructor arguments).
    """
    content = content_segments(side)
    joined = Joined(side, content)
    return SideFacts(tuple(numbers_in(joined)), frozenset(content[n] for n in joined.glued),
                     persons_of(side, content), tuple(credit_spans(side.view.text)))


class SideBReading(NamedTuple):
    """What :func:`read_side_b` reads: side b's names outside identical links
    (:func:`~aligner.facts.names.extract_names`), the names replaced in changed links
    (:func:`~aligner.facts.changed.name_replacements`) and the bylines that differ
    (:func:`~aligner.facts.bylines.byline_changes`).  Pickles: plain tuples and
    :class:`~aligner.facts.found.Found` records."""

    names: list[Found]
    replaced: list[Replacement]
    bylines: list[BylineChange]


def read_side_b(side_a: Side, side_b: Side, links: Sequence[Link],
                found_a: SideFacts | None = None, found_b: SideFacts | None = None) -> SideBReading:
    """Read what :func:`compare_facts` needs of side b given the links, but not the comparison.

    Takes the arguments of :func:`compare_facts` (``found_a`` and ``found_b`` only
    spare reading the persons again); its result, given to :func:`compare_facts` as
    ``side_b_read``, is what it would read itself.  Meant to run in another process
    while :func:`compare_facts` reads side a.
    """
    return _read_side_b(_Setting(side_a, side_b, links, found_a, found_b))


def compare_facts(side_a: Side, side_b: Side, links: Sequence[Link],
                  found_a: SideFacts | None = None, found_b: SideFacts | None = None, *,
                  side_b_read: SideBReading | Callable[[], SideBReading] | None = None) -> list[Fact]:
    """Return the facts of both sides compared inside links and across the document.

    Takes the two sides and the alignment's links, and optionally what
    :func:`extract_side` read in each side beforehand and what :func:`read_side_b`
    read (or a function returning it, called once side a is read, e.g. to wait for
    another process); what is not given is read here, with the same result.  Returns
    :class:`Fact` objects, conflicts first, then only_a, only_b, then shared, each in
    text order.
    """
    setting = _Setting(side_a, side_b, links, found_a, found_b)
    sides = setting.sides
    numbers = _numbers(setting, found_a, found_b)
    names_a = extract_names(side_a, setting.automaton, setting.read["a"])
    unread = {s: Unread(side, sorted(setting.identical[s])) for s, side in sides.items()}
    # Each segment's cut-offs and attribution, read once for both the filter and the claims.
    segment_claims: dict[str, dict] = {"a": {}, "b": {}}
    # The hour of a cut-off (截至下午3时) is no fact of its own; a date there is
    # kept, as an edited date stays a conflict.
    numbers = {s: [f for f in items if f.kind not in ("number", "time") or f.segment in setting.identical[s]
                   or not in_cutoff(sides[s], f, segment_claims[s])] for s, items in numbers.items()}
    # Nearly every figure is reported: its mention is cut now, while side b's reading
    # may still run in another process.
    for s, side in sides.items():
        for f in numbers[s]:
            mention_of(side, f)
    if side_b_read is None:
        side_b_read = _read_side_b(setting)
    elif callable(side_b_read):
        side_b_read = side_b_read()
    found = {"a": sorted([*numbers["a"], *names_a], key=attrgetter("start")),
             "b": sorted([*numbers["b"], *side_b_read.names], key=attrgetter("start"))}
    text_links = [link.basis == "text" for link in links]
    cmp = Comparison(sides, found, setting.in_link, unread, text_links, side_b_read.replaced, side_b_read.bylines,
                     setting.identical, segment_claims)
    for run in PASSES:
        run(cmp)
    credits = None if found_a is None or found_b is None else {"a": list(found_a.credits), "b": list(found_b.credits)}
    return sorted(without_credits(cmp.facts, sides, credits), key=report_order)


class _Setting:
    """What :func:`compare_facts` and :func:`read_side_b` both derive from the sides and
    the links: where each segment stands, which segments are read for names (those
    outside identical links), the persons found by cue there, and the name automaton."""

    def __init__(self, side_a: Side, side_b: Side, links: Sequence[Link],
                 found_a: SideFacts | None, found_b: SideFacts | None) -> None:
        self.sides = sides = {"a": side_a, "b": side_b}
        self.links = links
        self.positions = {s: _positions(side) for s, side in sides.items()}
        self.in_link = {s: _segment_links(side, links, s, self.positions[s]) for s, side in sides.items()}
        self.content = content = {s: content_segments(side) for s, side in sides.items()}
        link_identical = [link.status == "identical" for link in links]
        self.identical = identical = {
            s: {k for k in content[s] if (n := self.in_link[s][k]) is not None and link_identical[n]} for s in sides}
        self.read = read = {s: [k for k in content[s] if k not in identical[s]] for s in sides}
        self.persons = frozenset(
            name for s, side, given in (("a", side_a, found_a), ("b", side_b, found_b))
            for k, name in (persons_of(side, read[s]) if given is None else given.persons)
            if k not in identical[s])
        self.automaton = name_automaton(self.persons)


def _read_side_b(setting: _Setting) -> SideBReading:
    return SideBReading(extract_names(setting.sides["b"], setting.automaton, setting.read["b"]),
                        name_replacements(setting.sides, setting.links, setting.persons),
                        byline_changes(setting.sides, setting.in_link, setting.persons))


def _numbers(setting: _Setting, found_a: SideFacts | None, found_b: SideFacts | None) -> dict[str, list[Found]]:
    """The figures of both sides: a's content, b's content outside identical twins, and
    a's figures of the twins placed in b."""
    side_a, side_b = setting.sides["a"], setting.sides["b"]
    pairs = _identical_pairs(side_a, side_b, setting.links, setting.positions)
    numbers_a = list(found_a.numbers) if found_a is not None else extract_numbers(side_a, setting.content["a"])
    numbers_b = _numbers_of_b(side_b, setting.content["b"], pairs, found_b) + _mirrored(numbers_a, side_a, side_b, pairs)
    return {"a": numbers_a, "b": numbers_b}


def _numbers_of_b(side_b: Side, content: list[int], pairs: dict[int, int], found_b: SideFacts | None) -> list[Found]:
    """The numbers of b's content segments that are not the twin of an identical a segment.

    Taken from ``found_b`` when given: a segment's figures do not depend on the segments
    read with it, except for a figure cut at its point and glued across two segments,
    which is read again when only one of the two is a twin.
    """
    if found_b is not None and not any((k in pairs) != (k + 1 in pairs) for k in found_b.glued):
        return [f for f in found_b.numbers if f.segment not in pairs]
    return extract_numbers(side_b, [k for k in content if k not in pairs])


def _identical_pairs(side_a: Side, side_b: Side, links: Sequence[Link],
                     positions: dict[str, dict[str, int]]) -> dict[int, int]:
    """Segment index in b → in a, for identical one-to-one links with equal normalised text.

    ``positions`` gives, per side, the index of each segment id (:func:`_positions`)."""
    index_a, index_b = positions["a"], positions["b"]
    pairs = {}
    for link in links:
        if link.status == "identical" and len(link.a) == len(link.b) == 1:
            k, j = index_a[link.a[0]], index_b[link.b[0]]
            if side_a.segments[k].normalized == side_b.segments[j].normalized:
                pairs[j] = k
    return pairs


def _mirrored(found_a: list[Found], side_a: Side, side_b: Side, pairs: dict[int, int]) -> list[Found]:
    """The facts of a's identical segments, placed in their b twins (same text, so same facts)."""
    twin = {k: j for j, k in pairs.items()}
    mirrored = []
    for f in found_a:
        j = twin.get(f.segment)
        if j is not None:
            shift = side_b.segments[j].norm_start - side_a.segments[f.segment].norm_start
            mirrored.append(Found(f.kind, f.key, f.value, f.qualifier, f.start + shift, f.end + shift,
                                  j, f.around))
    return mirrored


def _positions(side: Side) -> dict[str, int]:
    """The index of each segment of ``side`` by its id."""
    return {seg_id: seg.index for seg_id, seg in segments_by_id(side.segments).items()}


def _segment_links(side: Side, links: Sequence[Link], column: str, position: dict[str, int]) -> list[int | None]:
    """The index of the link holding each segment of ``side`` (None when one-sided);
    ``position`` is :func:`_positions` of ``side``."""
    in_link: list[int | None] = [None] * len(side.segments)
    for n, link in enumerate(links):
        for seg_id in getattr(link, column):
            in_link[position[seg_id]] = n
    return in_link
