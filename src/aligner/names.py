"""Name recognition for the facts stage: persons, places and organisations.

Three sources of names, from surest to broadest:

* a gazetteer cut from jieba's dictionary (ns/nt words, ``data/names.tsv``) with an
  abbreviation table (中科院 = 中国科学院, ``data/abbreviations.json``), read with one
  Aho-Corasick automaton;
* person names next to a title or a verb of saying (董事长顾茸蕾, 侯孟炎说,
  ``data/person_cues.json``);
* for a span the diff changed: jieba's broad list of name words
  (``data/name_lexicon.tsv.gz``), the shape of a name (宋凤芝, 摆勺村, 申花队), or merely a
  short run of Han characters that is no common word (``data/fact_common_words.txt.gz``).

jieba's POS tagger was measured at ~40 s per MB plus ~1.8 s start-up, far over the
budget, and tags many common words as names (城市 ns, 拓宽 nr); the lists are its
dictionary cut once into data.  This module reads text only: comparing names across
sources is :mod:`aligner.facts`'s work.  It also holds the stage's table loader.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from functools import lru_cache
from operator import itemgetter
from importlib.resources import files
from typing import Any

from .convert import convert_text


@lru_cache(maxsize=None)
def load_table(name: str) -> Any:
    """Load one of the stage's data files (JSON, or TSV of name<TAB>kind) once."""
    text = files("aligner").joinpath("data", name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        return json.loads(text)
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: kind for word, kind in rows}


def alternation(words) -> str:
    """Regex alternation of ``words``, longest first so the longest unit wins."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


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

    The pattern tried at every character costs ~0.2 s per MB; a match starts at a title
    or a few characters before a verb of saying, so it is tried only there, in order.
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


# --------------------------------------------------------------------------- changed spans


class _Lexicon:
    """word → kind over the sorted lines ``word<TAB>kind`` of the lexicon file.

    Looked up by bisection, so loading is one split of the text, not a
    hundred thousand dictionary insertions (it is needed even on small inputs).
    """

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        # The first two characters of every word: most character pairs of a text start
        # no name, and a set says so faster than a bisection (words have two or more).
        self.heads = frozenset(map(itemgetter(slice(0, 2)), lines))

    def get(self, word: str) -> str | None:
        if len(word) > 1 and word[:2] not in self.heads:
            return None
        key = word + "\t"
        i = bisect_left(self._lines, key)
        if i < len(self._lines) and self._lines[i].startswith(key):
            return self._lines[i][len(key):]
        return None


@lru_cache(maxsize=None)
def _name_lexicon() -> _Lexicon:
    """jieba's words tagged as names (broad and noisy): word → person / place / organization."""
    import gzip

    text = gzip.decompress(files("aligner").joinpath("data", "name_lexicon.tsv.gz").read_bytes()).decode("utf-8")
    return _Lexicon(text.split("\n"))


@lru_cache(maxsize=None)
def _name_shapes() -> list[tuple[re.Pattern, str]]:
    """Patterns of a whole changed span that reads as a name: 宋凤芝, 摆勺村, 申花队."""
    cues = load_table("person_cues.json")
    surname = f"(?:{alternation(cues['compound_surnames'])}|[{cues['surnames']}])"
    return [
        (re.compile(rf"{surname}[\u4e00-\u9fff]{{1,2}}"), "person"),
        (re.compile(r"[\u4e00-\u9fff]{1,5}[村镇乡县市省州区岛湾]"), "place"),
        (re.compile(r"[\u4e00-\u9fff]{1,6}(?:共和国|王国)"), "place"),
        (re.compile(r"[\u4e00-\u9fff]{1,8}(?:队|社|部|局|院|所|委|会|厅|公司|集团|大学|银行)"), "organization"),
    ]


# How far around a changed span a name containing it is looked for, and its longest length.
NAME_WINDOW = 4
NAME_LONGEST = 8


# Characters that never stand inside a name: a changed span holding one is rewording.
NOT_IN_NAME = frozenset("的了在和是与及等也都就着过把被对从向为之其而这那")
# How sure a changed span is a name: curated list, jieba's broad list, shape, merely name-like.
CURATED, LISTED, SHAPED, NAME_LIKE = 3, 2, 1, 0


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def is_common_word(text: str) -> bool:
    """Whether ``text`` is a frequent word that is not a name (进行, 表示, 图片)."""
    return text in _common_words()


