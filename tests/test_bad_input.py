"""Bad input through the command line: one clear line naming the file, exit 1 (130 for Ctrl-C),
no traceback, and the store exactly as it was.

Covered elsewhere and not repeated here: empty, binary and non-UTF-8 article texts
(``test_cli.py::test_bad_article_text``, the message names ``--encoding``), empty and malformed
claims files (``test_cli.py::test_bad_claims_file_one_line_and_store_unchanged``), a directory
(``test_cli.py::test_directory_given_as_a_file``), an unknown claim id
(``test_cli.py::test_unknown_claim_id``), a claim whose content is not in the article
(``test_cli.py::test_span_mismatch_is_refused``).
"""

from __future__ import annotations

import copy
import importlib
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from provenance.store import Store
from tests.conftest import REPO, SEED_CLAIMS, Invoke
from tests.news_articles import write_articles

# --------------------------------------------------------------------------- helpers


def _snapshot(db: Path) -> str:
    """The whole store as its lossless JSON export (and a sound file)."""
    from provenance.cli import cli

    with Store(db, create=False) as store:
        assert store.integrity_ok()
    result = CliRunner().invoke(cli, ["--db", str(db), "export"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _refused(result: Any, path: Path, message: str) -> None:
    """Exit 1, nothing on stdout, one line on stderr naming the file and saying ``message``."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    err = result.stderr
    assert err.startswith(f"error: {path}: "), err[:300]
    assert message in err, err[:300]
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "Traceback" not in err and "internal error" not in err


@pytest.fixture
def store_before(seeded: Invoke, db: Path) -> Iterator[str]:
    """A store holding the seed claims; the test body must leave it unchanged."""
    before = _snapshot(db)
    yield before
    assert _snapshot(db) == before


# --------------------------------------------------------------------------- size


def test_a_50_mb_text_is_refused_before_it_is_read(
    seeded: Invoke, db: Path, tmp_path: Path, store_before: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decision: an "article" of 50 MB is a dump or a mistake; reading it would need ~60 s
    and ~3 GB of memory. It is refused at once; PROVENANCE_MAX_ARTICLE_MB raises the limit."""
    huge = tmp_path / "dump.txt"
    line = b"The ministry said the bridge over the river was closed on Friday.\n"
    with huge.open("wb") as fh:
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert self != huge, "the huge file was read"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    for command in ("ingest", "extract"):
        result = seeded(command, str(SEED_CLAIMS[1]), str(huge))
        _refused(result, huge, "50.0 MB is too large for one article (the limit is 5 MB)")
        assert "PROVENANCE_MAX_ARTICLE_MB" in result.stderr


def test_the_article_size_limit_can_be_changed(
    seeded: Invoke, tmp_path: Path, store_before: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The minister said the bridge was closed. " * 100, encoding="utf-8")
    monkeypatch.setenv("PROVENANCE_MAX_ARTICLE_MB", "0.001")
    _refused(seeded("extract", str(article)), article, "too large for one article")
    monkeypatch.setenv("PROVENANCE_MAX_ARTICLE_MB", "lots")
    result = seeded("extract", str(article))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: PROVENANCE_MAX_ARTICLE_MB='lots' is not a number of megabytes (for example 20)\n"
    )
    monkeypatch.setenv("PROVENANCE_MAX_ARTICLE_MB", "20")
    assert seeded("extract", str(article)).exit_code == 0


def test_a_line_of_10_million_characters(seeded: Invoke, tmp_path: Path, store_before: str) -> None:
    # As an article: over the size limit, refused with the same message as any big file.
    line = tmp_path / "one-line.txt"
    line.write_text("Officials said the bridge was closed, " * 263_158, encoding="utf-8")
    assert line.stat().st_size >= 10_000_000
    _refused(seeded("ingest", str(line)), line, "10.0 MB is too large for one article")
    # In a claims file: a 10-million-character value, quoted by the error, is cut to a line.
    claims = tmp_path / "claims.json"
    claims.write_text(
        json.dumps({"format": "provenance-gold/1", "document": {"source_file": "x" * 10**7}}),
        encoding="utf-8",
    )
    result = seeded("ingest", str(claims))
    _refused(result, claims, "article text 'xxxx")
    assert len(result.stderr) < 1200 and "more characters)" in result.stderr
    # Ten million opening brackets: too deep, not a crash.
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 10**7, encoding="utf-8")
    _refused(seeded("ingest", str(deep)), deep, "JSON nested too deeply")


def test_a_long_line_under_the_limit_is_extracted(run: Invoke, db: Path, tmp_path: Path) -> None:
    line = tmp_path / "one-line.txt"
    line.write_text("Officials said the bridge was closed, " * 1_500, encoding="utf-8")
    result = run("ingest", str(line), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents_new"] == 1
    with Store(db) as store:
        (doc,) = store.documents()
        assert len(doc.text) == line.stat().st_size


# --------------------------------------------------------------------------- claims files


def _gold(tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_CLAIMS[0].read_text(encoding="utf-8"))
    (tmp_path / "seeds").mkdir(exist_ok=True)
    src = data["document"]["source_file"]
    shutil.copy(REPO / src, tmp_path / src)
    return data


_GOLD_EDITS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "span out of range",
        lambda d: d["claims"][2].pop("content") and d["claims"][2].update(span=[10, 10**6]),
        "claim c03: span [10, 1000000] is outside the article",
    ),
    (
        "negative span",
        lambda d: d["claims"][2].pop("content") and d["claims"][2].update(span=[-5, 3]),
        "claim c03: span [-5, 3] is outside the article",
    ),
    (
        "speaker that does not resolve",
        lambda d: d["claims"][0].update(speaker="ghost"),
        "claim c01: speaker 'ghost' is not an actor key of the file",
    ),
    (
        "link end that does not resolve",
        lambda d: d["links"][0].update(target="c404"),
        "link #1: target 'c404' is not a claim id of the file",
    ),
]


