"""The facts stage: extraction with spans into the original, comparison inside links and
across the document.  Sentences are cut from the two samples (traditional web page a,
simplified newspaper PDF b); sides are built by hand so these tests do not depend on
the other stages, and one test runs the whole pipeline on the samples.
"""

from __future__ import annotations

import pytest

from aligner.facts import compare_facts, extract_numbers
from aligner.model import Link, Side
from tests.helpers import SAMPLE_SIMPLIFIED, SAMPLE_TRADITIONAL, side_of


def links_of(a: Side, b: Side, pairs, status: str = "changed") -> list[Link]:
    """Links joining segment ``i`` of ``a`` with segment ``j`` of ``b`` for each ``(i, j)``."""
    return [Link((a.segments[i].id,), (b.segments[j].id,), status, 0.9) for i, j in pairs]


def extracted(text: str) -> list[tuple]:
    """(kind, unit, value key, qualifier, original text) of each number-like fact of ``text``."""
    side = side_of(text, "a")
    facts = []
    for f in extract_numbers(side):
        start, end = side.view.span(f.start, f.end)
        facts.append((f.kind, f.unit, f.key[2], f.qualifier, text[start:end]))
    return facts


def compared(text_a: str, text_b: str, pairs=((0, 0),), status: str = "changed"):
    a, b = side_of(text_a, "a"), side_of(text_b, "b")
    return compare_facts(a, b, links_of(a, b, pairs, status))


# --------------------------------------------------------------------------- extraction

SUMMARY_A = ("截至2023年底,嘉昆太協同創新核心圈已集聚高新技術企業6700余家,生産總值超過9700億元,"
             "規上工業總産值突破1.9萬億元,其中,戰略性新興産業産值達到近9900億元。")


def test_summary_sentence_figures_with_scale_units_and_qualifiers():
    assert extracted(SUMMARY_A) == [
        ("date", "date:Y", "2023", "底", "2023年底"),
        ("quantity", "家", "6700", "多", "6700余家"),
        ("money", "元", "970000000000", "超过", "9700億元"),
        ("money", "元", "1900000000000", "突破", "1.9萬億元"),
        ("money", "元", "990000000000", "达近", "9900億元"),
    ]


@pytest.mark.parametrize("text, expect", [
    ("成功解決了嘉定氫能企業所需的130kW氫燃料電池空壓機系統項目的關鍵研發步驟",
     [("quantity", "kW", "130", "", "130kW")]),
    ("其氫耗不超9公斤/百公里,且往返一趟相比普通燃料能省200多元。",
     [("quantity", "kg/100km", "9", "不超过", "9公斤/百公里"), ("money", "元", "200", "多", "200多元")]),
    ("且往返一趟相比普通燃料节省 200 多元钱,受到客户一致好评。", [("money", "元", "200", "多", "200 多元钱")]),
    ("來自嘉定、昆山的項目佔比約30%,與嘉定、昆山有業務合作的項目更是佔比近85%。",
     [("percent", "%", "30", "约", "30%"), ("percent", "%", "85", "近", "85%")]),
    ("全区各类人才规模总量已超过37万人,其中两院院士59名。",
     [("quantity", "人", "370000", "超过", "37万人"), ("quantity", "人", "59", "", "59名")]),
    ("累計吸引科研院所、科技企業參展千余家次,累計發布長三角各地企業技術需求近千項。",
     [("quantity", "家次", "1000", "多", "千余家次"), ("quantity", "项", "1000", "近", "千項")]),
    ("省双创团队22个、省双创人才 201 人,昆山人才资源总量达 53.5万人。",
     [("quantity", "个", "22", "", "22个"), ("quantity", "人", "201", "", "201 人"),
      ("quantity", "人", "535000", "达", "53.5万人")]),
    ("10月29日,2024年嘉昆太協同創新核心圈輪值會議在江蘇太倉舉行。",
     [("date", "date:MD", "--10-29", "", "10月29日"), ("date", "date:Y", "2024", "", "2024年")]),
    ("截至今年6月,簽約落戶的項目中", [("date", "date:RM", "今年-06", "", "今年6月")]),
    ("2024 10/31 16:35:15", [("date", "date:YMD", "2024-10-31", "", "2024 10/31"),
                              ("time", "", "16:35:15", "", "16:35:15")]),
    ("香港於一九九七年十二月三十一日前", [("date", "date:YMD", "1997-12-31", "", "一九九七年十二月三十一日")]),
    ("都會在瑞金醫院總部接受1到3年的培訓", [("quantity", "年", ("1", "3"), "", "1到3年")]),
    ("通過１９９８年的評審", [("date", "date:Y", "1998", "", "１９９８年")]),
    ("規劃設置床位1000張", [("quantity", "张", "1000", "", "1000張")]),
    ("聯合打造千億級產業集群,两個産業集群", [("quantity", "个", "2", "", "两個")]),
])
def test_extraction_from_sample_sentences(text, expect):
    assert extracted(text) == expect


