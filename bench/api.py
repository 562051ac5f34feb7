"""API throughput: chain requests under concurrent load against `govgraph serve`.

The server runs as its own process on the loopback interface, over the generated
data; a small asyncio client keeps ``concurrency`` HTTP/1.1 connections open and
sends GET /api/chain requests for distinct random bodies until ``duration_s`` or
``max_requests`` is reached, whichever comes first; then requests for 500 of them
over and over, which the app answers from its cache. The client is deliberately
light (raw keep-alive requests, no HTTP library), since it shares the machine's two
cores with the server.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from timing import summary

__all__ = ["serve_available", "measure"]


def _govgraph() -> list[str]:
    exe = Path(sys.executable).with_name("govgraph")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "govgraph.app.cli"]


def serve_available() -> str | None:
    """None if `govgraph serve` exists, else why not."""
    try:
        done = subprocess.run([*_govgraph(), "serve", "--help"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"govgraph serve cannot be run ({exc})"
    return None if done.returncode == 0 else "govgraph serve is not a command yet"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _client(port: int, paths: list[str], stop_at: float, limit: int, done: list[float],
                  errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop_at and len(done) + len(errors) < limit and paths:
            path = paths.pop()
            start = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            if status == 200:
                done.append(time.perf_counter() - start)
            else:
                errors.append(f"{status} {path}")
    finally:
        writer.close()


async def _load(port: int, paths: list[str], concurrency: int, duration_s: float,
                limit: int) -> tuple[list[float], list[str], float]:
    done: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    await asyncio.gather(*(_client(port, paths, start + duration_s, limit, done, errors)
                           for _ in range(concurrency)))
    return done, errors, time.perf_counter() - start


def measure(data: Path, bodies: list[str], *, concurrency: int = 16, duration_s: float = 15.0,
            max_requests: int = 20000, start_timeout_s: float = 2400.0) -> dict:
    """Start the server on the data, warm it, load it, stop it; throughput and latency."""
    why = serve_available()
    if why:
        return {"api.status": f"not available yet: {why}"}
    port = _free_port()
    started = time.perf_counter()
    server = subprocess.Popen([*_govgraph(), "serve", "--data", str(data), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        ready = False
        while time.perf_counter() - started < start_timeout_s and server.poll() is None:
            try:
                with urllib.request.urlopen(f"{base}/api/chain?name={quote(bodies[0])}",
                                            timeout=start_timeout_s) as reply:
                    ready = reply.status == 200
                break
            except OSError:
                time.sleep(0.5)
        if not ready:
            err = server.stderr.read().decode()[-500:] if server.poll() is not None else ""
            return {"api.status": f"server did not answer within {start_timeout_s:.0f} s {err}"}
        out = {"api.server_ready_s": time.perf_counter() - started}
        for body in bodies[:20]:  # warm the code paths (the first request pays for imports)
            urllib.request.urlopen(f"{base}/api/chain?name={quote(body)}").read()
        # The app caches answers (4,096 per kind), so the first pass asks every body once
        # (each answer computed: the figure the target is about); the second asks a few
        # hundred bodies over and over, all answered from the cache.
        fresh = [f"/api/chain?name={quote(b)}" for b in bodies[20:]]
        repeated = fresh[:500] * (max_requests // 500 + 1)
        for key, paths in (("chain", list(reversed(fresh))), ("chain_cached", repeated)):
            done, errors, seconds = asyncio.run(_load(port, paths, concurrency, duration_s,
                                                      max_requests))
            out.update({f"api.{key}.{k}": v for k, v in summary(done).items()})
            out.update({f"api.{key}.requests_per_s": len(done) / seconds,
                        f"api.{key}.errors": len(errors), f"api.{key}.seconds": seconds})
            if errors:
                out[f"api.{key}.first_error"] = errors[0]
        out["api.concurrency"] = concurrency
        return out
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
