"""The comparison's passes, run in the order of :data:`PASSES`.

Each pass pairs what the passes before it left, so that a moved or repeated figure
never becomes a false conflict: equal facts are paired near each other before far
away, and a leftover becomes a conflict only where the words around it agree (or it
is the last of its kind in its link).  Never a conflict: a figure the PDF extractor
wrote with a run doubled (8080 / 80), a name in variant characters (车伕 / 车夫), a
short form inside the long one (人民大学 / 中国人民大学).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from ..model import Fact
from ..regional import same_entity
from .bylines import is_byline_alone
from .changed import REGIONAL_NOTE, ChangedName, named_another_way, regional_note, table_name_around
from .claim_pairs import compare_claims
from .comparison import CANDIDATES, NAME_KINDS, Comparison, best, shown, similarity
from .found import Found
from .measures import counting_units
from .tables import same_name, words

# Least context similarity for a conflict when several candidates share kind and unit.
PAIR_SCORE = 0.34
# Names vary legitimately between rewritten sentences: a name conflict needs near-identical context.
NAME_PAIR_SCORE = 0.5
# Kinds of figure a minus may be written in words for (下降5%).
SIGNED_KINDS = ("number", "quantity", "money", "percent")


# --------------------------------------------------------------------------- equal facts


def share_equal_in_links(cmp: Comparison) -> None:
    """Pair equal facts inside each link: the most alike contexts first, then the nearest
    places in the link (a value stated twice keeps its own twin, 1所 … 1所)."""
    for n, (in_a, in_b) in enumerate(cmp.members):
        if in_a and in_b and not _pair_unique_keys(cmp, n, in_a, in_b):
            _pair_repeated_keys(cmp, n, in_a, in_b)


def _pair_unique_keys(cmp: Comparison, n: int, in_a: list[Found], in_b: list[Found]) -> bool:
    """Pair the equal facts of link ``n`` when no key is stated twice on either side, the
    common case (every identical link): there is nothing to choose.  Returns False,
    pairing nothing, when some key repeats."""
    if len(in_a) == len(in_b) == 1:  # most links state one fact: no table needed
        if in_a[0].key == in_b[0].key:
            cmp.pair(in_a[0], in_b[0], "shared", n)
        return True
    keys_b = {f.key: f for f in in_b}
    if len(keys_b) < len(in_b) or len({f.key for f in in_a}) < len(in_a):
        return False
    for a in in_a:
        b = keys_b.get(a.key)
        if b is not None:
            cmp.pair(a, b, "shared", n)
    return True


def _pair_repeated_keys(cmp: Comparison, n: int, in_a: list[Found], in_b: list[Found]) -> None:
    """Pair the equal facts of link ``n`` where some key is stated more than once."""
    places = None
    candidates = []
    for same_a, same_b in _by_key(in_a, in_b).values():
        if len(same_a) == len(same_b) == 1:
            cmp.pair(same_a[0], same_b[0], "shared", n)  # the common case: nothing to choose
            continue
        if not same_a or not same_b:
            continue
        if places is None:
            places = _relative_places(in_a) | _relative_places(in_b)
        for a in same_a:
            for b in same_b[:CANDIDATES]:  # a long list of one value is not scored in full
                candidates.append((-similarity(a, b), abs(places[a] - places[b]), a.start, b.start, a, b))
    candidates.sort(key=lambda c: c[:4])
    for *_, a, b in candidates:
        if a not in cmp.used and b not in cmp.used:
            cmp.pair(a, b, "shared", n)


def _by_key(in_a: list[Found], in_b: list[Found]) -> dict[tuple, tuple[list[Found], list[Found]]]:
    """The facts of a link by key: those of a and those of b, each in text order."""
    by_key: dict[tuple, tuple[list[Found], list[Found]]] = {}
    for column, items in enumerate((in_a, in_b)):
        for f in items:
            by_key.setdefault(f.key, ([], []))[column].append(f)
    return by_key


def _relative_places(found: list[Found]) -> dict[Found, float]:
    """Where each fact stands in its link's text, from 0 (first) to 1 (last)."""
    if not found:
        return {}
    first, last = found[0].start, max(f.start for f in found)
    width = max(1, last - first)
    return {f: (f.start - first) / width for f in found}


