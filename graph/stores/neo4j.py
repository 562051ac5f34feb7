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

import inspect
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

#: Paths longer than this are not reported: graph.paths.path's own default.
MAX_PATH_LENGTH: int = inspect.signature(path).parameters["max_length"].default
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
        G = _graph(*self._reach(_UP, [("in" if down else "out", [start])], as_of, full=True))
        return chain(G, start[1].id, down=down, as_of=as_of)

    def path(self, a: str, b: str, *, as_of: Date = None) -> dict:
        ends = [self._resolve(a), self._resolve(b)]
        a_id, b_id = ends[0][1].id, ends[1][1].id
        # graph.paths searches breadth-first from both ends and reports paths of at
        # most MAX_PATH_LENGTH steps, so every node and fact its searches can touch
        # before finding those lies within that many steps of an end: forward from
        # either end and backward to either end for the directed paths, either way for
        # the undirected ones (read only when there is no directed path). Over that
        # neighbourhood, added in the whole graph's order, it finds the same paths in
        # the same order. They are found on the facts' ids and dates; then the steps
        # get their sources and the rest.
        near = _graph(*self._reach(_PATHS, [("out", ends), ("in", ends)], as_of, full=False,
                                   depth=MAX_PATH_LENGTH))
        found = path(near, a_id, b_id, as_of=as_of, max_length=MAX_PATH_LENGTH)
        if not (found["paths"] and found["paths"][0]["directed"]):
            near = _graph(*self._reach(_PATHS, [("any", ends)], as_of, full=False,
                                       depth=MAX_PATH_LENGTH))
            found = path(near, a_id, b_id, as_of=as_of, max_length=MAX_PATH_LENGTH)
        steps = [step for route in found["paths"] for step in route["steps"]]
        full = self._facts_by_key([(s["subject"]["id"], s["object"]["id"], _key(s)) for s in steps])
        for step in steps:
            step.update({k: v for k, v in full[_key(step)].to_dict().items()
                         if k not in ("subject", "object")})
        return found

    def profile(self, name: str, *, types: Iterable[str] | None = None,
                as_of: Date = None) -> dict:
        types = list(types) if types else None
        seq, node = self._resolve(name, types)
        first, last = day_range(as_of)
        rows = self.conn.read(
            f"MATCH (n:{_N} {{id: $id}})-[f:{_ALL}]-(m:{_N}) "
            f"WITH n, f, m WHERE {holds('f', 'n', 'm')} RETURN startNode(f).id AS s, "
            f"endNode(f).id AS o, {_EDGE}, {_brief('m')}",
            id=node.id, first=first, last=last)
        nodes = {node.id: (seq, node)}
        for row in rows:
            nodes.setdefault(row["m_id"], _brief_node(row, "m"))
        # Incoming facts first, each side in the memory graph's own order, so that
        # the small graph lists them as the whole graph does.
        facts_in = sorted((r for r in rows if r["o"] == node.id), key=lambda r: r["f"]["in_rank"])
        facts_out = sorted((r for r in rows if r["s"] == node.id), key=lambda r: r["f"]["out_rank"])
        found: dict[str, tuple[int, Fact]] = {}
        for row in facts_in + facts_out:  # a fact from the node to itself comes twice
            fact = _fact(row)[1]
            found.setdefault(fact.key, (len(found), fact))
        return profile(_graph(nodes, list(found.values())), node.id, types=types, as_of=as_of)

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
            f"WITH s, f, o WHERE {holds('f', 's', 'o')} RETURN s.id AS s, o.id AS o, {_EDGE}, "
            f"{_brief('s')}, {_brief('o')}", first=first, last=last)
        nodes = {r[f"{end}_id"]: _brief_node(r, end) for r in rows for end in ("s", "o")}
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
        # The candidates are every node the name could match in any of graph.names'
        # tiers (its id, a normalised name, a name form); resolving among them picks
        # what resolving in the whole graph picks.
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
    def _reach(self, rel: str, searches: list[tuple[str, list[tuple[int, Node]]]], as_of: Date,
               *, full: bool, depth: int | None = None) -> tuple[dict, list]:
        """The nodes and facts reached by breadth-first searches over ``rel`` facts.

        Each search follows facts ``out`` of, ``in`` to, or ``any`` way from its start
        nodes, only facts that hold on ``as_of`` between nodes that exist then. All
        searches move one step per query. With ``depth``, nodes that many steps away
        are reached but not expanded. Nodes come brief (ids, labels, dates); facts
        whole if ``full``, else brief too.
        """
        first, last = day_range(as_of)
        query = (f"UNWIND $rows AS r MATCH (n:{_N} {{id: r.id}}) MATCH (n)-[f:{rel}]-(m:{_N}) "
                 "WITH r, n, f, m WHERE (r.way = 'any' OR (r.way = 'out') = "
                 f"(startNode(f).id = n.id)) AND {holds('f', 'n', 'm')} "
                 "RETURN r.way AS way, startNode(f).id AS s, endNode(f).id AS o, type(f) AS t, "
                 f"{'properties(f) AS f' if full else _BRIEF_FACT}, {_brief('m')}")
        nodes = {node.id: (seq, node) for _, starts in searches for seq, node in starts}
        seen = {way: {node.id for _, node in starts} for way, starts in searches}
        frontier = [{"id": node.id, "way": way} for way, starts in searches for _, node in starts]
        found: dict[str, tuple[int, Fact]] = {}
        level = 0
        while frontier and (depth is None or level < depth):
            new: list[dict] = []
            for row in self.conn.read_each(query, frontier, first=first, last=last):
                seq, fact = _fact(row)
                found.setdefault(fact.key, (seq, fact))
                nodes.setdefault(row["m_id"], _brief_node(row, "m"))
                if row["m_id"] not in seen[row["way"]]:
                    seen[row["way"]].add(row["m_id"])
                    new.append({"id": row["m_id"], "way": row["way"]})
            frontier, level = new, level + 1
        return nodes, list(found.values())

    def _facts_by_key(self, wanted: list[tuple[str, str, str]]) -> dict[str, Fact]:
        """Whole facts, by key, from (subject, object, key) triples."""
        rows = self.conn.read_each(
            f"UNWIND $rows AS r MATCH (n:{_N} {{id: r.s}})-[f:{_PATHS}]->(m:{_N} {{id: r.o}}) "
            "WHERE f.key = r.k RETURN n.id AS s, m.id AS o, " + _EDGE,
            [{"s": s, "o": o, "k": k} for s, o, k in dict.fromkeys(wanted)])
        return {fact.key: fact for _, fact in map(_fact, rows)}


