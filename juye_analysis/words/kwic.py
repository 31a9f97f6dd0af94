"""Keywords in context: every occurrence of a term with the words around it, and counts of a
term in a text.
"""
from __future__ import annotations

import re
import numpy as np
import pandas as pd
from .counts import count_terms
from .jieba_keywords import texts_from_sentences


KWIC_COLUMNS = ["report_id", "part_no", "part", "section_no", "section", "sentence_no", "start",
                "end", "left", "keyword", "right"]


def kwic(data, term, window: int = 15, *, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` (a string or a list of strings, matched
    leftmost-longest) with ``window`` characters of context either side.

    ``data``: a sentences table (one or more reports; the context is read from ``texts``, e.g.
    ``{rid: load_text(rid)}``, else from the text rebuilt from the sentences), a text (str,
    report_id "text"), or a dict report_id → text. Line breaks in the context show as ¶.

    Columns: report_id, part_no, part, section_no, section, sentence_no (``<NA>`` / "" for a
    plain text), start, end (offsets into the normalised text: ``text[start:end] == keyword``),
    left, keyword, right.
    """
    terms = [term] if isinstance(term, str) else list(term)
    terms = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    if not terms:
        raise ValueError("kwic: give a non-empty term")
    pattern = re.compile("|".join(map(re.escape, terms)))
    sentences = None
    if isinstance(data, pd.DataFrame):
        sentences = data
        texts = dict(texts) if texts else texts_from_sentences(data)
    elif isinstance(data, str):
        texts = {"text": data}
    else:
        texts = dict(data)
    rows = []
    for report_id, text in sorted(texts.items()):
        sent = None
        if sentences is not None:
            sent = sentences[sentences["report_id"] == report_id].sort_values("start")
            if sent.empty:
                continue
        for m in pattern.finditer(text):
            s, e = m.span()
            row = {"report_id": report_id, "part_no": pd.NA, "part": "", "section_no": pd.NA,
                   "section": "", "sentence_no": pd.NA, "start": s, "end": e,
                   "left": text[max(0, s - window):s].replace("\n", "¶"), "keyword": m.group(0),
                   "right": text[e:e + window].replace("\n", "¶")}
            if sent is not None:
                i = int(np.searchsorted(sent["start"].to_numpy(), s, side="right")) - 1
                if i >= 0:
                    r = sent.iloc[i]
                    row.update(part_no=r["part_no"], part=r["part"], section_no=r["section_no"],
                               section=r["section"], sentence_no=r["sentence_no"])
            rows.append(row)
    df = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return df.astype({"part_no": "Int64", "section_no": "Int64", "sentence_no": "Int64",
                      "start": "int64", "end": "int64"})


def count_text(text: str, *, report_id: str = "text", year: int | None = None, tokenizer=None,
               **count_kwargs) -> pd.DataFrame:
    """Term frequencies of a whole text (a string), as :func:`count_terms` with scope report."""
    from ..read.report import infer_years, report_from_text
    from ..read.structure import sentences_table
    from .tokens import tokens_from_sentences

    # the year only labels the report; counts do not depend on it
    report = report_from_text(text, report_id=report_id, year=year or infer_years(text)[0] or 1)
    tokens = tokens_from_sentences(sentences_table(report), tokenizer)
    return count_terms(tokens, scope="report", **count_kwargs)
