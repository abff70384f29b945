"""Scale benchmarks: extraction, ingest, trace, unconfirmed, graph, memory and store size.

    python benchmarks/run.py                 # full: ingest 1k/10k/100k articles, trace 10k/100k/1M
    python benchmarks/run.py --quick         # CI: small sizes, < 2 minutes, exit 1 on a ratio miss
    python benchmarks/run.py --sizes 1k,10k --claims 10k,100k --out results.json

Prints one table. What the library does not have yet is shown as ``n/a (reason)`` and fills in
as it lands: extraction needs ``provenance.extract.extract``, linking
``provenance.analysis.linking.find_links``, the trace ``provenance.analysis.trace.trace``, the
graph ``provenance.graph.build_graph``, ``unconfirmed`` a CLI command of that name.

Every measurement runs in its own child process (this file with ``--child TASK``), so its peak
memory (``ru_maxrss`` from ``os.wait4`` of that child, its own worker processes included) is its
own. Each size ratio is printed beside the absolute figures:

* ingest: documents per second end to end, as ``provenance ingest --workers N`` does it:
  ``provenance.pipeline.ingest_paths`` with ``--workers`` processes extracting the article
  texts (the generated claims files when there is no extractor) while this process stores them
  and links the new claims incrementally (blocking keys), in one transaction;
* trace: ``Store.resolve_claim`` (a 10-character id prefix) + ``Store.neighbourhood`` (+
  ``trace`` when it exists) through the API, p50/p95 over random claims, and a cold
  ``python -m provenance --db DB trace ID --json`` process. The stores are built quickly from the
  generator: Datasets built in-process (what ``load_claims_file`` gives for the generated claims
  files) plus the cross-article links, ingested in transactions of 500 articles.

Targets (PASS/FAIL): trace p95 at 1M claims < 50 ms (API) and < 1 s (cold CLI); p95 ratio
1M/10k <= 3; ingest of 100k articles < 10 min with 2 workers; ingest time ratio 100k/10k <= 12
(generally 1.2 x the size ratio); peak memory at 1M claims < 3 GB. In ``--quick`` mode the
absolute targets are informative (shown in brackets) and a missed ratio target exits 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from benchmarks.corpus import (  # noqa: E402
    FRONT_MATTER_KEYS,
    GeneratedArticle,
    article_paths,
    cross_link_records,
    generate,
    to_dataset,
    write_corpus,
)

Result = dict[str, Any]

FULL_SIZES = (1_000, 10_000, 100_000)
FULL_CLAIMS = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (100, 1_000)
QUICK_CLAIMS = (5_000, 50_000)

TRACE_P95_API_MS = 50.0
TRACE_P95_CLI_S = 1.0
TRACE_RATIO_MAX = 3.0
INGEST_100K_MAX_S = 600.0
INGEST_RATIO_SLACK = 1.2  # ingest time may grow 1.2 x the size ratio (12 for 100k/10k)
PEAK_MEMORY_MAX = 3 * 1024**3
BATCH = 500


# =============================================================================== helpers


def parse_size(text: str) -> int:
    """``"10k"`` -> 10000, ``"1M"`` -> 1000000, ``"2500"`` -> 2500."""
    t = text.strip().lower().replace("_", "").replace(",", "")
    scale = 1
    if t.endswith("k"):
        scale, t = 1_000, t[:-1]
    elif t.endswith("m"):
        scale, t = 1_000_000, t[:-1]
    value = int(float(t) * scale)
    if value <= 0:
        raise ValueError(f"not a positive size: {text!r}")
    return value


def parse_sizes(text: str) -> list[int]:
    """A comma-separated list of sizes, sorted."""
    return sorted({parse_size(x) for x in text.split(",") if x.strip()})


def human(n: float) -> str:
    """1000 -> "1k", 1000000 -> "1M", 2500 -> "2.5k"."""
    for div, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= div:
            v = n / div
            return f"{v:.0f}{suffix}" if v == int(v) else f"{v:.1f}{suffix}"
    return f"{n:.0f}"


def mb(n: float) -> str:
    """Bytes as MB or GB."""
    return f"{n / 1024**3:.2f} GB" if n >= 1024**3 else f"{n / 1024**2:.0f} MB"


def ms(seconds: float) -> str:
    """Seconds as a short duration."""
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 120:
        return f"{seconds:.1f} s"
    return f"{seconds / 60:.1f} min"


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, round(q / 100 * len(s) + 0.5) - 1))
    return s[k]


def db_bytes(path: Path) -> int:
    """Size of a SQLite store on disk, with its WAL and shared-memory files."""
    return sum(
        p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
    )


def _log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _missing(module: str, attr: str) -> str | None:
    """None if ``module.attr`` imports, else why not."""
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        return f"{module} missing ({exc.name or exc})"
    except Exception as exc:  # a module being written may fail to import
        return f"{module} fails to import: {type(exc).__name__}: {exc}"
    if not hasattr(mod, attr):
        return f"{module}.{attr} missing"
    return None


def _attr(module: str, name: str) -> Any:
    """``module.name``, imported at run time (for parts of the library still being written)."""
    import importlib

    return getattr(importlib.import_module(module), name)


def cli_has_command(name: str) -> bool:
    """Whether the ``provenance`` CLI has a command of this name."""
    try:
        from provenance.cli import cli
    except Exception:
        return False
    return name in cli.commands


# =============================================================================== children


@dataclass
class ChildRun:
    """What one child process returned."""

    result: Result
    rss: int  # peak resident set size in bytes (the child and its reaped descendants)
    wall: float
    code: int
    error: str = ""


def run_child(task: str, params: Result, *, timeout: float | None = None) -> ChildRun:
    """Run ``task`` in a fresh interpreter; its result is the last line of its stdout."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", task, json.dumps(params)]
    return _spawn(cmd, timeout=timeout, parse=True)


