"""Front matter: a metadata header at the top of a plain-text article.

A text file can carry its own title, publication date, outlet and URL in a header, the
convention of Jekyll, Hugo and pandoc::

    ---
    title: Drones downed over Rostov
    published: 2024-04-05
    outlet: Talpress
    url: https://example.org/a/1
    ---
    Body text of the article ...

The header is recognised only when the first line is exactly ``---`` (after an optional UTF-8
byte-order mark) and a closing ``---`` line follows within the first :data:`MAX_LINES` lines
and :data:`MAX_CHARS` characters, every line between them being a ``key: value`` line, a blank
line or a ``#`` comment line. Anything else (no opening line, no closing line, a line of prose
between two ``---`` rules) is not a header, and the text is returned untouched.

This is not YAML: one ``key: value`` per line, no nesting, lists or multi-line values. Keys are
case-insensitive:

* ``published`` or ``date``: an ISO date (``2024-04-05``) or an ISO datetime
  (``2024-04-05T08:30:00+02:00``), of which the date as written is kept;
* ``outlet``, ``source``, ``site`` or ``publisher``: the outlet's name;
* ``title``; ``url``.

Other keys (``author``, ``tags``, ...) are ignored. A value may be quoted with ``'...'`` or
``"..."`` (the quotes are removed; there are no escapes); an empty value says nothing. When a
field is given twice (``date`` and ``published``), the later line wins. A ``#`` starts a comment
only at the beginning of a line (a URL fragment stays in the URL).

The body is the text after the newline that ends the closing ``---`` line: it is what the
document stores and what claim spans index into, exactly as an HTML page is reduced to its main
text. Only the header lines are removed; the body is not stripped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from provenance.errors import InputError

__all__ = ["DELIMITER", "MAX_CHARS", "MAX_LINES", "FrontMatter", "split_front_matter"]

DELIMITER = "---"
"""The line that opens and closes a header."""

MAX_LINES = 50
"""The closing ``---`` must be at most this line of the file (the opening line is line 1)."""

MAX_CHARS = 4096
"""The header, both ``---`` lines included, is at most this many characters."""

_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_FIELDS = {
    "title": "title",
    "published": "published",
    "date": "published",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "publisher": "outlet",
    "url": "url",
}
_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2})"  # the date, kept
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?)?",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_SHOWN = 60  # characters of a bad value quoted in an error message


@dataclass(frozen=True)
class FrontMatter:
    """What an article's header says about it (None where it says nothing).

    Attributes:
        title: the article's title.
        published: the publication date.
        outlet: the name of the outlet that published it.
        url: where it was published.
    """

    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


def split_front_matter(text: str, *, source: str) -> tuple[FrontMatter, str]:
    """Split an article text into its front matter and its body.

    Args:
        text: the article text as read (a leading byte-order mark is allowed).
        source: the file the text came from, named in error messages.

    Returns:
        The metadata of the header and the body after it; without a header, an empty
        :class:`FrontMatter` and ``text`` unchanged.

    Raises:
        InputError: the header's ``published``/``date`` value is not an ISO date or datetime.
    """
    found = _header(text)
    if found is None:
        return FrontMatter(), text
    lines, body_start = found
    fields: dict[str, str] = {}
    keys: dict[str, str] = {}
    for key, value in lines:
        name = _FIELDS.get(key)
        if name is None:
            continue  # an unknown key says nothing we keep
        cleaned = _value(value)
        if cleaned:
            fields[name] = cleaned
            keys[name] = key
    published = None
    if "published" in fields:
        published = _date(fields["published"], key=keys["published"], source=source)
    return (
        FrontMatter(
            title=fields.get("title"),
            published=published,
            outlet=fields.get("outlet"),
            url=fields.get("url"),
        ),
        text[body_start:],
    )


def _header(text: str) -> tuple[list[tuple[str, str]], int] | None:
    """The ``(key, raw value)`` lines of the header and where the body starts, or None when
    the text has no header."""
    start = 1 if text.startswith("\ufeff") else 0
    limit = start + MAX_CHARS
    pos = start
    lines: list[tuple[str, str]] = []
    for number in range(1, MAX_LINES + 1):
        newline = text.find("\n", pos, limit)
        if newline < 0 and len(text) > limit:
            return None  # the header would run past MAX_CHARS
        end = len(text) if newline < 0 else newline + 1
        line = text[pos : end if newline < 0 else newline].removesuffix("\r")
        if number == 1:
            if line != DELIMITER:
                return None
        elif line == DELIMITER:
            return lines, end
        else:
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                key, colon, value = stripped.partition(":")
                key = key.strip()
                if not colon or _KEY.fullmatch(key) is None:
                    return None  # prose between two rules, not a header
                lines.append((key.lower(), value))
        if newline < 0:
            return None  # the text ends before a closing line
        pos = end
    return None


def _value(raw: str) -> str | None:
    """A value unquoted and reduced to one line of printable text (None when empty)."""
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    value = " ".join(_CONTROL.sub(" ", value).split())
    return value or None


def _date(value: str, *, key: str, source: str) -> dt.date:
    """The date of an ISO date or datetime value."""
    match = _ISO.fullmatch(value)
    if match is not None:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            pass  # 2024-02-30 and the like
    shown = value if len(value) <= _SHOWN else value[: _SHOWN - 3] + "..."
    raise InputError(f"{source}: front matter {key!r} is not a date: {shown!r} (write YYYY-MM-DD)")
