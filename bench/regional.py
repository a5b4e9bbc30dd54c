"""Same entity, regional names: sentence pairs from the same-entity table, and the
choice of the phonetic fallback's thresholds.

The table's rows are split (seeded) into a *choice* part and an *evaluation* part.
``--choose`` picks ``regional.TRANSLITERATION_THRESHOLD``,
``regional.PHONETIC_THRESHOLD`` and ``regional.KNOWN_PHONETIC_THRESHOLD`` on the
choice part alone: the least transliteration
weight that lets at most 5 % of Chinese homophone name pairs (王伟 / 汪伟, from
jieba's ``nr`` words) through (those that pass are nearly all transliterations that
jieba also tags ``nr``: 马里斯 / 马利斯, 安德列 / 安德烈), then the least similarity
that at most 1 % of different-entity pairs of one kind past that gate reach, and at
most 5 % of the pairs of each entity with the nearest-sounding other entity (the
other entity whose name's pinyin is nearest as a string: :func:`pinyin_likeness`);
for pairs of two names the lexicon knows, 1 % of those.

The evaluation writes each entity of the evaluation part into sentence templates,
the mainland sentence in simplified script with the mainland name, the other
in Taiwan (s2tw) or Hong Kong (s2hk) script with that region's name, and counts:
- false conflicts: same-entity pairs whose two names ``same_entity`` does not join,
  with the full table, and with the evaluation rows *held back* from the table
  (so only the phonetic fallback can join them);
- controls detected: pairs whose other sentence names a different entity of the
  same kind (its own regional name), that ``same_entity`` keeps apart.
With ``zhconv`` installed (GPL-2.0-or-later; not a dependency) it also counts
how many of MediaWiki's zh-tw name pairs that the table lacks the fallback joins.

Run: ``PYTHONPATH=src .venv/bin/python bench/regional.py [--choose] [--seed 1] [--show 10] [--time]``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aligner import regional  # noqa: E402
from aligner.regional import REGIONS, Table, entities, fold, phonetic_similarity, same_entity  # noqa: E402
from bench.opencc_dicts import Opencc14  # noqa: E402

TEMPLATES = {
    "person": ["{}周二表示，将在下月访问北京。", "据报道，{}已于当地时间周一抵达会场。", "{}在声明中否认了上述指控。"],
    "place": ["记者从{}发回的报道说，当地气温创下新高。", "这家公司计划明年在{}开设新工厂。", "大批游客周末涌入{}。"],
    "organization": ["{}发布的季度报告显示，营收增长百分之十二。", "分析人士认为，{}的决定将影响整个行业。",
                     "{}发言人拒绝就此事发表评论。"],
}
SCRIPT = {"taiwan": "s2tw", "hongkong": "s2hk"}
# Different-entity pairs the phonetic threshold is chosen on (a seeded sample of all).
CONTROL_SAMPLE = 6000


def split_rows(seed: int, held_share: float = 0.5) -> tuple[list, list]:
    """The table's rows in two parts: (choice, evaluation)."""
    rows = list(entities())
    random.Random(seed).shuffle(rows)
    cut = int(len(rows) * (1 - held_share))
    return rows[:cut], rows[cut:]


def name_pairs(rows) -> list[tuple[str, str, str, int]]:
    """(mainland name, regional name, region, row number) where the two differ past script."""
    pairs = []
    for number, entity in enumerate(rows):
        for region in REGIONS[1:]:
            for other in entity.names[region]:
                for mainland in entity.names["mainland"][:1]:
                    if fold(mainland) != fold(other):
                        pairs.append((mainland, other, region, number))
    return pairs


def control_pairs(rows, seed: int, count: int) -> list[tuple[str, str, str]]:
    """Names of two different entities of one kind: (mainland name, regional name, region)."""
    rng = random.Random(seed)
    by_kind = defaultdict(list)
    for entity in rows:
        by_kind[entity.kind].append(entity)
    pairs = []
    while len(pairs) < count:
        kind = rng.choice(sorted(by_kind))
        first, second = rng.sample(by_kind[kind], 2)
        region = rng.choice([r for r in REGIONS[1:] if second.names[r]] or ["mainland"])
        a, b = first.names["mainland"][0], rng.choice(second.names[region])
        if not set(map(fold, sum(first.names.values(), ()))) & {fold(b)}:
            pairs.append((a, b, region))
    return pairs


