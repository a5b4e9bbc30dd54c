"""Facts across regions (issue 15): regional names of one entity are shared, not a conflict;
transliterated names are read whole and with their kind; OpenCC's documents meet.

Sentence pairs go through the whole pipeline (``compare_texts``), as an editor's would.
"""

from __future__ import annotations

import pytest

from aligner import compare_texts, regional
from aligner.convert import to_common_script
from aligner.facts import changed, names
from aligner.facts.changed import changed_name
from aligner.facts.names import find_person_mentions
from aligner.textmap import TextMap
from bench.regional_facts import DOCUMENTS, PHRASE_CONFIGS, document_pair, linked_shares

PERSON = "{}周二表示，将在下月访问北京。"
PERSON_TW = "{}週二表示，將在下月訪問北京。"
PLACE = "记者从{}发回的报道说，当地气温创下新高。"
PLACE_TW = "記者從{}發回的報導說，當地氣溫創下新高。"


def _facts(mainland: str, other: str, template: str, template_other: str):
    report = compare_texts(template.format(mainland), template_other.format(other))
    return [fact for fact in report.facts if fact.kind in ("person", "place", "organization")]


@pytest.mark.parametrize("mainland, other, template, template_other", [
    ("特朗普", "川普", PERSON, PERSON_TW),
    ("普京", "普丁", PERSON, PERSON_TW),
    ("库里", "柯瑞", PERSON, PERSON_TW),
    ("新西兰", "紐西蘭", PLACE, PLACE_TW),
    ("悉尼", "雪梨", PLACE, PLACE_TW),
    ("佐治亚州", "喬治亞州", PLACE, PLACE_TW),
    ("得克萨斯州", "德州", PLACE, PLACE_TW),
    ("黑山", "蒙特內哥羅", PLACE, PLACE_TW),
])
def test_regional_names_of_one_entity_are_shared_with_a_note(mainland, other, template, template_other):
    facts = _facts(mainland, other, template, template_other)
    assert not [fact for fact in facts if fact.status == "conflict"]
    regional_facts = [fact for fact in facts if fact.note and fact.note.startswith("regional name: ")]
    assert len(regional_facts) == 1 and regional_facts[0].status == "shared"
    assert mainland in regional_facts[0].note and other in regional_facts[0].note


@pytest.mark.parametrize("mainland, other, template, template_other", [
    ("拜登", "川普", PERSON, PERSON_TW),
    ("澳大利亚", "紐西蘭", PLACE, PLACE_TW),
    ("格鲁吉亚", "喬治亞州", PLACE, PLACE_TW),
])
def test_real_differences_stay_conflicts(mainland, other, template, template_other):
    conflicts = [f for f in _facts(mainland, other, template, template_other) if f.status == "conflict"]
    assert len(conflicts) == 1 and conflicts[0].note.startswith("value differs")


@pytest.fixture
def empty_table(monkeypatch):
    """The pipeline with an empty same-entity table: only the phonetic fallback joins names."""
    table = regional.Table(())
    monkeypatch.setattr(regional, "default_table", lambda: table)
    caches = (names.gazetteer, names._gazetteer_automaton, names.forms_of, changed._name_heads)
    for cached in caches:
        cached.cache_clear()
    yield table
    monkeypatch.undo()
    for cached in caches:
        cached.cache_clear()


def test_transliterations_no_table_holds_are_joined_by_sound_in_the_same_slot(empty_table):
    facts = _facts("库里", "柯瑞", PERSON, PERSON_TW)
    assert [(fact.status, "sound alike" in fact.note) for fact in facts if fact.kind == "person"] == [("shared", True)]
    assert [f.status for f in _facts("拜登", "柯瑞", PERSON, PERSON_TW) if f.kind == "person"] == ["conflict"]


def _read(text: str, changed_words: str) -> tuple[str, str | None]:
    """The name :func:`changed_name` reads where ``changed_words`` changed in ``text``."""
    view = to_common_script(TextMap.identity(text)).text
    words = to_common_script(TextMap.identity(changed_words)).text
    start = view.index(words)
    found = changed_name(view, start, start + len(words), frozenset())
    return view[found[0]:found[1]], found[2]


@pytest.mark.parametrize("text, changed_words, name, kind", [
    ("据报道，賈伯斯已于当地时间周一抵达", "伯", "贾伯斯", "person"),
    ("记者从巴塞隆納发回的报道", "隆納", "巴塞隆纳", "place"),
    ("大批游客周末涌入賽普勒斯。", "普勒", "赛普勒斯", "place"),
    ("联合国秘书长葛特瑞斯周二表示", "特瑞", "葛特瑞斯", "person"),
    ("泰国国王蒲美蓬周二", "美", "蒲美蓬", "person"),
    ("这家公司计划明年在休士頓开设新工厂。", "士", "休士顿", "place"),
    ("记者从德州发回的报道", "德", "德州", "place"),
])
def test_transliterated_names_are_read_whole_with_their_kind(text, changed_words, name, kind):
    assert _read(text, changed_words) == (name, kind)


def test_a_transliteration_no_table_holds_grows_over_its_characters_only():
    # 斯 continues the name; 说 (frequent in text) ends it.
    assert _read("据报道，沃尔科斯说，将在下月访问", "科")[0] == "沃尔科斯"


def test_a_time_word_ends_a_name_found_before_a_verb():
    assert find_person_mentions("普丁周二表示") == []
    assert [name for _, name in find_person_mentions("王明周二表示")] == []
    assert [name for _, name in find_person_mentions("王明表示")] == ["王明"]


# ------------------------------------------------------------ OpenCC's documents


@pytest.mark.parametrize("config", sorted(DOCUMENTS))
def test_opencc_documents_meet_without_false_conflicts(config):
    text_a, text_b = document_pair(config)
    report = compare_texts(text_a, text_b)
    assert not [fact for fact in report.facts if fact.status == "conflict"]
    total, linked, identical = linked_shares(report, text_a, text_b)
    assert linked / total >= 0.995
    if config not in PHRASE_CONFIGS:  # phrase configs may show changed links
        assert identical / total >= 0.97
