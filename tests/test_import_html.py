"""HTML article import: saved pages and URLs through trafilatura, then the extractor.

The pages are written here (a short made-up news story), and URLs are served by the test itself
on 127.0.0.1, so nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import json
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance.importers import html as html_import
from provenance.pipeline import TextOptions, load_path
from provenance.store import Store
from tests.conftest import Invoke

pytest.importorskip("trafilatura")

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Flood barriers hold in river town | Valley Courier</title>
<meta property="og:title" content="Flood barriers hold in river town">
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2025-03-14T08:30:00Z">
<meta property="og:url" content="https://courier.example/news/flood-barriers">
</head><body>
<nav><a href="/">Home</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather</a></nav>
<article>
<h1>Flood barriers hold in river town</h1>
<p>Temporary flood barriers held overnight as the river rose to its highest level in a
decade, the Environment Ministry said on Friday.</p>
<p>About 300 homes were evacuated as a precaution, according to the regional fire service.</p>
<p>"The barriers did exactly what they were designed to do," Mayor Ellen Hart told reporters.
She said a permanent wall would be built next year.</p>
<p>The water level is expected to fall by Sunday.</p>
</article>
<footer>Copyright Valley Courier</footer>
</body></html>
"""

HOSTILE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Bridge \x07reopens <b>after</b>\n repairs</title>
<meta property="og:site_name" content="Harbour\x1b[31m Post">
<meta property="og:url" content="javascript:alert(1)">
<script>alert("head"); document.write("<p>Injected text, the script said.</p>");</script>
<style>body { background: url("javascript:alert(2)") }</style>
</head><body onload="alert(3)">
<article>
<h1>Bridge reopens after repairs</h1>
<p>The old harbour bridge reopened to traffic on Monday after six months of repairs, the
Transport Ministry said.<script>alert("body")</script></p>
<p><a href="javascript:alert(4)">Click here</a> for the diversion map, which the council
published last week with the new bus timetable for the harbour district.</p>
<p>Engineers replaced 40 steel cables and resurfaced the deck, according to the city council.
<img src="x" onerror="alert(5)"></p>
</article>
</body></html>
"""


@pytest.fixture
def page(tmp_path: Path) -> Path:
    """A saved article page with title, site name, date and canonical URL."""
    path = tmp_path / "flood.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- saved pages


def test_saved_page_metadata_becomes_the_document(run: Invoke, db: Path, page: Path) -> None:
    result = run("ingest", str(page))
    assert result.exit_code == 0, result.output
    assert "1 new document(s)" in result.stdout
    with Store(db) as store:
        ds = store.dataset()
    (doc,) = ds.documents
    assert doc.title == "Flood barriers hold in river town"
    assert doc.published == dt.date(2025, 3, 14)
    assert doc.url == "https://courier.example/news/flood-barriers"
    assert doc.source == str(page)
    outlet = ds.actor_index()[doc.outlet or ""]
    assert outlet.name == "Valley Courier"
    # The stored text is the extracted main text: no navigation, no footer.
    assert doc.text.startswith("Flood barriers hold in river town")
    assert "Sport" not in doc.text and "Copyright" not in doc.text
    # Spans index into that text.
    attributed = [c for c in ds.claims if not c.unattributed]
    assert attributed
    for claim in ds.claims:
        assert doc.text[claim.span[0] : claim.span[1]] == claim.text
    speakers = {ds.actor_index()[c.speaker or ""].name for c in attributed}
    assert {"Environment Ministry", "Ellen Hart"} <= speakers
    ministry = next(c for c in attributed if c.speaker == "environment-ministry")
    assert ministry.text.startswith("Temporary flood barriers held overnight")


def test_command_line_metadata_overrides_the_page(run: Invoke, db: Path, page: Path) -> None:
    result = run(
        "ingest",
        str(page),
        "--outlet",
        "River Wire",
        "--published",
        "2025-03-15",
        "--url",
        "https://wire.example/flood",
        "--title",
        "Barriers hold",
    )
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        ds = store.dataset()
    (doc,) = ds.documents
    assert (doc.title, doc.published, doc.url) == (
        "Barriers hold",
        dt.date(2025, 3, 15),
        "https://wire.example/flood",
    )
    assert ds.actor_index()[doc.outlet or ""].name == "River Wire"


def test_extract_accepts_html_pages(run: Invoke, db: Path, page: Path) -> None:
    result = run("extract", str(page), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (doc,) = data["documents"]
    assert doc["title"] == "Flood barriers hold in river town"
    assert doc["published"] == "2025-03-14"
    assert any(
        c["text"] == "About 300 homes were evacuated as a precaution" for c in data["claims"]
    )
    assert not db.exists()  # extract never writes a store


def test_htm_suffix_and_load_path(tmp_path: Path) -> None:
    path = tmp_path / "FLOOD.HTM"
    path.write_text(PAGE, encoding="utf-8")
    ds = load_path(path, TextOptions())
    assert ds.documents[0].title == "Flood barriers hold in river town"


def test_hostile_page_is_harmless(run: Invoke, db: Path, tmp_path: Path) -> None:
    path = tmp_path / "bridge.html"
    path.write_text(HOSTILE, encoding="utf-8")
    result = run("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    with Store(db) as store:
        ds = store.dataset()
    (doc,) = ds.documents
    assert "alert" not in doc.text and "Injected" not in doc.text and "onerror" not in doc.text
    assert doc.url is None  # a javascript: URL is never kept
    assert doc.title is not None and doc.title.isprintable()
    outlet = ds.actor_index()[doc.outlet or ""]
    assert outlet.name.isprintable() and "\x1b" not in outlet.name
    claim = next(c for c in ds.claims if c.speaker == "transport-ministry")
    assert claim.text.startswith("The old harbour bridge reopened to traffic on Monday")
    shown = run("show", "old harbour bridge")
    assert shown.exit_code == 0
    assert "Transport Ministry" in shown.stdout


def test_missing_html_file_is_a_one_line_error(run: Invoke, db: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.html"
    result = run("ingest", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"error: {missing}: no such HTML page; check the path\n"
    missing_txt = tmp_path / "nowhere.txt"
    result = run("extract", str(missing_txt))
    assert result.exit_code == 1
    assert result.stderr == f"error: {missing_txt}: no such article; check the path\n"
    assert not db.exists() or Store(db).counts()["documents"] == 0


def test_page_without_article_text(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", "utf-8")
    result = run("ingest", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: no article text found in the HTML page\n"


def test_missing_trafilatura_says_what_to_install(
    run: Invoke, page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    result = run("ingest", str(page))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {page}: HTML import needs trafilatura: pip install 'provenance[html]'\n"
    )


# --------------------------------------------------------------------------- URLs


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves the test pages: /flood.html, /notes.pdf, /slow.html; anything else is a 404."""

    def do_GET(self) -> None:
        if self.path == "/slow.html":
            time.sleep(1.5)
        if self.path in ("/flood.html", "/slow.html"):
            # No og:url: the document URL must then be the one the page was fetched from.
            body = PAGE.replace(
                '<meta property="og:url" content="https://courier.example/news/flood-barriers">',
                "",
            ).encode("utf-8")
            content_type = "text/html; charset=utf-8"
        elif self.path == "/notes.pdf":
            body, content_type = b"%PDF-1.4 not a page", "application/pdf"
        else:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (the timeout test)
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """Base URL of an HTTP server on 127.0.0.1 (a free port), for the length of one test."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_ingest_a_url(run: Invoke, db: Path, server: str) -> None:
    url = f"{server}/flood.html"
    result = run("ingest", url)
    assert result.exit_code == 0, result.output
    assert "1 new document(s)" in result.stdout
    with Store(db) as store:
        ds = store.dataset()
        appearances = store.appearances(ds.documents[0].id)
    (doc,) = ds.documents
    # The URL keeps its "//" (a Path would have made it "http:/127.0.0.1...").
    assert doc.source == url
    assert doc.url == url
    assert doc.title == "Flood barriers hold in river town"
    assert doc.published == dt.date(2025, 3, 14)
    assert ds.actor_index()[doc.outlet or ""].name == "Valley Courier"
    assert any(app["source"] == url for app in appearances)
    for claim in ds.claims:
        assert doc.text[claim.span[0] : claim.span[1]] == claim.text


def test_extract_a_url(run: Invoke, server: str) -> None:
    result = run("extract", f"{server}/flood.html", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"][0]["source"] == f"{server}/flood.html"


def test_url_errors_are_one_line_and_leave_the_store_unchanged(
    run: Invoke, db: Path, page: Path, server: str
) -> None:
    missing = f"{server}/gone.html"
    result = run("ingest", str(page), missing)
    assert result.exit_code == 1
    assert result.stderr == f"error: {missing}: cannot fetch the page (HTTP 404 Not Found)\n"
    assert result.stdout == ""
    assert not db.exists() or Store(db).counts()["documents"] == 0

    pdf = f"{server}/notes.pdf"
    result = run("ingest", pdf)
    assert result.exit_code == 1
    assert result.stderr == f"error: {pdf}: not an HTML page (the server sent application/pdf)\n"


def test_unreachable_and_slow_servers(
    run: Invoke, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A port nobody listens on: take a free one and close it again.
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    closed = f"http://127.0.0.1:{port}/flood.html"
    result = run("ingest", closed)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {closed}: cannot fetch the page (")
    assert result.stderr.count("\n") == 1

    monkeypatch.setattr(html_import, "FETCH_TIMEOUT", 0.3)
    slow = f"{server}/slow.html"
    result = run("ingest", slow)
    assert result.exit_code == 1
    assert result.stderr == f"error: {slow}: no answer within 0.3 s; try again later\n"


def test_is_url() -> None:
    assert html_import.is_url("https://example.org/a/b.html")
    assert html_import.is_url("HTTP://example.org")
    assert not html_import.is_url("https:/example.org/a")  # what a Path makes of a URL
    assert not html_import.is_url("javascript:alert(1)")
    assert not html_import.is_url("file:///etc/passwd")
    assert not html_import.is_url("page.html")


def test_oversized_saved_page_is_refused_before_parsing(
    run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance.importers import html as html_import

    monkeypatch.setattr(html_import, "MAX_PAGE_BYTES", 1000)
    page = tmp_path / "big.html"
    page.write_text("<html><body>" + "<p>word</p>" * 200 + "</body></html>", encoding="utf-8")
    result = run("ingest", str(page))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {page}: ")
    assert "too large for one HTML page (the limit is 0.001 MB); split it into articles\n" in (
        result.stderr
    )
