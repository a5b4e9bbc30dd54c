"""The state of one comparison: what each side states, what is paired so far, the facts.

The passes of :mod:`aligner.facts.passes` read and extend it; this module holds what
they share: pairing, context similarity, look-ups by key and by place.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Sequence

from ..model import Fact, Mention, Side
from .bylines import BylineChange
from .changed import Replacement
from .claims import Claim, read_claim
from .found import LONGEST_MENTION, Found, mention_of
from .names import Unread

NAME_KINDS = ("person", "place", "organization")
# How many same-valued mentions are scored by context when one must be chosen.
CANDIDATES = 8


class Comparison:
    """The state of one comparison: what each side states, what is paired, the facts so far.

    ``found[s]`` lists the facts of side ``s`` in text order, ``in_link[s][k]`` the
    link of segment ``k`` (None when one-sided), ``unread[s]`` the segments that name
    recognition skipped (identical links), searched when a name is missing elsewhere;
    ``members[n]`` the facts of link ``n`` in a and in b.  ``replaced`` and ``bylines``
    are the names replaced in changed links and the changed bylines
    (:func:`aligner.facts.read_side_b`); ``text_links[n]`` whether link ``n`` was carried
    by its characters (one text copied: an unsaid cut-off is the same on both sides).
    ``paired[i]`` is the pair of found facts behind ``facts[i]`` when a pass paired two;
    ``identical[s]`` the segments of side ``s`` in identical links (no claim is read there).
    """

    def __init__(self, sides: dict[str, Side], found: dict[str, list[Found]], in_link: dict[str, list[int | None]],
                 unread: dict[str, Unread], text_links: Sequence[bool],
                 replaced: Sequence[Replacement], bylines: Sequence[BylineChange],
                 identical: dict[str, set[int]] | None = None):
        self.sides, self.found, self.in_link, self.unread = sides, found, in_link, unread
        self.identical = identical or {"a": set(), "b": set()}
        self.replaced, self.bylines, self.text_links = replaced, bylines, text_links
        self.members = _link_members(found, in_link, len(text_links))
        self.used: set[Found] = set()
        self.facts: list[Fact] = []
        self.paired: dict[int, tuple[Found, Found]] = {}
        self._claims: dict[str, dict[int, Claim | None]] = {"a": {}, "b": {}}
        self._segment_claims: dict[str, dict] = {"a": {}, "b": {}}
        self.index = {side: _by_key(items) for side, items in found.items()}
        self._cursor: dict[tuple[str, tuple], int] = {}
        self._starts = {side: [f.start for f in items] for side, items in found.items()}

    def overlapping(self, side: str, start: int, end: int) -> list[Found]:
        """The facts of ``side`` whose view span overlaps ``[start, end)`` (an empty span: touches it).

        ``found`` is in text order and mentions are short, so a bisect finds them.
        """
        end = max(end, start + 1)
        items, starts = self.found[side], self._starts[side]
        first = bisect_left(starts, start - LONGEST_MENTION)
        return [f for f in items[first:bisect_left(starts, end)] if start < f.end]

    def mention(self, side: str, f: Found) -> Mention:
        """The :class:`Mention` of ``f``, a fact of ``side``, with its claim's fields for a figure."""
        mention = f._mention or mention_of(self.sides[side], f)
        claim = self.claim(side, f)
        if claim is None or mention.measure is not None or claim.measure is None and claim.approx is None \
                and claim.cutoff is None and claim.attribution is None:
            return mention
        # A counted noun read next to a classifier (noun:…) pairs claims inside a link, but
        # is too unsure to tell a reader what the figure measures.
        listed = claim.measure is not None and claim.measure.listed
        f._mention = mention = replace(mention, measure=claim.measure.name if listed else None,
                                       approx=claim.approx, cutoff=claim.cutoff, attribution=claim.attribution)
        return mention

    def claim(self, side: str, f: Found) -> Claim | None:
        """The claim of figure ``f`` of ``side`` (:func:`~aligner.facts.claims.read_claim`), read once;
        None in an identical link, where both sides state the same claim in the same words."""
        if f.segment in self.identical[side]:
            return None
        claims = self._claims[side]
        key = id(f)
        if key not in claims:
            claims[key] = read_claim(self.sides[side], f, self._segment_claims[side])
        return claims[key]

    def link_of(self, side: str, f: Found) -> int | None:
        return self.in_link[side][f.segment]

    def pair(self, a: Found, b: Found, status: str, link: int | None, note: str | None = None) -> None:
        """Record a shared or conflicting pair and mark both as used; ``note`` (else how
        the values or qualifiers differ) is the fact's note."""
        self.used.update((a, b))
        note = note or _note(self.sides, a, b, status)
        self.paired[len(self.facts)] = (a, b)
        self.facts.append(Fact(a.kind, status, self.mention("a", a), self.mention("b", b), link, note))

    def free(self, side: str, key: tuple) -> list[Found]:
        """The first ``CANDIDATES`` unused facts of ``side`` with ``key``, document-wide."""
        items = self.index[side].get(key, ())
        k = self._cursor.get((side, key), 0)
        while k < len(items) and items[k] in self.used:
            k += 1  # the cursor skips the used head, so repeated values stay linear
        self._cursor[(side, key)] = k
        return [f for f in items[k:k + 2 * CANDIDATES] if f not in self.used][:CANDIDATES]