_BRIEF_FACT = ("f.seq AS f_seq, f.role AS f_role, f.valid_from AS f_valid_from, "
               "f.valid_to AS f_valid_to, f.attested AS f_attested")
_BRIEF_NODE = ("id", "type", "label", "valid_from", "valid_to", "seq")


def _brief(var: str) -> str:
    """Columns for what a node's reference and dates need (not its sources)."""
    return ", ".join(f"{var}.{k} AS {var}_{k}" for k in _BRIEF_NODE)


def _brief_node(row: dict, var: str) -> tuple[int, Node]:
    get = {k: row[f"{var}_{k}"] for k in _BRIEF_NODE}
    return get.pop("seq"), Node(**get)


def _key(step: dict) -> str:
    """The key of the fact a path step (or any fact answer) is."""
    return Fact(step["subject"]["id"], step["relation"], step["object"]["id"], role=step["role"],
                valid_from=step["valid_from"], valid_to=step["valid_to"]).key


def _fact(row: dict) -> tuple[int, Fact]:
    """A fact from a row with its whole properties (``f``) or brief columns (``f_*``)."""
    props = row["f"] if "f" in row else {k[2:]: v for k, v in row.items() if k.startswith("f_")}
    return props["seq"], fact_from(row["s"], row["t"], row["o"], props)


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
