"""Same entity, regional names: 川普 / 特朗普, 紐西蘭 / 新西兰, 柯瑞 / 库里.

Taiwan, Hong Kong and mainland outlets name many foreign people, places and
companies differently; two reports that differ only so state no conflicting fact.
:func:`same_entity` tells, for two names, why they name one entity, or None:

1. both names once in simplified script (``convert.to_common_script``), with name
   separators (·, ‧, -) and spaces dropped, are one name;
2. the same-entity table (``data/regional_entities.tsv``, built by
   ``scripts/build_regional.py`` from OpenCC's regional tables and the project's
   own list) holds both in one row, also with or without 州 (德州 / 得克萨斯);
   a longer name matches where its table names do (美国总统川普 / 美國總統特朗普);
3. else, when one name at least looks transliterated (its characters are more
   frequent in transliterated than in Chinese names: ``transliteration_chars.tsv``;
   王伟 / 汪伟 are two people) and the table does not hold both (as two entities:
   伊斯兰堡 / 伊斯坦堡), their pinyin sound alike: :func:`phonetic_similarity` at or
   above ``PHONETIC_THRESHOLD``, or ``KNOWN_PHONETIC_THRESHOLD`` when the mainland name
   lexicon (``data/name_lexicon.tsv.gz``, from jieba) knows both (哈里斯 / 哈里森 are two
   people, 克林顿 / 柯林頓 one).  A name written with its given name is also compared by
   its family name against a name written without (库里 / 史蒂芬·柯瑞).
   The thresholds are chosen on data by ``bench/regional.py --choose``.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from operator import itemgetter
from typing import NamedTuple

from .convert import to_common_script
from .textmap import TextMap

# Chosen by ``python bench/regional.py --choose`` on the choice half of the table
# (see bench/README.md; tests/test_regional.py re-runs the choice): the least
# transliteration weight that at most 5 % of Chinese homophone name pairs
# (王伟 / 汪伟) reach, and the least similarity that at most 1 % of different
# entities' names and 5 % of the nearest-sounding other entity's names reach.
PHONETIC_THRESHOLD = 0.71
TRANSLITERATION_THRESHOLD = 0.48
# The same for two names both known (to the table or the name lexicon), which are two
# entities unless they sound nearly alike (哈里斯 / 哈里森; 克林顿 / 柯林頓 are one).
KNOWN_PHONETIC_THRESHOLD = 0.85

REGIONS = ("mainland", "taiwan", "hongkong")
# Written inside foreign names between given and family name, or dropped.
_SEPARATORS = re.compile(r"[\s·・‧•∙⋅.．\-－‐]+")


class Entity(NamedTuple):
    """One row of the same-entity table."""

    kind: str  # person, place or organization
    names: dict  # region → tuple of names as written
    source: str


class Reason(NamedTuple):
    """Why two names name one entity; ``str()`` is the sentence for a report."""

    basis: str  # "script", "table", "part" or "sound"
    kind: str | None
    text: str

    def __str__(self) -> str:
        return self.text


def fold(name: str) -> str:
    """``name`` in simplified script without separators, Latin letters lower case."""
    return unseparated(to_common_script(TextMap.identity(name)).text)


def unseparated(name: str) -> str:
    """``name`` (in simplified script) without separators, Latin letters lower case."""
    return _SEPARATORS.sub("", name).lower()


def simplified_all(names: list[str]) -> list[str]:
    """Each of ``names`` (none holding a line break) in simplified script, converted in
    one pass: no key of the conversion reaches across a line break."""
    return to_common_script(TextMap.identity("\n".join(names))).text.split("\n")


# ---------------------------------------------------------------- the table


def read_entities(text: str) -> tuple[Entity, ...]:
    """Parse ``regional_entities.tsv``."""
    entities = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, *cells, source = line.split("\t")
            names = {region: tuple(n for n in cell.split("|") if n) for region, cell in zip(REGIONS, cells)}
            entities.append(Entity(kind, names, source))
    return tuple(entities)


@lru_cache(maxsize=None)
def entities() -> tuple[Entity, ...]:
    path = resources.files("aligner") / "data" / "regional_entities.tsv"
    return read_entities(path.read_text(encoding="utf-8"))


class Table:
    """Folded name → the entities (row numbers) it names; a name may name several
    (喬治亞 is Georgia the country and Georgia the state)."""

    def __init__(self, rows: tuple[Entity, ...]):
        self.rows = rows
        self.index: dict[str, frozenset] = {}
        numbered = [(number, name) for number, entity in enumerate(rows)
                    for names in entity.names.values() for name in names]
        self.simplified = dict(zip((name for _, name in numbered), simplified_all([n for _, n in numbered])))
        for number, name in numbered:
            folded = unseparated(self.simplified[name])
            self.index[folded] = self.index.get(folded, frozenset()) | {number}
        self.longest = max(map(len, self.index), default=0)
        self._finder = None

    def lookup(self, folded: str) -> frozenset:
        """Rows naming ``folded``; a place also with or without 州 (麻州 / 马萨诸塞)."""
        found = self.index.get(folded)
        if found is not None or len(folded) < 2:
            return found or frozenset()
        other = folded[:-1] if folded.endswith("州") and len(folded) > 2 else folded + "州"
        return frozenset(n for n in self.index.get(other, ()) if self.rows[n].kind == "place")

    def names_in(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, kind) of every name of the table written in ``text`` (simplified
        common script, a foreign name's parts joined by any separator or none), in
        text order, overlapping ones included."""
        if self._finder is None:
            self._finder = _finder(self)
        if not len(self._finder):
            return []  # an empty table (pyahocorasick cannot search for nothing)
        return [(last + 1 - size, last + 1, kind) for last, (size, kind) in self._finder.iter(text)]

    def tokens(self, folded: str) -> list:
        """``folded`` cut into table names (as row sets, longest first from the left)
        and single characters between them."""
        tokens, start = [], 0
        while start < len(folded):
            for size in range(min(self.longest, len(folded) - start), 0, -1):
                rows = self.index.get(folded[start:start + size])
                if rows:
                    tokens.append(rows)
                    start += size
                    break
            else:
                tokens.append(folded[start])
                start += 1
        return tokens