def share_equal_in_document(cmp: Comparison) -> None:
    """Pair what is left document-wide by kind, unit and value (a figure stated in a
    sentence without counterpart, a caption, another paragraph)."""
    for a in cmp.found["a"]:
        if a in cmp.used or a.kind in NAME_KINDS:
            continue  # names outside links are reported once per name, in the last pass
        same = cmp.free("b", a.key)
        if same:
            cmp.pair(a, best(a, same), "shared", None)


# --------------------------------------------------------------------------- one value, stated more fully


def share_fuller_in_links(cmp: Comparison) -> None:
    """Pair what is left of a link where one side states more of one value: a day with and
    without its year or month (2026年3月5日 / 3月5日 / 5日), a count with and without its
    counting unit (约860万 / 约860万人).  Shared, the note saying which side states more."""
    for n, (in_a, in_b) in enumerate(cmp.members):
        for a in in_a:
            if a in cmp.used or a.kind in NAME_KINDS:
                continue
            b = next((f for f in in_b if f not in cmp.used and _fuller(a, f) != 0), None)
            if b is not None:
                side = "a" if _fuller(a, b) > 0 else "b"
                cmp.pair(a, b, "shared", n, f"stated more fully in {side}: "
                                            f"{shown(cmp.sides['a'], a)} / {shown(cmp.sides['b'], b)}")


def _fuller(a: Found, b: Found) -> int:
    """1 when ``a`` states ``b``'s value more fully, -1 when ``b`` states ``a``'s, else 0."""
    if a.qualifier != b.qualifier:
        return 0
    if a.kind == b.kind == "date":
        parts_a, parts_b = _day_parts(a), _day_parts(b)
        if "D" in parts_a and "D" in parts_b and len(parts_a) != len(parts_b) \
                and all(parts_a[k] == parts_b[k] for k in parts_a.keys() & parts_b.keys()):
            return 1 if len(parts_a) > len(parts_b) else -1
        return 0
    counted = {"number": 0, "quantity": 1}
    if {a.kind, b.kind} == set(counted) and a.key[2] == b.key[2] \
            and (a.unit if a.kind == "quantity" else b.unit) in counting_units():
        return counted[a.kind] - counted[b.kind]
    return 0


def _day_parts(f: Found) -> dict[str, str]:
    """The year, month and day (``Y``, ``M``, ``D``) a date states, for a date down to its day."""
    letters = f.key[1].removeprefix("date:")
    return dict(zip(letters, f.key[2].lstrip("-").split("-"))) if letters in ("YMD", "MD", "D") else {}


# --------------------------------------------------------------------------- conflicts in links


def conflict_by_context(cmp: Comparison) -> None:
    """Leftovers of a link whose surrounding words agree are a conflict."""
    _pair_conflicts(cmp, alone_too=False)


def conflict_last_of_kind(cmp: Comparison) -> None:
    """A link's last leftovers of one kind and unit pair up as a conflict (words agreeing
    as in :func:`conflict_by_context` pair too)."""
    _pair_conflicts(cmp, alone_too=True)


def _pair_conflicts(cmp: Comparison, alone_too: bool) -> None:
    for n, (in_a, in_b) in enumerate(cmp.members):
        if not in_a or not in_b:
            continue
        left_a = [f for f in in_a if f not in cmp.used]
        left_b = [f for f in in_b if f not in cmp.used]
        if not left_a or not left_b:
            continue
        for _, i, j in _conflict_candidates(cmp, left_a, left_b, alone_too):
            a, b = left_a[i], left_b[j]
            if a not in cmp.used and b not in cmp.used:
                if a.kind in NAME_KINDS and named_another_way(a.kind, shown(cmp.sides["a"], a), b.kind,
                                                               shown(cmp.sides["b"], b)):
                    continue  # 香港政府 / 特区政府: no contradiction, each left to be found elsewhere
                note = _regional(cmp, a, b) if a.kind in NAME_KINDS else _minus_in_words(cmp, a, b)
                cmp.pair(a, b, "shared" if note else "conflict", n, note)


