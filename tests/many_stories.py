"""Generated stories for the tests of several sources: one story, N sources edited independently.

The story is the traditional sample's body (paragraphs of sentences).  Each
source, drawn from its own seed, rewords sentences (a character or two changed),
deletes some, splits some at a comma, merges some with the next, changes a
number, inserts sentences of another story, moves a paragraph, and is written in
Traditional or Simplified script.  The tests compare such sources with each other,
so they need no gold answer.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "xinhua-web-traditional.txt"
SENTENCE = re.compile(r"[^。！？]+[。！？]+[”」]?")
# Sentences of another story, inserted as one-sided content.
FOREIGN = (
    "據氣象部門預報，本週末全省大部分地區將迎來一次明顯降溫過程。",
    "博物館新館預計明年春天對公眾開放，屆時將展出三千餘件文物。",
    "當天下午，市民們在廣場上觀看了精彩的民間藝術表演。",
    "該校今年共錄取新生一千二百人，比去年增加了百分之八。",
    "專家提醒，冬季出行應注意防寒保暖，避免長時間在戶外停留。",
    "鐵路部門表示，春運期間將加開臨時旅客列車四十對。",
)
REWORD = str.maketrans("了的在着和與也", "過之於著及同亦")


@lru_cache(maxsize=1)
def story_paragraphs() -> tuple[tuple[str, ...], ...]:
    """The sample's body paragraphs (those with at least two sentences), as sentences."""
    text = SAMPLE.read_text(encoding="utf-8")
    paragraphs = []
    for line in text.splitlines():
        sentences = tuple(s.strip() for s in SENTENCE.findall(line.strip()))
        if len(sentences) >= 2:
            paragraphs.append(sentences)
    return tuple(paragraphs)


def _reworded(sentence: str, rng: random.Random) -> str:
    places = [i for i, c in enumerate(sentence) if c in "了的在着和與也"]
    if not places:
        return sentence[:-1] + "，記者獲悉。"
    i = rng.choice(places)
    return sentence[:i] + sentence[i].translate(REWORD) + sentence[i + 1:]


def _number_changed(sentence: str, rng: random.Random) -> str:
    digits = [i for i, c in enumerate(sentence) if c.isdigit()]
    if not digits:
        return sentence
    i = rng.choice(digits)
    return sentence[:i] + str((int(sentence[i]) + rng.randint(1, 8)) % 10) + sentence[i + 1:]


def _edited(paragraph: tuple[str, ...], rng: random.Random, foreign: list[str]) -> list[str]:
    out: list[str] = []
    for sentence in paragraph:
        r = rng.random()
        if r < 0.06:
            continue
        if r < 0.28:
            sentence = _reworded(sentence, rng)
        elif r < 0.33:
            sentence = _number_changed(sentence, rng)
        if rng.random() < 0.05 and "，" in sentence[6:-6]:
            cut = sentence.index("，", 6)
            out += [sentence[:cut] + "。", sentence[cut + 1:]]
        elif out and rng.random() < 0.05 and out[-1].endswith("。"):
            out[-1] = out[-1][:-1] + "，" + sentence
        else:
            out.append(sentence)
        if foreign and rng.random() < 0.05:
            out.append(foreign.pop())
    return out


def make_source(seed: int) -> str:
    """One source of the story, edited as its seed draws."""
    rng = random.Random(seed)
    foreign = list(FOREIGN)
    rng.shuffle(foreign)
    paragraphs = [_edited(p, rng, foreign) for p in story_paragraphs()]
    paragraphs = [p for p in paragraphs if p]
    if len(paragraphs) > 4 and rng.random() < 0.5:
        paragraphs.insert(rng.randrange(1, len(paragraphs)), paragraphs.pop(rng.randrange(1, len(paragraphs))))
    text = "\n\n".join("　　" + "".join(p) for p in paragraphs) + "\n"
    return OpenCC("t2s").convert(text) if rng.random() < 0.5 else text


def make_story(sources: int, seed: int = 0) -> list[str]:
    """``sources`` sources of the story for ``seed``."""
    return [make_source(seed * 100 + k) for k in range(sources)]


HOSTILE = ('<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '"><svg onload=alert(3)>')


def hostile_story() -> list[str]:
    story = make_story(3, 8)
    story[1] = story[1].replace("。", "。" + HOSTILE[0], 1)
    story[2] = HOSTILE[1] + "\n\n" + story[2] + HOSTILE[2] + "。\n"
    return story
