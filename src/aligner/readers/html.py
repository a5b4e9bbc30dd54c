"""Web pages: the article's main text with trafilatura, as blocks, with metadata.

Decoding follows the page's BOM, then its declared charset, then detection
(charset-normalizer).  trafilatura decides what is content; this module keeps
its structure: headings (``h1``-``h6``), paragraphs and list items, captions
(``figcaption``, an element whose class says caption, a short line right after
an image without alt text) and bylines (an element whose class, id, itemprop or
rel says author or byline: trafilatura takes them for metadata and drops them).
The headline comes first.  Visible text of the page that is not in the result
(navigation, related links, footer...) is counted and sampled as dropped chrome.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import InputError
from .document import BLOCK_SEPARATOR, Extracted, Metadata, assemble, dropped
from .source import InputFile

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from . import ReadOptions

# A web page is rarely a hundred times the size of its text; this bounds the bytes read.
MAX_BYTES = 256 << 20
# The text right after an image without alt text is its caption or credit when this short.
MAX_CAPTION_CHARS = 100
MAX_BYLINE_CHARS = 60
# An article this short is still taken as trafilatura found it (see _trafilatura_config).
MIN_ARTICLE_CHARS = 20
# What a page starts with, after white space, comments and an XML declaration.
_PAGE_START = re.compile(
    r"(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title|link|base|style|script"
    r"|div|p|article|section|header|nav|main|table|h[1-6]|span|a|ul|form|iframe)[\s>/]", re.I | re.S)
_DECLARED = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
                       rb"""|^\s*<\?xml[^>]+?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# Declared charsets read as browsers read them (WHATWG Encoding Standard): as their
# supersets, and a page that declares UTF-16 in a <meta> (so in ASCII bytes) as UTF-8.
_AS_BROWSERS_DO = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "latin-1": "cp1252",
                   "iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8", "utf-16-le": "utf-8",
                   "utf-16-be": "utf-8"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# A declared charset is believed if at most this share of the bytes does not decode.
_MAX_INVALID_SHARE = 0.01
_CAPTION_CLASS = re.compile(r"caption|pic-?(?:text|desc|info)|img-?(?:text|desc)|photo-?(?:text|desc)", re.I)
_BYLINE_MARK = re.compile(r"byline|author|writer|reporter", re.I)
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object"})
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split())
_HEADING_LEVEL = {f"h{n}": n for n in range(1, 7)}


def looks_like(head: bytes) -> bool:
    """A page starts with a doctype or a tag (after white space and comments)."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return bool(_PAGE_START.match(head.decode(codec, "ignore")))
    return bool(_PAGE_START.match(head.decode("latin-1")))


def read(source: InputFile, options: "ReadOptions") -> Extracted:
    """Extract the article of the web page ``source``; :class:`InputError` if there is none."""
    data = source.data(MAX_BYTES, f"the limit for a web page is {MAX_BYTES >> 20} MiB")
    if b"\x00" in data[:1024] and not data.startswith(tuple(bom for bom, _ in _BOMS[1:])):
        raise InputError(f"{source.name}: looks like a binary file, not a web page")
    markup, encoding, notes = decode_page(data, source.name, options.encoding)
    root = _parse(markup, source.name)
    _paragraphs_at_line_breaks(root)
    pieces = visible_pieces(root)
    marks = _mark_captions_and_bylines(root)
    article = _extract(root)
    if article is None or article.body is None or not "".join(article.body.itertext()).strip():
        raise InputError(f"{source.name}: no article text found in this web page "
                         "(is it an index, a redirect or a page built by scripts?)")
    title = (article.title or "").strip()
    text, blocks = assemble(_with_title_and_bylines(_blocks(article.body, marks), title, marks.bylines))
    if len(text) > options.max_chars:
        raise InputError(f"{source.name}: too large ({len(text):,} characters of text; the limit is "
                         f"{options.max_chars:,} characters); raise it with --max-chars")
    chrome = _chrome(pieces, text)
    metadata = Metadata(title=title or None, author=_clean(article.author), date=_clean(article.date),
                        site=_clean(article.sitename))
    return Extracted(text=text, blocks=blocks, metadata=metadata, reader=_reader_name(), encoding=encoding,
                     dropped=(dropped("chrome", chrome),) if chrome else (), notes=notes)


def _with_title_and_bylines(pieces: list, title: str, bylines: list[str]) -> list:
    """The headline first (trafilatura keeps it apart, as metadata), then the bylines
    trafilatura took for metadata, then the article."""
    if title and (not pieces or _compact(pieces[0][1]) != _compact(title)):
        pieces.insert(0, ("heading", title, None, 1))
    after_title = 1 if pieces and pieces[0][0] == "heading" else 0
    kept = {_compact(piece[1]) for piece in pieces}
    pieces[after_title:after_title] = [("byline", text, None, 0) for text in bylines if _compact(text) not in kept]
    return pieces


def decode_page(data: bytes, name: str, forced: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Return ``(markup, codec, notes)``: BOM, else the declared charset, else detection.

    Invalid bytes become U+FFFD (a browser shows a page all the same); a declared
    charset the bytes contradict is overruled by detection, with a note.
    """
    if forced:
        return data.decode(forced, errors="replace"), forced, ()
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec, ()
    notes: list[str] = []
    declared = _declared_codec(data[:4096])
    if declared:
        text = data.decode(declared, errors="replace")
        if text.count("\ufffd") <= _MAX_INVALID_SHARE * len(text):
            return text, declared, ()
        notes.append(f"declared charset {declared} does not fit the bytes; detected instead")
    codec = _detected_codec(data)
    return data.decode(codec, errors="replace"), codec, tuple(notes)


