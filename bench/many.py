"""One story told by N sources: generated stories with known groups, quality and cost.

``python -m bench.many [--sources 2,5,10,20] [--chars 20000] [--repeat 3] [--quality 5x8]
[--level medium] [--seed N]`` prints two tables:

* **cost**: for N sources of about ``--chars`` characters each, the CPU time of
  ``aligner.many.compare_many_texts`` (tasks in turn, the fastest of ``--repeat``
  runs), with the rendering of its JSON and HTML reports, the wall time with
  its tasks handed to a pool of ``--workers`` forked processes (started before
  the clock, each task sent to it), and the wall time with the runner that
  :func:`aligner.runner.choose_for_calls` picks (what a user gets: shares of the
  tasks in forked children, the forks timed); the wall times are the least of
  ``--repeat`` rounds, each round timing every configuration once; each next to one
  two-source comparison (``aligner.compare_texts`` of the first two sources, its
  reports; wall time in turn, as the two-source pipeline uses no second process
  below 400,000 characters);
* **quality**: on ``--quality SxT`` stories of S sources (T stories), the group
  precision / recall / F1 and the pairwise consistency.

Stories: articles of the corpus (as :mod:`bench.make_pairs` picks them) become N
sources, each edited independently with the rates of ``--level`` (rewording,
deleted / inserted / split / merged sentences, moved paragraphs, changed facts),
converted with one of the level's OpenCC configs or left simplified, and laid out
as plain text, a web page or (at ``hard``) PDF text.  Each sentence keeps the
numbers of the corpus sentences it comes from, so the gold groups are exact: two
sentences of different sources belong together when they share a corpus sentence
(connected components over all sources).

Group F1 (see :func:`group_score`): for every two sources, the groups restricted
to them are links, scored by :func:`bench.metrics.link_score` against the gold
groups restricted to them; the counts are summed over all pairs and stories.
Pairwise consistency (see :func:`consistency`): for every two sources, the share
of the characters linked by the N-source groups or by the two-source report
``compare_texts(i, j)`` that both link to at least one common segment (and, in the
strict figure, to the same segments).

Targets: 10 sources ≤ 4 × the two-source time, 20 sources ≤ 3 × the 10-source
time; group F1 ≥ 0.97 on 5-source stories; consistency ≥ 0.97 for every pair.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Sequence

from .make_pairs import (
    LEVELS,
    Gold,
    Level,
    Pair,
    Span,
    convert_all,
    drafts_of,
    edit_as_an_outlet,
    lay_out,
    mention_pool,
    pick_articles,
)
from .metrics import Prediction, Score, link_score


@dataclass(frozen=True)
class Story:
    """N texts of one story; ``spans[k]``: source k's gold sentences; ``origins[k][u]``: the
    corpus sentence numbers sentence u of source k comes from (empty: inserted)."""

    name: str
    texts: tuple[str, ...]
    spans: tuple[tuple[Span, ...], ...]
    origins: tuple[tuple[tuple[int, ...], ...], ...]


def _layouts(level: Level) -> tuple[str, ...]:
    return ("plain", "web", "pdf") if level.layout_src == "pdf" else ("plain", "web")


def make_story(articles, pool, level: Level, sources: int, seed: int, index: int) -> Story:
    """Story ``index`` of ``sources`` sources at ``level`` for ``seed`` (deterministic)."""
    rng = random.Random(f"{seed}:{level.name}:{sources}:{index}")
    chosen = pick_articles(articles, level.target_chars, rng)
    src = drafts_of(chosen)
    texts, spans, origins = [], [], []
    for _ in range(sources):
        # A copy of src for each outlet: conflicts are marked on the copy, not on the story.
        edited = edit_as_an_outlet(articles, pool, chosen, [list(row) for row in src], level, rng, level.conflicts)
        conversion = rng.choice((None,) + level.conversions)
        if conversion:
            edited = convert_all(edited, conversion)
        text, units, unit_spans, _ = lay_out(edited, rng.choice(_layouts(level)), rng, pool, conversion)
        texts.append(text)
        spans.append(tuple(unit_spans))
        origins.append(tuple(d.sources for d in units))
    return Story(f"{level.name}-{sources}-{seed}-{index:03d}", tuple(texts), tuple(spans), tuple(origins))


def make_stories(level: str, sources: int, count: int, seed: int = 0, chars: int | None = None) -> list[Story]:
    """``count`` stories of ``sources`` sources at ``level`` (``chars``: target length of each)."""
    from .corpus import load_articles

    articles = load_articles()
    pool = mention_pool(articles)
    chosen = LEVELS[level] if chars is None else replace(LEVELS[level], name=f"{level}{chars}", target_chars=chars)
    return [make_story(articles, pool, chosen, sources, seed, i) for i in range(count)]


def gold_components(story: Story) -> list[dict[int, list[int]]]:
    """The gold groups: for each component, source index → its sentence indices."""
    parent: dict[object, object] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, units in enumerate(story.origins):
        for u, numbers in enumerate(units):
            find((k, u))
            for number in numbers:
                parent[find(("src", number))] = find((k, u))
    out: dict[object, dict[int, list[int]]] = {}
    for k, units in enumerate(story.origins):
        for u in range(len(units)):
            out.setdefault(find((k, u)), {}).setdefault(k, []).append(u)
    return list(out.values())


def _pair_gold(story: Story, components, i: int, j: int) -> Gold:
    pairs = tuple((tuple(c[i]), tuple(c[j])) for c in components if i in c and j in c)
    linked_i = {u for a, _ in pairs for u in a}
    linked_j = {v for _, b in pairs for v in b}
    return Gold(story.spans[i], story.spans[j], pairs,
                tuple(u for u in range(len(story.spans[i])) if u not in linked_i),
                tuple(v for v in range(len(story.spans[j])) if v not in linked_j), ())


def group_score(story: Story, report) -> Score:
    """Group precision / recall over every two sources (see the module doc)."""
    components = gold_components(story)
    spans = {s.id: (s.start, s.end) for segments in report.segments for s in segments}
    ids = report.ids
    total = Score()
    for i, j in combinations(range(len(story.texts)), 2):
        links = []
        for group in report.groups:
            part_i, part_j = group.part(ids[i]), group.part(ids[j])
            if part_i and part_j:
                links.append((tuple(spans[x] for x in part_i.segments), tuple(spans[x] for x in part_j.segments)))
        pair = Pair(f"{story.name}:{i}-{j}", "many", story.texts[i], story.texts[j],
                    _pair_gold(story, components, i, j), "", False)
        total = total + link_score(pair, Prediction(tuple(links)))
    return total


def _partners(links: Sequence[tuple[Sequence[int], Sequence[int]]]) -> tuple[dict[int, set], dict[int, set]]:
    """For each segment index of either side, the other side's segment indices linked with it."""
    left: dict[int, set] = {}
    right: dict[int, set] = {}
    for a, b in links:
        for x in a:
            left.setdefault(x, set()).update(b)
        for y in b:
            right.setdefault(y, set()).update(a)
    return left, right


