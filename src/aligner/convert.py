"""Stage 3, convert: one common script and one width for matching.

Input: a :class:`TextMap` (the cleaned view).  Output: the same text in the
common script (simplified by default) with variants and full-width forms folded,
as a ``TextMap`` composed back to the original.

The conversion reproduces ``opencc-python-reimplemented`` (module ``opencc``)
exactly, using its own config and dictionary files, but fast: instead of the
library's recursive "longest key anywhere in the piece wins" search we collect
every occurrence of every key in one pass over the whole text and accept them
greedily, longest first then leftmost, skipping those that overlap an accepted
one (or one accepted by an earlier dictionary of the same group); that is the
same set of replacements.  A dictionary whose keys and values are all single
characters becomes a ``str.translate`` table.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import ahocorasick
from opencc import OpenCC

from .errors import OptionError
from .textmap import TextMap

# Full-width ASCII variants and the ideographic space fold to their ASCII forms.
_WIDTH_FOLDS = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_FOLDS[0x3000] = 0x20
# The characters width folding reads or writes.
_WIDTH_CHARACTERS = frozenset(map(chr, [*_WIDTH_FOLDS, *_WIDTH_FOLDS.values()]))

# The library splits its input at its separator pattern (OpenCC PhraseExtract's
# sentence separators) and converts each piece alone, so a key containing one
# never matches.  Dropping such keys lets us convert the whole text in one pass:
# no remaining key can reach across a separator, and no value of a remaining key
# contains one (checked by the tests against the library).
_SEPARATOR = OpenCC().split_chars_re

# The common scripts text can be converted to for matching.
SCRIPTS = ("simplified", "traditional")

# The variant tables folded before (simplified) or after (traditional) the
# script conversion: phrase exceptions first, then single characters.
_FOLD_PHRASES = ("HKVariantsRevPhrases.txt", "TWVariantsRevPhrases.txt")
_FOLD_CHARACTERS = ("HKVariantsRev.txt", "TWVariantsRev.txt")


# How keys are found.  A dictionary whose keys start with few different
# characters (TSPhrases, the variant phrase tables) becomes one regular
# expression, keys grouped by first character: ``re`` skips in C to the places
# where some key starts, and around each hit we look every key up, which finds
# every occurrence (overlapping ones included).  ``re`` tries the groups one by
# one, so past a few hundred first characters (TWPhrases, STPhrases with 49,000
# keys) Aho-Corasick is faster.  pyahocorasick looks a node's children up one by
# one, so keys starting with thousands of different characters make it slow;
# we spell every character as two symbols, its high and its low byte (for the
# BMP that is its UTF-16 code unit, which the codecs produce at C speed), so
# that no node has more than 256 children: faster even counting the spelling
# (see bench/README.md).  A match found at an odd symbol offset straddles two
# characters and is dropped.
_REGEX_FIRST_CHARACTERS = 200


class _Spelling(dict):
    """``str.translate`` table: character → its two symbols, for text with
    characters beyond the BMP (whose high symbol is then above 255)."""

    def __missing__(self, code: int) -> str:
        return chr(code >> 8) + chr(code & 0xFF)


_SPELLING = _Spelling()


def _spell(text: str) -> str:
    """Return ``text`` with every character spelled as two symbols."""
    units = text.encode("utf-16-be", "surrogatepass")
    if len(units) == 2 * len(text):  # no character beyond the BMP
        return units.decode("latin-1")
    return text.translate(_SPELLING)


class _Table(NamedTuple):
    """One dictionary, ready to match.

    ``entries``: key → first value.  ``translate``: set when every key and value
    is one character; a ``str.translate`` table (see :func:`_translate_table`).
    Otherwise ``pattern`` (with the key ``lengths``) or ``automaton`` (keys
    spelled as symbol pairs) finds the keys.
    """

    name: str
    entries: dict
    translate: list | None
    lengths: tuple[int, ...]
    pattern: re.Pattern | None
    automaton: ahocorasick.Automaton | None


Chain = tuple  # tuple of groups, each a tuple of _Table


def fold_width(text: str) -> str:
    """Return ``text`` with full-width letters, digits and punctuation made ASCII
    and the ideographic space made a space (same length, one to one)."""
    return text.translate(_width_table())


def _translate_table(codes: dict[int, int]) -> list[int]:
    """A ``str.translate`` table doing ``codes`` (code point → code point).

    A list indexed by code point, covering at least the BMP: indexing a list is
    cheaper than looking a key up in a dict, and a character missing from a dict
    costs ``str.translate`` an exception (one past the list's end still does:
    an ``IndexError`` leaves it as it is, like a missing key).
    """
    table = list(range(max(0x10000, max(codes, default=0) + 1)))
    for code, new in codes.items():
        table[code] = new
    return table


@lru_cache(maxsize=None)
def _width_table() -> list[int]:
    return _translate_table(_WIDTH_FOLDS)


# ---------------------------------------------------------------- loading


def _package_file(*parts: str):
    return resources.files("opencc").joinpath(*parts)


@lru_cache(maxsize=None)
def opencc_dictionary(filename: str) -> dict[str, tuple[str, ...]]:
    """Return key → all its values in one dictionary of the OpenCC library
    (``"TSCharacters.txt"``), read as the library does."""
    entries: dict[str, tuple[str, ...]] = {}
    with _package_file("dictionary", filename).open(encoding="utf-8") as lines:
        for line in lines:
            key, value = line.strip().split("\t")
            entries[key] = tuple(value.split(" "))
    return entries


@lru_cache(maxsize=None)
def _read_dictionary(filename: str) -> dict[str, str]:
    """Return key → first value (the one the library uses) of one library dictionary."""
    return {key: values[0] for key, values in opencc_dictionary(filename).items()}


def _make_table(name: str, entries: dict) -> _Table:
    reachable = {k: v for k, v in entries.items() if not _SEPARATOR.search(k)}
    lengths = tuple(sorted({len(k) for k in reachable}, reverse=True))
    if all(len(k) == 1 and len(v) == 1 for k, v in reachable.items()):
        translate = _translate_table({ord(k): ord(v) for k, v in reachable.items()})
    else:
        translate = None
    if not reachable:
        return _Table(name, reachable, translate, lengths, None, None)
    if len({key[0] for key in reachable}) > _REGEX_FIRST_CHARACTERS:
        return _Table(name, reachable, translate, lengths, None, _automaton(reachable))
    return _Table(name, reachable, translate, lengths, _pattern(reachable), None)


@lru_cache(maxsize=None)
def _table(filename: str) -> _Table:
    return _make_table(filename, _read_dictionary(filename))


def _pattern(entries: dict) -> re.Pattern:
    """A regular expression matching some key wherever one starts."""
    by_first: dict[str, list[str]] = {}
    for key in sorted(entries, key=len, reverse=True):
        by_first.setdefault(key[0], []).append(re.escape(key[1:]))
    return re.compile("|".join(re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in by_first.items()))


def _automaton(entries: dict) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, value in entries.items():
        automaton.add_word(_spell(key), (2 * len(key), value))
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
    if not re.fullmatch(r"[a-z0-9]+", config) or not _package_file("config", f"{config}.json").is_file():
        raise OptionError(f"unknown OpenCC conversion {config!r}; use one of {', '.join(configs())}")
    setting = json.loads(_package_file("config", f"{config}.json").read_text(encoding="utf-8"))
    return tuple(_chain_item(step["dict"]) for step in setting["conversion_chain"])


def configs() -> tuple[str, ...]:
    """Return the names of the conversions the installed library ships."""
    return tuple(sorted(p.name[:-5] for p in _package_file("config").iterdir() if p.name.endswith(".json")))


# ---------------------------------------------------------------- matching


def _matches(table: _Table, text: str) -> list[tuple[int, int, str]]:
    """Every occurrence of every key of ``table`` in ``text`` as (start, end, value), by start."""
    if table.automaton is not None:
        symbols = table.automaton.iter(_spell(text))
        found = [((end + 1 - size) >> 1, (end + 1) >> 1, value) for end, (size, value) in symbols if end & 1]
        found.sort()
        return found
    if table.pattern is None:
        return []
    # ``finditer`` reports one key at each place it resumes from; any other
    # occurrence starts inside a reported one, so looking up every key length
    # at every position of the reported spans finds them all.
    found = []
    entries = table.entries
    length = len(text)
    for hit in table.pattern.finditer(text):
        for start in range(hit.start(), hit.end()):
            for size in table.lengths:
                if start + size <= length:
                    value = entries.get(text[start:start + size])
                    if value is not None:
                        found.append((start, start + size, value))
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
            if match[1] > reach:
                reach = match[1]
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


def _written(text: str, spans: list) -> str:
    """``text`` with each span's value written in place of it."""
    parts = []
    previous = 0
    for start, end, value in spans:
        parts.append(text[previous:start])
        parts.append(value)
        previous = end
    parts.append(text[previous:])
    return "".join(parts)


