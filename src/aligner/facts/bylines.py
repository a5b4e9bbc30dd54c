"""Bylines and author lines that close (or open) the same link and differ: （李舸） /
（宋凤芝）, （本报珀斯1月16日电） / （本报珀斯5月16日电）.

Bylines are often cut off as their own (boilerplate, heading) segment, so the alignment
does not link them; they are found here by where they stand next to the links, and
their changed words are read as names (:func:`aligner.facts.changed.changed_name`) for
the comparison's byline pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from ..model import Fact, Mention, Side
from .changed import (
    NAME_LIKE,
    SHAPED,
    UNREAD,
    ChangedName,
    changed_name,
    in_a_sure_names_place,
    is_common_word,
    is_han,
    same_in_mainland_usage,
)
from .slots import changed_middle
from .tables import alternation, load_table, same_name

# One changed byline: (link, changed span in a, changed span in b, names or None).
BylineChange = tuple[int, tuple[int, int], tuple[int, int], tuple[ChangedName, ChangedName] | None]

# A byline or dateline in brackets, at the start or the end of a segment: （李舸）,
# （张滨作）, （据新华社电）, （本报珀斯1月16日电）.
_BYLINE_AT_START = re.compile(r"^\s*[(（](?P<inner>[^()（）\n]{2,20})[)）]")
_BYLINE_AT_END = re.compile(r"[(（](?P<inner>[^()（）\n]{2,20})[)）]\s*$")
_BYLINE_ALONE = re.compile(r"\s*[(（](?P<inner>[^()（）\n]{2,20})[)）]\s*")

# The most characters of the names of a byline: three names of three run together (韩清忠罗锡亮李亚南).
BYLINE_NAMES_LONGEST = 9
# An author line: a short run of Han characters standing alone (郑超愚, 王琨董巍), after
# 本报记者 or 本报驻东京记者 perhaps.
_AUTHOR_LINE = re.compile(rf"(?:本报(?:驻\w{{1,6}})?记者)?(?P<inner>[\u4e00-\u9fff]{{2,{BYLINE_NAMES_LONGEST}}})")
# Longer segments are no author line: the cheap test first.
_AUTHOR_LINE_LONGEST = 24


def is_byline_alone(text: str) -> bool:
    """Whether ``text`` (a segment's normalised text) is a bracketed byline and nothing else: （李舸）."""
    return _BYLINE_ALONE.fullmatch(text) is not None


def _bylines(side: Side, in_link: list[int | None]) -> dict[tuple, list[tuple[int, int]]]:
    """Bylines and author lines of ``side`` by where they stand: key → view spans of their insides.

    A byline ends the text of the link before it: one at the end of a linked segment
    belongs to that link, one opening an unlinked segment to the link of the segment
    before.  A byline or an author line standing alone, linked or not, stands after one
    link and before another, and is keyed by both; a bracketed one also by its own link
    (``own``), which settles two equal credits but pairs two that differ only when the
    links around pair neither (two credits look alike by their brackets, so a link of
    two that differ says less of where they stand).  Keys
    tell bracketed bylines from author lines (with their reporter's title or not), which
    pair only with their like.  Bylines
    are often cut off as their own (boilerplate, heading) segment, so the alignment does
    not link them; this is how they are still compared.
    """
    found: dict[tuple, list[tuple[int, int]]] = {}
    for k, seg in enumerate(side.segments):
        text = seg.normalized
        linked = in_link[k]
        if linked is not None and text.rstrip()[-1:] not in ")）" and (len(text) > _AUTHOR_LINE_LONGEST
                                                                       or "记者" not in text):
            continue  # no byline ends it, nor is it a reporter's line: the cheap test first, most are linked
        before = in_link[k - 1] if k else None
        after = in_link[k + 1] if k + 1 < len(side.segments) else None
        match, keys = _byline_of(text, linked, before, after)
        if keys and keys[0][2] in ("line", "reporter") and not seg.is_content:
            continue  # boilerplate (点选图片进入下一页) is nobody's author line
        for key in keys:
            if match is not None and key[1] is not None:
                start = seg.norm_start + match.start("inner")
                found.setdefault(key, []).append((start, start + len(match["inner"])))
    return found


def _byline_of(text: str, linked: int | None, before: int | None,
               after: int | None) -> tuple[re.Match | None, list[tuple]]:
    """The byline of a segment (its match, group ``inner``) and its keys (see :func:`_bylines`)."""
    alone = _BYLINE_ALONE.fullmatch(text)
    if alone is not None:
        return alone, [("own", linked, "("), ("end", before, "("), ("start", after, "(")]
    if linked is not None and text.rstrip()[-1:] in ")）":
        return _BYLINE_AT_END.search(text), [("end", linked, "(")]
    if linked is None and (m := _BYLINE_AT_START.match(text)) is not None:
        return m, [("end", before, "(")]
    if len(text) > _AUTHOR_LINE_LONGEST:
        return None, []
    lead = len(text) - len(text.lstrip())  # spaces before an author line
    m = _AUTHOR_LINE.fullmatch(text, lead, len(text.rstrip()))
    titled = m is not None and m.start("inner") > lead
    if linked is not None and not titled:
        return None, []  # a linked short line is an author line only after its reporter's title
    # A line with its reporter's title pairs only with another such (not with a headline).
    kind = "reporter" if titled else "line"
    return m, [("end", before, kind), ("start", after, kind)]


def _byline_name(text: str, span: tuple[int, int], persons: frozenset[str]) -> ChangedName | None:
    """The name of a byline's changed words, as :func:`changed_name` reads it; in a byline
    any two to ``BYLINE_NAMES_LONGEST`` Han characters may be a name (微软 in （微软北京1月28日电））."""
    if span[1] <= span[0]:
        return None
    name = changed_name(text, *span, persons)
    words = text[span[0]:span[1]]
    if (name is None and 2 <= len(words) <= BYLINE_NAMES_LONGEST and all(map(is_han, words))
            and not is_common_word(words)):
        return span[0], span[1], None, NAME_LIKE
    return name


def byline_changes(sides: dict[str, Side], in_link: dict[str, list[int | None]],
                   persons: frozenset[str]) -> list[BylineChange]:
    """Bylines closing the same link that differ (（李舸） / （宋凤芝）): per such pair,
    ``(link, changed span in a, changed span in b, names)``, in view offsets.

    ``names`` is the changed words read as two different names on both sides, one of
    them by list or shape (each as :func:`changed_name` gives it), or None.  Depends on
    the links and the texts only, so it may be read in another process
    (:func:`aligner.facts.read_side_b`).
    """
    views = {side: sides[side].view.text for side in ("a", "b")}
    bylines = {side: _bylines(sides[side], in_link[side]) for side in ("a", "b")}
    settled = _settled(bylines, views)
    changes = []
    # By the links around first: a link of two credits that differ is the last resort.
    for key, spans_a in sorted(bylines["a"].items(), key=lambda item: item[0][0] == "own"):
        link, spans_b = key[1], _unequal(bylines["b"].get(key, []), spans_a, views["b"], views["a"])
        spans_a = _unequal(spans_a, bylines["b"].get(key, []), views["a"], views["b"])
        if len(spans_a) != 1 or len(spans_b) != 1:
            continue
        (a0, a1), (b0, b1) = spans_a[0], spans_b[0]
        if (a0, a1) in settled["a"] or (b0, b1) in settled["b"]:
            continue
        if views["a"][a0:a1] == views["b"][b0:b1]:
            continue
        s_a, e_a, s_b, e_b = changed_middle(views["a"][a0:a1], views["b"][b0:b1])
        span_a, span_b = (a0 + s_a, a0 + e_a), (b0 + s_b, b0 + e_b)
        changes.append((link, span_a, span_b, _changed_names(sides, span_a, span_b, persons)))
    return changes


def _unequal(spans: list[tuple[int, int]], others: list[tuple[int, int]], view: str,
             other_view: str) -> list[tuple[int, int]]:
    """``spans`` less those whose words one of ``others`` has too: of two bylines at one
    place, one the same on both sides ((中国画) closing a heading) leaves the other to pair."""
    if len(spans) < 2 and len(others) < 2:
        return spans
    same = {other_view[start:end] for start, end in others}
    return [(start, end) for start, end in spans if view[start:end] not in same]


def _settled(bylines: dict[str, dict[tuple, list[tuple[int, int]]]],
             views: dict[str, str]) -> dict[str, set[tuple[int, int]]]:
    """The spans of bylines standing alone that their link joins to an equal one: the same
    credit, paired with no other."""
    settled: dict[str, set[tuple[int, int]]] = {"a": set(), "b": set()}
    for key, spans_a in bylines["a"].items():
        spans_b = bylines["b"].get(key)
        if key[0] == "own" and spans_b and len(spans_a) == len(spans_b) == 1:
            (a0, a1), (b0, b1) = spans_a[0], spans_b[0]
            if views["a"][a0:a1] == views["b"][b0:b1]:
                settled["a"].add((a0, a1))
                settled["b"].add((b0, b1))
    return settled


def _changed_names(sides: dict[str, Side], span_a: tuple[int, int], span_b: tuple[int, int],
                   persons: frozenset[str]) -> tuple[ChangedName, ChangedName] | None:
    """The changed words of two bylines read as two different names, one of them by list
    or shape (each as :func:`_byline_name` reads it), or None."""
    views = {side: sides[side].view.text for side in ("a", "b")}
    spans = (span_a, span_b)
    names = [_byline_name(views[side], span, persons) for side, span in zip("ab", spans)]
    if names.count(None) == 1:  # （新华社记者刘前刚摄） / （微软记者刘前刚摄）: 微软 a common word
        sure, unread = (0, 1) if names[1] is None else (1, 0)
        if in_a_sure_names_place(names[sure], views["ab"[unread]][slice(*spans[unread])]):
            names[unread] = (*spans[unread], None, UNREAD)
    if None in names or max(names[0][3], names[1][3]) < SHAPED:
        return None
    (n_a0, n_a1, _, _), (n_b0, n_b1, _, _) = names
    if (same_name(views["a"][n_a0:n_a1], views["b"][n_b0:n_b1])
            or same_in_mainland_usage(sides, (n_a0, n_a1), (n_b0, n_b1))):
        return None
    return names[0], names[1]


# --------------------------------------------------------------------------- credits: no facts

_HAN = r"[\u4e00-\u9fff]"
_NAMES = rf"{_HAN}{{2,3}}(?:[ 、]{_HAN}{{2,3}})*"
_OPEN, _CLOSE = "(〔【[", ")〕】]"
# The inside of a bracketed credit: short, no sentence punctuation.
_BRACKETED = re.compile(r"[(〔【\[](?P<inner>[^()〔〕【】\[\]\n,;。!?]{1,24})[)〕】\]]")


@lru_cache(maxsize=None)
def _credit_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(credits anywhere, what may stand before a reporter's title, credit lines, credit
    words inside brackets), from ``data/credits.json``.  Every pattern run over the whole
    text starts with a word of the table, so the scan stays fast."""
    table = load_table("credits.json")
    # An outlet ending in 报 is not the start of 报告, 报道 (联合报道 is no 联合报).
    outlet = rf"(?:{alternation(table['outlets'])})(?<!报(?=[告道导]))"
    title, end = alternation(table["reporter_titles"]), alternation(table["report_ends"])
    anywhere = re.compile(
        rf"(?P<title>(?:{title})[:/]? ?{_NAMES} ?/ ?{_HAN}{{0,6}}?(?:{end}))"  # 记者邹镇宇/综合报导
        # A PDF's line breaks may stand inside a dateline: (本报\n莫斯科1月13日电).
        rf"|(?:{outlet}|本报|本台)[^,;。()]{{0,16}}?\d{{1,2}}日电"   # 中评社花莲9月25日电, 新华社北京1月7日电
        rf"|{outlet}(?:驻{_HAN}{{1,6}}?)?记者"                             # 中央社记者, 新华社驻仰光记者
        rf"|{outlet}讯|《{outlet}》|{outlet}")
    # Before a reporter's title: the outlet and a place (联合报/ 记者…, 香港特派员…, 联合报编译…).
    before_title = re.compile(rf"(?:{_HAN}{{2,6}}/ ?|{outlet})?{_HAN}{{0,4}}$")
    lines = re.compile(
        rf"^ *(?:(?:{_HAN}{{2,8}}|{outlet})[/ ]? ?)?(?:{title})[:/ ]? ?{_NAMES} *$"   # 记者:曹露尹, 极目新闻记者 李力力
        rf"|^ *{_HAN}{{2,4}}/(?:核稿编辑|责任编辑|编辑) *$"                            # 曾德峰/核稿编辑
        rf"|^ *(?:文|图|摄影|来源)[/:] ?[^\n]{{1,12}}?(?= |$)"                        # 文/美国之音, 图/维基百科
        rf"|^ *{outlet}[─—-]{_HAN}{{2,4}}/{_HAN}{{2,4}} *$", re.MULTILINE)           # 波新闻─陶泰山/台北
    inside = re.compile(rf"(?:{alternation(table['credit_words'])})(?!氏)|{outlet}|社$")
    return anywhere, before_title, lines, inside


@lru_cache(maxsize=None)
def _credit_words():
    """One automaton of the words a credit found anywhere starts with."""
    import ahocorasick

    table = load_table("credits.json")
    automaton = ahocorasick.Automaton()
    for word in (*table["outlets"], *table["reporter_titles"], "本报", "本台", "《"):
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _credit_starts(text: str) -> list[int]:
    """Where a word of :func:`_credit_words` starts in ``text``, in order."""
    return sorted({last + 1 - length for last, length in _credit_words().iter(text)})


def _bracketed_credit(text: str, m: re.Match, inside: re.Pattern) -> bool:
    """Whether bracketed ``m`` is a credit: (梁鹏威摄), 〔中央社〕, (法新社台北24日电), or two or
    three characters alone at a paragraph's end ((寅平)).  A figure inside is a dateline's only."""
    inner = m["inner"].strip()
    if any(ch.isdigit() for ch in inner) and not inner.endswith("电"):
        return False  # (据报道共有30人死亡) is a statement
    if inside.search(inner):
        return True
    before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
    return (re.fullmatch(f"{_HAN}{{2,3}}", inner) is not None and before in ("", "\n", "。", "!", "?", "」", " ")
            and after in ("", "\n"))


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (a view text) that are bylines, credits, datelines or outlet names
    (记者邹镇宇/综合报导, (图/路透), 中评社花莲9月25日电, 据新华社报道): what they name is
    not a fact of the story.  Sorted, overlapping credits merged."""
    anywhere, before_title, lines, inside = _credit_patterns()
    spans = [m.span() for m in lines.finditer(text)]
    reached = 0
    for at in _credit_starts(text):  # the pattern is tried only where one of its words starts
        if at < reached or (m := anywhere.match(text, at)) is None:
            continue
        start, reached = at, m.end()
        if m["title"]:  # a byline reaches back over its outlet and place
            start -= len(before_title.search(text, max(0, at - 12), at).group())
        spans.append((start, reached))
    spans += [m.span() for m in _BRACKETED.finditer(text) if _bracketed_credit(text, m, inside)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # (新华社记者刘前刚摄) is one credit, 新华社记者 inside it too
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def without_credits(facts: list[Fact], sides: dict[str, Side],
                    credits: dict[str, list[tuple[int, int]]] | None = None) -> list[Fact]:
    """``facts`` less what was read in a byline, credit, dateline or outlet name
    (:func:`credit_spans` of each side's view, read here unless given as ``credits``): a
    fact paired with one keeps only its other side.

    One credit edited stays a conflict: two credits that differ only around the
    conflict's words (（李舸） / （宋凤芝）, （本报珀斯1月16日电） / （本报珀斯5月16日电）), or a
    name in a credit changed into one outside it (a name conflict needs the words around
    to agree, so it is one text edited: 据新华社报道 / 据外交部报道).
    """
    from .comparison import NAME_KINDS  # here: comparison imports this module

    if credits is None:
        credits = {s: credit_spans(side.view.text) for s, side in sides.items()}
    # The same spans in the originals, where mentions are: most mentions touch none, and
    # are let through without being mapped into the view.
    near = {s: _Near(sides[s].view.spans(spans)) for s, spans in credits.items()}
    kept = []
    for fact in facts:
        inside = {s: _credit_of(sides[s], credits[s], mention) if near[s].touches(mention := getattr(fact, s)) else None
                  for s in ("a", "b")}
        if inside["a"] is None and inside["b"] is None:
            kept.append(fact)
        elif fact.status == "conflict" and (None in inside.values() and fact.kind in NAME_KINDS
                                            or None not in inside.values() and _one_credit_edited(*inside.values())):
            kept.append(fact)
        elif fact.a is not None and fact.b is not None and None in inside.values():
            side = "a" if inside["a"] is None else "b"
            mention = getattr(fact, side)
            kept.append(Fact(fact.kind, f"only_{side}", mention if side == "a" else None,
                             mention if side == "b" else None, fact.link, fact.note))
    return kept


class _Near:
    """Original spans of credits, sorted: whether a mention's span may overlap one in the view.

    A mention overlaps derived span [s, e) in the view only if its original span
    [start, end) has start <= pos(e) and pos(s) < end, so nothing that could is missed.
    The spans are merged, so disjoint: their ends are sorted too."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def touches(self, mention: Mention | None) -> bool:
        if mention is None or not self.starts:
            return False
        n = bisect_left(self.starts, mention.end)  # credits starting before the mention ends
        return n > 0 and self.ends[n - 1] >= mention.start


# How far the words two credits differ in may reach past the conflict's (浦项 read in 浦项制铁队).
_CREDIT_EDIT_SLACK = 3


def _one_credit_edited(credit_a: tuple[str, int, int], credit_b: tuple[str, int, int]) -> bool:
    """Whether two credits, each (text, mention start, mention end), differ only around the mention."""
    (text_a, a0, a1), (text_b, b0, b1) = credit_a, credit_b
    s_a, e_a, s_b, e_b = changed_middle(text_a, text_b)
    return (a0 - s_a <= _CREDIT_EDIT_SLACK and e_a - a1 <= _CREDIT_EDIT_SLACK
            and b0 - s_b <= _CREDIT_EDIT_SLACK and e_b - b1 <= _CREDIT_EDIT_SLACK)


def _credit_of(side: Side, spans: list[tuple[int, int]], mention: Mention | None) -> tuple[str, int, int] | None:
    """The credit holding ``mention``: its text and the mention's span in it, or None when
    the mention is in no credit."""
    if mention is None or not spans:
        return None
    view = side.view
    start, end = view.derived_pos(mention.start), view.derived_pos(mention.end)
    n = bisect_right(spans, (start, len(view.text) + 1))
    if n and spans[n - 1][1] > start:
        s, e = spans[n - 1]
    elif n < len(spans) and spans[n][0] < end:
        s, e = spans[n]
    else:
        return None
    # Spaces left out (a PDF's line breaks inside: 本报\n莫斯科1月13日电), offsets kept in step.
    text = view.text[s:e]
    return _unspaced(text), _unspaced_offset(text, max(start, s) - s), _unspaced_offset(text, min(end, e) - s)


def _unspaced(text: str) -> str:
    return "".join(text.split())


def _unspaced_offset(text: str, offset: int) -> int:
    return len(_unspaced(text[:offset]))