def _spawn(cmd: list[str], *, timeout: float | None, parse: bool) -> ChildRun:
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, cwd=str(_REPO))
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer:
            timer.start()
        try:
            assert proc.stdout is not None
            if parse:
                out = proc.stdout.read()
            else:
                # Count, do not keep: a child's output can be hundreds of MB, and a process
                # started later from a big parent inherits the parent's peak RSS (vfork + exec).
                out_bytes = 0
                while block := proc.stdout.read(1 << 20):
                    out_bytes += len(block)
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        proc.stdout.close()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    rss = usage.ru_maxrss * 1024  # KiB on Linux
    result: Result = {}
    error = ""
    if code != 0:
        killed = timeout is not None and code < 0
        error = f"timed out after {timeout:.0f} s" if killed else _last_line(stderr, code)
    elif parse:
        lines = out.decode("utf-8", "replace").strip().splitlines()
        try:
            result = json.loads(lines[-1]) if lines else {}
        except json.JSONDecodeError:
            error = "bad child output: " + (lines[-1][:200] if lines else "")
    else:
        result = {"stdout_bytes": out_bytes}
    return ChildRun(result, rss, wall, code, error)


def _last_line(stderr: str, code: int) -> str:
    lines = [x for x in stderr.strip().splitlines() if x.strip()]
    return (lines[-1][:300] if lines else f"exit {code}").strip()


def _child_main(task: str, params_json: str) -> int:
    params = json.loads(params_json)
    result = TASKS[task](params)
    print(json.dumps(result))
    return 0


# =============================================================================== tasks


def task_extract(p: Result) -> Result:
    """Extraction speed in-process and end-to-end F1 against the generated ground truth."""
    why = _missing("provenance.extract", "extract")
    if why:
        return {"na": why}
    extract = _attr("provenance.extract", "extract")
    corpus = Path(p["corpus"])
    n = int(p["n"])
    arts = list(generate(n, int(p["seed"])))
    texts = [(article_paths(corpus, a.index)[0], a) for a in arts]
    datasets = []
    t0 = time.perf_counter()
    for path, a in texts:
        datasets.append(
            extract(a.text, source=str(path), outlet=a.actors[a.outlet].name,
                    published=a.published, url=a.url, title=a.title)
        )  # fmt: skip
    took = time.perf_counter() - t0
    out: Result = {"n": n, "seconds": took, "per_s": n / took}
    out.update(_score(corpus, texts, datasets, Path(p["tmp"])))
    return out


