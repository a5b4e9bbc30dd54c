"""Facts across scripts and regions, measured through the pipeline (``aligner.compare_texts``).

Four measures, each printed as a Markdown table (``--only`` picks some):

- ``opencc``: OpenCC's golden document (the US constitution) against each config's
  conversion of it, as a pair: false conflicts (any conflict is false: the texts say
  the same), the share of non-space characters linked to their counterpart (same
  line), and the share in identical links.  The golden outputs of s2t, s2tw, s2hk and
  s2twp are OpenCC's own; the other configs convert the golden text of their input
  script with ``aligner.convert`` (equal to the official OpenCC 1.4.2, see
  ``bench/opencc_dicts.py --agreement``); the Japanese configs are left out.
- ``cn2an``: cn2an's tables (tests/data/cn2an): each numeral in a carrier sentence
  against its Arabic value (false conflicts), and against a changed value, its last
  digit changed (conflict recall); the 22 sentences likewise.
- ``regional``: same-entity sentence pairs made from the same-entity table
  (``bench/regional.py``: mainland sentence against its Taiwan or Hong Kong one, names
  in each region's form), random and hard (nearest-sounding) different-entity controls;
  with the full table, and with the evaluation half held back from it (only the
  phonetic fallback can join those names).
- ``names``: name boundaries on the People's Daily 1998 tagged corpus (``nr`` / ``ns`` /
  ``nt``): a sample of tagged names, each given to :func:`aligner.facts.changed.changed_name`
  as a changed span (the whole name, all but its first and all but its last
  character), counted exact when the name read is the tagged one, and with its kind.

Run: ``PYTHONPATH=src .venv/bin/python bench/regional_facts.py [--only opencc,cn2an,regional,names]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aligner import compare_texts, regional  # noqa: E402
from aligner.convert import convert_text  # noqa: E402

PEER = ROOT / "tests" / "data"
# Config → (golden input suffix, OpenCC's own output of it, or None: converted here).
DOCUMENTS = {
    "s2t": ("", True), "s2tw": ("", True), "s2hk": ("", True), "s2twp": ("", True), "s2hkp": ("", False),
    "t2s": (".s2t", False), "t2tw": (".s2t", False), "t2hk": (".s2t", False),
    "tw2s": (".s2tw", False), "tw2sp": (".s2twp", False), "tw2t": (".s2tw", False),
    "hk2s": (".s2hk", False), "hk2sp": (".s2hk", False), "hk2t": (".s2hk", False),
}
# Configs that change phrases, not only the script: their links may be changed.
PHRASE_CONFIGS = {"s2twp", "s2hkp", "tw2sp", "hk2sp"}


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.1f} %)" if whole else "0 of 0"


# ------------------------------------------------------------ OpenCC documents


def _golden(suffix: str) -> str:
    return (PEER / "opencc" / f"us_constitution_zhs{suffix}.txt").read_text(encoding="utf-8")


def document_pair(config: str) -> tuple[str, str]:
    suffix, shipped = DOCUMENTS[config]
    source = _golden(suffix)
    return source, (_golden(f".{config}") if shipped else convert_text(source, config))


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]


def linked_shares(report, text_a: str, text_b: str) -> tuple[int, int, int]:
    """(non-space characters, those linked to the same line of the other text, those in
    identical links), both sides together: the two documents are line for line."""
    from bisect import bisect_right

    lines = {"a": _line_starts(text_a), "b": _line_starts(text_b)}
    segments = {seg.id: seg for seg in (*report.segments_a, *report.segments_b)}
    total = sum(len("".join(text.split())) for text in (text_a, text_b))
    linked = identical = 0
    for link in report.links:
        line_sets = {side: {bisect_right(lines[side], segments[i].start) for i in getattr(link, side)}
                     for side in ("a", "b")}
        for side, other in (("a", "b"), ("b", "a")):
            for seg_id in getattr(link, side):
                seg = segments[seg_id]
                chars = len("".join(seg.text.split()))
                if bisect_right(lines[side], seg.start) in line_sets[other]:
                    linked += chars
                if link.status == "identical":
                    identical += chars
    return total, linked, identical


def measure_opencc() -> None:
    print("\nOpenCC golden document against each config's conversion (through the pipeline)\n")
    print("| config | false conflicts | characters linked to their counterpart | in identical links |")
    print("|---|---|---|---|")
    totals = Counter()
    for config in DOCUMENTS:
        text_a, text_b = document_pair(config)
        report = compare_texts(text_a, text_b)
        conflicts = sum(fact.status == "conflict" for fact in report.facts)
        total, linked, identical = linked_shares(report, text_a, text_b)
        kind = "phrases" if config in PHRASE_CONFIGS else "script"
        totals.update({f"{kind} total": total, f"{kind} identical": identical, "total": total, "linked": linked,
                       "conflicts": conflicts})
        print(f"| {config}{' (phrases)' if kind == 'phrases' else ''} | {conflicts} | {linked / total:.4f} "
              f"| {identical / total:.4f} |")
    print(f"| **all** | {totals['conflicts']} | {totals['linked'] / totals['total']:.4f} "
          f"| script only {totals['script identical'] / totals['script total']:.4f}; "
          f"phrase configs {totals['phrases identical'] / totals['phrases total']:.4f} |")


# ------------------------------------------------------------ cn2an tables


# Carriers of a numeral: news sentences long enough that the two sides link even where
# a long Chinese numeral stands against a few digits (the alignment compares words).
CARRIERS = {
    "money": ("据银行工作人员介绍，这张由该公司财务部门开出的支票上的金额为", "，已于当天下午全部兑现。", "元"),
    "year": ("据当地文物部门介绍，这座位于城市东部老街的纺织厂始建于", "年，是该市现存最早的工厂。", ""),
    "other": ("据气象部门介绍，在这次持续一周的观测中，实验室记录到的温度为", "度，创下了新的纪录。", ""),
}


def _carrier(record: dict) -> tuple[str, str, str]:
    """(prefix, suffix, unit written after the Arabic value) for one number record."""
    return CARRIERS.get(record["category"], CARRIERS["other"])


def _changed(arabic: str) -> str:
    """``arabic`` with its last digit changed (100 → 101, 0.10 → 0.11, 2001年3月4日 → …5日)."""
    for index in range(len(arabic) - 1, -1, -1):
        if arabic[index].isdigit():
            return arabic[:index] + str((int(arabic[index]) + 1) % 10) + arabic[index + 1:]
    return arabic


def cn2an_pairs() -> tuple[list, list]:
    """(equal pairs, changed pairs): (label, Chinese text, Arabic text)."""
    data = json.loads((PEER / "cn2an" / "pairs.json").read_text(encoding="utf-8"))
    equal, changed = [], []
    for record in data["numbers"]:
        prefix, suffix, unit = _carrier(record)
        chinese = prefix + record["cn"] + suffix
        equal.append((record["cn"], chinese, prefix + record["an"] + unit + suffix))
        changed.append((record["cn"], chinese, prefix + _changed(record["an"]) + unit + suffix))
    for record in data["sentences"]:
        prefix, suffix = record["carrier"]
        equal.append((record["cn"], prefix + record["cn"] + suffix, prefix + record["an"] + suffix))
        if record["mentions"]:
            changed.append((record["cn"], prefix + record["cn"] + suffix, prefix + _changed(record["an"]) + suffix))
    return equal, changed


def measure_cn2an(show: int) -> None:
    equal, changed = cn2an_pairs()
    false = [(label, fact) for label, a, b in equal
             for fact in compare_texts(a, b).facts if fact.status == "conflict"]
    found = [label for label, a, b in changed
             if any(fact.status == "conflict" for fact in compare_texts(a, b).facts)]
    print("\ncn2an's tables: Chinese against Arabic (through the pipeline)\n")
    print("| pairs | false conflicts | changed values | reported as conflicts |")
    print("|---|---|---|---|")
    print(f"| {len(equal)} | {len(false)} | {len(changed)} | {_share(len(found), len(changed))} |")
    missed = sorted({label for label, _, _ in changed} - set(found))
    if missed or false:
        print(f"missed: {missed[:show]}; false: {[(label, f.a.text, f.b.text) for label, f in false[:show]]}")


# ------------------------------------------------------------ regional names


def _hold_back(rows) -> None:
    """Make ``rows`` the same-entity table everywhere the pipeline reads it."""
    from aligner.facts import changed, names

    table = regional.Table(tuple(rows))
    regional.default_table = lambda: table
    for cached in (names.gazetteer, names._gazetteer_automaton, names.forms_of, changed._name_heads):
        cached.cache_clear()


def _conflicting(pairs) -> list:
    """The pairs whose two sentences the pipeline reports a conflict in."""
    return [pair for pair in pairs
            if any(fact.status == "conflict" for fact in compare_texts(pair[1], pair[2]).facts)]


def measure_regional(seed: int, show: int) -> None:
    from bench.regional import sentence_pairs, split_rows

    full = regional.default_table
    choice, held = split_rows(seed)
    rows = list(regional.entities())
    print("\nSame-entity sentence pairs (through the pipeline)\n")
    print("| table | same-entity pairs: false conflicts | random controls: conflicts "
          "| hard controls: conflicts |")
    print("|---|---|---|---|")
    for title, pair_rows, table_rows in (("full table, every row", rows, rows),
                                         ("evaluation half held back from the table", held, choice)):
        _hold_back(table_rows)
        same, controls, hard = sentence_pairs(pair_rows, seed)
        false, found, found_hard = _conflicting(same), _conflicting(controls), _conflicting(hard)
        print(f"| {title} | {_share(len(false), len(same))} | {_share(len(found), len(controls))} "
              f"| {_share(len(found_hard), len(hard))} |")
        missed = [p for p in controls + hard if p not in found and p not in found_hard]
        print(f"  false conflicts, e.g. {', '.join(f'{p[3]}/{p[4]}' for p in false[:show])}; "
              f"controls missed, e.g. {', '.join(f'{p[3]}/{p[4]}' for p in missed[:show])}")
    regional.default_table = full
    _hold_back(rows)


# ------------------------------------------------------------ name boundaries


def tagged_names(sample: int, seed: int) -> list[tuple[str, int, int, str]]:
    """(sentence, start, end, kind) of a seeded sample of the corpus's tagged names
    (persons of more than two tokens, lists run together, left out)."""
    from bench.corpus import load_articles

    names = []
    for article in load_articles():
        for paragraph in article.paragraphs:
            for sentence in paragraph:
                for start, end, kind in sentence.mentions:
                    tokens = [b for b in sentence.bounds if start < b <= end]
                    if kind in ("person", "place", "organization") and not (kind == "person" and len(tokens) > 2):
                        names.append((sentence.text, start, end, kind))
    return random.Random(seed).sample(names, min(sample, len(names)))


def measure_names(sample: int, seed: int) -> None:
    from aligner.facts.changed import changed_name

    counts = Counter()
    for text, start, end, kind in tagged_names(sample, seed):
        foreign = kind == "person" and regional.transliteration_weight(text[start:end]) >= \
            regional.TRANSLITERATION_THRESHOLD
        group = f"{kind} (transliterated)" if foreign else kind
        for span in ((start, end), (start + 1, end), (start, end - 1)):
            if span[0] >= span[1]:
                continue
            read = changed_name(text, *span, frozenset())
            exact = read is not None and read[:2] == (start, end)
            for key in (group, "all"):
                counts[key, "n"] += 1
                counts[key, "exact"] += exact
                counts[key, "kind"] += exact and (read[2] or "person") == kind
    print(f"\nName boundaries on the 1998 People's Daily tagged corpus ({sample} names, seed {seed}; "
          "each as the whole changed span, without its first and without its last character)\n")
    print("| tagged names | changed spans | name read exactly | and its kind right |")
    print("|---|---|---|---|")
    for group in sorted({key for key, _ in counts}, key=lambda g: (g == "all", g)):
        n = counts[group, "n"]
        print(f"| {group} | {n} | {counts[group, 'exact'] / n:.3f} | {counts[group, 'kind'] / n:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="opencc,cn2an,regional,names")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--names", type=int, default=4000, help="tagged names sampled for the boundaries")
    parser.add_argument("--show", type=int, default=8)
    args = parser.parse_args()
    parts = args.only.split(",")
    if "opencc" in parts:
        measure_opencc()
    if "cn2an" in parts:
        measure_cn2an(args.show)
    if "regional" in parts:
        measure_regional(args.seed, args.show)
    if "names" in parts:
        measure_names(args.names, args.seed)


if __name__ == "__main__":
    main()