@pytest.mark.parametrize("text", [
    "第2天股价下降了", "他是第一资源", "推动长三角一体化发展", "不仅仅是一两家上下游企业", "侯孟炎就是一支利箭",
    "這兩天,在位於太倉城廂鎮的科技産業園", "三級甲等綜合醫院", "太仓加速推进“四位一体”建设", "千万不要",
])
def test_words_with_numerals_are_not_facts(text):
    assert extracted(text) == []


def test_rewritten_forms_read_to_one_value():
    assert extracted("百分之三十")[0][:3] == extracted("30%")[0][:3] == ("percent", "%", "30")
    assert extracted("6700余家")[0][:4] == extracted("6,700多家")[0][:4]
    assert extracted("三十")[0][2] == extracted("30")[0][2] == "30"


def test_mentions_map_back_to_the_original_even_when_the_view_changes_length():
    # The view drops nothing here, but a mention must always equal source[start:end].
    a, b = side_of(SUMMARY_A, "a"), side_of(SUMMARY_A.replace("9700", "9800"), "b")
    for fact in compare_facts(a, b, links_of(a, b, [(0, 0)])):
        for mention, side in ((fact.a, a), (fact.b, b)):
            if mention is not None:
                assert side.source.text[mention.start:mention.end] == mention.text


# --------------------------------------------------------------------------- comparison

SUMMARY_B = ("截至2023年底,集聚高新技术企业6700余家的嘉昆太协同创新核心圈,生产总值超过9700亿元,"
             "规上工业总产值突破1.9万亿元,其中,战略性新兴产业产值达到近9900亿元。")


def test_rewritten_summary_shares_every_figure():
    facts = compared(SUMMARY_A, SUMMARY_B)
    assert {f.status for f in facts} == {"shared"}
    assert sorted(f.a.value for f in facts if f.kind == "money") == [970000000000, 990000000000, 1900000000000]
    assert all(f.link == 0 for f in facts)


def test_changed_number_is_a_conflict_naming_both_values_and_spans():
    changed = SUMMARY_B.replace("9700亿元", "9800亿元")
    conflicts = [f for f in compared(SUMMARY_A, changed) if f.status == "conflict"]
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert (conflict.a.text, conflict.b.text) == ("9700億元", "9800亿元")
    assert (conflict.a.value, conflict.b.value) == (970000000000, 980000000000)
    assert conflict.link == 0 and "9700" in conflict.note and "9800" in conflict.note


def test_two_changed_numbers_pair_by_their_surrounding_words():
    changed = SUMMARY_B.replace("9700亿元", "9800亿元").replace("9900亿元", "9950亿元")
    conflicts = [(f.a.text, f.b.text) for f in compared(SUMMARY_A, changed) if f.status == "conflict"]
    assert conflicts == [("9700億元", "9800亿元"), ("9900億元", "9950亿元")]


def test_same_value_with_another_qualifier_is_shared_with_a_note():
    facts = compared("項目佔比約30%。", "项目占比30%。")
    assert [(f.status, f.note) for f in facts] == [("shared", "qualifier differs: 约 / none")]
    facts = compared("集聚高新技術企業6700余家。", "集聚高新技术企业6,700多家。")
    assert [(f.status, f.note) for f in facts] == [("shared", None)]


@pytest.mark.parametrize("a, b", [
    ("通過１９９８年的評審。", "通过1998年的评审。"),
    ("佔比百分之三十。", "占比30%。"),
    ("共有三十家。", "共有30家。"),
])
def test_rewritten_but_equal_forms_are_not_conflicts(a, b):
    assert [f.status for f in compared(a, b)] == ["shared"]


