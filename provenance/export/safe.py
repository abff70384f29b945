"""Escaping shared by the web formats (ClaimReview JSON-LD, the HTML report, DOT labels).

Article text is untrusted. JSON that may be pasted into a ``<script>`` element (JSON-LD is
usually embedded in a page that way; the HTML report embeds its data so) must not be able to
close the element or open an HTML comment, and must survive JavaScript parsers that treat
U+2028/U+2029 as line ends. Escaping ``<``, ``>`` and ``&`` as ``\\u003c`` and so on keeps the
JSON value identical while removing every character that means something to HTML.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["is_web_url", "script_json"]

_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")

_WEB_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def script_json(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element.

    The characters ``< > &`` and U+2028/U+2029 only occur inside JSON strings, where the
    ``\\uXXXX`` escapes written here decode to the same characters, so any JSON parser reads the
    same value back.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=False)
    return _SCRIPT_UNSAFE_RE.sub(lambda m: _SCRIPT_UNSAFE[m.group()], text)


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` is a plain http(s) URL, the only kind any format turns into a link.

    ``javascript:``, ``data:`` and URLs with spaces, quotes or angle brackets are not.
    """
    return bool(url) and _WEB_URL.fullmatch(url or "") is not None
