"""Same entity, regional names (aligner.regional): the table, its build, the phonetic fallback."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

from aligner import regional
from aligner.regional import (
    REGIONS,
    Table,
    default_table,
    entities,
    fold,
    phonetic_similarity,
    same_entity,
)

ROWS = entities()


def _names(entity) -> list[str]:
    return [name for region in REGIONS for name in entity.names[region]]


def _control(number: int):
    """A later row of the same kind none of whose names names row ``number``'s entity."""
    table = default_table()
    for offset in range(1, len(ROWS)):
        other = ROWS[(number + offset) % len(ROWS)]
        if other.kind == ROWS[number].kind and not any(number in table.lookup(fold(n)) for n in _names(other)):
            return other
    raise AssertionError(f"no control for row {number}")


def test_the_build_script_reproduces_the_shipped_data():
    from scripts.build_regional import outputs

    for name, text in outputs().items():
        shipped = (resources.files("aligner") / "data" / name).read_text(encoding="utf-8")
        assert shipped == text, f"data/{name} is stale: run python scripts/build_regional.py"


def test_the_table_covers_every_kind_and_records_its_sources():
    kinds = {entity.kind for entity in ROWS}
    assert kinds == {"person", "place", "organization"}
    assert len(ROWS) >= 400
    assert {entity.source for entity in ROWS} >= {"curated", "OpenCC TWPhrases", "OpenCC HKPhrases"}
    assert all(entity.names["mainland"] for entity in ROWS)


@pytest.mark.parametrize("number", range(len(ROWS)), ids=[e.names["mainland"][0] for e in ROWS])
def test_every_row_joins_its_names_both_ways_and_not_a_different_entity(number):
    entity = ROWS[number]
    mainland = entity.names["mainland"][0]
    for name in _names(entity):
        for a, b in ((mainland, name), (name, mainland)):
            reason = same_entity(a, b)
            assert reason is not None, (a, b)
            assert reason.basis in ("table", "script")
    other = _control(number)
    for name in _names(other):
        assert same_entity(mainland, name) is None, (mainland, name)
        assert same_entity(name, mainland) is None, (name, mainland)


ISSUE_EXAMPLES = [("川普", "特朗普"), ("紐西蘭", "新西兰"), ("雪梨", "悉尼"), ("輝達", "英伟达"),
                  ("喬治亞州", "佐治亚州"), ("柯瑞", "库里"), ("德州", "得克萨斯州"), ("麻州", "马萨诸塞州"),
                  ("普丁", "普京"), ("德州", "得克萨斯"), ("喬治亞", "佐治亚州")]


@pytest.mark.parametrize("a, b", ISSUE_EXAMPLES)
def test_the_issue_examples_name_one_entity(a, b):
    for first, second in ((a, b), (b, a)):
        reason = same_entity(first, second)
        assert reason is not None and reason.basis == "table"
        assert first in str(reason) and second in str(reason)


@pytest.mark.parametrize("a, b", [("川普", "拜登"), ("紐西蘭", "澳大利亚"), ("喬治亞州", "格鲁吉亚"),
                                  ("奥地利", "澳大利亚"), ("王伟", "汪伟"), ("德州", "佛州"),
                                  ("德", "得克萨斯")])
def test_different_entities_stay_apart(a, b):
    assert same_entity(a, b) is None
    assert same_entity(b, a) is None


def test_a_longer_name_matches_where_its_table_names_do():
    assert same_entity("美國總統川普", "美国总统特朗普").kind == "person"
    assert same_entity("美國總統川普", "美国总统拜登") is None
    assert same_entity("川普政府", "特朗普总统") is None  # the rest differs
    # 柯瑞 inside a longer transliteration is not the table's 柯瑞 (the sound may still join them).
    assert same_entity("柯瑞斯", "库里斯").basis == "sound"
    assert same_entity("柯瑞斯基", "库里") is None


def test_script_and_separators_alone_are_one_name():
    assert same_entity("唐納·川普", "唐纳德特朗普").basis == "table"
    assert same_entity("歐巴馬", "欧巴马").basis == "script"
    assert same_entity("", "特朗普") is None


