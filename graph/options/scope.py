"""The part of a graph an option's impact looks at.

An option changes one dataset (its ``baseline``), and its impact, diff and views
compare that dataset's standing structure before and after
(:func:`~govgraph.graph.options.structure.standing`). With a whole region or the
country loaded, copying and walking every council to measure a change to one of them
made an impact take a minute; applying the option to this part instead makes it
proportional to the one dataset, with the same answers (``tests/test_option_scope.py``
holds the two together on every bundled option).
"""

from __future__ import annotations

from typing import Iterator

from govgraph.graph.model import GovGraph
from govgraph.graph.options.model import Option

__all__ = ["option_scope"]


def option_scope(G: GovGraph, option: Option) -> GovGraph:
    """The baseline dataset's nodes, their neighbours and every node the option names.

    Also every document (the steps' sources cite them). Facts between these nodes are
    kept, so every fact the standing structure of the baseline holds is there, and each
    step finds the nodes and lines it names as it would in the whole graph.

    Parameters
    ----------
    G : GovGraph
        The whole baseline graph; it is not changed.
    option : Option

    Returns
    -------
    GovGraph
        The part (or ``G`` itself when the baseline dataset is not loaded, so that
        applying the option reports that as it always has).

    Examples
    --------
    >>> from govgraph.loaders.bundle import open_graph
    >>> from govgraph.loaders.options import open_options
    >>> G = open_graph()
    >>> part = option_scope(G, open_options()["kent-2014-dissolve-csip"])
    >>> "kent/csip" in part, "leics/lcc" in part, len(part) < len(G)
    (True, False, True)
    """
    members = G.dataset_nodes(option.baseline)
    if not members:
        return G
    keep = set(members)
    for node_id in members:
        keep.update(G.nx._succ[node_id])
        keep.update(G.nx._pred[node_id])
    keep.update(value for _, op in option.all_operations() for value in _strings(op.fields)
                if value in G)
    return G.subgraph(keep)


def _strings(value: object) -> Iterator[str]:
    """Every string inside a step's fields (ids among them)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