def _run(view: TextMap, chain: Chain, with_map: bool) -> TextMap:
    """Apply ``chain`` to ``view.text``; with ``with_map`` the result keeps the map
    to ``view``'s original (``TextMap.edit``: one-to-one steps cost nothing)."""
    result = view
    for group in chain:
        spans, translate = _group_spans(result.text, group)
        # The one-character table changes no length: the map stays as it is.
        translated = result.text.translate(translate) if translate else result.text
        if not with_map:
            result = TextMap(_written(translated, spans))
        elif all(len(value) == end - start for start, end, value in spans):
            result = TextMap(_written(translated, spans), result.origin)
        else:
            result = TextMap(translated, result.origin).edit(spans)
    return result


# ---------------------------------------------------------------- public API


def convert_text(text: str, config: str = "t2s") -> str:
    """Return ``text`` converted by OpenCC config ``config``; equals
    ``opencc.OpenCC(config).convert(text)`` of opencc-python-reimplemented."""
    return _run(TextMap(text), load_chain(config), with_map=False).text


def convert_view(view: TextMap, config: str = "t2s") -> TextMap:
    """Return ``view`` converted by OpenCC config ``config`` (text as ``convert_text``),
    its map composed back to ``view``'s original."""
    return _run(view, load_chain(config), with_map=True)


