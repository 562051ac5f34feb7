"""Measures of the parts that land separately: options, charts, the API, Neo4j.

Each measure first checks that its part exists; if not, it returns
``{"<area>.status": "not available yet: <why>"}`` instead of failing the run, so
the runner works on any checkout and fills in as the pieces land.
"""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path

from govgraph.graph.model import GovGraph

from timing import Stopwatch, latencies, summary

__all__ = ["options", "charts", "neo4j", "missing"]


def missing(area: str, module: str, names: tuple[str, ...] = ()) -> dict | None:
    """A 'not available yet' entry if ``module`` (with ``names``) cannot be imported."""
    try:
        found = importlib.import_module(module)
    except ImportError as exc:
        return {f"{area}.status": f"not available yet: {module} ({exc})"}
    lacking = [n for n in names if not hasattr(found, n)]
    if lacking:
        return {f"{area}.status": f"not available yet: {module} has no {', '.join(lacking)}"}
    return None


def options(G: GovGraph, data: Path, areas: list[str], rng: random.Random, *,
            budget_s: float) -> dict:
    """One option's impact (over several councils' options) and a three-option compare."""
    absent = (missing("options", "govgraph.loaders.options", ("open_options",))
              or missing("options", "govgraph.graph.options", ("impact", "compare")))
    if absent:
        return absent
    from govgraph.graph.options import compare, impact
    from govgraph.loaders.options import open_options

    with Stopwatch() as w:
        found = open_options([data])
    out: dict = {"options.read_s": w.seconds, "options.count": len(found)}
    chosen = [a for a in areas if f"{a}-option-1" in found]
    rng.shuffle(chosen)
    ids = [f"{a}-option-{n}" for a in chosen for n in (1, 2, 3)]
    # No untimed warm-up: at national scale one impact is the expensive part of the run.
    impacts = latencies(lambda i: impact(G, found[i]), ids, budget_s=budget_s, warmup=0)
    out.update({f"options.impact.{k}": v for k, v in summary(impacts).items()})
    area = chosen[0]
    with Stopwatch() as w:
        result = compare(G, [found[f"{area}-option-{n}"] for n in (1, 2, 3)])
    out["options.compare3_s"] = w.seconds
    out["options.compare3_measures"] = len(result["measures"])
    return out


def charts(G: GovGraph, area: str, focus: str) -> dict:
    """The HTML of one council's chart and of a focused chart in the national graph."""
    absent = missing("charts", "govgraph.viz.network", ("org_chart", "chart_html"))
    if absent:
        return absent
    from govgraph.viz.network import chart_html, org_chart

    out: dict = {}
    for key, kwargs in (("council", {"dataset": area}), ("focused", {"focus": focus, "hops": 2})):
        try:
            with Stopwatch() as w:
                html = chart_html(org_chart(G, **kwargs))
        except Exception as exc:  # a chart too large to draw is a result, not a crash
            out[f"charts.{key}.status"] = f"failed: {type(exc).__name__}: {exc}"
            continue
        out[f"charts.{key}_s"] = w.seconds
        out[f"charts.{key}_html_kb"] = len(html.encode()) / 1024
    out["charts.council_dataset"], out["charts.focus"] = area, focus
    return out


def neo4j(G: GovGraph, rng: random.Random, *, n: int, budget_s: float, councils: int = 5) -> dict:
    """Pushing councils into a FalkorDB Bolt server (as the tests start it), and chain there.

    Only a server this run starts is used, never one named by NEO4J_URI: a push replaces
    what a server holds. ``councils`` councils (and the national bodies) are pushed, so the
    measure stays bounded at national scale; throughput is facts per second.
    """
    absent = (missing("neo4j", "govgraph.graph.stores.neo4j", ("open_neo4j",))
              or missing("neo4j", "govgraph.graph.stores.neo4j_sync", ("push",)))
    if absent:
        return absent
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    try:
        import neo4j_server
    except ImportError as exc:
        return {"neo4j.status": f"not available yet: tests/neo4j_server.py ({exc})"}
    from govgraph.graph.chain import chain
    from govgraph.graph.stores.cypher import connect, parse_target
    from govgraph.graph.stores.neo4j import open_neo4j
    from govgraph.graph.stores.neo4j_sync import push

    areas = sorted({node.dataset for node in G.nodes("Body") if node.dataset})[:councils]
    sub = _datasets(G, {*areas, "uk-national"})
    try:
        server = neo4j_server.start_falkordb(timeout=60)
    except (neo4j_server.ServerMissing, RuntimeError) as exc:
        return {"neo4j.status": f"no Bolt server: {exc}"}
    try:
        conn = connect(parse_target(server.uri))
        try:
            with Stopwatch() as w:
                pushed = push(sub, conn)
        finally:
            conn.close()
        out = {"neo4j.server": server.name, "neo4j.councils": len(areas),
               "neo4j.pushed_nodes": pushed["nodes"], "neo4j.pushed_facts": pushed["facts"],
               "neo4j.push_s": w.seconds, "neo4j.push_facts_per_s": pushed["facts"] / w.seconds}
        bodies = sorted(node.id for node in sub.nodes("Body"))
        starts = [rng.choice(bodies) for _ in range(n)]
        with open_neo4j(server.uri) as store:
            for start in starts[:20]:  # the same answer as in memory, or the latency means nothing
                if store.chain(start) != chain(sub, start):
                    raise AssertionError(f"the Neo4j store and memory disagree on the chain from {start}")
            out.update({f"neo4j.chain.{k}": v for k, v in
                        summary(latencies(store.chain, starts, budget_s=budget_s)).items()})
        return out
    finally:
        server.stop()


def _datasets(G: GovGraph, wanted: set[str]) -> GovGraph:
    """The part of the graph from the given datasets (documents included)."""
    sub = GovGraph()
    for node in G.nodes():
        if node.dataset in wanted:
            sub.add_node(node)
    for fact in G.facts():
        if fact.subject in sub and fact.object in sub:
            sub.add_fact(fact)
    return sub
