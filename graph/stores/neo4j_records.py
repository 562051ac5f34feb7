"""How the governance graph is stored in Neo4j: labels, types and properties.

* Every node is a ``(:GovNode:<Type>)`` (``:GovNode:Body``, ``:GovNode:Person``, ...)
  with its fields as properties: ``id``, ``type``, ``label``, ``aliases`` (a list),
  ``valid_from``/``valid_to`` (ISO strings, partial as given), the type's own fields
  (``kind``, ``topics``, ...), ``note``, ``inferred``, ``dataset`` and ``sources``
  (a JSON string of ``[{doc, loc, quote}]``).
* Every fact is a relationship whose type is the relation upper-cased
  (``REPORTS_TO``, ``CHAIRED_BY``, ...) with ``key`` (the fact's stable id),
  ``role``, ``party``, ``valid_from``, ``valid_to``, ``attested`` (a list),
  ``qualifiers`` and ``sources`` (JSON strings), ``note`` and ``inferred``.
* Derived properties make the queries run in the server: ``from_day``/``to_day``
  (the first and last day a node or fact holds, as ISO dates, so ``--as-of`` is a
  string comparison), ``names``/``forms`` (the normalised names and name forms that
  :mod:`govgraph.graph.names` matches), ``search_text``, and ``seq``/``out_rank``/
  ``in_rank`` (the in-memory graph's order, so ties come out in the same order).
* ``load_id`` marks what the last push wrote; ``(:GovGraphMeta {id: 'govgraph'})``
  records the push.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable

from govgraph.graph.dates import period_end, period_start
from govgraph.graph.model import Fact, Node, Source
from govgraph.graph.names import normalise
from govgraph.ontology.terms import NODE_TYPES, RELATIONS

__all__ = ["NODE_LABEL", "META_LABEL", "META_ID", "FORMAT", "RESERVED", "node_label",
           "rel_types", "relation_of", "day_range", "holds", "node_props", "fact_props",
           "node_from", "fact_from", "fact_bounds"]

NODE_LABEL = "GovNode"
META_LABEL = "GovGraphMeta"
META_ID = "govgraph"
#: The version of this stored form; a push records it, a read checks it.
FORMAT = 1

#: Node properties that are not a type's own fields.
RESERVED = frozenset({"id", "type", "label", "aliases", "valid_from", "valid_to", "note",
                      "inferred", "dataset", "sources", "fields", "seq", "names", "forms",
                      "search_text", "from_day", "to_day", "load_id"})
_FACT_OPTIONAL = ("role", "party", "valid_from", "valid_to", "note", "inferred")


def node_label(node_type: str) -> str:
    """The Neo4j label of a node type (the type's own name), checked against the schema."""
    if node_type not in NODE_TYPES:
        raise ValueError(f"unknown node type {node_type!r}")
    return node_type


def rel_types(relations: Iterable[str]) -> str:
    """``REPORTS_TO|INFORMS|...``: relationship types for a pattern, from schema names only."""
    names = list(relations)
    unknown = [r for r in names if r not in RELATIONS]
    if unknown:
        raise ValueError(f"unknown relation {unknown[0]!r}")
    return "|".join(RELATIONS[r].neo4j_type for r in names)


_BY_TYPE = {r.neo4j_type: name for name, r in RELATIONS.items()}


def relation_of(rel_type: str) -> str:
    """The relation name of a relationship type (``CHAIRED_BY`` -> ``chaired_by``)."""
    return _BY_TYPE[rel_type]


def day_range(on: str | dt.date | None) -> tuple[str | None, str | None]:
    """The first and last day of the period ``--as-of`` names, as ISO strings."""
    if on is None:
        return None, None
    if isinstance(on, dt.date):
        return on.isoformat(), on.isoformat()
    return period_start(on).isoformat(), period_end(on).isoformat()


def holds(*names: str) -> str:
    """A Cypher condition: each named node or relationship holds on ``$first``..``$last``.

    The same test as :func:`govgraph.graph.dates.holds_on`, on the precomputed days
    (ISO strings compare as dates); with no ``$first`` and ``$last`` it always holds.
    Use it after ``WITH``: FalkorDB plans it badly inside a ``MATCH ... WHERE``.
    """
    return " AND ".join(f"coalesce({n}.from_day, '') <= coalesce($last, '9999-12-31') AND "
                        f"coalesce({n}.to_day, '9999-12-31') >= coalesce($first, '')"
                        for n in names)


def _bounds(valid_from: str | None, valid_to: str | None) -> tuple[str | None, str | None]:
    return (period_start(valid_from).isoformat() if valid_from else None,
            period_end(valid_to).isoformat() if valid_to else None)


def fact_bounds(fact: Fact) -> tuple[str | None, str | None]:
    """The first and last day a fact holds, attestations counted as in ``holds_on``."""
    if not fact.valid_from and not fact.valid_to and fact.attested:
        return (min(period_start(d) for d in fact.attested).isoformat(),
                max(period_end(d) for d in fact.attested).isoformat())
    return _bounds(fact.valid_from, fact.valid_to)


# -- JSON for sources and qualifiers --------------------------------------------------

def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _loads(text: str | None, empty: object) -> Any:
    return json.loads(text) if text else empty


def _sources(text: str | None) -> tuple[Source, ...]:
    return tuple(Source(**s) for s in _loads(text, []))


# -- writing ------------------------------------------------------------------------

def node_props(node: Node, *, seq: int, names: Iterable[str], forms: Iterable[str],
               load_id: str) -> dict:
    """The properties a node is stored with."""
    props: dict[str, Any] = {"id": node.id, "type": node.type, "label": node.label,
                             "aliases": list(node.aliases)}
    for name in ("valid_from", "valid_to", "note", "inferred", "dataset"):
        value = getattr(node, name)
        if value is not None:
            props[name] = value
    clash = RESERVED & set(node.props)
    if clash:
        raise ValueError(f"{node.id}: field {sorted(clash)[0]!r} clashes with a stored property")
    for name, value in node.props.items():
        if value is not None:
            props[name] = value
    text = [" ".join(v) if isinstance(v, list) else v for v in node.props.values()]
    from_day, to_day = _bounds(node.valid_from, node.valid_to)
    props.update({
        "fields": list(node.props), "sources": _dumps([s.to_dict() for s in node.sources]),
        "seq": seq, "names": sorted(set(names)), "forms": sorted(set(forms)),
        "search_text": [normalise(t) for t in text if isinstance(t, str) and t],
        "load_id": load_id,
    })
    if from_day:
        props["from_day"] = from_day
    if to_day:
        props["to_day"] = to_day
    return props


def fact_props(fact: Fact, *, seq: int, out_rank: int, in_rank: int, load_id: str) -> dict:
    """The properties a fact's relationship is stored with."""
    props: dict[str, Any] = {"key": fact.key}
    for name in _FACT_OPTIONAL:
        value = getattr(fact, name)
        if value is not None:
            props[name] = value
    from_day, to_day = fact_bounds(fact)
    props.update({
        "attested": list(fact.attested), "qualifiers": _dumps(fact.qualifiers),
        "sources": _dumps([s.to_dict() for s in fact.sources]),
        "seq": seq, "out_rank": out_rank, "in_rank": in_rank, "load_id": load_id,
    })
    if from_day:
        props["from_day"] = from_day
    if to_day:
        props["to_day"] = to_day
    return props


# -- reading ------------------------------------------------------------------------

def node_from(props: dict) -> Node:
    """The Node a stored node's properties describe."""
    fields = {name: props.get(name) for name in props.get("fields") or ()}
    return Node(id=props["id"], type=props["type"], label=props["label"],
                aliases=tuple(props.get("aliases") or ()), valid_from=props.get("valid_from"),
                valid_to=props.get("valid_to"), props=fields,
                sources=_sources(props.get("sources")), note=props.get("note"),
                inferred=props.get("inferred"), dataset=props.get("dataset"))


def fact_from(subject: str, rel_type: str, object_: str, props: dict) -> Fact:
    """The Fact a stored relationship describes."""
    return Fact(subject=subject, relation=relation_of(rel_type), object=object_,
                role=props.get("role"), party=props.get("party"),
                valid_from=props.get("valid_from"), valid_to=props.get("valid_to"),
                qualifiers=_loads(props.get("qualifiers"), {}),
                attested=tuple(props.get("attested") or ()),
                sources=_sources(props.get("sources")), note=props.get("note"),
                inferred=props.get("inferred"))
