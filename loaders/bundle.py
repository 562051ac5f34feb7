"""Opening the data a command works on: the bundled datasets or the folders given."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from govgraph.data import bundled_data_dir
from govgraph.graph.model import GovGraph
from govgraph.loaders.snapshot import load_cached

__all__ = ["open_graph"]


def open_graph(data: Sequence[Path] | None = None) -> GovGraph:
    """Load the given dataset folders, or the bundled data when none are given.

    Through a snapshot when one is current (:mod:`govgraph.loaders.snapshot`;
    ``GOVGRAPH_CACHE=off`` reads the files every time).

    Raises
    ------
    RegisterError
        If any file is invalid (nothing is loaded).
    """
    return load_cached(list(data) if data else [bundled_data_dir()])