def test_changed_date_is_a_conflict():
    facts = compared("10月29日,輪值會議在江蘇太倉舉行。", "10月28日,轮值会议在江苏太仓举行。")
    assert [(f.status, f.kind, f.a.value, f.b.value) for f in facts if f.kind == "date"] == [
        ("conflict", "date", "--10-29", "--10-28")]


def test_figure_stated_elsewhere_in_the_other_source_is_shared_not_missing():
    a = "全區各類人才規模總量已超過37萬人。\n天氣很好。"
    b = "今天天气很好。\n图为人才港,全区各类人才规模总量已超过37万人。"
    facts = compared(a, b, pairs=[(1, 0)])
    assert [(f.status, f.kind, f.link) for f in facts] == [("shared", "quantity", None)]


def test_figures_only_one_source_gives_are_one_sided_once_per_value():
    a = "實現技術交易成交金額約12億元。"
    b = "人才资源总量达23.87万人,获评各级各类领军人才超1200人。\n总量达23.87万人。"
    facts = compared(a, b, pairs=[])
    assert [(f.status, f.a.text if f.a else f.b.text, f.note) for f in facts] == [
        ("only_a", "12億元", None),
        ("only_b", "23.87万人", "stated 2 times in b"),
        ("only_b", "1200人", None),
    ]


def test_abbreviation_and_full_name_are_one_organisation():
    a = "“背靠中科院相關院所這棵大樹,我們在研發上更加得心應手。”侯孟炎説。"
    b = "“背靠中国科学院相关院所的大树,我们在研发上更加得心应手。”侯孟炎说。"
    facts = compared(a, b)
    orgs = [(f.status, f.a.text, f.b.text, f.a.value) for f in facts if f.kind == "organization"]
    assert orgs == [("shared", "中科院", "中国科学院", "中国科学院")]
    assert [(f.status, f.a.value) for f in facts if f.kind == "person"] == [("shared", "侯孟炎")]


def test_changed_person_name_is_a_conflict():
    a = "虜伯曼(蘇州)科技有限公司總經理趙民章説,不僅如此。"
    b = "虏伯曼(苏州)科技有限公司总经理赵明章说,不仅如此。"
    persons = [(f.status, f.a.value, f.b.value) for f in compared(a, b) if f.kind == "person"]
    assert persons == [("conflict", "赵民章", "赵明章")]


def test_identical_links_share_their_figures_without_reading_names():
    text = "10月29日,2024年嘉昆太協同創新核心圈輪值會議在江蘇太倉舉行。"
    facts = compared(text, text, status="identical")
    assert {f.status for f in facts} == {"shared"}
    assert {f.kind for f in facts} == {"date"}


def test_order_is_conflicts_then_one_sided_then_shared():
    a = "生産總值超過9700億元。\n實現技術交易成交金額約12億元。\n集聚企業6700余家。"
    b = "生产总值超过9800亿元。\n集聚企业6700余家。\n新引进人才超1200人。"
    facts = compared(a, b, pairs=[(0, 0), (2, 1)])
    assert [f.status for f in facts] == ["conflict", "only_a", "only_b", "shared"]


# --------------------------------------------------------------------------- the samples, end to end


@pytest.fixture(scope="module")
def sample_report():
    from aligner import compare

    return compare(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED)


def _texts(report, status, side):
    return {getattr(f, side).text.replace("\n", "") for f in report.facts if f.status == status}


def test_samples_share_the_figures_both_articles_give(sample_report):
    shared_a = _texts(sample_report, "shared", "a")
    shared_b = _texts(sample_report, "shared", "b")
    for figure in ("6700余家", "9700億元", "1.9萬億元", "9900億元", "130kW", "9公斤/百公里", "200多元", "30%", "85%"):
        assert figure in shared_a
    assert "200 多元钱" in shared_b


def test_samples_one_sided_figures(sample_report):
    assert {"12億元", "1000人"} <= _texts(sample_report, "only_a", "a")
    assert {"37万人", "59名", "23.87万人"} <= _texts(sample_report, "only_b", "b")


