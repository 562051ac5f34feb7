"""Org charts of the governance graph: the chart data, a pyvis Network and an HTML file.

:func:`chart_data` answers ``GET /api/graph`` and feeds every chart; :func:`org_chart`
wraps it in a pyvis :class:`~pyvis.network.Network` (it renders in a Jupyter
notebook); :func:`chart_html` and :func:`write_chart` make one self-contained HTML
file that works offline.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from typing import Iterable, Mapping

from govgraph.graph.dates import period_end, period_start
from govgraph.graph.model import Fact, GovGraph, Node
from govgraph.ontology.terms import RELATIONS
from govgraph.viz.layout import layered_layout
from govgraph.viz.select import Selection, select
from govgraph.viz.styles import OVERLAY, edge_style, legend, node_style, vis_options
from govgraph.viz.tooltips import edge_info, node_info

__all__ = ["chart_data", "org_chart", "chart_html", "write_chart", "ROOT_KINDS"]

#: Bodies drawn on the top level when nothing is above them; other free-standing
#: bodies start lower, so a panel with no stated line does not sit beside the council.
ROOT_KINDS = {"council", "county_council", "district_council", "unitary_council", "cabinet",
              "full_council", "executive"}
#: Lines that put the subject below the object (a panel below what it reports to) ...
_UP = ("reports_to", "sub_body_of", "part_of", "informs", "post_in", "member_of",
       "appointed_by", "refers_to")
#: ... and lines that put the object below the subject (a chair below the body).
_DOWN = ("chaired_by", "holds_to_account", "holds_post")

_WRAP = {"Person": 14, "Post": 22, "Organisation": 16}
_BOX_WIDTH = 180      # a body's box (label 160px wide, wrapped at 20 characters)
_POST_WIDTH = 150     # a post's ellipse before it grows with its lines
_ORG_WIDTH = 130      # an organisation's database shape, as tall as it is wide
_PERSON_WIDTH = 90    # the widest label in a person's circle
_LINE = 17


def chart_data(G: GovGraph, focus: str | None = None, *, hops: int = 2,
               as_of: str | dt.date | None = None, types: Iterable[str] | None = None,
               relations: Iterable[str] | None = None,
               overlay: Mapping[str, Iterable] | None = None, base: GovGraph | None = None,
               dataset: str | None = None, around: Iterable[str] | None = None,
               max_nodes: int | None = 2000,
               title: str | None = None) -> dict:
    """The nodes, edges, legend and filters of an org chart, ready for vis-network.

    Parameters are those of :func:`govgraph.viz.select.select`; ``title`` overrides
    the chart's heading.

    Returns
    -------
    dict
        ``title``, ``as_of``, ``focus``, ``hops``, ``nodes`` (vis-network nodes with
        fixed ``x``/``y``, ``level``, ``info`` for the tooltip, ``spans`` (first and
        last day) for the date slider, ``mark`` for the overlay), ``edges`` (one per subject, relation and
        object, with the facts behind it), ``relations`` and ``kinds`` (for the
        filters, with counts), ``dates`` (the date range), ``legend`` and
        ``options`` (for vis-network).

    Raises
    ------
    NameNotFound, AmbiguousName, ChartTooLarge, ValueError
        As :func:`~govgraph.viz.select.select`.
    """
    sel = select(G, focus, hops=hops, as_of=as_of, types=types, relations=relations,
                 overlay=overlay, base=base, dataset=dataset, around=around,
                 max_nodes=max_nodes)
    nodes = [_node(sel, n) for n in sel.nodes]
    edges = _edges(sel)
    positions = _layout(sel, nodes)
    for node in nodes:
        node.update(positions[node["id"]])
    spans = [s for item in (*nodes, *edges) for s in item["spans"]]
    bounds = [day for span in spans for day in span if day]
    heading = title or (f"{sel.focus.label}: {hops} step{'s' * (hops != 1)} around"
                        if sel.focus else "Governance structure")
    return {
        "title": heading,
        "as_of": str(as_of) if as_of else None,
        "focus": sel.focus.ref() if sel.focus else None,
        "hops": hops if sel.focus else None,
        "nodes": nodes,
        "edges": edges,
        "relations": [{"name": r, "label": RELATIONS[r].label, "count": c}
                      for r, c in _in_order(Counter(e["relation"] for e in edges))],
        "kinds": [{"name": k, "count": c}
                  for k, c in sorted(Counter(n["kind"] for n in nodes).items())],
        "dates": {"min": min(bounds), "max": max(bounds)} if bounds else None,
        "legend": legend({n["type"] for n in nodes},
                         {n["composition"] for n in nodes if n["type"] == "Body"},
                         {e["relation"] for e in edges}, overlay=bool(sel.marks)),
        "options": vis_options(len(nodes)),
    }


def _in_order(counts: Counter) -> list[tuple[str, int]]:
    return [(r, counts[r]) for r in RELATIONS if r in counts]


def _node(sel: Selection, node: Node) -> dict:
    mark = sel.marks.get(node.id)
    composition = node.props.get("composition")
    label = _wrap(node.label, _WRAP.get(node.type, 20))
    if mark:
        label = OVERLAY[mark]["prefix"] + label
    style = node_style(node.type, composition, mark)
    style["widthConstraint"] = dict(_WIDTH_CONSTRAINT[node.type])
    return {
        "id": node.id, "label": label, "name": node.label, "aliases": list(node.aliases),
        "type": node.type, "kind": _kind(node), "composition": composition,
        "dataset": node.dataset, "mark": mark,
        "spans": [_span(node.valid_from, node.valid_to, ())],
        "info": node_info(sel.G, node),
        **style,
    }


_WIDTH_CONSTRAINT = {
    "Body": {"minimum": _BOX_WIDTH - 20, "maximum": _BOX_WIDTH - 20},
    "Post": {"minimum": _POST_WIDTH, "maximum": _POST_WIDTH},
    "Organisation": {"minimum": _ORG_WIDTH - 16, "maximum": _ORG_WIDTH - 16},
    "Person": {"maximum": _PERSON_WIDTH},
}


def _kind(node: Node) -> str:
    """What the kind filter calls a node: a body's kind, or its type."""
    if node.type == "Body":
        return node.props.get("kind") or "body"
    return node.type.lower()


