"""Push a governance graph into Neo4j, and pull it back into memory.

A push is idempotent and converges: nodes are merged on their ``id`` and facts on
their ``key``, in batches of one transaction each; every node and fact written
carries the push's ``load_id`` (a hash of the content), and what the push did not
write (left from older data) is removed at the end. An interrupted push leaves the
meta node marked ``loading``; running it again finishes the job.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import re
import time
from collections import defaultdict
from typing import Any, Callable, Iterable, Iterator

from govgraph.graph.model import Fact, GovGraph
from govgraph.graph.names import NameIndex
from govgraph.graph.stores.cypher import Connection, Neo4jUnavailable, request_size
from govgraph.graph.stores.neo4j_records import (FORMAT, META_ID, META_LABEL, NODE_LABEL,
                                                 fact_from, fact_props, node_from, node_label,
                                                 node_props, rel_types)
from govgraph.ontology.terms import NODE_TYPES, RELATIONS

__all__ = ["push", "pull", "read_meta", "pushed_datasets", "ensure_indexes", "insertion_order"]

_PROPERTY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
ALL_TYPES = rel_types(RELATIONS)


# -- push ---------------------------------------------------------------------------

def push(G: GovGraph, conn: Connection, *, datasets: Iterable[dict] = ()) -> dict:
    """Load a graph into the server so that it holds exactly this graph.

    Parameters
    ----------
    G : GovGraph
    conn : Connection
    datasets : iterable of dict
        The datasets' own descriptions (id, title, ...), kept on the meta node.

    Returns
    -------
    dict
        ``nodes``, ``facts``, ``removed_nodes``, ``removed_facts``, ``load_id``,
        ``seconds``, ``server`` and ``dialect``.

    Raises
    ------
    Neo4jUnavailable
        If the server fails; the push can then simply be run again.
    """
    started = time.monotonic()
    datasets = list(datasets)
    nodes, facts = _node_rows(G), _fact_rows(G)
    load_id = _content_hash(nodes, facts, datasets)
    for row in nodes:
        row["props"]["load_id"] = load_id
    for row in facts:
        row["props"]["load_id"] = load_id
    ensure_indexes(conn)
    conn.write(f"MERGE (m:{META_LABEL} {{id: $id}}) SET m.loading = $load_id",
               id=META_ID, load_id=load_id)
    _write_nodes(conn, nodes)
    _write_facts(conn, facts)
    removed_facts = _sweep(conn, f"MATCH (:{NODE_LABEL})-[x:{ALL_TYPES}]->(:{NODE_LABEL})", load_id)
    removed_nodes = _sweep(conn, f"MATCH (x:{NODE_LABEL})", load_id, detach=True)
    meta = {"id": META_ID, "format": FORMAT, "load_id": load_id, "nodes": len(nodes),
            "facts": len(facts), "datasets": json.dumps(datasets, ensure_ascii=False)}
    conn.write(f"MERGE (m:{META_LABEL} {{id: $id}}) SET m = $meta", id=META_ID, meta=meta)
    return {"server": str(conn.target), "dialect": conn.dialect.name, "nodes": len(nodes),
            "facts": len(facts), "removed_nodes": removed_nodes, "removed_facts": removed_facts,
            "load_id": load_id, "seconds": round(time.monotonic() - started, 2)}


def ensure_indexes(conn: Connection) -> None:
    """A uniqueness constraint (Neo4j) or an index (elsewhere) on node ids."""
    if conn.dialect.unique_ids:
        conn.write(f"CREATE CONSTRAINT govnode_id IF NOT EXISTS "
                   f"FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE")
        conn.write(f"CREATE INDEX govgraph_meta_id IF NOT EXISTS FOR (m:{META_LABEL}) ON (m.id)")
        return
    # The portable dialect has no IF NOT EXISTS: look before creating.
    present = {(r["label"], tuple(r["properties"])) for r in
               conn.read("CALL db.indexes() YIELD label, properties RETURN label, properties")}
    for label in (NODE_LABEL, META_LABEL):
        if (label, ("id",)) not in present:
            conn.write(f"CREATE INDEX FOR (n:{label}) ON (n.id)")


def _content_hash(nodes: list[dict], facts: list[dict], datasets: list[dict]) -> str:
    digest = hashlib.sha256()
    for part in (nodes, facts, datasets):
        digest.update(json.dumps(part, sort_keys=True, ensure_ascii=False,
                                 default=str).encode("utf-8"))
    return digest.hexdigest()[:20]


def _node_rows(G: GovGraph) -> list[dict]:
    index = NameIndex(G)
    names: dict[str, list[str]] = defaultdict(list)
    forms: dict[str, list[str]] = defaultdict(list)
    for key, ids in index.exact.items():
        for node_id in ids:
            names[node_id].append(key)
    for key, ids in index.derived.items():
        for node_id in ids:
            forms[node_id].append(key)
    return [{"id": node.id, "type": node.type,
             "props": node_props(node, seq=seq, names=names[node.id], forms=forms[node.id],
                                 load_id="")}
            for seq, node in enumerate(G.nodes())]


def _fact_rows(G: GovGraph) -> list[dict]:
    out_rank: dict[str, int] = {}
    in_rank: dict[str, int] = {}
    for node in G.nodes():
        for rank, fact in enumerate(G.out_facts(node.id)):
            out_rank[fact.key] = rank
        for rank, fact in enumerate(G.in_facts(node.id)):
            in_rank[fact.key] = rank
    return [{"s": fact.subject, "o": fact.object, "key": fact.key, "relation": fact.relation,
             "props": fact_props(fact, seq=seq, out_rank=out_rank[fact.key],
                                 in_rank=in_rank[fact.key], load_id="")}
            for seq, fact in enumerate(G.facts())]


def _write_nodes(conn: Connection, rows: list[dict]) -> None:
    by_type: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row)
    for node_type, group in by_type.items():
        others = ":".join(node_label(t) for t in NODE_TYPES if t != node_type)
        query = (f"UNWIND $rows AS r MERGE (n:{NODE_LABEL} {{id: r.id}}) SET n = r.props "
                 f"SET n:{node_label(node_type)} REMOVE n:{others}")
        target = f"MATCH (x:{NODE_LABEL} {{id: $id}})"
        _write_rows(conn, query, group, target, lambda row: {"id": row["id"]})


def _write_facts(conn: Connection, rows: list[dict]) -> None:
    by_relation: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_relation[row["relation"]].append(row)
    for relation, group in by_relation.items():
        rel = rel_types([relation])
        query = (f"UNWIND $rows AS r MATCH (s:{NODE_LABEL} {{id: r.s}}) "
                 f"MATCH (o:{NODE_LABEL} {{id: r.o}}) "
                 f"MERGE (s)-[f:{rel} {{key: r.key}}]->(o) SET f = r.props")
        target = (f"MATCH (:{NODE_LABEL} {{id: $s}})-[x:{rel} {{key: $key}}]->"
                  f"(:{NODE_LABEL} {{id: $o}})")
        _write_rows(conn, query, group, target,
                    lambda row: {"s": row["s"], "o": row["o"], "key": row["key"]})


def _write_rows(conn: Connection, query: str, rows: list[dict], target: str,
                ids: Callable[[dict], dict]) -> None:
    """Write rows in batches; a row too big for one request is written in pieces.

    ``target`` matches one row's node or relationship as ``x`` by the parameters
    ``ids(row)`` gives, to append the pieces of its large properties.
    """
    small, big = [], []
    for row in rows:
        (small if conn.fits(query, rows=[_trim(row)]) else big).append(row)
    for batch in conn.batches(query, [_trim(r) for r in small]):
        conn.write(query, rows=batch)
    for row in big:
        head, tails = _split(conn, query, row)
        conn.write(query, rows=[head])
        for name, value in tails:
            for piece in _pieces(conn, value, target, ids(row)):
                conn.write(f"{target} SET x.`{name}` = x.`{name}` + $piece",
                           piece=piece, **ids(row))


def _trim(row: dict) -> dict:
    """What a query needs of a row (the rest is for grouping)."""
    return {k: v for k, v in row.items() if k not in ("type", "relation")}


def _split(conn: Connection, query: str, row: dict) -> tuple[dict, list[tuple[str, Any]]]:
    """The row with its largest properties emptied until it fits, and those properties."""
    props = dict(row["props"])
    tails = []
    for name in sorted(props, key=lambda k: -request_size(props[k])):
        if conn.fits(query, rows=[_trim({**row, "props": props})]):
            break
        value = props[name]
        if not isinstance(value, (str, list)) or not _PROPERTY.match(name):
            raise Neo4jUnavailable(f"{row.get('id') or row.get('key')}: property {name!r} is "
                                   f"too large for one request to {conn.target.uri}")
        props[name] = "" if isinstance(value, str) else []
        tails.append((name, value))
    head = _trim({**row, "props": props})
    if not conn.fits(query, rows=[head]):
        raise Neo4jUnavailable(f"{row.get('id') or row.get('key')}: too many properties for one "
                               f"request to {conn.target.uri}")
    return head, tails


def _pieces(conn: Connection, value: Any, target: str, ids: dict) -> Iterator[Any]:
    """``value`` cut into pieces that each fit in one appending request."""
    room = (conn.dialect.max_request_bytes - request_size(target) - request_size(ids)
            - request_size("SET x.`` = x.`` + $piece") - 2 * 64 - 200)
    if room <= 64:
        raise Neo4jUnavailable(f"requests to {conn.target.uri} are too small to write to")
    if isinstance(value, list):
        piece: list = []
        for item in value:
            if piece and request_size(piece + [item]) > room:
                yield piece
                piece = []
            piece.append(item)
        if piece:
            yield piece
        return
    start = 0
    while start < len(value):
        end = min(len(value), start + room)
        while request_size(value[start:end]) > room:  # escapes and multi-byte characters
            end = start + max(1, (end - start) * 3 // 4)
        yield value[start:end]
        start = end


def _sweep(conn: Connection, match: str, load_id: str, *, detach: bool = False) -> int:
    """Delete, in batches, what ``match`` finds that this push did not write."""
    limit = 10_000 if conn.dialect.unique_ids else 500
    query = (f"{match} WHERE x.load_id IS NULL OR x.load_id <> $load_id "
             f"WITH x LIMIT {limit} {'DETACH ' if detach else ''}DELETE x RETURN count(*) AS n")
    removed = 0
    while True:
        rows = conn.write(query, load_id=load_id)
        done = rows[0]["n"] if rows else 0
        removed += done
        if done < limit:
            return removed


# -- pull ---------------------------------------------------------------------------

def read_meta(conn: Connection) -> dict | None:
    """The meta node of the last push, or None if nothing was ever pushed."""
    rows = conn.read(f"MATCH (m:{META_LABEL} {{id: $id}}) RETURN properties(m) AS m", id=META_ID)
    return rows[0]["m"] if rows else None


def pushed_datasets(conn: Connection) -> list[dict]:
    """The descriptions of the datasets the last push loaded (id, title, ...)."""
    meta = read_meta(conn) or {}
    return json.loads(meta.get("datasets") or "[]")


def pull(conn: Connection) -> GovGraph:
    """The graph the server holds, read back into memory.

    Raises
    ------
    Neo4jUnavailable
        If nothing was pushed, a push is unfinished, or the server fails.
    """
    meta = read_meta(conn)
    if meta is None:
        raise Neo4jUnavailable(f"no govgraph data at {conn.target} (run `govgraph push` first)")
    if meta.get("loading"):
        raise Neo4jUnavailable(f"the last push to {conn.target} did not finish "
                               "(or is still running); run `govgraph push` again")
    G = GovGraph()
    for row in conn.read(f"MATCH (n:{NODE_LABEL}) RETURN properties(n) AS n ORDER BY n.seq"):
        G.add_node(node_from(row["n"]))
    rows = conn.read(f"MATCH (s:{NODE_LABEL})-[f:{ALL_TYPES}]->(o:{NODE_LABEL}) "
                     "RETURN s.id AS s, type(f) AS t, o.id AS o, properties(f) AS f")
    for fact in insertion_order(rows):
        G.add_fact(fact)
    return G


def insertion_order(rows: list[dict]) -> list[Fact]:
    """Facts in an order that gives every node its facts in the order it had them.

    Each node's outgoing facts must be added in ``out_rank`` order and its incoming
    facts in ``in_rank`` order; these chains never conflict, and ``seq`` breaks ties.
    """
    facts = {i: fact_from(r["s"], r["t"], r["o"], r["f"]) for i, r in enumerate(rows)}
    seq = {i: r["f"].get("seq", i) for i, r in enumerate(rows)}
    chains: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for i, r in enumerate(rows):
        chains[("out", r["s"])].append((r["f"].get("out_rank", seq[i]), i))
        chains[("in", r["o"])].append((r["f"].get("in_rank", seq[i]), i))
    after: dict[int, list[int]] = defaultdict(list)
    waiting = {i: 0 for i in facts}
    for chain in chains.values():
        chain.sort()
        for (_, a), (_, b) in zip(chain, chain[1:]):
            after[a].append(b)
            waiting[b] += 1
    ready = [(seq[i], i) for i, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _, i = heapq.heappop(ready)
        order.append(i)
        for j in after[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready, (seq[j], j))
    if len(order) < len(facts):  # not from a push of ours: keep what is left in seq order
        order += sorted((i for i in facts if i not in set(order)), key=seq.get)
    return [facts[i] for i in order]