@lru_cache(maxsize=None)
def _phrase_characters() -> tuple[frozenset, frozenset]:
    """The characters of the simplified and of the traditional side of STPhrases."""
    phrases = _read_dictionary("STPhrases.txt")
    return frozenset("".join(phrases)), frozenset("".join(phrases.values()))


def _written_natively(variant: str, standard: str, target: str) -> bool:
    """True when ``target`` text writes ``variant`` and never ``standard``.

    Simplified: the variant occurs on the simplified side of the phrase table
    and the standard form only on the traditional side (抬 / 擡).  Traditional:
    the variant is what s2t writes and the standard form is not (才 / 纔).
    """
    if target == "traditional":
        written = frozenset(_read_dictionary("STCharacters.txt").values())
        return variant in written and standard not in written
    simplified, traditional = _phrase_characters()
    return variant in simplified and standard not in simplified and standard in traditional


def derive_fold_characters(target: str) -> dict[str, str]:
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
    config = "t2s" if target == "simplified" else "s2t"
    folds: dict[str, str] = {}
    for filename in _FOLD_CHARACTERS:
        for variant, standard in _read_dictionary(filename).items():
            other_sources = simplified_from.get(variant, set()) - {variant, standard}
            if variant == standard or variant in folds or other_sources:
                continue
            # The script conversion itself leaves both forms as they are.
            unresolved = convert_text(variant, config) == variant and convert_text(standard, config) == standard
            if unresolved and _written_natively(variant, standard, target):
                folds.setdefault(standard, variant)
            else:
                folds[variant] = standard
    for variant, standard in _japanese_variants().items():
        folds.setdefault(variant, standard)
    if target == "traditional":
        for variant, standard in _traditional_variants().items():
            folds.setdefault(variant, standard)
    return folds