def _declared_codec(head: bytes) -> str | None:
    """The codec of the ``<meta charset>`` (or XML declaration) in ``head``, if Python knows it."""
    found = _DECLARED.search(head)
    if not found:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").lower()
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return _AS_BROWSERS_DO.get(codec, _AS_BROWSERS_DO.get(label, codec))


def _detected_codec(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    return codecs.lookup(guess.encoding).name if guess is not None else "utf-8"


def _parse(markup: str, name: str) -> "HtmlElement":
    import lxml.html
    from lxml.etree import ParserError

    try:
        # lxml refuses a str that declares its encoding; the bytes are decoded already.
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1))
    except (ParserError, ValueError) as err:
        raise InputError(f"{name}: not a web page that can be parsed ({err})") from None
    if root.find("body") is None:
        raise InputError(f"{name}: not a web page (no body)")
    return root


def _paragraphs_at_line_breaks(root: "HtmlElement") -> None:
    """Make paragraphs of text that only ``<br>`` separates (``<p>　　一段<br>　　二段</p>``,
    common on Chinese news sites): trafilatura would keep them as one paragraph,
    or drop the text before the first break of a ``<div>``."""
    from lxml.html import Element

    for parent in list(root.iter("p", "div", "td", "section", "article", "font", "span")):
        children = list(parent)
        if not any(child.tag == "br" for child in children) or any(
                isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in children):
            continue
        segments: list[list] = [[parent.text or ""]]
        for child in children:
            tail, child.tail = child.tail, None
            parent.remove(child)
            if child.tag == "br":
                segments.append([tail or ""])
            else:
                segments[-1] += [child, tail or ""]
        parent.text = None
        if parent.tag in ("p", "font", "span"):
            parent.tag = "div"
        for segment in segments:
            paragraph = Element("p")
            for part in segment:
                if isinstance(part, str):
                    if len(paragraph):
                        paragraph[-1].tail = (paragraph[-1].tail or "") + part
                    else:
                        paragraph.text = (paragraph.text or "") + part
                else:
                    paragraph.append(part)
            if _collapse(paragraph.text_content()) or len(paragraph):
                parent.append(paragraph)


class _Marks:
    """Texts found in the page before trafilatura: captions and bylines (compact forms)."""

    def __init__(self) -> None:
        self.captions: set[str] = set()
        self.bylines: list[str] = []


def _mark_captions_and_bylines(root: "HtmlElement") -> _Marks:
    """Note caption and byline texts, and make figcaptions paragraphs so that
    trafilatura keeps them (it drops them, and figures whose image names no file)."""
    marks = _Marks()
    for element in root.iter("*"):
        tag = element.tag
        if not isinstance(tag, str) or tag in _INVISIBLE:
            continue
        labels = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("itemprop"),
                                        element.get("rel"))))
        if tag == "img":
            if element.get("src", "").startswith("data:"):
                element.set("src", "inline-image.png")  # trafilatura keeps images that name a file
            if not (element.get("alt") or "").strip():
                _mark_credit(element, marks)
        elif tag == "figcaption" or (labels and _CAPTION_CLASS.search(labels)):
            text = _collapse(element.text_content())
            if text and len(text) <= 4 * MAX_CAPTION_CHARS:
                marks.captions.add(_compact(text))
                if tag == "figcaption":
                    element.tag = "p"
        elif labels and _BYLINE_MARK.search(labels):
            text = _collapse(element.text_content())
            if text and len(text) <= MAX_BYLINE_CHARS and text not in marks.bylines:
                marks.bylines.append(text)
    return marks


