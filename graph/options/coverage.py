"""Impact on remits: which member-level bodies cover each topic, and remits with no home."""

from __future__ import annotations

from govgraph.graph.model import GovGraph, Node
from govgraph.graph.options.structure import is_member_level

__all__ = ["remit_coverage", "topics_of"]


def topics_of(remit: Node) -> list[str]:
    """A remit's topics, folded to lower case."""
    return sorted({str(t).strip().lower() for t in remit.props.get("topics") or [] if t})


def _homes(S: GovGraph) -> dict[str, list]:
    """Each remit's bodies (with the has_remit facts), by remit id."""
    homes: dict[str, list] = {r.id: [] for r in S.nodes("Remit")}
    for fact in S.facts("has_remit"):
        if fact.object in homes:
            homes[fact.object].append(fact)
    return homes


def _by_topic(S: GovGraph, homes: dict[str, list]) -> dict[str, dict[str, set]]:
    covered: dict[str, dict[str, set]] = {}
    for remit in S.nodes("Remit"):
        for topic in topics_of(remit):
            entry = covered.setdefault(topic, {"member": set(), "all": set()})
            for fact in homes[remit.id]:
                entry["all"].add(fact.subject)
                if is_member_level(S.node(fact.subject)):
                    entry["member"].add(fact.subject)
    return covered


def remit_coverage(before: GovGraph, after: GovGraph) -> dict:
    """Remit coverage by topic before and after, and the remits left with no home.

    Returns
    -------
    dict
        ``topics``: one entry per topic ``{topic, before, after, status}`` where
        before/after list the member-level bodies with a remit on the topic and
        status is ``kept``, ``gained``, ``lost`` (member-level cover before, none
        after), ``widened`` (more bodies), ``narrowed`` (fewer), ``moved`` (other
        bodies) or ``none``; ``homeless_before`` and
        ``homeless_after`` (remit ids with no body); ``left_without_home``: each
        remit that had a body and has none, with its text, topics, sources and the
        has_remit facts it loses; ``rehomed``: remits whose bodies changed.
    """
    homes = {"before": _homes(before), "after": _homes(after)}
    covered = {"before": _by_topic(before, homes["before"]),
               "after": _by_topic(after, homes["after"])}
    topics = []
    for topic in sorted(set(covered["before"]) | set(covered["after"])):
        was = covered["before"].get(topic, {}).get("member", set())
        now = covered["after"].get(topic, {}).get("member", set())
        status = ("none" if not was and not now else "gained" if not was else
                  "lost" if not now else "kept" if was == now else
                  "widened" if was < now else "narrowed" if now < was else "moved")
        topics.append({"topic": topic, "status": status,
                       "before": [before.node(b).ref() for b in sorted(was)],
                       "after": [after.node(b).ref() for b in sorted(now)],
                       "all_before": len(covered["before"].get(topic, {}).get("all", ())),
                       "all_after": len(covered["after"].get(topic, {}).get("all", ()))})
    left, rehomed = [], []
    for remit_id, facts in sorted(homes["before"].items()):
        now = homes["after"].get(remit_id, [])
        if facts and not now:
            remit = before.node(remit_id)
            left.append({"remit": {**remit.ref(), "text": remit.props.get("text"),
                                   "topics": topics_of(remit),
                                   "sources": [s.to_dict() for s in remit.sources]},
                         "had": [f.to_dict(before) for f in facts]})
        elif facts and {f.subject for f in facts} != {f.subject for f in now}:
            rehomed.append({"remit": before.node(remit_id).ref(),
                            "from": [before.node(f.subject).ref() for f in facts],
                            "to": [f.to_dict(after) for f in now]})
    return {"topics": topics,
            "homeless_before": sorted(r for r, f in homes["before"].items() if not f),
            "homeless_after": sorted(r for r, f in homes["after"].items() if not f),
            "left_without_home": left, "rehomed": rehomed}
