"""Load benchmark of the HTTP API on the seeds' knowledge base (issue 4's target: p95 under 50 ms at
20 concurrent clients for /flows, /trace and /sparql).

    .venv/bin/python bench/api_load.py [--seeds ../shared/seeds] [--requests 400] [--seconds 30]

Builds a knowledge base from the seeds in a temporary directory, starts `kb serve` (uvicorn, one
worker) on a free loopback port in its own process, and drives it from this process with 1 and
then 20 concurrent clients (threads, one keep-alive connection each). Every run is bounded in
request count and in time, and only ever talks to 127.0.0.1. Prints p50/p95/max latency,
throughput and errors per route and concurrency, measured in the same run.
"""
from __future__ import annotations

import argparse
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

ROUTES = {
    "/flows": ("GET", "/flows", {"payer": "江汉区"}),
    "/trace": ("GET", "/trace", {"from": "江汉区", "hops": 3}),
    "/sparql": ("GET", "/sparql", {"query": "PREFIX bkb: <https://w3id.org/budget-kb/ontology#> PREFIX obeu-measure: <http://data.openbudgets.eu/ontology/dsd/measure/> "
                                              "SELECT ?f ?amount WHERE { ?f a bkb:FundingFlow ; obeu-measure:amount ?amount } "
                                              "ORDER BY DESC(?amount) LIMIT 20"}),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _drive(url: str, route: tuple, clients: int, requests: int, seconds: float) -> dict:
    method, path, params = route
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    per_client = max(1, requests // clients)

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=url, timeout=10) as c:
            for _ in range(per_client):
                if time.monotonic() > deadline:
                    return
                t0 = time.perf_counter()
                try:
                    ok = c.request(method, path, params=params).status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors += 0 if ok else 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat = sorted(latencies)
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")  # noqa: E731
    return {"requests": len(lat), "errors": errors, "p50_ms": q(0.50), "p95_ms": q(0.95), "max_ms": lat[-1] * 1000 if lat else 0,
            "req_per_s": len(lat) / wall if wall else 0.0, "median_ms": statistics.median(lat) * 1000 if lat else 0}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    ap.add_argument("--requests", type=int, default=400, help="requests per route and concurrency level")
    ap.add_argument("--seconds", type=float, default=30.0, help="time bound per route and concurrency level")
    args = ap.parse_args()
    from kb.build import build
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        build([args.seeds], data)
        port = _free_port()
        kb = Path(sys.executable).with_name("kb")
        proc = subprocess.Popen([str(kb), "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(url + "/openapi.json", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            for route in ROUTES.values():  # warm-up: the graph index is built on the first request
                httpx.request(route[0], url + route[1], params=route[2], timeout=30)
            print(f"{'route':<8} {'clients':>7} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>8}")
            for name, route in ROUTES.items():
                for clients in (1, 20):
                    r = _drive(url, route, clients, args.requests, args.seconds)
                    print(f"{name:<8} {clients:>7} {r['requests']:>8} {r['errors']:>6} {r['p50_ms']:>8.1f} "
                          f"{r['p95_ms']:>8.1f} {r['max_ms']:>8.1f} {r['req_per_s']:>8.0f}")
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