def consistency(report, pair_report, i: int, j: int) -> tuple[int, int, int]:
    """(agreeing, strictly agreeing, linked) characters of sources ``i`` and ``j``: the
    N-source groups restricted to them against the two-source ``pair_report`` (whose
    segments are the same, by index, as both prepare each text alike)."""
    ids = report.ids
    index = {s.id: s.index for segments in report.segments for s in segments}
    many = [(tuple(index[x] for x in g.part(ids[i]).segments), tuple(index[x] for x in g.part(ids[j]).segments))
            for g in report.groups if g.part(ids[i]) and g.part(ids[j])]
    index2 = {s.id: s.index for s in (*pair_report.segments_a, *pair_report.segments_b)}
    two = [(tuple(index2[x] for x in link.a), tuple(index2[x] for x in link.b)) for link in pair_report.links]
    agree = strict = linked = 0
    for side, segments in ((0, report.segments[i]), (1, report.segments[j])):
        n_map, t_map = _partners(many)[side], _partners(two)[side]
        for s in segments:
            n_set, t_set = n_map.get(s.index, set()), t_map.get(s.index, set())
            if not (n_set or t_set) or not s.is_content:
                continue
            chars = len("".join(s.text.split()))
            linked += chars
            agree += chars if n_set & t_set else 0
            strict += chars if n_set == t_set else 0
    return agree, strict, linked


