"""Reading a report as it comes: decoding, normalisation (web pages, Traditional characters,
PDF artefacts) with a map back to the raw text, metadata, and the sentence structure.
"""
from .decode import decode_bytes, max_file_bytes, read_text  # noqa: F401
from .headings import PART_HEADING, SECTION_HEADING, LIST_ITEM, SALUTATION, SPEAKER, is_heading  # noqa: F401
from .metadata import METADATA_FILE, REPORT_COLUMNS, REQUIRED, TEXT_SUFFIXES, sha256_file, read_metadata, validate_metadata, load_metadata, choose_report  # noqa: F401
from .normalize import NormalizedText, normalize  # noqa: F401
from .report import cn_ordinal, Report, infer_years, infer_county, read_report, report_from_text  # noqa: F401
from .structure import SENTENCE_COLUMNS, split_sentences, part_role, sentences_table, structure_summary  # noqa: F401
from .traditional import traditional_share, to_simplified  # noqa: F401
from .web import looks_like_html, strip_html, drop_navigation_lines  # noqa: F401
