"""What a chart shows: the nodes and facts in view (a date, a focus, an option overlay)."""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from govgraph.graph.model import Fact, GovGraph, Node
from govgraph.graph.names import resolve
from govgraph.ontology.terms import RELATIONS
from govgraph.viz.styles import CHART_TYPES

__all__ = ["CHART_RELATIONS", "FULL_CHART_TYPES", "ChartTooLarge", "Selection", "select",
           "overlay_marks"]

#: Relations a chart draws (those between chart node types, in schema order).
CHART_RELATIONS = tuple(name for name, r in RELATIONS.items()
                        if set(r.source) & set(CHART_TYPES) and set(r.target) & set(CHART_TYPES))

#: A full chart leaves people out (they are in the tooltips); a focused one shows them.
FULL_CHART_TYPES = ("Organisation", "Body", "Post")

_MARKS = ("removed", "added", "changed")


class ChartTooLarge(ValueError):
    """A chart would have more nodes than can be read; focus on one body instead."""


@dataclass
class Selection:
    """The graph a chart is drawn from and the part of it in view."""

    G: GovGraph
    nodes: list[Node]
    facts: list[Fact]
    focus: Node | None = None
    marks: dict[str, str] = field(default_factory=dict)  # node id or fact key -> mark


def overlay_marks(overlay: Mapping[str, Iterable] | None) -> dict[str, str]:
    """``{added: [...], removed: [...], changed: [...]}`` as one mark per node id or fact key.

    Items are node ids or fact keys, or the items of an option's diff
    (:func:`govgraph.graph.options.diff`): ``{kind: "node", id}`` or ``{kind: "fact",
    key, applied_key}``. Other keys of the mapping (``option``, ``effective``) are ignored.

    Raises
    ------
    ValueError
        If an item is neither a string nor a node or fact item.
    """
    marks: dict[str, str] = {}
    for mark in _MARKS:
        for item in (overlay or {}).get(mark) or ():
            for ref in _refs(item):
                marks.setdefault(ref, mark)
    return marks


def _refs(item) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, Mapping):
        refs = [item.get("id") if item.get("kind", "node") == "node" else item.get("key"),
                item.get("applied_key")]
        refs = [r for r in refs if r]
        if refs:
            return refs
    raise ValueError(f"an overlay item must be a node id, a fact key or a diff item, not {item!r}")


