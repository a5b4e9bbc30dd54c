"""Stage 3, convert: one common script and one width for matching.

Input: a :class:`TextMap` (the cleaned view).  Output: the same text in the
common script (simplified by default) with variants and full-width forms folded,
as a ``TextMap`` composed back to the original.

The conversion reproduces ``opencc-python-reimplemented`` (module ``opencc``)
exactly, using its own config and dictionary files, but fast: instead of the
library's recursive "longest key anywhere in the piece wins" search we collect
every dictionary match with one Aho-Corasick pass and accept them greedily,
longest first then leftmost, skipping those that overlap an accepted one; that
is the same set of replacements.  A dictionary whose keys and values are all
single characters becomes a ``str.translate`` table.
"""

from __future__ import annotations

import json
import re
from array import array
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import ahocorasick

from .errors import OptionError
from .textmap import TextMap

# Full-width ASCII variants and the ideographic space fold to their ASCII forms.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20

# The library splits its input at these (OpenCC PhraseExtract's sentence
# separators) and converts each piece alone, so a key containing one never
# matches.  Dropping such keys lets us convert the whole text in one pass: no
# remaining key can reach across a separator, and no reachable value contains one.
_SEPARATOR = re.compile(
    r"\s|-|,|\.|\?|!|\*|　|，|。|、|；|：|？|！|…|“|”|‘|’|『|』|「|」|﹁|﹂|—|－|（|）|《|》|〈|〉"
    r"|～|．|／|＼|︒|︑|︔|︓|︿|﹀|︹|︺|︙|︐|［|﹇|］|﹈|︕|︖|︰|︳|︴|︽|︾|︵|︶|｛|︷|｝|︸"
    r"|﹃|﹄|【|︻|】|︼"
)

TARGETS = ("simplified", "traditional")

# The variant tables folded before (simplified) or after (traditional) the
# script conversion: phrase exceptions first, then single characters.
_FOLD_PHRASES = ("HKVariantsRevPhrases.txt", "TWVariantsRevPhrases.txt")
_FOLD_CHARACTERS = ("HKVariantsRev.txt", "TWVariantsRev.txt")


class _Table(NamedTuple):
    """One dictionary: ``entries`` key → first value; ``translate`` is set when
    every key and value is one character (then it is a ``str.translate`` table)."""

    name: str
    entries: dict
    translate: dict | None
    automaton: ahocorasick.Automaton


Chain = tuple  # tuple of groups, each a tuple of _Table


def fold_width(text: str) -> str:
    """Return ``text`` with full-width letters, digits and punctuation made ASCII
    and the ideographic space made a space (same length, one to one)."""
    return text.translate(_WIDTH_TABLE)


# ---------------------------------------------------------------- loading


def _package_file(*parts: str):
    return resources.files("opencc").joinpath(*parts)


@lru_cache(maxsize=None)
def _read_dictionary(filename: str) -> dict:
    """Return key → first value of one library dictionary, read as the library does."""
    entries: dict[str, str] = {}
    with _package_file("dictionary", filename).open(encoding="utf-8") as lines:
        for line in lines:
            key, value = line.strip().split("\t")
            entries[key] = value.split(" ")[0]  # multi-valued: the first value
    return entries


def _make_table(name: str, entries: dict) -> _Table:
    reachable = {k: v for k, v in entries.items() if not _SEPARATOR.search(k)}
    single = all(len(k) == 1 and len(v) == 1 for k, v in reachable.items())
    translate = {ord(k): v for k, v in reachable.items()} if single else None
    return _Table(name, reachable, translate, _automaton(reachable))


@lru_cache(maxsize=None)
def _table(filename: str) -> _Table:
    return _make_table(filename, _read_dictionary(filename))


def _automaton(entries: dict) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, value in entries.items():
        automaton.add_word(key, (len(key), value))
    automaton.make_automaton()
    return automaton


def _chain_item(item: dict) -> tuple:
    if item.get("type") == "group":
        return tuple(t for sub in item["dicts"] for t in _chain_item(sub))
    return (_table(item["file"]),)


