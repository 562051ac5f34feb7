"""The pyvis face of a chart, and the self-contained HTML file.

pyvis 0.3.2's own template links Bootstrap from a CDN and a ``../node_modules/vis``
path even with ``cdn_resources="in_line"``, so :class:`OrgChart` renders our
template instead: vis-network, the chart script and the styles are inlined, and
the data sits in a JSON block that no browser executes. The file opens offline.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network
from pyvis.options import Options

from govgraph.graph.files import write_atomic
from govgraph.graph.model import GovGraph
from govgraph.viz.styles import vis_options

__all__ = ["OrgChart", "org_chart", "chart_html", "write_chart", "asset",
           "templates_dir", "static_dir"]

def templates_dir() -> Path:
    return Path(str(resources.files("govgraph.viz") / "templates"))


def static_dir() -> Path:
    """vis-network, the chart script and its styles (the web app serves this folder)."""
    return Path(str(resources.files("govgraph.viz") / "static"))


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """A static file's text, safe to inline in a ``<script>`` or ``<style>`` element."""
    text = (static_dir() / name).read_text(encoding="utf-8")
    # A literal "</script" would end the inline element early; "<\/" reads the same in JS.
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(templates_dir())),
                       autoescape=select_autoescape(default=True, default_for_string=True))


class OrgChart(Network):
    """A pyvis Network holding an org chart; it renders with govgraph's offline template.

    ``chart`` is the :func:`~govgraph.viz.chart.chart_data` answer it was built from;
    the nodes and edges themselves are the Network's own, so changes made with
    pyvis (``add_node``, ``add_edge``) show in the HTML. In Jupyter, a chart as the
    last value of a cell renders inline.
    """

    def __init__(self, chart: dict, *, height: str = "80vh"):
        super().__init__(height=height, width="100%", directed=True, cdn_resources="in_line",
                         heading=chart["title"])
        self.chart = chart
        for node in chart["nodes"]:
            options = dict(node)
            node_id, label = options.pop("id"), options.pop("label")
            self.add_node(node_id, label=label, **options)
        for edge in chart["edges"]:
            options = dict(edge)
            self.add_edge(options.pop("from"), options.pop("to"), **options)
        self.options = vis_options(len(chart["nodes"]))

    def data(self) -> dict:
        """The chart's data as the browser gets it."""
        return {**self.chart, "nodes": self.nodes, "edges": self.edges, "options": self.options}

    def set_options(self, options: str) -> None:
        """pyvis's ``set_options``: vis-network options (JSON, or ``var options = {...}``),
        merged over the chart's own rather than replacing them."""
        self.options = _merged(self.options, Options().set(options))

    def generate_html(self, name: str = "index.html", local: bool = True,
                      notebook: bool = False) -> str:
        """The chart as one self-contained HTML document (pyvis calls this to write files)."""
        chart = self.chart
        self.html = _environment().get_template("chart.html").render(
            title=chart["title"], as_of=chart.get("as_of"), data=self.data(),
            height=self.height, generated=dt.date.today().isoformat(),
            vis_js=asset("vis-network.min.js"), chart_js=asset("chart.js"),
            chart_css=asset("chart.css"))
        return self.html

    def _repr_html_(self) -> str:
        """Jupyter's inline view: the document in a sandboxed frame."""
        return (f'<iframe srcdoc="{html.escape(self.generate_html(), quote=True)}" '
                f'style="width:100%;height:{html.escape(str(self.height))};border:0" '
                f'sandbox="allow-scripts allow-downloads allow-modals"></iframe>')


def _merged(base: dict, extra: dict) -> dict:
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = (_merged(merged[key], value) if isinstance(value, dict)
                       and isinstance(merged.get(key), dict) else value)
    return merged


def org_chart(G: GovGraph, focus: str | None = None, *, hops: int = 2,
              as_of: str | dt.date | None = None, types: Iterable[str] | None = None,
              relations: Iterable[str] | None = None,
              overlay: Mapping[str, Iterable] | None = None, base: GovGraph | None = None,
              dataset: str | None = None, around: Iterable[str] | None = None,
              max_nodes: int | None = 2000,
              title: str | None = None, height: str = "80vh") -> OrgChart:
    """An org chart as a pyvis Network (renders in Jupyter; ``write_chart`` saves it).

    Parameters are those of :func:`govgraph.viz.chart.chart_data`. ``overlay`` takes
    an option's diff, ``{added: [...], removed: [...], changed: [...]}`` of node ids
    and fact keys: added items are drawn green, removed ones red and dashed (from
    ``base``), changed ones amber.

    Raises
    ------
    NameNotFound, AmbiguousName, ChartTooLarge, ValueError
        As :func:`~govgraph.viz.select.select`.

    Examples
    --------
    >>> from govgraph.loaders import open_graph
    >>> net = org_chart(open_graph(), "CSIP", hops=1)   # doctest: +SKIP
    >>> net                                             # doctest: +SKIP
    """
    from govgraph.viz.chart import chart_data  # chart.py re-exports this module

    return OrgChart(chart_data(G, focus, hops=hops, as_of=as_of, types=types,
                               relations=relations, overlay=overlay, base=base,
                               dataset=dataset, around=around, max_nodes=max_nodes,
                               title=title),
                    height=height)


def chart_html(chart: OrgChart | dict) -> str:
    """One self-contained HTML document of a chart (an OrgChart or chart data)."""
    net = chart if isinstance(chart, OrgChart) else OrgChart(chart)
    return net.generate_html()


def write_chart(chart: OrgChart | dict, path: str | os.PathLike) -> Path:
    """Write the chart's HTML file atomically (a temporary file, then a rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, chart_html(chart))
    return target
