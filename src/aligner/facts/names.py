"""Names (persons, places, organisations) read in one source.

Two sources of names, from surest to broadest (a span the diff changed is read more
broadly still, by :mod:`aligner.facts.changed`):

* a gazetteer cut from jieba's dictionary (ns/nt words, ``data/names.tsv``) with an
  abbreviation table (中科院 = 中国科学院, ``data/abbreviations.json``), read with one
  Aho-Corasick automaton;
* person names next to a title or a verb of saying (董事长顾茸蕾, 侯孟炎说,
  ``data/person_cues.json``).

jieba's POS tagger is far over the time budget and tags many common words as names
(城市 ns, 拓宽 nr); the lists are its dictionary cut once into data.  Names are read
outside identical links only: there the words, and so the names, are the same on both
sides.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Sequence

from ..model import Side
from .found import Found, Joined
from .tables import alternation, load_table

# Characters that never stand inside a name: a changed span holding one is rewording.
NOT_IN_NAME = frozenset("的了在和是与及等也都就着过把被对从向为之其而这那")


# --------------------------------------------------------------------------- known names


@lru_cache(maxsize=None)
def gazetteer() -> dict[str, tuple[str, str]]:
    """Every known name form → (canonical name, kind), abbreviations included."""
    names = {word: (word, kind) for word, kind in load_table("names.tsv").items()}
    for short, row in load_table("abbreviations.json").items():
        if not short.startswith("_"):
            full, kind = row
            names[short] = names[full] = (full, kind)
    return names


@lru_cache(maxsize=None)
def _gazetteer_automaton():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form, entry in gazetteer().items():
        automaton.add_word(form, (len(form),) + entry)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=None)
def _person_pattern() -> re.Pattern:
    cues = load_table("person_cues.json")
    surname = f"(?:{alternation(cues['compound_surnames'])}|[{cues['surnames']}])"
    return re.compile(
        rf"(?:{alternation(cues['titles_before'])})(?P<before>{surname}[\u4e00-\u9fff]{{1,2}})"
        rf"|(?P<after>{surname}[\u4e00-\u9fff]{{1,2}}?)(?:{alternation(cues['verbs_after'])})"
    )


@lru_cache(maxsize=None)
def _cue_patterns() -> tuple[re.Pattern, re.Pattern, int]:
    """The titles and the verbs of saying alone (found at C speed, they show where a name
    may be), and the longest name :func:`_person_pattern` takes before a verb: the
    longest surname and two characters."""
    cues = load_table("person_cues.json")
    longest = max(map(len, cues["compound_surnames"]), default=1) + 2
    return re.compile(alternation(cues["titles_before"])), re.compile(alternation(cues["verbs_after"])), longest


# The shortest name before a verb of saying: a one-character surname and one more.
_SHORTEST_BEFORE_VERB = 2


def _person_matches(text: str):
    """Yield the matches of :func:`_person_pattern` in ``text``, the same as ``finditer``.

    The pattern tried at every character is slow; a match starts at a title or a few
    characters before a verb of saying, so it is tried only there, in order.
    Every occurrence of a cue starts inside a match of the cue pattern, so the
    positions of those matches cover overlapping cues (副总经理, 总经理) too.
    """
    titles, verbs, longest = _cue_patterns()
    starts = set()
    for m in titles.finditer(text):
        starts.update(range(m.start(), m.end()))
    for m in verbs.finditer(text):
        # A verb starting at v follows a name starting at v - longest … v - shortest.
        starts.update(range(max(0, m.start() - longest), m.end() - _SHORTEST_BEFORE_VERB))
    pattern, reached = _person_pattern(), 0
    for start in sorted(starts):
        if start >= reached and (m := pattern.match(text, start)):
            reached = m.end()
            yield m


# After a title, a three-character name is the rule; these end a two-character one (记者王明说).
_NAME_BREAK = set("说表介告认指称强在是的和与等也就向到把被对从为将了")
# Words of time that stand between a name and its verb (普丁周二表示: 丁周二 is no name).
_TIME_WORD = re.compile(r"周[一二三四五六日末]|星期.|[今昨前明当]天|[今昨当]日|日前|近日|[上下]午|晚间|早前")


def find_person_mentions(text: str) -> list[tuple[int, str]]:
    """Return (offset, name) of each person name recognised next to a title or a verb of
    saying in ``text``, in text order; the offset is where the name's match starts, its
    title included.  A match never crosses a line break, so the names of lines joined
    by newlines are the names of each line."""
    cues = load_table("person_cues.json")
    known = gazetteer()
    mentions = []
    for m in _person_matches(text):
        name = m["before"] or m["after"]
        if m["before"] and len(name) == 3 and name[2] in _NAME_BREAK:
            name = name[:2]
        time = _TIME_WORD.search(name, 1)
        if time is not None:
            name = name[:time.start()]
            if len(name) < 2:
                continue
        if name[1:] in cues["verbs_after"]:
            continue  # an adverb and a verb of saying after a title (总统曾指出, 总理也表示)
        if name not in cues["not_names"] and name not in known and not NOT_IN_NAME.intersection(name):
            mentions.append((m.start(), name))
    return mentions


def find_persons(text: str) -> set[str]:
    """Return person names recognised next to a title or a verb of saying in ``text``."""
    return {name for _, name in find_person_mentions(text)}


def name_automaton(persons: frozenset[str]):
    """The gazetteer plus this comparison's person names, as one automaton."""
    if not persons:
        return _gazetteer_automaton()
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form, entry in gazetteer().items():
        automaton.add_word(form, (len(form),) + entry)
    for name in persons:
        automaton.add_word(name, (len(name), name, "person"))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=None)
