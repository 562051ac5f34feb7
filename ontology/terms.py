"""Python terms for the govgraph model, read from ontology/schema.yaml.

The schema file is the one declaration of node types and relations; these classes
give it a typed face. The Turtle vocabulary is generated from the same file
(:mod:`govgraph.ontology.owl`) and a test checks the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

__all__ = ["GOV", "NodeType", "Relation", "NODE_TYPES", "RELATIONS", "PREFIXES", "schema_path",
           "expand"]


def schema_path() -> Path:
    """Where schema.yaml lives (inside the installed package)."""
    return Path(str(resources.files("govgraph.ontology") / "schema.yaml"))


@dataclass(frozen=True)
class NodeType:
    """A node type: Body, Person, Post, ..."""

    name: str
    label: str
    comment: str
    parent: str | None = None
    abstract: bool = False
    align: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Relation:
    """A relation type: reports_to, member_of, ..."""

    name: str
    label: str
    reverse: str
    comment: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    symmetric: bool = False
    accountability: bool = False
    change: bool = False
    align: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    #: The qualifiers a fact of this relation may have, name -> kind (see schema.yaml).
    qualifiers: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def neo4j_type(self) -> str:
        """The Neo4j relationship type: the name upper-cased."""
        return self.name.upper()


def _load() -> tuple[str, dict[str, str], dict[str, NodeType], dict[str, Relation]]:
    raw = yaml.safe_load(schema_path().read_text(encoding="utf-8"))
    types = {
        name: NodeType(name=name, label=t["label"], comment=t["comment"], parent=t.get("parent"),
                       abstract=t.get("abstract", False), align=tuple(t.get("align", ())),
                       fields=dict(t.get("fields", {})))
        for name, t in raw["types"].items()
    }
    relations = {
        name: Relation(name=name, label=r["label"], reverse=r["reverse"], comment=r["comment"],
                       source=tuple(r["source"]), target=tuple(r["target"]),
                       symmetric=r.get("symmetric", False),
                       accountability=r.get("accountability", False),
                       change=r.get("change", False), align=tuple(r.get("align", ())),
                       roles=tuple(r.get("roles", ())),
                       qualifiers={**r.get("qualifiers", {}), **raw.get("qualifiers", {})})
        for name, r in raw["relations"].items()
    }
    return raw["namespace"], dict(raw["prefixes"]), types, relations


GOV, PREFIXES, _ALL_TYPES, RELATIONS = _load()
#: Concrete node types (those a register may use).
NODE_TYPES: dict[str, NodeType] = {n: t for n, t in _ALL_TYPES.items() if not t.abstract}
ALL_TYPES = _ALL_TYPES


def expand(curie: str) -> str:
    """Expand ``org:Post`` to its full IRI using the schema's prefixes."""
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local