@lru_cache(maxsize=None)
def default_table() -> Table:
    return Table(entities())


# How a foreign name's parts are joined in running text: the table's 梅尔·吉布森 is
# also found as 梅尔‧吉布森 or 梅尔吉布森.
_WRITTEN_SEPARATORS = ("·", "‧", "・", "•", ".", "-", " ", "")


def written_forms(table: Table, regions: tuple[str, ...] = REGIONS):
    """Yield (form, kind) for every way a table name of ``regions`` is written in
    simplified script: as in the table, and a foreign name's parts joined by each
    separator or none."""
    for entity in table.rows:
        for region in regions:
            for name in entity.names[region]:
                parts = [part for part in _SEPARATORS.split(table.simplified[name]) if part]
                for form in sorted({separator.join(parts) for separator in _WRITTEN_SEPARATORS} if parts else ()):
                    yield form, entity.kind


def _finder(table: Table):
    """An Aho-Corasick automaton of every table name in simplified script → (length, kind)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form, kind in written_forms(table):
        if form not in automaton:  # a name of several entities keeps the first one's kind
            automaton.add_word(form, (len(form), kind))
    automaton.make_automaton()
    return automaton


def _tokens_agree(a: list, b: list) -> bool:
    """Same length, some table name; characters equal, table names naming a common
    entity and standing alone (柯瑞斯 is not 柯瑞 and 斯: see :func:`_stands_alone`)."""
    if len(a) != len(b) or not any(isinstance(token, frozenset) for token in a):
        return False
    for index, (x, y) in enumerate(zip(a, b)):
        if isinstance(x, frozenset) and isinstance(y, frozenset):
            if not x & y or not (_stands_alone(a, index) and _stands_alone(b, index)):
                return False
        elif x != y:
            return False
    return True


def _stands_alone(tokens: list, index: int) -> bool:
    """The table name at ``index`` is not the start or end of a longer transliterated
    name: no neighbouring character looks transliterated (斯 does; 统 and 已 do not)."""
    weights = _char_weights()
    neighbours = tokens[index - 1:index] + tokens[index + 1:index + 2]
    return all(isinstance(t, frozenset) or weights.get(t, 0.0) < TRANSLITERATION_THRESHOLD for t in neighbours)


def _table_reason(table: Table, a: str, b: str, folded_a: str, folded_b: str) -> Reason | None:
    common = table.lookup(folded_a) & table.lookup(folded_b)
    if not common:
        tokens_a, tokens_b = table.tokens(folded_a), table.tokens(folded_b)
        if not _tokens_agree(tokens_a, tokens_b):
            return None
        common = next(x & y for x, y in zip(tokens_a, tokens_b) if isinstance(x, frozenset))
    entity = table.rows[min(common)]
    names = " / ".join(n for region in REGIONS for n in entity.names[region][:1])
    return Reason("table", entity.kind, f"{a} and {b} name one {entity.kind} ({names}; {entity.source})")


# ---------------------------------------------------------------- sound


@lru_cache(maxsize=None)
def _weight_columns() -> tuple[dict[str, float], dict[str, float]]:
    text = (resources.files("aligner") / "data" / "transliteration_chars.tsv").read_text(encoding="utf-8")
    names, in_text = {}, {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            char, weight, text_weight = line.split("\t")
            names[char], in_text[char] = float(weight), float(text_weight)
    return names, in_text


def _char_weights() -> dict[str, float]:
    """Character → weight in transliterated against Chinese person names."""
    return _weight_columns()[0]


def text_weights() -> dict[str, float]:
    """Character → weight in transliterated names against running text (斯 3.86, 当 -1.49)."""
    return _weight_columns()[1]


def transliteration_weight(name: str) -> float:
    """Mean weight of the characters of ``name`` (0 for unknown ones): above 0 it
    looks like a transliterated name (克林顿), below like a Chinese one (陈剑虹)."""
    chars = [char for char in name if "\u4e00" <= char <= "\u9fff"]
    weights = _char_weights()
    return sum(weights.get(char, 0.0) for char in chars) / len(chars) if chars else 0.0


_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
             "j", "q", "x", "r", "z", "c", "s", "y", "w")
# Initials that transliterations swap for one another (d/t, l/r/n, j/zh, ...).
_INITIAL_CLASSES = ("bp", "dt", "gkh", "fh", "lrn", "mn", "jqx", "zcszhchsh", "jzh", "qch", "xsh", "yw")
# Finals with their medial dropped and -ng made -n: the vowel a transliteration hears.
_NUCLEUS = {"ia": "a", "ua": "a", "uo": "o", "ie": "e", "ve": "e", "ue": "e", "iao": "ao", "iu": "ou",
            "ui": "ei", "un": "en", "vn": "en", "in": "en", "ian": "an", "uan": "an", "van": "an",
            "iang": "an", "uang": "an", "ang": "an", "eng": "en", "ing": "en", "ong": "on", "iong": "on",
            "uai": "ai", "v": "u", "i": "ei"}
_CLOSE_VOWELS = ({"e", "u", "o", "ou"}, {"a", "ai", "ao"}, {"ei", "e"}, {"en", "an", "on"},
                 # a vowel with and without its nasal: 巴尼 ba ni / 班尼 ban ni, 蓋 gai / 甘 gan
                 {"a", "an"}, {"e", "en"}, {"o", "on"}, {"ou", "on"}, {"u", "on"}, {"ai", "an"})


def _split(syllable: str) -> tuple[str, str]:
    for initial in _INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            final = syllable[len(initial):]
            if initial in ("j", "q", "x", "y") and final.startswith("u"):
                final = "v" + final[1:]  # ju is jü
            return initial, final
    return "", syllable


def _initial_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if {a, b} == {"l", "r"}:
        return 0.8  # an English r is written with l: Curry 库里, Trump 特朗普
    if any(a in group and b in group for group in _initial_groups()):
        return 0.6
    return 0.0


@lru_cache(maxsize=None)
def _initial_groups() -> tuple[frozenset, ...]:
    """The classes as sets of initials (``zcszhchsh`` is z c s zh ch sh)."""
    groups = []
    for spelled in _INITIAL_CLASSES:
        members = set(re.findall(r"zh|ch|sh|[a-z]", spelled))
        groups.append(frozenset(members))
    groups.append(frozenset({"", "y", "w"}))
    return tuple(groups)


def _final_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    nucleus_a, nucleus_b = _NUCLEUS.get(a, a), _NUCLEUS.get(b, b)
    if nucleus_a == nucleus_b:
        return 0.8
    if any(nucleus_a in group and nucleus_b in group for group in _CLOSE_VOWELS):
        return 0.5
    return 0.0


@lru_cache(maxsize=1 << 16)
def _syllable_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    (initial_a, final_a), (initial_b, final_b) = _split(a), _split(b)
    return 0.4 * _initial_similarity(initial_a, initial_b) + 0.6 * _final_similarity(final_a, final_b)


@lru_cache(maxsize=1 << 16)
def syllables(name: str) -> tuple[str, ...]:
    """Pinyin of ``name`` without tones, one syllable a Chinese character (others dropped)."""
    readings = _readings()
    return tuple(readings[char] for char in name if char in readings)


@lru_cache(maxsize=None)
def _readings() -> dict[str, str]:
    """Character → its toneless pinyin (pypinyin's first reading, shipped as
    ``data/pinyin_chars.tsv``: loading pypinyin itself takes far longer)."""
    text = (resources.files("aligner") / "data" / "pinyin_chars.tsv").read_text(encoding="utf-8")
    readings = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            syllable, chars = line.split("\t")
            readings.update(dict.fromkeys(chars, syllable))
    return readings


# Syllables that write a lone consonant of the foreign name (尔 er, 斯 si, 特 te, 德 de,
# 克 ke, 夫 fu, 姆 mu): one spelling keeps them, another drops them (伊斯坦布尔 / 伊斯坦堡,
# 戈尔巴乔夫 / 戈巴契夫), so adding or dropping one costs less than a full syllable.
_WEAK_FINALS = {"e": "bpmfdtnlgkhzcsrjqxy", "i": "zcsr", "u": "bpmf", "er": ""}
WEAK_SYLLABLE_COST = 0.5


@lru_cache(maxsize=1 << 12)
def _indel_cost(syllable: str) -> float:
    """What adding or dropping ``syllable`` costs: less for a lone consonant's syllable."""
    initial, final = _split(syllable)
    initials = _WEAK_FINALS.get(final)
    weak = initials is not None and (initial in initials or final == "er" or initial in ("zh", "ch", "sh") and final == "i")
    return WEAK_SYLLABLE_COST if weak else 1.0


