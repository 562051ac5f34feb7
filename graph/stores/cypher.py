"""Talking Bolt to a graph server: where it is, which dialect it speaks, one-line errors.

Everything that differs between servers lives here, in :class:`Dialect`:

* **Neo4j 5** (it answers ``dbms.components()``) gets a uniqueness constraint on node
  ids, managed transactions and large batches.
* **FalkorDB**'s experimental Bolt endpoint, which the tests run against, needs care
  (seen in FalkorDB 4.16). It pastes string parameters into the query as quoted
  literals, so a quote or backslash in a value is escaped first (the connection
  detects this behaviour rather than trusting a server name). It reads a request into
  a 4 KB buffer and a larger one crashes it, so requests are kept small. It stops
  accepting new connections after a client says GOODBYE, so connections to it are
  closed without one. It takes the database from each query, not from BEGIN, and has
  no Bolt transactions to roll back, so each batch is one auto-commit query.
* **Other Bolt servers** get the portable subset: small requests, a plain index.

The queries themselves are the same portable openCypher for all: ``UNWIND``,
``MERGE``, bounded expansions, no ``shortestPath``, no temporal values (dates are
ISO strings).
"""

from __future__ import annotations

import os
import re
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator
from urllib.parse import unquote, urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors

__all__ = ["Neo4jUnavailable", "Target", "Dialect", "NEO4J", "PORTABLE", "FALKORDB", "Connection",
           "SCHEMES", "is_bolt_uri", "parse_target", "connect", "request_size"]

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jUnavailable(ValueError):
    """The graph server cannot be used: unreachable, refused, no such database, ..."""


def is_bolt_uri(text: str) -> bool:
    """Whether a ``--store`` value names a Bolt server (``bolt://``, ``neo4j://``, ...)."""
    return urlsplit(text).scheme in SCHEMES


@dataclass(frozen=True)
class Target:
    """A server and database to connect to; the URI carries no credentials."""

    uri: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    def __str__(self) -> str:
        return self.uri + (f" (database {self.database!r})" if self.database else "")


