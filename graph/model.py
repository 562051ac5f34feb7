"""The in-memory governance graph: typed nodes and sourced facts over networkx.

A :class:`GovGraph` wraps a :class:`networkx.MultiDiGraph`. Each node carries a
:class:`Node` and each edge a :class:`Fact`, keyed by the fact's stable id. The
node types and relations allowed are those of ``ontology/schema.yaml``.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator, TypeVar

import networkx as nx

from govgraph.graph.dates import holds_on
from govgraph.graph.linking import NodeTypes, link
from govgraph.ontology.terms import NODE_TYPES

T = TypeVar("T")

__all__ = ["Source", "Node", "Fact", "GovGraph", "ModelError", "UnknownNode", "paused_gc"]


@contextmanager
def paused_gc(*, kept: bool = False) -> Iterator[None]:
    """Build many long-lived objects with Python's cycle collector paused.

    Loading, copying or viewing a graph makes millions of objects and no garbage
    cycles, and the collector would scan the whole growing heap again and again: at
    national scale that was over half of the time taken. It is restored as it was.

    Everything made while it was paused is the youngest generation, which the
    collector's first pass afterwards walks in full: 1.8 s after a national load.
    With ``kept`` (a loaded graph, meant to last) it is all moved to the oldest
    generation instead, unwalked, which only a full collection looks at (unless
    objects are frozen already: :func:`gc.unfreeze` would let them go too).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if kept and not gc.get_freeze_count():
                gc.freeze()  # every generation into the permanent one, unwalked,
                gc.unfreeze()  # and from there into the oldest
            gc.enable()


class ModelError(ValueError):
    """A node or fact breaks the model (unknown type, wrong end types, ...)."""


