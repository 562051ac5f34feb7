"""The query contract every store answers: the same questions, the same answers.

:class:`MemoryStore` answers from the in-memory graph (the embedded default); the
Neo4j store answers the same questions in Cypher over Bolt. A parity test runs
every query against both and compares the answers.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Protocol, runtime_checkable

__all__ = ["Store", "PROFILE_TYPES"]

#: The node types each profile command resolves names to.
PROFILE_TYPES: dict[str, tuple[str, ...] | None] = {
    "body": ("Body", "Organisation"),
    "person": ("Person",),
    "post": ("Post",),
    "show": None,
}

Date = str | dt.date | None


@runtime_checkable
class Store(Protocol):
    """What the CLI and the web app ask of a store. Answers are JSON-ready dicts."""

    def chain(self, name: str, *, down: bool = False, as_of: Date = None) -> dict:
        """Lines up from a node to the top, or down (see graph.chain.chain)."""

    def path(self, a: str, b: str, *, as_of: Date = None) -> dict:
        """Paths between two nodes (see graph.paths.path)."""

    def profile(self, name: str, *, types: Iterable[str] | None = None,
                as_of: Date = None) -> dict:
        """One node and its facts (see graph.profile.profile)."""

    def search(self, text: str, *, types: Iterable[str] | None = None,
               limit: int = 50) -> list[dict]:
        """Nodes matching a text (see graph.search.search)."""

    def facts(self, *, relation: str | None = None, as_of: Date = None) -> list[dict]:
        """All facts (see graph.facts.facts)."""
