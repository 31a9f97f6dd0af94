"""Decoding report files (read/decode.py), issue 11 defect 12: UTF-16 without a byte-order mark
is decoded, not called a binary file; binary files still are."""
from __future__ import annotations

import pytest

from juye_analysis.errors import UserError
from juye_analysis.read.decode import decode_bytes, read_text

from .conftest import REPORT_2024

TEXT = REPORT_2024.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_not_called_binary(tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode(encoding))  # no BOM: NULs (ASCII high bytes) at one parity
    text, found = read_text(path)[:2]
    assert (text, found) == (TEXT, "utf-16")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_of_han_characters_alone_is_decoded(encoding):
    """Only U+xx00 characters (一) put NULs there, at the 'wrong' parity for ASCII."""
    han = "".join(c for c in TEXT if "\u4e00" <= c <= "\u9fff")[:3000]
    assert "一" in han
    assert decode_bytes(han.encode(encoding), "x.txt") == (han, "utf-16")


def test_binary_files_with_nuls_are_still_binary():
    for data in (b"\x00\x01\x02binary\x00" * 50, bytes(range(256)) * 40, b"PK\x03\x04" + bytes(500)):
        with pytest.raises(UserError, match="binary"):
            decode_bytes(data, "x.bin")
