"""What a chart's tooltips say: chair, members, remits and sources of a node or line.

Tooltips are plain data here; the browser builds them with ``textContent``, so a
name can never become markup.
"""

from __future__ import annotations

from govgraph.graph.model import Fact, GovGraph, Node
from govgraph.ontology.terms import RELATIONS

__all__ = ["node_info", "edge_info", "when", "source_lines"]

_MAX_ITEMS = 12
_MAX_SOURCES = 4
_COMPOSITION = {"member_led": "member-led", "officer_led": "officer-led",
                "multi_agency": "multi-agency", "independent": "independent"}


def when(valid_from: str | None, valid_to: str | None, attested=()) -> str:
    """Dates in short form: "2011-04 – 2014", "from 2011", "seen 2014-04-22"."""
    if valid_from or valid_to:
        return f"{valid_from or '…'} – {valid_to or '…'}"
    if attested:
        return "seen " + ", ".join(attested)
    return ""


def source_lines(G: GovGraph, sources, limit: int = _MAX_SOURCES) -> list[str]:
    """Sources as lines: "document title, loc: “quote”"."""
    lines = []
    for source in sources[:limit]:
        doc = G.documents.get(source.doc)
        name = doc.label if doc is not None else source.doc
        if len(name) > 70:
            name = name[:69].rstrip() + "…"
        quote = f": “{source.quote}”" if source.quote else ""
        lines.append(f"{name}, {source.loc}{quote}")
    if len(sources) > limit:
        lines.append(f"and {len(sources) - limit} more")
    return lines


def _item(G: GovGraph, fact: Fact, other: str) -> str:
    bits = [b for b in (fact.role, fact.party,
                        when(fact.valid_from, fact.valid_to, fact.attested)) if b]
    return G.label(other) + (f" ({', '.join(bits)})" if bits else "")


def _section(heading: str, items: list[str]) -> dict | None:
    if not items:
        return None
    return {"heading": heading, "items": items[:_MAX_ITEMS],
            "more": max(0, len(items) - _MAX_ITEMS)}


def node_info(G: GovGraph, node: Node) -> dict:
    """The tooltip of a node: what it is, its dates, chair, members, remits, sources."""
    out = {r: G.out_facts(node.id, [r]) for r in
           ("chaired_by", "member_of", "holds_post", "post_in", "has_remit", "accountable_for",
            "reports_to", "part_of")}
    into = {r: G.in_facts(node.id, [r]) for r in ("chaired_by", "member_of", "holds_post")}
    kind = node.props.get("kind")
    about = [node.type.lower()] + [str(kind).replace("_", " ")] * bool(kind)
    if node.props.get("composition"):
        about.append(_COMPOSITION.get(node.props["composition"], node.props["composition"]))
    if node.props.get("formal") is False:
        about.append("informal")
    if node.props.get("statutory"):
        about.append("statutory")
    chairs = [_item(G, f, f.object) for f in out["chaired_by"]]
    chairs += [_item(G, f, f.subject) for f in into["member_of"] if f.role == "chair"]
    sections = [
        _section("Chair", chairs),
        _section("Members", [_item(G, f, f.subject) for f in into["member_of"]
                             if f.role != "chair"]),
        _section("Held by", [_item(G, f, f.subject) for f in into["holds_post"]]),
        _section("Posts", [_item(G, f, f.object) for f in out["holds_post"]]),
        _section("Chairs", [_item(G, f, f.subject) for f in into["chaired_by"]]),
        _section("Seats", [_item(G, f, f.object) for f in out["member_of"]]),
        _section("Sits in", [_item(G, f, f.object) for f in out["post_in"]]),
        _section("Reports to", [_item(G, f, f.object) for f in out["reports_to"]]),
        _section("Remits", [_remit(G, f.object) for f in out["has_remit"]]),
        _section("Accountable for", [_item(G, f, f.object) for f in out["accountable_for"]]),
    ]
    return {
        "title": node.label,
        "about": " · ".join(about),
        "aliases": list(node.aliases),
        "dates": when(node.valid_from, node.valid_to),
        "sections": [s for s in sections if s],
        "sources": source_lines(G, node.sources),
        "id": node.id,
    }


def _remit(G: GovGraph, remit_id: str) -> str:
    node = G.node(remit_id)
    text = node.props.get("text") or node.label
    return text if len(text) <= 160 else text[:159].rstrip() + "…"


def edge_info(G: GovGraph, facts: list[Fact], marks: dict[str, str] | None = None) -> dict:
    """The tooltip of a line: the relation read in words, and each fact's dates and sources."""
    first = facts[0]
    marks = marks or {}
    return {
        "title": f"{G.label(first.subject)} {RELATIONS[first.relation].label} "
                 f"{G.label(first.object)}",
        "facts": [{"details": ", ".join(b for b in (
                       f.role, f.party, when(f.valid_from, f.valid_to, f.attested),
                       f"inferred from {f.inferred}" if f.inferred else None,
                       marks.get(f.key)) if b),
                   "sources": source_lines(G, f.sources)} for f in facts],
    }
