"""Every fact of the graph as plain data: subject, relation, object, qualifiers, sources."""

from __future__ import annotations

import datetime as dt

from govgraph.graph.model import GovGraph
from govgraph.ontology.terms import RELATIONS

__all__ = ["facts", "UnknownRelation"]


class UnknownRelation(ValueError):
    """A relation name that is not in the schema."""

    def __init__(self, name: str):
        super().__init__(f"unknown relation {name!r} (expected one of {', '.join(RELATIONS)})")


def facts(G: GovGraph, *, relation: str | None = None,
          as_of: str | dt.date | None = None) -> list[dict]:
    """All facts, optionally of one relation and holding on a date.

    Each fact is ``{subject, relation, object, role, party, qualifiers, valid_from,
    valid_to, attested, note, inferred, sources}``; subject and object give id,
    label and type. Sorted by relation, subject, object.

    Raises
    ------
    UnknownRelation
        If ``relation`` is not a relation of the schema.

    Examples
    --------
    >>> from govgraph.graph.model import Fact, Node, Source
    >>> G = GovGraph(); s = (Source("d", "1", "q"),)
    >>> G.add_node(Node("a", "Body", "A", sources=s)); G.add_node(Node("b", "Body", "B", sources=s))
    >>> _ = G.add_fact(Fact("a", "reports_to", "b", sources=s))
    >>> [(f["subject"]["label"], f["relation"], f["object"]["label"]) for f in facts(G)]
    [('A', 'reports_to', 'B')]
    """
    if relation is not None and relation not in RELATIONS:
        raise UnknownRelation(relation)
    found = [f for f in G.facts(relation) if G.holds(f, as_of)]
    found.sort(key=lambda f: (f.relation, f.subject, f.object, f.role or "", f.valid_from or ""))
    return [f.to_dict(G) for f in found]
