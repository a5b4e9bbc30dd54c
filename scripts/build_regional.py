"""Build ``src/aligner/data/regional_entities.tsv``: one entity a row, its mainland,
Taiwan and Hong Kong names (紐西蘭 / 新西兰, 川普 / 特朗普, 德州 / 得克萨斯州).

Sources, both Apache-2.0:
- OpenCC's regional phrase tables (vendored ``data/opencc/dictionary/TWPhrases.txt``
  and ``HKPhrases.txt``): the entries that ``data/regional_opencc_kinds.tsv`` names as
  a person, place or organization (the rest is vocabulary: 软件 / 軟體);
- the project's own list ``data/regional_curated.tsv`` (川普, 雪梨, 柯瑞, 麻州 ...).
MediaWiki's conversion tables (the ``zhconv`` package) are GPL-2.0-or-later and are
not used here: see ``bench/regional.py``, which uses them only to measure.

Rows that share a mainland name are one entity, also written with or without a
separator (伯克希尔-哈撒韦) or, for a place, 州 (佐治亚 and 佐治亚州); rows whose
names are all one name once in simplified script are dropped.  ``tests/test_regional.py`` re-runs the build and
compares.  Also writes ``data/transliteration_chars.tsv`` (see :func:`char_weights` and
:func:`text_weights`) and ``data/pinyin_chars.tsv`` (see :func:`pinyin_table`).

Usage: ``python scripts/build_regional.py``.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "aligner" / "data"
sys.path.insert(0, str(ROOT))

from bench.opencc_dicts import Opencc14  # noqa: E402  (OpenCC 1.4's t2s on the vendored data)

REGIONS = ("mainland", "taiwan", "hongkong")
OPENCC_TABLES = {"taiwan": "TWPhrases.txt", "hongkong": "HKPhrases.txt"}
HEADER = ("# Same entity, regional names: built by scripts/build_regional.py from OpenCC's TWPhrases and\n"
          "# HKPhrases (Apache-2.0) and regional_curated.tsv (project data, Apache-2.0). Do not edit.\n"
          "# kind<TAB>mainland<TAB>taiwan<TAB>hongkong<TAB>source; alternatives separated by |\n")


@lru_cache(maxsize=None)
def simplified(text: str) -> str:
    return Opencc14("t2s").convert(text)


def _data_lines(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _opencc_values(name: str) -> dict[str, list[str]]:
    """key → all values of one vendored OpenCC dictionary."""
    return {key: values.split() for key, values in _data_lines(DATA / "opencc" / "dictionary" / name)}


def opencc_rows() -> list[dict]:
    """The OpenCC regional entries whose (simplified) key is listed with a kind."""
    kinds = dict(_data_lines(DATA / "regional_opencc_kinds.tsv"))
    rows = []
    for region, name in OPENCC_TABLES.items():
        for key, values in _opencc_values(name).items():
            mainland = simplified(key)
            if mainland in kinds:
                rows.append({"kind": kinds[mainland], "mainland": [mainland], region: values,
                             "source": {f"OpenCC {name[:-4]}"}})
    return rows


def curated_rows() -> list[dict]:
    rows = []
    for kind, *cells in _data_lines(DATA / "regional_curated.tsv"):
        row = {"kind": kind, "source": {"curated"}}
        for region, cell in zip(REGIONS, cells):
            row[region] = [form for form in cell.split("|") if form]
        rows.append(row)
    return rows


def _plain(form: str) -> str:
    """``form`` in simplified script without separators."""
    return re.sub(r"[\s·・‧•.\-－]+", "", simplified(form))


def _key(form: str) -> str:
    """A mainland name as rows are joined on: plain, without a final 州."""
    form = _plain(form)
    return form[:-1] if form.endswith("州") and len(form) > 2 else form


def merge(rows: list[dict]) -> list[dict]:
    """Join rows sharing a mainland name (or its stem without 州), union of their names."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for index, row in enumerate(rows):
        for form in row["mainland"]:
            key = (row["kind"], _key(form))
            if key in owner:
                parent[root(index)] = root(owner[key])
            else:
                owner[key] = index
    groups: dict[int, dict] = {}
    for index, row in enumerate(rows):
        group = groups.setdefault(root(index), {"kind": row["kind"], "source": set(),
                                                **{region: [] for region in REGIONS}})
        group["source"] |= row["source"]
        for region in REGIONS:
            group[region] += [form for form in row.get(region, []) if form not in group[region]]
    return list(groups.values())


def entity_rows() -> list[dict]:
    """The merged rows that hold at least two names (plain: see :func:`_plain`)."""
    rows = [row for row in merge(opencc_rows() + curated_rows())
            if len({_plain(form) for region in REGIONS for form in row[region]}) > 1]
    return sorted(rows, key=lambda row: (row["kind"], row["mainland"][0]))