def test_phonetic_similarity_of_the_issue_pairs():
    for a, b in (("柯瑞", "库里"), ("普丁", "普京")):
        assert phonetic_similarity(a, b) >= regional.PHONETIC_THRESHOLD
        assert phonetic_similarity(a, b) == phonetic_similarity(b, a)
    for a, b in (("川普", "拜登"), ("紐西蘭", "澳大利亚")):
        assert phonetic_similarity(a, b) < 0.3
    assert phonetic_similarity("马杜罗", "馬杜洛") == 1.0
    assert phonetic_similarity("", "库里") == 0.0


def test_the_fallback_joins_an_unknown_transliteration_by_sound_only():
    empty = Table(())
    assert same_entity("柯瑞", "库里", empty).basis == "sound"
    assert same_entity("普丁", "普京", empty).basis == "sound"
    assert same_entity("王伟", "汪伟", empty) is None  # Chinese names: homophones are two people
    assert same_entity("哈里斯", "哈里森", empty) is None  # both known to the lexicon: two people
    assert same_entity("柯瑞", "拜登", empty) is None


def test_known_names_join_only_when_they_sound_nearly_alike():
    empty = Table(())
    assert same_entity("克林顿", "柯林頓", empty).basis == "sound"  # both in the lexicon, one person
    assert regional.KNOWN_PHONETIC_THRESHOLD > phonetic_similarity("哈里斯", "哈里森")
    # Two names the table holds for two entities stay two, however alike they sound.
    assert same_entity("伊斯兰堡", "伊斯坦堡") is None


def test_a_name_with_its_given_name_against_the_family_name_alone():
    empty = Table(())
    assert same_entity("库里", "史蒂芬·柯瑞", empty).basis == "sound"
    assert same_entity("克林顿", "比爾·柯林頓", empty).basis == "sound"
    assert same_entity("拜登", "比爾·柯林頓", empty) is None
    assert same_entity("瓦格纳", "安格拉·梅克爾", empty) is None  # the given name is not compared


def test_a_state_with_and_without_zhou_but_not_a_city():
    empty = Table(())
    assert same_entity("马里兰", "馬利蘭州", empty).basis == "sound"
    assert same_entity("俄克拉荷马市", "奧克拉荷馬州", empty) is None


def test_a_name_cut_short_is_compared_grown_to_its_slot():
    from aligner.facts.changed import slot_spans

    a, b = "据报道，巴塞罗那周二", "据报道，巴塞隆納周二"
    (a0, a1), (b0, b1) = slot_spans(a, b, (4, 7), (4, 8))
    assert (a[a0:a1], b[b0:b1]) == ("巴塞罗那", "巴塞隆納")
    a, b = "库里周二表示", "史蒂芬·柯瑞周二表示"
    (a0, a1), (b0, b1) = slot_spans(a, b, (0, 2), (0, 3))
    assert (a[a0:a1], b[b0:b1]) == ("库里", "史蒂芬·柯瑞")
    # Words that never agree again: the names stay as read.
    assert slot_spans("甲乙丙丁，好", "戊己庚辛。坏", (0, 1), (0, 1)) == ((0, 1), (0, 1))


def test_lone_consonant_syllables_cost_less_and_unlike_syllables_more():
    # 尔 and 夫 write a lone consonant, which one spelling keeps and another drops.
    assert phonetic_similarity("戈尔巴乔夫", "戈巴契夫") >= regional.PHONETIC_THRESHOLD
    assert phonetic_similarity("伊斯坦布尔", "伊斯坦堡") >= regional.PHONETIC_THRESHOLD
    # 南 nan and 北 bei share nothing: one dropped and one added, not a close change.
    assert phonetic_similarity("南卡罗来纳", "北卡罗莱纳") < regional.PHONETIC_THRESHOLD


def test_transliteration_weight_tells_foreign_from_chinese_names():
    assert regional.transliteration_weight("克林顿") > regional.TRANSLITERATION_THRESHOLD
    assert regional.transliteration_weight("陈剑虹") < 0


def test_the_thresholds_are_the_ones_the_bench_chooses():
    from bench.regional import choose

    assert choose(1) == (regional.TRANSLITERATION_THRESHOLD, regional.PHONETIC_THRESHOLD,
                         regional.KNOWN_PHONETIC_THRESHOLD)
