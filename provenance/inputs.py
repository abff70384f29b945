"""Reading user files safely: one place that turns OS and encoding failures into one-line errors.

Every reader of user input (claims files, article texts, registry files) goes through
:func:`read_text` so that a missing file, a folder, an unreadable file, a binary file or a text
in the wrong encoding all fail the same way: an :class:`~provenance.errors.InputError` whose
message names the file and says what to do.

Article texts larger than :func:`max_article_bytes` (5 MB unless ``PROVENANCE_MAX_ARTICLE_MB``
says otherwise) are refused before they are read: a news article is rarely above 200 kB, the
extractor needs about a second and 70 MB of memory per megabyte of text, and a file of tens of
megabytes is almost always a dump, a log or a concatenation given by mistake. Claims files and
JSON exports (backups) have no size limit.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from provenance.errors import InputError

# Control bytes that never appear in text files; a NUL in the first block means binary.
_BINARY_SNIFF = 8192

ENV_MAX_ARTICLE_MB = "PROVENANCE_MAX_ARTICLE_MB"
DEFAULT_MAX_ARTICLE_MB = 5


def max_article_bytes() -> int:
    """The largest article text read, in bytes: ``PROVENANCE_MAX_ARTICLE_MB`` or 5 MB."""
    raw = os.environ.get(ENV_MAX_ARTICLE_MB, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_ARTICLE_MB
    except ValueError:
        raise InputError(
            f"{ENV_MAX_ARTICLE_MB}={raw!r} is not a number of megabytes (for example 20)"
        ) from None
    return int(mb * 1_000_000) if mb > 0 else DEFAULT_MAX_ARTICLE_MB * 1_000_000


def _check_size(path: Path, size: int, limit: int | None, what: str) -> None:
    if limit is not None and size > limit:
        # Only the article limit is the user's to raise; other limits are fixed by design.
        raise_it = f", or raise the limit with {ENV_MAX_ARTICLE_MB}" if what == "article" else ""
        raise InputError(
            f"{path}: {size / 1_000_000:.1f} MB is too large for one {what} (the limit is "
            f"{limit / 1_000_000:g} MB); split it into articles{raise_it}"
        )


def read_text(
    path: Path, *, encoding: str = "utf-8", what: str = "file", max_bytes: int | None = None
) -> str:
    """Read a text file, raising :class:`InputError` with a one-line message on any failure.

    Args:
        path: the file to read.
        encoding: text encoding; a decoding failure names the option to change it.
        what: how the message calls the file ("claims file", "article").
        max_bytes: refuse a larger file; None means no limit, except for an ``"article"``,
            which is limited to :func:`max_article_bytes`.

    Returns:
        The decoded text, with a leading byte-order mark removed.
    """
    if max_bytes is None and what == "article":
        max_bytes = max_article_bytes()
    if not path.exists():
        raise InputError(f"{path}: no such {what}; check the path")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give the files inside it")
    try:
        if path.is_file():
            _check_size(path, path.stat().st_size, max_bytes, what)
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the {what} readable") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    _check_size(path, len(data), max_bytes, what)  # a pipe has no size until it is read
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
