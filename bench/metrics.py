"""Scores of a predicted alignment against the gold of a pair.

Everything is measured on **non-space characters** of the two original texts, so
that line breaks, indents and blank lines (which differ between layouts) never
count, and so that a tool that cuts text into finer or coarser segments than the
gold sentences is judged on what it claims, not on where it cuts.

Link precision / recall / F1 (over gold sentence pairs)
    The gold is a set of n:m groups; each group ``(A, B)`` stands for the sentence
    pairs ``A × B``.  A predicted link *touches* gold sentence ``i`` of a when its
    a-side covers ≥ 50 % of ``i``'s characters, or when ≥ 50 % of the link's a-side
    characters lie inside ``i`` (so a link between two clauses touches the sentence
    the clauses belong to); likewise on b.  A gold sentence is *linked* when the
    links touching it together cover ≥ 50 % of it.  The prediction *makes* the
    sentence pair ``(i, j)`` when some link touches both and both are linked.
    Precision = made pairs that are gold pairs / made pairs; recall = gold pairs
    made / gold pairs.  So a tool may cut finer than the gold (clause links inside
    a gold pair make that pair) or coarser (one link for a 2:1 gold group makes both
    of its pairs), but a link that lumps two 1:1 pairs together makes four pairs,
    two of them wrong (coarse links pay in precision); a link to a stranger pays in
    precision; a gold pair left out, or linked on less than half of a sentence,
    pays in recall.

Only-in-one precision / recall (per side, by characters)
    Predicted: the characters of the segments reported as one-sided.  Gold: the
    characters of the gold one-sided sentences.  Precision = shared characters /
    predicted characters; recall = shared characters / gold characters.  Boilerplate
    is in neither gold list, so reporting it as one-sided content costs precision.

Conflicts (planted changes of a number, date or name)
    A predicted conflict (a span in a and a span in b) *hits* a gold conflict when
    its a-span overlaps the gold a-span and its b-span overlaps the gold b-span.
    Precision = predicted conflicts that hit some gold conflict / predicted
    conflicts; recall = gold conflicts hit by some predicted conflict / gold.

Reading (what a report says, whatever the gold)
    ``identical``: identical links / links.  ``linked``: non-space characters of
    content segments inside some link / non-space characters of content segments
    (both sides).  ``one_sided``: one-sided segments (their number is ``predicted``).
    The ``layout`` level (the same content in two layouts) asks for no one-sided
    segment, no conflict, every content character linked, ≥ 99 % identical.

Scores are summed over pairs before dividing (micro-average).  A ratio whose
denominator is zero is ``None`` (shown as "–"), never a flattering 1.0.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass

from .make_pairs import Gold, Pair, Span

LinkSpans = tuple[tuple[Span, ...], tuple[Span, ...]]


@dataclass(frozen=True)
class Prediction:
    """What a tool claims, as spans of the two original texts.

    ``links``: for each link, the spans of its a segments and of its b segments.
    ``only_a/only_b``: spans of segments reported as one-sided content.
    ``conflicts``: ``(a span, b span)`` of each reported conflict.
    ``statuses``: each link's status (identical / changed), when the tool says.
    ``content_a/content_b``: spans of the content segments, when the tool says.
    """

    links: tuple[LinkSpans, ...]
    only_a: tuple[Span, ...] = ()
    only_b: tuple[Span, ...] = ()
    conflicts: tuple[tuple[Span, Span], ...] = ()
    statuses: tuple[str, ...] = ()
    content_a: tuple[Span, ...] = ()
    content_b: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Score:
    """Counts behind a precision and a recall; add scores of pairs with ``+``.

    precision = ``hit_predicted / predicted``; recall = ``hit_gold / gold``.
    """

    hit_predicted: int = 0
    predicted: int = 0
    hit_gold: int = 0
    gold: int = 0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.hit_predicted + other.hit_predicted, self.predicted + other.predicted,
                     self.hit_gold + other.hit_gold, self.gold + other.gold)

    @property
    def precision(self) -> float | None:
        return self.hit_predicted / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.hit_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


def owners(text: str, sentences: tuple[Span, ...]) -> array:
    """Return, for each character of ``text``, the gold sentence holding it (-1: none or space)."""
    owner = array("i", [-1]) * len(text)
    for i, (start, end) in enumerate(sentences):
        for p in range(start, end):
            if not text[p].isspace():
                owner[p] = i
    return owner


def _cover(owner: array, text: str, spans: tuple[Span, ...]) -> tuple[Counter, int]:
    """Return non-space characters of ``spans`` per gold sentence, and their total."""
    per_sentence: Counter = Counter()
    total = 0
    for start, end in spans:
        for p in range(start, end):
            if not text[p].isspace():
                total += 1
                per_sentence[owner[p]] += 1
    per_sentence.pop(-1, None)
    return per_sentence, total


def _touched(cover: Counter, total: int, sizes: list[int]) -> dict[int, int]:
    return {i: c for i, c in cover.items() if 2 * c >= sizes[i] or 2 * c >= total}


def gold_sentence_pairs(gold: Gold) -> set[tuple[int, int]]:
    """Return the gold sentence pairs: ``A × B`` for every gold group."""
    return {(i, j) for a, b in gold.pairs for i in a for j in b}


def made_pairs(text_a: str, text_b: str, gold: Gold, links: tuple[LinkSpans, ...]) -> set[tuple[int, int]]:
    """Return the gold-sentence pairs ``(i, j)`` that the predicted links make (see module doc)."""
    owner_a, owner_b = owners(text_a, gold.sentences_a), owners(text_b, gold.sentences_b)
    sizes_a = Counter(o for o in owner_a if o >= 0)
    sizes_b = Counter(o for o in owner_b if o >= 0)
    size_list_a = [sizes_a[i] for i in range(len(gold.sentences_a))]
    size_list_b = [sizes_b[j] for j in range(len(gold.sentences_b))]
    linked_a: Counter = Counter()
    linked_b: Counter = Counter()
    candidates: set[tuple[int, int]] = set()
    for spans_a, spans_b in links:
        touched_a = _touched(*_cover(owner_a, text_a, spans_a), size_list_a)
        touched_b = _touched(*_cover(owner_b, text_b, spans_b), size_list_b)
        linked_a.update(touched_a)
        linked_b.update(touched_b)
        candidates.update((i, j) for i in touched_a for j in touched_b)
    return {(i, j) for i, j in candidates
            if 2 * linked_a[i] >= size_list_a[i] and 2 * linked_b[j] >= size_list_b[j]}


def link_score(pair: Pair, prediction: Prediction) -> Score:
    """Return the link score of ``prediction`` on ``pair`` (gold sentence pairs made)."""
    gold = gold_sentence_pairs(pair.gold)
    made = made_pairs(pair.text_a, pair.text_b, pair.gold, prediction.links)
    hits = len(made & gold)
    return Score(hits, len(made), hits, len(gold))


def _characters(text: str, spans) -> set[int]:
    return {p for start, end in spans for p in range(start, end) if not text[p].isspace()}


def one_sided_score(text: str, gold_sentences: tuple[Span, ...], gold_only: tuple[int, ...],
                    predicted_only: tuple[Span, ...]) -> Score:
    """Return the only-in-one score of one side, by non-space characters."""
    gold = _characters(text, [gold_sentences[i] for i in gold_only])
    predicted = _characters(text, predicted_only)
    shared = len(gold & predicted)
    return Score(shared, len(predicted), shared, len(gold))


def _overlap(x: Span, y: Span) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def _hits(a: Span, b: Span, conflict) -> bool:
    return _overlap(a, conflict.a) and _overlap(b, conflict.b)


def conflict_score(pair: Pair, prediction: Prediction) -> Score:
    """Return the conflict score: predicted conflicts hitting a planted one, and planted ones hit."""
    gold = pair.gold.conflicts
    predicted_hits = sum(1 for a, b in prediction.conflicts if any(_hits(a, b, g) for g in gold))
    gold_hits = sum(1 for g in gold if any(_hits(a, b, g) for a, b in prediction.conflicts))
    return Score(predicted_hits, len(prediction.conflicts), gold_hits, len(gold))


def conflict_recall_by_kind(pair: Pair, prediction: Prediction) -> dict[str, Score]:
    """Return, per kind of planted conflict, how many were hit (recall only: ``hit_gold / gold``)."""
    scores: dict[str, Score] = {}
    for g in pair.gold.conflicts:
        hit = int(any(_hits(a, b, g) for a, b in prediction.conflicts))
        scores[g.kind] = scores.get(g.kind, Score()) + Score(0, 0, hit, 1)
    return scores


def linked_score(pair: Pair, prediction: Prediction) -> Score:
    """Return the content characters inside links (``hit_predicted``) out of all
    content characters (``predicted``), both sides, non-space."""
    linked = content = 0
    for text, spans, side in ((pair.text_a, prediction.content_a, 0), (pair.text_b, prediction.content_b, 1)):
        inside = _characters(text, [span for link in prediction.links for span in link[side]])
        characters = _characters(text, spans)
        content += len(characters)
        linked += len(characters & inside)
    return Score(linked, content)


def reading_scores(pair: Pair, prediction: Prediction) -> dict[str, Score]:
    """Return ``identical``, ``linked`` and ``one_sided`` (see the module's docstring)."""
    identical = sum(1 for status in prediction.statuses if status == "identical")
    return {
        "identical": Score(identical, len(prediction.statuses)),
        "linked": linked_score(pair, prediction),
        "one_sided": Score(0, len(prediction.only_a) + len(prediction.only_b)),
    }


def score_pair(pair: Pair, prediction: Prediction) -> dict[str, Score]:
    """Return every score of one pair: ``links``, ``only_a``, ``only_b``, ``conflicts``,
    ``conflicts.KIND`` (recall of the planted conflicts of each kind) and the
    reading scores (``identical``, ``linked``, ``one_sided``)."""
    gold = pair.gold
    by_kind = {f"conflicts.{kind}": score for kind, score in conflict_recall_by_kind(pair, prediction).items()}
    return by_kind | reading_scores(pair, prediction) | {
        "links": link_score(pair, prediction),
        "only_a": one_sided_score(pair.text_a, gold.sentences_a, gold.only_a, prediction.only_a),
        "only_b": one_sided_score(pair.text_b, gold.sentences_b, gold.only_b, prediction.only_b),
        "conflicts": conflict_score(pair, prediction),
    }


def prediction_from_report(report) -> Prediction:
    """Return the :class:`Prediction` of an ``aligner`` ``Report`` (segments, links, facts)."""
    spans = {s.id: (s.start, s.end) for s in (*report.segments_a, *report.segments_b)}
    links = tuple((tuple(spans[i] for i in link.a), tuple(spans[i] for i in link.b)) for link in report.links)
    conflicts = tuple(((f.a.start, f.a.end), (f.b.start, f.b.end)) for f in report.facts
                      if f.status == "conflict" and f.a is not None and f.b is not None)
    return Prediction(links, tuple(spans[i] for i in report.only_a), tuple(spans[i] for i in report.only_b),
                      conflicts, tuple(link.status for link in report.links),
                      tuple((s.start, s.end) for s in report.segments_a if s.is_content),
                      tuple((s.start, s.end) for s in report.segments_b if s.is_content))