def _minus_in_words(cmp: Comparison, a: Found, b: Found) -> str | None:
    """``minus in words: …`` when one figure's minus is the other's 下降 (下降5% / -5%):
    the positive one right after a decrease word, the negative one not."""
    if a.kind not in SIGNED_KINDS or not isinstance(a.key[2], str) or not isinstance(b.key[2], str):
        return None  # a date, a time, a range
    value_a, value_b = Decimal(a.key[2]), Decimal(b.key[2])
    if value_a != -value_b or not value_a:
        return None
    (worded, side), (signed, other) = ((a, "a"), (b, "b")) if value_a > 0 else ((b, "b"), (a, "a"))
    word = _decrease_before(cmp.sides[side].view.text, worded.start)
    if word is None or _decrease_before(cmp.sides[other].view.text, signed.start) is not None:
        return None
    return f"minus in words: {word}{shown(cmp.sides[side], worded)} = {shown(cmp.sides[other], signed)}"


def _decrease_before(text: str, start: int) -> str | None:
    """The decrease word (下降) right before view offset ``start`` (了 may stand between), or None."""
    before = "".join(text[max(0, start - 4):start].split()).removesuffix("了")
    return next((word for word in words()["decrease_words"] if before.endswith(word)), None)


def _regional(cmp: Comparison, a: Found, b: Found) -> str | None:
    """``regional name: …`` when names ``a`` and ``b``, as written, name one entity; each
    also read whole where it is part of a name of the same-entity table (蒙特 of 蒙特內哥羅)
    or grown to its slot (:func:`regional_note`)."""
    reason = same_entity(cmp.mention("a", a).text, cmp.mention("b", b).text)
    if reason is None:
        spans = [table_name_around(cmp.sides[side].view.text, f.start, f.end) for side, f in (("a", a), ("b", b))]
        return regional_note(cmp.sides, *spans)
    return f"{REGIONAL_NOTE}: {reason}"


def _conflict_candidates(cmp: Comparison, left_a: list[Found], left_b: list[Found],
                         alone_too: bool) -> list[tuple[float, int, int]]:
    """Pairs (score, i, j) of leftover facts of one link that may state the same thing.

    A pair qualifies by similar surrounding words; with ``alone_too`` also when it is
    the only remaining figure of its kind and unit on both sides.
    """
    counts_a: dict[tuple, int] = {}
    counts_b: dict[tuple, int] = {}
    for f in left_a:
        counts_a[f.key[:2]] = counts_a.get(f.key[:2], 0) + 1
    for f in left_b:
        counts_b[f.key[:2]] = counts_b.get(f.key[:2], 0) + 1
    candidates = []
    for i, a in enumerate(left_a):
        for j, b in enumerate(left_b):
            if a.key[:2] != b.key[:2] or a.key == b.key or _doubled_in_extraction(cmp, a, b):
                continue
            if a.kind in NAME_KINDS and (a.value in b.value or b.value in a.value or same_name(a.value, b.value)):
                continue  # 人民大学 and 中国人民大学: a short form, or a longer name changed around it
            score = similarity(a, b)
            if a.kind in NAME_KINDS:
                ok = score >= NAME_PAIR_SCORE
            else:
                # The only remaining figure of its kind and unit on both sides is the same
                # statement changed; among several, the surrounding words decide.
                # Alone, the pair still needs some shared context: a date in a running head
                # linked with a date in a byline is not one statement changed.
                alone = alone_too and counts_a[a.key[:2]] == counts_b[b.key[:2]] == 1
                ok = score >= PAIR_SCORE or alone and (score > 0 or a.context == b.context == "|")
            if ok:
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    return candidates


def _doubled_in_extraction(cmp: Comparison, a: Found, b: Found) -> bool:
    """Whether one mention is the other with a run doubled: a PDF extractor writes some
    runs twice (８０８０∶６８), an editor changing a figure does not."""
    text_a = "".join(cmp.sides["a"].view.text[a.start:a.end].split())
    text_b = "".join(cmp.sides["b"].view.text[b.start:b.end].split())
    longer, shorter = (text_a, text_b) if len(text_a) > len(text_b) else (text_b, text_a)
    return len(longer) > len(shorter) and _collapses_to(longer, shorter)


