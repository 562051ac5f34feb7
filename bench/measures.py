"""The measures of one benchmark run, each a function of the loaded graph.

Each returns a flat dict of results keyed by what they measure (``chain.p50_ms``,
``chain.ratio_vs_rdflib_sparql``, ...). Query inputs are drawn from a seeded
``random.Random``, so two runs on the same data ask the same questions.

``chain`` times the full JSON-ready answer (labels, dates and sources of every step);
``chain_core`` times :func:`~govgraph.graph.chain.trace`, the same steps as facts,
which is what the SPARQL engines' rows are compared with.
"""

from __future__ import annotations

import random
import statistics
import time

from govgraph.graph.chain import chain, trace
from govgraph.graph.model import GovGraph
from govgraph.graph.names import NameIndex, resolve
from govgraph.graph.paths import path
from govgraph.graph.profile import profile
from govgraph.graph.search import search

import sparql
from timing import Stopwatch, latencies, summary, taking_turns

__all__ = ["queries", "sparql_comparison", "council_of"]

_SEARCH_WORDS = ("parenting", "scrutiny committee", "health and wellbeing", "fostering panel",
                 "safeguarding", "improvement board", "licensing", "cabinet member", "audit",
                 "children in care", "climate", "director of children")


#: The engines of the SPARQL comparison take turns over this many parts of the starts.
SPARQL_ROUNDS = 5

#: The date of the dated chain queries: within the generated years of meetings.
AS_OF = "2023-06"


def council_of(node_id: str) -> str:
    return node_id.split("/", 1)[0]


def _flat(prefix: str, stats: dict) -> dict:
    return {f"{prefix}.{k}": v for k, v in stats.items()}


def queries(G: GovGraph, rng: random.Random, *, n: int, budget_s: float) -> dict:
    """Latency of chain (and its core, trace), path, body and search over many random questions."""
    bodies = sorted(node.id for node in G.nodes("Body"))
    by_council: dict[str, list[str]] = {}
    for body in bodies:
        by_council.setdefault(council_of(body), []).append(body)
    out: dict = {}
    with Stopwatch() as w:  # what the first lookup by name builds (ids need no index)
        NameIndex(G)
    out["names.index_build_s"] = w.seconds
    starts = [rng.choice(bodies) for _ in range(n)]
    out.update(_flat("chain", summary(latencies(lambda b: chain(G, b), starts, budget_s=budget_s))))
    out.update(_flat("chain_core", summary(latencies(lambda b: trace(G, b), starts,
                                                     budget_s=budget_s))))
    out.update(_flat("chain_down", summary(latencies(lambda b: chain(G, b, down=True), starts,
                                                     budget_s=budget_s))))
    current = [b for b in starts if G.node(b).holds_on(AS_OF)]
    out.update(_flat("chain_as_of", summary(latencies(lambda b: chain(G, b, as_of=AS_OF),
                                                      current, budget_s=budget_s))))
    labels = [G.node(b).label for b in starts if len(G.node(b).label) > 0]
    out.update(_flat("resolve_label", summary(latencies(lambda x: _try_resolve(G, x), labels,
                                                        budget_s=budget_s))))
    pairs = []
    for _ in range(n):
        council = by_council[rng.choice(sorted(by_council))]
        pairs.append((rng.choice(council), rng.choice(council)))
    out.update(_flat("path", summary(latencies(lambda ab: path(G, *ab), pairs, budget_s=budget_s))))
    out.update(_flat("body", summary(latencies(
        lambda b: profile(G, b, types=("Body", "Organisation")), starts, budget_s=budget_s))))
    words = [rng.choice(_SEARCH_WORDS) for _ in range(n)]
    out.update(_flat("search", summary(latencies(lambda q: search(G, q), words, budget_s=budget_s))))
    return out


def _try_resolve(G: GovGraph, name: str) -> None:
    """Resolve a label as typed; at national scale most labels name one body per council."""
    try:
        resolve(G, name)
    except LookupError:
        pass


def _best_form(engine, starts: list[str]) -> tuple[str, dict]:
    """Time each SPARQL form on a few starts; use the fastest; say what each took."""
    timings = {}
    for form in sparql.CHAIN_QUERIES:
        engine.use(form)
        begin = time.perf_counter()
        engine(starts[0])
        first = time.perf_counter() - begin
        if first > 1.0:  # a form this slow is not the fastest; one call says so
            timings[form] = first * 1e3
            continue
        seconds = []
        for start in starts:
            begin = time.perf_counter()
            engine(start)
            seconds.append(time.perf_counter() - begin)
        timings[form] = statistics.median(seconds) * 1e3
    best = min(timings, key=timings.get)
    engine.use(best)
    return best, timings