def _score(corpus: Path, texts: list[tuple[Path, GeneratedArticle]], datasets: list[Any],
           tmp: Path) -> Result:
    """Score predictions with provenance.evaluate.score if it takes score.py's arguments, else
    with ../shared/eval/score.py in a subprocess."""
    pred: Result = {"documents": [], "claims": [], "links": []}
    for ds in datasets:
        names = {a.id: a.name for a in ds.actors}
        for d in ds.documents:
            pred["documents"].append({"id": d.id, "source": d.source})
        for c in ds.claims:
            pred["claims"].append({
                "id": c.id, "document": c.document, "span": list(c.span),
                "speaker": names.get(c.speaker, c.speaker) if c.speaker else None,
                "via": [names.get(v, v) for v in c.via], "text": c.text,
            })  # fmt: skip
        for k in ds.links:
            pred["links"].append({"source": k.source, "target": k.target, "relation": k.relation})
    golds = [article_paths(corpus, a.index)[1] for _, a in texts]
    scorer = "provenance.evaluate.score"
    res: Result | None = None
    if _missing("provenance.evaluate", "score") is None:
        import inspect

        score = _attr("provenance.evaluate", "score")
        params = list(inspect.signature(score).parameters)
        if len(params) == 4:
            gold_objs = [json.loads(g.read_text(encoding="utf-8")) for g in golds]
            try:
                res = dict(score(gold_objs, pred["documents"], pred["claims"], pred["links"]))
            except Exception:
                res = None
    if res is None:
        scorer = "score.py"
        script = _REPO.parent / "shared" / "eval" / "score.py"
        if not script.exists():
            return {"score_na": f"{script} not found"}
        pred_path = tmp / "pred.json"
        pred_path.write_text(json.dumps(pred), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, str(script), *map(str, golds), "--pred", str(pred_path), "--json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            return {"score_na": "score.py failed: " + _last_line(proc.stderr, proc.returncode)}
        res = json.loads(proc.stdout)
    return {
        "scorer": scorer,
        "claim_f1": res.get("claim_f1"),
        "e2e_f1": res.get("e2e_f1"),
        "e2e_p": res.get("e2e_p"),
        "e2e_r": res.get("e2e_r"),
        "speaker_acc": res.get("speaker_acc"),
        "via_acc": res.get("via_acc"),
    }


def task_ingest(p: Result) -> Result:
    """``provenance ingest --workers N`` in-process: ``ingest_paths`` end to end (files parsed by
    worker processes, stored and linked incrementally by one writer, one transaction)."""
    from provenance.pipeline import ingest_paths
    from provenance.store import Store

    corpus = Path(p["corpus"])
    n = int(p["n"])
    db = Path(p["db"])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    use_text = p["mode"] == "extract"
    paths = [article_paths(corpus, i)[0 if use_text else 1] for i in range(n)]
    t0 = time.perf_counter()
    with Store(db) as store:
        report = ingest_paths(store, paths, workers=int(p["workers"]), link=bool(p.get("link", 1)))
        t1 = time.perf_counter()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = store.counts()
    took = time.perf_counter() - t0
    return {
        "n": n, "seconds": took, "ingest_seconds": t1 - t0, "per_s": n / took,
        "claims": counts["claims"], "links": counts["links"], "links_auto": report.links_new,
        "db_bytes": db_bytes(db),
    }  # fmt: skip


def task_link(p: Result) -> Result:
    """Link a whole store: ``find_links(store.dataset())``, links written in one transaction."""
    why = _missing("provenance.analysis.linking", "find_links")
    if why:
        return {"na": why}
    from provenance.store import Store

    find_links = _attr("provenance.analysis.linking", "find_links")
    t0 = time.perf_counter()
    with Store(Path(p["db"])) as store:
        ds = store.dataset()
        t1 = time.perf_counter()
        found = find_links(ds)
        t2 = time.perf_counter()
        with store.transaction():
            new = sum(store.put_link(k) for k in found.links)
        t3 = time.perf_counter()
    return {
        "seconds": t3 - t0, "load": t1 - t0, "find": t2 - t1, "write": t3 - t2,
        "links": len(found.links), "new": new, "claims": len(ds.claims),
    }  # fmt: skip


_QCACHE: dict[str, Any] = {}


def _cached_quantities(text: str) -> list[Any]:
    hit = _QCACHE.get(text)
    if hit is None:
        from provenance.extract.quantities import parse_quantities

        hit = list(parse_quantities(text))
        if len(_QCACHE) > 200_000:
            _QCACHE.clear()
        _QCACHE[text] = hit
    return list(hit)


def build_store(db: Path, claims: int, seed: int) -> Result:
    """A store of about ``claims`` claims from the generator (in-process Datasets)."""
    import benchmarks.corpus as corpus_mod
    from provenance.model import Dataset
    from provenance.store import Store

    # Statements recur across reprints: parse each distinct text's quantities once (the same
    # intervals load_claims_file gives; the timing that matters is the store's).
    corpus_mod._quantities = _cached_quantities
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    store = Store(db)
    total = docs = links = 0
    ingest_s = 0.0
    batch: list[Any] = []

    def flush() -> float:
        w0 = time.perf_counter()
        with store.transaction():
            for ds in batch:
                store.ingest(ds)
        batch.clear()
        return time.perf_counter() - w0

    for art in generate(10**9, seed):
        ds = to_dataset(art)
        cross = cross_link_records(art)
        batch.append(ds)
        if cross:
            batch.append(Dataset(links=cross))
        total += len(ds.claims)
        links += len(ds.links) + len(cross)
        docs += 1
        if len(batch) >= BATCH:
            ingest_s += flush()
        if total >= claims:
            break
    if batch:
        ingest_s += flush()
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = store.counts()
    store.close()
    took = time.perf_counter() - t0
    return {
        "seconds": took, "ingest_seconds": ingest_s, "documents": docs, "claims": counts["claims"],
        "links": counts["links"], "actors": counts["actors"], "db_bytes": db_bytes(db),
    }  # fmt: skip


def task_build(p: Result) -> Result:
    """Build (or reuse) the store for a trace size."""
    db = Path(p["db"])
    marker = Path(f"{db}.done.json")
    if p.get("reuse") and marker.exists() and db.exists():
        out: Result = json.loads(marker.read_text(encoding="utf-8"))
        out["reused"] = True
        return out
    out = build_store(db, int(p["claims"]), int(p["seed"]))
    marker.write_text(json.dumps(out), encoding="utf-8")
    return out


def _sample_ids(store: Any, k: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    ids: list[str] = []
    tries = 0
    while len(ids) < k and tries < k * 20:
        tries += 1
        prefix = f"{rng.getrandbits(48):012x}"
        row = store.db.execute(
            "SELECT id FROM claims WHERE id >= ? AND unattributed = 0 ORDER BY id LIMIT 1",
            (prefix,),
        ).fetchone()
        if row is not None and row[0] not in ids:
            ids.append(row[0])
    return ids


def task_trace(p: Result) -> Result:
    """Trace latency through the Python API at one store size."""
    from provenance.store import Store

    trace_fn: Callable[..., Any] | None = None
    if _missing("provenance.analysis.trace", "trace") is None:
        trace_fn = _attr("provenance.analysis.trace", "trace")
    times: list[float] = []
    sizes: list[int] = []
    with Store(Path(p["db"]), create=False) as store:
        ids = _sample_ids(store, int(p["samples"]) + 5, int(p["seed"]))
        for n, cid in enumerate(ids):
            t0 = time.perf_counter()
            full = store.resolve_claim(cid[:10])
            ds = store.neighbourhood([full])
            if trace_fn is not None:
                trace_fn(ds, full)
            dt_ = time.perf_counter() - t0
            if n >= 5:  # the first few warm the caches
                times.append(dt_)
                sizes.append(len(ds.claims))
    return {
        "p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times),
        "n": len(times), "with_trace": trace_fn is not None,
        "neighbourhood_mean": statistics.mean(sizes), "neighbourhood_max": max(sizes),
        "ids": ids[5:],
    }  # fmt: skip


def task_graph(p: Result) -> Result:
    """``store.dataset()`` and ``build_graph`` on it."""
    from provenance.store import Store

    t0 = time.perf_counter()
    with Store(Path(p["db"]), create=False) as store:
        ds = store.dataset()
    t1 = time.perf_counter()
    out: Result = {"dataset": t1 - t0, "claims": len(ds.claims)}
    why = _missing("provenance.graph", "build_graph")
    if why:
        out["na"] = why
        return out
    g = _attr("provenance.graph", "build_graph")(ds)
    t2 = time.perf_counter()
    out.update(build=t2 - t1, nodes=g.number_of_nodes(), edges=g.number_of_edges())
    return out


def task_corpus(p: Result) -> Result:
    """Write the corpus the ingest and extraction measurements read."""
    out = Path(p["dir"])
    t0 = time.perf_counter()
    stats = write_corpus(out, int(p["n"]), int(p["seed"]))
    return {"seconds": time.perf_counter() - t0, **stats.__dict__}


TASKS: dict[str, Callable[[Result], Result]] = {
    "extract": task_extract,
    "ingest": task_ingest,
    "link": task_link,
    "build": task_build,
    "trace": task_trace,
    "graph": task_graph,
    "corpus": task_corpus,
}


# =============================================================================== table


@dataclass
class Row:
    """One line of the table."""

    what: str
    size: str = ""
    value: str = ""
    ratio: str = ""
    target: str = ""
    status: str = ""
    rss: str = ""
    ratio_target: bool = False
    failed: bool = False


@dataclass
class Report:
    """The rows, the raw figures and the verdicts."""

    quick: bool
    rows: list[Row] = field(default_factory=list)
    raw: Result = field(default_factory=dict)

    def add(self, *args: Any, **kw: Any) -> Row:
        row = Row(*args, **kw)
        self.rows.append(row)
        return row

    def verdict(self, row: Row, ok: bool, *, ratio: bool) -> None:
        """Mark PASS/FAIL; absolute targets are informative (bracketed) in quick mode."""
        row.ratio_target = ratio
        row.failed = not ok
        word = "PASS" if ok else "FAIL"
        row.status = f"({word})" if (self.quick and not ratio) else word

    def ratio_failures(self) -> list[Row]:
        return [r for r in self.rows if r.ratio_target and r.failed]

    def render(self, header: str) -> str:
        cols = ("measurement", "size", "result", "ratio", "target", "status", "peak RSS")
        data = [(r.what, r.size, r.value, r.ratio, r.target, r.status, r.rss) for r in self.rows]
        widths = [max(len(c), *(len(d[i]) for d in data)) if data else len(c)
                  for i, c in enumerate(cols)]  # fmt: skip
        widths = [min(w, 70) for w in widths]

        def line(cells: Sequence[str]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        out = [header, line(cols), line(["-" * w for w in widths])]
        out += [line(d) for d in data]
        return "\n".join(out)


# =============================================================================== measurements


@dataclass
class Config:
    """What to run."""

    quick: bool
    seed: int
    sizes: list[int]
    claims: list[int]
    extract_n: int
    workers: int
    samples: int
    cli_runs: int
    link_budget: float
    workdir: Path
    reuse: bool
    skip: set[str]


def ensure_corpus(cfg: Config, n: int) -> Path:
    """A written corpus of at least ``n`` articles for this seed (prefix-stable: reused)."""
    root = cfg.workdir / f"corpus-seed{cfg.seed}"
    manifest = root / "manifest.json"
    if manifest.exists():
        written = json.loads(manifest.read_text(encoding="utf-8"))
        # A corpus written before the texts carried front matter is rewritten, not reused.
        if written.get("articles", 0) >= n and written.get("front_matter") == FRONT_MATTER_KEYS:
            return root
    _log(f"writing corpus of {n} articles to {root}")
    got = run_child("corpus", {"dir": str(root), "n": n, "seed": cfg.seed})
    if got.error:
        raise SystemExit(f"corpus generation failed: {got.error}")
    return root


def measure_extract(cfg: Config, rep: Report) -> None:
    """Extraction speed and F1."""
    why = _missing("provenance.extract", "extract")
    size = f"{cfg.extract_n:,} articles"
    if why:
        rep.add("extraction speed (in-process)", size, f"n/a ({why})")
        rep.add("extraction end-to-end F1", size, f"n/a ({why})")
        return
    corpus = ensure_corpus(cfg, cfg.extract_n)
    _log(f"extraction over {cfg.extract_n} articles")
    with tempfile.TemporaryDirectory(dir=cfg.workdir) as tmp:
        got = run_child("extract", {"corpus": str(corpus), "n": cfg.extract_n, "seed": cfg.seed,
                                    "tmp": tmp})  # fmt: skip
    rep.raw["extract"] = got.result
    if got.error or "na" in got.result:
        reason = got.error or got.result["na"]
        rep.add("extraction speed (in-process)", size, f"n/a ({reason})", rss=mb(got.rss))
        return
    r = got.result
    rep.add("extraction speed (in-process)", size,
            f"{r['per_s']:.0f} articles/s ({ms(r['seconds'])})", rss=mb(got.rss))
    if "score_na" in r:
        rep.add("extraction end-to-end F1", size, f"n/a ({r['score_na']})")
    else:
        via = f", relay acc {r['via_acc']:.3f}" if r.get("via_acc") is not None else ""
        rep.add("extraction end-to-end F1", size,
                f"F1 {r['e2e_f1']:.3f} (P {r['e2e_p']:.3f} R {r['e2e_r']:.3f}; claim F1 "
                f"{r['claim_f1']:.3f}, speaker acc {r['speaker_acc']:.3f}{via}) [{r['scorer']}]")


def measure_ingest(cfg: Config, rep: Report) -> None:
    """Ingest documents/s end to end (extract + store + link) at each size, with the ratio."""
    mode = "extract" if _missing("provenance.extract", "extract") is None else "claims"
    label = ("texts → extract → store" if mode == "extract" else "claims files → store")
    label += " → link"
    corpus = ensure_corpus(cfg, max(cfg.sizes))
    totals: dict[int, float | None] = {}
    for n in cfg.sizes:
        db = cfg.workdir / f"ingest-{n}.db"
        _log(f"ingest {n} articles ({label}, {cfg.workers} workers)")
        got = run_child("ingest", {"corpus": str(corpus), "n": n, "db": str(db), "mode": mode,
                                   "workers": cfg.workers})  # fmt: skip
        rep.raw.setdefault("ingest", {})[n] = got.result | {"rss": got.rss, "error": got.error}
        if got.error:
            rep.add(f"ingest [{label}]", f"{n:,} articles", f"error: {got.error}",
                    rss=mb(got.rss))
            totals[n] = None
            continue
        r = got.result
        total: float = r["seconds"]
        totals[n] = total
        value = (f"{n / total:,.0f} docs/s ({ms(total)}); {r['claims']:,} claims, "
                 f"{r['links']:,} links, {mb(r['db_bytes'])} on disk")
        row = rep.add(f"ingest [{label}]", f"{n:,} articles", value, rss=mb(got.rss))
        prev = [m for m in cfg.sizes if m < n]
        if prev:
            m = prev[-1]
            allowed = INGEST_RATIO_SLACK * n / m
            row.target = f"≤ {allowed:.0f}"
            if totals.get(m):
                ratio = total / totals[m]  # type: ignore[operator]
                row.ratio = f"time ×{ratio:.1f} ({human(n)}/{human(m)})"
                rep.verdict(row, ratio <= allowed, ratio=True)
            else:
                row.ratio = "n/a (incomplete)"
                rep.verdict(row, False, ratio=True)
    big = max(cfg.sizes)
    if big >= 100_000 or cfg.quick:
        t = totals.get(big)
        row = rep.add(f"ingest {human(big)} articles, {cfg.workers} workers", f"{big:,} articles",
                      ms(t) if t else "n/a (incomplete)", target="< 10 min (at 100k)")
        if t is not None:
            scaled = t * 100_000 / big
            if big != 100_000:
                row.value += f" (×{100_000 / big:.0f} linear: {ms(scaled)})"
            rep.verdict(row, scaled < INGEST_100K_MAX_S, ratio=False)
        else:
            rep.verdict(row, False, ratio=False)
    rep.raw["ingest_totals"] = totals


def measure_trace(cfg: Config, rep: Report) -> None:
    """Store builds, trace API and cold CLI latency, unconfirmed, sizes, memory."""
    trace_why = _missing("provenance.analysis.trace", "trace")
    api_label = "trace API p50 / p95" + (" (resolve + neighbourhood; no trace yet)"
                                         if trace_why else "")
    has_unconfirmed = cli_has_command("unconfirmed")
    p95: dict[int, float] = {}
    cli95: dict[int, float] = {}
    unconf: dict[int, float] = {}
    mem: dict[int, int] = {}
    builds: dict[int, Result] = {}
    base = min(cfg.claims)
    for n in cfg.claims:
        db = cfg.workdir / f"trace-seed{cfg.seed}-{n}.db"
        _log(f"build store of {n:,} claims")
        got = run_child("build", {"db": str(db), "claims": n, "seed": cfg.seed,
                                  "reuse": cfg.reuse})  # fmt: skip
        if got.error:
            rep.add("store build (generated claims)", f"{human(n)} claims", f"error: {got.error}")
            continue
        b = got.result
        builds[n] = b
        rep.raw.setdefault("build", {})[n] = b
        mem[n] = got.rss if not b.get("reused") else int(b.get("rss", 0))
        if not b.get("reused"):
            b["rss"] = got.rss
            Path(f"{db}.done.json").write_text(json.dumps(b), encoding="utf-8")
        row = rep.add(
            "store build (generated claims)", f"{human(n)} claims",
            f"{b['claims']:,} claims, {b['links']:,} links, {b['documents']:,} docs; Store.ingest "
            f"{b['claims'] / b['ingest_seconds']:,.0f} claims/s ({ms(b['ingest_seconds'])})"
            + (" [reused]" if b.get("reused") else ""),
            rss=mb(mem[n]),
        )
        if n != base and base in builds:
            row.ratio = (f"ingest ×{b['ingest_seconds'] / builds[base]['ingest_seconds']:.0f} "
                         f"for ×{b['claims'] / builds[base]['claims']:.0f} claims")
        size_row = rep.add("store size on disk", f"{human(n)} claims",
                           f"{mb(b['db_bytes'])} ({b['db_bytes'] / b['claims']:,.0f} B/claim)")
        if n != base and base in builds:
            size_row.ratio = f"×{b['db_bytes'] / builds[base]['db_bytes']:.0f}"

        _log(f"trace API at {n:,} claims")
        tr = run_child("trace", {"db": str(db), "samples": cfg.samples, "seed": cfg.seed})
        if tr.error:
            rep.add(api_label, f"{human(n)} claims", f"error: {tr.error}")
            continue
        t = tr.result
        rep.raw.setdefault("trace", {})[n] = {k: v for k, v in t.items() if k != "ids"}
        mem[n] = max(mem[n], tr.rss)
        p95[n] = t["p95"]
        row = rep.add(api_label, f"{human(n)} claims",
                      f"{ms(t['p50'])} / {ms(t['p95'])} (n={t['n']}, neighbourhood "
                      f"{t['neighbourhood_mean']:.1f} claims avg, {t['neighbourhood_max']} max)",
                      rss=mb(tr.rss))
        if n != base and base in p95:
            ratio = t["p95"] / p95[base]
            row.ratio = f"p95 ×{ratio:.2f} ({human(n)}/{human(base)})"
            row.target = f"≤ {TRACE_RATIO_MAX:.0f}"
            rep.verdict(row, ratio <= TRACE_RATIO_MAX, ratio=True)

        ids: list[str] = t["ids"][: cfg.cli_runs]
        if trace_why:
            cmd_name, args = "show", []
        else:
            cmd_name, args = "trace", ["--json"]
        times: list[float] = []
        rss = 0
        err = ""
        for cid in ids:
            run = _spawn([sys.executable, "-m", "provenance", "--db", str(db), cmd_name, cid,
                          *args], timeout=120, parse=False)  # fmt: skip
            if run.error:
                err = run.error
                break
            times.append(run.wall)
            rss = max(rss, run.rss)
        label = f"cold CLI {cmd_name} p50 / p95" + (" (proxy: no trace yet)" if trace_why else "")
        if err or not times:
            rep.add(label, f"{human(n)} claims", f"n/a ({err or 'no claims'})")
        else:
            cli95[n] = percentile(times, 95)
            row = rep.add(label, f"{human(n)} claims",
                          f"{ms(percentile(times, 50))} / {ms(cli95[n])} ({len(times)} runs)",
                          rss=mb(rss))
            if n != base and base in cli95:
                row.ratio = f"p95 ×{cli95[n] / cli95[base]:.2f}"
        if has_unconfirmed:
            _log(f"unconfirmed at {n:,} claims")
            run = _spawn([sys.executable, "-m", "provenance", "--db", str(db), "unconfirmed",
                          "--json"], timeout=600, parse=False)  # fmt: skip
            if run.error:
                rep.add("cold CLI unconfirmed --json", f"{human(n)} claims",
                        f"n/a ({run.error})")
            else:
                unconf[n] = run.wall
                mem[n] = max(mem[n], run.rss)
                row = rep.add("cold CLI unconfirmed --json", f"{human(n)} claims",
                              f"{ms(run.wall)} ({mb(run.result['stdout_bytes'])} of JSON)",
                              rss=mb(run.rss))
                if n != base and base in unconf:
                    row.ratio = f"×{run.wall / unconf[base]:.1f}"
    if not has_unconfirmed:
        rep.add("unconfirmed", "", "n/a (no 'unconfirmed' CLI command yet)")
    big = max(cfg.claims)
    if big in p95:
        row = rep.add("trace API p95 (largest)", f"{human(big)} claims", ms(p95[big]),
                      target=f"< {TRACE_P95_API_MS:.0f} ms")
        rep.verdict(row, p95[big] * 1000 < TRACE_P95_API_MS, ratio=False)
    if big in cli95:
        row = rep.add(f"cold CLI {'show' if trace_why else 'trace'} p95 (largest)",
                      f"{human(big)} claims", ms(cli95[big]),
                      target=f"< {TRACE_P95_CLI_S:.0f} s")
        rep.verdict(row, cli95[big] < TRACE_P95_CLI_S, ratio=False)
    if big in mem:
        row = rep.add("peak memory (build, trace, unconfirmed)", f"{human(big)} claims",
                      mb(mem[big]), target="< 3 GB")
        if base in mem and base != big:
            row.ratio = f"×{mem[big] / mem[base]:.1f} vs {human(base)}"
        rep.verdict(row, mem[big] < PEAK_MEMORY_MAX, ratio=False)
    rep.raw["trace_p95"] = p95
    rep.raw["cli_p95"] = cli95
    rep.raw["peak_memory"] = mem


def measure_graph(cfg: Config, rep: Report) -> None:
    """Graph build at the smallest trace size (10k claims by default)."""
    n = min(cfg.claims)
    db = cfg.workdir / f"trace-seed{cfg.seed}-{n}.db"
    if not db.exists():
        got = run_child("build", {"db": str(db), "claims": n, "seed": cfg.seed, "reuse": True})
        if got.error:
            rep.add("graph build", f"{human(n)} claims", f"error: {got.error}")
            return
    _log(f"graph build at {n:,} claims")
    got = run_child("graph", {"db": str(db)})
    rep.raw["graph"] = got.result
    if got.error:
        rep.add("graph build", f"{human(n)} claims", f"error: {got.error}", rss=mb(got.rss))
        return
    g = got.result
    rep.add("store.dataset() (whole store)", f"{human(n)} claims", ms(g["dataset"]),
            rss=mb(got.rss))
    if "na" in g:
        rep.add("graph build (build_graph)", f"{human(n)} claims", f"n/a ({g['na']})")
    else:
        rep.add("graph build (build_graph)", f"{human(n)} claims",
                f"{ms(g['build'])} ({g['nodes']:,} nodes, {g['edges']:,} edges)",
                rss=mb(got.rss))


# =============================================================================== main


def machine() -> str:
    """One line describing the machine."""
    return (f"{os.cpu_count()} CPUs, Python {platform.python_version()} "
            f"({platform.system()} {platform.machine()}), SQLite {sqlite3.sqlite_version}")


def config(args: argparse.Namespace) -> tuple[Config, Path | None]:
    """Settings from the command line (quick mode picks small defaults)."""
    quick = bool(args.quick)
    sizes = parse_sizes(args.sizes) if args.sizes else list(QUICK_SIZES if quick else FULL_SIZES)
    claims = parse_sizes(args.claims) if args.claims else list(
        QUICK_CLAIMS if quick else FULL_CLAIMS)
    tmp: Path | None = None
    if args.workdir:
        workdir = Path(args.workdir)
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        tmp = workdir = Path(tempfile.mkdtemp(prefix="provenance-bench-"))
    skip = {s.strip() for s in (args.skip or "").split(",") if s.strip()}
    cfg = Config(
        quick=quick, seed=args.seed, sizes=sizes, claims=claims,
        extract_n=args.extract_articles or (100 if quick else 1000), workers=args.workers,
        samples=args.samples or (100 if quick else 300), cli_runs=args.cli_runs or (3 if quick
                                                                                   else 7),
        link_budget=args.link_budget or (25.0 if quick else 180.0), workdir=workdir,
        reuse=bool(args.workdir) and not args.rebuild, skip=skip,
    )  # fmt: skip
    return cfg, (None if args.keep else tmp)


SECTIONS: dict[str, Callable[[Config, Report], None]] = {
    "extract": measure_extract,
    "trace": measure_trace,
    "graph": measure_graph,
    "ingest": measure_ingest,  # last: the longest, and the one a deadline may cut short
}


def run(cfg: Config) -> Report:
    """Run every section not skipped; return the report."""
    rep = Report(quick=cfg.quick)
    for name, fn in SECTIONS.items():
        if name in cfg.skip:
            continue
        fn(cfg, rep)
    return rep


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        return _child_main(argv[1], argv[2])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes for CI (< 2 minutes)")
    ap.add_argument("--sizes", help="ingest sizes in articles, e.g. 1k,10k,100k")
    ap.add_argument("--claims", help="trace store sizes in claims, e.g. 10k,100k,1M")
    ap.add_argument("--extract-articles", type=int, help="articles for extraction (1000; 100)")
    ap.add_argument("--workers", type=int, default=2, help="ingest worker processes (2)")
    ap.add_argument("--samples", type=int, help="trace API samples per size (300; 100)")
    ap.add_argument("--cli-runs", type=int, help="cold CLI runs per size (7; 3)")
    ap.add_argument("--link-budget", type=float, help="seconds allowed to the link step")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (1)")
    ap.add_argument("--skip", help="sections to skip: extract,ingest,trace,graph")
    ap.add_argument("--workdir", help="keep corpora and stores here and reuse them")
    ap.add_argument("--rebuild", action="store_true", help="rebuild stores in --workdir")
    ap.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    ap.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    try:
        cfg, cleanup = config(args)
    except ValueError as exc:
        ap.error(str(exc))
    started = time.perf_counter()
    first: Report | None = None
    try:
        rep = run(cfg)
        if cfg.quick and rep.ratio_failures():
            # These machines are shared: one slow moment can break a ratio of small timings.
            # A miss fails the run only if a second measurement misses too.
            _log("ratio target missed: measuring again before failing")
            first, rep = rep, run(cfg)
    finally:
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)
    took = time.perf_counter() - started
    header = (
        f"provenance benchmarks — {'quick' if cfg.quick else 'full'} run, seed {cfg.seed}, "
        f"{dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"machine: {machine()}; ingest workers {cfg.workers}; total {ms(took)}\n"
    )
    if first is not None:
        missed = "; ".join(f"{r.what} {r.size}" for r in first.ratio_failures())
        print(f"first measurement missed a ratio target ({missed}); measured again:\n")
    print(rep.render(header))
    failures = rep.ratio_failures()
    if failures:
        print(f"\n{len(failures)} ratio target(s) missed: "
              + "; ".join(f"{r.what} {r.size}" for r in failures))
    if args.out:
        args.out.write_text(json.dumps({
            "machine": machine(), "quick": cfg.quick, "seed": cfg.seed, "seconds": took,
            "rows": [r.__dict__ for r in rep.rows], "raw": rep.raw,
        }, indent=1, default=str), encoding="utf-8")  # fmt: skip
    return 1 if (cfg.quick and failures) else 0


if __name__ == "__main__":
    sys.exit(main())
