"""Stage convert: OpenCC 1.4's conversion on its vendored data, offsets through length
changes, variant and width folding.

The reference is OpenCC 1.4's method written plainly (``bench.opencc_dicts.Opencc14``,
equal to the official C++ package on every case and sample: see bench/README.md); the
official package cannot be a test dependency (it installs the module ``opencc``, as
opencc-python-reimplemented does).
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from aligner.convert import (
    configs,
    convert_text,
    convert_view,
    fold_width,
    load_chain,
    to_common_script,
)
from aligner.errors import OptionError
from aligner.textmap import TextMap, replace_spans
from bench.opencc_dicts import Opencc14
from tests.helpers import DATA

GOLDEN = DATA / "opencc" / "us_constitution_zhs.txt"  # OpenCC's golden text (see data/opencc/SOURCES.md)
CONFIGS = ("hk2s", "hk2sp", "hk2t", "jp2t", "s2hk", "s2hkp", "s2t", "s2tw", "s2twp",
           "t2hk", "t2jp", "t2s", "t2tw", "tw2s", "tw2sp", "tw2t")


@lru_cache(maxsize=None)
def reference(config: str) -> Opencc14:
    return Opencc14(config)


def check_map(view: TextMap, original: str) -> None:
    """The map has one boundary per character plus one, is monotone and stays inside the original."""
    origin = view.boundaries()
    assert len(origin) == len(view.text) + 1
    assert origin[0] == 0 and origin[-1] == len(original)
    assert all(a <= b for a, b in zip(origin, origin[1:]))


def test_every_opencc_config_is_shipped():
    assert configs() == CONFIGS


@pytest.mark.parametrize("config", CONFIGS)
def test_equals_the_reference_on_the_samples(config, traditional, simplified):
    text = traditional + simplified
    assert convert_text(text, config) == reference(config).convert(text)


# Each config on the golden text in the script it converts from.
GOLDEN_INPUT = {
    "s2t": "", "s2tw": "", "s2twp": "", "s2hk": "", "s2hkp": "",
    "t2s": ".s2t", "t2tw": ".s2t", "t2hk": ".s2t", "t2jp": ".s2t", "jp2t": ".s2t",
    "tw2s": ".s2tw", "tw2t": ".s2tw", "tw2sp": ".s2twp", "hk2s": ".s2hk", "hk2t": ".s2hk", "hk2sp": ".s2hk",
}


@pytest.mark.parametrize("config", CONFIGS)
def test_equals_the_reference_on_the_opencc_golden_texts(config):
    path = GOLDEN.with_name(f"us_constitution_zhs{GOLDEN_INPUT[config]}.txt")
    text = path.read_text(encoding="utf-8")
    assert convert_text(text, config) == reference(config).convert(text)


def test_a_key_holding_punctuation_matches():
    # OpenCC 1.4 does not cut the text at punctuation: STPhrases' 乔治．布希 matches whole.
    assert convert_text("乔治．布希", "s2t") == "喬治．布希"
    assert convert_text("伯克希尔-哈撒韦", "s2twp") == reference("s2twp").convert("伯克希尔-哈撒韦")


def test_the_leftmost_key_wins_then_the_longest():
    # Forward maximum matching: 茶几 at the left wins over the longer 几周围 after it.
    assert convert_text("茶几周围", "s2t") == "茶几周圍" == reference("s2t").convert("茶几周围")


def test_the_first_dictionary_of_a_group_with_a_key_wins():
    # t2s: TSPhrases before the characters; a phrase starting here wins over a character.
    assert convert_text("乾隆皇帝", "t2s") == reference("t2s").convert("乾隆皇帝") == "乾隆皇帝"


def test_no_later_key_reaches_across_a_segment():
    # s2twp cuts the text at STPhrases keys first; TWPhrases may not reach across a cut.
    text = "低级别"
    assert convert_text(text, "s2twp") == reference("s2twp").convert(text)
    assert convert_view(TextMap.identity(text), "s2twp").text == convert_text(text, "s2twp")


def test_compatibility_ideographs_are_normalized():
    assert convert_text("\uf900", "t2s") == reference("t2s").convert("\uf900") != "\uf900"
    assert to_common_script(TextMap.identity("\uf900")).text == convert_text("\uf900", "t2s")


# Characters for the property test: dictionary keys, separators, and others.
def _keys(config: str, limit: int = 400) -> list[str]:
    chain = load_chain(config)
    tables = [table for step in chain.steps for table in step.tables] + [chain.segmenter] * bool(chain.segmenter)
    keys = {key for table in tables for key in table.entries}
    keys.update(chr(code) for step in chain.steps if step.translate
                for code, new in enumerate(step.translate) if new != code)
    keys = sorted(keys)
    keys = keys[:: max(1, len(keys) // limit)]
    # Halves of keys make overlapping candidates, where the matching order matters.
    return keys + [key[1:] for key in keys if len(key) > 2] + [key[:-1] for key in keys if len(key) > 2]


SEPARATORS = [" ", "\n", "-", ",", "。", "，", "．", "「", "」", "　", "…", "\t\t"]
OTHER = ["a", "1", "的", "中", "U", "盘", "é", "𠮷", "\u3000", "Ｕ", "\udc80", "\uf900"]


def pieces(config: str):
    return st.lists(
        st.one_of(st.sampled_from(_keys(config)), st.sampled_from(SEPARATORS), st.sampled_from(OTHER)),
        max_size=12,
    ).map("".join)


@pytest.mark.parametrize("config", CONFIGS)
def test_property_equals_the_reference_and_maps_stay_sound(config):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(pieces(config))
    def check(text):
        assert convert_text(text, config) == reference(config).convert(text)
        view = convert_view(TextMap.identity(text), config)
        assert view.text == convert_text(text, config)
        check_map(view, text)
        common = to_common_script(TextMap.identity(text))
        check_map(common, text)

    check()


def test_length_changing_phrase_keeps_offsets():
    text = "我的U盘坏了，买了新U盘。"
    view = convert_view(TextMap.identity(text), "s2twp")
    assert view.text == reference("s2twp").convert(text) == "我的隨身碟壞了，買了新隨身碟。"
    assert view.span(2, 5) == (2, 4)  # 隨身碟 is the original U盘
    assert view.span(5, 7) == (4, 6)  # 壞了 is 坏了
    start = view.text.rindex("隨身碟")
    assert view.span(start, start + 3) == (text.rindex("U盘"), text.rindex("U盘") + 2)
    check_map(view, text)


def test_length_changing_reverse_phrase_keeps_offsets():
    text = "我的隨身碟壞了"
    view = convert_view(TextMap.identity(text), "tw2sp")
    assert view.text == reference("tw2sp").convert(text) == "我的U盘坏了"
    assert view.span(2, 4) == (2, 5)
    assert view.span(4, 6) == (5, 7)


def test_one_to_one_conversion_keeps_the_cheap_identity_map(traditional):
    assert convert_view(TextMap.identity(traditional), "t2s").origin is None
    assert to_common_script(TextMap.identity(traditional)).origin is None


def test_conversion_composes_onto_the_incoming_view():
    original = "我的U  盘坏了"
    cleaned = replace_spans(original, [(3, 5, " ")])  # "我的U 盘坏了", then drop the space
    cleaned = cleaned.then(replace_spans(cleaned.text, [(3, 4, "")]))
    assert cleaned.text == "我的U盘坏了"
    view = convert_view(cleaned, "s2twp")
    assert view.text == "我的隨身碟壞了"
    assert original[slice(*view.span(2, 5))] == "U  盘"
    assert original[slice(*view.span(5, 7))] == "坏了"


def test_variant_forms_from_the_sample_meet_the_simplified_ones(traditional):
    for variant, simplified in (("醫療衞生資源", "医疗卫生资源"), ("産業協同", "产业协同"), ("趙民章説", "赵民章说")):
        assert variant in traditional
        assert to_common_script(TextMap.identity(variant)).text == simplified
    # Plain t2s leaves 衞 alone; the fold is what makes them meet.
    assert "衞" in convert_text("衞生", "t2s")
    for form in ("衞生", "衛生", "卫生"):
        assert to_common_script(TextMap.identity(form)).text == "卫生"


def test_zhe_and_zhu_fold_only_where_the_variant_tables_say():
    fold = lambda text: to_common_script(TextMap.identity(text)).text  # noqa: E731
    assert fold("看著") == fold("看着") == "看着"  # TW writes the particle 着 as 著
    assert fold("著名") == "著名" and fold("显著") == "显著" and fold("顯著") == "显著"
    assert fold("什么") == "什么"  # TW 么 is 幺, but simplified 么 is 麼: not folded


def test_simplified_text_is_left_as_it_is(simplified):
    assert to_common_script(TextMap.identity(simplified)).text == fold_width(simplified)


def test_lift_meets_in_both_directions():
    # OpenCC 1.4's s2t writes 抬 (0.1.7's wrote 擡): the forms meet there.
    for form in ("抬头", "擡頭", "抬頭"):
        assert to_common_script(TextMap.identity(form)).text == "抬头"
        assert to_common_script(TextMap.identity(form), "traditional").text == "抬頭"


def test_traditional_target_folds_to_standard_traditional(traditional):
    text = "醫療衞生 産業 趙民章説 纔 才"
    assert to_common_script(TextMap.identity(text), "traditional").text == "醫療衛生 產業 趙民章說 才 才"
    common = to_common_script(TextMap.identity(traditional), "traditional")
    assert "衞" not in common.text and "説" not in common.text
    check_map(common, traditional)


def test_japanese_forms_fold_but_chinese_characters_they_share_do_not():
    assert to_common_script(TextMap.identity("円 伝統 芸術")).text == "圆 传统 芸术"
    assert to_common_script(TextMap.identity("円 伝統"), "traditional").text == "圓 傳統"


def test_width_folding():
    assert fold_width("ＡＢＣ１２３！　（）") == "ABC123! ()"
    assert to_common_script(TextMap.identity("２０２４年　ＧＤＰ")).text == "2024年 GDP"


def test_unknown_names_are_option_errors():
    with pytest.raises(OptionError, match="t2s"):
        convert_text("x", "t2x")
    with pytest.raises(OptionError, match="simplified"):
        to_common_script(TextMap.identity("x"), "korean")


def test_shipped_variant_folds_match_the_dictionaries():
    """data/variant_folds.json is derived from the vendored OpenCC dictionaries;
    regenerate it with ``python -c "from aligner.folds import write_folds; write_folds()"``."""
    from aligner.convert import _folds
    from aligner.folds import derive_folds

    assert _folds() == derive_folds()


def _with_folds(target: str, characters: dict, phrases: dict):
    """The common chain of ``target`` with the given folds instead of the shipped ones."""
    from aligner.convert import _common_chain, _make_table, _step

    fold = _step([_make_table("phrases", phrases), _make_table("characters", characters)])
    chain = _common_chain(target)
    steps = (fold, *chain.steps[1:]) if target == "simplified" else (*chain.steps[:-1], fold)
    return chain._replace(steps=steps)


@lru_cache(maxsize=None)
def _all_folds(target: str):
    """The common chain with every derived fold, those that change nothing included."""
    from aligner.folds import derive_fold_characters, derive_fold_phrases

    return _with_folds(target, derive_fold_characters(target), derive_fold_phrases(target))


@lru_cache(maxsize=None)
def _fold_pieces() -> list[str]:
    from aligner.folds import derive_fold_characters, derive_fold_phrases

    pieces = set()
    for target in ("simplified", "traditional"):
        pieces.update(derive_fold_characters(target), derive_fold_characters(target).values())
        pieces.update(list(derive_fold_phrases(target))[::7])
    return sorted(pieces) + list("，。\n、的a")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_fold_pieces()), max_size=10).map("".join), st.sampled_from(["simplified", "traditional"]))
def test_the_folds_left_out_change_nothing(text, target):
    # Folds t2s undoes (才 → 纔 → 才) and phrases that come out as their characters do
    # are not shipped, and the phrases are matched only in clauses holding a character
    # one of them keeps (著): the result is the one with every fold matched everywhere.
    from aligner.convert import _run

    view = to_common_script(TextMap(text), target)
    assert view.text == _run(TextMap(fold_width(text)), _all_folds(target), with_map=False).text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ＡＢｚ１２　，！（）．中國衞説乾隆著名發表头發a1 ,.😀𠀀\n")), max_size=40),
       st.sampled_from(["simplified", "traditional"]))
def test_width_folding_inside_the_first_group_equals_folding_first(text, target):
    # to_common_script folds widths with the first group's character table (one
    # pass fewer); the result must be that of folding first, then converting.
    from aligner.convert import _common_chain, _run

    folded_first = _run(TextMap(fold_width(text)), _common_chain(target), with_map=True)
    view = to_common_script(TextMap(text), target)
    assert view.text == folded_first.text
    assert view.boundaries() == folded_first.boundaries()


def test_translate_tables_leave_characters_they_do_not_know():
    from aligner.convert import _translate_table

    table = _translate_table({ord("國"): ord("国")})
    assert "國家😀é".translate(table) == "国家😀é"  # past the table's end: unchanged