def _wrap(label: str, width: int, lines: int = 4) -> str:
    """A label broken into short lines (at most ``lines``; the full name is in the tooltip)."""
    wrapped = textwrap.wrap(label, width=width, break_long_words=True) or [label]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][:width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def _span(valid_from: str | None, valid_to: str | None,
          attested: tuple[str, ...]) -> list[str | None]:
    """The days an item holds, as [first, last] ISO dates (None: not bounded)."""
    if not valid_from and not valid_to and attested:
        valid_from, valid_to = min(attested, key=period_start), max(attested, key=period_end)
    return [period_start(valid_from).isoformat() if valid_from else None,
            period_end(valid_to).isoformat() if valid_to else None]


def _edges(sel: Selection) -> list[dict]:
    """One edge per subject, relation and object; the facts behind it go in its tooltip."""
    grouped: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in sel.facts:
        grouped.setdefault((fact.subject, fact.relation, fact.object), []).append(fact)
    edges = []
    for (subject, relation, obj), facts in grouped.items():
        found = {sel.marks.get(f.key) for f in facts} - {None}
        mark = next((m for m in ("removed", "added", "changed") if m in found), None)
        style = edge_style(relation, mark)
        if RELATIONS[relation].symmetric:
            style["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        edges.append({
            "id": f"{subject}|{relation}|{obj}", "from": subject, "to": obj,
            "relation": relation, "mark": mark,
            "spans": [_span(f.valid_from, f.valid_to, f.attested) for f in facts],
            "info": edge_info(sel.G, facts, sel.marks),
            **style,
        })
    return edges


def _layout(sel: Selection, nodes: list[dict]) -> dict[str, dict]:
    """Fixed positions: levels by the lines up, councils and cabinets on top."""
    up = []
    for relations in (("reports_to", "sub_body_of"), _UP, _DOWN):
        for fact in sel.facts:
            if fact.relation not in relations:
                continue
            if fact.relation in _DOWN:
                # A chair or post holder sits below; a body held to account stays put.
                if sel.G.node(fact.object).type in ("Person", "Post"):
                    up.append((fact.object, fact.subject))
            else:
                up.append((fact.subject, fact.object))
    sizes = {n["id"]: _size(n) for n in nodes}
    root_level = {n["id"]: _root_level(n) for n in nodes}
    order = {n["id"]: (n["dataset"] or "", n["type"] != "Organisation", n["name"]) for n in nodes}
    return layered_layout([n["id"] for n in nodes], up, sizes=sizes, root_level=root_level,
                          order=order)


def _root_level(node: dict) -> int:
    if node["type"] == "Organisation" or node["kind"] in ROOT_KINDS:
        return 0
    if node["type"] == "Body":
        return 1
    return 2


def _size(node: dict) -> tuple[float, float]:
    """The box a node takes on the canvas, a little generous so boxes never touch.

    Measured from vis-network 9.1 at font size 13 (the browser test checks that no
    two boxes overlap): a box is its label width plus margins and 13px a line; an
    ellipse grows 13px wider and 26px taller a line; a database is square; a
    circle's diameter is its longest line (or its height).
    """
    lines = node["label"].count("\n") + 1
    if node["type"] == "Person":
        longest = max(len(line) for line in node["label"].split("\n"))
        diameter = max(longest * 7.5, lines * _LINE) + 24
        return max(diameter, 60.0) + 6, max(diameter, 60.0) + 6
    if node["type"] == "Organisation":
        return _ORG_WIDTH + 20, _ORG_WIDTH + 20
    if node["type"] == "Post":
        lines += 1  # one spare line: vis may wrap once more
        return _POST_WIDTH + 18 + 13 * lines, 26 * lines + 6
    return _BOX_WIDTH + 8, 13 * lines + 28 + 13  # one spare line: vis may wrap once more


# The pyvis Network and the HTML file live in network.py; re-exported here so
# `from govgraph.viz.chart import org_chart` is the one import a user needs.
from govgraph.viz.network import chart_html, org_chart, write_chart  # noqa: E402