def chinese_homophones(surnames: int = 100) -> list[tuple[str, str]]:
    """Pairs of Chinese person names with the same toneless pinyin (王伟 / 汪伟).

    jieba's ``nr`` words of two or three characters that start with one of the
    ``surnames`` most frequent first characters of such words (陈, 王, 张, ...)
    that are rarer in transliterated names than in Chinese ones: the tag alone
    also covers transliterations (凡尔纳, 拉迪诺).
    """
    import jieba

    words = []
    for line in (Path(jieba.__file__).with_name("dict.txt")).read_text(encoding="utf-8").splitlines():
        word, _, tag = line.split(" ")
        if tag == "nr" and 2 <= len(word) <= 3:
            words.append(word)
    weights = regional._char_weights()
    firsts = Counter(word[0] for word in words if weights.get(word[0], 0.0) < 0)
    common = {char for char, _ in firsts.most_common(surnames)}
    by_sound = defaultdict(list)
    for word in words:
        if word[0] in common:
            by_sound[" ".join(regional.syllables(word))].append(word)
    return sorted((a, b) for group in by_sound.values() for a, b in zip(group, group[1:]))


def all_controls(rows) -> list[tuple[str, str]]:
    """Every (mainland name, other region's name) of two different entities of one kind."""
    pairs = []
    for first in rows:
        for second in rows:
            if first is not second and first.kind == second.kind:
                pairs += [(first.names["mainland"][0], name) for name in second.names["taiwan"] + second.names["hongkong"]]
    return pairs


def _percentile_above(values: list[float], share: float) -> float:
    """The least value (two decimals) that at most ``share`` of ``values`` reach."""
    ranked = sorted(values)
    return round(ranked[min(len(ranked) - 1, int(len(ranked) * (1 - share)))] + 0.01, 2)


def choose(seed: int, gate_share: float = 0.05, sound_share: float = 0.01,
           hard_share: float = 0.05, known_hard_share: float = 0.01) -> tuple[float, float, float]:
    """The transliteration, phonetic and known-names phonetic thresholds, on the choice part.

    Two names both known are two real names: the nearest-sounding pairs of those may
    reach the threshold at ``known_hard_share``, not ``hard_share``."""
    choice, _ = split_rows(seed)
    weight = regional.transliteration_weight
    homophones = chinese_homophones()
    gate = _percentile_above([max(weight(a), weight(b)) for a, b in homophones], gate_share)
    empty = Table(())

    def passes(a: str, b: str) -> bool:  # the gate, as same_entity applies it
        return max(weight(fold(a)), weight(fold(b))) >= gate

    def both_known(a: str, b: str) -> bool:
        return regional.known(fold(a), empty) and regional.known(fold(b), empty)

    def scores(pairs, known_ones: bool) -> list[float]:
        return [phonetic_similarity(fold(a), fold(b)) if passes(a, b) and both_known(a, b) == known_ones else 0.0
                for a, b in pairs]

    controls = [(a, b) for a, b in all_controls(choice) if passes(a, b)]
    controls = random.Random(seed).sample(controls, min(len(controls), CONTROL_SAMPLE))
    hard = [(a, b) for _, a, b in hard_controls(choice, choice)]
    thresholds = {}
    for known_ones in (False, True):
        sample = [pair for pair in controls if both_known(*pair) == known_ones]
        thresholds[known_ones] = max(_percentile_above(scores(sample, known_ones), sound_share),
                                     _percentile_above(scores(hard, known_ones),
                                                       known_hard_share if known_ones else hard_share))
    threshold, known_threshold = thresholds[False], max(thresholds.values())
    positives = [(a, b) for a, b, _, _ in name_pairs(choice)]
    gated = [(a, b) for a, b in positives if passes(a, b)]
    joined = [pair for pair in gated if phonetic_similarity(fold(pair[0]), fold(pair[1]))
              >= (known_threshold if both_known(*pair) else threshold)]
    print(f"choice part: {len(choice)} rows; {len(homophones)} Chinese homophone pairs; "
          f"{len(controls)} different-entity pairs past the gate (a sample)")
    print(f"TRANSLITERATION_THRESHOLD = {gate}  (reached by {gate_share:.0%} of homophone pairs at most)")
    print(f"PHONETIC_THRESHOLD = {threshold}, KNOWN_PHONETIC_THRESHOLD = {known_threshold}  (each reached by "
          f"{sound_share:.0%} of different-entity pairs and {hard_share:.0%} / {known_hard_share:.0%} of {len(hard)} "
          "nearest-sounding pairs at most, of those with a name unknown / both known)")
    print(f"same-entity name pairs of the choice part: {len(positives)}, past the gate {len(gated)}, "
          f"joined by sound {len(joined)}")
    return gate, threshold, known_threshold