def test_samples_name_the_academy_once_and_have_no_conflicts(sample_report):
    assert any(f.kind == "organization" and f.a.text == "中科院" and f.status == "shared" for f in sample_report.facts)
    assert [f for f in sample_report.facts if f.status == "conflict"] == []
    for f in sample_report.facts:
        for mention, source in ((f.a, sample_report.sources[0]), (f.b, sample_report.sources[1])):
            if mention is not None:
                assert source.text[mention.start:mention.end] == mention.text


# --------------------------------------------------------------------------- changes the benchmark plants


def compared_with_edits(text_a: str, text_b: str, pairs=((0, 0),)):
    """Like :func:`compared`, with the diff's edits filled in (the changed-name pass reads them)."""
    from aligner.diff import with_edits

    a, b = side_of(text_a, "a"), side_of(text_b, "b")
    links = with_edits(links_of(a, b, pairs), a.segments, b.segments, a.view, b.view)
    return compare_facts(a, b, links)


def _conflicts(facts):
    return [(f.kind, f.a.text, f.b.text) for f in facts if f.status == "conflict"]


def test_a_day_changed_beyond_31_is_still_a_changed_date():
    facts = compared("據新華社莫斯科１月１９日電總統１９日表示。", "据新华社莫斯科１月１９日电总统９９日表示。")
    assert _conflicts(facts) == [("date", "１９日", "９９日")]


def test_a_value_stated_twice_keeps_its_own_twin():
    a = "捐資興建中學１所、幼兒園１所、技術培訓中心１所。"
    b = "捐资兴建中学１所、幼儿园５所、技术培训中心１所。"
    assert _conflicts(compared(a, b)) == [("quantity", "１所", "５所")]


@pytest.mark.parametrize("b", ["规上工业总产值突破1.91.9万亿元。", "规上工业总产值突破1.9万亿1.9万亿元。"])
def test_a_run_the_pdf_doubled_is_not_a_conflict(b):
    assert _conflicts(compared("規上工業總産值突破1.9萬億元。", b)) == []


def test_a_figure_cut_at_its_decimal_point_is_read_whole():
    facts = compared("規上工業總産值突破1.9萬億元。", "规上工业总产值突破1.\n9万亿元。")
    assert [(f.status, f.a.text, f.b.text) for f in facts] == [("shared", "1.9萬億元", "1.\n9万亿元")]


def test_a_known_name_replaced_by_an_unknown_one_is_a_conflict():
    facts = compared_with_edits("虜伯曼(蘇州)科技有限公司總經理趙民章説,不僅如此。",
                                "虏伯曼(苏州)科技有限公司总经理利维说,不仅如此。")
    assert _conflicts(facts) == [("person", "趙民章", "利维")]


def test_an_organisation_changed_in_its_first_characters_is_a_conflict():
    facts = compared_with_edits("背靠工信部相關院所這棵大樹。", "背靠水利部相关院所的大树。")
    assert _conflicts(facts) == [("organization", "工信部", "水利部")]


@pytest.mark.parametrize("a, b, expect", [
    # A common word of jieba's list that is a name (平遥, 微软) in a sure name's place.
    ("世界遺產委員會專家認為,阿根廷是中國境內儲存最為完整的一座古代縣城。",
     "世界遗产委员会专家认为,平遥是中国境内保存最为完整的一座古代县城。", ("place", "阿根廷", "平遥")),
    ("阿聯酋將完全恪守歐佩克為其規定的生產配額。", "阿联酋将完全恪守微软为其规定的生产配额。",
     ("organization", "歐佩克", "微软")),
    # A name holding a character that seldom stands in one (向 of 欧向阳).
    ("廣州市副市長餘繼軍告訴記者,人們的要求高了。", "广州市副市长欧向阳告诉记者,人们的要求高了。",
     ("person", "餘繼軍", "欧向阳")),
    ("黨中央發出學習的通知,趙其林同志發表重要講話。", "党中央发出学习的通知,江泽民同志发表重要讲话。",
     ("person", "趙其林", "江泽民")),
    # Corner quotes on one side, curly on the other: the words around are the same.
    ("有「子岡」、「子剛」、「孫凱制」三種。", "有“子冈”、“子刚”、“子刚制”三种。", ("person", "孫凱", "子刚")),
])
def test_a_name_replaced_in_its_place_is_a_conflict(a, b, expect):
    assert _conflicts(compared_with_edits(a, b)) == [expect]


