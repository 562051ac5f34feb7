"""Options as the web app and ``govgraph chart --option`` see them.

One place calls :mod:`govgraph.graph.options`, so the surfaces ask the same
questions the same way: the options on offer, one option's impact, a comparison,
and the structure under an option with what it adds, removes and changes (the
chart overlay). Until the options package can be imported, every call raises
:class:`OptionsUnavailable` (the API answers 501).
"""

from __future__ import annotations

import importlib
from functools import cached_property
from pathlib import Path
from typing import Sequence

from govgraph.graph.model import GovGraph

__all__ = ["OptionsUnavailable", "Options"]


class OptionsUnavailable(RuntimeError):
    """The options package is missing or incomplete."""


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise OptionsUnavailable(f"options are not available in this build ({exc})") from None


class Options:
    """The options that go with a baseline graph; loaded once, on first use.

    Parameters
    ----------
    G : GovGraph
        The baseline.
    data : folders, optional
        The dataset folders (options are read from beside them and from the bundle).
    """

    def __init__(self, G: GovGraph, data: Sequence[Path] | None = None):
        self.G, self.data = G, list(data) if data else None
        self._views: dict[str, tuple[GovGraph, GovGraph, dict]] = {}

    @cached_property
    def api(self):
        """govgraph.graph.options (raises OptionsUnavailable if it cannot be imported)."""
        return _module("govgraph.graph.options")

    @cached_property
    def all(self) -> dict:
        """``{id: Option}``.

        Raises
        ------
        OptionsUnavailable
            If the options cannot be loaded (the message lists the invalid files).
        """
        loader = _module("govgraph.loaders.options")
        try:
            return loader.open_options(self.data)
        except self.api.OptionError as exc:
            raise OptionsUnavailable(str(exc)) from None

    def list(self) -> list[dict]:
        """Each option's id, title, baseline, effective date, note and sources."""
        return self.api.list_options(self.all)

    def find(self, option_id: str):
        """The option with this id (raises UnknownOption, with suggestions)."""
        return self.api.find_option(self.all, option_id)

    def impact(self, option_id: str) -> dict:
        return self.api.impact(self.G, self.find(option_id))

    def compare(self, option_ids: Sequence[str]) -> dict:
        return self.api.compare(self.G, [self.find(i) for i in option_ids])

    def view(self, option_id: str) -> tuple[GovGraph, GovGraph, dict]:
        """The standing structure under the option, the baseline's, and the diff.

        Both structures are those of the option's dataset in force from its date
        (what its impact compares); the chart draws the first with the diff as an
        overlay, taking removed items from the second.
        """
        if option_id not in self._views:
            option = self.find(option_id)
            applied = self.api.scenario(self.G, option)
            before, after = applied.structures()
            for view in (after, before):  # tooltips name the documents sources come from
                view.documents.update(self.G.documents)
            diff = _module("govgraph.graph.options.diff").scenario_diff(applied)
            self._views[option_id] = (after, before, diff)
        return self._views[option_id]
