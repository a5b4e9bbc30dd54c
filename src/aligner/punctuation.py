"""Where a sentence ends, and what looks like a heading: the rules the clean and
segment stages share.

A line ends a sentence when its last character, after any closing quotes and
brackets, is sentence-final punctuation; a short line that does not is taken
for a heading.
"""

from __future__ import annotations

import re

# Sentence-final punctuation.  "．" is the full-width full stop but also the
# full-width decimal point (74．54％): a test of a line's last character may
# take it, a cut inside a line may not.  Segment reads width-folded text, where
# it is already ".", which its cuts take only before a space or a line end.
SENTENCE_FINAL = frozenset("。！？!?；;…．.")
# The closing quotes and brackets that may follow sentence-final punctuation.
CLOSING = "”’」』）)]》\"'〉"
# The opening quotes and brackets: a fragment of them belongs to what follows.
OPENING = "“‘「『（(［[《〈【"
# The closing marks segment's sentence cuts and heading test take: 〉 is not one
# of them, as it never was there; taking it would change the reports (a line
# ending "。〉" would be a sentence, its "〉" no piece of its own).
SEGMENT_CLOSING = CLOSING.replace("〉", "")
# Lines longer than this are never headings.
MAX_HEADING_CHARS = 40
# Marks that never start a line in print (they follow what they close or end):
# a line starting with one continues the line before it.  (’ before a figure is
# an apostrophe, ’９８, which may: see clean.paragraphs.)
LINE_FOLLOWERS = frozenset("，。、；：？！”’」』）》〉】,;:?!)]%％‰")
# The dashes that end a lead-in line ("……共襄产业创新布局，嘉昆太——").
DASHES = frozenset("—―－")


def ends_sentence(line: str, closing: str = CLOSING) -> bool:
    """Whether ``line`` (without trailing spaces) ends with sentence-final
    punctuation, perhaps followed by ``closing`` marks."""
    return line.rstrip(closing)[-1:] in SENTENCE_FINAL


def looks_like_heading(line: str, closing: str = CLOSING) -> bool:
    """Whether ``line`` (without surrounding spaces) is short and ends no sentence."""
    return len(line) <= MAX_HEADING_CHARS and not ends_sentence(line, closing)


# What a reader takes for the same text: quote styles (curly, corner, straight,
# full-width) fold to one double and one single quote, full-width digits to ASCII,
# the middle dots of transliterated names (· ・ ‧ •) to one, the midline ellipsis
# to the ellipsis and the horizontal bar to the em dash.  Each folds one character
# to one, so positions in a folded text are those of the text.
READER_FOLDS = str.maketrans({
    **dict.fromkeys(map(ord, "“”「」\"＂〝〞﹁﹂"), '"'),
    **dict.fromkeys(map(ord, "‘’『』'＇﹃﹄"), "'"),
    **{0xFF10 + d: 0x30 + d for d in range(10)},
    **dict.fromkeys(map(ord, "・‧•∙"), "·"),
    ord("⋯"): "…",
    ord("―"): "—",
})
_FOLDABLE = re.compile("[" + re.escape("".join(map(chr, READER_FOLDS))) + "]")
# The same as a list indexed by code point (the BMP): str.translate looks a list up
# faster than a dict, and leaves a character past its end as it is.
_READER_TABLE: list = list(range(0x10000))
for _code, _folded in READER_FOLDS.items():
    _READER_TABLE[_code] = _folded


def reader_folded(text: str) -> str:
    """``text`` with the marks of :data:`READER_FOLDS` folded, one character for one."""
    # Most texts hold none of them: seeing that is quicker than translating.
    return text.translate(_READER_TABLE) if _FOLDABLE.search(text) else text


def reader_form(text: str) -> str:
    """``text`` as a reader compares it: quote styles and digit widths folded, white space dropped."""
    return "".join(reader_folded(text).split())


def same_to_a_reader(text_a: str, text_b: str) -> bool:
    """Whether two texts read the same: equal once quote styles, digit widths and white space are folded."""
    if text_a == text_b:
        return True
    text_a, text_b = "".join(text_a.split()), "".join(text_b.split())
    return text_a == text_b or reader_folded(text_a) == reader_folded(text_b)
