"""Edited document pairs with known answers, made from corpus articles.

One side (``src``) is the articles as printed; the other (``edited``) goes through
the changes an editor, a syndication site and a PDF extractor make:

* script conversion (OpenCC ``s2t`` / ``s2tw`` / ``s2hk`` / ``s2twp``; Taiwan and Hong
  Kong sides also get 「」 quotes),
* light rewording that keeps the facts (synonyms, function words, punctuation;
  whole corpus tokens only, never inside a tagged mention),
* sentences deleted and inserted (from other articles), whole paragraphs at ``hard``,
* sentences split at a comma and adjacent sentences merged,
* paragraphs moved,
* planted *conflicts*: a tagged number, date, person, place or organisation changed,
* layout: web pages (indents, blank lines, header/footer boilerplate; at ``hard``
  the chrome of real sites too) and PDF text (hard wraps every 14-20 characters,
  blank lines, doubled runs made after the wrap at ``hard``, before it at
  ``hard_prewrap``, running heads): see ``page_layout``.

The ``layout`` level (identical content in different layouts) is made by ``layout_level``.

Every sentence is carried with its provenance, and the text is laid out character by
character with a tag, so gold spans are exact by construction (never searched for).
The gold of a pair: every content sentence's span on both sides, the n:m groups of
sentences that correspond, the one-sided sentences of each side and the planted
conflicts with the changed mention's span on both sides.  Boilerplate lines are in
no gold list.  Everything is seeded: the same seed gives the same pairs.

``python -m bench.make_pairs --level hard --count 3 --out DIR`` writes pairs to disk
(``NAME.a.txt``, ``NAME.b.txt``, ``NAME.gold.json``) for use with the CLI.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from .corpus import Article, ends_sentence, load_articles
from .page_layout import lay_out
from .tables import opencc_converter, rewording_table

Span = tuple[int, int]
# (start, end, kind, key): key is the planted conflict's number, or None
DraftMention = tuple[int, int, str, "int | None"]

_DIGIT = re.compile(r"[0-9０-９]")
_NUMERAL = "一二三四五六七八九"
_NUMERAL_WORD = re.compile(rf"^[〇零{_NUMERAL}十百千万亿两]{{2,}}")
_QUOTES_TW = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


@dataclass(frozen=True)
class Level:
    """How much a level changes: rates are per sentence, counts per pair."""

    name: str
    target_chars: int
    conversions: tuple[str, ...]
    layout_src: str  # plain | web | pdf
    layout_edited: str
    reword: float
    delete: float
    insert: float
    split: float
    merge: float
    conflicts: int
    moves: int
    paragraph_edits: int = 0  # whole paragraphs deleted and inserted
    swap_sides: bool = False
    real_pages: bool = False  # see page_layout.lay_out
    seeded_as: str = ""  # the name its random choices are seeded with, if not its own


LEVELS = {
    "easy": Level("easy", 1500, ("s2t",), "plain", "plain", 0.10, 0.03, 0.03, 0.02, 0.02, 1, 0),
    "medium": Level("medium", 2500, ("s2tw", "s2hk"), "plain", "web", 0.25, 0.06, 0.06, 0.05, 0.05,
                    3, 1, swap_sides=True),
    "hard": Level("hard", 3000, ("s2twp",), "pdf", "web", 0.45, 0.12, 0.12, 0.10, 0.10,
                  5, 2, paragraph_edits=1, swap_sides=True, real_pages=True),
    # The hard level as it was: doubled runs made before the wrap, plain chrome.
    "hard_prewrap": Level("hard_prewrap", 3000, ("s2twp",), "pdf", "web", 0.45, 0.12, 0.12, 0.10, 0.10,
                          5, 2, paragraph_edits=1, swap_sides=True, seeded_as="hard"),
    "long": Level("long", 100_000, ("s2t", "s2tw", "s2hk", "s2twp"), "pdf", "web",
                  0.25, 0.06, 0.06, 0.05, 0.05, 40, 12, paragraph_edits=4, swap_sides=True),
}


@dataclass(frozen=True)
class Conflict:
    """A planted conflict: the kind of fact and the changed mention's span on each side."""

    kind: str
    a: Span
    b: Span


@dataclass(frozen=True)
class Gold:
    """The known answer of a pair.

    ``sentences_a/b``: span of every content sentence in its text, in reading order.
    ``pairs``: groups ``(a indices, b indices)`` that correspond (n:m).
    ``only_a/only_b``: indices of sentences with no counterpart.
    """

    sentences_a: tuple[Span, ...]
    sentences_b: tuple[Span, ...]
    pairs: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True)