def select(G: GovGraph, focus: str | None = None, *, hops: int = 2,
           as_of: str | dt.date | None = None, types: Iterable[str] | None = None,
           relations: Iterable[str] | None = None,
           overlay: Mapping[str, Iterable] | None = None, base: GovGraph | None = None,
           dataset: str | None = None, around: Iterable[str] | None = None,
           max_nodes: int | None = 2000) -> Selection:
    """The nodes and facts a chart shows.

    Parameters
    ----------
    G : GovGraph
        The graph to draw (under an option: the option's result).
    focus : str, optional
        A body, post or person (any name resolve accepts): show it and what lies
        within ``hops`` lines of it.
    hops : int, default 2
    as_of : str or date, optional
        The structure on that date.
    types, relations : iterable of str, optional
        Node types and relations to draw (default: :data:`FULL_CHART_TYPES`, or all
        chart types when focused; :data:`CHART_RELATIONS`).
    overlay : mapping, optional
        ``{added, removed, changed}``: node ids or fact keys to mark. Removed items
        are not in ``G``; they are drawn from ``base``.
    base : GovGraph, optional
        The baseline the removed items come from.
    dataset : str, optional
        Only the nodes of this dataset (``kent-scs``).
    around : iterable of str, optional
        Node ids to show with what lies within ``hops`` of them (the places an
        option changes); ids not in the graph are ignored.
    max_nodes : int, optional
        Refuse a chart larger than this.

    Raises
    ------
    NameNotFound, AmbiguousName
        If ``focus`` does not pick out one node.
    ChartTooLarge
        If the chart would have more than ``max_nodes`` nodes.
    ValueError
        If ``hops`` is negative, a type or relation is unknown, or the overlay is malformed.
    """
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, not {hops}")
    marks = overlay_marks(overlay)
    drawn = _with_removed(G, base, marks) if base is not None else G
    if as_of is not None:
        drawn = drawn.as_of(as_of)
    types = tuple(types) if types else (
        CHART_TYPES if focus or around is not None else FULL_CHART_TYPES)
    relations = tuple(relations) if relations else CHART_RELATIONS
    _check(types, relations)
    start = resolve(drawn, focus, CHART_TYPES) if focus else None
    wanted = set(types) | ({start.type} if start else set())
    if start is not None:
        ids = _neighbourhood(drawn, [start.id], hops, wanted, relations)
    elif around is not None:
        ids = _neighbourhood(drawn, [i for i in around if i in drawn], hops, wanted, relations)
    elif dataset is not None:  # one dataset's nodes, without walking every dataset's
        ids = {i for i in drawn.dataset_nodes(dataset) if drawn.node(i).type in wanted}
    else:
        ids = {n.id for n in drawn.nodes(wanted)}
    if dataset is not None:
        if not drawn.dataset_nodes(dataset):
            known = sorted({n.dataset for n in drawn.nodes() if n.dataset})
            raise ValueError(f"no dataset {dataset!r} (expected one of {', '.join(known)})")
        ids = {i for i in ids if drawn.node(i).dataset == dataset}
    if max_nodes is not None and len(ids) > max_nodes:
        raise ChartTooLarge(
            f"the chart would have {len(ids)} nodes (more than {max_nodes}); "
            f"focus on one body or person and a few hops instead")
    nodes = sorted((drawn.node(i) for i in ids), key=lambda n: n.id)
    # From the chosen nodes' own facts: a council's chart in a national graph need
    # not walk the country's millions of facts.
    facts = sorted((f for i in ids for f in drawn.out_facts(i, relations) if f.object in ids),
                   key=lambda f: f.key)
    return Selection(drawn, nodes, facts, start, marks)


def _check(types: tuple[str, ...], relations: tuple[str, ...]) -> None:
    for t in types:
        if t not in CHART_TYPES:
            raise ValueError(f"a chart cannot draw {t!r} nodes (expected {', '.join(CHART_TYPES)})")
    for r in relations:
        if r not in CHART_RELATIONS:
            raise ValueError(f"a chart cannot draw {r!r} lines "
                             f"(expected one of {', '.join(CHART_RELATIONS)})")


def _neighbourhood(G: GovGraph, starts: list[str], hops: int, types: set[str],
                   relations: tuple[str, ...]) -> set[str]:
    """Nodes of the wanted types within ``hops`` lines of the starts, either way round."""
    seen = {s for s in starts if G.node(s).type in types}
    queue = deque((s, 0) for s in seen)
    while queue:
        node, depth = queue.popleft()
        if depth == hops:
            continue
        for fact in (*G.out_facts(node, relations), *G.in_facts(node, relations)):
            other = fact.object if fact.subject == node else fact.subject
            if other not in seen and G.node(other).type in types:
                seen.add(other)
                queue.append((other, depth + 1))
    return seen


def _with_removed(G: GovGraph, base: GovGraph, marks: dict[str, str]) -> GovGraph:
    """The option's graph plus the baseline nodes and facts it removed, to draw them.

    The lines of a removed node are drawn too, and marked removed in ``marks``.
    """
    removed = {k for k, m in marks.items() if m == "removed"}
    if not removed:
        return G
    union = G.copy()
    union.documents.update(base.documents)
    for node_id in removed:
        if node_id in base:  # the baseline's version: the option's may be ended
            if node_id in union:
                union.replace_node(base.node(node_id))
            else:
                union.add_node(base.node(node_id))
    for fact in base.facts():
        if fact.key in removed or fact.subject in removed or fact.object in removed:
            for end in (fact.subject, fact.object):
                if end not in union:
                    union.add_node(base.node(end))
            if not union.nx.has_edge(fact.subject, fact.object, fact.key):
                union.nx.add_edge(fact.subject, fact.object, key=fact.key, fact=fact)
                marks.setdefault(fact.key, "removed")  # a removed body's lines go with it
    return union
