"""Write a graph back out as register files: the inverse of :mod:`govgraph.loaders.register`.

``govgraph pull URI --out DIR`` uses it to turn the graph kept in Neo4j into
dataset folders that ``--data DIR`` loads, so options and impact analysis run on it.
Loading what :func:`dump_registers` wrote gives a graph equal to the one dumped.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from govgraph.graph.model import Fact, GovGraph, Node
from govgraph.loaders.register import dataset_dirs
from govgraph.loaders.yamlfile import read_yaml

__all__ = ["describe_datasets", "dump_registers", "DumpError"]

#: What a dataset.yaml says about its dataset besides its documents.
DATASET_FIELDS = ("id", "title", "publisher", "description", "requires")
_DEFAULT = "default"


class DumpError(ValueError):
    """The register files cannot be written where asked."""


def describe_datasets(paths: Sequence[Path]) -> list[dict]:
    """The datasets' own descriptions (id, title, publisher, description, requires).

    Raises
    ------
    RegisterError
        If a folder holds no dataset.
    """
    found = []
    for folder in dataset_dirs(paths):
        head, _ = read_yaml(folder / "dataset.yaml")
        head = head if isinstance(head, dict) else {}
        described = {k: head[k] for k in DATASET_FIELDS if head.get(k) is not None}
        described["id"] = str(head.get("id") or folder.name)
        found.append(_plain(described))
    return found


def _plain(value: object) -> object:
    """Located mappings and lists as plain YAML data."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def dump_registers(G: GovGraph, folder: Path, datasets: Iterable[dict] = ()) -> list[Path]:
    """Write the graph as one dataset folder per dataset under ``folder``.

    Each dataset gets ``dataset.yaml`` (its description and documents) and
    ``register.yaml`` (its nodes, and the facts whose subject is one of them).
    The folder is written whole or not at all: it must not exist, or be empty.

    Returns
    -------
    list of Path
        The dataset folders written.

    Raises
    ------
    DumpError
        If ``folder`` exists and is not empty.
    """
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DumpError(f"{folder} already exists and is not empty; give a new folder")
    described = {d["id"]: d for d in datasets}
    members: dict[str, list[Node]] = {}
    for node in G.nodes():
        members.setdefault(node.dataset or _DEFAULT, []).append(node)
    home = {node.id: node.dataset or _DEFAULT for node in G.nodes()}
    facts: dict[str, list[Fact]] = {name: [] for name in members}
    for fact in G.facts():
        facts[home[fact.subject]].append(fact)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        for name, nodes in members.items():
            head = dict(described.get(name, {"id": name, "title": name}))
            if head.get("requires"):
                head["requires"] = [r for r in head["requires"] if r in members]
            head["documents"] = [_document(n) for n in nodes if n.type == "Document"]
            body = {"nodes": [_node(n) for n in nodes if n.type != "Document"],
                    "facts": [_fact(f) for f in facts[name]]}
            target = staging / _folder_name(name)
            target.mkdir()
            _write_yaml(target / "dataset.yaml", {k: v for k, v in head.items() if v})
            _write_yaml(target / "register.yaml", body)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [folder / _folder_name(name) for name in members]


def _folder_name(dataset: str) -> str:
    return dataset.replace("/", "-")


def _write_yaml(path: Path, value: object) -> None:
    path.write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100),
                    encoding="utf-8")


def _document(node: Node) -> dict:
    return {"id": node.id, **{k: v for k, v in node.props.items() if v is not None}}


def _node(node: Node) -> dict:
    item: dict = {"id": node.id, "type": node.type, "label": node.label}
    if node.aliases:
        item["aliases"] = list(node.aliases)
    for name in ("valid_from", "valid_to"):
        if getattr(node, name):
            item[name] = getattr(node, name)
    item.update(node.props)
    for name in ("note", "inferred"):
        if getattr(node, name) is not None:
            item[name] = getattr(node, name)
    item["sources"] = [s.to_dict() for s in node.sources]
    return item


def _fact(fact: Fact) -> dict:
    item: dict = {"subject": fact.subject, "relation": fact.relation, "object": fact.object}
    for name in ("role", "party", "valid_from", "valid_to"):
        if getattr(fact, name) is not None:
            item[name] = getattr(fact, name)
    if fact.attested:
        item["attested"] = list(fact.attested)
    if fact.qualifiers:
        item["qualifiers"] = dict(fact.qualifiers)
    item["sources"] = [s.to_dict() for s in fact.sources]
    for name in ("note", "inferred"):
        if getattr(fact, name) is not None:
            item[name] = getattr(fact, name)
    return item
