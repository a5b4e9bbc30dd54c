"""Stage 7, facts: numbers, quantities, money, dates and names compared across sources.

Input: both :class:`~aligner.model.Side` objects and the links.  Output: a list of
:class:`~aligner.model.Fact`, conflicts first, then only_a, only_b, then shared.

The package, by concern:

* :mod:`.numbers` reads numerals (Arabic, Chinese, mixed, money words) and
  :mod:`.figures` the figures of a text: quantities with their units, money,
  percentages, ranges, dates and times;
* :mod:`.names` reads persons, places and organisations (gazetteer, abbreviations,
  the same-entity table's names, persons next to a title or a verb of saying), outside
  identical links only: there the words, and so the names, are the same on both sides;
* :mod:`.changed` reads the names the diff replaced in changed links (each edit
  narrowed to one name's slot by :mod:`.slots`), and :mod:`.bylines` the bylines and
  author lines that differ;
* :mod:`.found` holds what was read (:class:`~.found.Found`, in view offsets, mapped
  back to the original when reported), :mod:`.comparison` the state of one
  comparison and :mod:`.passes` its passes, in the order of :data:`.passes.PASSES`;
* :mod:`.stage` holds the entry points exported here.

The figures of a side and its persons found by cue do not depend on the links:
:func:`extract_side` reads them ahead.  Side b's names, the names replaced in changed
links and the changed bylines need the links but not the comparison:
:func:`read_side_b` reads them.  A caller may run either in another process and give
the results to :func:`compare_facts`, which reads whatever it is not given.  Facts of
an identical one-to-one link are read once, in a, and placed at the same offsets of
its b twin.

Comparison runs in passes so that a moved or repeated figure never becomes a false
conflict:

1. inside each link, facts with the same kind, unit and value are shared (the most
   alike contexts first, then the nearest places: a value stated twice keeps its twin);
2. leftovers of a link whose surrounding words agree are a conflict;
3. what is left is matched document-wide by kind, unit and value (a figure stated in
   a sentence without counterpart, a caption, another paragraph);
4. a link's last leftovers of one kind and unit pair up as a conflict;
5. a name replaced in a changed link is a conflict, also when the new name is unknown
   but stands in the old one's place (外长利维 → 外长细川护熙); two names of one entity
   (川普 / 特朗普, :func:`aligner.regional.same_entity`) are shared, noted ``regional
   name: …``, here and wherever two names would be a conflict;
6. bylines and author lines that close (or open) the same link and differ are a
   conflict (（李舸） / （宋凤芝）, （本报珀斯1月16日电） / （本报珀斯5月16日电）);
7. the rest is shared when the other source states the value anywhere, else
   one-sided (reported once per value, with a count).

Never a conflict: a figure the PDF extractor wrote with a run doubled (8080 / 80), a
name in variant characters (车伕 / 车夫), a short form inside the long one (人民大学 /
中国人民大学), a region's name for an entity (紐西蘭 / 新西兰), a minus written as 下降
(下降5% / -5%, noted ``minus in words: …``).  A figure cut at its decimal point by a line break (51. / 74亿元) is read
whole.
"""

from .figures import content_segments, extract_numbers
from .names import extract_names
from .stage import SideBReading, SideFacts, compare_facts, extract_side, read_side_b

__all__ = ["SideBReading", "SideFacts", "compare_facts", "content_segments", "extract_names", "extract_numbers",
           "extract_side", "read_side_b"]