def changed_name(text: str, start: int, end: int, persons: frozenset[str]) -> tuple[int, int, str | None, int] | None:
    """The name that the changed view span ``[start, end)`` belongs to: (start, end, kind, level).

    ``CURATED`` / ``LISTED``: the longest name of the gazetteer or the persons found by
    cue / of jieba's broad name words, overlapping the span (北京 → 南京 changes one
    character).  ``SHAPED``: the span has the shape of a name (宋凤芝, 摆勺村, 申花队).
    ``NAME_LIKE``: two to five characters with nothing that never stands in a name
    (华欣).  None otherwise.
    """
    # Quotes and brackets taken along by the diff (“哈勃” → 「杉山絹子」) are not the name.
    while start < end and not is_han(text[start]):
        start += 1
    while end > start and not is_han(text[end - 1]):
        end -= 1
    if start == end:
        return None
    lexicon, known, heads = _name_lexicon(), gazetteer(), _name_heads(persons)
    best = None
    lo, hi = max(0, start - NAME_WINDOW), min(len(text), end + NAME_WINDOW)
    for i in range(lo, end):
        if text[i:i + 2] not in heads:
            continue  # no listed name starts here: nine places in ten
        for j in range(max(i + 2, start + 1), min(hi, i + NAME_LONGEST) + 1):
            word = text[i:j]
            curated = known.get(word, (None, None))[1] or ("person" if word in persons else None)
            kind = curated or lexicon.get(word)
            if not kind or best is not None and j - i <= best[1] - best[0]:
                continue
            # A listed word that is exactly the changed span may hold 其 or 那 (钱其琛, 那曲).
            if (i, j) == (start, end) or not NOT_IN_NAME.intersection(word):
                best = (i, j, kind, CURATED if curated else LISTED)
    if best is not None:
        return best
    # A change may take a neighbouring word along (内塔尼亚胡与 → 刘荣惠和): trim it.
    while start < end and text[start] in NOT_IN_NAME:
        start += 1
    while end > start and text[end - 1] in NOT_IN_NAME:
        end -= 1
    span = text[start:end]
    if not 2 <= len(span) <= NAME_LONGEST or not all(map(is_han, span)):
        return None
    # The name's last character may be outside the change (卫生部 → 电力部 changes 卫生).
    for stop in range(end, min(len(text), end + 2) + 1):
        word = text[start:stop]
        for shape, kind in _name_shapes():
            if (shape.fullmatch(word) and not NOT_IN_NAME.intersection(word.replace("共和国", ""))
                    and not (kind == "person" and word[1:] in _common_words())):  # 曾指出 is no name
                return start, stop, kind, SHAPED
    if len(span) > 5 or NOT_IN_NAME.intersection(span) or span in _common_words():
        return None
    return start, end, None, NAME_LIKE


@lru_cache(maxsize=4)
def _name_heads(persons: frozenset[str]) -> frozenset[str]:
    """The first two characters of every name :func:`changed_name` may look up (gazetteer,
    ``persons``, jieba's name words): a place where none of them stands starts no name."""
    names = (*gazetteer(), *persons)
    return _name_lexicon().heads.union(map(itemgetter(slice(0, 2)), names))


@lru_cache(maxsize=None)
def _common_words() -> frozenset[str]:
    """Frequent words that are not names (进行, 表示, 区域性): ``data/fact_common_words.txt.gz``."""
    import gzip

    text = gzip.decompress(files("aligner").joinpath("data", "fact_common_words.txt.gz").read_bytes())
    return frozenset(line for line in text.decode("utf-8").splitlines() if line and not line.startswith("#"))


def to_mainland_usage(text: str) -> str:
    """``text`` with Taiwan usage made mainland usage (喬治亞 → 格鲁吉亚, 太空梭 → 航天飞机)."""
    return convert_text(text, "tw2sp")


@lru_cache(maxsize=None)
def _title_ends() -> tuple[str, ...]:
    cues = load_table("person_cues.json")
    return tuple(cues["titles_before"])


def after_title(text: str, start: int) -> bool:
    """Whether a title stands right before view offset ``start`` (外长利维)."""
    return text[max(0, start - 5):start].endswith(_title_ends())