def render(rows: list[dict]) -> str:
    lines = ["\t".join([row["kind"], *("|".join(row[region]) for region in REGIONS),
                        "+".join(sorted(row["source"]))]) for row in rows]
    return HEADER + "\n".join(lines) + "\n"


# ------------------------------------------------------------ transliteration characters


def jieba_dictionary() -> Path:
    import jieba

    return Path(jieba.__file__).with_name("dict.txt")


def char_weights(min_count: int = 3) -> dict[str, float]:
    """Character → how much more often it is in a transliterated name than a Chinese one.

    From jieba's dictionary (MIT): words tagged ``nrt`` (transliterated person names:
    克林顿, 娜塔莎) against ``nr`` (Chinese ones: 陈剑虹); the log of the ratio of the
    two relative frequencies, add-one smoothed, for characters seen ``min_count``
    times or more.  ``aligner.regional`` lets only names that look transliterated
    meet by sound: 王伟 and 汪伟 are two people.
    """
    foreign, chinese = Counter(), Counter()
    for line in jieba_dictionary().read_text(encoding="utf-8").splitlines():
        word, _, tag = line.split(" ")
        if tag in ("nrt", "nr"):
            (foreign if tag == "nrt" else chinese).update(set(word))
    size_f, size_c = sum(foreign.values()), sum(chinese.values())
    alphabet = len(foreign | chinese)
    return {char: round(math.log((foreign[char] + 1) / (size_f + alphabet))
                        - math.log((chinese[char] + 1) / (size_c + alphabet)), 2)
            for char in sorted(foreign | chinese) if foreign[char] + chinese[char] >= min_count}


def text_weights(min_count: int = 3) -> dict[str, float]:
    """Character → how much more often it is in a transliterated name than in text.

    From jieba's dictionary: words tagged ``nrt`` against every word weighted by its
    frequency (a stand-in for running text); the log of the ratio of the two relative
    frequencies, add-one smoothed, for the characters :func:`char_weights` keeps
    (-9 for one never in an ``nrt`` word).  ``aligner.facts.changed`` grows a
    transliterated name only over characters high here: 斯 and 尼 continue a name,
    当 and 日 (frequent in text) do not, though transliterations use them too.
    """
    foreign, text = Counter(), Counter()
    for line in jieba_dictionary().read_text(encoding="utf-8").splitlines():
        word, frequency, tag = line.split(" ")
        if tag == "nrt":
            foreign.update(set(word))
        for char in word:
            text[char] += int(frequency)
    size_f, size_t = sum(foreign.values()), sum(text.values())
    alphabet = len(foreign | text)
    return {char: round(math.log((foreign[char] + 1) / (size_f + alphabet))
                        - math.log((text[char] + 1) / (size_t + alphabet)), 2) if foreign[char] >= min_count else -9.0
            for char in char_weights(min_count)}


def render_weights(weights: dict[str, float], in_text: dict[str, float]) -> str:
    head = ("# char<TAB>log ratio of its frequency in transliterated (jieba nrt) to Chinese (nr) person\n"
            "# names<TAB>log ratio of its frequency in transliterated names to running text (jieba's\n"
            "# words by frequency), from jieba 0.42.1's dict.txt (MIT). Built by scripts/build_regional.py.\n"
            "# Do not edit.\n")
    return head + "".join(f"{char}\t{weight}\t{in_text[char]}\n" for char, weight in weights.items())


def pinyin_table() -> str:
    """``data/pinyin_chars.tsv``: each toneless pinyin syllable and the characters read so,
    by pypinyin (MIT; its first reading of each character of CJK Unified Ideographs and
    Extension A), so that ``aligner.regional`` need not load pypinyin's dictionaries."""
    from pypinyin import Style, lazy_pinyin

    readers: dict[str, list[str]] = {}
    for code in range(0x3400, 0xA000):
        reading = lazy_pinyin(chr(code), style=Style.NORMAL, errors="ignore")
        if reading and reading[0] != chr(code):
            readers.setdefault(reading[0], []).append(chr(code))
    head = ("# syllable<TAB>characters: pypinyin's first toneless reading of each character (U+3400 to\n"
            "# U+9FFF; pypinyin is MIT). Built by scripts/build_regional.py. Do not edit.\n")
    return head + "".join(f"{syllable}\t{''.join(chars)}\n" for syllable, chars in sorted(readers.items()))


def outputs() -> dict[str, str]:
    """File name under ``data/`` → its built text."""
    return {"regional_entities.tsv": render(entity_rows()),
            "transliteration_chars.tsv": render_weights(char_weights(), text_weights()),
            "pinyin_chars.tsv": pinyin_table()}


if __name__ == "__main__":
    for name, text in outputs().items():
        (DATA / name).write_text(text, encoding="utf-8")
        print(f"wrote {name}: {sum(1 for line in text.splitlines() if not line.startswith('#'))} rows")
