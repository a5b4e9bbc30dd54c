"""Grouping statements across sources (aligner.group), on hand-made segments and links."""

from __future__ import annotations

from aligner.group import Catalog, Grouping, components, consistent, coverage_pivot, related
from aligner.model import Link, Segment

FIRST = "江苏太仓今年新建了三座污水处理厂日处理能力达到十万吨"
SECOND = "上海嘉定区的人才公寓已经向外来科研人员开放申请"
OTHER = "博物馆新馆预计明年春天对公众开放届时将展出三千余件文物"


def catalog(source: str, *texts: str) -> Catalog:
    return Catalog.of([Segment(f"{source}{k}", source, k, 0, 0, len(t), t, t) for k, t in enumerate(texts)])


def link(a: tuple[str, ...], b: tuple[str, ...]) -> Link:
    return Link(a, b, "changed", 0.8)


def test_related_means_similar_or_found_inside_the_longer():
    assert related(FIRST, FIRST[:-2] + "左右", 0.5)
    assert related(FIRST, FIRST + SECOND, 0.5)          # merged with the next sentence
    assert not related(FIRST, SECOND, 0.5)
    assert not related("三座", "三座" + OTHER, 0.5)      # too short to tell


def test_links_sharing_a_pivot_segment_are_one_group():
    catalogs = {"a": catalog("a", FIRST + SECOND, OTHER), "b": catalog("b", FIRST, SECOND, OTHER),
                "c": catalog("c", FIRST + SECOND, OTHER)}
    links = {"b": [link(("a0",), ("b0", "b1")), link(("a1",), ("b2",))],
             "c": [link(("a0",), ("c0",)), link(("a1",), ("c1",))]}
    drafts = components("a", links, catalogs)
    assert [d.parts for d in drafts] == [{"a": (0,), "b": (0, 1), "c": (0,)}, {"a": (1,), "b": (2,), "c": (1,)}]


def test_unrelated_parts_chained_through_the_pivot_are_split():
    catalogs = {"a": catalog("a", FIRST + SECOND), "b": catalog("b", FIRST), "c": catalog("c", SECOND)}
    draft = components("a", {"b": [link(("a0",), ("b0",))], "c": [link(("a0",), ("c0",))]}, catalogs)[0]
    groups, released = consistent(draft, catalogs, 0.5)
    assert [g.parts for g in groups] == [{"a": (0,), "b": (0,)}]
    assert released == {"c": {0}}


def test_related_parts_stay_one_group():
    catalogs = {"a": catalog("a", FIRST + SECOND), "b": catalog("b", FIRST, SECOND),
                "c": catalog("c", FIRST + "，" + SECOND)}
    draft = components("a", {"b": [link(("a0",), ("b0", "b1"))], "c": [link(("a0",), ("c0",))]}, catalogs)[0]
    groups, released = consistent(draft, catalogs, 0.5)
    assert [g.parts for g in groups] == [draft.parts] and released == {}


def test_the_pivot_covers_most():
    catalogs = {"a": catalog("a", OTHER), "b": catalog("b", FIRST, SECOND, OTHER),
                "c": catalog("c", FIRST, SECOND), "d": catalog("d", SECOND)}
    pools = {s: range(len(c.ids)) for s, c in catalogs.items()}
    assert coverage_pivot(list(catalogs), pools, catalogs) == "b"


def test_leftovers_the_pivot_lacks_are_grouped_and_the_rest_is_one_sided():
    catalogs = {"a": catalog("a", FIRST), "b": catalog("b", FIRST, SECOND), "c": catalog("c", FIRST, SECOND, OTHER)}
    grouping = Grouping(catalogs, 0.5)
    grouping.add_pivot_links("a", {"b": [link(("a0",), ("b0",))], "c": [link(("a0",), ("c0",))]})
    grouping.join_neighbours()
    grouping.link_leftovers()
    assert [d.parts for d in grouping.ordered()] == [{"a": (0,), "b": (0,), "c": (0,)}, {"b": (1,), "c": (1,)}]
    assert [grouping.one_sided(s) for s in "abc"] == [(), (), ("c2",)]
