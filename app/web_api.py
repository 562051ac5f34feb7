"""The JSON API: the CLI's questions over HTTP, answered by the same graph functions.

Every route is a GET and thin: it checks its parameters, asks the store (or the
chart or options function) and returns the answer as JSON, cached per question.
"""

from __future__ import annotations

from typing import Annotated, Callable, Optional

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from govgraph.app.web import Explorer
from govgraph.graph.dates import parse_date
from govgraph.graph.stores.base import PROFILE_TYPES
from govgraph.ontology.terms import NODE_TYPES
from govgraph.viz.chart import chart_data

__all__ = ["router", "graph_for", "date_or_none"]

router = APIRouter(prefix="/api", tags=["api"])

Name = Annotated[str, Query(min_length=1, description="A name, alias, acronym or id.")]
AsOf = Annotated[Optional[str], Query(description="Only what holds on this date: YYYY, YYYY-MM "
                                                  "or YYYY-MM-DD.")]
OptionId = Annotated[Optional[str], Query(description="Answer under this governance option "
                                                      "(see /api/options).")]
NodeId = Annotated[str, Path(description="A node id such as kent/csip (a name works too).")]
_JSON = {200: {"content": {"application/json": {}}}}
#: Charts are large: keep only the most recent few (other answers keep 4,096).
CHARTS_KEPT = 32


def date_or_none(value: str | None) -> str | None:
    """A checked partial ISO date (raises DateError, answered with 422)."""
    return parse_date(value) if value else None


async def _answer(ex: Explorer, key: tuple, compute: Callable[[], object],
                  size: int = 4096) -> Response:
    # The memory store answers in microseconds: run it inline rather than pay for a
    # thread hop; a networked store runs in the thread pool so it never blocks the loop.
    if ex.inline:
        body = ex.cached(key, compute, size)
    else:
        body = await run_in_threadpool(ex.cached, key, compute, size)
    return Response(body, media_type="application/json")


def _ex(request: Request) -> Explorer:
    return request.app.state.explorer


