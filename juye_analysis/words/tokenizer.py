"""Words of a report: one explicit ``jieba.Tokenizer`` with our dictionaries, and the ``tokens`` table.

- ``make_tokenizer()`` builds a fresh ``jieba.Tokenizer`` (never jieba's global default) with the
  package's user dictionary (``resources/userdict.txt``, lines ``word freq tag``) and the
  multi-character stopwords of ``resources/stopwords.csv`` (a stopword that segmentation cuts
  apart, such as 各位代表 or 一是, could never be removed). ``extra_words`` adds words from a
  notebook cell without editing the package.
- Frequencies in the user dictionary are used as written (some are deliberately low, see the
  file's header); entries without one (extra words, stopwords) get jieba's suggested frequency,
  the lowest that keeps the word whole. Words that do not come out whole even on their own are
  listed in ``tokenizer.juye_info["split_alone"]`` (a test keeps that list empty).
- jieba's dictionary cache goes to :func:`juye_analysis.paths.cache_dir` (per user, writable),
  not to the shared system temp folder; jieba's import-time warnings and log lines are silenced.
- **HMM is off** (``HMM = False``), decided once for the whole package. With HMM on, jieba glues
  unknown character runs into words that exist nowhere (on the 2024 report: 个村, 办件, 骏舒新,
  培新育, 粮于技) and a count then depends on the HMM model rather than on a dictionary one can
  read; with HMM off every multi-character token is a word of jieba's dictionary or of ours, and
  words missing from both fall apart into single characters, which shows where the user
  dictionary needs an entry. Numbers are never taken from tokens (HMM off turns 447.6 into
  447/./6): they live in the ``quantities`` table, and tokens that are numbers, numerals with
  their unit (5万亩, 一千, 第三名) or punctuation are flagged so counts can leave them out.

A tokenizer, for every function here, is either a ``jieba.Tokenizer`` (ours or any other) or any
callable ``str -> iterable of str`` whose tokens appear in the text in order (tests use
:func:`whitespace_tokenizer`, so counts do not depend on jieba).
"""
from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from functools import lru_cache
import pandas as pd
from ..paths import cache_dir
from .. import resource_files as resources


HMM = False  # decided once for the package; see the module docstring


def _import_jieba():
    """jieba, imported with its warnings (pkg_resources, SyntaxWarning) and log lines silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg  # noqa: F401  (imported here, so its warnings are silenced too)
    jieba.setLogLevel(logging.WARNING)  # "Building prefix dict…" lines on stderr
    return jieba


def read_userdict(path=None) -> list[tuple[str, int | None, str | None]]:
    """Entries ``(word, freq, tag)`` of a user dictionary in jieba's format: ``path``, default the
    package's ``resources/userdict.txt`` (the format and its checks:
    :func:`juye_analysis.resource_files.parse_userdict`)."""
    return list(resources.userdict()) if path is None else resources.parse_userdict(path)


def read_stopwords_table() -> pd.DataFrame:
    """``resources/stopwords.csv``: columns word, tier, source, note (one row per word and tier)."""
    return resources.stopwords().copy()


def make_tokenizer(extra_words: Iterable = (), hmm: bool = HMM, *, userdict=None,
                   stopword_words: bool = True):
    """A new ``jieba.Tokenizer`` with our user dictionary (and ``extra_words``).

    ``extra_words``: words (``"新质生产力"``) or ``(word, freq, tag)`` tuples, added after the
    user dictionary, e.g. from a notebook cell. ``hmm`` is recorded on the tokenizer and used by
    :func:`tokenize_text`; leave it at the package's choice (``HMM``) for comparable counts.
    ``userdict``: another dictionary file in the same format. ``stopword_words``: also add the
    multi-character stopwords as words, so they come out whole and can be removed.

    The tokenizer carries ``juye_hmm`` (bool), ``juye_words`` (the dictionary and extra words,
    protected from the number rule: 十四五, 4A级景区) and ``juye_info`` (a dict: jieba version,
    hmm, number of words, words that do not come out whole on their own, the cache file).
    """
    jieba = _import_jieba()
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir())
    tk.cache_file = f"jieba-{jieba.__version__}-default-dict.cache"
    tk.initialize()
    entries = list(read_userdict(userdict))
    known = {w for w, _, _ in entries}
    if stopword_words:  # stopwords are not protected from the number rule (亿元 is a stopword)
        stop = [w for w in read_stopwords_table()["word"] if len(w) > 1 and w not in known]
        entries += [(w, None, None) for w in dict.fromkeys(stop)]
    extra = [(item, None, None) if isinstance(item, str) else tuple(item) + (None,) * (3 - len(item))
             for item in extra_words]
    entries += extra
    words = []
    for word, freq, tag in entries:
        if freq is None:  # jieba's suggested frequency: the lowest that keeps the word whole
            tk.add_word(word, freq=tk.suggest_freq(word), tag=tag)
        else:  # the file's frequency is kept as written (some are deliberately low)
            tk.add_word(word, freq=int(freq), tag=tag)
        words.append(word)
    protected = known | {w for w, _, _ in extra}
    # Record (do not repair) words that do not even come out whole on their own.
    split_alone = [w for w in dict.fromkeys(words) if tk.lcut(w, HMM=False) != [w]]
    tk.juye_hmm = bool(hmm)
    tk.juye_words = frozenset(protected)
    tk.juye_info = {"jieba": jieba.__version__, "hmm": bool(hmm), "n_words": len(set(words)),
                    "split_alone": split_alone, "cache": str(cache_dir() / tk.cache_file)}
    return tk


@lru_cache(maxsize=4)
def default_tokenizer(hmm: bool = HMM):
    """The package's tokenizer (built once per process; ``make_tokenizer()`` for a fresh one)."""
    return make_tokenizer(hmm=hmm)


def whitespace_tokenizer(text: str) -> list[str]:
    """Tokens separated by whitespace (for tests and pre-segmented text)."""
    return text.split()


def _is_jieba_tokenizer(tokenizer) -> bool:
    return hasattr(tokenizer, "tokenize") and hasattr(tokenizer, "FREQ")


def tokenize_spans(text: str, tokenizer=None) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` of every token of ``text`` (whitespace dropped), offsets into ``text``."""
    tokenizer = default_tokenizer() if tokenizer is None else tokenizer
    if _is_jieba_tokenizer(tokenizer):
        hmm = getattr(tokenizer, "juye_hmm", HMM)
        return [(w, s, e) for w, s, e in tokenizer.tokenize(text, HMM=hmm) if w.strip()]
    if not callable(tokenizer):
        raise TypeError("tokenizer: a jieba.Tokenizer or a callable str -> iterable of str")
    spans, pos = [], 0
    for token in tokenizer(text):
        if not token or not token.strip():
            continue
        start = text.find(token, pos)
        if start < 0:
            raise ValueError(f"tokenizer returned {token!r}, not found in the text after offset {pos}")
        pos = start + len(token)
        spans.append((token, start, pos))
    return spans


def tokenize_text(text: str, tokenizer=None) -> list[str]:
    """The tokens of ``text`` (whitespace dropped), with our tokenizer unless one is given."""
    return [w for w, _, _ in tokenize_spans(text, tokenizer)]


def tokenizer_info(tokenizer=None) -> dict:
    """How the tokenizer was made (jieba version, HMM, number of words, words split even alone)."""
    tokenizer = default_tokenizer() if tokenizer is None else tokenizer
    return dict(getattr(tokenizer, "juye_info", {"tokenizer": repr(tokenizer)}))