# Least likeness of two syllables that one name's two spellings may write in one place:
# below it (bi / rui, nan / bei) they are another syllable, dropped and added.
LEAST_SYLLABLE_LIKENESS = 0.3


def _change_cost(a: str, b: str, drop_a: float, drop_b: float) -> float:
    likeness = _syllable_similarity(a, b)
    return 1.0 - likeness if likeness >= LEAST_SYLLABLE_LIKENESS else drop_a + drop_b


def phonetic_similarity(a: str, b: str) -> float:
    """How alike two names sound, 0 to 1: one minus the least cost of turning one's
    syllables into the other's (a syllable changed costs one minus the likeness of
    initials and finals, or, for unlike syllables, as much as dropping one and adding the
    other; one added or dropped costs 1, a lone consonant's syllable less:
    :func:`_indel_cost`) over the longer's count."""
    x, y = syllables(a), syllables(b)
    if not x or not y:
        return 0.0
    drop_y = [_indel_cost(other) for other in y]
    previous = [0.0]
    for cost in drop_y:
        previous.append(previous[-1] + cost)
    for syllable in x:
        drop = _indel_cost(syllable)
        current = [previous[0] + drop]
        for j, other in enumerate(y, 1):
            change = previous[j - 1] + _change_cost(syllable, other, drop, drop_y[j - 1])
            current.append(min(change, previous[j] + drop, current[j - 1] + drop_y[j - 1]))
        previous = current
    return max(0.0, 1.0 - previous[-1] / max(len(x), len(y)))


