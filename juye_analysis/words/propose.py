"""Candidate terms for the user dictionary, proposed from a corpus by their statistics (issue 16).

A proposer, never an editor: :func:`propose_terms` returns a table for a person to read, and
nothing here writes ``userdict.txt``. What is accepted goes into ``resources/userdict.txt`` by
hand; what is rejected goes into ``resources/terms_rejected.csv`` (with a reason), which the next
run reads so that the same string is not proposed again.

How a string becomes a candidate (defaults in :data:`THRESHOLDS`):

- it is a run of 2 to ``max_len`` Han characters inside a stretch of Han text (so no digits,
  Latin letters or punctuation), seen at least ``min_freq`` times in at least ``min_docs`` texts;
- **cohesion**: the smallest pointwise mutual information over the ways of cutting it in two,
  ``min over i of log2( p(w) / (p(w[:i]) p(w[i:])) )``, with p the count over the number of
  character positions (the "internal solidity" of new-word discovery; Church & Hanks 1990 for
  PMI), is at least ``min_pmi``;
- **freedom**: the entropy (bits) of the characters just left of it, and of those just right of
  it, are both at least ``min_entropy`` (a piece of a longer word has one usual neighbour; the
  edge of a Han stretch counts as a new neighbour each time);
- jieba's HMM new-word finding is a second proposer only: a word that jieba with HMM glues and
  that passes the frequency, document and freedom thresholds is a candidate too
  (``proposed_by`` says which proposer found it);
- it does not begin or end with a grammatical character (``edge_chars``, from
  ``resources/term_proposer.csv``: 的, 了, 和, 等, 上, 下 …) that the tokenizer cuts off as a
  token of its own (领导下 → 领导/下, 更好地 → 更好/地: a word with a particle, not a term);
- it is not already known: not a word of the user dictionary or of jieba's own dictionary, not
  a stopword, not in the reviewed-out list, and not a substring of a word of the user
  dictionary or of the stopword list; and it is not a piece of a longer candidate that it
  nearly always sits in (``max_nested_share``).

The result is deterministic: the same texts and lists give the same table in the same order.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import pandas as pd

from ..read.chars import _HAN_RANGES


PROPOSAL_COLUMNS = ["term", "n_chars", "n", "n_docs", "docs", "pmi", "left_entropy",
                    "right_entropy", "hmm_n", "proposed_by", "cut", "contexts"]


THRESHOLDS = {"min_freq": 10, "min_docs": 6, "min_pmi": 7.0, "min_entropy": 2.5, "max_len": 7,
              "max_nested_share": 0.8}


_HAN_RUN = re.compile(f"[{_HAN_RANGES}]+")


def han_runs(text: str) -> list[tuple[int, str]]:
    """(offset, run) of every stretch of Han characters of ``text``."""
    return [(m.start(), m.group(0)) for m in _HAN_RUN.finditer(text)]


def _count_ngrams(runs_by_doc: Mapping[str, list], max_len: int, min_freq: int):
    """Counts and document sets of every n-gram (1 ≤ n ≤ max_len + 1) whose two (n-1)-gram
    halves are frequent (apriori pruning: a frequent string has frequent pieces)."""
    counts: Counter = Counter()
    docs: dict = defaultdict(set)
    for doc, runs in runs_by_doc.items():
        for _, run in runs:
            for ch in run:
                counts[ch] += 1
                docs[ch].add(doc)
    for n in range(2, max_len + 2):
        new: Counter = Counter()
        for doc, runs in runs_by_doc.items():
            for _, run in runs:
                for i in range(len(run) - n + 1):
                    g = run[i:i + n]
                    if counts.get(g[:-1], 0) >= min_freq and counts.get(g[1:], 0) >= min_freq:
                        new[g] += 1
                        docs[g].add(doc)
        if not new:
            break
        counts.update(new)
    return counts, docs


def _pmi(word: str, counts: Counter, total: int) -> float:
    """The smallest PMI (bits) over the cuts of ``word`` into two (see the module docstring)."""
    p = counts[word] / total
    return min(math.log2(p / ((counts[word[:i]] / total) * (counts[word[i:]] / total)))
               for i in range(1, len(word)))


def _entropy(neighbours: Counter, edges: int) -> float:
    """Entropy (bits) of the neighbour characters; each Han-stretch edge a neighbour of its own."""
    n = sum(neighbours.values()) + edges
    if n == 0:
        return 0.0
    h = -sum(c / n * math.log2(c / n) for c in neighbours.values())
    return h + edges * (1 / n) * math.log2(n)


def _occurrences(texts: Mapping[str, str], runs_by_doc, terms: set, max_len: int):
    """For each term: left and right neighbour counts, edge counts, and its occurrences
    (doc, offset) in text order (non-overlapping per position scan)."""
    left, right = defaultdict(Counter), defaultdict(Counter)
    ledge, redge = Counter(), Counter()
    where = defaultdict(list)
    for doc, runs in runs_by_doc.items():
        for off, run in runs:
            for i in range(len(run)):
                for n in range(2, min(max_len, len(run) - i) + 1):
                    g = run[i:i + n]
                    if g not in terms:
                        continue
                    where[g].append((doc, off + i))
                    if i > 0:
                        left[g][run[i - 1]] += 1
                    else:
                        ledge[g] += 1
                    if i + n < len(run):
                        right[g][run[i + n]] += 1
                    else:
                        redge[g] += 1
    return left, right, ledge, redge, where


def _contexts(texts, places, term: str, k: int = 3, width: int = 12) -> str:
    """Up to ``k`` contexts ``…left【term】right…``, from different texts first, in text order."""
    chosen, seen = [], set()
    for doc, pos in places:  # one per text first
        if doc not in seen and len(chosen) < k:
            seen.add(doc)
            chosen.append((doc, pos))
    for doc, pos in places:
        if len(chosen) >= k:
            break
        if (doc, pos) not in chosen:
            chosen.append((doc, pos))
    out = []
    for doc, pos in chosen:
        text = texts[doc]
        left = text[max(0, pos - width):pos].replace("\n", " ")
        right = text[pos + len(term):pos + len(term) + width].replace("\n", " ")
        out.append(f"{doc}: …{left}【{term}】{right}…")
    return " | ".join(out)


def hmm_words(texts: Mapping[str, str], tokenizer, known: set) -> Counter:
    """Words of two characters or more that jieba with HMM on produces and ``known`` lacks
    (jieba's new-word finding, used as a proposer only)."""
    out: Counter = Counter()
    for text in texts.values():
        for _, run in han_runs(text):
            for w in tokenizer.lcut(run, HMM=True):
                if len(w) > 1 and w not in known:
                    out[w] += 1
    return out


def propose_terms(texts: Mapping[str, str], known: Iterable[str] = (), *, protected: Iterable[str] = (),
                  rejected: Iterable[str] = (), hmm_counts: Mapping[str, int] | None = None,
                  cut=None, edge_chars: Iterable[str] = (), **thresholds) -> pd.DataFrame:
    """Candidate terms of ``texts`` (name → text), by their statistics (module docstring).

    ``known``: words already in a dictionary (never proposed); ``protected``: words of which no
    substring is proposed either (the user dictionary, the stopwords); ``rejected``: the
    reviewed-out list; ``hmm_counts``: word → count from :func:`hmm_words` (optional);
    ``cut``: a function word → its tokens today (for the ``cut`` column and the edge rule;
    default: the word as one token); ``edge_chars``: the grammatical characters of the edge rule.
    ``thresholds`` override :data:`THRESHOLDS`.

    Columns: term, n_chars, n (occurrences), n_docs (texts it occurs in), docs (their names,
    ``;``-separated, at most 8), pmi (bits), left_entropy, right_entropy (bits), hmm_n (times
    jieba's HMM made it a word), proposed_by (``statistics``, ``hmm`` or ``statistics+hmm``),
    cut (how the tokenizer cuts it today, ``/``-separated), contexts (up to three, ``name: …left【term】right…``, ``|``-separated). Sorted by n_docs,
    n (both descending), then term.
    """
    th = {**THRESHOLDS, **thresholds}
    unknown = set(thresholds) - set(THRESHOLDS)
    if unknown:
        raise TypeError(f"unknown thresholds {sorted(unknown)}; have {sorted(THRESHOLDS)}")
    max_len, min_freq, min_docs = th["max_len"], th["min_freq"], th["min_docs"]
    texts = {k: texts[k] for k in sorted(texts)}
    runs_by_doc = {k: han_runs(v) for k, v in texts.items()}
    counts, docs = _count_ngrams(runs_by_doc, max_len, min_freq)
    total = sum(len(run) for runs in runs_by_doc.values() for _, run in runs)
    known = set(known) | set(rejected)
    protected = [w for w in set(protected) if len(w) > 1]
    protected_text = "\n".join(sorted(protected))
    hmm_counts = dict(hmm_counts or {})

    def eligible(w: str) -> bool:
        return (2 <= len(w) <= max_len and counts.get(w, 0) >= min_freq and len(docs[w]) >= min_docs
                and w not in known and w not in protected_text)

    stat = {w for w in counts if len(w) >= 2 and eligible(w) and _pmi(w, counts, total) >= th["min_pmi"]}
    hmm = {w for w, c in hmm_counts.items() if c >= min_freq and _HAN_RUN.fullmatch(w) and eligible(w)}
    pool = stat | hmm
    left, right, ledge, redge, where = _occurrences(texts, runs_by_doc, pool, max_len)
    cut = (lambda w: [w]) if cut is None else cut
    edge_chars = set(edge_chars)
    rows = []
    for w in sorted(pool):
        le, re_ = _entropy(left[w], ledge[w]), _entropy(right[w], redge[w])
        if min(le, re_) < th["min_entropy"]:
            continue
        pieces = list(cut(w))
        if len(pieces) > 1 and (pieces[0] in edge_chars or pieces[-1] in edge_chars):
            continue
        by = "+".join(p for p, s in (("statistics", stat), ("hmm", hmm)) if w in s)
        rows.append({"term": w, "n_chars": len(w), "n": counts[w], "n_docs": len(docs[w]),
                     "docs": ";".join(sorted(docs[w])[:8]), "pmi": round(_pmi(w, counts, total), 3),
                     "left_entropy": round(le, 3), "right_entropy": round(re_, 3),
                     "hmm_n": int(hmm_counts.get(w, 0)), "proposed_by": by, "cut": "/".join(pieces),
                     "contexts": _contexts(texts, where[w], w)})
    # A piece that nearly always sits inside a longer candidate is that candidate's fragment.
    kept = {r["term"]: r for r in rows}
    for r in sorted(rows, key=lambda r: r["term"]):
        for other in kept.values():
            if (len(other["term"]) > len(r["term"]) and r["term"] in other["term"]
                    and other["n"] >= th["max_nested_share"] * r["n"]):
                kept.pop(r["term"], None)
                break
    df = pd.DataFrame(list(kept.values()), columns=PROPOSAL_COLUMNS)
    df = df.sort_values(["n_docs", "n", "term"], ascending=[False, False, True], kind="stable")
    return df.reset_index(drop=True).astype({"n_chars": "int64", "n": "int64", "n_docs": "int64",
                                              "hmm_n": "int64"})


TEXT_SUFFIXES = (".txt", ".htm", ".html", ".pdf", ".docx")


def corpus_texts(folders: Iterable) -> dict[str, str]:
    """The normalised text of every report file under the folders (recursively; by suffix),
    keyed by its path relative to its folder (``national/national_1978.txt``)."""
    from pathlib import Path
    from ..read.decode import read_document
    from ..read.normalize import normalize

    out = {}
    for folder in folders:
        folder = Path(folder)
        for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES):
            raw, _, _, layer = read_document(path)
            name = path.relative_to(folder).as_posix()
            out[name if name not in out else f"{folder.name}/{name}"] = normalize(raw, layer=layer).text
    return out


def known_words(tokenizer=None) -> tuple[set, set]:
    """(known, protected) for :func:`propose_terms` from the package's resources: known = the
    user dictionary, jieba's own dictionary (words with a frequency), the stopwords, the theme
    terms; protected = the user dictionary and the multi-character stopwords."""
    from .. import resource_files as resources
    from .tokenizer import make_tokenizer

    tk = make_tokenizer() if tokenizer is None else tokenizer
    user = {w for w, _, _ in resources.userdict()}
    stop = set(resources.stopwords()["word"])
    jieba_words = {w for w, f in tk.FREQ.items() if f and len(w) > 1}
    known = user | stop | jieba_words | set(resources.themes()["term"])
    return known, user | {w for w in stop if len(w) > 1}


def edge_chars() -> set:
    """The grammatical characters of the edge rule (``resources/term_proposer.csv``)."""
    from .. import resource_files as resources

    return set(resources.term_proposer().get("edge_char", ()))


def rejected_terms() -> set:
    """The reviewed-out candidates (``resources/terms_rejected.csv``)."""
    from .. import resource_files as resources

    return set(resources.terms_rejected()["term"])