def test_a_name_opening_segments_that_follow_different_ones_is_in_its_place():
    facts = compared_with_edits("買得便宜。\n新華社記者賀勁松報道。", "核電投資有限公司。\n微軟記者賀勁松報道。", pairs=((1, 1),))
    assert _conflicts(facts) == [("organization", "新華社", "微軟")]
    facts = compared_with_edits("這是最能明白的真諦。\n謝冰心對在日中和平友好條約締結之際再度訪華表示歡迎。",
                                "改善投资环境等方面的情况。\n樱内对在日中和平友好条约缔结之际再度访华表示欢迎。", pairs=((1, 1),))
    assert _conflicts(facts) == [("person", "謝冰心", "樱内")]


@pytest.mark.parametrize("a, b", [
    ("中國經濟今年增長較快。", "我国经济今年增长较快。"),   # a word standing in a name's place
    ("美國代表團今天抵達。", "美方代表团今天抵达。"),
    ("董事長顧茸蕾表示,不僅如此。", "董事长顾茸蕾指出,不仅如此。"),   # a verb reworded after a name
    ("一名車伕説,不僅如此。", "一名车夫说,不仅如此。"),            # a variant character
    ("孔玲則在人民大學法學院攻讀碩士學位。", "孔玲则在中国人民大学法学院攻读硕士学位。"),  # a short form
])
def test_rewording_variants_and_short_forms_are_not_name_conflicts(a, b):
    assert _conflicts(compared_with_edits(a, b)) == []


def test_a_changed_byline_after_the_same_sentence_is_a_conflict():
    facts = compared("規劃設置床位1000張。\n（李舸）", "规划设置床位1000张。\n（宋凤芝）")
    assert _conflicts(facts) == [("person", "李舸", "宋凤芝")]


def test_an_unchanged_byline_is_not_a_conflict():
    assert _conflicts(compared("規劃設置床位1000張。\n（李舸）", "规划设置床位1000张。\n（李舸）")) == []


# --------------------------------------------------------------------------- shortcuts taken for speed


def _sample_sides() -> list[Side]:

    return [side_of(path.read_text(encoding="utf-8"), side_id)
            for path, side_id in ((SAMPLE_TRADITIONAL, "a"), (SAMPLE_SIMPLIFIED, "b"))]


def test_person_names_are_tried_only_near_cues_yet_found_as_by_a_full_scan():
    from aligner.facts.names import _person_matches, _person_pattern

    texts = ["\n".join(seg.normalized for seg in side.segments) for side in _sample_sides()]
    # Overlapping titles (副总经理 holds 总经理), a compound surname, names back to back.
    texts.append("副总经理王明说,总经理李强表示,欧阳修文指出,司马光说道市长张三李四说。")
    for text in texts:
        fast = [(m.span(), m.group()) for m in _person_matches(text)]
        assert fast == [(m.span(), m.group()) for m in _person_pattern().finditer(text)]
        assert fast  # the samples quote people: a scan that finds nothing proves nothing


@pytest.mark.parametrize("text", ["規上工業總産值突破1.\n9萬億元,同比增長5.\n3%。又增長1.", "記者王明說。"])
def test_joined_segments_map_each_offset_back_to_the_view(text):
    from aligner.facts.found import Joined

    side = side_of(text, "a")
    joined = Joined(side, range(len(side.segments)))
    for n, seg in enumerate(side.segments):
        start, end = joined.offsets[n], joined.ends[n]
        assert joined.text[start:end] == seg.normalized
        assert side.view.text[start + joined.shifts[n]:end + joined.shifts[n]] == seg.normalized


def test_a_figure_cut_twice_in_one_sentence_is_read_whole_twice():
    facts = extracted("總值突破1.\n9萬億元,增長5.\n3%。")
    assert [(kind, value, words) for kind, _, value, _, words in facts] == [
        ("money", "1900000000000", "1.\n9萬億元"), ("percent", "5.3", "5.\n3%")]


# --------------------------------------------------------------------------- one side read ahead


def _sample_links(a: Side, b: Side) -> list[Link]:
    from aligner.align import align
    from aligner.diff import with_edits

    return with_edits(align(a.segments, b.segments).links, a.segments, b.segments, a.view, b.view)


