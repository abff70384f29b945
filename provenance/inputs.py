"""Reading user files safely: one place that turns OS and encoding failures into one-line errors.

Every reader of user input (claims files, article texts, registry files) goes through
:func:`read_text` so that a missing file, a folder, an unreadable file, a binary file or a text
in the wrong encoding all fail the same way: an :class:`~provenance.errors.InputError` whose
message names the file and says what to do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from provenance.errors import InputError

# Control bytes that never appear in text files; a NUL in the first block means binary.
_BINARY_SNIFF = 8192


def read_text(path: Path, *, encoding: str = "utf-8", what: str = "file") -> str:
    """Read a text file, raising :class:`InputError` with a one-line message on any failure.

    Args:
        path: the file to read.
        encoding: text encoding; a decoding failure names the option to change it.
        what: how the message calls the file ("claims file", "article").

    Returns:
        The decoded text, with a leading byte-order mark removed.
    """
    if not path.exists():
        raise InputError(f"{path}: no such {what}; check the path")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give the files inside it")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the {what} readable") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{path}: the {what} is empty")
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(f"{path}: looks like a binary file, not a text {what}")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid {encoding} text (byte {exc.start}); "
            "convert it to UTF-8 or pass --encoding (for example --encoding cp1252)"
        ) from None
    except LookupError:
        raise InputError(f"{path}: unknown encoding {encoding!r}") from None
    return text.removeprefix("\ufeff")


def read_json(path: Path, *, what: str = "JSON file") -> Any:
    """Read and parse a JSON file; malformed JSON names the line and column."""
    text = read_text(path, what=what)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: malformed JSON at line {exc.lineno} column {exc.colno} ({exc.msg})"
        ) from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None