class Pair:
    """Two texts and their gold; ``conversion`` names the OpenCC config of the edited side."""

    name: str
    level: str
    text_a: str
    text_b: str
    gold: Gold
    conversion: str
    swapped: bool


@dataclass(frozen=True)
class Draft:
    """A sentence on its way to a side: text, mentions, and the src sentences it comes from."""

    text: str
    mentions: tuple[DraftMention, ...]
    sources: tuple[int, ...]
    bounds: tuple[int, ...] = ()


def mention_pool(articles: tuple[Article, ...]) -> dict[str, tuple[str, ...]]:
    """Return the distinct names of each kind in the corpus, for swapping one name for another."""
    pool: dict[str, set[str]] = {}
    for article in articles:
        for paragraph in article.paragraphs:
            for s in paragraph:
                for start, end, kind in s.mentions:
                    if kind in ("person", "place", "organization") and 2 <= end - start <= 6:
                        pool.setdefault(kind, set()).add(s.text[start:end])
    return {k: tuple(sorted(v)) for k, v in pool.items()}


# ---------------------------------------------------------------- edits of one draft

def rewrite(draft: Draft, pieces: list[tuple[int, int, str]]) -> Draft:
    """Return ``draft`` with sorted, non-overlapping ``(start, end, new)`` applied.

    Mentions and token bounds after a piece shift; a mention that a piece touches is
    replaced by the piece (the piece is the changed mention) when they coincide.
    """
    out, cursor, shift = [], 0, 0
    moves: list[tuple[int, int, int]] = []  # (old start, old end, shift after)
    for start, end, new in pieces:
        out.append(draft.text[cursor:start])
        out.append(new)
        cursor = end
        shift += len(new) - (end - start)
        moves.append((start, end, shift))

    def moved(pos: int) -> int:
        delta = 0
        for start, end, after in moves:
            if pos >= end:
                delta = after
            elif pos > start:
                raise ValueError("position inside a rewritten piece")
        return pos + delta

    out.append(draft.text[cursor:])
    mentions = []
    for start, end, kind, key in draft.mentions:
        piece = next((p for p in pieces if p[0] == start and p[1] == end), None)
        if piece:
            new_start = moved(start)
            mentions.append((new_start, new_start + len(piece[2]), kind, key))
        else:
            mentions.append((moved(start), moved(end), kind, key))
    bounds = tuple(moved(b) for b in draft.bounds if not any(s < b < e for s, e, _ in pieces))
    return Draft("".join(out), tuple(mentions), draft.sources, bounds)


def _inside_mention(draft: Draft, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _, _ in draft.mentions)


def reword(draft: Draft, rng: random.Random) -> Draft:
    """Return ``draft`` with one or two whole tokens swapped for a synonym or dropped."""
    table = rewording_table()
    candidates = []
    start = 0
    for end in draft.bounds:
        token = draft.text[start:end]
        if token in table and not _inside_mention(draft, start, end):
            candidates.append((start, end, rng.choice(table[token])))
        start = end
    if not candidates:
        return draft
    chosen = sorted(rng.sample(candidates, min(len(candidates), rng.choice((1, 1, 2)))))
    return rewrite(draft, chosen)


def changed_value(text: str, kind: str, rng: random.Random, pool: dict[str, tuple[str, ...]]) -> str | None:
    """Return a different but plausible value for a mention, or None when it has none."""
    if kind in ("number", "date"):
        digits = [i for i, c in enumerate(text) if _DIGIT.match(c)]
        if digits:
            i = rng.choice(digits)
            wide = text[i] >= "０"
            value = (int(text[i].translate({0xFF10 + d: 0x30 + d for d in range(10)})) + rng.randint(1, 8)) % 10
            new = chr((0xFF10 if wide else 0x30) + value)
            return text[:i] + new + text[i + 1:]
        if _NUMERAL_WORD.match(text):
            numerals = [i for i, c in enumerate(text) if c in _NUMERAL]
            if numerals:
                i = rng.choice(numerals)
                new = rng.choice([c for c in _NUMERAL if c != text[i]])
                return text[:i] + new + text[i + 1:]
        return None
    names = pool.get(kind, ())
    if len(text) < 2 or not names:
        return None
    for _ in range(10):
        other = rng.choice(names)
        if other != text and other not in text and text not in other:
            return other
    return None


