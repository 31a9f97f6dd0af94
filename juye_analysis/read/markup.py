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
    def __init__(self, codes: np.ndarray):
        super().__init__(convert_charrefs=True)
        self.line_starts = (np.flatnonzero(codes == 10) + 1).tolist()  # of lines 2, 3, …
        self.out = Markup()
        self.open = Counter()  # drop element → how many are open
        self.region = None  # (element, index of the span that opened it)
        self.regions = []  # (element, first span index, last span index)

    def _pos(self) -> int:
        line, col = self.getpos()
        return col if line == 1 else self.line_starts[line - 2] + col

    def _mark(self, kind: str) -> None:
        if self.region is not None:
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


_COMMENT_CLOSE = re.compile(r"--\s*>")  # as html.parser has it


_OPENER = re.compile(r"<(?=[A-Za-z/!?]|\s*\Z)")


_COMMENT_OPEN = re.compile("<!--")


_MARKED_SECTION = re.compile(r"<!\[")


def _defuse(text: str) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """The page as fed to the parser (same length), and where it may be cut off.

    html.parser (before Python 3.11.13) rescans to the end of the page for every construct left
    open there: quadratic on a hostile page. A ``<`` that starts a tag, comment or declaration
    after the page's last ``>``, and a ``<!--`` after its last ``-->``, can never be closed; the
    parser gets them as text (``\\0`` in place of ``<``) and :func:`_cut_off` ends the page at the
    first that is text (HTML5: a comment open at the end runs to the end, a tag is dropped).
    ``<![`` (an unknown keyword makes html.parser raise) is fed as ``<!x``, a bogus comment to
    the next ``>`` as in HTML5.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    last_gt = text.rfind(">")
    cuts = [(m.start(), "tag") for m in _OPENER.finditer(text, last_gt + 1)]
    last_close = -1
    for last_close in (m.start() for m in _COMMENT_CLOSE.finditer(text)):
        pass
    cuts += [(m.start(), "comment") for m in _COMMENT_OPEN.finditer(text, max(0, last_close - 3))
             if m.start() + 4 > last_close]
    for at, _ in cuts:
        codes[at] = 0
    codes[[m.start() + 2 for m in _MARKED_SECTION.finditer(text)]] = ord("x")
    return codes, sorted(cuts)


def _cut_off(parser: "_Parser", cuts: list[tuple[int, str]]) -> None:
    """End the page at the first never-closed construct that stands in text (see :func:`_defuse`)."""
    out = parser.out
    for at, what in cuts:
        n = bisect.bisect_right(out.starts, at)
        if n and out.kinds[n - 1] == "keep":
            break
    else:
        return
    del out.starts[n:], out.kinds[n:]
    if out.starts[-1] == at:
        out.kinds[-1] = "drop"
    else:
        out.starts.append(at)
        out.kinds.append("drop")
    parser.regions = [r for r in parser.regions if r[1] < n]
    if what == "comment":
        parser.regions.append(("comment", len(out.kinds) - 1, len(out.kinds) - 1))


def parse_markup(text: str) -> Markup:
    """The spans of a page (see :class:`Markup`); an element left open at the end runs to the end."""
    codes, cuts = _defuse(text)
    parser = _Parser(codes)
    parser.feed(codes.tobytes().decode("utf-32-le"))
    parser.close()
    out = parser.out
    if parser.region is not None:  # cut off inside a script, style, head or noscript
        parser.regions.append((parser.region[0], parser.region[1], len(out.kinds) - 1))
    _cut_off(parser, cuts)
    ends = out.starts[1:] + [len(text)]
    for element, first, last in parser.regions:
        count_size = out.dropped.setdefault(element, [0, 0])
        count_size[0] += 1
        count_size[1] += ends[last] - out.starts[first]
    return out
