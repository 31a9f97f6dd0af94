"""jieba's parts of speech and TextRank, reproduced over our tokens: the (word, flag) pairs
jieba.posseg would give, the content-word cut jieba.analyse uses, and TextRank's ranking, each
computed as jieba computes it (tests check them against jieba's own).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .tokenizer import _import_jieba, tokenize_spans
from .tokens import is_number_like, is_punct_token


class _ContentCut:
    """What jieba's extractors call ``tokenizer.cut``: our tokens, with numbers, punctuation,
    stopwords and short tokens replaced by a blank (so they are skipped but keep their place)."""

    def __init__(self, tokenizer, stop: frozenset, min_chars: int, pos=None):
        self.tokenizer, self.stop, self.min_chars, self.pos = tokenizer, stop, min_chars, pos

    def _keep(self, word: str) -> bool:
        return (len(word) >= self.min_chars and word not in self.stop and not is_punct_token(word)
                and not is_number_like(word))

    def cut(self, text: str):
        if self.pos is None:
            for word, _, _ in tokenize_spans(text, self.tokenizer):
                yield word if self._keep(word) else " "
        else:
            from jieba.posseg import pair

            for p in self.pos.cut(text, HMM=getattr(self.tokenizer, "juye_hmm", False)):
                yield p if self._keep(p.word) else pair(p.word, "x")


class _PrecutContent(_ContentCut):
    """:class:`_ContentCut` over a text's tokens already segmented by the same tokenizer (the
    build's ``tokens`` table), so the text is not segmented a second time."""

    def __init__(self, base: _ContentCut, tokens: list[str]):
        super().__init__(base.tokenizer, base.stop, base.min_chars)
        self.tokens = tokens

    def cut(self, text: str):
        for word in self.tokens:
            yield word if self._keep(word) else " "


@lru_cache(maxsize=4)
def _pos_tokenizer(tokenizer):
    jieba = _import_jieba()
    pos = jieba.posseg.POSTokenizer(tokenizer)
    pos.makesure_userdict_loaded()
    return pos


_ASCII_CHAR = re.compile(r"^[a-zA-Z0-9]$")


_ASCII_WORD = re.compile(r"^[a-zA-Z0-9]+$")


def _posseg_pairs(text: str, words: list[str], starts: list[int], tag_table: dict):
    """(word, flag) of what ``jieba.posseg`` (HMM off, same dictionary) yields for ``text``, made
    from the text's tokens instead of segmenting it again: each token with its dictionary tag (a
    run of letters and digits that is no dictionary word: ``eng``), and each whitespace character
    between tokens on its own (``x``). Both segment with the same dictionary and route and both
    join runs of single letters and digits; the tokens must be those of segmenting the whole text
    (see :func:`_precut_items`). None (segment with posseg instead) when a character between
    tokens is not whitespace, or a token of several characters contains ``-`` or ``%``: posseg
    splits its text at those two, the tokenizer does not (a dictionary word such as COVID-19)."""
    pairs = []
    pos = 0
    for word, start in zip(words, starts):
        if len(word) > 1 and ("-" in word or "%" in word):
            return None
        if start > pos:
            gap = text[pos:start]
            if not gap.isspace():
                return None
            pairs += [(ch, "x") for ch in gap]
        if _ASCII_WORD.match(word) and (_ASCII_CHAR.match(word) or word not in tag_table):
            flag = "eng"
        else:
            flag = tag_table.get(word, "x")
        pairs.append((word, flag))
        pos = start + len(word)
    gap = text[pos:]
    if gap and not gap.isspace():
        return None
    pairs += [(ch, "x") for ch in gap]
    return pairs


TEXTRANK_POS = ("n", "nr", "ns", "nt", "nz", "nw", "vn", "v", "l", "i", "j", "an")


def _textrank(words: list[str], keep: list[bool], span: int, top_n: int) -> list:
    """jieba's ``TextRank.textrank(..., withWeight=True)`` over a text's words, ``keep`` marking
    those its ``pairfilter`` keeps, computed the same way to the last bit (the same co-occurrence
    counts, edge order, ten in-place iterations over the nodes in sorted order, scaling, and
    stable order of ties), with the graph held in lists instead of dicts of edge tuples: several
    times faster. A test checks it against jieba's."""
    import sys

    n = len(words)
    cm: dict = {}
    for i in range(n):
        if keep[i]:
            for j in range(i + 1, min(i + span, n)):
                if keep[j]:
                    key = (words[i], words[j])
                    cm[key] = cm.get(key, 0) + 1
    adjacent: dict = {}  # node → [(neighbour, weight)], in jieba's order of addEdge
    for (a, b), w in cm.items():
        adjacent.setdefault(a, []).append((b, w))
        adjacent.setdefault(b, []).append((a, w))
    nodes = list(adjacent)
    order = sorted(nodes)
    index = {node: k for k, node in enumerate(order)}
    out_sum = [sum((w for _, w in adjacent[node]), 0.0) for node in order]
    coef = [[(index[b], w / out_sum[index[b]]) for b, w in adjacent[node]] for node in order]
    d = 0.85
    ws = [1.0 / (len(nodes) or 1.0)] * len(order)
    for _ in range(10):
        for k, edges in enumerate(coef):
            total = 0
            for j, c in edges:
                total += c * ws[j]
            ws[k] = (1 - d) + d * total
    lo, hi = sys.float_info[0], sys.float_info[3]
    for w in ws:
        lo, hi = min(lo, w), max(hi, w)
    ranked = [(node, (ws[index[node]] - lo / 10.0) / (hi - lo / 10.0)) for node in nodes]
    return sorted(ranked, key=lambda kv: kv[1], reverse=True)[:top_n]
