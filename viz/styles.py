"""How a chart looks: node shape and colour by type and composition, edge style by relation.

One table per concern, so the chart, its legend and the docs read from the same place.
Colours avoid pure green, red and amber for structure: those mark an option overlay.
"""

from __future__ import annotations

from govgraph.ontology.terms import RELATIONS

__all__ = ["CHART_TYPES", "COMPOSITIONS", "EDGE_STYLES", "OVERLAY", "TYPE_STYLES", "legend",
           "node_style", "edge_style", "vis_options"]

#: The node types a chart draws; remits, priorities and sources go in tooltips instead.
CHART_TYPES = ("Organisation", "Body", "Post", "Person")

#: Body colours by composition (border, fill), with the legend's words.
COMPOSITIONS = {
    "member_led": ("#1d4ed8", "#dbeafe", "member-led"),
    "officer_led": ("#a21caf", "#fae8ff", "officer-led"),
    "multi_agency": ("#6d28d9", "#ede9fe", "multi-agency"),
    "independent": ("#0f766e", "#ccfbf1", "independent"),
    None: ("#4b5563", "#f3f4f6", "composition not stated"),
}

#: Shape and colours by node type. Shapes keep the label inside, so sizes are predictable.
TYPE_STYLES = {
    "Organisation": {"shape": "database", "border": "#111827", "fill": "#374151",
                     "font": "#ffffff", "legend": "organisation"},
    "Body": {"shape": "box", "border": None, "fill": None, "font": "#111827", "legend": "body"},
    "Post": {"shape": "ellipse", "border": "#334155", "fill": "#f8fafc", "font": "#111827",
             "legend": "post"},
    "Person": {"shape": "circle", "border": "#475569", "fill": "#ffffff", "font": "#111827",
               "legend": "person"},
}

#: Edge style by relation: colour, dash pattern (False for solid), width, arrow head.
#: A relation added to the schema and not listed here is drawn plain grey.
EDGE_STYLES = {
    "reports_to": ("#111827", False, 2.5, "arrow"),
    "sub_body_of": ("#4b5563", False, 1.5, "arrow"),
    "part_of": ("#9ca3af", False, 1.0, "arrow"),
    "informs": ("#2563eb", [8, 5], 1.5, "arrow"),
    "refers_to": ("#7c3aed", [2, 4], 1.5, "arrow"),
    "aligned_with": ("#0d9488", [10, 4, 2, 4], 1.5, None),
    "scrutinises": ("#be185d", False, 1.5, "diamond"),
    "holds_to_account": ("#9f1239", [6, 3], 1.5, "bar"),
    "chaired_by": ("#0f766e", False, 2.0, "arrow"),
    "member_of": ("#94a3b8", False, 1.0, "arrow"),
    "holds_post": ("#475569", [3, 3], 1.0, "arrow"),
    "post_in": ("#64748b", False, 1.0, "arrow"),
    "appointed_by": ("#6b7280", [1, 4], 1.0, "arrow"),
    "absorbed_into": ("#78350f", [12, 6], 1.5, "vee"),
    "succeeded_by": ("#78350f", [12, 6], 1.5, "vee"),
    "renamed_to": ("#78350f", [4, 4], 1.5, "vee"),
    "represented_on": ("#0e7490", [3, 3], 1.2, "circle"),
    "works_with": ("#57534e", [10, 4, 2, 4, 2, 4], 1.2, None),
}
_DEFAULT_EDGE = ("#6b7280", False, 1.0, "arrow")

#: Option overlay marks: colour, dashes, width and a label prefix (not colour alone).
OVERLAY = {
    "added": {"color": "#15803d", "dashes": False, "width": 4, "prefix": "+ ", "legend": "added"},
    "removed": {"color": "#dc2626", "dashes": [6, 4], "width": 3, "prefix": "− ",
                "legend": "removed"},
    "changed": {"color": "#d97706", "dashes": False, "width": 4, "prefix": "~ ",
                "legend": "changed"},
}


def node_style(node_type: str, composition: str | None, overlay: str | None = None) -> dict:
    """vis-network node options for a node of this type and composition.

    Raises
    ------
    KeyError
        If ``node_type`` is not one of :data:`CHART_TYPES`.
    """
    style = TYPE_STYLES[node_type]
    border, fill = style["border"], style["fill"]
    if node_type == "Body":
        border, fill, _ = COMPOSITIONS.get(composition, COMPOSITIONS[None])
    options = {
        "shape": style["shape"],
        "color": {"border": border, "background": fill,
                  "highlight": {"border": "#000000", "background": fill}},
        "font": {"color": style["font"], "size": 13, "face": "Arial, Helvetica, sans-serif"},
        "borderWidth": 1.5, "margin": 8,
    }
    mark = OVERLAY.get(overlay or "")
    if mark:
        options["color"]["border"] = mark["color"]
        options["borderWidth"] = mark["width"]
        options["shapeProperties"] = {"borderDashes": mark["dashes"]}
    return options


def edge_style(relation: str, overlay: str | None = None) -> dict:
    """vis-network edge options for a relation (and an overlay mark, if any)."""
    color, dashes, width, arrow = EDGE_STYLES.get(relation, _DEFAULT_EDGE)
    if RELATIONS[relation].symmetric:
        arrow = None
    mark = OVERLAY.get(overlay or "")
    if mark:
        color, width = mark["color"], max(width, mark["width"] - 1)
        dashes = mark["dashes"] or dashes
    # Selected or hovered lines keep their colour (black would read as reports_to) and
    # only grow wider.
    options = {"color": {"color": color, "highlight": color, "hover": color, "inherit": False},
               "dashes": dashes, "width": width,
               "arrows": {"to": {"enabled": arrow is not None, "type": arrow or "arrow",
                                 "scaleFactor": 0.6}}}
    return options


def legend(node_types: set[str], compositions: set[str | None], relations: set[str],
           overlay: bool = False) -> dict:
    """The legend entries for what a chart shows: node kinds, edge kinds, overlay marks."""
    nodes = []
    for node_type in CHART_TYPES:
        if node_type not in node_types:
            continue
        if node_type == "Body":
            for composition, (border, fill, words) in COMPOSITIONS.items():
                if composition in compositions:
                    nodes.append({"label": f"body, {words}", "shape": "box",
                                  "border": border, "fill": fill})
        else:
            style = TYPE_STYLES[node_type]
            nodes.append({"label": style["legend"], "shape": style["shape"],
                          "border": style["border"], "fill": style["fill"]})
    edges = []
    for relation in RELATIONS:
        if relation in relations:
            color, dashes, width, arrow = EDGE_STYLES.get(relation, _DEFAULT_EDGE)
            edges.append({"relation": relation, "label": RELATIONS[relation].label,
                          "color": color, "dashes": dashes or [], "width": width, "arrow": arrow})
    marks = ([{"mark": k, "label": v["legend"], "color": v["color"], "dashes": v["dashes"] or []}
              for k, v in OVERLAY.items()] if overlay else [])
    return {"nodes": nodes, "edges": edges, "overlay": marks}


#: Above this many nodes, curves and edge drawing during a drag cost too much.
_LARGE = 800


def vis_options(node_count: int) -> dict:
    """vis-network options: positions are fixed, so no physics and no layout pass."""
    large = node_count > _LARGE
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": large, "hideEdgesOnZoom": large, "multiselect": False},
        "nodes": {"font": {"multi": False}},
        "edges": {"smooth": False if large else
                  {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical",
                   "roundness": 0.45},
                  "font": {"size": 11}},
    }