def _mark_credit(image: "HtmlElement", marks: _Marks) -> None:
    """An image without alt text: the short text right after it (in its block, or the
    next block with text) is its caption or credit."""
    block = image
    while block.getparent() is not None and block.tag not in _BLOCK_TAGS:
        block = block.getparent()
    text = _collapse(block.text_content()) if block is not image else ""
    following = block.getnext()
    while not text and following is not None:
        if isinstance(following.tag, str) and following.tag not in _INVISIBLE:
            text = _collapse(following.text_content())
        following = following.getnext()
    if text and len(text) <= MAX_CAPTION_CHARS:
        marks.captions.add(_compact(text))


def _extract(root: "HtmlElement"):
    """trafilatura's reading of the page (None when it finds no main text)."""
    import trafilatura

    # Text shown only without scripts ("please enable JavaScript") is not the article.
    for element in list(root.iter("noscript", "template")):
        element.drop_tree()
    return trafilatura.bare_extraction(root, with_metadata=True, include_comments=False, include_tables=True,
                                       include_images=True, include_formatting=False, output_format="python",
                                       config=_trafilatura_config())


@lru_cache(maxsize=1)
def _trafilatura_config():
    """trafilatura's settings, but a short article is an article: its default (250
    characters before it falls back to taking the whole page) is a few Latin
    sentences, and a Chinese news brief is often shorter."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_ARTICLE_CHARS))
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def _blocks(body, marks: _Marks) -> list[tuple[str, str, None, int]]:
    """(kind, text, page, level) for each element of trafilatura's body, in order."""
    out: list[tuple[str, str, None, int]] = []
    for element in body:
        for text, level in _texts(element):
            key = _compact(text)
            if level:
                kind = "heading"
            elif key in marks.captions:
                kind = "caption"
            elif any(key == _compact(byline) for byline in marks.bylines):
                kind = "byline"
            else:
                kind = "paragraph"
            out.append((kind, text, None, level))
    return out


def _texts(element) -> list[tuple[str, int]]:
    """The texts (and heading level, 0 for none) that one body element contributes:
    a list gives one per item, a table one per row, anything else one."""
    if element.tag == "head":
        level = _HEADING_LEVEL.get(element.get("rend", ""), 2)
        return [(text, level)] if (text := _collapse("".join(element.itertext()))) else []
    if element.tag in ("list", "table"):
        parts = element.iter("item") if element.tag == "list" else element.iter("row")
        texts = [_collapse(" ".join(part.itertext())) for part in parts]
        return [(text, 0) for text in texts if text]
    text = _collapse("".join(element.itertext()))
    return [(text, 0)] if text else []


def visible_pieces(root: "HtmlElement") -> list[str]:
    """The page's visible text, one piece per innermost block element (scripts, styles
    and the head left out), white space collapsed."""
    from lxml import etree

    pieces: list[str] = []
    stack: list[list[str]] = [[]]
    walker = etree.iterwalk(root.find("body"), events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag
        if event in ("comment", "pi"):  # no text of their own, but what follows them is
            stack[-1].append(element.tail or "")
            continue
        if event == "start":
            if tag in _INVISIBLE:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                _flush(stack[-1], pieces)
                stack.append([])
            stack[-1].append(element.text or "")
            continue
        if tag in _BLOCK_TAGS:
            _flush(stack.pop(), pieces)
        stack[-1].append(element.tail or "")
    _flush(stack[-1], pieces)
    return pieces


def _flush(buffer: list[str], pieces: list[str]) -> None:
    text = _collapse("".join(buffer))
    if text:
        pieces.append(text)
    buffer.clear()


def _chrome(pieces: list[str], text: str) -> list[str]:
    """The pieces of visible text that are not in the extracted ``text``."""
    content = _compact(text)
    # Most pieces are whole paragraphs of the text: a set answers for them at once,
    # and only the others are looked for in the whole text.
    paragraphs = {_compact(paragraph) for paragraph in text.split(BLOCK_SEPARATOR)}
    return [piece for piece in pieces if (key := _compact(piece)) not in paragraphs and key not in content]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _compact(text: str) -> str:
    return "".join(text.split())


def _clean(value) -> str | None:
    value = _collapse(str(value)) if value else ""
    return value or None


def _reader_name() -> str:
    from importlib.metadata import version

    return f"trafilatura {version('trafilatura')}"
