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
# The closing marks segment's sentence cuts and heading test take: 〉 is not one
# of them, as it never was there; taking it would change the reports (a line
# ending "。〉" would be a sentence, its "〉" no piece of its own).
SEGMENT_CLOSING = CLOSING.replace("〉", "")
# Lines longer than this are never headings.
MAX_HEADING_CHARS = 40
# The dashes that end a lead-in line ("……共襄产业创新布局，嘉昆太——").
DASHES = frozenset("—―－")


def ends_sentence(line: str, closing: str = CLOSING) -> bool:
    """Whether ``line`` (without trailing spaces) ends with sentence-final
    punctuation, perhaps followed by ``closing`` marks."""
    return line.rstrip(closing)[-1:] in SENTENCE_FINAL


def looks_like_heading(line: str, closing: str = CLOSING) -> bool:
    """Whether ``line`` (without surrounding spaces) is short and ends no sentence."""
    return len(line) <= MAX_HEADING_CHARS and not ends_sentence(line, closing)