@lru_cache(maxsize=None)
def load_chain(config: str) -> Chain:
    """Return the conversion chain of a library config (``"t2s"``, ``"s2twp"``, …):
    a tuple of steps, each a tuple of dictionaries applied as one group."""
    path = _package_file("config", f"{config}.json")
    if not re.fullmatch(r"[a-z0-9]+", config) or not path.is_file():
        raise OptionError(f"unknown OpenCC conversion {config!r}; use one of {', '.join(configs())}")
    setting = json.loads(path.read_text(encoding="utf-8"))
    return tuple(_chain_item(step["dict"]) for step in setting["conversion_chain"])


def configs() -> tuple[str, ...]:
    """Return the names of the conversions the installed library ships."""
    return tuple(sorted(p.name[:-5] for p in _package_file("config").iterdir() if p.name.endswith(".json")))


# ---------------------------------------------------------------- matching


def _matches(table: _Table, text: str) -> list[tuple[int, int, str]]:
    """Every occurrence of every key of ``table`` in ``text`` as (start, end, value), by start."""
    found = [(end + 1 - size, end + 1, value) for end, (size, value) in table.automaton.iter(text)]
    found.sort()
    return found


def _longest_first(cluster: list) -> list:
    """Accept overlapping matches as the library does: longest, then leftmost, wins."""
    taken: list[tuple[int, int, str]] = []
    for match in sorted(cluster, key=lambda m: (m[0] - m[1], m[0])):
        start, end = match[0], match[1]
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append(match)
    taken.sort()
    return taken


def _accept(found: list) -> list:
    """Choose the non-overlapping matches the library would replace, by start.

    Matches that overlap nothing are accepted at once; only runs of mutually
    overlapping ones (a cluster) need the longest-first contest.
    """
    accepted: list = []
    cluster: list = []
    reach = -1
    for match in found:
        if match[0] >= reach:
            if len(cluster) == 1:
                accepted.append(cluster[0])
            elif cluster:
                accepted.extend(_longest_first(cluster))
            cluster = [match]
            reach = match[1]
        else:
            cluster.append(match)
            reach = max(reach, match[1])
    if len(cluster) == 1:
        accepted.append(cluster[0])
    elif cluster:
        accepted.extend(_longest_first(cluster))
    return accepted


def _outside(found: list, accepted: list) -> list:
    """Drop matches that overlap an already accepted span (both sorted by start)."""
    kept = []
    index = 0
    for match in found:
        while index < len(accepted) and accepted[index][1] <= match[0]:
            index += 1
        if index < len(accepted) and accepted[index][0] < match[1]:
            continue
        kept.append(match)
    return kept


def _merge(first: list, second: list) -> list:
    merged = first + second
    merged.sort()
    return merged


def _group_spans(text: str, group: tuple) -> tuple[list, dict | None]:
    """Return the spans one group replaces, and the translate table for the rest.

    A span matched by one dictionary of the group is not touched by the later
    ones; a final one-character dictionary applies to every position left.
    """
    accepted: list = []
    last = len(group) - 1
    for index, table in enumerate(group):
        if table.translate is not None and index == last:
            return accepted, table.translate
        found = _matches(table, text)
        if accepted:
            found = _outside(found, accepted)
        accepted = _merge(accepted, _accept(found)) if accepted else _accept(found)
    return accepted, None


def _apply(text: str, spans: list, translate: dict | None, with_map: bool) -> TextMap:
    """Write each span's value in place of it, translate the rest; map when lengths change."""
    base = text.translate(translate) if translate else text
    if not spans:
        return TextMap(base, None)
    parts = []
    previous = 0
    for start, end, value in spans:
        parts.append(base[previous:start])
        parts.append(value)
        previous = end
    parts.append(base[previous:])
    converted = "".join(parts)
    if not with_map or all(len(v) == e - s for s, e, v in spans):
        return TextMap(converted, None)
    return TextMap(converted, _boundaries(len(text), spans))