class UnknownNode(KeyError):
    """No node has this id."""

    def __str__(self) -> str:  # KeyError quotes its message; say it plainly
        return f"no node with id {self.args[0]!r}"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact is stated: a document id, a locator in it and a short quote."""

    doc: str
    loc: str
    quote: str = ""

    def to_dict(self) -> dict:
        return {"doc": self.doc, "loc": self.loc, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Node:
    """A body, person, post, remit, ... with its names, lifecycle and sources.

    ``props`` holds the type's own fields from the schema (``kind``, ``composition``,
    ``topics``, ``date``, ...).
    """

    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_to: str | None = None
    props: dict = field(default_factory=dict, compare=True, hash=False)
    sources: tuple[Source, ...] = ()
    note: str | None = None
    inferred: str | None = None
    dataset: str | None = None

    def holds_on(self, on: str | dt.date) -> bool:
        """Whether the node exists on the date (unknown bounds do not bound)."""
        return holds_on(self.valid_from, self.valid_to, on)

    def ref(self) -> dict:
        """The short form used inside answers: id, label, type."""
        return {"id": self.id, "label": self.label, "type": self.type}

    def to_dict(self) -> dict:
        return {
            "id": self.id, "type": self.type, "label": self.label, "aliases": list(self.aliases),
            "valid_from": self.valid_from, "valid_to": self.valid_to, **self.props,
            "note": self.note, "inferred": self.inferred, "dataset": self.dataset,
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """One relation between two nodes, with its validity, qualifiers and sources.

    ``role`` and ``party`` are the common qualifiers (a seat's role, a member's
    party); ``qualifiers`` holds the rest (``acting``, ``interim``, ``for``, ...).
    """

    subject: str
    relation: str
    object: str
    role: str | None = None
    party: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    qualifiers: dict = field(default_factory=dict, hash=False)
    attested: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    note: str | None = None
    inferred: str | None = None

    @property
    def key(self) -> str:
        """A stable id: what the fact says, not where it is said."""
        # one string built in one step (a load makes 2.35 M): a third faster than adding
        # each part to the last
        role, start, end = self.role, self.valid_from, self.valid_to
        return (f"{self.subject}|{self.relation}|{self.object}"
                f"{'|role=' if role else ''}{role or ''}"
                f"{'|valid_from=' if start else ''}{start or ''}"
                f"{'|valid_to=' if end else ''}{end or ''}")

    def holds_on(self, on: str | dt.date) -> bool:
        return holds_on(self.valid_from, self.valid_to, on, self.attested)

    def to_dict(self, G: "GovGraph | None" = None) -> dict:
        """The fact as JSON-ready data; with a graph, ends carry their labels."""
        ends = {end: (G.node(getattr(self, end)).ref() if G is not None
                      else {"id": getattr(self, end)}) for end in ("subject", "object")}
        return {"subject": ends["subject"], "relation": self.relation, "object": ends["object"],
                "role": self.role, "party": self.party, "qualifiers": dict(self.qualifiers),
                "valid_from": self.valid_from, "valid_to": self.valid_to,
                "attested": list(self.attested), "note": self.note, "inferred": self.inferred,
                "sources": [s.to_dict() for s in self.sources]}

    def merged_with(self, other: "Fact") -> "Fact":
        """The same fact stated again: sources, attestations, qualifiers and notes combined.

        Qualifiers the first statement lacks are taken from the second (an
        "interim" said in one paper and not the other is kept).
        """
        sources = self.sources + tuple(s for s in other.sources if s not in self.sources)
        # A statement with no dates at all leaves the fact unbounded; attestations
        # from another paper must not narrow it to the days that paper saw it.
        timeless = any(not (f.valid_from or f.valid_to or f.attested) for f in (self, other))
        attested = () if timeless else tuple(sorted(set(self.attested) | set(other.attested)))
        qualifiers = {**other.qualifiers, **self.qualifiers}
        notes = [n for n in (self.note, other.note) if n]
        note = "; ".join(dict.fromkeys(notes)) or None
        return replace(self, sources=sources, attested=attested, qualifiers=qualifiers,
                       note=note, party=self.party or other.party,
                       inferred=self.inferred or other.inferred)


class GovGraph:
    """The governance graph: nodes by id and facts between them.

    Examples
    --------
    >>> G = GovGraph()
    >>> src = (Source("000.txt", "2.2", "initiated April 2011"),)
    >>> G.add_node(Node("k/csip", "Body", "Children's Services Improvement Panel",
    ...                 aliases=("CSIP",), sources=src))
    >>> G.add_node(Node("k/cabinet", "Body", "Cabinet", sources=src))
    >>> _ = G.add_fact(Fact("k/csip", "reports_to", "k/cabinet", sources=src))
    >>> [f.object for f in G.out_facts("k/csip")]
    ['k/cabinet']
    """

    def __init__(self) -> None:
        self.nx = nx.MultiDiGraph()
        self.documents: dict[str, Node] = {}
        self._derived: dict[str, object] = {}

    def derived(self, key: str, build: Callable[["GovGraph"], T]) -> T:
        """A value computed from the graph (a name index, ...), kept until the graph changes."""
        try:
            return self._derived[key]  # type: ignore[return-value]
        except KeyError:
            value = self._derived[key] = build(self)
            return value

    # -- building -----------------------------------------------------------------
    def add_node(self, node: Node) -> None:
        """Add a node; its type must be a node type of the schema.

        Raises
        ------
        ModelError
            If the type is unknown or the id is already taken.
        """
        if node.type not in NODE_TYPES:
            raise ModelError(f"unknown node type {node.type!r} "
                             f"(expected one of {', '.join(NODE_TYPES)})")
        if node.id in self.nx:
            raise ModelError(f"duplicate id {node.id!r}")
        self._derived.clear()
        self.nx.add_node(node.id, node=node)
        if node.type == "Document":
            self.documents[node.id] = node

    def add_fact(self, fact: Fact) -> Fact:
        """Add a fact between existing nodes; a fact stated again merges its sources.

        Returns the fact as the graph now holds it (merged with an earlier statement).

        Raises
        ------
        ModelError
            If the relation is unknown, an end is missing or of a type the relation
            does not allow, or a qualifier is not one the relation declares (or not
            of its kind; whether an id qualifier names a node is the loader's check).
        """
        for _, problem in self._add((fact,), NodeTypes(self.nx._node)):
            raise problem
        return self.nx._succ[fact.subject][fact.object][fact.key]["fact"]

    def add_facts(self, facts: Iterable[Fact], *, types: dict[str, str] | None = None,
                  waiting: list[Fact] | None = None) -> list[tuple[Fact, ModelError]]:
        """Add facts in order, each as :meth:`add_fact` would; those it would refuse
        are left out and returned, each with the :class:`ModelError` it would raise.

        Parameters
        ----------
        facts : iterable of Fact
        types : dict, optional
            Every node's type by its id, kept by a caller that adds nodes and facts
            by turns (a load, dataset by dataset); by default gathered here. Either
            way checking an end's type is one lookup, not three (nationally each is
            likely a cache miss: 0.4 s of a first load).
        waiting : list, optional
            Where a fact with an end not in the graph yet goes, rather than being
            refused (a fact naming a node of a dataset not loaded yet).

        Examples
        --------
        >>> G = GovGraph()
        >>> G.add_node(Node("k/csip", "Body", "CSIP"))
        >>> [str(e) for _, e in G.add_facts([Fact("k/csip", "reports_to", "k/nobody")])]
        ["reports_to refers to unknown id 'k/nobody'"]
        """
        # What networkx's add_edge does, without its generic checks and with one cache
        # clearing for all: a first load adds 2.35 M facts, and add_edge and
        # get_edge_data were half the time of adding one.
        if types is None:
            types = {node_id: data["node"].type for node_id, data in self.nx._node.items()}
        return self._add(facts, types, waiting)

    def _add(self, facts: Iterable[Fact], types: dict[str, str],
             waiting: list[Fact] | None = None) -> list[tuple[Fact, ModelError]]:
        refused: list[tuple[Fact, str]] = []
        try:
            link(self.nx, facts, types, refused, waiting)
        finally:  # even if ``facts`` fails part-way, what was added is seen
            self._derived.clear()
            nx._clear_cache(self.nx)
        return [(fact, ModelError(problem)) for fact, problem in refused]

    # -- reading ------------------------------------------------------------------
    def __contains__(self, node_id: object) -> bool:
        try:
            return node_id in self.nx._node
        except TypeError:  # unhashable: no node has it, as networkx answers
            return False

    def __len__(self) -> int:
        return self.nx.number_of_nodes()

    def node(self, node_id: str) -> Node:
        """The node with this id.

        Raises
        ------
        UnknownNode
            If there is none.
        """
        try:
            return self.nx._node[node_id]["node"]  # not nx.nodes[...]: its view costs 5x
        except KeyError:
            raise UnknownNode(node_id) from None

    def nodes(self, type: str | Iterable[str] | None = None) -> Iterator[Node]:
        """All nodes, or those of one type or several types."""
        types = {type} if isinstance(type, str) else set(type) if type else None
        for _, data in self.nx.nodes(data=True):
            if types is None or data["node"].type in types:
                yield data["node"]

    def facts(self, relation: str | Iterable[str] | None = None) -> Iterator[Fact]:
        """All facts, or those of the given relations."""
        relations = {relation} if isinstance(relation, str) else set(relation) if relation else None
        for neighbours in self.nx._succ.values():  # as nx.edges() walks them, without its views
            for keyed in neighbours.values():
                for data in keyed.values():
                    if relations is None or data["fact"].relation in relations:
                        yield data["fact"]

    def out_facts(self, node_id: str, relations: Iterable[str] | None = None) -> list[Fact]:
        """Facts whose subject is the node (none if there is no such node)."""
        return _facts_of(self.nx._succ, node_id, relations)

    def in_facts(self, node_id: str, relations: Iterable[str] | None = None) -> list[Fact]:
        """Facts whose object is the node (none if there is no such node)."""
        return _facts_of(self.nx._pred, node_id, relations)

    def label(self, node_id: str) -> str:
        return self.node(node_id).label

    def holds(self, fact: Fact, on: str | dt.date | None) -> bool:
        """Whether a fact holds on a date: its own interval and both ends' lifecycles."""
        if on is None:
            return True
        return (fact.holds_on(on) and self.node(fact.subject).holds_on(on)
                and self.node(fact.object).holds_on(on))

    # -- views --------------------------------------------------------------------
    def as_of(self, on: str | dt.date) -> "GovGraph":
        """The structure on a date: the nodes that exist then and the facts that hold.

        Documents are kept whatever their date: they are where facts come from.
        """
        view = GovGraph()
        with paused_gc():
            for node in self.nodes():
                if node.type == "Document" or node.holds_on(on):
                    view.add_node(node)
            for fact in self.facts():
                if fact.subject in view and fact.object in view and fact.holds_on(on):
                    view.nx.add_edge(fact.subject, fact.object, key=fact.key, fact=fact)
        return view

    def copy(self) -> "GovGraph":
        """A copy whose structure can change without touching this one.

        Nodes and facts are immutable, so they are shared.
        """
        other = GovGraph()
        with paused_gc():
            other.nx = self.nx.copy()
        other.documents = dict(self.documents)
        return other

    def subgraph(self, node_ids: Iterable[str]) -> "GovGraph":
        """The given nodes and the facts between them, with every document.

        Nodes, and each node's facts out, keep this graph's order (facts in follow the
        order of their subjects, as after :meth:`copy`). Nodes and facts are shared,
        as they are immutable.
        """
        keep = set(node_ids) | set(self.documents)
        part = GovGraph()
        with paused_gc():
            nodes = self.nx._node
            part.nx.add_nodes_from((n, data) for n, data in nodes.items() if n in keep)
            part.nx.add_edges_from((u, v, key, data) for u in part.nx
                                   for v, keyed in self.nx._succ[u].items() if v in keep
                                   for key, data in keyed.items())
        part.documents = dict(self.documents)
        return part

    def dataset_nodes(self, dataset: str) -> list[str]:
        """The ids of the nodes a dataset declares, in loading order."""
        return self.derived("dataset_nodes", _nodes_by_dataset).get(dataset, [])

    def replace_node(self, node: Node) -> None:
        """Put a changed node in place of the one with the same id, keeping its facts."""
        self.node(node.id)
        self._derived.clear()
        self.nx._node[node.id]["node"] = node
        if node.type == "Document":
            self.documents[node.id] = node

    def remove_fact(self, fact: Fact) -> None:
        self._derived.clear()
        self.nx.remove_edge(fact.subject, fact.object, key=fact.key)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GovGraph):
            return NotImplemented
        return (sorted(self.nodes(), key=lambda n: n.id) == sorted(other.nodes(), key=lambda n: n.id)
                and _fact_set(self) == _fact_set(other))

    __hash__ = None  # type: ignore[assignment]


def _facts_of(adjacency, node_id: str, relations: Iterable[str] | None) -> list[Fact]:
    """The facts on one side of a node, in networkx's edge order.

    Reads networkx's adjacency dicts (``_succ``/``_pred``, which its own views wrap)
    rather than going through ``out_edges``/``in_edges``: chains and profiles call
    this for every node they visit, and the views took two thirds of the time.
    """
    try:
        neighbours = adjacency[node_id]
    except KeyError:
        return []
    wanted = set(relations) if relations else None
    return [data["fact"] for keyed in neighbours.values() for data in keyed.values()
            if wanted is None or data["fact"].relation in wanted]


def _nodes_by_dataset(G: GovGraph) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for node_id, data in G.nx._node.items():
        found.setdefault(data["node"].dataset, []).append(node_id)
    return found


def _fact_set(G: GovGraph) -> dict[str, Fact]:
    return {f.key: f for f in G.facts()}
