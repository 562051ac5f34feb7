"""Export a graph as Turtle, JSON-LD, JSON, GraphML or CSV."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx

from govgraph.graph.model import GovGraph
from govgraph.graph.rdf import serialize

__all__ = ["FORMATS", "export"]

FORMATS = ("ttl", "jsonld", "json", "graphml", "csv")


def export(G: GovGraph, fmt: str) -> str:
    """The whole graph as text in one of :data:`FORMATS`.

    ``json`` is ``{nodes, facts}`` as the API gives them; ``csv`` has one row per
    fact; ``graphml`` flattens qualifiers and sources to JSON strings.

    Raises
    ------
    ValueError
        For an unknown format.
    """
    if fmt in ("ttl", "jsonld"):
        return serialize(G, fmt)
    if fmt == "json":
        return json.dumps({"nodes": [n.to_dict() for n in sorted(G.nodes(), key=lambda n: n.id)],
                           "facts": [f.to_dict(G) for f in _facts(G)]}, indent=1,
                          ensure_ascii=False)
    if fmt == "graphml":
        return _graphml(G)
    if fmt == "csv":
        return _csv(G)
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


def _facts(G: GovGraph):
    return sorted(G.facts(), key=lambda f: f.key)


def _flat(value: object) -> object:
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _graphml(G: GovGraph) -> str:
    flat = nx.MultiDiGraph()
    for node in G.nodes():
        data = {k: _flat(v) for k, v in node.to_dict().items() if v not in (None, [], {})}
        flat.add_node(node.id, **data)
    for fact in _facts(G):
        data = fact.to_dict()
        data.pop("subject"), data.pop("object")
        flat.add_edge(fact.subject, fact.object, key=fact.key,
                      **{k: _flat(v) for k, v in data.items() if v not in (None, [], {})})
    out = io.BytesIO()
    nx.write_graphml(flat, out, encoding="utf-8")
    return out.getvalue().decode("utf-8")


def _csv(G: GovGraph) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["subject_id", "subject_label", "relation", "object_id", "object_label", "role",
                     "party", "valid_from", "valid_to", "attested", "qualifiers", "note",
                     "inferred", "sources"])
    for fact in _facts(G):
        writer.writerow([fact.subject, G.label(fact.subject), fact.relation, fact.object,
                         G.label(fact.object), fact.role or "", fact.party or "",
                         fact.valid_from or "", fact.valid_to or "", " ".join(fact.attested),
                         json.dumps(fact.qualifiers) if fact.qualifiers else "", fact.note or "",
                         fact.inferred or "",
                         json.dumps([s.to_dict() for s in fact.sources], ensure_ascii=False)])
    return out.getvalue()