def _boundaries(length: int, spans: list) -> array:
    """Boundary array for ``spans`` replaced in a text of ``length``: characters
    outside the spans map one to one; a replacement shares its span evenly (as
    ``MapBuilder.replace`` does)."""
    origin = array("q")
    previous = 0
    for start, end, value in spans:
        size = len(value)
        width = end - start
        if size == width:
            continue
        origin.extend(range(previous, start))
        origin.extend(start + (t * width) // size for t in range(size))
        previous = end
    origin.extend(range(previous, length + 1))
    return origin


def _run(text: str, chain: Chain, with_map: bool) -> TextMap:
    result = TextMap.identity(text)
    for group in chain:
        spans, translate = _group_spans(result.text, group)
        step = _apply(result.text, spans, translate, with_map)
        result = result.then(step) if with_map else step
    return result


# ---------------------------------------------------------------- public API


def convert_text(text: str, config: str = "t2s") -> str:
    """Return ``text`` converted by OpenCC config ``config``; equals
    ``opencc.OpenCC(config).convert(text)`` of opencc-python-reimplemented."""
    return _run(text, load_chain(config), with_map=False).text


def convert_view(view: TextMap, config: str = "t2s") -> TextMap:
    """Return ``view`` converted by OpenCC config ``config`` (text as ``convert_text``),
    its map composed back to ``view``'s original."""
    return view.then(_run(view.text, load_chain(config), with_map=True))


def _characters_in(texts) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in texts:
        for char in text:
            counts[char] = counts.get(char, 0) + 1
    return counts


@lru_cache(maxsize=None)
def _native_characters(target: str) -> frozenset:
    """Characters that text in ``target`` script writes as they are.

    Simplified: those that occur in the simplified side of the phrase table
    but whose variant never does (抬, not 擡).  Traditional: the first value of
    each simplified character (才 for 才, 參 for 参), i.e. what s2t writes.
    """
    if target == "traditional":
        return frozenset(_read_dictionary("STCharacters.txt").values())
    return frozenset(_characters_in(_read_dictionary("STPhrases.txt")))


@lru_cache(maxsize=None)
def _fold_characters(target: str) -> _Table:
    """The one-character variant folds towards ``target``, from the HK and TW
    reverse variant tables (variant → standard traditional: 衞 → 衛, 説 → 說).

    A variant that is itself the simplified form of another character is left
    out: TW 么 means 幺, but in simplified text 么 is 麼 (什么).  Where the
    variant is the form ``target`` text writes natively and the standard form
    is not (抬 / 擡 for simplified, 才 / 纔 for traditional) the fold goes the
    other way, so that text already in ``target`` script stays as it is.
    """
    simplified_from: dict[str, set] = {}
    for traditional, simplified in _read_dictionary("TSCharacters.txt").items():
        simplified_from.setdefault(simplified, set()).add(traditional)
    native = _native_characters(target)
    convert = convert_text if target == "simplified" else (lambda t: t)
    folds: dict[str, str] = {}
    for filename in _FOLD_CHARACTERS:
        for variant, standard in _read_dictionary(filename).items():
            if variant == standard or variant in folds or simplified_from.get(variant, set()) - {variant, standard}:
                continue
            unresolved = convert(variant) == variant and convert(standard) == standard
            if unresolved and variant in native and standard not in native:
                folds.setdefault(standard, variant)
            else:
                folds[variant] = standard
    return _make_table(f"variant folds to {target}", folds)


@lru_cache(maxsize=None)
def _fold_phrases(target: str) -> _Table:
    """The HK and TW phrase exceptions to the variant folds (著名 keeps 著).

    Before t2s the simplified text still has simplified phrases, so for the
    simplified target each phrase is also listed under its t2s form (显著).
    """
    phrases: dict[str, str] = {}
    for filename in _FOLD_PHRASES:
        for key, value in _read_dictionary(filename).items():
            phrases.setdefault(key, value)
    if target == "simplified":
        for key, value in list(phrases.items()):
            phrases.setdefault(convert_text(key), value)
    return _make_table(f"variant phrases to {target}", phrases)


@lru_cache(maxsize=None)
def _common_chain(target: str) -> Chain:
    fold = (_fold_phrases(target), _fold_characters(target))
    if target == "simplified":
        return (fold,) + load_chain("t2s")
    return load_chain("s2t") + (fold,)


def to_common_script(view: TextMap, target: str = "simplified") -> TextMap:
    """Return ``view`` width-folded, variant-folded and converted to ``target``
    (``"simplified"`` or ``"traditional"``), mapped to ``view``'s original.

    For simplified, HK/TW variants are first folded to standard traditional
    (衞 → 衛, 説 → 說) and the result converted with t2s, so 衞生 and 衛生 both
    become 卫生; for traditional, s2t runs first and the variants are folded after.
    """
    if target not in TARGETS:
        raise OptionError(f"unknown script {target!r}; use 'simplified' or 'traditional'")
    folded = fold_width(view.text)
    return view.then(_run(folded, _common_chain(target), with_map=True))
