"""CSV for spreadsheets: text cells that Excel (or LibreOffice) would read as a formula are
written with a leading apostrophe (the OWASP practice against CSV injection).

A text cell is escaped when it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``; a sentence ``-3项…`` becomes ``'-3项…``).
Only text columns are touched: numbers stay numbers (a negative value in a numeric column is
written as ``-3.5``). Parquet and the other formats keep the exact text.

A list cell (the panel's ``sentence_ids``) has no CSV form: it is written as its items joined by
``LIST_SEPARATOR`` (``12;40``), here and in the Stata export.
"""
from __future__ import annotations

import pandas as pd


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP, "CSV Injection"


_PATTERN = "^[=+\\-@\t\r]"


LIST_SEPARATOR = ";"


def join_list(value):
    """A list cell as text (``[12, 40]`` → ``"12;40"``); any other value unchanged."""
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def escape_cell(value):
    """``value`` with a leading apostrophe if it is text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def escape_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells are escaped (columns of other types unchanged)."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s):
            out[col] = s.map(lambda v: escape_cell(join_list(v)), na_action="ignore")
    return out


def escape_arrow(table):
    """The Arrow table with its string columns escaped (the CSV writer of the build)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for field, column in zip(table.schema, table.columns):
        if pa.types.is_dictionary(field.type) and pa.types.is_string(field.type.value_type):
            column = column.cast(pa.string())
        if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
            column = pc.binary_join(column.cast(pa.list_(pa.string())), LIST_SEPARATOR)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            hit = pc.match_substring_regex(column, _PATTERN)
            if pc.any(hit).as_py():
                quote, empty = pa.scalar("'", column.type), pa.scalar("", column.type)
                column = pc.if_else(hit, pc.binary_join_element_wise(quote, column, empty), column)
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=None, names=table.column_names)