def test_side_facts_read_ahead_give_the_same_comparison():
    from aligner.facts import extract_side

    a, b = _sample_sides()
    links = _sample_links(a, b)
    found_a, found_b = extract_side(a), extract_side(b)
    assert found_a.numbers and found_a.persons  # the samples state figures and quote people
    assert compare_facts(a, b, links, found_a, found_b) == compare_facts(a, b, links)
    assert compare_facts(a, b, links, found_b=found_b) == compare_facts(a, b, links, found_a=found_a)


def test_side_facts_survive_a_trip_to_another_process():
    import pickle

    from aligner.facts import extract_side

    a, b = _sample_sides()
    links = _sample_links(a, b)
    found_b = pickle.loads(pickle.dumps(extract_side(b)))
    assert compare_facts(a, b, links, found_b=found_b) == compare_facts(a, b, links)


@pytest.mark.parametrize("b_statuses", [("identical", "changed"), ("changed", "identical"), ("identical", "identical")])
def test_a_figure_cut_across_a_twin_segment_is_read_as_without_side_facts(b_statuses):
    from aligner.facts import extract_side

    text = "规上工业总产值突破1.\n9万亿元。"
    a, b = side_of(text, "a"), side_of(text, "b")
    links = [Link((a.segments[k].id,), (b.segments[k].id,), status, 1.0) for k, status in enumerate(b_statuses)]
    assert 0 in extract_side(b).glued
    assert compare_facts(a, b, links, extract_side(a), extract_side(b)) == compare_facts(a, b, links)


def test_side_b_read_elsewhere_gives_the_same_comparison():
    """Side b's names, changed names and bylines read by read_side_b (and pickled, as
    from another process) give the facts compare_facts finds reading them itself."""
    import pickle

    from aligner.diff import with_edits
    from aligner.facts import extract_side, read_side_b

    a, b = _sample_sides()
    cases = [(a, b, _sample_links(a, b))]
    for text_a, text_b, pairs in (("規劃設置床位1000張。\n（李舸）", "规划设置床位1000张。\n（宋凤芝）", ((0, 0),)),
                                  ("虜伯曼(蘇州)科技有限公司總經理趙民章説,不僅如此。",
                                   "虏伯曼(苏州)科技有限公司总经理利维说,不仅如此。", ((0, 0),))):
        a, b = side_of(text_a, "a"), side_of(text_b, "b")
        cases.append((a, b, with_edits(links_of(a, b, pairs), a.segments, b.segments, a.view, b.view)))
    for a, b, links in cases:
        found = extract_side(a), extract_side(b)
        here = compare_facts(a, b, links, *found)
        read = pickle.loads(pickle.dumps(read_side_b(a, b, links, *found)))
        assert compare_facts(a, b, links, *found, side_b_read=read) == here
        assert compare_facts(a, b, links, side_b_read=lambda: read_side_b(a, b, links)) == here
    assert read.replaced and not read.bylines
    assert _conflicts(compare_facts(*cases[1])) == [("person", "李舸", "宋凤芝")]
    assert _conflicts(here) == [("person", "趙民章", "利维")]


def test_person_mentions_say_where_each_name_stands():
    from aligner.facts.names import find_person_mentions, find_persons

    text = "记者王明说,总经理李强表示。\n欧阳修文指出。"
    mentions = find_person_mentions(text)
    assert [name for _, name in mentions] == ["王明", "李强", "欧阳修文"]
    for at, name in mentions:  # each offset stands on the line of its name
        assert text.rfind("\n", 0, at) == text.rfind("\n", 0, text.index(name, at))
    assert find_persons(text) == {name for _, name in mentions}


# --------------------------------------------------------------------------- bylines, credits, outlets


@pytest.mark.parametrize("a, b", [
    ("記者鄒鎮宇／綜合報導\n花蓮縣14人罹難。", "（法新社台北24日電）花蓮縣14人罹難。"),
    ("中評社花蓮9月25日電／花蓮縣14人罹難。", "聯合報／ 記者王長鼎／新北即時報導\n花蓮縣14人罹難。"),
    ("英國天空新聞指出,花蓮縣14人罹難。(圖/路透)", "另据新华社报道,花蓮縣14人罹難。（梁鵬威攝）"),
])
def test_no_fact_is_read_from_a_byline_a_dateline_or_an_outlet_name(a, b):
    facts = compared(a, b)
    assert {(f.kind, (f.a or f.b).text) for f in facts} == {("quantity", "14人")}


