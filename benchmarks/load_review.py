"""Load check of the review app: concurrent sessions browsing a large queue.

Seeds a store with N leads (default 10,000) through ``pipelines.store``, starts the app
under uvicorn on 127.0.0.1 (a subprocess), logs in S sessions (default 20) and lets each
browse for a fixed number of requests — queue pages with random filters and pages, and
lead pages — with bounded time. Reports p50/p95/max latency per kind and overall;
target p95 < 300 ms. Prints one JSON object as its last line.

    python benchmarks/load_review.py [--leads 10000] [--sessions 20] [--requests 30]
        [--workers 1] [--db URL] [--timeout 300]

``--workers N`` serves with ``crosscheck serve --workers N`` (N processes). The report
includes the machine's load average before and after (the machine is shared), and the
first request of every worker is warmed before the timed browse.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "load-check-password"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed(url: str, n_leads: int, sessions: int) -> list[str]:
    from pipelines.store import open_store
    from review.seed import add_users, seed_run

    store = open_store(url)
    if store.latest_run() is None:
        seed_run(store, n_leads=n_leads, seed=1, run_id=f"load-{n_leads}")
    users = {f"load{i:02d}": ("investigator" if i % 2 else "supervisor", PASSWORD)
             for i in range(sessions)}
    add_users(store, users)
    ids = [r["lead_id"] for r in store.leads_for_run(f"load-{n_leads}", page_size=1000).rows]
    store.close()
    return ids


def _csrf_token(html: str) -> str:
    m = CSRF.search(html)
    if m is None:
        raise RuntimeError("no csrf_token field in the login page")
    return m.group(1)


def login(base: str, user: str) -> httpx.Client:
    c = httpx.Client(base_url=base, timeout=30, follow_redirects=False)
    tok = _csrf_token(c.get("/login").text)
    r = c.post("/login", data={"username": user, "password": PASSWORD, "csrf_token": tok})
    assert r.status_code == 303, r.status_code
    return c


def browse(c: httpx.Client, n: int, lead_ids: list[str], out: list[tuple[str, float, int]],
           deadline: float, seed: int, start: threading.Barrier) -> None:
    rng = random.Random(seed)
    start.wait()
    try:
        types = ["", "unreported_death", "unreported_incident", "under_reported_accident"]
        for _ in range(n):
            if time.monotonic() > deadline:
                break
            if rng.random() < 0.6:
                params = {"type": rng.choice(types), "page": str(rng.randint(1, 20))}
                if rng.random() < 0.3:
                    params["min_score"] = f"{rng.random():.2f}"
                kind, t0 = "queue", time.perf_counter()
                resp = c.get("/leads", params=params)
            else:
                kind, t0 = "lead", time.perf_counter()
                resp = c.get(f"/leads/{rng.choice(lead_ids)}")
            out.append((kind, (time.perf_counter() - t0) * 1000, resp.status_code))
    finally:
        c.close()


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system) of the server process and its worker processes: the cost
    of the requests independent of how busy the (shared) machine is."""
    import psutil

    total = 0.0
    with contextlib.suppress(psutil.NoSuchProcess):  # the server has exited: count nothing
        proc = psutil.Process(pid)
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):  # a worker exited meanwhile
                t = p.cpu_times()
                total += t.user + t.system
    return total


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=10_000)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--requests", type=int, default=30, help="requests per session")
    ap.add_argument("--db", default=None, help="store URL (default: a temporary SQLite file)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds for the whole browse")
    ap.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="crosscheck-load-")
    url = args.db or f"sqlite:///{Path(tmp.name) / 'store.db'}"
    t0 = time.perf_counter()
    lead_ids = seed(url, args.leads, args.sessions)
    seed_s = time.perf_counter() - t0
    port = _free_port()
    env = {**os.environ, "CROSSCHECK_SECRET_KEY": "load-check-secret-key-0123456789"}
    server = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "-q", "serve", "--db", url, "--port", str(port),
         *(["--workers", str(args.workers)] if args.workers != 1 else [])],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        # warm the per-run cache (the first queue request of a process loads the run; every
        # worker also warms itself in the background at start-up)
        with httpx.Client(base_url=base, follow_redirects=False) as c:
            tok = _csrf_token(c.get("/login").text)
            c.post("/login", data={"username": "load00", "password": PASSWORD, "csrf_token": tok})
            t1 = time.perf_counter()
            c.get("/leads")
            warm_ms = (time.perf_counter() - t1) * 1000
            for _ in range(4 * args.workers):
                c.get("/leads")
        # every session logs in first (argon2 is deliberately slow), then all browse at once
        clients = [login(base, f"load{i:02d}") for i in range(args.sessions)]
        results: list[tuple[str, float, int]] = []
        start = threading.Barrier(args.sessions + 1)
        threads = [threading.Thread(target=browse, args=(c, args.requests, lead_ids, results,
                                                         time.monotonic() + args.timeout, i,
                                                         start))
                   for i, c in enumerate(clients)]
        for t in threads:
            t.start()
        load_before = os.getloadavg()
        cpu_before = _server_cpu(server.pid)
        t2 = time.perf_counter()
        start.wait()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t2
        server_cpu = _server_cpu(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(10)
        tmp.cleanup()
    lat = [ms for _, ms, _ in results]
    errors = sum(1 for *_, code in results if code != 200)
    report = {
        "leads": args.leads, "sessions": args.sessions, "requests": len(results),
        "errors": errors, "seed_seconds": round(seed_s, 1), "first_queue_ms": round(warm_ms),
        "wall_seconds": round(wall, 1), "throughput_rps": round(len(results) / wall, 1),
        "p50_ms": round(pct(lat, 50), 1), "p95_ms": round(pct(lat, 95), 1),
        "max_ms": round(max(lat), 1) if lat else None,
        "by_kind": {k: {"n": len(v), "p50_ms": round(pct(v, 50), 1),
                        "p95_ms": round(pct(v, 95), 1)}
                    for k in ("queue", "lead")
                    if (v := [ms for kk, ms, _ in results if kk == k])},
        "mean_ms": round(statistics.fmean(lat), 1) if lat else None,
        "target_p95_ms": 300,
        "workers": args.workers,
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(len(results), 1), 1),
        "loadavg_before": [round(x, 1) for x in load_before],
        "loadavg_after": [round(x, 1) for x in os.getloadavg()],
    }
    report["meets_target"] = bool(lat) and report["p95_ms"] < 300 and errors == 0
    print(f"{report['requests']} requests from {args.sessions} sessions over {args.leads} leads: "
          f"p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, errors {errors}")
    print(json.dumps(report))
    return 0 if report["meets_target"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
