"""The variant folds of the common script, derived from OpenCC's dictionaries.

Plain t2s leaves the Hong Kong and Taiwan forms of many characters alone (衞, 説);
:mod:`aligner.convert` folds them to the standard forms before t2s (or after s2t),
with phrase exceptions first (著名 keeps 著).  Deriving the folds reads every
dictionary, so they ship as ``data/variant_folds.json``; :func:`write_folds`
regenerates it and a test checks it against :func:`derive_folds`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .convert import CLAUSE_ENDS, FOLDS_FILE, SCRIPTS, _read_dictionary, convert_text, opencc_dictionary

# The variant tables folded before (simplified) or after (traditional) the
# script conversion: phrase exceptions first, then single characters.
_FOLD_PHRASES = ("HKVariantsRevPhrases.txt", "TWVariantsRevPhrases.txt")
_FOLD_CHARACTERS = ("HKVariantsRev.txt", "TWVariantsRev.txt")


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
    """Japanese shinjitai → traditional (円 → 圓, 伝 → 傳, 挙 → 舉), from
    JPShinjitaiCharactersRev (traditional → shinjitai) reversed.

    Only forms that no Chinese table uses and that come from one traditional
    character (of 擧 and 舉, the one the Chinese tables write), or from variants of
    one (the form s2t writes is taken): 芸 (藝 in Japan) is also a Chinese character, and 弁 stands for
    辨, 辯, 瓣 and 辦, so both are left alone.
    """
    chinese: set[str] = set()
    for filename in ("TSCharacters.txt", "STCharacters.txt", "TSPhrases.txt", "STPhrases.txt"):
        for key, values in opencc_dictionary(filename).items():
            chinese.update(key, *values)
    sources: dict[str, set] = {}
    for traditional, shinjitai in opencc_dictionary("JPShinjitaiCharactersRev.txt").items():
        for form in shinjitai:
            sources.setdefault(form, set()).add(traditional)
    variants = {}
    for form, traditional in sources.items():
        traditional.discard(form)
        # Of several sources, those the Chinese tables write (舉, not the old 擧).
        standard = _one_character(traditional & chinese or traditional)
        if standard is not None and form not in chinese:
            variants[form] = standard
    return variants


def _one_character(traditional: set[str]) -> str | None:
    """The one character ``traditional`` names: itself when alone, else the form s2t
    writes when all are variants of one simplified character; None otherwise."""
    if len(traditional) == 1:
        return next(iter(traditional))
    to_simplified = _read_dictionary("TSCharacters.txt")
    simplified = {to_simplified.get(char, char) for char in traditional}
    if len(simplified) == 1:
        written = _read_dictionary("STCharacters.txt").get(*simplified, *simplified)
        return written if written in traditional else None
    return None


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


def derive_folds() -> dict[str, dict[str, dict[str, str]]]:
    """Return the variant folds of both targets, derived from the OpenCC dictionaries."""
    return {target: _effective(target, derive_fold_characters(target), derive_fold_phrases(target))
            for target in SCRIPTS}


def _effective(target: str, characters: dict[str, str], phrases: dict[str, str]) -> dict[str, dict[str, str]]:
    """The folds that change the text in ``target`` script.

    For simplified, t2s runs after the folds, so a fold whose two sides t2s writes
    alike is left out (才 / 纔, both 才).  A phrase that comes out as its folded
    characters do (一展长才) is left out too, unless it can win a place from a phrase
    kept (一口吃個 keeps 口吃 from its 吃): matching takes the leftmost key, then the
    longest, so leaving it out could let the other match.
    """
    after = (lambda text: convert_text(text, "t2s")) if target == "simplified" else (lambda text: text)
    characters = {key: value for key, value in characters.items() if after(key) != after(value)}
    folded = str.maketrans(characters)
    kept = {key for key, value in phrases.items() if after(key.translate(folded)) != after(value)}
    phrases = {key: phrases[key] for key in _blocking(kept, set(phrases))}
    if any(not set(CLAUSE_ENDS).isdisjoint(key) for key in phrases):
        raise ValueError("a variant phrase holds a clause end: convert.CLAUSE_ENDS must change")
    return {"characters": characters, "phrases": phrases, "kept": _kept_characters(kept, phrases, folded, after)}


def _kept_characters(kept: set[str], phrases: dict[str, str], folded: dict, after) -> list[str]:
    """The characters where a phrase that changes the text writes otherwise than the
    character folds (著 of 著名): only a clause holding one needs the phrases matched."""
    characters = set()
    for key in kept:
        plain, phrase = after(key.translate(folded)), after(phrases[key])
        if len(plain) != len(phrase) or len(key) != len(plain):
            characters.update(key)  # no place-by-place comparison: every character counts
        else:
            characters.update(char for char, a, b in zip(key, plain, phrase) if a != b)
    return sorted(characters)


def _blocking(kept: set[str], phrases: set[str]) -> set[str]:
    """``kept`` with every phrase of ``phrases`` that can win a place from one kept
    (:func:`_blocks`), and so on until there is none."""
    by_character: dict[str, set[str]] = {}
    for phrase in phrases:
        for character in phrase:
            by_character.setdefault(character, set()).add(phrase)
    kept, todo = set(kept), list(kept)
    while todo:
        phrase = todo.pop()
        for other in by_character[phrase[0]] - kept:
            if _blocks(other, phrase):
                kept.add(other)
                todo.append(other)
    return kept


def _blocks(first: str, then: str) -> bool:
    """Whether matching ``first`` can keep ``then`` from matching: ``then`` may start
    inside an occurrence of ``first`` (at its start only when shorter)."""
    for offset in range(len(first)):
        size = min(len(then), len(first) - offset)
        if first[offset:offset + size] == then[:size] and (offset or len(then) < len(first)):
            return True
    return False


def write_folds() -> None:
    """Regenerate ``data/variant_folds.json`` (run after upgrading the vendored OpenCC data)."""
    path = resources.files("aligner") / "data" / FOLDS_FILE
    text = json.dumps(derive_folds(), ensure_ascii=False, sort_keys=True, indent=0)
    with resources.as_file(path) as target:
        target.write_text(text + "\n", encoding="utf-8")