class Lexicon:
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
def name_lexicon() -> Lexicon:
    """The mainland name lexicon: jieba's words tagged as names (broad and noisy), word →
    person / place / organization (``data/name_lexicon.tsv.gz``)."""
    data = (resources.files("aligner") / "data" / "name_lexicon.tsv.gz").read_bytes()
    return Lexicon(gzip.decompress(data).decode("utf-8").split("\n"))


def known(folded: str, table: Table) -> bool:
    """True when the table or the mainland name lexicon holds the (folded) name."""
    return bool(table.lookup(folded)) or name_lexicon().get(folded) is not None


def _sound_reason(a: str, b: str, table: Table, threshold: float) -> Reason | None:
    if max(transliteration_weight(a), transliteration_weight(b)) < TRANSLITERATION_THRESHOLD:
        return None
    if table.lookup(a) and table.lookup(b):
        return None  # the table names both, as two entities (伊斯兰堡 / 伊斯坦堡)
    if known(a, table) and known(b, table):
        threshold = max(threshold, KNOWN_PHONETIC_THRESHOLD)
    score = phonetic_similarity(a, b)
    if score < threshold:
        return None
    sounds = f"{' '.join(syllables(a))} / {' '.join(syllables(b))}"
    return Reason("sound", None, f"{a} and {b} sound alike as transliterations ({sounds}, {score:.2f})")