def convert(draft: Draft, config: str, converted: str | None = None) -> Draft:
    """Return ``draft`` in the script of ``config``; mentions keep exact spans.

    ``converted`` is the whole text already converted, when known.  When conversion
    keeps the length (every config but ``s2twp``) offsets do not move; otherwise the
    text is converted piece by piece between mention boundaries.
    """
    cc = opencc_converter(config)
    if converted is None:
        converted = cc.convert(draft.text)
    if config in ("s2tw", "s2twp", "s2hk"):
        converted = converted.translate(_QUOTES_TW)
    if len(converted) == len(draft.text):
        return Draft(converted, draft.mentions, draft.sources)
    cuts = sorted({0, len(draft.text)} | {p for s, e, _, _ in draft.mentions for p in (s, e)})
    pieces = [(a, b, cc.convert(draft.text[a:b]).translate(_QUOTES_TW)) for a, b in zip(cuts, cuts[1:])]
    return replace(rewrite(draft, pieces), bounds=())


def convert_all(paragraphs: list[list[Draft]], config: str) -> list[list[Draft]]:
    """Return every draft converted; one OpenCC call for the lot (much faster than one per sentence)."""
    texts = [d.text for row in paragraphs for d in row]
    converted = iter(opencc_converter(config).convert("\n".join(texts)).split("\n"))
    return [[convert(d, config, next(converted)) for d in row] for row in paragraphs]


def cut(draft: Draft, start: int, end: int) -> Draft:
    """Return the part ``text[start:end]`` of a draft with the mentions and bounds inside it."""
    return Draft(
        draft.text[start:end],
        tuple((s - start, e - start, k, key) for s, e, k, key in draft.mentions if start <= s and e <= end),
        draft.sources,
        tuple(b - start for b in draft.bounds if start < b <= end),
    )


def split_draft(draft: Draft, rng: random.Random) -> list[Draft]:
    """Split a sentence at a comma into two sentences (both keep the same source)."""
    text = draft.text
    commas = [i for i, c in enumerate(text) if c == "，" and 6 <= i <= len(text) - 8
              and not _inside_mention(draft, i, i + 1)]
    if not commas:
        return [draft]
    i = rng.choice(commas)
    first = cut(draft, 0, i)
    return [replace(first, text=first.text + "。"), cut(draft, i + 1, len(text))]


def merge_drafts(first: Draft, second: Draft) -> Draft | None:
    """Join two sentences with a comma, or None when the first does not end in 。."""
    if not first.text.endswith("。") or first.text.endswith(("。”", "。」")):
        return None
    head = rewrite(first, [(len(first.text) - 1, len(first.text), "，")])
    offset = len(head.text)
    return Draft(
        head.text + second.text,
        head.mentions + tuple((s + offset, e + offset, k, key) for s, e, k, key in second.mentions),
        head.sources + second.sources,
        head.bounds + tuple(b + offset for b in second.bounds),
    )


# ---------------------------------------------------------------- building the two sides

def drafts_of(articles: list[Article]) -> list[list[Draft]]:
    """Return paragraphs of drafts, numbering src sentences in reading order."""
    paragraphs, k = [], 0
    for article in articles:
        for paragraph in article.paragraphs:
            row = []
            for s in paragraph:
                row.append(Draft(s.text, tuple((a, b, kind, None) for a, b, kind in s.mentions), (k,), s.bounds))
                k += 1
            paragraphs.append(row)
    return paragraphs


CONFLICT_KINDS = ("number", "date", "person", "place", "organization")


def plant_conflicts(src: list[list[Draft]], edited: list[list[Draft]], count: int,
                    rng: random.Random, pool: dict) -> None:
    """Change ``count`` mentions in ``edited`` and mark them (with the same key) on both sides.

    Kinds take turns (in an order drawn for each pair), so that the many place
    names of a news corpus do not crowd out numbers and dates.
    """
    by_kind: dict[str, list[tuple[int, int, int]]] = {kind: [] for kind in CONFLICT_KINDS}
    for p, row in enumerate(edited):
        for i, d in enumerate(row):
            for m, (_, _, kind, _) in enumerate(d.mentions):
                by_kind[kind].append((p, i, m))
    for places in by_kind.values():
        rng.shuffle(places)
    used_sentences: set[tuple[int, int]] = set()
    key = 0
    order = rng.sample(CONFLICT_KINDS, len(CONFLICT_KINDS))
    while key < count and any(by_kind.values()):
        for kind in order:
            while key < count and by_kind[kind]:
                p, i, m = by_kind[kind].pop()
                if (p, i) in used_sentences:
                    continue
                draft = edited[p][i]
                start, end, _, _ = draft.mentions[m]
                new = changed_value(draft.text[start:end], kind, rng, pool)
                if new is None:
                    continue
                edited[p][i] = rewrite(_marked(draft, m, key), [(start, end, new)])
                src[p][i] = _marked(src[p][i], m, key)
                used_sentences.add((p, i))
                key += 1
                break


