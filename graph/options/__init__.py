"""Governance options: apply a change set to a baseline, measure its impact, compare.

The functions the CLI and the web app call::

    from govgraph.loaders.options import open_options
    from govgraph.graph.options import list_options, find_option, impact, compare, diff

    options = open_options(data)              # {id: Option}, bundled + beside --data
    list_options(options)                     # [{id, title, baseline, effective, ...}]
    option = find_option(options, "kent-2014-dissolve-csip")
    impact(G, option)                         # findings and measures, with facts and sources
    compare(G, [option, ...])                 # measures side by side, changes and diffs
    diff(G, option)                           # {added, removed, changed}: node ids, fact keys
    apply_option(G, option)                   # the graph under the option (G unchanged)
"""

from __future__ import annotations

import difflib
from typing import Iterable, Mapping

from govgraph.graph.options.apply import Change, Scenario, apply_option, scenario
from govgraph.graph.options.compare import compare
from govgraph.graph.options.diff import diff
from govgraph.graph.options.impact import MEASURES, changes, impact
from govgraph.graph.options.model import (OPERATIONS, Operation, Option, OptionError,
                                          UnknownOption)
from govgraph.graph.options.report import compare_markdown

__all__ = ["list_options", "find_option", "apply_option", "scenario", "impact", "compare",
           "diff", "changes", "compare_markdown", "Option", "Operation", "OptionError",
           "UnknownOption", "OPERATIONS", "MEASURES", "Scenario", "Change"]


def list_options(options: Mapping[str, Option] | Iterable[Option]) -> list[dict]:
    """The options as short JSON-ready rows (id, title, baseline, effective, sources, ...),
    sorted by baseline then id."""
    values = options.values() if isinstance(options, Mapping) else options
    return [o.summary() for o in sorted(values, key=lambda o: (o.baseline, o.id))]


def find_option(options: Mapping[str, Option], option_id: str) -> Option:
    """The option with this id.

    Raises
    ------
    UnknownOption
        If there is none (with the closest ids as suggestions).
    """
    try:
        return options[option_id]
    except KeyError:
        close = difflib.get_close_matches(option_id, list(options), n=3, cutoff=0.4)
        raise UnknownOption(option_id, close) from None
