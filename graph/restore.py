"""Rebuilding a graph from what another held, fast: for snapshots.

:mod:`govgraph.loaders.snapshot` saves a loaded graph as plain values; these turn
them back into the same objects in the same order without checking them again
(they were checked when first loaded) and without networkx's per-edge overhead.
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from typing import Callable, Iterable, Sequence, TypeVar

from govgraph.graph.model import Fact, GovGraph, Node, Source, paused_gc

__all__ = ["fact_values", "node_values", "node_from_values", "source_values", "from_values",
           "from_columns", "restore"]

T = TypeVar("T")


def source_values(sources: tuple[Source, ...]) -> tuple:
    """Sources as plain ``(doc, loc, quote)`` triples, for :func:`from_values` (Source)."""
    return tuple((s.doc, s.loc, s.quote) for s in sources)


def fact_values(f: Fact) -> tuple:
    """A fact's fields in order, its sources as plain triples: what :func:`from_values`
    (Fact) takes back once the triples are Sources again.

    Examples
    --------
    >>> fact_values(Fact("a", "member_of", "b", role="chair", sources=(Source("d", "1", "q"),)))
    ('a', 'member_of', 'b', 'chair', None, None, None, {}, (), (('d', '1', 'q'),), None, None)
    """
    return (f.subject, f.relation, f.object, f.role, f.party, f.valid_from, f.valid_to,
            f.qualifiers, f.attested, source_values(f.sources), f.note, f.inferred)


def node_values(n: Node) -> tuple:
    """A node's fields in order, its sources as plain triples (as :func:`fact_values`)."""
    return (n.id, n.type, n.label, n.aliases, n.valid_from, n.valid_to, n.props,
            source_values(n.sources), n.note, n.inferred, n.dataset)


@lru_cache(maxsize=None)
def _twin(cls: type, *, by_position: bool = False) -> type:
    """An unfrozen class with ``cls``'s slots, made from its fields' values in order:
    a sequence of them (which may run on after them), or each as an argument."""
    if hasattr(cls, "__post_init__"):  # its checks would be skipped
        raise TypeError(f"cannot make a {cls.__name__} from values: it has a __post_init__")
    names = [f.name for f in fields(cls)]
    values = names if by_position else [f"values[{i}]" for i in range(len(names))]
    body = "".join(f"        self.{name} = {value}\n" for name, value in zip(names, values))
    scope: dict = {}
    exec(f"class Twin:\n    __slots__ = {tuple(names)!r}\n"
         f"    def __init__(self, {', '.join(names) if by_position else 'values'}):\n{body}", scope)
    return scope["Twin"]


@lru_cache(maxsize=None)
def from_values(cls: type[T]) -> Callable[[Sequence], T]:
    """A fast ``cls(values...)`` for a :class:`Source`, :class:`Node` or :class:`Fact`.

    A frozen dataclass sets each field through ``object.__setattr__``: 4 µs a fact,
    most of the time of restoring a national snapshot. This builds an unfrozen twin
    with the same slots, as fast as any plain class, and then makes it a ``cls`` (the
    layouts are identical, so Python allows the change of class): 0.8 µs. The result
    is what ``cls(*values)`` makes, frozen like any other, as long as ``cls`` has no
    ``__post_init__`` (these have none): the loader uses it for the facts it reads.

    Examples
    --------
    >>> from_values(Source)(("000.txt", "2.2", "initiated")) == Source("000.txt", "2.2", "initiated")
    True
    """
    twin = _twin(cls)

    def make(values: Sequence) -> T:
        made = twin(values)
        made.__class__ = cls
        return made

    return make


@lru_cache(maxsize=None)
def from_columns(cls: type[T]) -> Callable[..., list[T]]:
    """A fast ``list(map(cls, *columns))``, as :func:`from_values` makes one: for many
    at once (a register's fact lines read by their shape), without a tuple each.

    Examples
    --------
    >>> from itertools import repeat
    >>> from_columns(Source)(["a.txt", "b.txt"], ["1", "2"], repeat("q"))[1] == Source("b.txt", "2", "q")
    True
    """
    twin = _twin(cls, by_position=True)

    def make(*columns: Iterable) -> list[T]:
        made = list(map(twin, *columns))
        for each in made:
            each.__class__ = cls
        return made

    return make


def node_from_values(values: Sequence) -> Node:
    """The node whose :func:`node_values` these are.

    Examples
    --------
    >>> n = Node("k/csip", "Body", "CSIP", sources=(Source("d", "1", "q"),))
    >>> node_from_values(node_values(n)) == n
    True
    """
    made = from_values(Node)(values)  # its sources are still triples until the next line
    Node.sources.__set__(made, tuple([from_values(Source)(s) for s in values[7]]))
    return made


def restore(nodes: Iterable[Node], facts: Iterable[tuple[str, Fact]],
            predecessors: Iterable[tuple[str, tuple[str, ...]]] = ()) -> GovGraph:
    """A graph rebuilt from what another graph held, without checking it again.

    For snapshots (:mod:`govgraph.loaders.snapshot`): ``nodes`` in that graph's
    order, ``facts`` as ``(key, fact)`` in :meth:`GovGraph.facts` order, and for each
    node with several predecessors their order there, so that every answer lists things
    in the same order as on the graph the snapshot was made from. The nodes and facts
    must have passed :meth:`GovGraph.add_node` and :meth:`GovGraph.add_fact` once.
    """
    G = GovGraph()
    # networkx's own add_edge costs more than the rest of a restore together
    node_data, succ, pred = G.nx._node, G.nx._succ, G.nx._pred
    with paused_gc(kept=True):
        for node in nodes:
            node_data[node.id] = {"node": node}
            succ[node.id], pred[node.id] = {}, {}
            if node.type == "Document":
                G.documents[node.id] = node
        last = out = None
        for key, fact in facts:
            subject, obj = fact.subject, fact.object
            if subject is not last:  # facts come grouped by subject: look it up once
                last, out = subject, succ[subject]
            keyed = out.get(obj)
            if keyed is None:
                keyed = out[obj] = pred[obj][subject] = {}
            keyed[key] = {"fact": fact}
        for node_id, order in predecessors:
            before = pred[node_id]
            pred[node_id] = {other: before[other] for other in order}
    return G
