"""Checks of a governance graph: the SHACL shapes plus rules SHACL cannot say simply.

Each finding is ``{check, severity, node, message, facts}``. Violations make
``govgraph check`` exit 1; warnings are things a curator should look at.
"""

from __future__ import annotations

from importlib import resources
from itertools import combinations

import networkx as nx
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

from govgraph.graph.dates import period_end, period_start
from govgraph.graph.model import Fact, GovGraph
from govgraph.graph.rdf import ID, to_rdf

__all__ = ["check", "CHECKS", "shacl_findings", "no_upward_line", "chair_not_member",
           "reporting_cycles", "overlapping_holders", "undeclared_documents"]

#: Relations that carry a body upwards towards the council.
UPWARD = ("reports_to", "sub_body_of", "informs", "part_of")
#: Body kinds that are the top of a structure and need no upward line.
TOP_KINDS = {"council", "county_council", "full_council"}


def _finding(check: str, severity: str, node: str | None, message: str,
             facts: list[Fact] = ()) -> dict:
    return {"check": check, "severity": severity, "node": node, "message": message,
            "facts": [f.key for f in facts]}


def no_upward_line(G: GovGraph) -> list[dict]:
    """Bodies with no line up (reports_to, sub_body_of, informs or part_of)."""
    return [_finding("no_upward_line", "warning", body.id,
                     f"{body.label} has no line up to any other body or organisation")
            for body in G.nodes("Body")
            if body.props.get("kind") not in TOP_KINDS and not G.out_facts(body.id, UPWARD)]


def chair_not_member(G: GovGraph) -> list[dict]:
    """Chairs (people) not recorded as members of the body they chair."""
    found = []
    for fact in G.facts("chaired_by"):
        if G.node(fact.object).type != "Person":
            continue
        seats = [f for f in G.out_facts(fact.object, ["member_of"]) if f.object == fact.subject]
        if not seats:
            found.append(_finding("chair_not_member", "warning", fact.subject,
                                  f"{G.label(fact.object)} chairs {G.label(fact.subject)} but "
                                  "is not recorded as a member", [fact]))
    return found


def reporting_cycles(G: GovGraph) -> list[dict]:
    """Cycles in the formal lines (reports_to, sub_body_of): nobody can be their own superior."""
    lines = nx.DiGraph()
    for fact in G.facts(("reports_to", "sub_body_of")):
        lines.add_edge(fact.subject, fact.object, fact=fact)
    found = []
    for cycle in nx.simple_cycles(lines):
        facts = [lines.edges[a, b]["fact"] for a, b in zip(cycle, cycle[1:] + cycle[:1])]
        names = " -> ".join(G.label(n) for n in cycle + cycle[:1])
        found.append(_finding("reporting_cycle", "violation", cycle[0],
                              f"reporting cycle: {names}", facts))
    return found


def _span(fact: Fact) -> tuple | None:
    start = fact.valid_from or (min(fact.attested) if fact.attested else None)
    end = fact.valid_to or (max(fact.attested) if fact.attested else None)
    if start is None and end is None:
        return None
    return (period_start(start) if start else None, period_end(end) if end else None)


def _overlap(a: tuple | None, b: tuple | None) -> bool:
    if a is None or b is None:
        return False  # an undated holding says nothing about when
    (a0, a1), (b0, b1) = a, b
    return (a1 is None or b0 is None or b0 <= a1) and (b1 is None or a0 is None or a0 <= b1)


def overlapping_holders(G: GovGraph) -> list[dict]:
    """Two people holding one post over overlapping dates (unless the post is ``shared``)."""
    found = []
    for post in G.nodes("Post"):
        if post.props.get("shared"):
            continue
        holdings = G.in_facts(post.id, ["holds_post"])
        for a, b in combinations(holdings, 2):
            if a.subject != b.subject and _overlap(_span(a), _span(b)):
                found.append(_finding("overlapping_holders", "violation", post.id,
                                      f"{G.label(a.subject)} and {G.label(b.subject)} both hold "
                                      f"{post.label} at overlapping dates", [a, b]))
    return found


def undeclared_documents(G: GovGraph) -> list[dict]:
    """Sources citing documents the graph does not hold (dangling references)."""
    found = []
    for fact in G.facts():
        for source in fact.sources:
            if source.doc not in G.documents:
                found.append(_finding("dangling_reference", "violation", fact.subject,
                                      f"source cites unknown document {source.doc!r}", [fact]))
    return found


def shacl_findings(G: GovGraph) -> list[dict]:
    """Violations of ontology/shapes.ttl on the RDF view of the graph."""
    shapes = Graph().parse(str(resources.files("govgraph.ontology") / "shapes.ttl"))
    conforms, report, _ = validate(to_rdf(G), shacl_graph=shapes, advanced=True)
    if conforms:
        return []
    found = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = str(report.value(result, SH.focusNode))
        node = focus[len(str(ID)):] if focus.startswith(str(ID)) else focus
        found.append(_finding("shacl", "violation", node,
                              str(report.value(result, SH.resultMessage))))
    return sorted(found, key=lambda f: (f["node"], f["message"]))


#: Every check, in the order reports list them.
CHECKS = (shacl_findings, reporting_cycles, overlapping_holders, undeclared_documents,
          chair_not_member, no_upward_line)


def check(G: GovGraph) -> list[dict]:
    """All findings of all checks: violations first, then warnings.

    Examples
    --------
    >>> from govgraph.graph.model import Node, Source
    >>> G = GovGraph(); s = (Source("d", "1", "q"),)
    >>> G.add_node(Node("d", "Document", "D"))
    >>> G.add_node(Node("a", "Body", "A", sources=s)); G.add_node(Node("b", "Body", "B", sources=s))
    >>> _ = G.add_fact(Fact("a", "reports_to", "b", sources=s))
    >>> _ = G.add_fact(Fact("b", "reports_to", "a", sources=s))
    >>> [f["check"] for f in check(G) if f["severity"] == "violation"]
    ['reporting_cycle']
    """
    findings = [f for run in CHECKS for f in run(G)]
    return sorted(findings, key=lambda f: f["severity"] != "violation")