def _by_key(found: list[Found]) -> dict[tuple, list[Found]]:
    """The facts of one side by key, each list in text order."""
    index: dict[tuple, list[Found]] = {}
    for f in found:
        index.setdefault(f.key, []).append(f)
    return index


def _link_members(found: dict[str, list[Found]], in_link: dict[str, list[int | None]],
                  count: int) -> list[tuple[list[Found], list[Found]]]:
    """For each of the ``count`` links, the facts stated in its segments of a and of b."""
    members: list[tuple[list[Found], list[Found]]] = [([], []) for _ in range(count)]
    for column, side in enumerate(("a", "b")):
        segment_link = in_link[side]
        for f in found[side]:
            n = segment_link[f.segment]  # what ``link_of`` says, read in the loop: one per fact
            if n is not None:
                members[n][column].append(f)
    return members


def _note(sides: dict[str, Side], a: Found, b: Found, status: str) -> str | None:
    """The note of a pair: how a conflict's values, or a shared pair's qualifiers, differ."""
    if status == "conflict":
        return f"value differs: {shown(sides['a'], a)} / {shown(sides['b'], b)}"
    if a.qualifier != b.qualifier:
        return f"qualifier differs: {a.qualifier or 'none'} / {b.qualifier or 'none'}"
    return None


def shown(side: Side, f: Found) -> str:
    """A fact as the note names it: its qualifier and its words in the common script."""
    words = "".join(side.view.text[f.start:f.end].split())
    return words if f.kind == "date" else f.qualifier + words  # a date's 底 is inside its words


def similarity(a: Found, b: Found) -> float:
    """Share of character bigrams the two mentions' contexts have in common (0..1)."""
    if not a.grams or not b.grams:
        return 0.0
    return len(a.grams & b.grams) / len(a.grams | b.grams)


def best(f: Found, candidates: list[Found]) -> Found:
    """The candidate whose context is most like ``f``'s (the first on ties).

    Only the first ``CANDIDATES`` are scored: a value stated hundreds of times must
    not make the comparison quadratic.
    """
    if len(candidates) == 1:
        return candidates[0]
    chosen, chosen_score = candidates[0], -1.0
    for other in candidates[:CANDIDATES]:
        score = similarity(f, other)
        if score > chosen_score:
            chosen, chosen_score = other, score
    return chosen


_STATUS_ORDER = {"conflict": 0, "update": 1, "rounding": 2, "only_a": 3, "only_b": 4, "shared": 5}


def report_order(fact: Fact) -> tuple:
    """The sort key of the stage's output: conflicts, updates, roundings, only_a, only_b,
    shared, each in text order."""
    a = fact.a.start if fact.a else -1
    b = fact.b.start if fact.b else -1
    return (_STATUS_ORDER[fact.status], a, b, fact.kind)
