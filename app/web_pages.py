"""The HTML pages: search, body, person and post pages, chain, path, facts, chart, options.

Pages ask the same store and chart functions as the API; the templates only lay out
the answers (and Jinja escapes every name).
"""

from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from govgraph.app.option_views import OptionsUnavailable
from govgraph.app.web import PAGE_PREFIX, Explorer, error_body
from govgraph.app.web_api import date_or_none, graph_for, option_ids
from govgraph.graph.stores.base import PROFILE_TYPES
from govgraph.viz.select import ChartTooLarge

__all__ = ["router", "chain_tree"]

router = APIRouter(include_in_schema=False)

_CHARTED = ("Body", "Organisation", "Post", "Person")
#: The home page lists every body up to this many.
HOME_BODIES = 600


def _render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context,
                                                        status_code=status)


def _ex(request: Request) -> Explorer:
    return request.app.state.explorer


def _links() -> dict:
    return {t: prefix for t, prefix in PAGE_PREFIX.items()}


def _chart(ex: Explorer, **view) -> tuple[dict | None, str | None]:
    """Chart data with page links, or why there is none (too large: focus instead)."""
    try:
        data = graph_for(ex, **view)
    except ChartTooLarge as exc:
        return None, str(exc)
    return {**data, "links": _links()}, None


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    ex = _ex(request)
    bodies: dict[str, list[dict]] = {}
    listed = list(ex.G.nodes("Body"))
    if len(listed) > HOME_BODIES:  # national data: search and the dataset table instead
        listed = []
    for node in sorted(listed, key=lambda n: n.label.lower()):
        bodies.setdefault(node.dataset or "", []).append(
            {**node.ref(), "kind": (node.props.get("kind") or "").replace("_", " ")})
    return _render(request, "home.html", summary=ex.summary, bodies=dict(sorted(bodies.items())))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    results = _ex(request).store.search(q) if q.strip() else []
    return _render(request, "search.html", q=q, results=results)


def _node_page(kind: str):
    def page(request: Request, id: str, as_of: Optional[str] = None) -> HTMLResponse:
        ex = _ex(request)
        day = date_or_none(as_of)
        result = ex.store.profile(id, types=PROFILE_TYPES.get(kind), as_of=day)
        node = result["node"]
        context = {"result": result, "node": node, "as_of": day, "kind": kind}
        if node["type"] in ("Body", "Organisation"):
            context["up"] = ex.store.chain(node["id"], as_of=day)
            context["down"] = ex.store.chain(node["id"], down=True, as_of=day)
        if node["type"] in _CHARTED:
            context["chart"], context["chart_problem"] = _chart(
                ex, focus=node["id"], hops=1, as_of=as_of, option=None)
        return _render(request, "node.html", **context)
    return page


for _path, _kind in (("bodies", "body"), ("people", "person"), ("posts", "post"),
                     ("nodes", "node")):
    router.add_api_route(f"/{_path}/{{id:path}}", _node_page(_kind), methods=["GET"],
                         response_class=HTMLResponse, name=f"page_{_kind}")


def chain_tree(result: dict) -> dict:
    """A chain answer as a tree from its start; a node reached twice is expanded once."""
    down = result["direction"] == "down"
    below: dict[str, list[dict]] = {}
    for step in result["steps"]:
        here, there = step["subject"], step["object"]
        if down:
            here, there = there, here
        below.setdefault(here["id"], []).append({"step": step, "node": there})
    expanded: set[str] = set()

    def grow(node: dict) -> dict:
        expanded.add(node["id"])
        children = []
        for item in below.get(node["id"], []):
            again = item["node"]["id"] in expanded
            children.append({**item, "again": again,
                             "tree": None if again else grow(item["node"])})
        return {"node": node, "children": children}

    return grow(result["start"])


@router.get("/chain", response_class=HTMLResponse)
def chain(request: Request, name: str = "", down: bool = False, as_of: Optional[str] = None,
          option: Optional[str] = None) -> HTMLResponse:
    ex = _ex(request)
    result = tree = None
    if name.strip():
        result = ex.store_for(option).chain(name, down=down, as_of=date_or_none(as_of))
        tree = chain_tree(result)
    return _render(request, "chain.html", name=name, down=down, as_of=as_of or "",
                   option=option or "", result=result, tree=tree)


@router.get("/path", response_class=HTMLResponse)
def path(request: Request, a: str = "", b: str = "", as_of: Optional[str] = None) -> HTMLResponse:
    result = None
    if a.strip() and b.strip():
        result = _ex(request).store.path(a, b, as_of=date_or_none(as_of))
    return _render(request, "path.html", a=a, b=b, as_of=as_of or "", result=result)


@router.get("/facts", response_class=HTMLResponse)
def facts(request: Request, relation: Optional[str] = None,
          as_of: Optional[str] = None) -> HTMLResponse:
    relation = relation or None
    result = _ex(request).store.facts(relation=relation, as_of=date_or_none(as_of))
    return _render(request, "facts.html", relation=relation or "", as_of=as_of or "",
                   facts=result)


@router.get("/chart", response_class=HTMLResponse)
def chart(request: Request, focus: Optional[str] = None,
          hops: Annotated[int, Query(ge=0, le=6)] = 2, as_of: Optional[str] = None,
          dataset: Optional[str] = None, option: Optional[str] = None) -> HTMLResponse:
    ex = _ex(request)
    focus, dataset, option = focus or None, dataset or None, option or None
    data, problem = _chart(ex, focus=focus, hops=hops, as_of=as_of, option=option,
                           dataset=dataset)
    return _render(request, "chart.html", chart=data, problem=problem, focus=focus or "",
                   hops=hops, as_of=as_of or "", dataset=dataset or "", option=option or "",
                   datasets=sorted(ex.summary["datasets"]), options=_options_or_none(ex))


def _options_or_none(ex: Explorer) -> list[dict] | None:
    try:
        return ex.options.list()
    except OptionsUnavailable:
        return None


@router.get("/options", response_class=HTMLResponse)
def options(request: Request,
            ids: Annotated[Optional[list[str]], Query()] = None) -> HTMLResponse:
    ex = _ex(request)
    try:
        listed = ex.options.list()
    except OptionsUnavailable as exc:
        status, body = error_body(exc)
        return _render(request, "options.html", status=status, unavailable=body["message"],
                       listed=[], chosen=[], comparison=None, charts=[])
    chosen = option_ids(ids) if ids else []
    comparison = ex.options.compare(chosen) if chosen else None
    charts = []
    for option_id in chosen:
        title = ex.options.find(option_id).title
        data, problem = _chart(ex, focus=None, hops=0, as_of=None, option=option_id,
                               changes=True)
        charts.append({"id": option_id, "title": title, "chart": data, "problem": problem})
    return _render(request, "options.html", unavailable=None, listed=listed, chosen=chosen,
                   comparison=comparison, charts=charts)