def sparql_comparison(G: GovGraph, rng: random.Random, *, n: int, budget_s: float,
                      full_export: bool, check: int = 300) -> dict:
    """The chain query in govgraph, rdflib SPARQL and Oxigraph SPARQL on the same starts.

    Checks first that all give the same steps (and so the same bodies) for the first
    ``check`` starts, govgraph's trace and its JSON chain both; a mismatch stops the
    run, since a ratio between different answers means nothing.

    The headline ratios (``chain.ratio_vs_*_sparql``) time govgraph's
    :func:`~govgraph.graph.chain.trace`, the like-for-like answer: the steps as facts,
    as the engines give rows. ``chain.json_ratio_vs_*_sparql`` time :func:`chain`,
    which also renders every step with labels, dates and sources. The four take
    turns over :data:`SPARQL_ROUNDS` parts of the starts (:func:`timing.taking_turns`),
    so a busy moment of the machine falls on all of them alike.
    """
    out: dict = {"sparql.relations": list(sparql.UP_RELATIONS),
                 "sparql.export": "full" if full_export else "lines (bodies, organisations and "
                                  "the chain relations, as to_rdf writes them)"}
    with Stopwatch() as w:
        rdf = sparql.export(G, full=full_export)
    out["sparql.export_s"], out["sparql.triples"] = w.seconds, len(rdf)
    with Stopwatch() as w:
        rdflib_chain = sparql.RdflibChain(rdf)
    out["sparql.rdflib_load_s"] = w.seconds
    with Stopwatch() as w:
        ox_chain = sparql.OxigraphChain(rdf)
    out["sparql.oxigraph_load_s"] = w.seconds
    bodies = sorted(node.id for node in G.nodes("Body"))
    starts = [rng.choice(bodies) for _ in range(n)]
    probe = starts[:5]
    out["sparql.rdflib_form"], out["sparql.rdflib_form_ms"] = _best_form(rdflib_chain, probe)
    out["sparql.oxigraph_form"], out["sparql.oxigraph_form_ms"] = _best_form(ox_chain, probe)

    def ours(start):
        return sparql.trace_steps(trace(G, start))

    def ours_json(start):
        return sparql.chain_steps(chain(G, start))

    checked = 0
    for start in starts[:check]:
        want = ours(start)
        for name, engine in (("govgraph chain", ours_json), ("rdflib", rdflib_chain),
                             ("oxigraph", ox_chain)):
            got = engine(start)
            if got != want:
                raise AssertionError(f"{name} and govgraph trace disagree on the chain from "
                                     f"{start}: only trace {sorted(want - got)[:3]}, "
                                     f"only {name} {sorted(got - want)[:3]}")
        checked += 1
    out["sparql.answers_checked"] = checked
    timed = taking_turns({"chain": lambda s: chain(G, s), "trace": lambda s: trace(G, s),
                          "rdflib": rdflib_chain, "oxigraph": ox_chain}, starts,
                         rounds=SPARQL_ROUNDS, budget_s=budget_s)
    gg, core, rd, ox = (summary(timed[name]) for name in ("chain", "trace", "rdflib", "oxigraph"))
    out["sparql.rounds"] = SPARQL_ROUNDS
    out.update(_flat("sparql.govgraph", gg))
    out.update(_flat("sparql.govgraph_trace", core))
    out.update(_flat("sparql.rdflib", rd))
    out.update(_flat("sparql.oxigraph", ox))
    out["chain.ratio_vs_rdflib_sparql"] = rd["p50_ms"] / core["p50_ms"]
    out["chain.ratio_vs_oxigraph_sparql"] = ox["p50_ms"] / core["p50_ms"]
    out["chain.json_ratio_vs_rdflib_sparql"] = rd["p50_ms"] / gg["p50_ms"]
    out["chain.json_ratio_vs_oxigraph_sparql"] = ox["p50_ms"] / gg["p50_ms"]
    # What the choice of form is worth: each form's median on the probe starts over
    # govgraph trace's p50 (the headline ratios above use each engine's fastest form).
    for engine in ("rdflib", "oxigraph"):
        out[f"sparql.{engine}_ratio_by_form"] = {
            form: ms / core["p50_ms"] for form, ms in out[f"sparql.{engine}_form_ms"].items()}
    return out
