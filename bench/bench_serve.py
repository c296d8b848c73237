"""Load check of ``marsad serve`` (issue #16): 20 concurrent clients for 30 s on loopback against search and story
pages of the demo archive (``data/sample``); every answer must be 200 (errors are counted, the target is 0).

The server runs as its own process (``python -m marsad serve``), as deployed; clients are threads, each with one
keep-alive connection, alternating a search page (``/search?q=...``, a query from the archive's entity names) and
a story page (``/stories/{id}``). Rows: requests per second and p50 / p95 latency per page kind.
"""

from __future__ import annotations

import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 20
SECONDS, QUICK_SECONDS = 30.0, 5.0


def _free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _build_db(folder: Path) -> Path:
    """The demo archive (``make demo``'s corpus) in ``folder``."""
    db = folder / "demo.db"
    subprocess.run([sys.executable, "-m", "marsad", "ingest", str(ROOT / "data" / "sample"), "--db", str(db),
                    "--published", "2019-04-25", "--quiet"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return db


def _targets(base: str) -> tuple[list[str], list[str]]:
    """Search page paths (top entity names as queries) and story page paths of the served archive."""
    def get(path: str) -> dict:
        """One API answer."""
        with urllib.request.urlopen(base + path, timeout=30) as r:
            return json.loads(r.read())

    names = [e["canonical"] for e in get("/api/v1/entities?limit=40")["items"]]
    stories = [s["id"] for s in get("/api/v1/stories?min_size=2&limit=40")["items"]]
    return ([f"/search?q={urllib.parse.quote(n)}" for n in names], [f"/stories/{s}" for s in stories])


def _client(port: int, paths: list[tuple[str, str]], until: float, out: list[tuple[str, float, bool]]) -> None:
    """Request ``paths`` in turn on one keep-alive connection until ``until``; record (kind, seconds, ok)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    i = 0
    while time.monotonic() < until:
        kind, path = paths[i % len(paths)]
        i += 1
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        out.append((kind, time.perf_counter() - t0, ok))
    conn.close()


def _wait_up(base: str, proc: subprocess.Popen) -> None:
    """Wait until the server answers (or fail when it exits)."""
    for _ in range(300):
        if proc.poll() is not None:
            raise RuntimeError(f"marsad serve exited {proc.returncode}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("marsad serve did not start in 60 s")


def run(quick: bool = False) -> list[dict]:
    """Serve the demo archive and load it; one row per page kind and one for all requests."""
    seconds = QUICK_SECONDS if quick else SECONDS
    with tempfile.TemporaryDirectory() as tmp:
        db = _build_db(Path(tmp))
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port),
                                 "--log-level", "warning"], cwd=ROOT, stdout=subprocess.DEVNULL)
        try:
            _wait_up(base, proc)
            searches, stories = _targets(base)
            mixed = [x for pair in zip(searches, stories) for x in (("search", pair[0]), ("story", pair[1]))]
            results: list[tuple[str, float, bool]] = []
            until = time.monotonic() + seconds
            threads = [threading.Thread(target=_client, args=(port, mixed[i:] + mixed[:i], until, results))
                       for i in range(CLIENTS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    rows = []
    for kind in ("search", "story", "all"):
        got = [r for r in results if kind in ("all", r[0])]
        ms = sorted(r[1] * 1000 for r in got)
        errors = sum(not r[2] for r in got)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))] if ms else 0.0
        rows.append({"task": f"serve-load-{kind}", "system": "marsad-serve", "n": len(got), "seconds": seconds,
                     "rate": len(got) / seconds, "unit": "requests/s",
                     "note": f"{CLIENTS} clients, errors {errors}, p50 {statistics.median(ms) if ms else 0:.1f} ms, "
                             f"p95 {p95:.1f} ms"})
    return rows
