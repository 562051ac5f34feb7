"""What a register's files read into, built into a graph, dataset by dataset.

:mod:`~govgraph.loaders.register` reads each file into entries ``(dataset, kind, what
was read)``: documents, nodes, mentions and facts, each already checked on its own.
:class:`Build` makes the graph of them a dataset at a time, as soon as each is read,
so that building overlaps reading: nationally a worker process reads on meanwhile
(:mod:`~govgraph.loaders.parallel`), where building after every file was read left it
idle for a third of the load.

A dataset's documents and nodes go in first, then its facts, in order. A fact naming
a node of a dataset not built yet waits for it, and is linked as soon as that
dataset's nodes are in, before its own facts; one naming no node at all is refused at
the end, when everything is checked that needs every dataset: mentions, qualifiers
that name nodes, and the documents sources name. Nothing is given if there is any
problem, and the problems come in the order of the entries, as if read whole.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from govgraph.graph.model import GovGraph, ModelError, Node
from govgraph.graph.qualifiers import unknown_id
from govgraph.loaders.items import (NO_QUALIFIERS, canonical, date_of, source_docs, sources_of,
                                    text_of, unknown_keys)
from govgraph.loaders.yamlfile import Located, Problem
from govgraph.ontology.terms import RELATIONS

__all__ = ["Build", "MENTION_KEYS"]

MENTION_KEYS = {"id", "aliases", "sources", "note"}


class Build:
    """A graph built from entries given a dataset at a time (:meth:`add`), then
    checked as a whole (:meth:`finish`)."""

    def __init__(self) -> None:
        self.G = GovGraph()
        self.types: dict[str, str] = {}  # each node's type, for linking facts
        self.first_seen: dict[str, object] = {}  # where each id was declared
        self.problems: list[Problem] = []  # the documents' and nodes', in their order
        self.refused: dict[int, ModelError] = {}  # by id() of the fact
        self.waiting: list = []  # facts naming a node not built yet

    def add(self, entries: list) -> None:
        """Build one dataset's entries: its documents and nodes, then the facts waiting
        for them, then its own facts (several datasets given at once: all their nodes,
        then all their facts)."""
        for dataset, kind, item in entries:
            if kind in ("document", "node"):
                self._add_node(dataset, kind, item)
        if self.waiting:  # (those still waiting wait on, in their order, before these)
            waiting, self.waiting = self.waiting, []
            self._link(waiting, self.waiting)
        self._link(_facts_of(entries), self.waiting)

    def finish(self, entries: list, problems: list[Problem]) -> tuple[GovGraph, list[Problem]]:
        """The graph, and every problem (``problems``, those of reading, first), once
        every entry has been added; ``entries`` are all of them, in order. Called once:
        it applies the mentions to the graph's nodes."""
        G, found = self.G, list(problems) + self.problems
        waiting, self.waiting = self.waiting, []
        self._link(waiting, None)  # what no dataset has declared is refused now
        for _, kind, item in entries:
            if kind == "mention":
                found += _mention(G, item)
        found += self._fact_problems(entries)
        found += _check_sources(G, entries)
        return G, found

    def _add_node(self, dataset: str, kind: str, item: object) -> None:
        G, first_seen = self.G, self.first_seen
        if kind == "document":
            node, found = _document(item, dataset)
            self.problems += found
        else:
            node = item.node
            self.problems += item.problems
        if node is None:
            return
        if (kind == "document" and node.id in first_seen
                and G.node(node.id) == replace(node, dataset=G.node(node.id).dataset)):
            return  # several datasets may cite one document, if they agree about it
        if node.id in first_seen:
            first = first_seen[node.id]
            self.problems.append(Problem(item.file, item.line, f"duplicate id {node.id!r} "
                                         f"(first declared at {first.file}:{first.line})"))
            return
        first_seen[node.id] = item
        G.add_node(node)
        self.types[node.id] = node.type

    def _link(self, facts: Iterable, waiting: list | None) -> None:
        """Link facts; those refused are kept by id, those naming a node not built yet
        go to ``waiting`` (if given, else they are refused too)."""
        for fact, exc in self.G.add_facts(facts, types=self.types, waiting=waiting):
            self.refused[id(fact)] = exc

    def _fact_problems(self, entries: list) -> list[Problem]:
        """Each fact's problems, in the order of the facts."""
        G, refused, problems = self.G, self.refused, []
        for _, kind, read in entries:
            if kind == "facts":  # none has a problem of its own
                if refused:
                    problems += [Problem(read.file, line, str(refused[id(fact)]))
                                 for fact, line in zip(read.facts, read.lines) if id(fact) in refused]
                continue
            if kind != "fact":
                continue
            problems += read.problems
            if read.fact is None:
                continue
            if refused and id(read.fact) in refused:
                problems.append(Problem(read.file, read.line, str(refused[id(read.fact)])))
                continue
            if read.fact.qualifiers is not NO_QUALIFIERS:
                missing = unknown_id(RELATIONS[read.fact.relation], read.fact.qualifiers,
                                     G.__contains__)
                if missing:
                    problems.append(Problem(read.file, read.line, missing))
        return problems