def _collapses_to(longer: str, shorter: str, depth: int = 2) -> bool:
    """Whether ``longer`` becomes ``shorter`` once up to ``depth`` runs written twice in a
    row are written once (8080 → 80, 1601601315 → 1601315, 十五十五 → 十五)."""
    if longer == shorter:
        return True
    if depth == 0 or len(longer) <= len(shorter):
        return False
    for size in range(1, len(longer) // 2 + 1):
        for i in range(len(longer) - 2 * size + 1):
            if longer[i:i + size] == longer[i + size:i + 2 * size]:
                if _collapses_to(longer[:i] + longer[i + size:], shorter, depth - 1):
                    return True
    return False


# --------------------------------------------------------------------------- changed names and bylines


def conflict_changed_names(cmp: Comparison) -> None:
    """Each name replaced in a changed link (``cmp.replaced``) is a conflict, unless it
    overlaps one found before (外长利维 → 外长细川护熙), or the two name one entity (川普 /
    特朗普: shared, with its regional-name note).  Facts overlapping a pair found here are
    no longer reported one-sided.

    Only in links carried by their text (one text edited): in two outlets' own wordings
    (links on content or by clause) the words standing where the other's stand are no
    slot of one name (中央气象署 / 花莲县海域), though one entity's regional names still
    are one fact.  Nor in a link of two bylines standing alone ((张洪河) / (张长河)): two
    credits look alike by their brackets, the byline pass pairs them by the links around.
    """
    taken = {side: list(_conflict_spans(cmp, side)) for side in ("a", "b")}
    for n, name_a, name_b, note in cmp.replaced:
        if not (cmp.text_links[n] or note) or _bylines_alone(cmp, n):
            continue
        if not (_overlaps_any(name_a[:2], taken["a"]) or _overlaps_any(name_b[:2], taken["b"])):
            _pair_names(cmp, n, name_a, name_b, taken, note)


def _bylines_alone(cmp: Comparison, n: int) -> bool:
    """Whether every segment of link ``n`` is a bracketed byline standing alone."""
    return all(is_byline_alone(seg.normalized) for side in ("a", "b")
               for seg, link in zip(cmp.sides[side].segments, cmp.in_link[side]) if link == n)


def conflict_changed_bylines(cmp: Comparison) -> None:
    """Bylines closing the same link that differ (``cmp.bylines``): a figure or a name changed
    (（李舸） / （宋凤芝）, （本报珀斯1月16日电） / （本报珀斯5月16日电）).

    A figure read in both is paired as a conflict; otherwise the changed words must read
    as names on both sides, one of them by list or shape.
    """
    taken = {side: list(_conflict_spans(cmp, side)) for side in ("a", "b")}
    for link, span_a, span_b, names in cmp.bylines:
        if _overlaps_any(span_a, taken["a"]) or _overlaps_any(span_b, taken["b"]):
            continue
        figure_a, figure_b = ([f for f in cmp.overlapping(side, *span) if f.kind not in NAME_KINDS and f not in cmp.used]
                              for side, span in (("a", span_a), ("b", span_b)))
        if len(figure_a) == len(figure_b) == 1 and figure_a[0].key[:2] == figure_b[0].key[:2]:
            cmp.pair(figure_a[0], figure_b[0], "conflict", link)
            taken["a"].append(span_a)
            taken["b"].append(span_b)
        elif names is not None:
            _pair_names(cmp, link, *names, taken, regional_note(cmp.sides, names[0][:2], names[1][:2]))


def _pair_names(cmp: Comparison, link: int, name_a: ChangedName, name_b: ChangedName,
                taken: dict[str, list[tuple[int, int]]], note: str | None) -> None:
    """Pair two changed names of ``link``: a conflict, or shared when ``note`` says they
    name one entity; the facts they overlap are used."""
    (a0, a1, kind_a, level_a), (b0, b1, kind_b, level_b) = name_a, name_b
    kind = (kind_a if level_a >= level_b else kind_b) or "person"
    text_a, text_b = cmp.sides["a"].view.text[a0:a1], cmp.sides["b"].view.text[b0:b1]
    cmp.pair(Found(kind, (kind, "", text_a), text_a, "", a0, a1, -1),
             Found(kind, (kind, "", text_b), text_b, "", b0, b1, -1), "shared" if note else "conflict", link, note)
    for side, (s0, s1) in (("a", (a0, a1)), ("b", (b0, b1))):
        taken[side].append((s0, s1))
        cmp.used.update(cmp.overlapping(side, s0, s1))


def _conflict_spans(cmp: Comparison, side: str):
    """The view spans of ``side``'s mentions already in conflict, or named one entity
    (shared with a regional-name note)."""
    view = cmp.sides[side].view
    for fact in cmp.facts:
        if fact.status == "conflict" or fact.note is not None and fact.note.startswith(REGIONAL_NOTE):
            mention = getattr(fact, side)
            yield view.derived_pos(mention.start), view.derived_pos(mention.end)


def _overlaps_any(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


# --------------------------------------------------------------------------- the rest


def share_or_report_rest(cmp: Comparison) -> None:
    """Shared when the other side states the value anywhere, else one-sided once per value
    (with a count).  A name is an entity, not a statement: outside links it is reported
    shared once.
    """
    shared_names = {fact.a.value for fact in cmp.facts if fact.kind in NAME_KINDS}
    for side, other in (("a", "b"), ("b", "a")):
        reported: dict[tuple, list[int]] = {}  # key -> [index of its fact, times stated]
        for f in cmp.found[side]:
            if f in cmp.used:
                continue
            if f.kind in NAME_KINDS:
                if _share_name(cmp, side, other, f, shared_names):
                    continue
            elif _share_figure(cmp, side, other, f):
                continue
            if f.key in reported:
                reported[f.key][1] += 1
                continue
            reported[f.key] = [len(cmp.facts), 1]
            mention = cmp.mention(side, f)
            cmp.facts.append(Fact(f.kind, f"only_{side}", mention if side == "a" else None,
                                  mention if side == "b" else None, cmp.link_of(side, f)))
        for n, times in reported.values():
            if times > 1:
                fact = cmp.facts[n]
                cmp.facts[n] = Fact(fact.kind, fact.status, fact.a, fact.b, fact.link,
                                    f"stated {times} times in {side}")


def _share_name(cmp: Comparison, side: str, other: str, f: Found, shared_names: set[str]) -> bool:
    """Whether name ``f`` is stated in ``other`` too (read or in an identical link); the
    first time for its value, the pair is reported shared."""
    same = cmp.index[other].get(f.key)
    there = same[0] if same else cmp.unread[other].find(f)
    if there is not None and f.value not in shared_names:
        shared_names.add(f.value)
        cmp.pair(*((f, there) if side == "a" else (there, f)), "shared", None)
    return there is not None


def _share_figure(cmp: Comparison, side: str, other: str, f: Found) -> bool:
    """Whether figure ``f`` is stated anywhere in ``other``: then reported shared with the
    mention of most alike context (not marked used: a value may be shared many times)."""
    same = cmp.index[other].get(f.key)
    if not same:
        return False
    pair = (f, best(f, same)) if side == "a" else (best(f, same), f)
    cmp.facts.append(Fact(f.kind, "shared", cmp.mention("a", pair[0]), cmp.mention("b", pair[1]), None, None))
    return True


# --------------------------------------------------------------------------- the order

# The passes, in the order they run.  Equal facts are paired inside links before across
# the document, so a value stated in several places keeps its nearest twin; conflicts
# by context come before the document-wide pairing, which could otherwise take a
# changed figure's counterpart away, and the last-of-kind rule after it, so a figure
# stated elsewhere is not taken for a changed one.  Changed names and bylines come from
# the diff and the segments around the links, after the figures (a conflict found there
# first is not reported again).  Then figures are compared as claims, by what they
# measure (conflicts re-judged as updates or roundings, figures of one measure paired
# in links and across the document); a value one side states more fully than the other
# (a day with its year, a count with its unit) is shared; the rest, shared or one-sided,
# is reported last.
PASSES: tuple[Callable[[Comparison], None], ...] = (
    share_equal_in_links,
    conflict_by_context,
    share_equal_in_document,
    conflict_last_of_kind,
    conflict_changed_names,
    conflict_changed_bylines,
    compare_claims,
    share_fuller_in_links,
    share_or_report_rest,
)
