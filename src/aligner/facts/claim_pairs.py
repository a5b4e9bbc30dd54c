"""The claims pass: figures compared by what they measure, not by their words.

Runs after the figures were paired by value and by context (:mod:`.passes`), before
the rest is reported:

1. a pair the earlier passes called a conflict is judged as two claims: an update
   (a count at another cut-off), a rounding, or still a conflict; two figures of
   different measures were paired only for standing in one link, and are let go;
2. inside each link, the figures left with one measure on both sides are paired
   (the same value first);
3. across the document, claims of one lexicon measure with equal values are paired,
   and then, when the measure is left with one value on each side, those two: a
   conflict is found even when its sentences were not linked (a magnitude of 6.8
   here, 7.1 there).

Each pair gets its verdict from :func:`~.claims.verdict`.
"""

from __future__ import annotations

from ..model import Fact
from .claims import Claim, comparable, rounds, update_note, verdict
from .comparison import Comparison, shown
from .found import Found


def compare_claims(cmp: Comparison) -> None:
    """The pass: re-judge the conflicts, then pair claims in links and across the document."""
    _judge_conflicts(cmp)
    for n, (in_a, in_b) in enumerate(cmp.members):
        if in_a and in_b:
            _pair_by_measure(cmp, _claims_left(cmp, "a", in_a), _claims_left(cmp, "b", in_b), n)
    _pair_across_document(cmp)


def _judge_conflicts(cmp: Comparison) -> None:
    """Each conflict of two figures becomes its claims' verdict; figures of two
    different measures are unpaired (the facts list loses them; they are read again)."""
    dropped = []
    for index, (a, b) in list(cmp.paired.items()):
        fact = cmp.facts[index]
        if fact.status != "conflict":
            continue
        claim_a, claim_b = cmp.claim("a", a), cmp.claim("b", b)
        if claim_a is None or claim_b is None:
            continue
        if claim_a.measure is not None and claim_b.measure is not None and not comparable(claim_a, claim_b) \
                or _measured_twin_left(cmp, fact.link, (a, claim_a), (b, claim_b)):
            dropped.append(index)
            continue
        if claim_a.measure is None and claim_b.measure is None:
            continue  # nothing says what they count: the earlier passes' word stands
        status = verdict(_with_measure(claim_a, claim_b), _with_measure(claim_b, claim_a),
                         _same_statement(cmp, fact.link))
        if status != "conflict":
            cmp.facts[index] = _fact(cmp, a, b, status, fact.link, claim_a, claim_b)
    for index in reversed(dropped):
        a, b = cmp.paired.pop(index)
        cmp.used.difference_update((a, b))
        cmp.facts[index] = None  # removed below, so the indices of ``paired`` stay right
    if dropped:
        kept = {old: new for new, old in enumerate(i for i, f in enumerate(cmp.facts) if f is not None)}
        cmp.paired = {kept[i]: pair for i, pair in cmp.paired.items()}
        cmp.facts = [f for f in cmp.facts if f is not None]


def _measured_twin_left(cmp: Comparison, link: int | None, pair_a: tuple[Found, Claim],
                        pair_b: tuple[Found, Claim]) -> bool:
    """Whether a conflict of a figure whose measure is known with one whose is not should
    yield: the link holds, on the unmeasured side, a figure still unpaired that states
    that very measure (最大震度6级 paired with 7.3级 while 規模7.2 waits)."""
    if link is None or (pair_a[1].measure is None) == (pair_b[1].measure is None):
        return False
    column, (_, measured) = (1, pair_a) if pair_b[1].measure is None else (0, pair_b)
    side = "ab"[column]
    return any(f not in cmp.used and (claim := cmp.claim(side, f)) is not None
               and claim.measure is not None and comparable(claim, measured)
               for f in cmp.members[link][column])


def _with_measure(claim: Claim, other: Claim) -> Claim:
    """``claim`` with the other's measure when it has none (a figure whose twin says what it counts)."""
    return claim if claim.measure is not None else claim._replace(measure=other.measure)


def _same_statement(cmp: Comparison, link: int | None) -> bool:
    return link is not None and cmp.text_links[link]


def _claims_left(cmp: Comparison, side: str, found: list[Found]) -> list[tuple[Found, Claim]]:
    """The unpaired figures of ``found`` with a measure, and their claims."""
    left = []
    for f in found:
        if f not in cmp.used:
            claim = cmp.claim(side, f)
            if claim is not None and claim.measure is not None:
                left.append((f, claim))
    return left


