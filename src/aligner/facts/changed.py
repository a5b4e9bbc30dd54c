"""Names changed between the sources: a span the diff replaced that reads as a name on both sides.

A changed span is read more broadly than running text (:mod:`aligner.facts.names`):
besides the gazetteer and the persons found by cue, jieba's broad list of name words
(``data/name_lexicon.tsv.gz``), the shape of a name (宋凤芝, 摆勺村, 申花队), or merely a
short run of Han characters that is no common word (``data/fact_common_words.txt.gz``).
Two such names are a replacement, not rewording, when they are sure enough or stand in
the same words; two names of one entity (川普 / 特朗普, 喬治亞 = 格鲁吉亚 in Taiwan usage)
are noted so, to be reported shared (:func:`regional_note`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import eq, itemgetter
from typing import Sequence

from .. import regional
from ..convert import convert_text
from ..model import Edit, Link, Side, segments_by_id
from ..punctuation import reader_folded
from ..regional import TRANSLITERATION_THRESHOLD, same_entity, text_weights, transliteration_weight
from .names import NOT_IN_NAME, gazetteer
from .slots import NAME_LONGEST, changed_middle, narrowed_to_one_slot
from .tables import alternation, common_words, load_table, same_name, words

# A name read in a changed span: (view start, view end, kind or None, level).
ChangedName = tuple[int, int, str | None, int]


def _name_lexicon() -> regional.Lexicon:
    """jieba's words tagged as names (broad and noisy): word → person / place / organization."""
    return regional.name_lexicon()


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


# How far around a changed span a name containing it is looked for (its longest length:
# slots.NAME_LONGEST).
NAME_WINDOW = 4
# The same for the same-entity table's names (伯克希尔-哈撒韦公司) and for a transliterated
# name grown over its neighbours (梅尔·吉布森).
TABLE_WINDOW = 12
NAME_LONGEST_TRANSLITERATED = 12
# Least weight (regional.transliteration_weight's scale) of a character a transliterated
# name grows over: 斯 1.88, 尼 1.44, 普 1.39 do; 说 0.92, 日 1.03, 岛 1.08 do not.
EXTEND_WEIGHT = 1.5
# Written between a foreign name's parts.
NAME_SEPARATORS = frozenset("·‧・•")
_FOREIGN_NAME = re.compile(r"[\u4e00-\u9fff]+(?:[·‧・•][\u4e00-\u9fff]+)+")


# How sure a changed span is a name: curated list, jieba's broad list, shape, merely name-like;
# UNREAD: no name by any reading, but standing where a sure name stands on the other side.
CURATED, LISTED, SHAPED, NAME_LIKE, UNREAD = 3, 2, 1, 0, -1


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def is_common_word(text: str) -> bool:
    """Whether ``text`` is a frequent word that is not a name (进行, 表示, 图片)."""
    return text in common_words()


def changed_name(text: str, start: int, end: int, persons: frozenset[str]) -> ChangedName | None:
    """The name that the changed view span ``[start, end)`` belongs to: (start, end, kind, level).

    ``CURATED`` / ``LISTED``: the longest name of the gazetteer or the persons found by
    cue / of jieba's broad name words, overlapping the span (北京 → 南京 changes one
    character).  ``SHAPED``: the span has the shape of a name (宋凤芝, 摆勺村, 申花队).
    ``NAME_LIKE``: two to five characters with nothing that never stands in a name
    (华欣).  None otherwise.
    """
    # A name of the same-entity table may be in Latin letters (Google, Uber).
    table = _table_name(text, start, end) if start < end else None
    # Quotes and brackets taken along by the diff (“哈勃” → 「杉山絹子」) are not the name.
    while start < end and not is_han(text[start]):
        start += 1
    while end > start and not is_han(text[end - 1]):
        end -= 1
    if start == end:
        return table
    listed = _listed_name(text, start, end, persons, table)
    name = listed if listed is not None else _unlisted_name(text, start, end)
    return None if name is None else _whole_transliteration(text, _over_the_change(text, name, start, end))