def _marked(draft: Draft, m: int, key: int) -> Draft:
    """Return ``draft`` with mention ``m`` carrying the conflict ``key``."""
    mentions = list(draft.mentions)
    start, end, kind, _ = mentions[m]
    mentions[m] = (start, end, kind, key)
    return replace(draft, mentions=tuple(mentions))


def _has_conflict(draft: Draft) -> bool:
    return any(key is not None for *_, key in draft.mentions)


def edit_sentences(edited: list[list[Draft]], level: Level, rng: random.Random,
                   foreign: list[Draft]) -> list[list[Draft]]:
    """Return the edited paragraphs: reworded, split, merged, deleted and inserted sentences."""
    result = []
    for row in edited:
        row = [reword(d, rng) if rng.random() < level.reword else d for d in row]
        out: list[Draft] = []
        for d in row:
            r = rng.random()
            if r < level.delete and not _has_conflict(d):
                continue
            if r < level.delete + level.split:
                out.extend(split_draft(d, rng))
            elif out and r < level.delete + level.split + level.merge and (merged := merge_drafts(out[-1], d)):
                out[-1] = merged
            else:
                out.append(d)
            # never glue an inserted sentence to a headline or byline (no end punctuation)
            if foreign and out and ends_sentence(out[-1].text) and rng.random() < level.insert:
                out.append(foreign.pop())
        if out:
            result.append(out)
    return result


def edit_paragraphs(edited: list[list[Draft]], level: Level, rng: random.Random,
                    foreign_paragraphs: list[list[Draft]]) -> list[list[Draft]]:
    """Return the paragraphs with some deleted, some inserted and some moved (never the first)."""
    edited = list(edited)
    for _ in range(level.paragraph_edits):
        candidates = [i for i in range(1, len(edited)) if not any(_has_conflict(d) for d in edited[i])]
        if candidates:
            del edited[rng.choice(candidates)]
        if foreign_paragraphs:
            edited.insert(rng.randint(1, len(edited)), foreign_paragraphs.pop())
    for _ in range(level.moves):
        if len(edited) < 4:
            break
        origin = rng.randint(1, len(edited) - 1)
        paragraph = edited.pop(origin)
        target = rng.choice([i for i in range(1, len(edited) + 1) if abs(i - origin) >= 2] or [len(edited)])
        edited.insert(target, paragraph)
    return edited


