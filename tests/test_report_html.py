"""The HTML citation-trail report: escaping, the ``report`` command, and the page in Chromium.

The Chromium tests drive Debian's ``chromium`` through ``chromedriver`` with selenium (no
browser download); they skip, saying why, where either is missing. CI installs both (.ci/run).
Set ``PROVENANCE_SCREENSHOT=docs/report.png`` to keep the screenshot of the seed report.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NoReturn

import pytest

from provenance.export import export
from provenance.export.to_html import render_report
from provenance.model import Dataset
from tests.conftest import REPO, SEED_CLAIMS, Invoke
from tests.golden.sample import document
from tests.test_export_interop import hostile_dataset

SEED_CLAIM = "Other drones were downed over the Kursk, Belgorod and Krasnodar regions"
SEED_QUOTE = (
    "Other drones were downed over the Kursk, Belgorod and Krasnodar regions, RIA reported, "
    "citing the Defence Ministry."
)


class _Page(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._in_style:
            self.style += data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _with_web_document(ds: Dataset) -> Dataset:
    """``ds`` plus a document with a real http(s) URL, to check that only such URLs link."""
    from tests.golden.sample import claim

    doc = document(
        "Officials said the bridge was closed.",
        url="https://example.org/bridge?a=1&b=2",
        title="Bridge",
    )
    c = claim(doc, "the bridge was closed", speaker="evil", cue="said")
    return ds.model_copy(update={"documents": [*ds.documents, doc], "claims": [*ds.claims, c]})


# --------------------------------------------------------------------------- static page


def test_report_is_self_contained_and_escaped() -> None:
    ds = _with_web_document(hostile_dataset())
    page = render_report(ds, title='Report <script>alert("t")</script>')
    parsed = _parse(page)
    # Exactly two scripts: the data (JSON, not run) and the report's own code; no src, no
    # external resource of any kind.
    assert [a.get("type") for a, _ in parsed.scripts] == ["application/json", None]
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    assert "http://" not in parsed.style and "https://" not in parsed.style
    assert page.count("</script>") == 2
    assert "<script>alert" not in page and "javascript:" not in page.split("<script>")[-1]
    assert "<title>Report &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;</title>" in page
    # The data reads back exactly, hostile strings included.
    (data_attrs, raw), (_, code) = parsed.scripts
    assert data_attrs.get("id") == "report-data"
    assert not re.search("[<>&\u2028\u2029]", raw)
    data = json.loads(raw)
    by_text = {c["text"]: c for c in data["claims"]}
    evil = by_text["it's </script><b>fine</b>"]
    assert evil["speaker"] == 'Evil <script>alert("x")</script> "Agency"'
    assert evil["url"] is None  # javascript: is never a link target
    assert by_text["the bridge was closed"]["url"] == "https://example.org/bridge?a=1&b=2"
    assert evil["verdict"]["explanation"] == "</script><script>alert(2)</script>"
    # The code never writes HTML from strings.
    assert "innerHTML" not in code and "outerHTML" not in code
    assert "insertAdjacentHTML" not in code and "document.write" not in code
    # The Content-Security-Policy allows exactly the inline script and style, and no network.
    csp = next(
        a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and "default-src 'none'" in csp

    def sha(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")

    assert f"script-src 'sha256-{sha(code)}'" in csp
    assert f"style-src 'sha256-{sha(parsed.style)}'" in csp


def test_html_export_format_is_the_whole_report() -> None:
    ds = hostile_dataset()
    assert export(ds, "html", None) == render_report(ds)


def test_report_data_for_the_seed_claim() -> None:
    from provenance.claimsfile import load_claims_file
    from provenance.export.to_html import report_data

    ds = load_claims_file(SEED_CLAIMS[0])
    data = report_data(ds)
    c = next(c for c in data["claims"] if c["text"] == SEED_CLAIM)
    assert [h["name"] for h in c["chain"][1:]] == ["RIA", "Russian Ministry of Defence"]
    ev = c["evidence"]
    assert ev["quote"] == SEED_QUOTE
    assert ev["quote"][ev["claim"][0] : ev["claim"][1]] == SEED_CLAIM
    ria = c["chain"][1]
    assert ev["quote"][ria["mention"][0] : ria["mention"][1]] == "RIA"
    assert c["assessment"] is not None and c["assessment"]["independent"] >= 0


# --------------------------------------------------------------------------- the command


def test_report_command(seeded: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = seeded("report", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr
    data = json.loads(_parse(out.read_text(encoding="utf-8")).scripts[0][1])
    assert sum(c["listed"] for c in data["claims"]) == data["counts"]["claims"] > 10

    again = seeded("report", "-o", str(out))
    assert again.exit_code == 1 and "exists; use --force" in again.stderr
    one = seeded("report", "Other drones were downed", "-o", str(out), "--force")
    assert one.exit_code == 0, one.output
    data = json.loads(_parse(out.read_text(encoding="utf-8")).scripts[0][1])
    assert [c["text"] for c in data["claims"] if c["listed"]] == [SEED_CLAIM]

    missing = seeded("report", "no such claim text at all", "-o", str(tmp_path / "x.html"))
    assert missing.exit_code == 1 and not (tmp_path / "x.html").exists()


def test_report_needs_a_store(run: Invoke, tmp_path: Path) -> None:
    result = run("report", "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 1 and "no store here" in result.stderr


# --------------------------------------------------------------------------- in Chromium


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _missing(why: str) -> NoReturn:
    """Skip on a developer's machine; fail in CI, where .ci/run installs the browser, so that a
    broken install cannot pass as a skipped test."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {why}")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Debian's chromedriver (skips when either is missing)."""
    binary = _chromium()
    if binary is None:
        _missing("no Chromium binary (apt-get install chromium chromium-driver)")
    driver_path = shutil.which("chromedriver")
    if driver_path is None:
        _missing("no chromedriver (apt-get install chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[test]')")
    profile = tempfile.mkdtemp(prefix="provenance-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The service path is given, so selenium never tries to download a driver.
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_seed_report_in_chromium(browser: Any, seeded: Invoke, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    out = tmp_path / "report.html"
    assert seeded("report", "-o", str(out)).exit_code == 0
    data = json.loads(_parse(out.read_text(encoding="utf-8")).scripts[0][1])
    cid = next(c["id"] for c in data["claims"] if c["text"] == SEED_CLAIM)

    browser.get(out.as_uri())
    assert not _errors(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "#claims tbody tr")
    assert len(rows) == data["counts"]["claims"]
    # Filter the table down to the claim, then open it from the table.
    browser.find_element(By.ID, "filter-text").send_keys("Krasnodar regions")
    visible = [r for r in rows if r.is_displayed()]
    assert [r.get_attribute("data-claim") for r in visible] == [cid]
    visible[0].click()
    assert browser.find_element(By.ID, "claim-text").text == f"“{SEED_CLAIM}”"
    info = browser.find_element(By.ID, "info")
    assert SEED_QUOTE not in info.text  # nothing shown until a node is clicked

    browser.find_element(By.CSS_SELECTOR, '#graph .gnode[data-kind="claim"]').click()
    assert SEED_QUOTE in " ".join(info.text.split())
    marked = info.find_elements(By.CSS_SELECTOR, "mark.claim")
    assert [m.text for m in marked] == [SEED_CLAIM]

    browser.find_element(By.CSS_SELECTOR, '#graph .gnode[data-kind="relay"]').click()
    assert "RIA — relay" in info.text
    assert [m.text for m in info.find_elements(By.CSS_SELECTOR, "mark.mention")] == ["RIA"]
    browser.find_element(By.CSS_SELECTOR, '#graph .gnode[data-kind="primary"]').click()
    assert "Russian Ministry of Defence — primary source" in info.text
    assert "Named as “Defence Ministry”" in info.text

    # Zooming changes the view transform; the page stays error-free.
    layer = browser.find_element(By.CSS_SELECTOR, "#graph > g")
    before = layer.get_attribute("transform")
    browser.find_element(By.ID, "zoom-in").click()
    assert layer.get_attribute("transform") != before
    browser.find_element(By.ID, "zoom-fit").click()
    browser.find_element(By.CSS_SELECTOR, '#graph .gnode[data-kind="primary"]').click()
    assert not _errors(browser)

    target = os.environ.get("PROVENANCE_SCREENSHOT")
    shot = (REPO / target) if target else tmp_path / "report.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def test_hostile_report_in_chromium(browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    ds = _with_web_document(hostile_dataset())
    out = tmp_path / "hostile.html"
    out.write_text(render_report(ds, title='<script>alert("t")</script>'), encoding="utf-8")
    browser.get(out.as_uri())
    assert not _errors(browser)
    evil = next(c for c in ds.claims if c.text.startswith("it's"))
    browser.find_element(By.CSS_SELECTOR, f'#claims tr[data-claim="{evil.id}"]').click()
    speaker = 'Evil <script>alert("x")</script> "Agency"'
    assert f"Said by {speaker}" in browser.find_element(By.ID, "detail").text
    assert browser.find_element(By.ID, "claim-text").text == "“it's </script><b>fine</b>”"
    # The hostile strings stayed text: no element was made from them.
    assert not browser.find_elements(By.CSS_SELECTOR, "#app b, #app img, #app script")
    for node in browser.find_elements(By.CSS_SELECTOR, "#graph .gnode"):
        node.click()
        for a in browser.find_elements(By.CSS_SELECTOR, "a[href]"):
            assert a.get_attribute("href").startswith("https://")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.accept()
    bridge = next(c for c in ds.claims if c.text == "the bridge was closed")
    browser.find_element(By.CSS_SELECTOR, f'#claims tr[data-claim="{bridge.id}"]').click()
    links = browser.find_elements(By.CSS_SELECTOR, "#detail a[href]")
    assert [a.get_attribute("href") for a in links] == ["https://example.org/bridge?a=1&b=2"]
    assert all(a.get_attribute("rel") == "noopener noreferrer nofollow" for a in links)
