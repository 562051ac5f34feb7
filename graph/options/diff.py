"""What an option adds, removes and changes, each item with the steps behind it."""

from __future__ import annotations

from govgraph.graph.model import Fact, GovGraph
from govgraph.graph.options.apply import Scenario, scenario
from govgraph.graph.options.structure import identity
from govgraph.ontology.terms import RELATIONS

__all__ = ["diff", "scenario_diff", "fact_item"]


def diff(G: GovGraph, option) -> dict:
    """The option's changes to the baseline, as node ids and fact keys (for overlays).

    Parameters
    ----------
    G : GovGraph
        The baseline graph (the bundled data or ``--data``).
    option : Option
        The option (from :func:`govgraph.loaders.options.open_options`).

    Returns
    -------
    dict
        ``option``, ``effective`` and three lists:

        - ``added``: nodes (``{kind: "node", id, label, type, because}``) and facts
          (``{kind: "fact", key, subject, relation, object, role, because, ...}``)
          in force under the option and not in the baseline; the change events
          (renamed_to, absorbed_into) are included;
        - ``removed``: baseline nodes and facts no longer in force; a removed fact
          gives its baseline ``key`` and its ``applied_key`` (the ended version in
          the option's graph, or None if it was dropped);
        - ``changed``: nodes in force before and after whose facts changed, with
          the relations that changed (``what``).

        ``because`` lists the steps behind each item (option, step, op, rationale,
        sources).

    Raises
    ------
    OptionError
        If the option cannot be applied.
    """
    return scenario_diff(scenario(G, option))


def scenario_diff(sc: Scenario) -> dict:
    """:func:`diff` for an already applied option."""
    before, after = sc.structures()
    node_ops: dict[str, list] = {}
    fact_ops: dict[tuple, list] = {}
    for change in sc.changes:
        if change.node is not None:
            node_ops.setdefault(change.node.id, []).append(change.ref())
        else:
            fact_ops.setdefault(identity(change.fact), []).append(change.ref())
    added, removed, changed = [], [], []
    for node in sorted(after.nodes(), key=lambda n: n.id):
        if node.id not in before:
            added.append({"kind": "node", **node.ref(), "because": node_ops.get(node.id, [])})
    for node in sorted(before.nodes(), key=lambda n: n.id):
        if node.id not in after:
            removed.append({"kind": "node", **node.ref(), "because": node_ops.get(node.id, [])})
    old = {identity(f): f for f in before.facts()}
    new = {identity(f): f for f in after.facts()}
    events = {identity(c.fact): c.fact for c in sc.changes
              if c.kind == "added" and c.fact is not None and RELATIONS[c.fact.relation].change}
    for ident, fact in sorted({**new, **events}.items()):
        if ident not in old:
            added.append(fact_item(fact, sc.graph, fact_ops.get(ident, [])))
    for ident, fact in sorted(old.items()):
        if ident not in new:
            item = fact_item(fact, sc.baseline, fact_ops.get(ident, []))
            item["applied_key"] = _ended_key(sc.graph, fact)
            removed.append(item)
    touched: dict[str, set] = {}
    for ident in set(old) ^ set(new):
        for end in (ident[0], ident[2]):
            if end in before and end in after:
                touched.setdefault(end, set()).add(ident[1])
    for node_id in sorted(touched):
        node = after.node(node_id)
        because = [ref for ident in set(old) ^ set(new) if node_id in (ident[0], ident[2])
                   for ref in fact_ops.get(ident, [])]
        changed.append({"kind": "node", **node.ref(), "what": sorted(touched[node_id]),
                        "because": _unique(because)})
    return {"option": sc.option.id, "baseline": sc.option.baseline,
            "effective": sc.effective, "added": added, "removed": removed, "changed": changed}


def fact_item(fact: Fact, G: GovGraph, because: list) -> dict:
    """A fact as a diff item: its key, ends, qualifiers, sources and the steps behind it."""
    data = fact.to_dict(G)
    return {"kind": "fact", "key": fact.key, **data, "because": _unique(because)}


def _ended_key(G: GovGraph, fact: Fact) -> str | None:
    if fact.subject not in G or fact.object not in G:
        return None
    for candidate in G.out_facts(fact.subject, [fact.relation]):
        if candidate.object == fact.object and identity(candidate) == identity(fact) \
                and "ended_by" in candidate.qualifiers:
            return candidate.key
    if G.nx.has_edge(fact.subject, fact.object, fact.key):
        return fact.key  # ended only through an end node's lifecycle
    return None


def _unique(refs: list) -> list:
    seen, out = set(), []
    for ref in refs:
        marker = (ref["option"], ref["step"])
        if marker not in seen:
            seen.add(marker)
            out.append(ref)
    return out
