"""The format of a build-cache entry: data, never code, checked before it is trusted.

An entry is one file, ``<key>.entry`` in ``OUT/.cache``::

    juye-cache-entry 1\\n
    <digest: 64 hex digits>\\n
    <length of the header in bytes>\\n
    <header: JSON>  <payload: the parts, one after the other>

The header lists the parts (``name``, ``type``, ``size``): ``frame``, a DataFrame as one Arrow IPC
stream; ``text``, UTF-8; ``json``, a JSON value (the ``reports`` row). ``digest`` is the sha256 of
the magic line, the key the entry is stored under, the header and the payload: an entry whose bytes
changed (one flipped bit), that was cut short, or that was copied from another key fails the check.
Nothing in an entry is executed: Arrow extension types (which pyarrow could unpickle) are refused.
"""
from __future__ import annotations

import hashlib
import json

import pandas as pd


MAGIC = b"juye-cache-entry 1\n"


SUFFIX = ".entry"


MAX_HEADER = 1 << 20


class EntryError(ValueError):
    """An entry that is not what its key says it is (the message says why)."""


# kind → the types of its parts, in order (one name per part; "*" is any number of frames)
KINDS = {
    "first": (("row", "json"), ("sentences", "frame"), ("text", "text")),
    "frame": (("table", "frame"),),
    "tables": (("*", "frame"),),
}


def _digest(key: str, header: bytes, payload: bytes) -> str:
    h = hashlib.sha256(MAGIC)
    h.update(key.encode("ascii", "replace") + b"\0")
    h.update(header)
    h.update(payload)
    return h.hexdigest()


def _json_default(value):
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _frame_bytes(df: pd.DataFrame) -> bytes:
    import pyarrow as pa

    table = pa.Table.from_pandas(df, preserve_index=None)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _frame(data: bytes) -> pd.DataFrame:
    import pyarrow as pa

    table = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
    for field in table.schema:
        if isinstance(field.type, pa.ExtensionType) or "extension" in str(field.type):
            raise EntryError(f"column {field.name} has an extension type")
    return table.to_pandas()


def encode(key: str, kind: str, value) -> bytes:
    """The bytes of an entry holding ``value``: for ``first`` (row, sentences, text), for
    ``frame`` a DataFrame, for ``tables`` a dict name → DataFrame."""
    if kind == "first":
        row, sentences, text = value
        parts = [("row", "json", json.dumps(row, ensure_ascii=False, default=_json_default)
                  .encode("utf-8")), ("sentences", "frame", _frame_bytes(sentences)),
                 ("text", "text", text.encode("utf-8"))]
    elif kind == "frame":
        parts = [("table", "frame", _frame_bytes(value))]
    elif kind == "tables":
        parts = [(str(name), "frame", _frame_bytes(df)) for name, df in value.items()]
    else:
        raise ValueError(kind)
    header = json.dumps({"key": key, "kind": kind,
                         "parts": [{"name": n, "type": t, "size": len(b)} for n, t, b in parts]},
                        ensure_ascii=False).encode("utf-8")
    payload = b"".join(b for _, _, b in parts)
    return b"".join([MAGIC, _digest(key, header, payload).encode(), b"\n",
                     str(len(header)).encode(), b"\n", header, payload])


def decode(key: str, kind: str, data: bytes):
    """The value of an entry, checked (raises EntryError naming the problem)."""
    if not data.startswith(MAGIC):
        raise EntryError("not a cache entry")
    rest = data[len(MAGIC):]
    digest, _, rest = rest.partition(b"\n")
    size, _, rest = rest.partition(b"\n")
    if not size.isdigit() or int(size) > min(MAX_HEADER, len(rest)):
        raise EntryError("truncated or damaged")
    header, payload = rest[:int(size)], rest[int(size):]
    if digest.decode("ascii", "replace") != _digest(key, header, payload):
        raise EntryError("checksum does not match (damaged, or stored under another key)")
    meta = json.loads(header)
    parts, offset, values = meta.get("parts"), 0, {}
    if meta.get("key") != key or meta.get("kind") != kind or not isinstance(parts, list):
        raise EntryError(f"not a {kind} entry for this key")
    want = KINDS[kind]
    got = [(p.get("name"), p.get("type")) if isinstance(p, dict) else None for p in parts]
    if (want[0][0] != "*" and got != list(want)) or \
            (want[0][0] == "*" and any(g is None or g[1] != "frame" for g in got)):
        raise EntryError(f"parts do not match a {kind} entry")
    for part in parts:
        chunk = payload[offset:offset + int(part["size"])]
        offset += int(part["size"])
        if part["type"] == "frame":
            values[part["name"]] = _frame(chunk)
        elif part["type"] == "text":
            values[part["name"]] = chunk.decode("utf-8")
        else:
            values[part["name"]] = json.loads(chunk.decode("utf-8"))
    if offset != len(payload):
        raise EntryError("payload length does not match its header")
    if kind == "first":
        if not isinstance(values["row"], dict):
            raise EntryError("the reports row is not a mapping")
        return values["row"], values["sentences"], values["text"]
    return values["table"] if kind == "frame" else values
