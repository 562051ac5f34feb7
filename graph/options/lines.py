"""Impact on lines: bodies left with no upward line, information flows that are lost."""

from __future__ import annotations

import networkx as nx

from govgraph.graph.model import Fact, GovGraph
from govgraph.graph.options.structure import identity, is_member_level, oversight_graph

__all__ = ["upward_lines", "lost_flows", "FLOW_RELATIONS"]

#: Relations along which reports and information reach a body.
FLOW_RELATIONS = ("informs", "reports_to")


def _member_ids(S: GovGraph) -> set[str]:
    return {n.id for n in S.nodes(("Body", "Organisation")) if is_member_level(n)}


def _route(S: GovGraph, D: nx.DiGraph, body: str, members: set[str]) -> list[Fact] | None:
    """The facts of a shortest upward route from a body to a member-level body."""
    targets = members - {body}
    if body not in D or not targets:
        return None
    lengths, paths = nx.single_source_shortest_path_length(D, body), None
    reachable = [t for t in targets if t in lengths]
    if not reachable:
        return None
    target = min(reachable, key=lambda t: (lengths[t], t))
    paths = nx.shortest_path(D, body, target)
    return [D[a][b]["facts"][0] for a, b in zip(paths, paths[1:])]


def upward_lines(before: GovGraph, after: GovGraph) -> dict:
    """Which bodies have no upward line to an elected-member body, before and after.

    An upward line is a chain of reports_to, informs and sub_body_of facts, or of
    scrutiny and holding to account read from the overseen body's side.

    Returns
    -------
    dict
        ``before`` and ``after`` (the bodies with no such line, by id),
        ``left_without`` (bodies that had a line and lose it, each with the route it
        had: the facts it rested on) and ``gained`` (bodies that gain one, with the
        route they gain).
    """
    result: dict = {}
    routes: dict[str, dict] = {}
    for name, S in (("before", before), ("after", after)):
        D, members = oversight_graph(S), _member_ids(S)
        routes[name] = {}
        for body in S.nodes("Body"):
            if body.id in members:
                continue
            routes[name][body.id] = _route(S, D, body.id, members)
        result[name] = sorted(b for b, r in routes[name].items() if r is None)
    left, gained = [], []
    for body_id in sorted(set(routes["before"]) & set(routes["after"])):
        had, has = routes["before"][body_id], routes["after"][body_id]
        if had and not has:
            left.append({"body": before.node(body_id).ref(),
                         "had": [f.to_dict(before) for f in had]})
        elif has and not had:
            gained.append({"body": after.node(body_id).ref(),
                           "gains": [f.to_dict(after) for f in has]})
    result["left_without"], result["gained"] = left, gained
    return result


def _report(fact: Fact) -> str | None:
    """What an information flow carries: its ``what``, else the papers it lists."""
    what, papers = fact.qualifiers.get("what"), fact.qualifiers.get("reports")
    return what or ("; ".join(papers) if papers else None)


def lost_flows(before: GovGraph, after: GovGraph,
               successors: dict[str, str] | None = None) -> list[dict]:
    """Reports and information flows of the baseline that no longer hold, and where
    what they carried still goes.

    Parameters
    ----------
    before, after : GovGraph
        The standing structures.
    successors : dict, optional
        Bodies that take a removed body's place (renamed_to, absorbed_into), old -> new.

    Returns
    -------
    list of dict
        One per lost flow (a removed ``informs`` or ``reports_to`` fact):
        ``fact``, ``cause`` (``recipient removed``, ``sender removed`` or ``line
        ended``), ``report`` (what it carried, from its ``report``, ``what`` or
        ``content`` qualifier), ``rerouted_to`` (new flows of the same report from the
        sender or its successor), ``still_reaches`` (the sender's other flows of the
        same report, or of any report if the lost flow names none; each target
        marked member-level or not) and ``status``: ``rerouted``, ``still reaches
        others``, ``reaches nobody``, or ``sender gone`` (the sender itself is
        removed with no successor, so the report is no longer made).
    """
    successors = successors or {}
    old = {identity(f): f for f in before.facts(FLOW_RELATIONS)}
    new = {identity(f): f for f in after.facts(FLOW_RELATIONS)}
    found = []
    for ident, fact in sorted(old.items()):
        if ident in new:
            continue
        cause = ("recipient removed" if fact.object not in after else
                 "sender removed" if fact.subject not in after else "line ended")
        report = _report(fact)
        senders = {fact.subject, successors.get(fact.subject)} - {None}
        same = [f for i, f in new.items() if f.subject in senders and f.relation == fact.relation
                and (report is None or _report(f) == report)]
        moved = [f for f in same if identity(f) not in old
                 and (f.subject == fact.subject or f.object == fact.object)]
        kept = [f for f in same if identity(f) in old]
        status = ("rerouted" if moved else "still reaches others" if kept else
                  "sender gone" if cause == "sender removed" else "reaches nobody")
        found.append({
            "fact": fact.to_dict(before), "cause": cause, "report": report, "status": status,
            "rerouted_to": [_target(after, f) for f in moved],
            "still_reaches": [_target(after, f) for f in kept],
            "reaches_nobody": status == "reaches nobody",
            "reaches_member_level": any(is_member_level(after.node(f.object)) for f in same),
        })
    return found


def _target(S: GovGraph, fact: Fact) -> dict:
    node = S.node(fact.object)
    return {**node.ref(), "member_level": is_member_level(node), "fact": fact.to_dict(S)}
