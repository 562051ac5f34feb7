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
    """The baseline dataset's nodes, every node the option names, and their neighbours.

    Also every document (the steps' sources cite them). Facts between these nodes are
    kept, so every fact of the baseline's nodes and of the named nodes is there: the
    standing structure of the baseline, and every fact a step can end, move or find a
    conflict on. An option the part rejects is applied again to the whole graph, so
    its errors (and their "did you mean" hints) are those of the whole
    (:func:`~govgraph.graph.options.apply.scenario`).

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
    named = {value for _, op in option.all_operations() for value in _strings(op.fields)
             if value in G}
    keep = set(members) | named
    # A step sees the facts of the nodes it names (a body absorbed from another dataset
    # brings its remits, and conflicts between steps are found on them): every fact of
    # a kept node must be there, so its other end is kept too.
    for node_id in set(members) | named:
        keep.update(G.nx._succ[node_id])
        keep.update(G.nx._pred[node_id])
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
