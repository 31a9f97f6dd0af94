"""The noun phrase a number measures ("引进高层次人才200人" → 引进高层次人才).
"""
from __future__ import annotations

import re
from ..read.chars import _HAN_RANGES
from .clauses import _LIST_MARKER, _clause_end, _clause_start
from .lexicon import _first_match, _suffix_regex, words


def noun_phrase(text: str, start: int, end: int, number_ends=frozenset()) -> str:
    """The noun phrase a number measures: the words before it in its clause ("引进高层次人才200人"
    → 引进高层次人才) or, when those are only a verb or a list of examples ending in 等, the noun
    right after it ("等21个在谈项目" → 在谈项目). Best effort; for reading, not for joins."""
    cs = _clause_start(text, start)
    # 、 inside a phrase joins words (新建、改扩建中小学; 小麦、玉米单产); after a number it lists items
    while cs > 0 and text[cs - 1] == "、" and (cs - 1) not in number_ends:
        cs = _clause_start(text, cs - 1)
    pre = _LIST_MARKER.sub("", text[cs:start], count=1) if cs == 0 or text[cs - 1] == "\n" else text[cs:start]
    pre = _strip_tail(pre)
    post_end = _clause_end(text, end)
    post = text[end:post_end]
    post = re.split(r"[，；。、\d]", post)[0] if post else ""
    for p in words("predicate_end"):
        if post.endswith(p) and len(post) > len(p):
            post = post[: -len(p)]
    for w in words("phrase_break"):  # 推进养老服务体系建设和助老食堂10处 → 助老食堂
        if w in pre:
            pre = pre[pre.rindex(w) + len(w):]
    pre_core = _strip_head(pre)
    if post and re.match(rf"[{_HAN_RANGES}“]", post):
        if "等" in pre:  # 对已签约的A、B等8个项目 → 已签约项目
            m = re.match(rf"(?:对|将|把)?([{_HAN_RANGES}]{{1,6}})的", pre)
            return (m.group(1) if m else "") + post
        if "、" in pre_core or not pre_core:
            return post
        if pre_core.endswith(tuple(words("label_strip"))):
            return _strip_head(pre_core[:-len(next(w for w in words("label_strip")
                                                   if pre_core.endswith(w)))]) + post
        return pre_core + post
    return pre_core


def _rank_subject(pre: str) -> str:
    tails = words("rank_verb") + words("rank_scope")
    changed = True
    while changed and pre:
        changed = False
        for w in tails:
            if pre.endswith(w):
                pre, changed = pre[: -len(w)], True
                break
    return pre.strip("“”\"")


def _strip_tail(pre: str) -> str:
    """``pre`` without the verbs and qualifiers it ends with (longest first, repeatedly); "" when
    it is nothing else."""
    while pre and (m := _suffix_regex("strip_tail").search(pre)) and m.group(0):
        if m.start() == 0:
            return ""
        pre = pre[:m.start()]
    return pre.strip("“”\"' ")


def _strip_head(pre: str) -> str:
    """``pre`` without the labels it starts with (label_strip, longest first, repeatedly); ""
    when it is nothing else."""
    while pre and (head := _first_match(pre, 0, "label_strip")):
        if head == pre:
            return ""
        pre = pre[len(head):]
    return pre
