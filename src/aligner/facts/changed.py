"""Names changed between the sources: a span the diff replaced that reads as a name on both sides.

A changed span is read more broadly than running text (:mod:`aligner.facts.names`):
besides the gazetteer and the persons found by cue, jieba's broad list of name words
(``data/name_lexicon.tsv.gz``), the shape of a name (宋凤芝, 摆勺村, 申花队), or merely a
short run of Han characters that is no common word (``data/fact_common_words.txt.gz``).
Two such names are a replacement, not rewording, when they are sure enough or stand in
the same words; a name in Taiwan usage (喬治亞 = 格鲁吉亚) is not a change.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from importlib.resources import files
from operator import itemgetter
from typing import Sequence

from ..convert import convert_text
from ..model import Edit, Link, Side
from .names import NOT_IN_NAME, gazetteer
from .tables import alternation, load_table, same_name

# A name read in a changed span: (view start, view end, kind or None, level).
ChangedName = tuple[int, int, str | None, int]


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


# How sure a changed span is a name: curated list, jieba's broad list, shape, merely name-like.
CURATED, LISTED, SHAPED, NAME_LIKE = 3, 2, 1, 0


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def is_common_word(text: str) -> bool:
    """Whether ``text`` is a frequent word that is not a name (进行, 表示, 图片)."""
    return text in _common_words()


def changed_name(text: str, start: int, end: int, persons: frozenset[str]) -> ChangedName | None:
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
    listed = _listed_name(text, start, end, persons)
    return listed if listed is not None else _unlisted_name(text, start, end)


def _listed_name(text: str, start: int, end: int, persons: frozenset[str]) -> ChangedName | None:
    """The longest curated or listed name overlapping the changed span ``[start, end)``, or None."""
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
    return best


def _unlisted_name(text: str, start: int, end: int) -> ChangedName | None:
    """The changed span ``[start, end)`` (Han characters at both ends) as a name by its
    shape or as merely name-like, or None."""
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
        kind = _shape_of(text[start:stop])
        if kind is not None:
            return start, stop, kind, SHAPED
    if len(span) > 5 or NOT_IN_NAME.intersection(span) or span in _common_words():
        return None
    return start, end, None, NAME_LIKE


def _shape_of(word: str) -> str | None:
    """The kind of name ``word`` has the shape of (宋凤芝, 摆勺村, 申花队), or None."""
    for shape, kind in _name_shapes():
        if (shape.fullmatch(word) and not NOT_IN_NAME.intersection(word.replace("共和国", ""))
                and not (kind == "person" and word[1:] in _common_words())):  # 曾指出 is no name
            return kind
    return None


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


# --------------------------------------------------------------------------- names replaced

# Characters either side of a changed name that must be the same on both sides.
NAME_NEIGHBOURS = 2


def name_replacements(sides: dict[str, Side], links: Sequence[Link],
                      persons: frozenset[str]) -> list[tuple[int, ChangedName, ChangedName]]:
    """Names replaced inside changed links (a planted or real change of who, where, which body).

    Reads the diff's replace edits: both changed spans must read as names, and differ.
    Returns ``(link, name in a, name in b)`` per such edit, each name as
    :func:`changed_name` gives it.  Depends on the links and the texts only, not on
    the comparison, so it may be read in another process (:func:`aligner.facts.read_side_b`).
    """
    replaced = []
    for n, link in enumerate(links):
        if link.status != "changed":
            continue
        for edit in link.edits:
            if edit.op == "replace":
                names = _replaced_names(sides, edit, persons)
                if names is not None:
                    replaced.append((n, *names))
    return replaced


def _replaced_names(sides: dict[str, Side], edit: Edit,
                    persons: frozenset[str]) -> tuple[ChangedName, ChangedName] | None:
    """The two names of a replace edit (:func:`changed_name` of each side), when it
    replaces one name by another."""
    names = []
    for side, (start, end) in (("a", edit.a), ("b", edit.b)):
        view = sides[side].view
        name = changed_name(view.text, view.derived_pos(start), view.derived_pos(end), persons)
        if name is None:
            return None
        names.append(name)
    (a0, a1, _, level_a), (b0, b1, _, level_b) = names
    text_a, text_b = sides["a"].view.text[a0:a1], sides["b"].view.text[b0:b1]
    if same_name(text_a, text_b) or not _names_replaced(sides, (a0, a1, level_a), (b0, b1, level_b)):
        return None
    return names[0], names[1]


def _names_replaced(sides: dict[str, Side], name_a: tuple[int, int, int], name_b: tuple[int, int, int]) -> bool:
    """Whether two changed spans (view start, end, level of :func:`changed_name`) are one
    name replaced by another, not rewording (进行 → 开展, 智慧化 → 智能化).

    A curated name on one side, or a name listed or shaped on both, is enough; a name
    replaced by an unknown run of characters (利维 → 细川护熙) must keep the words
    around it, all of them when neither side is a listed name.  Taiwan usage of a name
    (喬治亞 = 格鲁吉亚) is not a change.
    """
    (a0, a1, level_a), (b0, b1, level_b) = name_a, name_b
    high, low = max(level_a, level_b), min(level_a, level_b)
    if low == NAME_LIKE:
        left, right = _neighbours_kept(sides, (a0, a1), (b0, b1))
        if high >= LISTED:
            in_place = left or right  # a name changed in place keeps a neighbour
        elif high == SHAPED:
            in_place = left and right
        else:
            in_place = left and right and after_title(sides["a"].view.text, a0)
        if not in_place:
            return False
    return not same_in_mainland_usage(sides, (a0, a1), (b0, b1))


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The neighbours of a name in view text, spaces left out."""
    left = "".join(text[max(0, start - NAME_NEIGHBOURS - 2):start].split())[-NAME_NEIGHBOURS:]
    right = "".join(text[end:end + NAME_NEIGHBOURS + 2].split())[:NAME_NEIGHBOURS]
    return left, right


def _neighbours_kept(sides: dict[str, Side], span_a: tuple[int, int], span_b: tuple[int, int]) -> tuple[bool, bool]:
    """Whether the words just before, and just after, two changed names are the same."""
    left_a, right_a = _around(sides["a"].view.text, *span_a)
    left_b, right_b = _around(sides["b"].view.text, *span_b)
    return left_a == left_b, right_a == right_b


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