# ---------------------------------------------------------------- public API


def same_entity(name_a: str, name_b: str, table: Table | None = None,
                threshold: float | None = None) -> Reason | None:
    """Why ``name_a`` and ``name_b`` name one entity, or None when nothing says so.

    ``table`` defaults to the shipped one, ``threshold`` to ``PHONETIC_THRESHOLD``.
    """
    folded_a, folded_b = fold(name_a), fold(name_b)
    if not folded_a or not folded_b:
        return None
    if folded_a == folded_b:
        return Reason("script", None, f"{name_a} and {name_b} are one name in two scripts")
    table = table or default_table()
    threshold = PHONETIC_THRESHOLD if threshold is None else threshold
    reason = (_table_reason(table, name_a, name_b, folded_a, folded_b)
              or _sound_reason(folded_a, folded_b, table, threshold))
    if reason is None:
        for a, b in (*_without_state(folded_a, folded_b), *_with_one_part(name_a, name_b)):
            reason = (Reason("part", None, f"{name_a} and {name_b} share the name {a}") if a == b
                      else _sound_reason(a, b, table, threshold))
    return reason


def _without_state(folded_a: str, folded_b: str) -> list[tuple[str, str]]:
    """The two names with 州 dropped where one side alone writes it (马里兰 / 馬利蘭州), as
    the table is looked up; not against a city (俄克拉荷马市 / 奧克拉荷馬州)."""
    ends = {folded_a[-1:], folded_b[-1:]}
    if "州" in ends and len(ends) == 2 and not ends & _CITY_ENDS and min(len(folded_a), len(folded_b)) > 2:
        return [(folded_a.removesuffix("州"), folded_b.removesuffix("州"))]
    return []


_CITY_ENDS = {"市", "城"}


def _with_one_part(name_a: str, name_b: str) -> list[tuple[str, str]]:
    """A one-part name against the last part of the other, a foreign name written with
    its given name (库里 / 史蒂芬·柯瑞): one side named the person by the family name
    alone.  Empty when both or neither have parts."""
    if not _SEPARATORS.search(name_a + name_b):
        return []
    parts_a, parts_b = _parts(name_a), _parts(name_b)
    if len(parts_a) > 1 and len(parts_b) < 2:
        return [(parts_a[-1], fold(name_b))]
    if len(parts_b) > 1 and len(parts_a) < 2:
        return [(fold(name_a), parts_b[-1])]
    return []


def _parts(name: str) -> list[str]:
    """The folded parts (two characters or more) of a name written with separators."""
    parts = _SEPARATORS.split(to_common_script(TextMap.identity(name)).text.lower())
    return [part for part in parts if len(part) > 1]