def _cpu(call, repeat: int) -> tuple[float, object]:
    """The least CPU time of ``repeat`` calls of ``call`` (this process only), and its result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        result = call()
        best = min(best, time.process_time() - started)
    return best, result


def _walls(calls: dict, repeat: int) -> dict:
    """The least wall time of each of ``calls`` over ``repeat`` rounds, each round running
    every call once (interleaved, so that load from elsewhere weighs on all alike)."""
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(repeat):
        for key, call in calls.items():
            started = time.perf_counter()
            call()
            best[key] = min(best[key], time.perf_counter() - started)
    return best


def cost_table(sizes: Sequence[int], chars: int, repeat: int, level: str, seed: int, workers: int) -> None:
    """Print the cost of N sources against one two-source comparison of the same size."""
    import concurrent.futures
    import multiprocessing

    from aligner import compare_texts
    from aligner.many import compare_many_texts
    from aligner.render import render_html, render_json
    from aligner.render.many_html import render_many_html
    from aligner.render.many_json import render_many_json
    from aligner.runner import IN_TURN

    story = make_stories(level, max(sizes), 1, seed, chars)[0]
    two, report = _cpu(lambda: compare_texts(story.texts[0], story.texts[1]), repeat)
    two_out, _ = _cpu(lambda: (render_json(report), render_html(report)), repeat)
    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    compare_many_texts(story.texts[:3], runner=pool)  # the workers start
    calls = {"two": lambda: compare_texts(story.texts[0], story.texts[1])}
    for n in sizes:
        calls[n, "pool"] = lambda texts=story.texts[:n]: compare_many_texts(texts, runner=pool)
        calls[n, "chosen"] = lambda texts=story.texts[:n]: compare_many_texts(texts)
    walls = _walls(calls, repeat)
    two_wall = walls["two"]
    print(f"{'sources':>7} {'chars':>9} | {'CPU s':>6} {'×2-src':>6} | {'+reports':>8} {'×2-src':>6} | "
          f"{workers} workers: {'wall s':>6} {'×2-src':>6} | default: {'wall s':>6} {'×2-src':>6}")
    print(f"{'2-src':>7} {sum(map(len, story.texts[:2])):>9,} | {two:6.3f} {1:6.2f} | {two + two_out:8.3f} "
          f"{1:6.2f} | {'':>9} {two_wall:6.3f} {1:6.2f} | {'':>8} {two_wall:6.3f} {1:6.2f}")
    for n in sizes:
        texts = story.texts[:n]
        took, many = _cpu(lambda: compare_many_texts(texts, runner=IN_TURN), repeat)
        out, _ = _cpu(lambda: (render_many_json(many), render_many_html(many)), repeat)
        wall, chosen = walls[n, "pool"], walls[n, "chosen"]
        print(f"{n:>7} {sum(map(len, texts)):>9,} | {took:6.3f} {took / two:6.2f} | {took + out:8.3f} "
              f"{(took + out) / (two + two_out):6.2f} | {'':>9} {wall:6.3f} {wall / two_wall:6.2f} | "
              f"{'':>8} {chosen:6.3f} {chosen / two_wall:6.2f}", flush=True)
    pool.shutdown()


def quality_table(sources: int, stories: int, level: str, seed: int, chars: int | None) -> None:
    """Print group P/R/F1 and the pairwise consistency on generated stories."""
    from aligner import compare_texts
    from aligner.many import compare_many_texts

    total = Score()
    agree = strict = linked = 0
    worst = 1.0
    for story in make_stories(level, sources, stories, seed, chars):
        report = compare_many_texts(story.texts)
        total = total + group_score(story, report)
        for i, j in combinations(range(sources), 2):
            a, s, n = consistency(report, compare_texts(story.texts[i], story.texts[j]), i, j)
            agree, strict, linked = agree + a, strict + s, linked + n
            worst = min(worst, a / n if n else 1.0)
    print(f"{stories} stories of {sources} sources ({level}): group P {total.precision:.3f} "
          f"R {total.recall:.3f} F1 {total.f1:.3f}; consistency {agree / linked:.4f} "
          f"(strict {strict / linked:.4f}, worst pair {worst:.4f})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Cost and quality of comparing N sources of one story.")
    parser.add_argument("--sources", default="2,5,10,20", help="source counts of the cost table")
    parser.add_argument("--chars", type=int, default=20_000, help="characters of each source (cost table)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the fastest counts)")
    parser.add_argument("--quality", default="5x8", help="SxT: T stories of S sources for the quality table")
    parser.add_argument("--quality-chars", type=int, help="characters of each source (quality; default: the level's)")
    parser.add_argument("--level", default="medium", choices=sorted(LEVELS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2, help="processes of the pool in the cost table's last column")
    parser.add_argument("--skip", choices=("cost", "quality"), help="leave one table out")
    args = parser.parse_args(argv)
    if args.skip != "quality":
        sources, stories = map(int, args.quality.split("x"))
        quality_table(sources, stories, args.level, args.seed, args.quality_chars)
    if args.skip != "cost":
        cost_table([int(n) for n in args.sources.split(",")], args.chars, args.repeat, args.level, args.seed,
                   args.workers)


if __name__ == "__main__":
    main()