@pytest.mark.parametrize(
    ("edit", "message"), [e[1:] for e in _GOLD_EDITS], ids=[e[0] for e in _GOLD_EDITS]
)
def test_gold_claims_file_with_bad_spans_or_ids(
    seeded: Invoke,
    tmp_path: Path,
    store_before: str,
    edit: Callable[[dict[str, Any]], None],
    message: str,
) -> None:
    data = _gold(tmp_path)
    edit(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    _refused(seeded("ingest", str(SEED_CLAIMS[1]), str(bad)), bad, message)


def _export_edit(data: dict[str, Any], what: str) -> None:
    claim = data["claims"][0]
    if what == "span":
        claim["span"] = [claim["span"][0], 10**6]
    elif what == "text":
        claim["text"] = "words the article never had"
    elif what == "speaker":
        claim["speaker"] = {"id": "nobody-at-all", "name": "Nobody"}
    elif what == "relay":
        claim["via"] = [{"id": "ghost-agency", "name": "Ghost"}]
    elif what == "link":
        data["links"][0]["source"] = "000000000000"
    elif what == "verdict":
        data["verdicts"] = [
            {"claim": "ffffffffffff", "rating": "false", "at": "2024-04-05T10:00:00+00:00"}
        ]
    elif what == "unlinked":
        data["unlinked"] = [{"a": claim["id"], "b": "eeeeeeeeeeee"}]
    elif what == "document":
        claim["document"] = "dddddddddddd"


_EXPORT_EDITS = [
    ("span", "span [{start}, 1000000] is outside its document"),
    ("text", "span [{start}, {end}] does not hold the claim's text"),
    ("speaker", "speaker 'nobody-at-all' is not in 'actors'"),
    ("relay", "relay 'ghost-agency' is not in 'actors'"),
    ("link", "source '000000000000' is not in 'claims'"),
    ("verdict", "verdicts[0]: claim 'ffffffffffff' is not in 'claims'"),
    ("unlinked", "unlinked[0]: claim 'eeeeeeeeeeee' is not in 'claims'"),
    ("document", "document 'dddddddddddd' is not in 'documents'"),
]


@pytest.mark.parametrize(("what", "message"), _EXPORT_EDITS, ids=[e[0] for e in _EXPORT_EDITS])
def test_json_export_with_bad_spans_or_ids(
    seeded: Invoke, tmp_path: Path, store_before: str, what: str, message: str
) -> None:
    """A backup edited by hand (or damaged) is refused whole, never half restored."""
    data = json.loads(store_before)
    edited = copy.deepcopy(data)
    _export_edit(edited, what)
    start, end = data["claims"][0]["span"]
    bad = tmp_path / "backup.json"
    bad.write_text(json.dumps(edited), encoding="utf-8")
    result = seeded("ingest", str(bad))
    _refused(result, bad, message.format(start=start, end=end))
    # The same file refused by an empty store leaves no store content either.
    empty = tmp_path / "empty.db"
    from provenance.cli import cli

    result = CliRunner().invoke(cli, ["--db", str(empty), "ingest", str(bad)])
    assert result.exit_code == 1
    with Store(empty) as store:
        assert store.counts() == {"documents": 0, "actors": 0, "claims": 0, "links": 0}


# --------------------------------------------------------------------------- unreadable files


def _run_as_nobody(db: Path, path: Path, queue: Any) -> None:  # pragma: no cover - child
    from provenance.cli import cli

    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
    readable = os.access(path, os.R_OK)
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(path)])
    queue.put((readable, result.exit_code, result.stdout, result.stderr))