def sentence(template: str, name: str, region: str) -> str:
    text = template.format(name)
    if region == "mainland":
        return text
    converted = Opencc14(SCRIPT[region]).convert(template.format("\0"))
    return converted.replace("\0", name)


def pinyin_likeness(a: str, b: str) -> float:
    """How alike two names' pinyin strings are as plain text (rapidfuzz's normalised
    Levenshtein similarity): the nearness the hard controls are chosen by, so that they
    do not depend on the :func:`~aligner.regional.phonetic_similarity` under test."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(" ".join(regional.syllables(a)), " ".join(regional.syllables(b)))


def hard_controls(rows, pool) -> list[tuple[str, str, str]]:
    """For each entity of ``rows``, the regional name of another entity of ``pool`` (same
    kind) whose pinyin is nearest its mainland name's (:func:`pinyin_likeness`):
    (kind, mainland name, other name)."""
    pairs = []
    for entity in rows:
        mainland = entity.names["mainland"][0]
        others = [(pinyin_likeness(fold(mainland), fold(name)), name) for other in pool
                  if other.kind == entity.kind and other is not entity
                  for name in other.names["taiwan"] + other.names["hongkong"]
                  if fold(name) not in {fold(n) for names in entity.names.values() for n in names}]
        if others:
            pairs.append((entity.kind, mainland, max(others)[1]))
    return pairs


def sentence_pairs(rows, seed: int) -> tuple[list, list, list]:
    """Same-entity, random-control and hard-control sentence pairs:
    (kind, sentence a, sentence b, name a, name b)."""
    rng = random.Random(seed)
    same, controls, hard = [], [], []
    for mainland, other, region, number in name_pairs(rows):
        template = rng.choice(TEMPLATES[rows[number].kind])
        same.append((rows[number].kind, sentence(template, mainland, "mainland"),
                     sentence(template, other, region), mainland, other))
    for a, b, region in control_pairs(rows, seed + 1, len(same)):
        kind = next(e.kind for e in rows if a in e.names["mainland"])
        template = rng.choice(TEMPLATES[kind])
        controls.append((kind, sentence(template, a, "mainland"), sentence(template, b, region), a, b))
    for kind, a, b in hard_controls(rows, entities()):
        template = rng.choice(TEMPLATES[kind])
        hard.append((kind, sentence(template, a, "mainland"), sentence(template, b, "taiwan"), a, b))
    return same, controls, hard


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.1f} %)"


def evaluate(seed: int, show: int) -> None:
    choice, held = split_rows(seed)
    same, controls, hard = sentence_pairs(held, seed)
    tables = {"full table": Table(tuple(entities())), "evaluation rows held back": Table(tuple(choice))}
    print(f"\nevaluation part: {len(held)} rows; sentence pairs: {len(same)} same-entity, "
          f"{len(controls)} random controls, {len(hard)} hard controls (nearest-sounding other entity)")
    print("\n| table | false conflicts (names) | false conflicts (whole sentences) | random controls detected "
          "| hard controls detected |")
    print("|---|---|---|---|---|")
    for title, table in tables.items():
        missed = [p for p in same if same_entity(p[3], p[4], table) is None]
        missed_sentences = [p for p in same if same_entity(p[1], p[2], table) is None]
        joined = [p for p in controls if same_entity(p[3], p[4], table) is not None]
        joined_hard = [p for p in hard if same_entity(p[3], p[4], table) is not None]
        print(f"| {title} | {_share(len(missed), len(same))} | {_share(len(missed_sentences), len(same))} "
              f"| {_share(len(controls) - len(joined), len(controls))} "
              f"| {_share(len(hard) - len(joined_hard), len(hard))} |")
        for _, _, _, a, b in (joined + joined_hard)[:show]:
            print(f"  control joined: {a} / {b}: {same_entity(a, b, table)}")
    held_table = tables["evaluation rows held back"]
    joined_by_sound = [p for p in same if (r := same_entity(p[3], p[4], held_table)) and r.basis == "sound"]
    missed = [p for p in same if same_entity(p[3], p[4], held_table) is None]
    print(f"\nheld-back pairs joined by sound: {len(joined_by_sound)} of {len(same)}; e.g. "
          + ", ".join(f"{a}/{b}" for _, _, _, a, b in joined_by_sound[:show]))
    print("not joined, e.g. " + ", ".join(f"{a}/{b}" for _, _, _, a, b in missed[:show]))
    mediawiki(tables["full table"], show)


def mediawiki(table: Table, show: int) -> None:
    """MediaWiki zh-tw name pairs (transliterated, absent from the table): how many the fallback joins."""
    try:
        import json

        import zhconv
    except ImportError:
        print("\n(zhconv not installed: MediaWiki pairs skipped)")
        return
    data = json.loads((Path(zhconv.__file__).with_name("zhcdict.json")).read_text(encoding="utf-8"))
    pairs = [(key, value) for key, value in data["zh2TW"].items()
             if len(key) >= 2 and fold(key) != fold(value) and all("\u4e00" <= c <= "\u9fff" for c in key + value)
             and regional.transliteration_weight(fold(key)) >= 1.0
             and not (table.lookup(fold(key)) & table.lookup(fold(value)))]
    joined = [(a, b) for a, b in pairs if same_entity(a, b, table)]
    print(f"\nMediaWiki zh2TW transliterated pairs not in the table: {len(joined)} of {len(pairs)} joined by sound; "
          f"e.g. {', '.join(f'{a}/{b}' for a, b in joined[:show])}")


def time_calls(seed: int, repeats: int = 5) -> None:
    """CPU time of one ``same_entity`` call on the held-back name pairs (the table
    without them, so most reach the phonetic fallback), best of ``repeats``."""
    import time

    choice, held = split_rows(seed)
    pairs = [(a, b) for a, b, _, _ in name_pairs(held)]
    table = Table(tuple(choice))
    for a, b in pairs:
        same_entity(a, b, table)  # the lexicon and pinyin tables loaded
    best = float("inf")
    for _ in range(repeats):
        regional.syllables.cache_clear()
        regional._syllable_similarity.cache_clear()
        start = time.process_time()
        for a, b in pairs:
            same_entity(a, b, table)
        best = min(best, time.process_time() - start)
    print(f"same_entity: {1000 * best / len(pairs):.3f} ms a call on {len(pairs)} held-back pairs (best of {repeats})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--choose", action="store_true", help="print the thresholds chosen on the choice part")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=8)
    parser.add_argument("--time", action="store_true", help="time same_entity only")
    args = parser.parse_args()
    if args.time:
        time_calls(args.seed)
        return
    if args.choose:
        (regional.TRANSLITERATION_THRESHOLD, regional.PHONETIC_THRESHOLD,
         regional.KNOWN_PHONETIC_THRESHOLD) = choose(args.seed)
    evaluate(args.seed, args.show)


if __name__ == "__main__":
    main()
