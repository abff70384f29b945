"""HTML articles: a saved page or a web URL -> the main text and its metadata.

A news page is mostly not the article: navigation, teasers, comments, scripts. trafilatura (the
optional ``[html]`` extra, imported only when a page is read) finds the main text and reads the
page's metadata (``<title>``, Open Graph and ``article:`` properties, JSON-LD). The extractor
then runs on that main text, so claim spans index into it and it is the text the document stores.

Fetching uses the standard library (``urllib``) with a timeout; every failure (no such host, HTTP
error, timeout, not an HTML page, no main text) is an :class:`~provenance.errors.InputError`
whose one-line message names the URL or file.

Page content is untrusted: scripts and styles never reach the text (trafilatura drops them), a
metadata URL is kept only when it is a plain http(s) URL, and titles and site names are reduced
to one line of printable text.
"""

from __future__ import annotations

import datetime as dt
import email.message
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.errors import InputError
from provenance.inputs import read_text

__all__ = [
    "FETCH_TIMEOUT",
    "HTML_SUFFIXES",
    "INSTALL_HINT",
    "MAX_PAGE_BYTES",
    "Page",
    "fetch",
    "is_html_path",
    "is_url",
    "parse_page",
    "read_page",
]

HTML_SUFFIXES = frozenset({".html", ".htm"})
"""File suffixes read as HTML pages (case-insensitive)."""

FETCH_TIMEOUT = 20.0
"""Seconds to wait for the server to connect or to send more data before giving up."""

MAX_PAGE_BYTES = 20 * 1024 * 1024
"""Largest page body read from a URL; a news article is far smaller, anything bigger is not one."""

INSTALL_HINT = "HTML import needs trafilatura: pip install 'provenance[html]'"
"""What to tell a user whose environment lacks the ``[html]`` extra."""

_USER_AGENT = "provenance/0.1 (claims provenance tracker; +https://schema.org/ClaimReview)"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_WEB_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)
# Control characters (C0, DEL, C1) that must not reach a one-line title or outlet name.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_SPACES = re.compile(r"\s+")
_MAX_NAME = 300  # characters of a title or site name; metadata is not a place for essays


@dataclass(frozen=True)
class Page:
    """The main text of one web page and what its metadata says about it.

    Attributes:
        text: the main text found by trafilatura (paragraphs separated by newlines).
        title: the page's title, if it declares one.
        outlet: the site name (``og:site_name`` and the like), if declared.
        published: the publication date (``article:published_time`` and the like).
        url: the page's canonical http(s) URL, else the URL it was fetched from.
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None


def is_url(value: str) -> bool:
    """Whether a command-line input names a web page (``http://`` or ``https://`` with a host)."""
    parts = urllib.parse.urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def is_html_path(path: Path) -> bool:
    """Whether a local file is read as an HTML page (by its suffix)."""
    return path.suffix.lower() in HTML_SUFFIXES


def read_page(source: Path | str, *, encoding: str = "utf-8") -> Page:
    """Read a saved HTML page or fetch a URL, and find its main text and metadata.

    Args:
        source: a local ``.html``/``.htm`` file, or an http(s) URL as a string.
        encoding: text encoding of a local file (a fetched page's comes from the server).

    Raises:
        InputError: the file or URL cannot be read, trafilatura is missing, or the page has
            no main text.
    """
    if isinstance(source, str) and is_url(source):
        body, charset, final_url = fetch(source)
        return parse_page(_decode(body, charset), source=source, url=final_url)
    path = Path(source)
    # The same cap as a fetched page: a saved page is no more trusted than a downloaded one.
    html = read_text(path, encoding=encoding, what="HTML page", max_bytes=MAX_PAGE_BYTES)
    return parse_page(html, source=str(path))


def fetch(url: str, *, timeout: float | None = None) -> tuple[bytes, str | None, str]:
    """Download one web page.

    Args:
        url: an http(s) URL.
        timeout: seconds to wait for the connection and for each read (default
            :data:`FETCH_TIMEOUT`, read at call time).

    Returns:
        The body, the charset the server declared (if any), and the URL after redirects.

    Raises:
        InputError: bad URL, network failure, HTTP error status, timeout, a body that is not
            HTML, or one larger than :data:`MAX_PAGE_BYTES`.
    """
    if not is_url(url):
        raise InputError(f"{url}: not an http(s) URL")
    if timeout is None:
        timeout = FETCH_TIMEOUT
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers: email.message.Message = response.headers
            content_type = headers.get_content_type()
            # A server that sends no type gets the benefit of the doubt (get_content_type then
            # says text/plain); a declared PDF or image is refused before reading it.
            if headers.get("Content-Type") and content_type not in _HTML_TYPES:
                raise InputError(f"{url}: not an HTML page (the server sent {content_type})")
            body: bytes = response.read(MAX_PAGE_BYTES + 1)
            charset = headers.get_content_charset()
            final_url = str(response.geturl() or url)
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: cannot fetch the page (HTTP {exc.code} {exc.reason})") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise InputError(f"{url}: no answer within {timeout:g} s; try again later") from None
        raise InputError(f"{url}: cannot fetch the page ({_reason(reason)})") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g} s; try again later") from None
    except (OSError, ValueError) as exc:
        # Connection reset mid-body, an invalid port and the like.
        raise InputError(f"{url}: cannot fetch the page ({_reason(exc)})") from None
    if len(body) > MAX_PAGE_BYTES:
        raise InputError(f"{url}: the page is larger than {MAX_PAGE_BYTES // 2**20} MB")
    if not body.strip():
        raise InputError(f"{url}: the page is empty")
    return body, charset, final_url if is_url(final_url) else url


