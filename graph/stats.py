"""Counts of a graph: nodes by type, facts by relation, per dataset, and source coverage."""

from __future__ import annotations

from collections import Counter

from govgraph.graph.model import GovGraph

__all__ = ["stats"]


def stats(G: GovGraph) -> dict:
    """Counts by node type and relation, per dataset and in all, with the sourced share.

    A fact belongs to the dataset of its subject. ``sourced`` is the share (0-1) of
    facts and of nodes (documents aside) with at least one source; it must be 1.

    Examples
    --------
    >>> from govgraph.graph.model import Node, Source
    >>> G = GovGraph()
    >>> G.add_node(Node("a", "Body", "A", sources=(Source("d", "1", "q"),), dataset="x"))
    >>> stats(G)["datasets"]["x"]["nodes"]
    {'Body': 1}
    """
    per: dict[str, dict[str, Counter]] = {}

    def bucket(name: str | None) -> dict[str, Counter]:
        return per.setdefault(name or "(none)", {"nodes": Counter(), "facts": Counter()})

    for node in G.nodes():
        bucket(node.dataset)["nodes"][node.type] += 1
    for fact in G.facts():
        bucket(G.node(fact.subject).dataset)["facts"][fact.relation] += 1
    nodes = [n for n in G.nodes() if n.type != "Document"]
    facts = list(G.facts())
    sourced_nodes = sum(1 for n in nodes if n.sources)
    sourced_facts = sum(1 for f in facts if f.sources)
    return {
        "datasets": {name: {"nodes": dict(sorted(c["nodes"].items())),
                            "facts": dict(sorted(c["facts"].items()))}
                     for name, c in sorted(per.items())},
        "total": {"nodes": len(G), "facts": len(facts)},
        "sourced": {"facts": sourced_facts / len(facts) if facts else 1.0,
                    "nodes": sourced_nodes / len(nodes) if nodes else 1.0},
        "inferred_facts": sum(1 for f in facts if f.inferred),
    }