@router.get("/search", responses=_JSON, summary="Find bodies, people, posts, remits by text")
async def search(request: Request,
                 q: Annotated[str, Query(min_length=1, description="Words to find.")],
                 type: Annotated[Optional[list[str]], Query(
                     description="Only these node types (repeatable).")] = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Response:
    """Nodes whose names or text contain every word, best first."""
    for t in type or ():
        if t not in NODE_TYPES:
            raise ValueError(f"unknown node type {t!r} (expected one of {', '.join(NODE_TYPES)})")
    ex = _ex(request)
    types = tuple(type) if type else None
    return await _answer(ex, ("search", q, types, limit),
                         lambda: ex.store.search(q, types=types, limit=limit))


def _profile_route(kind: str):
    types = PROFILE_TYPES.get(kind)

    async def profile(request: Request, id: NodeId, as_of: AsOf = None,
                      option: OptionId = None) -> Response:
        ex = _ex(request)
        day = date_or_none(as_of)
        return await _answer(ex, ("profile", kind, id, day, option),
                             lambda: ex.store_for(option).profile(id, types=types, as_of=day))
    return profile


for _path, _kind, _summary in (("bodies", "body", "A body: chair, members, lines, remits, sources"),
                               ("people", "person", "A person: posts over time, seats, chairs"),
                               ("posts", "post", "A post: holders over time, where it sits"),
                               ("nodes", "node", "Any node (remit, priority, meeting, ...)")):
    router.add_api_route(f"/{_path}/{{id:path}}", _profile_route(_kind), methods=["GET"],
                         responses=_JSON, summary=_summary, name=f"api_{_kind}")


@router.get("/chain", responses=_JSON, summary="The lines up from a body, or down")
async def chain(request: Request, name: Name,
                down: Annotated[bool, Query(description="Everything below instead.")] = False,
                as_of: AsOf = None, option: OptionId = None) -> Response:
    """The chain of reports_to, informs and sub_body_of lines from a body to the top."""
    ex = _ex(request)
    return await _answer(ex, ("chain", name, down, as_of, option),
                         lambda: ex.store_for(option).chain(name, down=down,
                                                            as_of=date_or_none(as_of)))


@router.get("/path", responses=_JSON, summary="Paths between two bodies, people or posts")
async def path(request: Request, a: Name, b: Name, as_of: AsOf = None,
               option: OptionId = None) -> Response:
    ex = _ex(request)
    return await _answer(ex, ("path", a, b, as_of, option),
                         lambda: ex.store_for(option).path(a, b, as_of=date_or_none(as_of)))


@router.get("/facts", responses=_JSON, summary="Every fact, or those of one relation")
async def facts(request: Request,
                relation: Annotated[Optional[str], Query(description="e.g. chaired_by")] = None,
                as_of: AsOf = None, option: OptionId = None) -> Response:
    ex = _ex(request)
    return await _answer(ex, ("facts", relation, as_of, option),
                         lambda: ex.store_for(option).facts(relation=relation,
                                                            as_of=date_or_none(as_of)))


def graph_for(ex: Explorer, *, focus: str | None, hops: int, as_of: str | None,
              option: str | None, dataset: str | None = None,
              relations: tuple[str, ...] | None = None,
              types: tuple[str, ...] | None = None, changes: bool = False) -> dict:
    """The chart data for a view; under an option, with its changes as an overlay.

    With ``changes``, an option's chart shows only what it changes and what lies
    within ``hops`` of it.
    """
    def compute() -> dict:
        day = date_or_none(as_of)
        if not option:
            return chart_data(ex.G, focus, hops=hops, as_of=day, relations=relations,
                              types=types, dataset=dataset)
        after, before, diff = ex.options.view(option)
        title = ex.options.find(option).title
        around = _changed_ids(diff) if changes and not focus else None
        return chart_data(after, focus, hops=hops, as_of=day, relations=relations, types=types,
                          dataset=dataset, overlay=diff, base=before, around=around, title=title)
    key = ("graph", focus, hops, as_of, option, dataset, relations, types, changes)
    return ex.remember(key, compute, CHARTS_KEPT)


def _changed_ids(diff: dict) -> list[str]:
    """The nodes an option's diff names: changed nodes and the ends of changed facts."""
    ids = []
    for mark in ("added", "removed", "changed"):
        for item in diff.get(mark, ()):
            if item.get("kind") == "fact":
                ids += [item["subject"]["id"], item["object"]["id"]]
            else:
                ids.append(item["id"])
    return list(dict.fromkeys(ids))


@router.get("/graph", responses=_JSON, summary="Nodes and edges for an org chart")
async def graph(request: Request,
                focus: Annotated[Optional[str], Query(description="Centre on this body, "
                                                      "post or person.")] = None,
                hops: Annotated[int, Query(ge=0, le=6, description="Steps around the focus.")] = 2,
                as_of: AsOf = None, option: OptionId = None,
                dataset: Annotated[Optional[str], Query(description="Only this dataset.")] = None,
                relation: Annotated[Optional[list[str]], Query(
                    description="Only these relations (repeatable).")] = None,
                type: Annotated[Optional[list[str]], Query(
                    description="Only these node types (repeatable).")] = None) -> Response:
    """vis-network nodes (with fixed positions) and edges, legend, filters and date range.

    Under an option, the option's structure with what it adds (green), removes (red,
    dashed) and changes (amber).
    """
    ex = _ex(request)
    relations = tuple(relation) if relation else None
    types = tuple(type) if type else None
    return await _answer(ex, ("graph-json", focus, hops, as_of, option, dataset, relations, types),
                         lambda: graph_for(ex, focus=focus, hops=hops, as_of=as_of, option=option,
                                           dataset=dataset, relations=relations, types=types),
                         CHARTS_KEPT)


@router.get("/options", responses=_JSON, summary="The governance options on offer")
async def options(request: Request) -> Response:
    ex = _ex(request)
    return await _answer(ex, ("options",), ex.options.list)


@router.get("/options/{option_id}/impact", responses=_JSON, summary="What one option changes")
async def impact(request: Request, option_id: str) -> Response:
    ex = _ex(request)
    return await _answer(ex, ("impact", option_id), lambda: ex.options.impact(option_id))


@router.get("/options/{option_id}/diff", responses=_JSON,
            summary="What an option adds, removes and changes (the chart overlay)")
async def option_diff(request: Request, option_id: str) -> Response:
    ex = _ex(request)
    return await _answer(ex, ("diff", option_id), lambda: ex.options.view(option_id)[2])


def option_ids(ids: list[str] | None) -> list[str]:
    """Option ids from ``ids=a,b`` or ``ids=a&ids=b``; at least one, each once.

    Raises
    ------
    ValueError
        If none is given.
    """
    found = [i.strip() for value in ids or () for i in value.split(",") if i.strip()]
    if not found:
        raise ValueError("give at least one option id: ids=a,b")
    return list(dict.fromkeys(found))


@router.get("/compare", responses=_JSON, summary="Options side by side")
async def compare(request: Request,
                  ids: Annotated[Optional[list[str]], Query(
                      description="Option ids, comma-separated or repeated.")] = None) -> Response:
    ex = _ex(request)
    wanted = option_ids(ids)
    return await _answer(ex, ("compare", tuple(wanted)), lambda: ex.options.compare(wanted))
