"""Opening the data a command works on: the bundled datasets or the folders given."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Sequence

from govgraph.data import bundled_data_dir
from govgraph.graph.model import GovGraph
from govgraph.loaders.snapshot import load_cached

__all__ = ["open_graph"]


def open_graph(data: Sequence[Path] | None = None) -> GovGraph:
    """Load the given dataset folders, or the bundled data when none are given.

    Through a snapshot when one is current (:mod:`govgraph.loaders.snapshot`;
    ``GOVGRAPH_CACHE=off`` reads the files every time). The loaded objects are then
    exempt from cycle collection (:func:`gc.freeze`).

    Raises
    ------
    RegisterError
        If any file is invalid (nothing is loaded).
    """
    G = load_cached(list(data) if data else [bundled_data_dir()])
    # A loaded graph lives as long as the command or server that opened it, but every
    # full collection would scan all its objects again: 0.2 s at ten councils, 10 s
    # nationally, in the middle of a query. Freezing puts everything alive now out of
    # the collector's reach; objects are still freed when no longer referenced.
    gc.freeze()
    return G
