"""Where a sentence ends, and what looks like a heading: the rules the clean and
segment stages share.

A line ends a sentence when its last character, after any closing quotes and
brackets, is sentence-final punctuation; a short line that does not is taken
for a heading.
"""

from __future__ import annotations

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
# full-width) fold to one double and one single quote, full-width digits to ASCII.
READER_FOLDS = str.maketrans({
    **dict.fromkeys(map(ord, "“”「」\"＂〝〞﹁﹂"), '"'),
    **dict.fromkeys(map(ord, "‘’『』'＇﹃﹄"), "'"),
    **{0xFF10 + d: 0x30 + d for d in range(10)},
})


def reader_form(text: str) -> str:
    """``text`` as a reader compares it: quote styles and digit widths folded, white space dropped."""
    return "".join(text.translate(READER_FOLDS).split())


def same_to_a_reader(text_a: str, text_b: str) -> bool:
    """Whether two texts read the same: equal once quote styles, digit widths and white space are folded."""
    return text_a == text_b or reader_form(text_a) == reader_form(text_b)