def test_a_file_without_read_permission(tmp_path: Path) -> None:
    """Really unreadable: chmod 000, and as root the command runs as user nobody."""
    # Imported before dropping privileges (the interpreter's own folder may be closed to nobody).
    for module in ("provenance.cli.commands_ingest", "provenance.extract", "provenance.refresh"):
        importlib.import_module(module)

    folder = Path(tempfile.mkdtemp(prefix="provenance-perm-"))  # reachable by nobody
    try:
        os.chmod(folder, 0o777)
        db = folder / "store.db"
        with Store(db) as store:
            from provenance.claimsfile import load_claims_file

            store.ingest(load_claims_file(SEED_CLAIMS[0]))
        os.chmod(db, 0o666)
        before = _snapshot(db)
        secret = folder / "secret.txt"
        secret.write_text("The minister said the talks had failed.\n", encoding="utf-8")
        os.chmod(secret, 0)
        if os.geteuid() == 0:
            ctx = multiprocessing.get_context("fork")
            queue = ctx.Queue()
            child = ctx.Process(target=_run_as_nobody, args=(db, secret, queue))
            child.start()
            readable, code, stdout, stderr = queue.get(timeout=60)
            child.join(timeout=60)
        else:
            from provenance.cli import cli

            readable = os.access(secret, os.R_OK)
            result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(secret)])
            code, stdout, stderr = result.exit_code, result.stdout, result.stderr
        assert not readable
        assert (code, stdout) == (1, "")
        assert stderr == f"error: {secret}: permission denied; make the article readable\n"
        assert _snapshot(db) == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_socket_given_as_an_article(seeded: Invoke, store_before: str) -> None:
    # AF_UNIX paths are limited to about 100 bytes: bind in a short temporary folder.
    folder = Path(tempfile.mkdtemp(prefix="pv-"))
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        path = folder / "feed.txt"
        sock.bind(str(path))
        _refused(seeded("ingest", str(path)), path, "cannot read the article")
    finally:
        sock.close()
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- Ctrl-C


def test_ctrl_c_during_a_large_ingest(tmp_path: Path) -> None:
    """SIGINT to a real ingest process at random moments: exit 130, one line, store as before."""
    db = tmp_path / "store.db"
    seed = subprocess.run(
        [sys.executable, "-m", "provenance", "--db", str(db), "ingest", str(SEED_CLAIMS[0])],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert seed.returncode == 0, seed.stderr
    before = _snapshot(db)
    paths = write_articles(tmp_path / "articles", 80, seed=9)
    wal = db.with_name(db.name + "-wal")
    rnd = random.Random(130)
    for _ in range(3):
        assert not wal.exists()  # no one has the store open
        proc = subprocess.Popen(
            [sys.executable, "-m", "provenance", "--db", str(db), "ingest", *map(str, paths)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Interrupt once the command runs (it has opened the store), somewhere in the reading
        # of the files or the write.
        for _ in range(3000):
            if wal.exists() or proc.poll() is not None:
                break
            time.sleep(0.01)
        time.sleep(rnd.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert err == "interrupted: the unfinished command changed nothing in the store\n"
        assert out == ""
        assert _snapshot(db) == before
