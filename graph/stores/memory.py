"""The embedded store: the query contract answered from the in-memory graph."""

from __future__ import annotations

from typing import Iterable

from govgraph.graph.chain import chain
from govgraph.graph.facts import facts
from govgraph.graph.model import GovGraph
from govgraph.graph.paths import path
from govgraph.graph.profile import profile
from govgraph.graph.search import search
from govgraph.graph.stores.base import Date

__all__ = ["MemoryStore"]


class MemoryStore:
    """Answers the :class:`~govgraph.graph.stores.base.Store` queries from a GovGraph."""

    def __init__(self, G: GovGraph):
        self.G = G

    def chain(self, name: str, *, down: bool = False, as_of: Date = None) -> dict:
        return chain(self.G, name, down=down, as_of=as_of)

    def path(self, a: str, b: str, *, as_of: Date = None) -> dict:
        return path(self.G, a, b, as_of=as_of)

    def profile(self, name: str, *, types: Iterable[str] | None = None,
                as_of: Date = None) -> dict:
        return profile(self.G, name, types=types, as_of=as_of)

    def search(self, text: str, *, types: Iterable[str] | None = None,
               limit: int = 50) -> list[dict]:
        return search(self.G, text, types=types, limit=limit)

    def facts(self, *, relation: str | None = None, as_of: Date = None) -> list[dict]:
        return facts(self.G, relation=relation, as_of=as_of)
