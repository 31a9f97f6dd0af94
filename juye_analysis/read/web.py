"""Web pages as they are saved: tags, scripts, entities and navigation lines removed.

Tags are found by the standard library's HTML parser (:mod:`.markup`), not by a regex, so a
tag of any length (an inline base64 image) goes; every edit deletes characters or replaces
one by one, so the normalised text keeps its map back to the raw page.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache


# Start tags of common HTML elements: three of them in the text make it a web page.
_TAG_HINT = re.compile(r"<(?:html|body|head|meta|title|script|style|div|p|br|span|font|a|img|b|strong|i|em"
                       r"|u|center|table|tbody|tr|td|th|ul|ol|li|h[1-6]|section|article|header|footer|nav"
                       r"|iframe|form|input|link|hr|sup|sub|pre|label)\b[^<>]*>", re.I)


# A data: URI (RFC 2397) as it stands in a page's text: a media type, then its payload.
_DATA_URI = re.compile(r"data:[a-z]+/[a-z0-9.+-]+(?:;[a-z0-9.+-]+(?:=[a-z0-9.+-]*)?)*,[A-Za-z0-9+/=%._~-]*",
                       re.I)


_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,30});")


def without_data_uris(text: str) -> str:
    """The text with its data: URIs cut out, to sample what a page says (not for offsets)."""
    return _DATA_URI.sub("", text) if "data:" in text else text


def looks_like_html(text: str) -> bool:
    """Three or more HTML start tags in the first 100,000 characters, data: URIs not counted."""
    return "<" in text and len(_TAG_HINT.findall(without_data_uris(text)[:100_000])) >= 3


def drop_data_uris(buf) -> list[int]:
    """Delete the data: URIs of the text (an inline image is no report text); [count, characters]."""
    if "data:" not in buf.text:
        return [0, 0]
    spans = [m.span() for m in _DATA_URI.finditer(buf.text)]
    buf.delete_spans(spans)
    return [len(spans), sum(e - s for s, e in spans)]


def strip_html(buf) -> str:
    """Tags out (block tags become line breaks), entities decoded, scripts, styles, head,
    noscript, comments and data: URIs dropped; returns the note for ``cleaning``
    (``"html: 1 data URI (4,012,345 characters), 2 scripts (1,234 characters) dropped"``)."""
    from .markup import parse_markup

    text = buf.text
    markup = parse_markup(text)
    buf.replace_at([s for s, _ in markup.spans(len(text), "break")], "\n")
    buf.delete_spans(markup.spans(len(text), "drop") + [(s + 1, e) for s, e in markup.spans(len(text), "break")])
    uris = drop_data_uris(buf)
    _decode_entities(buf)
    return _note(markup, [a + b for a, b in zip(uris, markup.data_uris_in_attributes)])


def _decode_entities(buf) -> None:
    text = buf.text
    firsts, chars, spans = [], [], []
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group(0))
        if len(decoded) != 1:  # unknown entity: keep as written
            continue
        firsts.append(m.start())
        chars.append(" " if decoded == "\xa0" else decoded)
        spans.append((m.start() + 1, m.end()))
    for pos, ch in zip(firsts, chars):
        buf.replace_at([pos], ch)
    buf.delete_spans(spans)


def _note(markup, uris: list[int]) -> str:
    parts = [_counted("data URI", *uris)] if uris[0] else []
    for element in ("script", "style", "head", "noscript", "comment"):
        if element in markup.dropped:
            parts.append(_counted(element, *markup.dropped[element]))
    return "html: " + ", ".join(parts) + " dropped" if parts else "html"


def _counted(what: str, count: int, size: int) -> str:
    plural = what if count == 1 else what + "s"
    return f"{count} {plural} ({size:,} characters)"


@lru_cache(maxsize=1)
def _navigation_markers() -> tuple[str, ...]:
    from ..resource_files import web_boilerplate

    return web_boilerplate()


def _is_navigation(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if any(marker in s for marker in _navigation_markers()):
        return len(s) <= 80 and "。" not in s
    return bool(re.fullmatch(r"[\s>»|/·\-_—=*]+", s))


def drop_navigation_lines(buf) -> int:
    """Navigation lines before the report's first sentence and after its last one."""
    text = buf.text
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.end() > m.start()]
    body = [i for i, (s, e) in enumerate(lines) if "。" in text[s:e] or text[s:e].lstrip().startswith("各位代表")]
    if not body:
        return 0
    first, last = body[0], body[-1]
    drop = [lines[i] for i in range(len(lines)) if (i < first or i > last) and _is_navigation(text[slice(*lines[i])])]
    buf.delete_spans(drop)
    return len(drop)
