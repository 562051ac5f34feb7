"""What a command or a web request works on: a store over the chosen data.

The CLI and the web app both open their store here, so ``--data``, ``--store``
and ``--option`` mean the same everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from govgraph.graph.model import GovGraph
from govgraph.graph.options import apply_option, find_option
from govgraph.graph.stores.base import Store
from govgraph.graph.stores.memory import MemoryStore
from govgraph.loaders import open_graph
from govgraph.loaders.options import open_options

__all__ = ["open_store", "open_baseline", "open_graph_for", "StoreUnavailable"]


class StoreUnavailable(ValueError):
    """The store named cannot be used (unknown scheme, unreachable server, ...)."""


def open_baseline(data: Sequence[Path] | None = None) -> GovGraph:
    """The graph of the bundled data or of the given dataset folders."""
    return open_graph(data)


def open_graph_for(data: Sequence[Path] | None = None, option: str | None = None) -> GovGraph:
    """The in-memory graph of the data, under an option when one is given.

    Raises
    ------
    UnknownOption
        If no option has that id (bundled, or in an ``options/`` folder beside ``data``).
    OptionError
        If an option file is invalid or the option cannot be applied to the data.
    """
    G = open_baseline(data)
    if option:
        # The option's changes are dated: --as-of before its date still gives the baseline.
        return apply_option(G, find_option(open_options(data), option))
    return G


def open_store(data: Sequence[Path] | None = None, store: str | None = None,
               option: str | None = None) -> Store:
    """The store a query runs against.

    Parameters
    ----------
    data : folders, optional
        Dataset folders (default: the bundled data).
    store : str, optional
        ``memory`` (the default, also from ``GOVGRAPH_STORE``) or a Bolt URI.
    option : str, optional
        The id of an option to answer under.

    Raises
    ------
    StoreUnavailable
        For an unknown store, or a Bolt server that is unreachable, refuses the
        credentials, lacks the database or holds no govgraph data (one line each).
    """
    store = store or os.environ.get("GOVGRAPH_STORE") or "memory"
    if store != "memory":
        # The Neo4j driver is imported only when a Bolt store is asked for: it costs
        # every other command a noticeable start-up time.
        from govgraph.graph.stores.cypher import is_bolt_uri
        if not is_bolt_uri(store):
            raise StoreUnavailable(f"unknown store {store!r} (expected 'memory' or a bolt:// URI)")
        return _open_bolt(data, store, option)
    if option:
        return MemoryStore(open_graph_for(data, option))
    return MemoryStore(open_baseline(data))


def _open_bolt(data: Sequence[Path] | None, uri: str, option: str | None) -> Store:
    """The Neo4j store at ``uri``; under an option, its graph pulled into memory.

    The graph comes from the server, not from ``data``; ``data`` only says where
    to look for option files.
    """
    from govgraph.graph.stores.cypher import Neo4jUnavailable
    from govgraph.graph.stores.neo4j import open_neo4j
    try:
        store = open_neo4j(uri)
        if not option:
            return store
        with store:
            G = store.graph()
    except Neo4jUnavailable as exc:
        raise StoreUnavailable(str(exc)) from None
    return MemoryStore(apply_option(G, find_option(open_options(data), option)))