def _facts_of(entries: list) -> Iterator:
    for _, kind, read in entries:
        if kind == "facts":
            yield from read.facts
        elif kind == "fact" and read.fact is not None:
            yield read.fact


def _document(item: Located, dataset: str) -> tuple[Node | None, list[Problem]]:
    problems: list[Problem] = []
    doc_id = item.get("id")
    if not doc_id:
        return None, [Problem(item.file, item.line, "document without an id")]
    props = {k: text_of(item, k, problems) for k in ("title", "publisher", "url") if item.get(k)}
    if item.get("date") is not None:
        props["date"] = date_of(item, "date", problems)
    node = Node(id=str(doc_id), type="Document", label=str(item.get("title") or doc_id),
                props=props, dataset=dataset or None)
    return node, problems


def _mention(G: GovGraph, item: Located) -> list[Problem]:
    """Add another document's names and sources to a node declared elsewhere."""
    problems = unknown_keys(item, MENTION_KEYS, "a mention")
    node_id = item.get("id")
    if node_id not in G:
        return problems + [Problem(item.file, item.line, f"mention of unknown id {node_id!r}")]
    node = G.node(node_id)
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        return problems + [Problem(item.file, item.line, "aliases must be a list")]
    sources = sources_of(item, problems, required=True)
    new_aliases = tuple(a for a in map(str, aliases) if a not in node.aliases and a != node.label)
    note = "; ".join(n for n in (node.note, text_of(item, "note", problems)) if n) or None
    G.replace_node(replace(node, aliases=canonical(node.aliases + new_aliases), note=note,
                           sources=node.sources + tuple(s for s in sources
                                                        if s not in node.sources)))
    return problems


def _check_sources(G: GovGraph, entries: list) -> list[Problem]:
    """Every source must name a document declared in a dataset."""
    problems = []
    for _, kind, item in entries:
        if kind == "facts":
            problems += _unknown_docs(G, item)
            continue
        if kind not in ("node", "fact", "mention"):
            continue
        for doc in item.docs if kind != "mention" else source_docs(item):
            if doc and doc not in G.documents:
                problems.append(Problem(item.file, item.line, f"source names unknown document "
                                        f"{doc!r} (declare it in dataset.yaml documents:)"))
    return problems


def _unknown_docs(G: GovGraph, read) -> list[Problem]:
    """The sources of facts read by their shape that name no document; each document
    looked up once, as the facts share their tuples of documents."""
    try:
        cited = {doc for docs in set(read.docs) for doc in docs}
    except TypeError:  # a file's doc: that YAML reads as a list: look at each fact
        cited = None
    if cited is not None and all(not doc or doc in G.documents for doc in cited):
        return []
    return [Problem(read.file, line, f"source names unknown document {doc!r} "
                                     "(declare it in dataset.yaml documents:)")
            for docs, line in zip(read.docs, read.lines)
            for doc in docs if doc and doc not in G.documents]
