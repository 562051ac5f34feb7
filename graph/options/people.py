"""Impact on people and posts: seats and chairs gained and lost, and concentration.

Seats are held by people or by posts (a seat defined by post, "the Cabinet Lead
Member"); both are counted as the agent that holds them. Concentration looks for
the patterns the Ofsted framework warns against ("a clear distinction between
political, strategic and operational roles"): many seats or chairs in one pair of
hands, one agent chairing several bodies on one line of accountability, and an
executive member sitting on a body that oversees their own portfolio.
"""

from __future__ import annotations

import networkx as nx

from govgraph.graph.model import Fact, GovGraph
from govgraph.graph.options.structure import (OVERSEES, is_executive, is_member_level,
                                              oversight_graph)

__all__ = ["seats", "people_impact", "concentration"]


def seats(S: GovGraph) -> dict[str, dict[str, dict[str, list[Fact]]]]:
    """Each person's or post's seats and chairs: ``{agent: {"seats": {body: facts},
    "chairs": {...}}}``. A body in another body's chair is not a person or post: it is
    left out."""
    found: dict[str, dict] = {}

    def add(agent: str, body: str, fact: Fact, chair: bool) -> None:
        entry = found.setdefault(agent, {"seats": {}, "chairs": {}})
        entry["seats"].setdefault(body, []).append(fact)
        if chair:
            entry["chairs"].setdefault(body, []).append(fact)

    for fact in S.facts("member_of"):
        add(fact.subject, fact.object, fact, fact.role in ("chair",))
    for fact in S.facts("chaired_by"):
        if S.node(fact.object).type in ("Person", "Post"):
            add(fact.object, fact.subject, fact, True)
    return found


def _agent(S: GovGraph, agent: str, entry: dict | None) -> dict:
    entry = entry or {"seats": {}, "chairs": {}}
    return {**S.node(agent).ref(), "seats": len(entry["seats"]), "chairs": len(entry["chairs"])}


def people_impact(before: GovGraph, after: GovGraph) -> list[dict]:
    """Seats and chairs gained and lost per person or post, with the facts behind them."""
    old, new = seats(before), seats(after)
    rows = []
    for agent in sorted(set(old) | set(new)):
        was, now = old.get(agent, {"seats": {}, "chairs": {}}), new.get(agent, {"seats": {}, "chairs": {}})
        changes = {}
        for kind in ("seats", "chairs"):
            for label, a, b, S in (("gained", now, was, after), ("lost", was, now, before)):
                diff = sorted(set(a[kind]) - set(b[kind]))
                if diff:
                    changes[f"{kind}_{label}"] = [
                        {**S.node(body).ref(), "facts": [f.to_dict(S) for f in a[kind][body]]}
                        for body in diff]
        if changes:
            graph = after if agent in after else before
            rows.append({"agent": graph.node(agent).ref(),
                         "before": {"seats": len(was["seats"]), "chairs": len(was["chairs"])},
                         "after": {"seats": len(now["seats"]), "chairs": len(now["chairs"])},
                         **changes})
    return rows


def concentration(S: GovGraph, top: int = 5) -> dict:
    """Where seats and chairs concentrate in one structure.

    Returns
    -------
    dict
        ``most_seats`` and ``most_chairs`` (the top agents), ``max_seats``,
        ``max_chairs``, ``chairs_on_one_line`` (an agent chairing two bodies one of
        which answers, directly or not, to the other; with the seat facts and the
        route) and ``executive_oversight`` (an executive post, or its holder,
        sitting on or chairing a body that scrutinises or holds to account that
        post, its holder, what the post is accountable for or the service it sits
        in; with the facts).
    """
    table = seats(S)
    rows = [_agent(S, a, e) for a, e in table.items()]
    D = oversight_graph(S)
    on_line = []
    for agent, entry in sorted(table.items()):
        chaired = sorted(entry["chairs"])
        for i, low in enumerate(chaired):
            for high in chaired[i + 1:]:
                for a, b in ((low, high), (high, low)):
                    if a in D and b in D and nx.has_path(D, a, b):
                        route = nx.shortest_path(D, a, b)
                        on_line.append({
                            "agent": S.node(agent).ref(), "lower": S.node(a).ref(),
                            "upper": S.node(b).ref(),
                            "facts": [f.to_dict(S) for f in entry["chairs"][a] + entry["chairs"][b]]
                            + [D[x][y]["facts"][0].to_dict(S) for x, y in zip(route, route[1:])]})
    return {"most_seats": sorted(rows, key=lambda r: (-r["seats"], r["label"]))[:top],
            "most_chairs": sorted(rows, key=lambda r: (-r["chairs"], r["label"]))[:top],
            "max_seats": max((r["seats"] for r in rows), default=0),
            "max_chairs": max((r["chairs"] for r in rows), default=0),
            "chairs_on_one_line": on_line,
            "executive_oversight": _executive_oversight(S, table)}


def _executive_oversight(S: GovGraph, table: dict) -> list[dict]:
    found = []
    for post in S.nodes("Post"):
        if not is_executive(post):
            continue
        holders = [f for f in S.in_facts(post.id, ["holds_post"])]
        # The portfolio: the post, its holders, what it is accountable for, and the
        # service it sits in (not a council or cabinet: every member sits in those).
        portfolio = {post.id} | {f.subject for f in holders} | \
            {f.object for f in S.out_facts(post.id, ["accountable_for"])} | \
            {f.object for f in S.out_facts(post.id, ["post_in"])
             if S.node(f.object).type == "Body" and not is_member_level(S.node(f.object))}
        for body in S.nodes("Body"):
            oversight = [f for f in S.out_facts(body.id, OVERSEES) if f.object in portfolio]
            if not oversight:
                continue
            for agent in [post.id] + [f.subject for f in holders]:
                seat = table.get(agent, {"seats": {}})["seats"].get(body.id)
                if seat:
                    found.append({
                        "post": post.ref(), "agent": S.node(agent).ref(), "body": body.ref(),
                        "chairs": body.id in table[agent]["chairs"],
                        "facts": [f.to_dict(S) for f in seat + oversight
                                  + [h for h in holders if h.subject == agent]]})
    return found