def parse_target(uri: str, *, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> Target:
    """Where to connect, from a URI, explicit options and the environment.

    ``bolt://user:password@host:7687/database`` may carry credentials and a
    database; explicit arguments win over the URI, and the URI over
    ``NEO4J_USER`` (or ``NEO4J_USERNAME``), ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``.
    A password without a user is for the user ``neo4j``; no user means no auth.

    Raises
    ------
    Neo4jUnavailable
        If the URI is not a Bolt URI.
    """
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError as exc:
        raise Neo4jUnavailable(f"{uri!r} is not a valid Bolt URI ({exc})") from None
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise Neo4jUnavailable(f"{uri!r} is not a Bolt URI (expected e.g. bolt://localhost:7687; "
                               f"schemes: {', '.join(SCHEMES)})")
    env = os.environ
    user = user or (unquote(parts.username) if parts.username else None) \
        or env.get("NEO4J_USER") or env.get("NEO4J_USERNAME")
    password = password or (unquote(parts.password) if parts.password else None) \
        or env.get("NEO4J_PASSWORD")
    if password and not user:
        user = "neo4j"  # Neo4j's own default user
    database = database or unquote(parts.path.strip("/")) or env.get("NEO4J_DATABASE") or None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    clean = f"{parts.scheme}://{host}" + (f":{port}" if port else "")
    return Target(uri=clean, user=user, password=password, database=database)


def request_size(value: Any) -> int:
    """An upper bound on the bytes a value takes in a request.

    Counted as the value written as a Cypher literal (quotes, separators and
    escapes included), which is how FalkorDB reads parameters; PackStream, which
    Neo4j reads, is never larger.
    """
    if isinstance(value, str):
        return 2 + len(value.encode("utf-8")) + value.count("'") + value.count("\\")
    if isinstance(value, dict):
        return 2 + sum(len(str(k).encode("utf-8")) + 4 + request_size(v)
                       for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return 2 + sum(request_size(v) + 2 for v in value)
    if isinstance(value, bool) or value is None:
        return 5
    return len(repr(value)) + 2


#: Room for the rest of a request: the parameters' names, ``CYPHER``, the database.
_OVERHEAD = 160


def _kill_connections(driver: neo4j.Driver) -> None:
    """Close the driver's sockets without a Bolt GOODBYE (see the module docstring)."""
    pool = getattr(driver, "_pool", None)
    for connections in list(getattr(pool, "connections", {}).values()):
        for connection in list(connections):
            kill = getattr(connection, "kill", None)
            if kill is not None:
                kill()


@dataclass(frozen=True)
class Dialect:
    """What differs between Bolt servers: batch sizes, the id index, closing."""

    name: str
    max_request_bytes: int
    max_rows: int
    unique_ids: bool
    goodbye: bool
    escape_strings: bool = False
    managed_transactions: bool = True

    def params(self, params: dict) -> dict:
        """Parameters as this server must receive them."""
        return _escaped(params) if self.escape_strings else params

    def close(self, driver: neo4j.Driver) -> None:
        if not self.goodbye:
            _kill_connections(driver)
        driver.close()


def _escaped(value: Any) -> Any:
    """Strings with backslashes and single quotes escaped, as in a Cypher literal."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_escaped(v) for v in value]
    return value


NEO4J = Dialect("neo4j", max_request_bytes=4_000_000, max_rows=1000, unique_ids=True,
                goodbye=True)
PORTABLE = Dialect("portable", max_request_bytes=3900, max_rows=200, unique_ids=False,
                   goodbye=False)
FALKORDB = Dialect("falkordb", max_request_bytes=3900, max_rows=200, unique_ids=False,
                   goodbye=False, escape_strings=True, managed_transactions=False)


def _reason(exc: BaseException) -> str:
    """The useful last words of a driver error, on one line."""
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    match = re.search(r"\(reason ([^)]*)\)", text)
    if match:
        text = match.group(1)
    text = re.sub(r"\[Errno -?\d+\]\s*", "", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def _translate(exc: BaseException, target: Target, doing: str) -> Neo4jUnavailable:
    if isinstance(exc, neo4j_errors.AuthError):
        who = f"user {target.user!r}" if target.user else "no credentials"
        return Neo4jUnavailable(f"the server at {target.uri} refused the credentials ({who}); "
                                "check --user/--password or NEO4J_USER/NEO4J_PASSWORD")
    code = getattr(exc, "code", None) or ""
    if code.endswith("DatabaseNotFound"):
        return Neo4jUnavailable(f"no database {target.database!r} on the server at {target.uri}")
    if isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
        return Neo4jUnavailable(f"cannot reach a Bolt server at {target.uri} ({_reason(exc)})")
    if isinstance(exc, neo4j_errors.ConfigurationError):
        return Neo4jUnavailable(f"cannot use {target.uri}: {_reason(exc)}")
    if doing == "the connection check" and target.user:
        return Neo4jUnavailable(f"the server at {target.uri} refused the connection for user "
                                f"{target.user!r}: {_reason(exc)}")
    return Neo4jUnavailable(f"the server at {target} failed {doing}: {_reason(exc)}")


_DRIVER_ERRORS = (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError)


class Connection:
    """A driver, a database and a dialect: runs Cypher and turns errors into one line.

    Closing is done by :meth:`close`, or when the connection is garbage collected.
    """

    def __init__(self, target: Target, driver: neo4j.Driver, dialect: Dialect = PORTABLE):
        self.target, self.driver = target, driver
        # The finalizer must not hold the connection itself, so the dialect it closes
        # with lives in a box they share.
        self._dialect = [dialect]
        self._finalizer = weakref.finalize(self, _close_quietly, driver, self._dialect)

    @property
    def dialect(self) -> Dialect:
        return self._dialect[0]

    @dialect.setter
    def dialect(self, value: Dialect) -> None:
        self._dialect[0] = value

    @contextmanager
    def errors(self, doing: str) -> Iterator[None]:
        """Turn driver errors into :class:`Neo4jUnavailable`."""
        try:
            yield
        except _DRIVER_ERRORS as exc:
            raise _translate(exc, self.target, doing) from None

    def read(self, query: str, **params: Any) -> list[dict]:
        """Run a read query; the records as dicts."""
        return self._run(query, params, write=False)

    def write(self, query: str, **params: Any) -> list[dict]:
        """Run a write query in one transaction; the records as dicts."""
        return self._run(query, params, write=True)

    def _run(self, query: str, params: dict, *, write: bool) -> list[dict]:
        if not self.fits(query, **params):
            raise Neo4jUnavailable(f"a request too large for the server at {self.target.uri} "
                                   f"(it takes at most {self.dialect.max_request_bytes} bytes)")
        params = self.dialect.params(params)

        def work(tx):
            return [record.data() for record in tx.run(query, params)]
        with self.errors("a write" if write else "a query"), \
                self.driver.session(database=self.target.database) as session:
            if not self.dialect.managed_transactions:
                return work(session)
            return session.execute_write(work) if write else session.execute_read(work)

    def batches(self, query: str, items: Iterable[Any], **params: Any) -> Iterator[list]:
        """Split ``items`` into lists that, sent as ``$rows`` with the query, fit a request.

        An item too large to fit on its own is yielded alone; the caller splits it.
        """
        fixed = request_size(query) + request_size({**params, "rows": []}) + _OVERHEAD
        budget = self.dialect.max_request_bytes - fixed
        batch: list = []
        size = 0
        for item in items:
            item_size = request_size(item) + 2  # and its separator in the list
            if batch and (size + item_size > budget or len(batch) >= self.dialect.max_rows):
                yield batch
                batch, size = [], 0
            batch.append(item)
            size += item_size
        if batch:
            yield batch

    def fits(self, query: str, **params: Any) -> bool:
        """Whether a query with these parameters fits in one request."""
        return request_size(query) + request_size(params) + _OVERHEAD <= \
            self.dialect.max_request_bytes

    def read_each(self, query: str, items: Iterable[Any], **params: Any) -> list[dict]:
        """Run a read query once per batch of ``items`` (as ``$rows``); all the records."""
        found: list[dict] = []
        for batch in self.batches(query, items, **params):
            found += self.read(query, rows=batch, **params)
        return found

    def close(self) -> None:
        self._finalizer()

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _close_quietly(driver: neo4j.Driver, dialect: list[Dialect]) -> None:
    try:
        dialect[0].close(driver)
    except Exception:  # closing is best effort: the server may already be gone
        pass


def _detect(connection: Connection) -> Dialect:
    """Neo4j answers ``dbms.components()``; a server that unescapes string parameters
    is FalkorDB-like; anything else gets the portable dialect."""
    try:
        rows = connection.read("CALL dbms.components() YIELD name RETURN name")
        if any(str(r.get("name", "")).startswith("Neo4j") for r in rows):
            return NEO4J
    except Neo4jUnavailable:
        pass
    probe = "a\\\\b"  # a, two backslashes, b: a literal-pasting server returns one
    rows = connection.read("RETURN $probe AS probe", probe=probe)
    return PORTABLE if rows and rows[0]["probe"] == probe else FALKORDB


def connect(target: Target, *, timeout: float = 10.0) -> Connection:
    """Open a connection and check the server answers.

    Raises
    ------
    Neo4jUnavailable
        If the server is unreachable, refuses the credentials or has no such database.
    """
    if target.user and not target.password:
        raise Neo4jUnavailable(f"no password for user {target.user!r} "
                               "(give --password or set NEO4J_PASSWORD)")
    auth = (target.user, target.password) if target.user else None
    try:
        driver = neo4j.GraphDatabase.driver(target.uri, auth=auth, connection_timeout=timeout,
                                            connection_acquisition_timeout=timeout * 2,
                                            max_transaction_retry_time=timeout)
    except (neo4j_errors.ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailable(f"cannot use {target.uri}: {_reason(exc)}") from None
    connection = Connection(target, driver)
    try:
        with connection.errors("the connection check"):
            driver.verify_connectivity()
        connection.read("RETURN 1 AS ok")  # reaches the database, not just the server
        connection.dialect = _detect(connection)
    except BaseException:
        connection.close()
        raise
    return connection
