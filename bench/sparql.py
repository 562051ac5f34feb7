"""The chain query in SPARQL: rdflib's engine and Oxigraph on govgraph's RDF export.

The query follows the same relations as :func:`govgraph.graph.chain.chain`
(``reports_to``, ``informs``, ``sub_body_of``) with a property path from the start,
and returns every such line out of every body reached: the chain's steps as
(subject, relation, object). The start is bound as a parameter, never spliced into
the query text. Both engines read the RDF that :func:`govgraph.graph.rdf.to_rdf`
writes (plain triples for the lines, plus each fact reified with its sources).

The like-for-like govgraph answer is :func:`govgraph.graph.chain.trace`: the same
steps as facts (which carry subject, relation and object, and more). ``chain`` also
renders them as JSON with labels, dates and sources, which SPARQL rows do not have;
the benchmark times both.
"""

from __future__ import annotations

from govgraph.graph.chain import UP_RELATIONS, Trace
from govgraph.graph.model import GovGraph
from govgraph.graph.rdf import GOV, ID, node_iri, to_rdf

__all__ = ["CHAIN_QUERIES", "lines_subgraph", "export", "RdflibChain", "OxigraphChain", "chain_steps",
           "trace_steps"]

_PATH = "|".join(f"gov:{r}" for r in UP_RELATIONS)
_ANY = f"?start ({_PATH})* ?s ."
_LINES = " ".join(f"gov:{r}" for r in UP_RELATIONS)
_UNION = " UNION ".join(f"{{ ?s gov:{r} ?o BIND(gov:{r} AS ?p) }}" for r in UP_RELATIONS)

#: The same question written the ways a user might; each engine is timed with the
#: form it answers fastest (engines plan them very differently), after checking that
#: every form gives the same answer.
CHAIN_QUERIES = {
    "filter": f"?s ?p ?o . FILTER(?p IN ({', '.join(f'gov:{r}' for r in UP_RELATIONS)}))",
    "values": f"VALUES ?p {{ {_LINES} }} ?s ?p ?o .",
    "union": _UNION,
}
CHAIN_QUERIES = {name: f"PREFIX gov: <{GOV}>\nSELECT DISTINCT ?start ?s ?p ?o WHERE {{ {_ANY} {body} }}"
                 for name, body in CHAIN_QUERIES.items()}


def lines_subgraph(G: GovGraph) -> GovGraph:
    """The bodies and organisations with the lines a chain follows, and nothing else.

    At national scale the full RDF export (every meeting, seat and source, reified)
    is tens of millions of triples, more than rdflib can hold in this machine's
    memory; the engines then get this part of it, which holds every triple the chain
    query can touch. Smaller graphs only make SPARQL faster, so the comparison stays
    fair to the engines.
    """
    sub = GovGraph()
    facts = list(G.facts(UP_RELATIONS))
    keep = {n.id for n in G.nodes(("Body", "Organisation"))}
    keep |= {f.subject for f in facts} | {f.object for f in facts}
    for node_id in sorted(keep):
        sub.add_node(G.node(node_id))
    for fact in facts:
        sub.add_fact(fact)
    return sub


def export(G: GovGraph, *, full: bool):
    """The rdflib graph the engines load: the whole export, or the lines' part of it."""
    return to_rdf(G if full else lines_subgraph(G))


def _local(term) -> str:
    return str(term)[len(str(ID)):]


def _relation(term) -> str:
    return str(term)[len(str(GOV)):]


class RdflibChain:
    """The chain query with rdflib's own SPARQL engine, prepared once."""

    def __init__(self, rdf, form: str = "union"):
        from rdflib.plugins.sparql import prepareQuery

        self.rdf = rdf
        self.prepared = {name: prepareQuery(text) for name, text in CHAIN_QUERIES.items()}
        self.use(form)

    def use(self, form: str) -> None:
        self.form, self.query = form, self.prepared[form]

    def __call__(self, start: str) -> set[tuple[str, str, str]]:
        rows = self.rdf.query(self.query, initBindings={"start": node_iri(start)})
        return {(_local(r["s"]), _relation(r["p"]), _local(r["o"])) for r in rows}


class OxigraphChain:
    """The chain query with pyoxigraph, an in-memory store loaded from N-Triples."""

    def __init__(self, rdf, form: str = "filter"):
        import pyoxigraph as ox

        self.ox = ox
        self.use(form)
        self.store = ox.Store()
        self.store.bulk_load(rdf.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
        self.start = ox.Variable("start")

    def use(self, form: str) -> None:
        self.form, self.query = form, CHAIN_QUERIES[form]

    def __call__(self, start: str) -> set[tuple[str, str, str]]:
        rows = self.store.query(self.query, substitutions={
            self.start: self.ox.NamedNode(str(node_iri(start)))})
        return {(_local(r["s"].value), _relation(r["p"].value), _local(r["o"].value)) for r in rows}


def chain_steps(answer: dict) -> set[tuple[str, str, str]]:
    """govgraph's chain answer as the same (subject, relation, object) set."""
    return {(s["subject"]["id"], s["relation"], s["object"]["id"]) for s in answer["steps"]}


def trace_steps(found: Trace) -> set[tuple[str, str, str]]:
    """govgraph's trace (the chain's steps as facts) as the same set."""
    return {(fact.subject, fact.relation, fact.object) for _, fact in found.steps}
