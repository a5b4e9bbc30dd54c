"""The same content written in different layouts: the ``layout`` level.

An editor's two files rarely share a layout.  Whatever the layout, the report on
two texts with the same content must say the same thing: nothing one-sided, no
fact in conflict, every content character linked, (nearly) every link identical.
The layouts (issue 13):

``one_line``        one line a paragraph (a web page's text);
``indented_blank``  paragraphs indented with ``　　`` and separated by blank lines;
``pdf_blank``       a PDF extraction wrapped every 14-20 characters with a blank line
                    after every line; a paragraph's first line is not indented, or
                    its indentation is lost (the line is two characters short, as
                    in print);
``pdf_indented``    the same wrap without blank lines, paragraphs indented;
``traditional``     any of these converted to Traditional (``s2t``, ``s2hk``,
                    ``s2tw``), with CRLF line ends, half-width digits and corner quotes.

The content is corpus text: *stories* (whole articles: headline, subhead and
byline lines, body paragraphs) and *runs* of consecutive corpus lines (tables,
lists and notices included).  Each pair writes one content in two different
layouts; its gold links every sentence to itself.  Seeded like every level.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from itertools import combinations

from .corpus import fetch_sdist, load_articles, parse_paragraph, read_tagged_lines, split_sentences
from .make_pairs import Gold, Pair, Span
from .tables import opencc_converter

KINDS = ("one_line", "indented_blank", "pdf_blank", "pdf_indented", "traditional")
# Every unordered pair of two different layouts, taken in turn by the pairs of a level.
KIND_PAIRS = tuple(combinations(KINDS, 2))
TRADITIONAL_CONFIGS = ("s2t", "s2hk", "s2tw")
MIN_WIDTH, MAX_WIDTH = 14, 20
INDENT = "　　"
STORY_CHARS = 3000   # a story: whole consecutive articles, at least this long
RUN_CHARS = 30_000   # a run: consecutive corpus lines, at least this long
RUN_EVERY = 5        # every RUN_EVERY-th pair is a run, the others stories

_CORNER_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
# An apostrophe before a year (’９８) is no quote: it stays.
_APOSTROPHE = re.compile(r"’(?=[0-9０-９])")
_HALF_WIDTH_DIGITS = str.maketrans({0xFF10 + d: 0x30 + d for d in range(10)})

# A paragraph: its sentences.
Paragraph = list[str]


@dataclass(frozen=True)
class Layout:
    """How one text is written: the base layout, its wrap width, how a wrapped
    paragraph's first line is indented (kept / lost / none), and for the
    traditional kind the OpenCC config (the base is then one of the other four)."""

    base: str
    width: int
    indent: str = "kept"
    config: str | None = None

    @property
    def name(self) -> str:
        name = f"{self.base}-{self.indent}" if self.base == "pdf_blank" else self.base
        return f"{name}/{self.config}" if self.config else name


def choose_layout(kind: str, rng: random.Random) -> Layout:
    """Return a layout of ``kind`` (one of KINDS) with its width and script drawn from ``rng``."""
    width = rng.randint(MIN_WIDTH, MAX_WIDTH)
    config = None
    if kind == "traditional":
        kind, config = rng.choice(KINDS[:-1]), rng.choice(TRADITIONAL_CONFIGS)
    indent = rng.choice(("lost", "none")) if kind == "pdf_blank" else "kept"
    return Layout(kind, width, indent, config)


def _traditional(paragraphs: list[Paragraph], config: str) -> list[Paragraph]:
    """Convert every sentence (one OpenCC call for all), half-width digits, corner quotes.

    The configs used keep the length, so each sentence stays one sentence; a
    sentence whose length would change (none known) keeps its simplified form.
    """
    sentences = [s for paragraph in paragraphs for s in paragraph]
    converted = iter(opencc_converter(config).convert("\n".join(sentences)).split("\n"))
    out = []
    for paragraph in paragraphs:
        row = []
        for sentence in paragraph:
            new = next(converted)
            new = new if len(new) == len(sentence) else sentence
            pieces = _APOSTROPHE.split(new.translate(_HALF_WIDTH_DIGITS))
            row.append("’".join(piece.translate(_CORNER_QUOTES) for piece in pieces))
        out.append(row)
    return out


def _wrapped_lines(tagged: list[tuple[str, int]], width: int, indent: str) -> list[list]:
    """Cut a paragraph's tagged characters into lines of ``width``; unless
    ``indent`` is "none", the first line is indented (the indentation "kept" in
    the text, or "lost", leaving the line short)."""
    first = width if indent == "none" else width - len(INDENT)
    lines = [([(c, -1) for c in INDENT] if indent == "kept" else []) + tagged[:first]]
    lines.extend(tagged[i:i + width] for i in range(first, len(tagged), width))
    return lines


def write(paragraphs: list[Paragraph], layout: Layout) -> tuple[str, list[Span]]:
    """Return ``paragraphs`` written in ``layout`` and the span of every sentence in it."""
    if layout.config:
        paragraphs = _traditional(paragraphs, layout.config)
    chars: list[tuple[str, int]] = []  # (character, sentence number or -1)
    number = 0
    for paragraph in paragraphs:
        tagged = []
        for sentence in paragraph:
            tagged.extend((c, number) for c in sentence)
            number += 1
        if layout.base == "one_line":
            chars.extend(tagged + [("\n", -1)])
        elif layout.base == "indented_blank":
            chars.extend([(c, -1) for c in INDENT] + tagged + [("\n", -1)] * 2)
        else:
            blank = layout.base == "pdf_blank"
            for line in _wrapped_lines(tagged, layout.width, layout.indent):
                chars.extend(line + [("\n", -1)] * (2 if blank else 1))
    if layout.config:  # CRLF line ends
        chars = [pair for c, tag in chars for pair in ([("\r", -1), (c, tag)] if c == "\n" else [(c, tag)])]
    text = "".join(c for c, _ in chars)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, (_, tag) in enumerate(chars):
        if tag >= 0:
            first.setdefault(tag, i)
            last[tag] = i + 1
    return text, [(first[k], last[k]) for k in range(number)]


# ---------------------------------------------------------------- content

def story(rng: random.Random, chars: int = STORY_CHARS) -> list[Paragraph]:
    """Whole consecutive corpus articles from a random place, at least ``chars`` long."""
    articles = load_articles(prose_only=False)
    i = rng.randrange(len(articles))
    paragraphs: list[Paragraph] = []
    while sum(len(s) for p in paragraphs for s in p) < chars:
        paragraphs.extend([s.text for s in p] for p in articles[i % len(articles)].paragraphs)
        i += 1
    return paragraphs


def run(rng: random.Random, chars: int = RUN_CHARS) -> list[Paragraph]:
    """Consecutive corpus lines from a random place, at least ``chars`` long."""
    lines = _corpus_lines()
    i = rng.randrange(len(lines))
    paragraphs: list[Paragraph] = []
    total = 0
    while total < chars:
        text, mentions, bounds = parse_paragraph(lines[i % len(lines)])
        paragraphs.append([s.text for s in split_sentences(text, mentions, bounds)])
        total += len(text)
        i += 1
    return paragraphs


_LINES: list[str] = []


def _corpus_lines() -> list[str]:
    if not _LINES:
        _LINES.extend(read_tagged_lines(fetch_sdist()))
    return _LINES


def layout_pair(paragraphs: list[Paragraph], layout_a: Layout, layout_b: Layout, name: str) -> Pair:
    """The pair of ``paragraphs`` written in two layouts; the gold links each sentence to itself."""
    text_a, spans_a = write(paragraphs, layout_a)
    text_b, spans_b = write(paragraphs, layout_b)
    count = len(spans_a)
    gold = Gold(tuple(spans_a), tuple(spans_b), tuple(((k,), (k,)) for k in range(count)), (), (), ())
    return Pair(name, "layout", text_a, text_b, gold, f"{layout_a.name} vs {layout_b.name}", False)


def make_layout_pairs(count: int, seed: int = 0) -> list[Pair]:
    """``count`` pairs of the layout level for ``seed``: the layout kinds two by
    two in turn, every RUN_EVERY-th a corpus run, the others stories."""
    pairs = []
    for index in range(count):
        rng = random.Random(f"{seed}:layout:{index}")
        kind_a, kind_b = KIND_PAIRS[index % len(KIND_PAIRS)]
        if rng.random() < 0.5:
            kind_a, kind_b = kind_b, kind_a
        content = run(rng) if index % RUN_EVERY == RUN_EVERY - 1 else story(rng)
        layout_a, layout_b = choose_layout(kind_a, rng), choose_layout(kind_b, rng)
        pairs.append(layout_pair(content, layout_a, layout_b, f"layout-{seed}-{index:03d}"))
    return pairs