def test_one_outlets_dateline_changed_is_still_a_conflict():
    facts = compared("（本報珀斯1月16日電）規劃設置床位1000張。", "（本报珀斯5月16日电）规划设置床位1000张。")
    assert [(kind, a[-6:], b[-6:]) for kind, a, b in _conflicts(facts)] == [("date", "1月16日", "5月16日")]


@pytest.mark.parametrize("text", ["二零二六/二七年度", "2026/27年度", "2026/2027年度", "2026-27財政年度", "二〇二六至二七年度"])
def test_a_year_range_is_one_value_however_written(text):
    found = extract_numbers(side_of(f"政府在{text}發行債券。", "a"))
    assert [f.value for f in found] == ["2026/2027"]


# --------------------------------------------------------------------------- bylines by where they stand


def test_a_credit_after_an_inserted_sentence_pairs_by_the_link_after_it():
    facts = compared("二、職工做起了生意。\n有的文章被寫進報告。\n（李曉建攝）\n三、公司的女工集資。",
                     "二、职工做起了生意。\n（黄世坤摄）\n三、公司的女工集资。", pairs=((0, 0), (3, 2)))
    assert _conflicts(facts) == [("person", "李曉建", "黄世坤")]


def test_an_author_line_pairs_with_an_author_line_not_with_a_credit():
    facts = compared("在中國金融史上具有劃時代意義。\n畢格斯\n在我國眾多的高等科研單位中。",
                     "在中国金融史上具有划时代意义。\n（阎晓明）\n贡献在天涯\n陈忠\n在我国众多的高等科研单位中。",
                     pairs=((0, 0), (2, 4)))
    assert _conflicts(facts) == [("person", "畢格斯", "陈忠")]


def test_a_link_of_two_credits_yields_to_the_links_around_them():
    # The alignment joined two credits of different reports (（張洪河） / （张长河）).
    facts = compared_with_edits(
        "總投資數百億元。\n（張洪河）\n本報訊西屋公司表示。\n抽檢合格率為百分之百。\n（阮青）\n本報訊代表處成立。",
        "总投资数百亿元。\n（焦秋生）\n本报讯西屋公司表示。\n抽检合格率为百分之百。\n（张长河）\n本报讯区县企业联网。",
        pairs=((0, 0), (2, 2), (3, 3), (1, 4)))
    assert [(a, b) for _, a, b in _conflicts(facts)] == [("張洪河", "焦秋生"), ("阮青", "张长河")]


def test_credits_linked_to_their_equal_pair_with_no_other():
    facts = compared("甲句子。\n（謝華萍）\n一、歌唱家在演唱。\n（徐建中攝）\n圖片：",
                     "甲句子。\n（谢华萍）\n图片：\n一、歌唱家在演唱。\n（徐建中摄）",
                     pairs=((0, 0), (1, 1), (2, 3), (3, 4), (4, 2)))
    assert _conflicts(facts) == []


def test_three_names_of_an_author_line_and_a_reporters_line():
    facts = compared("遏止浮華風氣。\n韓清忠羅錫亮李亞南\n短短八年，煤礦發展。", "遏止浮华风气。\n阿塔夫\n短短八年，煤矿发展。",
                     pairs=((0, 0), (2, 2)))
    assert [(f.a.text in "韓清忠羅錫亮李亞南", f.b.text) for f in facts if f.status == "conflict"] == [(True, "阿塔夫")]
    facts = compared_with_edits("如是說。\n本報記者於洪洋\n一月七日上午。",
                                "如是说。\n济南社区医生入家来\n本报记者贾建舟刘磊\n一月七日上午，医生巡诊。",
                                pairs=((0, 0), (1, 2), (2, 3)))
    assert _conflicts(facts) == [("person", "於洪洋", "贾建舟刘磊")]


def test_an_adverb_and_a_verb_of_saying_after_a_title_are_no_name():
    assert _conflicts(compared("哈塔米總統曾指出希望對話。", "哈塔米总统曾表示希望对话。")) == []