def gold_groups(src_units: list[Draft], edited_units: list[Draft]
                ) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], list[int], list[int]]:
    """Return the n:m groups, the src-only and the edited-only unit indices.

    Edited unit j corresponds to the src units whose sentence numbers are in its
    ``sources``; groups are the connected components of that relation.
    """
    by_number = {d.sources[0]: i for i, d in enumerate(src_units)}
    parent = list(range(len(src_units)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    members: dict[int, list[int]] = {}
    for j, d in enumerate(edited_units):
        linked = [by_number[k] for k in d.sources if k in by_number]
        for i in linked[1:]:
            parent[find(i)] = find(linked[0])
    for j, d in enumerate(edited_units):
        linked = [by_number[k] for k in d.sources if k in by_number]
        if linked:
            members.setdefault(find(linked[0]), []).append(j)
    src_sets: dict[int, list[int]] = {}
    for i in range(len(src_units)):
        src_sets.setdefault(find(i), []).append(i)
    groups = [(tuple(src_sets[root]), tuple(js)) for root, js in sorted(members.items())]
    linked_src = {i for a, _ in groups for i in a}
    only_src = [i for i in range(len(src_units)) if i not in linked_src]
    only_edited = [j for j, d in enumerate(edited_units) if not any(k in by_number for k in d.sources)]
    return groups, only_src, only_edited


# ---------------------------------------------------------------- pairs

def pick_articles(articles: tuple[Article, ...], target: int, rng: random.Random) -> list[Article]:
    """Return consecutive articles from a random place, at least ``target`` characters in all."""
    start = rng.randrange(len(articles))
    chosen, total, i = [], 0, start
    while total < target:
        chosen.append(articles[i % len(articles)])
        total += chosen[-1].chars
        i += 1
    return chosen


def foreign_material(articles: tuple[Article, ...], avoid: list[Article], rng: random.Random,
                     sentences: int, paragraphs: int) -> tuple[list[Draft], list[list[Draft]]]:
    """Return sentences and paragraphs from other articles, to be inserted (no sources)."""
    avoid_ids = {id(a) for a in avoid}
    others = [a for a in rng.sample(articles, min(len(articles), 60 + paragraphs * 2)) if id(a) not in avoid_ids]
    seen = {s.text for a in avoid for p in a.paragraphs for s in p}
    single, whole = [], []
    for article in others:
        for paragraph in article.paragraphs[1:]:
            drafts = [Draft(s.text, (), (), s.bounds) for s in paragraph if s.text not in seen]
            if len(drafts) >= 2 and len(whole) < paragraphs:
                whole.append(drafts)
                continue
            single.extend(d for d in drafts if 10 <= len(d.text) <= 80)
    rng.shuffle(single)
    return single[:sentences], whole


def edit_as_an_outlet(articles: tuple[Article, ...], pool: dict, chosen: list[Article], src: list[list[Draft]],
                      level: Level, rng: random.Random, conflicts: int) -> list[list[Draft]]:
    """One outlet's edit of ``src``: ``conflicts`` mentions changed (and marked on ``src``),
    then sentences and paragraphs reworded, split, merged, deleted, inserted and moved."""
    edited = [list(row) for row in src]
    plant_conflicts(src, edited, conflicts, rng, pool)
    n_sentences = sum(len(row) for row in src)
    foreign, foreign_paragraphs = foreign_material(
        articles, chosen, rng, int(n_sentences * level.insert * 2) + 2, level.paragraph_edits)
    return edit_paragraphs(edit_sentences(edited, level, rng, foreign), level, rng, foreign_paragraphs)


def make_pair(articles: tuple[Article, ...], pool: dict[str, tuple[str, ...]], level: Level,
              seed: int, index: int) -> Pair:
    """Return pair ``index`` of ``level`` for ``seed`` (deterministic); ``pool`` is
    :func:`mention_pool` of ``articles``."""
    rng = random.Random(f"{seed}:{level.seeded_as or level.name}:{index}")
    chosen = pick_articles(articles, level.target_chars, rng)
    src = drafts_of(chosen)
    edited = edit_as_an_outlet(articles, pool, chosen, src, level, rng, level.conflicts)
    conversion = rng.choice(level.conversions)
    edited = convert_all(edited, conversion)
    text_src, units_src, spans_src, conflicts_src = lay_out(src, level.layout_src, rng, pool,
                                                            real_pages=level.real_pages)
    text_ed, units_ed, spans_ed, conflicts_ed = lay_out(edited, level.layout_edited, rng, pool, conversion,
                                                        real_pages=level.real_pages)
    groups, only_src, only_ed = gold_groups(units_src, units_ed)
    kinds = {key: kind for row in src for d in row for *_, kind, key in d.mentions if key is not None}
    swapped = level.swap_sides and rng.random() < 0.5
    if not swapped:
        conflicts = tuple(Conflict(kinds[k], conflicts_src[k], conflicts_ed[k]) for k in sorted(conflicts_ed))
        gold = Gold(tuple(spans_src), tuple(spans_ed), tuple(groups), tuple(only_src), tuple(only_ed), conflicts)
        text_a, text_b = text_src, text_ed
    else:
        conflicts = tuple(Conflict(kinds[k], conflicts_ed[k], conflicts_src[k]) for k in sorted(conflicts_ed))
        gold = Gold(tuple(spans_ed), tuple(spans_src), tuple((b, a) for a, b in groups),
                    tuple(only_ed), tuple(only_src), conflicts)
        text_a, text_b = text_ed, text_src
    return Pair(f"{level.name}-{seed}-{index:03d}", level.name, text_a, text_b, gold, conversion, swapped)


def make_pairs(level: str, count: int, seed: int = 0) -> list[Pair]:
    """Return ``count`` pairs of ``level`` (easy / medium / hard / long) for ``seed``."""
    articles = load_articles()
    pool = mention_pool(articles)
    return [make_pair(articles, pool, LEVELS[level], seed, i) for i in range(count)]


def write_pair(pair: Pair, directory: Path) -> None:
    """Write ``NAME.a.txt``, ``NAME.b.txt`` and ``NAME.gold.json`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{pair.name}.a.txt").write_text(pair.text_a, encoding="utf-8")
    (directory / f"{pair.name}.b.txt").write_text(pair.text_b, encoding="utf-8")
    meta = {"name": pair.name, "level": pair.level, "conversion": pair.conversion,
            "swapped": pair.swapped, "gold": asdict(pair.gold)}
    (directory / f"{pair.name}.gold.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Write benchmark pairs with their gold to a directory.")
    parser.add_argument("--level", choices=sorted(LEVELS), default="medium")
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    for pair in make_pairs(args.level, args.count, args.seed):
        write_pair(pair, args.out)


if __name__ == "__main__":
    main()
