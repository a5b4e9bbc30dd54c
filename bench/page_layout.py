"""Pages of the edited levels, with exact spans: plain text, web pages and PDF text.

``plain``: one paragraph per line.  ``web``: a header of site chrome, paragraphs
indented with ideographic spaces and separated by blank lines, now and then a
line of chrome between them (an image file name, an advertisement marker), a
footer of chrome.  ``pdf``: lines hard-wrapped every 14-20 characters (blank
lines between them on half the documents), a doubled-run stretch in some
paragraphs (bold type extracted twice), running heads between paragraphs.

Text is laid out character by character with a tag (the sentence it belongs to,
and the planted conflict), so the gold spans are exact by construction.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from .tables import boilerplate_table, opencc_converter

if TYPE_CHECKING:
    from .make_pairs import Draft

Span = tuple[int, int]
# A tagged character: (character, (sentence number, conflict key or None)), or
# (character, None) outside the content.
Tagged = tuple[str, object]

_WIDE_DIGITS = {48 + d: 0xFF10 + d for d in range(10)}
# Share of PDF paragraphs with a doubled-run stretch; share of web paragraph
# gaps with a line of chrome.
DOUBLED_SHARE = 0.15
BODY_CHROME_SHARE = 0.08


def _boilerplate(kind: str, rng: random.Random, pool: dict, config: str | None) -> str:
    """Return a boilerplate line of ``kind``, in the side's script (``config`` None: as written)."""
    template = rng.choice(boilerplate_table()[kind])
    line = template.format(
        name=rng.choice(pool.get("person", ("王平",))),
        day=str(rng.randint(1, 31)).translate(_WIDE_DIGITS),
        page=rng.randint(1, 12),
        # drawn only where asked for, so that the other templates draw as they always did
        number=rng.randint(10, 9999) if "{number}" in template else 0,
    )
    return opencc_converter(config).convert(line) if config else line


def _tagged(paragraph: list[Draft], first_unit: int) -> list[Tagged]:
    """Return ``(char, tag)`` for a paragraph; tag is ``(unit, conflict key or None)``."""
    chars = []
    for u, draft in enumerate(paragraph, first_unit):
        plain = (u, None)  # one shared tag for the characters outside planted conflicts
        tags = [plain] * len(draft.text)
        for start, end, _, key in draft.mentions:
            if key is not None:
                tags[start:end] = [(u, key)] * (end - start)
        chars.extend(zip(draft.text, tags))
    return chars


def _double_runs(chars: list[Tagged], rng: random.Random, length: int) -> list[Tagged]:
    """Return ``chars`` with a stretch of ``length`` written as doubled runs
    (``联合抱团联合抱团，，``).  A run never crosses a sentence boundary (so gold
    spans stay disjoint) nor an untagged character: a line break of wrapped text
    is written once, as a PDF extraction does with each line's bold runs."""
    if len(chars) < length + 4:
        return chars
    start = rng.randint(0, len(chars) - length)
    out = chars[:start]
    i = start
    while i < start + length:
        piece = chars[i:i + rng.randint(1, 8)]
        if piece[0][1] is None:  # a line break: once
            out.append(piece[0])
            i += 1
            continue
        unit = piece[0][1][0]
        piece = [item for n, item in enumerate(piece)
                 if all(t is not None and t[0] == unit for _, t in piece[:n + 1])]
        out.extend(piece + piece)
        i += len(piece)
    return out + chars[i:]


def _hard_wrap(chars: list[Tagged], width: int, breaker: str) -> list[Tagged]:
    """Return ``chars`` with ``breaker`` (untagged) after every ``width`` characters."""
    out = []
    for i in range(0, len(chars), width):
        if i:
            out.extend((c, None) for c in breaker)
        out.extend(chars[i:i + width])
    return out


def _pdf_paragraph(tagged: list[Tagged], rng: random.Random, width: int, breaker: str,
                   double_after_wrap: bool) -> list[Tagged]:
    """A paragraph wrapped, with a doubled-run stretch in some: made before the wrap
    (a run may then be cut by a line break) or, as real PDFs do, after it."""
    if not double_after_wrap:
        if rng.random() < DOUBLED_SHARE:
            tagged = _double_runs(tagged, rng, rng.randint(12, 40))
        return _hard_wrap(tagged, width, breaker)
    wrapped = _hard_wrap(tagged, width, breaker)
    if rng.random() < DOUBLED_SHARE:
        wrapped = _double_runs(wrapped, rng, rng.randint(12, 40))
    return wrapped


def lay_out(paragraphs: list[list[Draft]], style: str, rng: random.Random, pool: dict,
            config: str | None = None, real_pages: bool = False,
            ) -> tuple[str, list[Draft], list[Span], dict[int, Span]]:
    """Return the laid-out text, its drafts in reading order, their spans and conflict spans.

    ``style``: plain / web / pdf (see the module's docstring); ``config``: the
    OpenCC config of the side's chrome.  ``real_pages``: PDF doubled runs are
    made after the wrap, and web pages get the chrome of real sites (breadcrumbs,
    weather strips, related news, site footers, image file names, advertisement
    markers); without it, doubled runs are made before the wrap and the chrome
    is the plain header and footer lines.
    """
    chars: list[Tagged] = []
    units: list[Draft] = []

    def line(text: str) -> None:
        chars.extend((c, None) for c in text)

    width = rng.randint(14, 20)
    breaker = "\n\n" if rng.random() < 0.5 else "\n"
    if style == "web":
        line(_boilerplate("header", rng, pool, config) + "\n\n")
        if real_pages:
            line(_boilerplate("site_header", rng, pool, config) + "\n\n")
    for p, paragraph in enumerate(paragraphs):
        tagged = _tagged(paragraph, len(units))
        units.extend(paragraph)
        if style == "pdf":
            tagged = _pdf_paragraph(tagged, rng, width, breaker, real_pages)
            if p and rng.random() < 0.1:
                line(_boilerplate("page", rng, pool, config) + breaker)
        elif style == "web" and p:
            if real_pages and rng.random() < BODY_CHROME_SHARE:
                line("　　" + _boilerplate("body", rng, pool, config) + "\n\n")
            line("　　")
        chars.extend(tagged)
        line({"plain": "\n", "web": "\n\n", "pdf": breaker}[style])
    if style == "web":
        if real_pages:
            line(_boilerplate("site_footer", rng, pool, config) + "\n\n")
        line(_boilerplate("footer", rng, pool, config) + "\n")
    return _spans(chars, units)


def _spans(chars: list[Tagged], units: list[Draft]) -> tuple[str, list[Draft], list[Span], dict[int, Span]]:
    """The text of ``chars``, the span of every unit and of every planted conflict."""
    text = "".join(c for c, _ in chars)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    conflict_first: dict[int, int] = {}
    conflict_last: dict[int, int] = {}
    for i, (_, tag) in enumerate(chars):
        if tag is None:
            continue
        unit, key = tag
        first.setdefault(unit, i)
        last[unit] = i + 1
        if key is not None:
            conflict_first.setdefault(key, i)
            conflict_last[key] = i + 1
    spans = [(first[u], last[u]) for u in range(len(units))]
    conflicts = {k: (conflict_first[k], conflict_last[k]) for k in conflict_first}
    return text, units, spans, conflicts
