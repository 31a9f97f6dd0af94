"""Web pages as they are saved: tags, scripts, entities and navigation lines removed.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache


_TAG_HINT = re.compile(r"<(?:html|body|div|p|br|span|table|td|tr|head|meta|script|a)\b[^>]*>", re.I)


_DROP_BLOCK = re.compile(r"<(script|style|head|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)


_BLOCK_TAG = re.compile(r"</?(?:p|div|br|tr|li|h[1-6]|table|section|article|title|ul|ol|td)\b[^>]*>", re.I)


_TAG = re.compile(r"<[^<>]{0,2000}>")


_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,30});")


def looks_like_html(text: str) -> bool:
    return len(_TAG_HINT.findall(text[:100_000])) >= 3


def strip_html(buf) -> None:
    """Tags out (block tags become line breaks), entities decoded, scripts and styles dropped."""
    buf.delete_matches(_DROP_BLOCK)
    text = buf.text
    breaks = [m.start() for m in _BLOCK_TAG.finditer(text)]
    buf.replace_at(breaks, "\n")
    buf.delete_spans([(m.start() + 1, m.end()) for m in _BLOCK_TAG.finditer(text)])
    buf.delete_matches(_TAG)
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
