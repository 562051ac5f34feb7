"""The Neo4j store: the query contract answered by Cypher over Bolt.

Each query selects in the server, in Cypher, just the part of the graph its answer
depends on (the candidates for a name, the lines reachable from a body, the
neighbourhood of two nodes, one node's facts) with ``--as-of`` applied there, and
then answers with the same function the memory store uses, over that small graph.
So both stores give the same answer by construction, and the parity test checks it.

:mod:`govgraph.graph.stores.neo4j_records` says how nodes and facts are stored,
:mod:`govgraph.graph.stores.neo4j_sync` how they are pushed and pulled, and
:mod:`govgraph.graph.stores.cypher` how the server is reached.
"""

from __future__ import annotations

from typing import Iterable

from govgraph.graph.chain import UP_RELATIONS, chain
from govgraph.graph.facts import UnknownRelation, facts
from govgraph.graph.model import Fact, GovGraph, Node
from govgraph.graph.names import NameNotFound, _person_forms, normalise, resolve
from govgraph.graph.paths import PATH_RELATIONS, path
from govgraph.graph.profile import profile
from govgraph.graph.search import search
from govgraph.graph.stores.base import Date
from govgraph.graph.stores.cypher import Connection, Neo4jUnavailable, connect, parse_target
from govgraph.graph.stores.neo4j_records import (FORMAT, NODE_LABEL, day_range, fact_from, holds,
                                                 node_from, rel_types)
from govgraph.graph.stores.neo4j_sync import pull, read_meta
from govgraph.ontology.terms import RELATIONS

__all__ = ["Neo4jStore", "open_neo4j", "MAX_PATH_LENGTH"]

#: Paths longer than this are not reported (graph.paths.path's ``max_length``).
MAX_PATH_LENGTH = 8
_N = NODE_LABEL
_ALL = rel_types(RELATIONS)
_PATHS = rel_types(PATH_RELATIONS)
_UP = rel_types(UP_RELATIONS)
_EDGE = "type(f) AS t, properties(f) AS f"


def open_neo4j(uri: str, *, user: str | None = None, password: str | None = None,
               database: str | None = None) -> "Neo4jStore":
    """A store over the govgraph data on a Bolt server.

    Raises
    ------
    Neo4jUnavailable
        If the server is unreachable, refuses the credentials, has no such database,
        or holds no govgraph data.
    """
    conn = connect(parse_target(uri, user=user, password=password, database=database))
    try:
        meta = read_meta(conn)
        if meta is None:
            raise Neo4jUnavailable(f"no govgraph data at {conn.target} "
                                   f"(load it with `govgraph push {conn.target.uri}`)")
        if meta.get("format", FORMAT) != FORMAT:
            raise Neo4jUnavailable(f"the data at {conn.target} was pushed in format "
                                   f"{meta.get('format')}, this govgraph reads {FORMAT}; "
                                   "push it again")
    except BaseException:
        conn.close()
        raise
    return Neo4jStore(conn)


