"""The term proposer (juye_analysis.words.propose) on tiny hand-made texts."""
import math

import pytest
from collections import Counter

from juye_analysis.words.propose import PROPOSAL_COLUMNS, _entropy, _pmi, han_runs, propose_terms


# Four texts: 放管服 four times with four different neighbours on each side; 甲乙 fillers.
TEXTS = {
    "a": "深化放管服改革。推进放管服工作",
    "b": "落实放管服要求，持续放管服创新",
    "c": "2024年放管服取得成效",
    "d": "抓好放管服试点",
}
LOOSE = {"min_freq": 2, "min_docs": 2, "min_pmi": 0.0, "min_entropy": 1.0}


def test_pmi_is_the_smallest_over_the_cuts():
    # p(放管) = 2/10, p(放) p(管) = 0.2 * 0.2: log2(0.2 / 0.04) = log2(5)
    counts = Counter({"放": 2, "管": 2, "放管": 2})
    assert _pmi("放管", counts, 10) == pytest.approx(math.log2(5))
    # two cuts of 放管服: 放|管服 gives log2(0.1 / (0.2 * 0.1)) = log2(5); 放管|服 gives
    # log2(0.1 / (0.2 * 0.5)) = 0: the smaller one
    counts = Counter({"放": 2, "管": 2, "服": 5, "放管": 2, "管服": 1, "放管服": 1})
    assert _pmi("放管服", counts, 10) == pytest.approx(0.0)


def test_boundary_entropy_counts_each_edge_as_a_new_neighbour():
    assert _entropy(Counter({"化": 1, "进": 1}), 0) == pytest.approx(1.0)
    assert _entropy(Counter(), 2) == pytest.approx(1.0)
    assert _entropy(Counter({"化": 4}), 0) == 0.0


def test_han_runs_leave_out_digits_and_punctuation():
    assert han_runs("2024年放管服，好") == [(4, "年放管服"), (9, "好")]


def test_a_cohesive_free_string_is_proposed_with_counts_and_contexts():
    df = propose_terms(TEXTS, **LOOSE)
    row = df.set_index("term").loc["放管服"]
    assert (row["n"], row["n_docs"], row["n_chars"]) == (6, 4, 3)
    assert row["docs"] == "a;b;c;d"
    assert row["proposed_by"] == "statistics"
    # left neighbours 化 进 实 续 年 好: six different ones, log2(6) bits
    assert row["left_entropy"] == pytest.approx(math.log2(6), abs=1e-3)
    assert row["contexts"].count("【放管服】") == 3
    assert row["contexts"].startswith("a: …深化【放管服】改革")


def test_pieces_digits_known_and_rejected_strings_are_not_proposed():
    df = propose_terms(TEXTS, **LOOSE)
    terms = set(df["term"])
    assert "放管" not in terms and "管服" not in terms  # always inside 放管服
    assert not any(ch.isdigit() for t in terms for ch in t)
    assert "放管服" not in set(propose_terms(TEXTS, known={"放管服"}, **LOOSE)["term"])
    assert "放管服" not in set(propose_terms(TEXTS, rejected={"放管服"}, **LOOSE)["term"])
    # a substring of a protected (dictionary) word is not proposed
    assert "放管服" not in set(propose_terms(TEXTS, protected={"放管服改革"}, **LOOSE)["term"])


def test_thresholds_cut_the_list():
    assert propose_terms(TEXTS, **{**LOOSE, "min_docs": 5}).empty
    assert propose_terms(TEXTS, **{**LOOSE, "min_freq": 7}).empty
    assert propose_terms(TEXTS, **{**LOOSE, "min_entropy": 3.0}).empty


def test_hmm_words_are_a_second_proposer():
    df = propose_terms(TEXTS, hmm_counts={"放管服": 6}, **LOOSE)
    assert df.set_index("term").loc["放管服", "proposed_by"] == "statistics+hmm"
    df = propose_terms(TEXTS, hmm_counts={"放管服": 6}, **{**LOOSE, "min_pmi": 99.0})
    assert df.set_index("term").loc["放管服", "proposed_by"] == "hmm"


def test_the_table_does_not_depend_on_the_order_of_the_texts():
    a = propose_terms(TEXTS, **LOOSE)
    b = propose_terms(dict(reversed(list(TEXTS.items()))), **LOOSE)
    assert a.equals(b)


def test_an_unknown_threshold_is_refused():
    with pytest.raises(TypeError, match="min_frequency"):
        propose_terms(TEXTS, min_frequency=3)


def test_a_candidate_cut_with_a_particle_at_its_edge_is_not_proposed():
    def cut(w):  # a stand-in tokenizer: 放管 and 服 are its words
        return ["放管", "服"] if w == "放管服" else [w]
    assert "放管服" in set(propose_terms(TEXTS, cut=cut, edge_chars={"的"}, **LOOSE)["term"])
    df = propose_terms(TEXTS, cut=cut, edge_chars={"服"}, **LOOSE)
    assert "放管服" not in set(df["term"])
    assert propose_terms(TEXTS, cut=cut, **LOOSE).set_index("term").loc["放管服", "cut"] == "放管/服"


def test_the_script_writes_candidates_and_refuses_a_missing_folder(tmp_path):
    """scripts/propose_terms.py on a folder of two hand-made texts (data/raw left out)."""
    import subprocess
    import sys

    import pandas as pd

    from juye_analysis.paths import PROJ_ROOT

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "terms.csv"
    script = str(PROJ_ROOT / "scripts" / "propose_terms.py")
    done = subprocess.run([sys.executable, script, str(corpus), "--no-raw", "--no-hmm", "--out", str(out),
                           "--min-freq", "2", "--min-docs", "2", "--min-pmi", "0", "--min-entropy", "1"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns) == PROPOSAL_COLUMNS
    assert "放管服" not in set(df["term"])  # a word of userdict.txt is never proposed
    missing = subprocess.run([sys.executable, script, str(tmp_path / "nope"), "--out", str(out)],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "not a folder" in missing.stderr and "Traceback" not in missing.stderr
