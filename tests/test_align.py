"""Stage align: 1:1, n:m, moved, one-sided, across scripts."""

from aligner import compare_texts
from aligner.align import align, matching_key, similarity
from aligner.align.scorer import CharScorer
from aligner.model import Segment
from tests.helpers import laid_out


def _links(a, b, **kw):
    result = align(laid_out("a", a), laid_out("b", b), **kw)
    return {(l.a, l.b): l for l in result.links}, result


def test_matching_key_ignores_punctuation_and_space():
    assert matching_key("截至2023年底， 嘉昆太“核心圈”。") == "截至2023年底嘉昆太核心圈"


def test_identical_and_changed_links():
    links, result = _links(["嘉昆太三地跳出一地一域视野。", "侯孟炎说。"],
                           ["嘉昆太三地跳出一地一域视野。", "侯孟炎表示。"])
    assert links[(("a0",), ("b0",))].status == "identical"
    assert links[(("a1",), ("b1",))].status == "changed"
    assert result.only_a == result.only_b == ()


def test_two_sentences_merged_into_one_make_a_two_to_one_link():
    a = ["姑苏创新创业领军人才侯孟炎在太仓成立了苏州佩瓦能源科技有限公司。",
         "公司专注于下一代锂电池用高能量密度的硅基负极材料研发和产业化。"]
    b = ["姑苏创新创业领军人才侯孟炎在太仓成立苏州佩瓦能源科技有限公司，专注于下一代锂电池用高能量密度的硅基负极材料研发和产业化。"]
    links, result = _links(a, b)
    assert (("a0", "a1"), ("b0",)) in links
    assert result.only_a == ()


def test_moved_paragraph_is_linked_and_marked_moved():
    common = [f"第{k}段讲述了完全不同的事情，编号{k}号的内容{'甲乙丙丁戊己庚辛壬癸'[k]}。" for k in range(8)]
    a = common
    b = common[:2] + common[5:] + common[2:5]
    links, result = _links(a, b)
    moved = [l for l in links.values() if l.moved]
    assert len(links) == 8 and 1 <= len(moved) <= 3
    assert result.only_a == result.only_b == ()


def test_unrelated_sentences_stay_one_sided():
    links, result = _links(["瑞金医院太仓分院已进入最后的施工冲刺阶段。"],
                           ["舍弗勒研发管理总监孙海天接受了采访。"])
    assert links == {}
    assert result.only_a == ("a0",) and result.only_b == ("b0",)


def test_boilerplate_is_neither_linked_nor_one_sided():
    a = laid_out("a", ["来源：新华网", "正文一句话在这里。"])
    a[0] = Segment("a0", "a", 0, 0, 0, 6, "来源：新华网", "来源：新华网", "boilerplate", 0)
    result = align(a, laid_out("b", ["正文一句话在这里。"]))
    assert result.only_a == () and [l.a for l in result.links] == [("a1",)]


def test_similarity_is_symmetric_and_bounded():
    assert similarity("abc", "abd") == similarity("abd", "abc")
    assert similarity("", "") == 0.0 and similarity("abc", "") == 0.0  # punctuation alone links nothing
    assert similarity("abc", "abc") == 1.0


def test_char_scorer_table_keeps_exactly_the_scores_at_or_above_the_cutoff():
    keys_a = [matching_key(s) for s in ["今天天气很好。", "我们去公园散步了。", "。"]]
    keys_b = [matching_key(s) for s in ["今天天气不错。", "晚上下起了雨。", "我们去公园。", "。"]]
    scorer = CharScorer(keys_a, keys_b)
    table = scorer.table(range(3), range(4), 0.25)
    expected = [[scorer.pair(i, j) if scorer.pair(i, j) >= 0.25 else 0.0 for j in range(4)] for i in range(3)]
    assert table == expected and table[0][0] > 0.25 and table[0][1] == 0.0  # the dynamic programme relies on it
    assert scorer.group((0,), (0,)) == scorer.pair(0, 0) and scorer.group((1,), (2,)) > scorer.pair(1, 0)


def test_traditional_and_simplified_texts_meet():
    report = compare_texts("乘着長三角一體化發展東風，産業協同聯動。", "乘着长三角一体化发展东风，产业协同联动。")
    assert [l.status for l in report.links] == ["identical"]


def test_swapping_inputs_swaps_sides():
    a = ["今天天气很好。", "我们去公园散步了。", "晚上下雨了。"]
    b = ["今天天气不错。", "晚上下起了雨。", "我们去公园散步。"]
    forward = {(l.a, l.b) for l in align(laid_out("a", a), laid_out("b", b)).links}
    backward = align(laid_out("a", b), laid_out("b", a)).links
    swapped = {(tuple("a" + x[1:] for x in l.b), tuple("b" + y[1:] for y in l.a)) for l in backward}
    assert forward == swapped


def test_monotone_chain_is_the_heaviest_increasing_chain():
    from itertools import combinations

    from hypothesis import given, settings, strategies as st

    from aligner.align.order import monotone_chain

    @settings(max_examples=200, deadline=None)
    @given(st.permutations(range(7)), st.lists(st.integers(1, 5), min_size=7, max_size=7))
    def check(columns, weights):
        pairs = [(i, j, w) for i, (j, w) in enumerate(zip(columns, weights))]
        chain = monotone_chain(pairs, lambda p: p[2])
        assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(chain, chain[1:]))
        best = max(sum(p[2] for p in subset)
                   for size in range(1, 8) for subset in combinations(pairs, size)
                   if all(a[1] < b[1] for a, b in zip(subset, subset[1:])))
        assert sum(p[2] for p in chain) == best

    check()


# --------------------------------------------------------------------------- content links

REWORDED_A = ("强台风昨晚吹袭本港，天文台发出十号风球。\n消防處表示，大火至今造成12人受傷，其中3人傷勢嚴重。\n"
              "政府呼吁市民留在室内，切勿外出观浪。\n")
REWORDED_B = ("强台风昨晚吹袭本港，天文台发出十号风球。\n据消防部门最新消息，这场火灾已导致12名居民受伤送院，当中3人伤势严重。\n"
              "政府呼吁市民留在室内，切勿外出观浪。\n")


def test_a_statement_in_other_words_is_linked_on_content_and_says_so():
    from aligner.render.json import report_to_dict, schema_id

    report = compare_texts(REWORDED_A, REWORDED_B)
    assert [(link.a, link.b, link.basis) for link in report.links] == [
        (("a0",), ("b0",), "text"), (("a1",), ("b1",), "content"), (("a2",), ("b2",), "text")]
    assert schema_id(report) == "aligner-report/1.1"
    assert [link.get("basis") for link in report_to_dict(report)["links"]] == [None, "content", None]


def test_an_unrelated_sentence_is_not_linked_on_content():

    b = REWORDED_B.replace("据消防部门最新消息，这场火灾已导致12名居民受伤送院，当中3人伤势严重。", "股市今日收市上升两百点，成交额增加。")
    assert all(link.basis == "text" for link in compare_texts(REWORDED_A, b).links)
    assert len(compare_texts(REWORDED_A, b).links) == 2
