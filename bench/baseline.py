"""The baseline: what a careful user would script with the standard library.

Both texts are cut into sentences at 。！？ (with closing quotes; line breaks are
not trusted, since PDF text breaks lines mid-sentence), each sentence is converted with OpenCC ``t2s`` and stripped of whitespace,
and ``difflib.SequenceMatcher`` (autojunk off) compares the two sentence lists:

* ``equal`` blocks link sentences one to one;
* ``replace`` blocks link one to one when both sides have as many sentences,
  otherwise the whole block becomes one n:m link;
* ``delete`` / ``insert`` blocks are one-sided.

The baseline reports no conflicts.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from .metrics import Prediction, Span

_SENTENCE = re.compile(r"[^。！？]*(?:[。！？]+[”’」』）)]*|$)")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=None)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def sentence_spans(text: str) -> list[Span]:
    """Return the spans of the sentences of ``text``, cut at 。！？, trimmed of whitespace."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def normalized(text: str, spans: list[Span]) -> list[str]:
    """Return each sentence converted to simplified and without whitespace."""
    convert = _t2s().convert
    return [_SPACE.sub("", convert(text[start:end])) for start, end in spans]


def baseline_align(text_a: str, text_b: str) -> Prediction:
    """Return the baseline's links and one-sided sentences for two texts."""
    spans_a, spans_b = sentence_spans(text_a), sentence_spans(text_b)
    matcher = difflib.SequenceMatcher(None, normalized(text_a, spans_a), normalized(text_b, spans_b),
                                      autojunk=False)
    links, only_a, only_b = [], [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            links.extend(((spans_a[i],), (spans_b[j],)) for i, j in zip(range(i1, i2), range(j1, j2)))
        elif op == "replace":
            links.append((tuple(spans_a[i1:i2]), tuple(spans_b[j1:j2])))
        elif op == "delete":
            only_a.extend(spans_a[i1:i2])
        else:
            only_b.extend(spans_b[j1:j2])
    return Prediction(tuple(links), tuple(only_a), tuple(only_b))
