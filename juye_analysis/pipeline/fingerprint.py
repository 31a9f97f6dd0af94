"""Fingerprints of the tables: what each table's cache key is made of (the code it runs and the
files it reads).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from .. import resource_files as resources
from ..paths import PACKAGE_DIR
from .steps import PER_REPORT_TABLES


# The resource files each table depends on (a change rebuilds that table and those after it).
# Tables not listed depend on no resource file beyond those of the tables before them.
TABLE_RESOURCES: dict[str, tuple[str, ...]] = {
    "sentences": ("structure.csv", "web_boilerplate.csv"),
    "tokens": ("userdict.txt", "stopwords.csv"),
    "theme_attention": ("themes.csv",),
    "quantities": ("units.csv", "scales.csv", "qualifiers.csv", "numeral_names.txt",
                   "extraction_words.csv"),
    "indicators": ("indicators.csv", "paired_terms.csv"),
}


# The code every table depends on (reading and normalising).
COMMON_CODE = ("text.py", "messy.py", "corpus.py", "resources.py", "metadata.py", "build.py")


@lru_cache(maxsize=None)
def _file_hash(name: str) -> str:
    path = PACKAGE_DIR / name
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def fingerprints() -> list[tuple[str, str]]:
    """(table, hash of the code and resource files it depends on), in build order."""
    res = resources.resource_hashes()
    common = "".join(_file_hash(n) for n in COMMON_CODE)
    out = [("sentences", common + "".join(res.get(r, "") for r in TABLE_RESOURCES["sentences"]))]
    for name, spec in PER_REPORT_TABLES:
        module = spec.partition(":")[0]
        deps = "".join(res.get(r, "") for r in TABLE_RESOURCES.get(name, ()))
        out.append((name, common + _file_hash(f"{module}.py") + deps))
    return out
