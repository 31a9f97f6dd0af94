"""Where the markup of a web page is: the standard library's HTML parser, with raw positions.

:func:`parse_markup` reads a page with :class:`html.parser.HTMLParser` (no length limit on a
tag, scripts and styles read as raw text up to their end tag as a browser does) and returns
the page cut into consecutive spans, each marked ``keep`` (text), ``break`` (a block tag: it
ends a paragraph) or ``drop`` (other tags, comments, declarations, and everything inside
``<script>``, ``<style>``, ``<head>`` and ``<noscript>``). The spans cover the page exactly,
so the caller can delete characters and keep its map back to the raw text.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import numpy as np

# Tags that end a paragraph (start or end tag), as the old regex had them.
BLOCK_TAGS = frozenset("p div br tr li h1 h2 h3 h4 h5 h6 table section article title ul ol td".split())

# Elements dropped with everything inside them.
DROP_ELEMENTS = ("script", "style", "head", "noscript")

# What may stand inside <head>; any other start tag (or <body>) closes an unclosed head,
# as in a browser.
_HEAD_CONTENT = frozenset("title meta link style script base noscript template".split())


@dataclass
class Markup:
    """The page as consecutive spans, and what was dropped.

    ``starts``: the raw start of each span (the next start, or the page length, ends it);
    ``kinds``: "keep", "break" or "drop" for each span; ``dropped``: element → (count,
    characters) for the elements dropped whole and for comments; ``data_uris_in_attributes``:
    (count, characters) of ``data:`` URIs in attribute values (deleted with their tags).
    """

    starts: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    dropped: dict[str, list[int]] = field(default_factory=dict)
    data_uris_in_attributes: list[int] = field(default_factory=lambda: [0, 0])

    def spans(self, length: int, kind: str) -> list[tuple[int, int]]:
        ends = self.starts[1:] + [length]
        return [(s, e) for s, e, k in zip(self.starts, ends, self.kinds) if k == kind and e > s]


class _Parser(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        self.line_starts = (np.flatnonzero(codes == 10) + 1).tolist()  # of lines 2, 3, …
        self.out = Markup()
        self.open = Counter()  # drop element → how many are open
        self.region = None  # (element, index of the span that opened it)
        self.regions = []  # (element, first span index, last span index)
        self.unclosed_comment = None  # span index of a "<!--" never closed: it runs to the end

    def _pos(self) -> int:
        line, col = self.getpos()
        return col if line == 1 else self.line_starts[line - 2] + col

    def _mark(self, kind: str) -> None:
        if self.region is not None or self.unclosed_comment is not None:
            kind = "drop"
        self.out.starts.append(self._pos())
        self.out.kinds.append(kind)

    def _close_region(self) -> None:
        if self.region is not None and not +self.open:
            self.regions.append((self.region[0], self.region[1], len(self.out.kinds) - 1))
            self.region = None

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, opens=True)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, opens=False)

    def _start(self, tag, attrs, *, opens):
        for _, value in attrs:
            if value and value.lstrip()[:5].lower() == "data:":
                self.out.data_uris_in_attributes[0] += 1
                self.out.data_uris_in_attributes[1] += len(value)
        if self.open["head"] and (tag == "body" or tag not in _HEAD_CONTENT):
            self.open["head"] = 0
            self._close_region()
        self._mark("break" if tag in BLOCK_TAGS else "drop")
        if opens and tag in DROP_ELEMENTS:
            if self.region is None:
                self.region = (tag, len(self.out.kinds) - 1)
            self.open[tag] += 1

    def handle_endtag(self, tag):
        self._mark("break" if tag in BLOCK_TAGS else "drop")
        if self.open[tag]:
            self.open[tag] -= 1
            self._close_region()

    def handle_data(self, data):
        if data.startswith("<!--") and self.cdata_elem is None and self.unclosed_comment is None:
            self.unclosed_comment = len(self.out.kinds)  # the parser gives it back as text
        self._mark("keep")

    def handle_comment(self, data):
        self._mark("drop")
        if self.region is None:
            self.regions.append(("comment", len(self.out.kinds) - 1, len(self.out.kinds) - 1))

    def handle_decl(self, decl):
        self._mark("drop")

    def handle_pi(self, data):
        self._mark("drop")

    def unknown_decl(self, data):
        self._mark("drop")


def _cut_off_tag(text: str, out: Markup) -> None:
    """A page cut off inside a tag (``…</h3> <h3 sty``): the parser gives the tag as text; drop it."""
    at = text.rfind("<")
    if at < 0 or ">" in text[at:] or not re.match(r"[A-Za-z/!]|\s*\Z", text[at + 1:]):
        return
    n = bisect.bisect_right(out.starts, at)
    if n and all(k == "keep" for k in out.kinds[n - 1:]):
        del out.starts[n:], out.kinds[n:]
        if out.starts and out.starts[-1] == at:
            out.kinds[-1] = "drop"
        else:
            out.starts.append(at)
            out.kinds.append("drop")


def parse_markup(text: str) -> Markup:
    """The spans of a page (see :class:`Markup`); an element left open at the end runs to the end."""
    parser = _Parser(text)
    parser.feed(text)
    parser.close()
    out = parser.out
    if parser.region is not None:  # cut off inside a script, style, head or noscript
        parser.regions.append((parser.region[0], parser.region[1], len(out.kinds) - 1))
    elif parser.unclosed_comment is not None:  # as in a browser, to the end of the page
        parser.regions.append(("comment", parser.unclosed_comment, len(out.kinds) - 1))
    _cut_off_tag(text, out)
    ends = out.starts[1:] + [len(text)]
    for element, first, last in parser.regions:
        count_size = out.dropped.setdefault(element, [0, 0])
        count_size[0] += 1
        count_size[1] += ends[last] - out.starts[first]
    return out