# The most changed characters either side of a name that are taken into it.
CHANGE_INTO_NAME = 2


def _over_the_change(text: str, name: ChangedName, start: int, end: int) -> ChangedName:
    """``name`` grown over the rest of the changed span ``[start, end)`` where that is a
    character or two a name holds: the changed words are the name's (蜜雪儿 changed,
    雪儿 listed), not a longer change around it (意大利准备前往意, a doubled run)."""
    name_start, name_end, kind, level = name
    if 0 < name_start - start <= CHANGE_INTO_NAME and _name_characters(text[start:name_start]):
        name_start = start
    if 0 < end - name_end <= CHANGE_INTO_NAME and _name_characters(text[name_end:end]):
        name_end = end
    return name_start, name_end, kind, level


def _name_characters(text: str) -> bool:
    return all(is_han(char) and char not in NOT_IN_NAME or char in NAME_SEPARATORS for char in text)


def _listed_name(text: str, start: int, end: int, persons: frozenset[str],
                 table: ChangedName | None) -> ChangedName | None:
    """The longest curated or listed name overlapping the changed span ``[start, end)``, or None.

    ``table`` is the same-entity table's name there (:func:`_table_name`); the longer wins.
    """
    lexicon, known, heads = _name_lexicon(), gazetteer(), _name_heads(persons)
    best = table
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
    return best


def _table_name(text: str, start: int, end: int) -> ChangedName | None:
    """The longest name of the same-entity table overlapping ``[start, end)``, or None.

    Curated (川普, 休士顿, 罗拔·湛米基斯); those of two characters only listed, as some
    are words too (奇异, 沙龙)."""
    lo = max(0, start - TABLE_WINDOW)
    best = None
    for name_start, name_end, kind in regional.default_table().names_in(text[lo:min(len(text), end + TABLE_WINDOW)]):
        name_start, name_end = name_start + lo, name_end + lo
        if name_start < end and start < name_end and (best is None or name_end - name_start > best[1] - best[0]):
            best = (name_start, name_end, kind, CURATED if name_end - name_start > 2 else LISTED)
    return best