def _pair_by_measure(cmp: Comparison, left_a: list[tuple[Found, Claim]], left_b: list[tuple[Found, Claim]],
                     link: int | None) -> None:
    """Pair the claims of one link that state one measure: equal values first, then, when
    one claim of the measure is left on each side, those two."""
    for a, claim_a in left_a:
        for b, claim_b in left_b:
            if b not in cmp.used and a not in cmp.used and comparable(claim_a, claim_b) \
                    and claim_a.value == claim_b.value:
                cmp.facts.append(_fact(cmp, a, b, "shared", link, claim_a, claim_b))
                _mark(cmp, a, b)
    by_measure: dict[str, tuple[list, list]] = {}
    for column, left in enumerate((left_a, left_b)):
        for f, claim in left:
            if f not in cmp.used:
                by_measure.setdefault(claim.measure.name, ([], []))[column].append((f, claim))
    for in_a, in_b in by_measure.values():
        # One value a side (said once, or repeated: a link joining two sentences that both
        # give the magnitude) is one claim a side.
        if in_a and in_b and len({c.value for _, c in in_a}) == len({c.value for _, c in in_b}) == 1 \
                and comparable(in_a[0][1], in_b[0][1]):
            (a, claim_a), (b, claim_b) = in_a[0], in_b[0]
            status = verdict(claim_a, claim_b, _same_statement(cmp, link))
            cmp.facts.append(_fact(cmp, a, b, status, link, claim_a, claim_b))
            _mark(cmp, a, b)


def _pair_across_document(cmp: Comparison) -> None:
    """Pair the claims of each lexicon measure across the document: equal values (both
    unpaired) first; then, when one value is left on each side, those two.  A count of a
    noun read after its classifier (7幢大厦 / 七座大厦) pairs on an equal value only: the
    noun alone is too unsure a measure to call two different values one claim.

    Figures of identical links have no claim (:meth:`Comparison.claim`): a value stated
    there is stated on both sides, so leaving it out changes no value left over.
    """
    stated: dict[str, tuple[list, list]] = {}
    for column, side in enumerate(("a", "b")):
        for f in cmp.found[side]:
            claim = cmp.claim(side, f)
            if claim is not None and claim.measure is not None:
                stated.setdefault(claim.measure.name, ([], []))[column].append((f, claim))
    for in_a, in_b in stated.values():
        if not in_a or not in_b:
            continue
        values_a, values_b = {c.value for _, c in in_a}, {c.value for _, c in in_b}
        for value in values_a & values_b:
            _pair_first(cmp, [x for x in in_a if x[1].value == value], [x for x in in_b if x[1].value == value])
        if not in_a[0][1].measure.listed:
            continue
        rest_a, rest_b = values_a - values_b, values_b - values_a
        if len(rest_a) == len(rest_b) == 1:
            _pair_first(cmp, [x for x in in_a if x[1].value in rest_a], [x for x in in_b if x[1].value in rest_b])
        _report_roundings(cmp, in_a, in_b)


def _report_roundings(cmp: Comparison, in_a: list[tuple[Found, Claim]], in_b: list[tuple[Found, Claim]]) -> None:
    """An unpaired approximate claim (or exact one) that rounds a claim of its measure on
    the other side is reported as a rounding of it (超过700人 of 732人, though 732 is
    shared with another mention); the other is not marked paired (it may be paired too)."""
    reported: set[tuple[int, int]] = set()  # each pair once, whichever side found it
    for mine, theirs, column in ((in_a, in_b, 0), (in_b, in_a, 1)):
        for f, claim in mine:
            if f in cmp.used:
                continue
            other = next(((g, c) for g, c in theirs if comparable(claim, c) and rounds(claim, c)), None)
            if other is not None:
                (a, claim_a), (b, claim_b) = ((f, claim), other) if column == 0 else (other, (f, claim))
                cmp.used.add(f)
                if (id(a), id(b)) not in reported:
                    reported.add((id(a), id(b)))
                    cmp.facts.append(_fact(cmp, a, b, "rounding", None, claim_a, claim_b))


def _pair_first(cmp: Comparison, in_a: list[tuple[Found, Claim]], in_b: list[tuple[Found, Claim]]) -> None:
    """Pair the first unpaired claim of ``in_a`` with the first of ``in_b``, if both exist and agree in unit."""
    left_a = next((x for x in in_a if x[0] not in cmp.used), None)
    left_b = next((x for x in in_b if x[0] not in cmp.used), None)
    if left_a is None or left_b is None or not comparable(left_a[1], left_b[1]):
        return
    (a, claim_a), (b, claim_b) = left_a, left_b
    cmp.facts.append(_fact(cmp, a, b, verdict(claim_a, claim_b, False), None, claim_a, claim_b))
    _mark(cmp, a, b)


def _mark(cmp: Comparison, a: Found, b: Found) -> None:
    cmp.used.update((a, b))
    cmp.paired[len(cmp.facts) - 1] = (a, b)


def _fact(cmp: Comparison, a: Found, b: Found, status: str, link: int | None,
          claim_a: Claim, claim_b: Claim) -> Fact:
    """The fact of two claims with their verdict and its note."""
    words_a, words_b = shown(cmp.sides["a"], a), shown(cmp.sides["b"], b)
    if status == "update":
        note = update_note(claim_a, claim_b, words_a, words_b)
    elif status == "shared":
        note = None if a.qualifier == b.qualifier else \
            f"qualifier differs: {a.qualifier or 'none'} / {b.qualifier or 'none'}"
    else:
        note = f"{'value differs' if status == 'conflict' else 'rounded'}: {words_a} / {words_b}"
    return Fact(a.kind, status, cmp.mention("a", a), cmp.mention("b", b), link, note)