@lru_cache(maxsize=None)
def _japanese_variants() -> dict[str, str]:
    """Japanese shinjitai → traditional (円 → 圓, 伝 → 傳), from JPVariants reversed.

    Only forms that no Chinese table uses and that come from one traditional
    character: 芸 (藝 in Japan) is also a Chinese character, and 弁 stands for
    three, so both are left alone.
    """
    chinese: set[str] = set()
    for filename in ("TSCharacters.txt", "STCharacters.txt", "TSPhrases.txt", "STPhrases.txt"):
        for key, values in opencc_dictionary(filename).items():
            chinese.update(key, *values)
    sources: dict[str, set] = {}
    for traditional, shinjitai in opencc_dictionary("JPVariants.txt").items():
        for form in shinjitai:
            sources.setdefault(form, set()).add(traditional)
    return {
        form: next(iter(traditional))
        for form, traditional in sources.items()
        if len(traditional) == 1 and form not in chinese
    }


@lru_cache(maxsize=None)
def _traditional_variants() -> dict[str, str]:
    """Traditional variants that t2s knows but s2t never writes (産 → 产 → 產).

    For the simplified target t2s folds them anyway; for the traditional one
    they go to the form s2t writes for their simplified character, but only
    where that form is the only one: 乾 and 幹 (both 干) stay apart.
    """
    to_simplified = _read_dictionary("TSCharacters.txt")
    to_traditional = opencc_dictionary("STCharacters.txt")
    written = frozenset(values[0] for values in to_traditional.values())
    variants = {}
    for variant, simplified in to_simplified.items():
        standard = to_traditional.get(simplified, (simplified,))
        if variant not in written and len(standard) == 1 and standard[0] != variant:
            variants[variant] = standard[0]
    return variants


def derive_fold_phrases(target: str) -> dict[str, str]:
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
    return phrases


# Deriving the folds reads every dictionary: they are derived once, shipped as
# data, and a test checks the data against a fresh derivation.
FOLDS_FILE = "variant_folds.json"


def derive_folds() -> dict[str, dict[str, dict[str, str]]]:
    """Return the variant folds of both targets, derived from the library's dictionaries."""
    return {target: {"characters": derive_fold_characters(target), "phrases": derive_fold_phrases(target)}
            for target in SCRIPTS}


def write_folds() -> None:
    """Regenerate ``data/variant_folds.json`` (run after upgrading opencc-python-reimplemented)."""
    path = resources.files("aligner") / "data" / FOLDS_FILE
    text = json.dumps(derive_folds(), ensure_ascii=False, sort_keys=True, indent=0)
    with resources.as_file(path) as target:
        target.write_text(text + "\n", encoding="utf-8")


@lru_cache(maxsize=None)
def _folds() -> dict:
    return json.loads((resources.files("aligner") / "data" / FOLDS_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _fold_characters(target: str) -> _Table:
    return _make_table(f"variant folds to {target}", _folds()[target]["characters"])


@lru_cache(maxsize=None)
def _fold_phrases(target: str) -> _Table:
    return _make_table(f"variant phrases to {target}", _folds()[target]["phrases"])


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
    if target not in SCRIPTS:
        raise OptionError(f"unknown script {target!r}; use {' or '.join(map(repr, SCRIPTS))}")
    chain = _width_folding_chain(target)
    if chain is not None:
        return _run(view, chain, with_map=True)
    # Width folding is one to one: the map carries over unchanged.
    return _run(TextMap(fold_width(view.text), view.origin), _common_chain(target), with_map=True)


@lru_cache(maxsize=None)
def _width_folding_chain(target: str) -> Chain | None:
    """``_common_chain(target)`` with width folding done by its first group's
    character table, saving a pass over the text; None where that would change
    the result.

    Folding widths first and then translating equals translating by the
    composed table; the group's phrases match the same with or without the
    folding when none of their keys has a character it reads or writes.
    """
    first, *rest = _common_chain(target)
    *phrases, characters = first
    if characters.translate is None or any(
            not _WIDTH_CHARACTERS.isdisjoint(key) for table in phrases for key in table.entries):
        return None
    width = _width_table()
    composed = [characters.translate[code] for code in width[:len(characters.translate)]]
    composed[len(width):] = characters.translate[len(width):]
    folding = characters._replace(name=f"width and {characters.name}", translate=composed)
    return ((*phrases, folding), *rest)