def parse_page(html: str, *, source: str, url: str | None = None) -> Page:
    """Find the main text and the metadata of an HTML page.

    Args:
        html: the page's HTML.
        source: the file or URL it came from (named in error messages).
        url: the URL it was fetched from, used when the page declares no canonical URL.

    Raises:
        InputError: trafilatura is missing, or the page has no main text.
    """
    trafilatura = _trafilatura(source)
    try:
        result: Any = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the article
            include_tables=True,
            # Only the dates the page declares: a date guessed from the body text could be any
            # date the article mentions, and it would anchor "on Friday" wrongly.
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": dt.date.today().isoformat(),
            },
        )
    except Exception as exc:  # trafilatura's parser failing on odd markup is the page's fault
        raise InputError(f"{source}: cannot read the HTML page ({type(exc).__name__})") from None
    if result is None:
        raise InputError(f"{source}: no article text found in the HTML page")
    meta: dict[str, Any] = result if isinstance(result, dict) else result.as_dict()
    text = str(meta.get("text") or "").strip()
    if not text:
        raise InputError(f"{source}: no article text found in the HTML page")
    page_url = meta.get("url")
    return Page(
        text=text,
        title=_one_line(meta.get("title")),
        outlet=_one_line(meta.get("sitename")),
        published=_date(meta.get("date")),
        url=page_url if _is_web_url(page_url) else (url if _is_web_url(url) else None),
    )


def _trafilatura(source: str) -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        # A broken install (trafilatura present, one of its own dependencies missing) gets the
        # same hint plus the missing module, which is what the user has to install.
        detail = "" if exc.name == "trafilatura" else f" ({' '.join(str(exc).split())})"
        raise InputError(f"{source}: {INSTALL_HINT}{detail}") from None
    # trafilatura logs warnings about the markup it discards; the user asked for the article,
    # and stray log lines on stderr would break the one-line message contract.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return trafilatura


def _decode(body: bytes, charset: str | None) -> str:
    # The server's charset wins; without one, HTML on the web is overwhelmingly UTF-8, and a
    # wrong guess only garbles a few characters of a page that declares nothing.
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            pass
    return body.decode("utf-8", errors="replace").removeprefix("\ufeff")


def _one_line(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", _CONTROL.sub(" ", value)).strip()
    return text[:_MAX_NAME].rstrip() or None


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _is_web_url(value: Any) -> bool:
    return isinstance(value, str) and _WEB_URL.fullmatch(value) is not None


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return str(reason.strerror)
    return _one_line(str(reason)) or type(reason).__name__
