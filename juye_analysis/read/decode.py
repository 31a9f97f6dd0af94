"""Decoding a report file: UTF-8 (with or without BOM), GB18030, UTF-16 (with or without BOM);
a PDF or a Word file (.docx) told by its content (``%PDF``; a zip archive holding
``word/document.xml``), whatever its name, and its text layer extracted in memory; binary or
empty files refused with one line.
"""
from __future__ import annotations

import codecs
import os
from pathlib import Path
from ..errors import UserError
from .chars import _HAN


_ENCODINGS = ("utf-8", "gb18030")


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode a report's bytes; return ``(text, encoding)``.

    Accepts UTF-8 (with or without BOM), UTF-16 with BOM, UTF-16 without BOM (its NUL bytes all
    at odd offsets for little-endian, even for big-endian; or, without NULs, when neither UTF-8
    nor GB18030 gives a Chinese text) and GB18030/GBK. Raises :class:`UserError` for an empty,
    binary or undecodable file.
    """
    if not data.strip():
        raise UserError(path, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data:
        candidates = _utf16_by_nuls(data)
        if not candidates:
            raise UserError(path, "binary file (contains NUL bytes), not a text report")
    else:
        candidates = [*_ENCODINGS, *(("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ())]
    first_problem = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
            if encoding.startswith("utf-16-") and not _mostly_han(text):
                continue
            _check_looks_like_text(text, path, encoding)
        except UnicodeDecodeError:
            continue
        except UserError as exc:
            first_problem = first_problem or exc
            continue
        return text, {"utf-8-sig": "utf-8", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(encoding, encoding)
    if first_problem is not None:
        raise first_problem
    if b"\x00" in data:
        raise UserError(path, "binary file (contains NUL bytes), not a text report")
    raise UserError(path, "cannot decode the file as UTF-8 or GB18030; save it as UTF-8")


def _utf16_by_nuls(data: bytes) -> list[str]:
    """UTF-16 without a byte-order mark, told by where its NUL bytes are: the high byte of every
    ASCII character (digits, newlines) is NUL, so in a little-endian file most NULs are at odd
    offsets (a Han character U+xx00 such as 一 puts a few at even ones), and the reverse for
    big-endian; the other order is tried next (a text of Han characters alone has only the
    NULs of U+xx00). [] when neither parity dominates (a binary file)."""
    if len(data) % 2:
        return []
    odd, even = data[1::2].count(0), data[0::2].count(0)
    if odd >= 4 * even:
        return ["utf-16-le", "utf-16-be"]
    if even >= 4 * odd:
        return ["utf-16-be", "utf-16-le"]
    return []


def _mostly_han(text: str) -> bool:
    """A UTF-16 guess is kept only when the text reads as Chinese (a third of it Han)."""
    sample = "".join(text[:200_000].split())
    return bool(sample) and len(_HAN.findall(sample)) >= len(sample) / 3


def _check_looks_like_text(text: str, path, encoding: str) -> None:
    from .web import without_data_uris  # an inline image before the text is not the text

    sample = without_data_uris(text)[:200_000]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if control > max(3, len(sample) // 1000):
        raise UserError(path, f"binary or corrupt file (control characters after decoding as {encoding})")
    han = len(_HAN.findall(sample))
    if han == 0:
        raise UserError(path, "no Chinese text found; is this a report?")
    odd = sum(1 for c in sample if 0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd")
    if odd > max(3, len(sample) // 200):
        raise UserError(path, f"the text looks garbled when decoded as {encoding}; save it as UTF-8")


def max_file_bytes() -> int:
    """Largest file read as one report (``JUYE_MAX_FILE_MB``, default 20 MB; reports are < 1 MB)."""
    return int(float(os.environ.get("JUYE_MAX_FILE_MB", "20")) * 1_000_000)


def sniff_format(data: bytes, path: str | Path = "<bytes>") -> str:
    """The file's format by its content: pdf, docx or text (HTML is told later, from the
    decoded text). Refuses, with one line, other zip archives and Word 97-2003 ``.doc`` files."""
    if b"%PDF-" in data[:1024]:  # the header may follow a few bytes of junk
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import io
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise UserError(path, "a damaged zip archive, not a report") from None
        if "word/document.xml" in names:
            return "docx"
        raise UserError(path, "a zip archive that is not a Word .docx file; unpack it, or save the report as .docx, PDF or text")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UserError(path, "a Word 97-2003 .doc file (or another OLE file): save it as .docx or PDF")
    return "text"


def read_document(path: str | Path):
    """Read any report file; return ``(text, encoding, raw bytes, layer)``: for a PDF or Word
    file the text is its extracted text layer, ``encoding`` is "" and ``layer`` the
    :class:`~.pages.TextLayer` (pages, headers and footers, wraps); for a text file ``layer`` is
    None. The file itself is only read."""
    data = _read_bytes(Path(path))
    fmt = sniff_format(data, path)
    if fmt == "pdf":
        from .pdf import pdf_text_layer

        layer = pdf_text_layer(data, path)
    elif fmt == "docx":
        from .word import docx_text_layer

        layer = docx_text_layer(data, path)
        if not _HAN.search(layer.text):
            raise UserError(path, "no Chinese text found in the Word file; is this a report?")
    else:
        text, encoding = decode_bytes(data, path)
        return text, encoding, data, None
    return layer.text, "", data, layer


def read_text(path: str | Path) -> tuple[str, str, bytes]:
    """Read a text file; return ``(decoded text, encoding, raw bytes)``. One-line errors."""
    path = Path(path)
    data = _read_bytes(path)
    text, encoding = decode_bytes(data, path)
    return text, encoding, data


def _read_bytes(path: Path) -> bytes:
    path = Path(path)
    if not path.exists():
        raise UserError(path, "no such file")
    if path.is_dir():
        raise UserError(path, "is a folder, not a text file")
    size = path.stat().st_size
    if size > max_file_bytes():
        raise UserError(path, f"{size / 1e6:.0f} MB is too large for one report (limit "
                              f"{max_file_bytes() / 1e6:.0f} MB; a work report is well under 1 MB): "
                              "split it into one file per report, or raise JUYE_MAX_FILE_MB")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(path, f"cannot read the file ({exc.strerror})") from None
    return data