def test_a_sentence_inserted_next_to_a_changed_name_is_no_part_of_it():
    facts = compared_with_edits("意志堅強的她,也有脆弱時候。大企業在發展韓國經濟中的作用有目共睹,毛明軒不無辛酸地回憶道。",
                                "意志坚强的她,也有脆弱的时候。戴碧蓉不无辛酸地回忆道。", pairs=((1, 1),))
    assert _conflicts(facts) == [("person", "毛明軒", "戴碧蓉")]


def test_a_word_reworded_next_to_a_changed_name_is_no_part_of_it():
    facts = compared_with_edits("王潤培說,「我覺得任震宇的市場分析有理有據。」", "王润培说:“我认为老童的市场分析有理有据。”")
    assert _conflicts(facts) == [("person", "任震宇", "老童")]
    assert _conflicts(compared_with_edits("我們進行改革開放。", "我们开展改造开放。")) == []


def test_a_dateline_cut_by_line_breaks_is_still_one_credit_edited():
    from aligner import compare_texts

    report = compare_texts("會見錢其琛。\n\n推動大國關係的調整。（本報莫斯科６月１３日電）\n\n錢其琛同韋拉副總統會談。",
                           "会见钱其琛。\n\n推动大国关系的调整。（本报\n\n莫斯科１月１３日电）\n\n钱其琛同韦拉副总统会谈。")
    assert _conflicts(report.facts) == [("date", "６月１３日", "１月１３日")]


def test_a_credit_after_a_heading_closed_by_brackets_pairs_with_its_like():
    # On one side a sentence was inserted after the credit (no link after it to pair by).
    facts = compared("留給人們多少遐想啊！\n峽山行（中國畫）\n（霍春陽）同時要推開住房改革。\n一百三十八個彈孔",
                     "留给人们多少遐想啊！\n峡山行（中国画）\n（孙日晓）\n一百三十八个弹孔", pairs=((0, 0), (1, 1), (3, 3)))
    assert _conflicts(facts) == [("person", "霍春陽", "孙日晓")]


def test_a_sure_name_of_a_credit_replaced_by_a_common_word_is_a_conflict():
    facts = compared("職工找到新的工作。\n（新華社記者劉前剛攝）\n元旦前夕，在哈爾濱。",
                     "职工找到新的工作。\n（微软记者刘前刚摄）\n元旦前夕，在哈尔滨。", pairs=((0, 0), (2, 2)))
    assert _conflicts(facts) == [("organization", "新華社", "微软")]
    facts = compared("職工找到新的工作。\n（中國記者劉前剛攝）\n元旦前夕，在哈爾濱。",
                     "职工找到新的工作。\n（我国记者刘前刚摄）\n元旦前夕，在哈尔滨。", pairs=((0, 0), (2, 2)))
    assert _conflicts(facts) == []


@pytest.mark.parametrize("text_a, text_b", [
    ("习近平表示，双方应加强合作。", "国家主席表示，双方应加强合作。"),       # a person and the office held
    ("特朗普周三在白宫发表讲话。", "美国总统周三在白宫发表讲话。"),
    ("香港政府今日宣布新措施，市民反应热烈。", "特区政府今日宣布新措施，市民反应热烈。"),  # 特区 stands in for 香港
    ("台湾当局昨日回应。", "岛内当局昨日回应。"),
])
def test_one_entity_named_another_way_is_no_conflict(text_a, text_b):
    from aligner import compare_texts

    facts = compare_texts(text_a, text_b).facts
    assert not [f for f in facts if f.status == "conflict"]


@pytest.mark.parametrize("text_a, text_b", [
    ("特朗普周三在白宫发表讲话。", "拜登总统周三在白宫发表讲话。"),   # an office with another person's name
    ("香港政府今日宣布新措施，市民反应热烈。", "澳门政府今日宣布新措施，市民反应热烈。"),
    ("李强总理表示，经济稳中向好。", "王毅外长表示，经济稳中向好。"),
])
def test_another_entity_named_in_its_place_stays_a_conflict(text_a, text_b):
    from aligner import compare_texts

    facts = compare_texts(text_a, text_b).facts
    assert [f for f in facts if f.status == "conflict" and f.kind in ("person", "organization")]
