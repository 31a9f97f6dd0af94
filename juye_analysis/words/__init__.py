"""Words: the jieba tokenizer with our dictionary, stopwords, term counts, tf-idf, jieba's
keywords, themes, KWIC and collocations.
"""
from .collocations import COLLOCATION_COLUMNS, score_bigrams, collocations_table, count_collocations  # noqa: F401
from .corpus import corpus_tables  # noqa: F401
from .counts import TF_COLUMNS, term_frequencies_table, count_terms  # noqa: F401
from .jieba_keywords import TEXTRANK_POS, jieba_keywords, KEYWORD_COLUMNS, jieba_textrank_table, jieba_tfidf_counts_table, jieba_tfidf_rows, texts_from_sentences  # noqa: F401
from .kwic import KWIC_COLUMNS, kwic, count_text  # noqa: F401
from .matrix import term_matrix, term_dispersion  # noqa: F401
from .scopes import SCOPES, scope_labels, part_spans  # noqa: F401
from .stopwords import DEFAULT_TIERS, MIN_CHARS, load_stopwords, is_term  # noqa: F401
from .tfidf import TFIDF_SECTION_COLUMNS, bind_tf_idf, tfidf_sections_table, tfidf_reports, section_idf  # noqa: F401
from .themes import THEME_COLUMNS, load_themes, find_terms, count_mentions, theme_attention_table, theme_labels, count_themes  # noqa: F401
from .tokenizer import HMM, read_userdict, read_stopwords_table, make_tokenizer, default_tokenizer, whitespace_tokenizer, tokenize_spans, tokenize_text, tokenizer_info  # noqa: F401
from .tokens import TOKEN_COLUMNS, is_punct_token, number_flags, tokens_from_sentences, tokens_table  # noqa: F401
