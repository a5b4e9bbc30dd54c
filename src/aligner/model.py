"""The data model every stage shares: small frozen dataclasses (with slots: less
memory and faster attribute access for the tens of thousands of segments of a book).

Offsets (``start``/``end``) always index ``Source.text``, the text exactly as
decoded from the file's bytes, end-exclusive.  ``Report`` is the contract between
the pipeline and the renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from .textmap import TextMap

if TYPE_CHECKING:
    from .readers import Document

Span = tuple[int, int]

FACT_STATUSES = ("shared", "conflict", "only_a", "only_b", "update", "rounding")


@dataclass(frozen=True, slots=True)
class Source:
    """One input document as read from disk.

    ``id`` is ``"a"`` or ``"b"``; ``script`` is simplified / traditional / mixed /
    none; ``replaced`` lists the offsets where undecodable bytes became U+FFFD.
    ``document`` says how a web page or PDF was read (its format, blocks, pages,
    metadata, what was left out); for those, ``text`` is the extracted text.
    """

    id: str
    path: str
    text: str
    encoding: str
    script: str
    sha256: str
    size: int = 0
    replaced: tuple[int, ...] = ()
    document: Document | None = None

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def format(self) -> str:
        """text, html or pdf."""
        return self.document.format if self.document is not None else "text"


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence, heading, caption or boilerplate run of one source.

    ``text == source.text[start:end]``; ``normalized`` is the same span after
    cleaning and conversion to the common script (what matching compares).
    ``norm_start`` is where ``normalized`` starts in the converted view text, so
    that positions inside it can be mapped back to the original.
    """

    id: str
    side: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    normalized: str
    kind: str = "sentence"
    norm_start: int = 0

    @property
    def is_content(self) -> bool:
        return self.kind != "boilerplate"


def segments_by_id(segments: Iterable[Segment]) -> dict[str, Segment]:
    """Each segment by its id (``a12``): the one way segments are looked up from links."""
    return {segment.id: segment for segment in segments}


@dataclass(frozen=True, slots=True)
class Edit:
    """One character-level difference inside a link, as spans of both originals.

    ``op`` is replace / delete / insert; a delete has an empty ``b`` span at the
    place where the text would be in b (and an insert likewise in a).
    """

    op: str
    a: Span
    b: Span


@dataclass(frozen=True, slots=True)
class Link:
    """n segments of a aligned with m segments of b."""

    a: tuple[str, ...]
    b: tuple[str, ...]
    status: str  # identical | changed
    score: float
    moved: bool = False
    edits: tuple[Edit, ...] = ()
    basis: str = "text"  # what carried the link: text (the characters) | content (rare words, figures) | clause (part of a statement)
    # A clause link's restated clause: (side, start, end) in that side's original, in its longest segment.
    clause: tuple[str, int, int] | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a fact is stated: a span of one original and its normalised value; for a
    figure read as a claim (1.1), what it measures, its approximation, its cut-off time
    and its attribution, each None when not said."""

    start: int
    end: int
    text: str
    value: Any = None
    measure: str | None = None
    approx: str | None = None
    cutoff: str | None = None
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact compared across the sources: shared, conflict, only_a or only_b."""

    kind: str
    status: str
    a: Mention | None = None
    b: Mention | None = None
    link: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Repair:
    """A cleaning step that changed one source: its name, how often, and where."""

    name: str
    count: int
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class SideInfo:
    """What the pipeline learned about one source beyond its segments."""

    repairs: tuple[Repair, ...] = ()
    lost_glyphs: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Side:
    """One source as the later stages see it: the original, its converted view
    (a ``TextMap`` whose ``text`` is the cleaned, common-script text mapped back to
    ``source.text``), its segments in reading order, and what cleaning found."""

    source: Source
    view: TextMap
    segments: tuple[Segment, ...]
    info: SideInfo = field(default_factory=SideInfo)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the renderers need: sources, segments, links, facts, options."""

    tool_version: str
    options: dict[str, Any]
    sources: tuple[Source, Source]
    segments_a: tuple[Segment, ...]
    segments_b: tuple[Segment, ...]
    links: tuple[Link, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    facts: tuple[Fact, ...] = ()
    info_a: SideInfo = field(default_factory=SideInfo)
    info_b: SideInfo = field(default_factory=SideInfo)

    @property
    def summary(self) -> dict[str, int]:
        """Counts for the summary: links by status, moved, one-sided, facts by status."""
        counts = {
            "identical": sum(1 for link in self.links if link.status == "identical"),
            "changed": sum(1 for link in self.links if link.status == "changed"),
            "moved": sum(1 for link in self.links if link.moved),
            "only_a": len(self.only_a),
            "only_b": len(self.only_b),
        }
        for status in FACT_STATUSES:
            counts[f"facts_{status}"] = sum(1 for fact in self.facts if fact.status == status)
        return counts

    @property
    def agree(self) -> bool:
        """True when every content segment is in an identical, unmoved link."""
        s = self.summary
        return (s["changed"] == s["moved"] == s["only_a"] == s["only_b"] == s["facts_conflict"]
                == s["facts_update"] == s["facts_rounding"] == 0)
