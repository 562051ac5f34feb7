"""What a command or a web request works on: a store over the chosen data.

The CLI and the web app both open their store here, so ``--data``, ``--store``
and ``--option`` mean the same everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from govgraph.graph.model import GovGraph
from govgraph.graph.stores.base import Store
from govgraph.graph.stores.memory import MemoryStore
from govgraph.loaders import open_graph

__all__ = ["open_store", "open_baseline", "open_graph_for", "StoreUnavailable"]


class StoreUnavailable(ValueError):
    """The store named cannot be used (unknown scheme, unreachable server, ...)."""


def open_baseline(data: Sequence[Path] | None = None) -> GovGraph:
    """The graph of the bundled data or of the given dataset folders."""
    return open_graph(data)


def open_graph_for(data: Sequence[Path] | None = None, option: str | None = None) -> GovGraph:
    """The in-memory graph of the data, under an option when one is given."""
    if option:
        raise StoreUnavailable("options are not available yet")
    return open_baseline(data)


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
    """
    store = store or os.environ.get("GOVGRAPH_STORE") or "memory"
    if store != "memory":
        raise StoreUnavailable(f"unknown store {store!r} (expected 'memory' or a bolt:// URI)")
    if option:
        raise StoreUnavailable("options are not available yet")
    return MemoryStore(open_baseline(data))