def forms_of() -> dict[str, tuple[str, ...]]:
    """Every written form of each canonical name (中国科学院: 中国科学院, 中科院)."""
    forms: dict[str, list[str]] = {}
    for form, (canonical, _) in gazetteer().items():
        forms.setdefault(canonical, []).append(form)
    return {canonical: tuple(sorted(f, key=len, reverse=True)) for canonical, f in forms.items()}


# --------------------------------------------------------------------------- names in a side


def persons_of(side: Side, segments: Sequence[int]) -> tuple[tuple[int, str], ...]:
    """(segment index, name) of the person names found by cue in ``segments`` of ``side``."""
    line_starts = list(accumulate((len(side.segments[k].normalized) + 1 for k in segments), initial=0))
    return tuple((segments[bisect_right(line_starts, at) - 1], name)
                 for at, name in find_person_mentions(_read_text(side, segments)))


def _read_text(side: Side, segments: Sequence[int]) -> str:
    """The normalised text of ``segments``, one per line."""
    return "\n".join(side.segments[k].normalized for k in segments)


def extract_names(side: Side, automaton, segments: Sequence[int]) -> list[Found]:
    """Return the persons, places and organisations named in ``side``'s ``segments``.

    ``automaton`` comes from :func:`name_automaton`.  Identical links are left out by
    the caller: there the words, and so the names, are the same on both sides.
    Returns :class:`Found` records, one per name and segment, valued by canonical name.
    """
    joined = Joined(side, segments)
    found, seen = [], set()
    for last, (length, canonical, kind) in automaton.iter_long(joined.text):
        record = joined.found(kind, (kind, "", canonical), canonical, "", last + 1 - length, last + 1)
        if record is not None and (record.segment, canonical) not in seen:
            seen.add((record.segment, canonical))
            found.append(record)
    return found


class Unread:
    """The segments of one side that name recognition skipped, for a look-up by name."""

    def __init__(self, side: Side, segments: Sequence[int]) -> None:
        self.joined = Joined(side, segments)
        self.cache: dict[str, Found | None] = {}

    def find(self, f: Found) -> Found | None:
        """The first mention of name ``f`` here, as a :class:`Found`, or None."""
        if f.value not in self.cache:
            text = self.joined.text
            hits = [(at, form) for form in forms_of().get(f.value, (f.value,))
                    if (at := text.find(form)) >= 0]  # finding a name to extract it
            self.cache[f.value] = None
            if hits:
                at, form = min(hits)
                self.cache[f.value] = self.joined.found(f.kind, f.key, f.value, "", at, at + len(form))
        return self.cache[f.value]