def table_name_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The view span of the same-entity table's longest name holding ``[start, end)`` (蒙特
    of 蒙特内哥罗), or the span itself."""
    found = _table_name(text, start, end)
    return found[:2] if found is not None and found[0] <= start and end <= found[1] else (start, end)


def _whole_transliteration(text: str, name: ChangedName) -> ChangedName:
    """``name`` grown over the characters either side that continue a transliterated
    name (賈伯 + 斯, 巴塞隆 + 纳), also across a separator (梅尔·吉布 + 森).

    Only a name that looks transliterated grows (:func:`aligner.regional.transliteration_weight`),
    and only over characters far more frequent in transliterated names than in Chinese
    ones (``EXTEND_WEIGHT``): 说, 日 and 岛 end a name.
    """
    start, end, kind, level = name
    if transliteration_weight(text[start:end]) < TRANSLITERATION_THRESHOLD:
        return name
    weights = text_weights()
    while end - start < NAME_LONGEST_TRANSLITERATED:
        step = 2 if text[end:end + 1] in NAME_SEPARATORS else 1
        if weights.get(text[end + step - 1:end + step], 0.0) < EXTEND_WEIGHT:
            break
        end += step
    while end - start < NAME_LONGEST_TRANSLITERATED:
        step = 2 if text[start - 1:start] in NAME_SEPARATORS else 1
        if start - step < 0 or weights.get(text[start - step], 0.0) < EXTEND_WEIGHT:
            break
        start -= step
    return (start, end, kind, level) if (start, end) != name[:2] else name


def _unlisted_name(text: str, start: int, end: int) -> ChangedName | None:
    """The changed span ``[start, end)`` (Han characters at both ends) as a name by its
    shape or as merely name-like, or None."""
    # A change may take a neighbouring word along (内塔尼亚胡与 → 刘荣惠和): trim it.
    while start < end and text[start] in NOT_IN_NAME:
        start += 1
    while end > start and text[end - 1] in NOT_IN_NAME:
        end -= 1
    span = text[start:end]
    if _FOREIGN_NAME.fullmatch(span) and len(span) <= NAME_LONGEST_TRANSLITERATED:
        return start, end, "person", SHAPED  # 嘉芙莲·碧格露: a foreign person's name as Chinese writes it
    if not 2 <= len(span) <= NAME_LONGEST or not all(map(is_han, span)):
        return None
    if len(span) >= 3 and min(text_weights().get(char, -9.0) for char in span) >= EXTEND_WEIGHT:
        return start, end, None, SHAPED  # 阿迪达斯: every character one of transliterations, not of text
    # The name's last character may be outside the change (卫生部 → 电力部 changes 卫生).
    for stop in range(end, min(len(text), end + 2) + 1):
        kind = _shape_of(text[start:stop])
        if kind is not None:
            return start, stop, kind, SHAPED
    if len(span) > 5 or NOT_IN_NAME.intersection(span) or span in common_words():
        return None
    return start, end, None, NAME_LIKE


def _shape_of(word: str) -> str | None:
    """The kind of name ``word`` has the shape of (宋凤芝, 摆勺村, 申花队), or None."""
    for shape, kind in _name_shapes():
        if (shape.fullmatch(word) and not NOT_IN_NAME.intersection(word.replace("共和国", ""))
                and not (kind == "person" and _is_word(word[1:]))):  # 曾指出, 路介面 are no names
            return kind
    return None


def _is_word(text: str) -> bool:
    """Whether ``text`` is a common word, or one in Taiwan usage (介面, mainland 界面)."""
    return text in common_words() or to_mainland_usage(text) != text


@lru_cache(maxsize=4)
def _name_heads(persons: frozenset[str]) -> frozenset[str]:
    """The first two characters of every name :func:`changed_name` may look up (gazetteer,
    ``persons``, jieba's name words): a place where none of them stands starts no name."""
    names = (*gazetteer(), *persons)
    return _name_lexicon().heads.union(map(itemgetter(slice(0, 2)), names))


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


# --------------------------------------------------------------------------- names replaced

# Characters either side of a changed name that must be the same on both sides.
NAME_NEIGHBOURS = 2


# How the note of two names of one entity starts (the JSON report's ``note``).
REGIONAL_NOTE = "regional name"
# A name replaced in a changed link: (link, name in a, name in b, note).  The note is
# set (``regional name: …``) when the two name one entity (川普 / 特朗普): shared, not a conflict.
Replacement = tuple[int, ChangedName, ChangedName, str | None]


def name_replacements(sides: dict[str, Side], links: Sequence[Link],
                      persons: frozenset[str]) -> list[Replacement]:
    """Names replaced inside changed links (a planted or real change of who, where, which body).

    Reads the diff's replace edits: both changed spans must read as names, and differ.
    Returns ``(link, name in a, name in b, note)`` per such edit, each name as
    :func:`changed_name` gives it, the note as :func:`regional_note` gives it.  Depends
    on the links and the texts only, not on the comparison, so it may be read in
    another process (:func:`aligner.facts.read_side_b`).
    """
    replaced = []
    by_id = {side: segments_by_id(sides[side].segments) for side in ("a", "b")}
    for n, link in enumerate(links):
        if link.status != "changed":
            continue
        bounds = [[(seg.norm_start, seg.norm_start + len(seg.normalized)) for seg in map(by_id[side].get, ids)]
                  for side, ids in (("a", link.a), ("b", link.b))]
        for edit in link.edits:
            if edit.op == "replace":
                names = _replaced_names(sides, edit, persons, bounds)
                if names is None:
                    continue
                note = regional_note(sides, names[0][:2], names[1][:2])
                # Taiwan usage of a word or a name (太空梭 = 航天飞机) is not a change either.
                if note is not None or not same_in_mainland_usage(sides, names[0][:2], names[1][:2]):
                    replaced.append((n, *names, note))
    return replaced


def _replaced_names(sides: dict[str, Side], edit: Edit, persons: frozenset[str],
                    bounds: list[list[tuple[int, int]]]) -> tuple[ChangedName, ChangedName] | None:
    """The two names of a replace edit (:func:`changed_name` of each side), when it
    replaces one name by another; ``bounds``: the view spans of the link's segments, per side."""
    texts = [sides[side].view.text for side in ("a", "b")]
    spans = narrowed_to_one_slot(texts, [(sides[side].view.derived_pos(start), sides[side].view.derived_pos(end))
                                         for side, (start, end) in (("a", edit.a), ("b", edit.b))])
    names = [changed_name(texts[0], *spans[0], persons), None]
    if names[0] is None and not _may_stand_in_for_a_name(texts[0], spans[0]):
        return None  # no name, nor words in a sure name's place: b need not be read
    names[1] = changed_name(texts[1], *spans[1], persons)
    if None in names:
        names = _in_a_sure_names_place(sides, names, spans, bounds)
        if names is None:
            return None
    names = _aligned(sides["a"].view.text, sides["b"].view.text, names, spans)
    (a0, a1, _, level_a), (b0, b1, _, level_b) = names
    text_a, text_b = sides["a"].view.text[a0:a1], sides["b"].view.text[b0:b1]
    if (same_name(text_a, text_b) or named_another_way(names[0][2], text_a, names[1][2], text_b)
            or not _names_replaced(sides, (a0, a1, level_a), (b0, b1, level_b), bounds)):
        return None
    return names[0], names[1]


def named_another_way(kind_a: str | None, text_a: str, kind_b: str | None, text_b: str) -> bool:
    """Whether two names (their kinds and words) may name one entity two ways, neither
    contradicting the other: a person and an office (习近平 / 国家主席, 特朗普 / 美国总统; not
    特朗普 / 拜登总统, a person again), or two names that differ only where one stands in a
    name's place (香港政府 / 特区政府, 台湾当局 / 岛内当局: :func:`is_stand_in`)."""
    for person, office, office_words in ((kind_a, kind_b, text_b), (kind_b, kind_a, text_a)):
        if person == "person" and office != "person" and office_words.endswith(_title_ends()):
            return True
    s_a, e_a, s_b, e_b = changed_middle(text_a, text_b)
    return is_stand_in(text_a[s_a:e_a]) or is_stand_in(text_b[s_b:e_b])


# Least level of a name whose whole edit is replaced by a common word, for the change to be
# a name replaced (平遥 / 阿根廷, 微软 / 欧佩克): a curated name, or a place or an organisation
# of jieba's list (its persons are noisier: 拓宽).  Any listed name will do when the words
# are no common word (欧向阳 / 余继军, 赵其林 / 江泽民).
SURE_LEVEL = CURATED
SURE_LISTED_KINDS = frozenset({"place", "organization"})


def _in_a_sure_names_place(sides: dict[str, Side], names: list[ChangedName | None], spans: list[tuple[int, int]],
                           bounds: list[list[tuple[int, int]]]) -> list[ChangedName] | None:
    """The two names of a replace edit where one side reads as no name (a common word such
    as 平遥 or 微软 in jieba's list, or 向 in 欧向阳): its words as an ``UNREAD`` name, when
    the other side is a sure name filling its own edit (less a word such as 的), the words
    around both edits are the same (or both edits open or close their segments:
    :func:`_places_kept`), and the words are 2 to ``NAME_LONGEST`` Han characters that
    stand in no name's place (:func:`is_stand_in`: 我国, 美方).  None otherwise.
    """
    if names.count(None) != 1:
        return None
    sure, unread = (0, 1) if names[1] is None else (1, 0)
    texts = [sides[side].view.text for side in "ab"]
    start, end, _, level = names[sure]
    if level < LISTED:
        return None
    (edit_start, edit_end), (u0, u1) = spans[sure], spans[unread]
    rest = texts[sure][edit_start:max(edit_start, start)] + texts[sure][min(end, edit_end):edit_end]
    if (start < edit_start or end > edit_end or len(rest) > CHANGE_INTO_NAME
            or any(is_han(char) and char not in NOT_IN_NAME for char in rest)):
        return None
    u0, u1 = _han_inside(texts[unread], (u0, u1))
    if not in_a_sure_names_place(names[sure], texts[unread][u0:u1]) or not all(_places_kept(texts, spans, bounds)):
        return None
    names[unread] = (u0, u1, None, UNREAD)
    return names


def _han_inside(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` of ``text`` less what is not Han at its ends."""
    u0, u1 = span
    while u0 < u1 and not is_han(text[u0]):
        u0 += 1
    while u1 > u0 and not is_han(text[u1 - 1]):
        u1 -= 1
    return u0, u1


def _may_stand_in_for_a_name(text: str, span: tuple[int, int]) -> bool:
    """Whether ``text[span]``, less what is not Han at its ends, is 2 to ``NAME_LONGEST`` Han
    characters: what words in a sure name's place must be (:func:`in_a_sure_names_place`)."""
    return _name_sized(text[slice(*_han_inside(text, span))])


def _name_sized(words: str) -> bool:
    """Whether ``words`` are 2 to ``NAME_LONGEST`` Han characters."""
    return 2 <= len(words) <= NAME_LONGEST and all(map(is_han, words))


def in_a_sure_names_place(sure: ChangedName, words: str) -> bool:
    """Whether ``words``, read as no name, may be a name standing where the name ``sure``
    stood: 2 to ``NAME_LONGEST`` Han characters, none at an end that never stands in a
    name, no word standing in a name's place (:func:`is_stand_in`), and a name sure enough
    for them (``SURE_LEVEL`` or ``SURE_LISTED_KINDS`` when they are a common word)."""
    _, _, kind, level = sure
    if (level < LISTED or not _name_sized(words)
            or words[0] in NOT_IN_NAME or words[-1] in NOT_IN_NAME or is_stand_in(words)):
        return False
    # jieba's persons are noisy (拓宽): one replaced by a common word is rewording.
    return level >= SURE_LEVEL or kind in SURE_LISTED_KINDS or not is_common_word(words)


def _places_kept(texts: list[str], spans: list[tuple[int, int]],
                 bounds: list[list[tuple[int, int]]]) -> tuple[bool, bool]:
    """Whether two view spans (of a and of b) have the same words before them, and after
    them, a segment's edge on both sides counting as the same (新华社记者贺劲松 / 微软记者贺劲松
    opening segments that follow different ones); ``bounds``: the view spans of the
    link's segments, per side."""
    def at_edge(side: int, end: int) -> bool:
        text, at = texts[side], spans[side][end]
        return any(not text[at:stop].strip() if end else not text[start:at].strip()
                   for start, stop in bounds[side] if start <= at <= stop)

    around = [_around(texts[side], *spans[side]) for side in (0, 1)]
    left, right = (around[0][end] == around[1][end] or at_edge(0, end) and at_edge(1, end) for end in (0, 1))
    return left, right


def is_stand_in(text: str) -> bool:
    """Whether ``text`` stands in a name's place without naming another (我国, 美方, 首都):
    ``name_stand_ins`` of ``data/fact_words.json``, in mainland usage."""
    return text in _stand_ins() or to_mainland_usage(text) in _stand_ins()


@lru_cache(maxsize=None)
def _stand_ins() -> frozenset[str]:
    return frozenset(words()["name_stand_ins"])


def _aligned(text_a: str, text_b: str, names: list[ChangedName], spans: list[tuple[int, int]]) -> list[ChangedName]:
    """The two names of one replace edit, each grown over the unchanged words around the
    edit that the other takes in: the words are the same, so the names start and end
    alike (梅尔·吉布森 / 梅尔·吉勃逊, where only 布森 / 勃逊 changed and only one side reads as
    a transliteration)."""
    (a0, a1, kind_a, level_a), (b0, b1, kind_b, level_b) = names
    (edit_a0, edit_a1), (edit_b0, edit_b1) = spans
    left = max(edit_a0 - a0, edit_b0 - b0, 0)
    while left and not _same_name_words(text_a[edit_a0 - left:edit_a0], text_b[max(0, edit_b0 - left):edit_b0], 0):
        left -= 1
    right = max(a1 - edit_a1, b1 - edit_b1, 0)
    while right and not _same_name_words(text_a[edit_a1:edit_a1 + right], text_b[edit_b1:edit_b1 + right], -1):
        right -= 1
    # A side grows only where the other's name reaches further into the same words, and
    # only a name that reaches the edge of its edit (not one inside a longer change).
    return [(*_grown(a0, a1, edit_a0, edit_a1, left, right), kind_a, level_a),
            (*_grown(b0, b1, edit_b0, edit_b1, left, right), kind_b, level_b)]


def _grown(start: int, end: int, edit_start: int, edit_end: int, left: int, right: int) -> tuple[int, int]:
    if left and start <= edit_start:
        start = min(start, edit_start - left)
    if right and end >= edit_end:
        end = max(end, edit_end + right)
    return start, end


def _same_name_words(a: str, b: str, outer: int) -> bool:
    """Whether ``a`` and ``b``, the unchanged words either side of an edit, may continue a
    name on both sides: the same characters a name holds, the end away from the edit
    (``outer``: 0 before it, -1 after it) no separator (梅尔· is no name's start)."""
    return a == b and _name_characters(a) and a[outer] not in NAME_SEPARATORS


def _names_replaced(sides: dict[str, Side], name_a: tuple[int, int, int], name_b: tuple[int, int, int],
                    bounds: list[list[tuple[int, int]]]) -> bool:
    """Whether two changed spans (view start, end, level of :func:`changed_name`) are one
    name replaced by another, not rewording (进行 → 开展, 智慧化 → 智能化).

    A curated name on one side, or a name listed or shaped on both, is enough; a name
    replaced by an unknown run of characters (利维 → 细川护熙) must keep the words
    around it, all of them when neither side is a listed name.
    """
    (a0, a1, level_a), (b0, b1, level_b) = name_a, name_b
    high, low = max(level_a, level_b), min(level_a, level_b)
    if low != NAME_LIKE:
        return True  # UNREAD too: its place was checked (_in_a_sure_names_place)
    texts = [sides["a"].view.text, sides["b"].view.text]
    if high >= LISTED:  # a name changed in place keeps a neighbour (a segment's edge is not enough)
        return any(map(eq, _around(texts[0], a0, a1), _around(texts[1], b0, b1)))
    left, right = _places_kept(texts, [(a0, a1), (b0, b1)], bounds)
    if high == SHAPED:
        return left and right
    return left and right and after_title(sides["a"].view.text, a0)


def regional_note(sides: dict[str, Side], span_a: tuple[int, int], span_b: tuple[int, int]) -> str | None:
    """``regional name: …`` when the names at two view spans, in the same slot, name one
    entity (:func:`aligner.regional.same_entity` of their original words: 川普 / 特朗普,
    紐西蘭 / 新西兰, 柯瑞 / 库里 by sound).  None otherwise."""
    reason = same_entity(*(_written(sides[side], span) for side, span in (("a", span_a), ("b", span_b))))
    if reason is None:
        slots = slot_spans(sides["a"].view.text, sides["b"].view.text, span_a, span_b)
        if slots != (span_a, span_b):
            reason = same_entity(*(_written(sides[side], span) for side, span in zip("ab", slots)))
    return None if reason is None else f"{REGIONAL_NOTE}: {reason}"


# The most characters a name is grown by, either way, to fill its slot.
SLOT_GROWTH = 6


def slot_spans(text_a: str, text_b: str, span_a: tuple[int, int],
               span_b: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Two names read in one slot, each grown over Han characters until the words
    just past both ends are the same on both sides: the names as the two sides differ,
    whole (巴塞罗 + 那 / 巴塞隆納, 库里 / 史蒂芬 + ·柯瑞), not cut where recognition stopped.
    An end that finds no such place stays."""
    (a0, a1), (b0, b1) = span_a, span_b
    a1, b1 = _slot_end(text_a, text_b, a1, b1, 1)
    a0, b0 = _slot_end(text_a, text_b, a0, b0, -1)
    return (a0, a1), (b0, b1)


def _slot_characters(text: str) -> bool:
    """Characters a name grows over to fill its slot: Han characters (那 of 巴塞罗那 too:
    the words past the slot decide) and name separators."""
    return all(is_han(char) or char in NAME_SEPARATORS for char in text)


def _slot_end(text_a: str, text_b: str, end_a: int, end_b: int, step: int) -> tuple[int, int]:
    """The nearest pair of ends (least growth in all) past which ``NAME_NEIGHBOURS``
    characters agree, going right (``step`` 1) or left (-1)."""
    def past(text: str, end: int) -> str:
        return text[end:end + NAME_NEIGHBOURS] if step > 0 else text[max(0, end - NAME_NEIGHBOURS):end]

    def grown(text: str, end: int, by: int) -> str:
        return text[end:end + by] if step > 0 else text[max(0, end - by):end]

    for total in range(SLOT_GROWTH + 1):
        for by_a in range(total + 1):
            by_b = total - by_a
            more_a, more_b = grown(text_a, end_a, by_a), grown(text_b, end_b, by_b)
            if len(more_a) < by_a or len(more_b) < by_b or not _slot_characters(more_a + more_b):
                continue
            at_a, at_b = end_a + step * by_a, end_b + step * by_b
            after_a, after_b = past(text_a, at_a), past(text_b, at_b)
            # The same words past both, or the same few before both texts end (喀拉蚩。).
            ends = at_a in (0, len(text_a)) or at_b in (0, len(text_b)) or len(after_a) < NAME_NEIGHBOURS
            if after_a == after_b and (len(after_a) == NAME_NEIGHBOURS or ends):
                return at_a, at_b
    return end_a, end_b


def _written(side: Side, span: tuple[int, int]) -> str:
    """The original words of a view span, spaces left out."""
    start, end = side.view.span(*span)
    return "".join(side.source.text[start:end].split())


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The neighbours of a name in view text, spaces left out, quote styles folded (「孙凯」制
    and “子刚”制 keep their words)."""
    left = "".join(text[max(0, start - NAME_NEIGHBOURS - 2):start].split())[-NAME_NEIGHBOURS:]
    right = "".join(text[end:end + NAME_NEIGHBOURS + 2].split())[:NAME_NEIGHBOURS]
    return reader_folded(left), reader_folded(right)


def same_in_mainland_usage(sides: dict[str, Side], span_a: tuple[int, int], span_b: tuple[int, int]) -> bool:
    """Whether one side's changed name, with a few characters around it, reads as the
    other's once Taiwan usage is made mainland usage (喬治亞 = 格鲁吉亚, 太空梭 = 航天飞机).

    The other name must stand where the changed name stood (within two characters), not
    merely nearby: 中国 a few words after 馒头营乡 is not 馒头营乡 written another way.
    """
    def around(side, start, end):
        view, source = sides[side].view, sides[side].source.text
        left = view.span(max(0, start - NAME_WINDOW), start)
        right = view.span(end, min(len(view.text), end + NAME_WINDOW))
        before = "".join(source[left[0]:left[1]].split())
        whole = to_mainland_usage("".join(source[left[0]:right[1]].split()))
        return len(before), whole

    def stands_in(name, side, span):
        before, whole = around(side, *span)
        at = whole.find(name, max(0, before - 2))  # reading converted text, not recovering a position
        return 0 <= at <= before + 2

    name_a = sides["a"].view.text[span_a[0]:span_a[1]]
    name_b = sides["b"].view.text[span_b[0]:span_b[1]]
    return stands_in(name_b, "a", span_a) or stands_in(name_a, "b", span_b)
