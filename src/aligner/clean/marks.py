"""The repairs of the clean stage that mark paragraphs and leave the text alone:
boilerplate, captions, headings.  They read one paragraph per line."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, count
from operator import add

from ..model import Span
from ..punctuation import looks_like_heading
from .patterns import finder, layout, patterns
from .step import Step

# Paragraphs longer than this are never boilerplate.
MAX_BOILERPLATE_CHARS = 80


# The three marking repairs read the same text one after the other: its
# paragraphs are split once (the last text only is kept).
@lru_cache(maxsize=1)
def _paragraphs(text: str) -> tuple[tuple[Span, str], ...]:
    """Return the span (start, end) and the text of every non-empty line of ``text``."""
    lines = text.split("\n")
    lengths = list(map(len, lines))
    starts = map(add, accumulate(lengths, initial=0), count())
    return tuple(((start, start + length), line) for start, length, line in zip(starts, lengths, lines) if length)


@lru_cache(maxsize=None)
def _site_titles() -> tuple[re.Pattern, ...]:
    """The boilerplate patterns of a site suffix ("site_title"), looked up once."""
    return tuple(pattern for name, pattern in patterns("boilerplate.txt")[""] if name == "site_title")


def _heading_key(paragraph: str) -> str:
    """The words of a heading, without a site suffix and spaces, for finding repeats."""
    for pattern in _site_titles():
        paragraph = pattern.sub("", paragraph)
    return "".join(paragraph.split())


def mark_boilerplate(text: str) -> Step:
    """Find the paragraphs that are page furniture, not content.

    Takes the cleaned text (one paragraph per line); returns it unchanged with the
    spans of boilerplate paragraphs: site chrome, timestamps, source, font, share
    and editor lines, banners, bylines in parentheses (patterns in
    ``data/boilerplate.txt``, both scripts), and a headline repeated after it
    already stood as content.  Only paragraphs of at most MAX_BOILERPLATE_CHARS
    characters are considered, so no sentence of real content is marked.
    """
    is_boilerplate = finder(patterns("boilerplate.txt")[""])
    found = []
    seen_headings: set[str] = set()
    for span, paragraph in _paragraphs(text):
        if len(paragraph) > MAX_BOILERPLATE_CHARS:
            continue
        if is_boilerplate(paragraph):
            found.append(span)
            continue
        if looks_like_heading(paragraph):
            key = _heading_key(paragraph)
            if key in seen_headings:
                found.append(span)
            seen_headings.add(key)
    return Step(text, (), tuple(found), "boilerplate")


def mark_captions(text: str) -> Step:
    """Find image captions: ``图为……`` / ``圖為:……``, a last sentence starting with
    图为, or a picture credit ``（图片来源……）`` at the end.

    Takes the cleaned text; returns it unchanged with the caption paragraphs' spans.
    """
    is_caption = finder(layout("caption"))
    found = tuple(span for span, paragraph in _paragraphs(text) if is_caption(paragraph))
    return Step(text, (), found, "caption")


def mark_headings(text: str) -> Step:
    """Find headings: short paragraphs (``punctuation.looks_like_heading``) that do
    not end a sentence (a heading wrapped over two lines was joined before).

    Takes the cleaned text; returns it unchanged with the headings' spans.
    Paragraphs already marked boilerplate or caption keep that kind (see clean).
    """
    found = tuple(span for span, paragraph in _paragraphs(text) if looks_like_heading(paragraph))
    return Step(text, (), found, "heading")