class Neo4jStore:
    """Answers the :class:`~govgraph.graph.stores.base.Store` queries from a Bolt server."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def graph(self) -> GovGraph:
        """The whole graph, read into memory (for options and impact analysis)."""
        return pull(self.conn)

    # -- the query contract -----------------------------------------------------------
    def chain(self, name: str, *, down: bool = False, as_of: Date = None) -> dict:
        start = self._resolve(name)
        step = f"(n)<-[f:{_UP}]-(m:{_N})" if down else f"(n)-[f:{_UP}]->(m:{_N})"
        G = _graph(*self._reach([start], step, as_of, depth=None))
        return chain(G, start[1].id, down=down, as_of=as_of)

    def path(self, a: str, b: str, *, as_of: Date = None) -> dict:
        ends = [self._resolve(a), self._resolve(b)]
        a_id, b_id = ends[0][1].id, ends[1][1].id
        # The answer depends only on what lies within MAX_PATH_LENGTH steps of either
        # end: directed steps first; the undirected neighbourhood only when needed.
        G = self._near(ends, directed=True, as_of=as_of)
        found = path(G, a_id, b_id, as_of=as_of, max_length=MAX_PATH_LENGTH)
        if found["paths"] and found["paths"][0]["directed"]:
            return found
        G = self._near(ends, directed=False, as_of=as_of)
        return path(G, a_id, b_id, as_of=as_of, max_length=MAX_PATH_LENGTH)

    def profile(self, name: str, *, types: Iterable[str] | None = None,
                as_of: Date = None) -> dict:
        types = list(types) if types else None
        seq, node = self._resolve(name, types)
        first, last = day_range(as_of)
        nodes = {node.id: (seq, node)}
        found: list[tuple[int, Fact]] = []
        keys: set[str] = set()
        # Incoming facts first, each side in the memory graph's own order, so that
        # the small graph lists them as the whole graph does.
        for arrow, rank in (("<-[f:%s]-", "in_rank"), ("-[f:%s]->", "out_rank")):
            rows = self.conn.read(
                f"MATCH (n:{_N} {{id: $id}}){arrow % _ALL}(m:{_N}) "
                f"WHERE {holds('f', 'n', 'm')} RETURN startNode(f).id AS s, "
                f"endNode(f).id AS o, {_EDGE}, properties(m) AS m ORDER BY f.{rank}",
                id=node.id, first=first, last=last)
            for row in rows:
                nodes.setdefault(row["m"]["id"], (row["m"]["seq"], node_from(row["m"])))
                fact = _fact(row)[1]
                if fact.key not in keys:  # a fact from the node to itself comes twice
                    keys.add(fact.key)
                    found.append((len(found), fact))
        return profile(_graph(nodes, found), node.id, types=types, as_of=as_of)

    def search(self, text: str, *, types: Iterable[str] | None = None,
               limit: int = 50) -> list[dict]:
        words = normalise(text).split()
        if not words:
            return []
        types = list(types) if types else None
        rows = self.conn.read(
            f"MATCH (n:{_N}) WHERE ($types IS NULL OR n.type IN $types) "
            "AND (any(x IN n.names WHERE all(w IN $words WHERE x CONTAINS w)) "
            "OR any(x IN n.search_text WHERE all(w IN $words WHERE x CONTAINS w))) "
            "RETURN properties(n) AS n", types=types, words=words)
        G = _graph({r["n"]["id"]: (r["n"]["seq"], node_from(r["n"])) for r in rows}, [])
        return search(G, text, types=types, limit=limit)

    def facts(self, *, relation: str | None = None, as_of: Date = None) -> list[dict]:
        if relation is not None and relation not in RELATIONS:
            raise UnknownRelation(relation)
        first, last = day_range(as_of)
        rows = self.conn.read(
            f"MATCH (s:{_N})-[f:{rel_types([relation]) if relation else _ALL}]->(o:{_N}) "
            f"WHERE {holds('f', 's', 'o')} RETURN s.id AS s, o.id AS o, {_EDGE}, "
            f"{_brief('s')} AS subj, {_brief('o')} AS obj", first=first, last=last)
        nodes = {}
        for row in rows:
            for end in (row["subj"], row["obj"]):
                nodes[end["id"]] = (end["seq"], Node(
                    id=end["id"], type=end["type"], label=end["label"],
                    valid_from=end["valid_from"], valid_to=end["valid_to"]))
        return facts(_graph(nodes, [_fact(r) for r in rows]), relation=relation, as_of=as_of)

    # -- names ------------------------------------------------------------------------
    def resolve(self, name: str, types: Iterable[str] | None = None) -> Node:
        """The node a name refers to, as :func:`govgraph.graph.names.resolve` finds it.

        Raises
        ------
        NameNotFound, AmbiguousName
            As ``resolve`` does, with the same suggestions.
        """
        return self._resolve(name, types)[1]

    def _resolve(self, name: str, types: Iterable[str] | None = None) -> tuple[int, Node]:
        types = list(types) if types else None
        key = normalise(name)
        forms = sorted(_person_forms(name, None)) if len(key.split()) >= 2 else []
        rows = self.conn.read(
            f"MATCH (n:{_N}) WHERE n.id = $name OR $key IN n.names OR $key IN n.forms "
            "OR any(f IN n.forms WHERE f IN $forms) RETURN properties(n) AS n",
            name=name, key=key, forms=forms)
        found = {r["n"]["id"]: (r["n"]["seq"], node_from(r["n"])) for r in rows}
        try:
            node = resolve(_graph(found, []), name, types)
        except NameNotFound:
            # Suggestions weigh every name in the graph: read just the names.
            resolve(self._names(), name, types)
            raise  # pragma: no cover - the names graph cannot find what the candidates lack
        return found[node.id]

    def _names(self) -> GovGraph:
        rows = self.conn.read(f"MATCH (n:{_N}) RETURN n.id AS id, n.type AS type, "
                              "n.label AS label, n.aliases AS aliases, "
                              "n.honorific AS honorific, n.seq AS seq")
        return _graph({r["id"]: (r["seq"], Node(
            id=r["id"], type=r["type"], label=r["label"], aliases=tuple(r["aliases"] or ()),
            props={"honorific": r["honorific"]} if r["honorific"] else {})) for r in rows}, [])

    # -- neighbourhoods ---------------------------------------------------------------
    def _reach(self, starts: list[tuple[int, Node]], step: str, as_of: Date,
               depth: int | None) -> tuple[dict, list]:
        """The nodes and facts reached from ``starts`` by repeating ``step``.

        ``step`` is a pattern from ``(n)`` (reached) to ``(m)`` (next) over ``[f]``;
        only facts that hold on ``as_of`` between nodes that exist then are followed.
        With ``depth``, nodes that many steps away are reached but not expanded.
        """
        first, last = day_range(as_of)
        query = (f"UNWIND $rows AS id MATCH (n:{_N} {{id: id}}) MATCH {step} "
                 f"WHERE {holds('f', 'n', 'm')} RETURN startNode(f).id AS s, "
                 f"endNode(f).id AS o, {_EDGE}")
        nodes = {node.id: (seq, node) for seq, node in starts}
        found: dict[str, tuple[int, Fact]] = {}
        frontier, level = list(nodes), 0
        while frontier and (depth is None or level < depth):
            new: list[str] = []
            for row in self.conn.read_each(query, frontier, first=first, last=last):
                seq, fact = _fact(row)
                found.setdefault(fact.key, (seq, fact))
                for end in (fact.subject, fact.object):
                    if end not in nodes and end not in new:
                        new.append(end)
            nodes.update(self._nodes(new))
            frontier, level = new, level + 1
        return nodes, list(found.values())

    def _near(self, ends: list[tuple[int, Node]], *, directed: bool, as_of: Date) -> GovGraph:
        """Everything within MAX_PATH_LENGTH path steps of either end."""
        steps = ([f"(n)-[f:{_PATHS}]->(m:{_N})", f"(n)<-[f:{_PATHS}]-(m:{_N})"] if directed
                 else [f"(n)-[f:{_PATHS}]-(m:{_N})"])
        nodes: dict = {}
        found: dict = {}
        for step in steps:
            more_nodes, more_facts = self._reach(ends, step, as_of, MAX_PATH_LENGTH)
            nodes.update(more_nodes)
            found.update({fact.key: (seq, fact) for seq, fact in more_facts})
        return _graph(nodes, list(found.values()))

    def _nodes(self, ids: list[str]) -> dict[str, tuple[int, Node]]:
        rows = self.conn.read_each(f"UNWIND $rows AS id MATCH (n:{_N} {{id: id}}) "
                                   "RETURN properties(n) AS n", ids)
        return {r["n"]["id"]: (r["n"]["seq"], node_from(r["n"])) for r in rows}


def _brief(var: str) -> str:
    """A map of what a fact's end needs for the ``facts`` answer."""
    return "{" + ", ".join(f"{k}: {var}.{k}" for k in
                           ("id", "type", "label", "valid_from", "valid_to", "seq")) + "}"


def _fact(row: dict) -> tuple[int, Fact]:
    return row["f"]["seq"], fact_from(row["s"], row["t"], row["o"], row["f"])


def _graph(nodes: dict[str, tuple[int, Node]], found: list[tuple[int, Fact]]) -> GovGraph:
    """A small graph listing its nodes and facts in the whole graph's order.

    Added in that order, the small graph iterates nodes, each node's facts out and
    in, and parallel facts, as the whole graph does (restricted to what it holds).
    Facts with an end outside ``nodes`` are left out.
    """
    G = GovGraph()
    for _, node in sorted(nodes.values(), key=lambda pair: pair[0]):
        G.add_node(node)
    for _, fact in sorted(found, key=lambda pair: pair[0]):
        if fact.subject in G and fact.object in G:
            G.add_fact(fact)
    return G
