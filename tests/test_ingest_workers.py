"""``ingest --workers N``: articles extracted in worker processes, one writer, same result as one
process; a bad file anywhere in a parallel batch leaves the store unchanged."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

import provenance.pipeline as pipeline
from benchmarks.corpus import article_paths, write_corpus
from provenance.pipeline import PARALLEL_MIN_FILES, ingest_paths, load_paths
from provenance.store import Store
from tests.conftest import Invoke

N = PARALLEL_MIN_FILES + 8


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Generated article texts, enough for a parallel batch."""
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(out, N, seed=11)
    return [article_paths(out, i)[0] for i in range(N)]


class _CountingPool(pipeline.ProcessPoolExecutor):
    started = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        type(self).started += 1
        super().__init__(*args, **kwargs)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> type[_CountingPool]:
    """Counts the worker pools started by the pipeline."""
    _CountingPool.started = 0
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", _CountingPool)
    return _CountingPool


def _dump(db: Path) -> dict[str, Any]:
    with Store(db) as store:
        data: dict[str, Any] = store.dataset().model_dump(mode="json")
    return data


def test_parallel_ingest_equals_one_process(
    articles: list[Path],
    tmp_path: Path,
    pools: type[_CountingPool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Small slices, so that the parallel batch is also written while it is being read.
    monkeypatch.setattr(pipeline, "STREAM_AFTER", 10)
    reports = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            reports.append(ingest_paths(store, articles, workers=workers))
        assert pools.started == workers - 1  # workers=1 starts no process
    assert reports[0] == reports[1]
    assert reports[0].claims_new > 0 and reports[0].links_new > 0
    assert _dump(tmp_path / "w1.db") == _dump(tmp_path / "w2.db")


def test_load_paths_keeps_input_order(articles: list[Path], pools: type[_CountingPool]) -> None:
    order = list(reversed(articles))
    got = list(load_paths(order, workers=2))
    assert pools.started == 1
    assert [p for p, _ in got] == order
    assert [ds.documents[0].source for _, ds in got] == [str(p) for p in order]


def test_small_batch_starts_no_process(articles: list[Path], pools: type[_CountingPool]) -> None:
    got = list(load_paths(articles[:3], workers=4))
    assert len(got) == 3 and pools.started == 0


def test_cli_workers_same_result(articles: list[Path], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from provenance.cli import cli

    outputs = []
    for workers in (1, 2):
        db = tmp_path / f"cli{workers}.db"
        result = CliRunner().invoke(
            cli,
            ["--db", str(db), "ingest", "--json", "--workers", str(workers), *map(str, articles)],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    assert _dump(tmp_path / "cli1.db") == _dump(tmp_path / "cli2.db")


@pytest.mark.parametrize("stream_after", [pipeline.STREAM_AFTER, 10])
def test_bad_file_in_parallel_batch_leaves_store_unchanged(
    seeded: Invoke,
    db: Path,
    articles: list[Path],
    tmp_path: Path,
    pools: type[_CountingPool],
    monkeypatch: pytest.MonkeyPatch,
    stream_after: int,
) -> None:
    # With stream_after=10 the slices before the bad file are already written (and linked)
    # inside the transaction when the bad file is reached: the rollback must undo them.
    monkeypatch.setattr(pipeline, "STREAM_AFTER", stream_after)
    before = _dump(db)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    paths = [*map(str, articles[:30]), str(bad), *map(str, articles[30:])]
    result = seeded("ingest", "--workers", "2", *paths)
    assert result.exit_code == 1
    assert result.stderr == f"error: {bad}: looks like a binary file, not a text article\n"
    assert result.stdout == ""
    assert pools.started == 1
    assert _dump(db) == before


def test_workers_must_be_positive(run: Invoke, articles: list[Path]) -> None:
    result = run("ingest", "--workers", "0", str(articles[0]))
    assert result.exit_code == 2
    assert "--workers" in result.stderr


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_exit_when_the_ingest_is_killed(articles: list[Path], tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    proc = subprocess.Popen(
        [sys.executable, "-m", "provenance", "--db", str(tmp_path / "k.db"), "ingest",
         "--workers", "2", *map(str, articles * 20)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        workers = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert workers, "the ingest started no worker process"
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [w for w in workers if _alive(w)]
    for w in left:  # do not leave them behind even when the test fails
        with contextlib.suppress(OSError):
            os.kill(w, signal.SIGKILL)
    assert not left, "worker processes outlived the killed ingest"


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_workers_yield_the_cpu_to_the_writer() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context, initializer=pipeline._start_worker) as pool:
        worker = pool.submit(os.nice, 0).result()
    assert worker == min(19, os.nice(0) + pipeline.WORKER_NICENESS)
