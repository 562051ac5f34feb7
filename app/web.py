"""The govgraph web explorer: a read-only FastAPI app over the same store as the CLI.

``create_app`` loads the data once (through :func:`govgraph.app.context.open_store`,
as every CLI command does) and serves a JSON API under ``/api`` (OpenAPI at
``/docs``) and HTML pages for people. Nothing writes: every route is a GET.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from functools import cached_property
from importlib import resources
from pathlib import Path
from threading import Lock
from typing import Callable, Sequence
from urllib.parse import parse_qsl, quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
import fastapi_offline
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from govgraph.app.context import StoreUnavailable, open_baseline, open_store
from govgraph.app.option_views import Options, OptionsUnavailable
from govgraph.graph.dates import DateError
from govgraph.graph.model import GovGraph, UnknownNode
from govgraph.graph.names import AmbiguousName, NameNotFound
from govgraph.graph.stores.base import Store
from govgraph.graph.stores.memory import MemoryStore
from govgraph.ontology.terms import RELATIONS
from govgraph.viz.network import static_dir as viz_static_dir
from govgraph.viz.network import templates_dir as viz_templates_dir

__all__ = ["create_app", "Explorer", "OptionStoreUnavailable", "node_url", "error_body"]

#: Content Security Policy: scripts only from this server (chart data sits in
#: non-executable JSON blocks), images from here or data: URLs (the PNG export).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; "
       "form-action 'self'")
class OptionStoreUnavailable(OptionsUnavailable):
    """Queries under an option need a store that can apply it."""


class Explorer:
    """What the app serves: the store, the baseline graph, the options; loaded once.

    Query answers are cached (the data never changes while the app runs), so a
    repeated question, the common case for the chain endpoint, costs one lookup.
    """

    def __init__(self, data: Sequence[Path] | None = None, store: str | Store | None = None):
        self.data = list(data) if data else None
        self.store_name = store if store is None or isinstance(store, str) else None
        self.store: Store = (open_store(self.data, store) if store is None or isinstance(store, str)
                             else store)
        # The memory store already holds the graph; only another store needs its own copy
        # for the charts and options.
        self.G: GovGraph = self.store.G if isinstance(self.store, MemoryStore) \
            else open_baseline(self.data)
        self.options = Options(self.G, self.data)
        self.inline = isinstance(self.store, MemoryStore)
        self._stores: dict[str, Store] = {}
        self._caches: dict[str, OrderedDict] = {}
        self._lock = Lock()

    def store_for(self, option: str | None) -> Store:
        """The store to answer from: the baseline's, or one under an option."""
        if not option:
            return self.store
        if option not in self._stores:
            self.options.find(option)  # an unknown id is a 404 with suggestions
            try:
                self._stores[option] = open_store(self.data, self.store_name, option)
            except StoreUnavailable as exc:
                raise OptionStoreUnavailable(
                    f"queries under an option are not available yet: {exc}") from None
        return self._stores[option]

    def remember(self, key: tuple, compute: Callable[[], object], size: int = 4096):
        """An answer, computed once per key; each kind of answer (``key[0]``) keeps its
        ``size`` most recently used.

        Answers are shared: callers must not change them.
        """
        with self._lock:
            cache = self._caches.setdefault(key[0], OrderedDict())
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        value = compute()
        with self._lock:
            cache[key] = value
            while len(cache) > size:
                cache.popitem(last=False)
        return value

    def peek(self, key: tuple) -> bytes | None:
        """The JSON already encoded for a key, if any (see :class:`AnswerCache`)."""
        full = (f"json:{key[0]}", *key[1:])
        with self._lock:
            cache = self._caches.get(full[0])
            if cache is None or full not in cache:
                return None
            cache.move_to_end(full)
            return cache[full]

    def cached(self, key: tuple, compute: Callable[[], object], size: int = 4096) -> bytes:
        """The JSON of an answer, computed and encoded once per key."""
        return self.remember((f"json:{key[0]}", *key[1:]), lambda: json.dumps(
            compute(), ensure_ascii=False, separators=(",", ":")).encode(), size)

    @cached_property
    def summary(self) -> dict:
        """Counts for the home page: datasets, and nodes by type."""
        datasets: dict[str, dict[str, int]] = {}
        for node in self.G.nodes():
            if node.type != "Document":
                counts = datasets.setdefault(node.dataset or "(none)", {})
                counts[node.type] = counts.get(node.type, 0) + 1
        return {"datasets": dict(sorted(datasets.items())),
                "facts": self.G.nx.number_of_edges()}


#: Where each node type's page lives.
PAGE_PREFIX = {"Body": "/bodies/", "Organisation": "/bodies/", "Person": "/people/",
               "Post": "/posts/"}


def node_url(ref: dict) -> str:
    """The page of a node (``{id, type}``); ids keep their slashes."""
    return PAGE_PREFIX.get(ref.get("type"), "/nodes/") + quote(ref["id"], safe="/")


def templates() -> Jinja2Templates:
    """The page templates (app/templates), able to include the chart's (viz/templates)."""
    env = Environment(loader=ChoiceLoader([
        FileSystemLoader(str(resources.files("govgraph.app") / "templates")),
        FileSystemLoader(str(viz_templates_dir()))]),
        autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(node_url=node_url, relations=RELATIONS)
    return Jinja2Templates(env=env)


def create_app(data: Sequence[Path] | None = None, store: str | Store | None = None) -> FastAPI:
    """The web explorer over the bundled data (or ``data``) and a store.

    Parameters
    ----------
    data : folders, optional
        Dataset folders, as ``--data`` (default: the bundled data).
    store : str or Store, optional
        ``memory`` (default) or a Bolt URI, as ``--store``; or a store object.

    Raises
    ------
    RegisterError, StoreUnavailable
        If the data cannot be loaded or the store opened (at start, not per request).
    """
    from govgraph.app import web_api, web_pages  # they import this module's names

    explorer = Explorer(data, store)
    app = FastAPI(
        title="govgraph",
        summary="Public-sector governance as a graph: bodies, posts, people, reporting lines "
                "and options.",
        description="Read-only. Every answer carries the sources of its facts. Errors are "
                    "JSON: 404 (with suggestions) for an unknown name or id, 422 for a bad "
                    "date or parameter, 501 for what this build cannot answer yet.",
        version="0.1.0", docs_url=None, redoc_url=None)
    app.state.explorer = explorer
    app.state.templates = templates()
    app.mount("/static/viz", StaticFiles(directory=str(viz_static_dir())), name="viz-static")
    app.mount("/static/app", StaticFiles(directory=str(resources.files("govgraph.app") / "static")),
              name="app-static")
    _api_docs(app)
    app.include_router(web_api.router)
    app.include_router(web_pages.router)
    _errors(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AnswerCache, explorer=explorer, headers=SecurityHeaders.STRICT)
    return app


def _api_docs(app: FastAPI) -> None:
    """``/docs``: Swagger UI from this server's own copy, not FastAPI's CDN.

    FastAPI's own page loads the viewer from a CDN and starts it with an inline
    script; this takes the copy fastapi-offline ships and starts it from a file, so
    the API docs work with no internet (a council network, a test machine) and under
    the same strict script policy as every other page. ``/redoc`` leads there too:
    ReDoc fetches its logo from its own site.
    """
    app.mount("/static/api-docs", StaticFiles(directory=str(_API_DOCS_ASSETS)), name="api-docs")

    @app.get("/docs", include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return request.app.state.templates.TemplateResponse(
            request, "api_docs.html", {"title": app.title, "openapi_url": app.openapi_url,
                                       "assets": "/static/api-docs"})

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> RedirectResponse:
        return RedirectResponse("/docs")


#: Swagger UI as fastapi-offline packages it (its static folder).
_API_DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"


class SecurityHeaders:
    """Headers on every response: a strict CSP, no sniffing, no referrer leaks.

    A plain ASGI middleware: it costs almost nothing per request.
    """

    HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
               (b"x-frame-options", b"SAMEORIGIN")]
    STRICT = [(b"content-security-policy", CSP.encode()), *HEADERS]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.STRICT]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AnswerCache:
    """Answers ``GET /api/chain`` from the cache before the framework sees the request.

    The chain is the hot path (a benchmark asks for 500 a second): a question asked
    before is answered with the JSON the API route encoded then, skipping routing and
    parameter checks. Anything unusual (a new question, a repeated or unknown
    parameter, a value the route would reject) goes on to the route, which answers
    and fills the cache; so both paths give the same bytes.
    """

    PATH = "/api/chain"
    FIELDS = {"name", "down", "as_of", "option"}
    TRUE, FALSE = {"1", "true", "on", "yes"}, {"0", "false", "off", "no"}

    def __init__(self, app, explorer: Explorer, headers: list[tuple[bytes, bytes]]):
        self.app, self.explorer, self.headers = app, explorer, headers

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] == self.PATH and scope["method"] == "GET":
            body = self._hit(scope["query_string"])
            if body is not None:
                await send({"type": "http.response.start", "status": 200, "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()), *self.headers]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    def _hit(self, query: bytes) -> bytes | None:
        params = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        found = dict(params)
        if len(found) != len(params) or not set(found) <= self.FIELDS or not found.get("name"):
            return None
        down = found.get("down", "false").lower()
        if down not in self.TRUE | self.FALSE:
            return None
        return self.explorer.peek(("chain", found["name"], down in self.TRUE, found.get("as_of"),
                                   found.get("option")))


# -- errors: JSON under /api, a page elsewhere ----------------------------------------


def error_body(exc: Exception) -> tuple[int, dict]:
    """The status and JSON body for a domain error."""
    if isinstance(exc, NameNotFound):
        return 404, {"error": "not_found", "message": str(exc),
                     "suggestions": [n.ref() for n in exc.suggestions]}
    if isinstance(exc, AmbiguousName):
        return 422, {"error": "ambiguous_name", "message": str(exc),
                     "candidates": [n.ref() for n in exc.candidates]}
    if isinstance(exc, UnknownNode):
        return 404, {"error": "not_found", "message": str(exc), "suggestions": []}
    if type(exc).__name__ == "UnknownOption":
        return 404, {"error": "unknown_option", "message": str(exc),
                     "suggestions": list(getattr(exc, "suggestions", []))}
    if isinstance(exc, OptionsUnavailable):
        return 501, {"error": "options_unavailable", "message": str(exc)}
    if isinstance(exc, DateError):
        return 422, {"error": "bad_date", "message": str(exc)}
    return 422, {"error": "bad_parameter", "message": str(exc)}


def _errors(app: FastAPI) -> None:
    def respond(request: Request, status: int, body: dict):
        if request.url.path.startswith("/api"):
            return JSONResponse(body, status_code=status)
        return request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "error": body}, status_code=status)

    async def domain(request: Request, exc: Exception):
        status, body = error_body(exc)
        return respond(request, status, body)

    async def invalid(request: Request, exc: RequestValidationError):
        problems = []
        for item in exc.errors():
            where = ".".join(str(p) for p in item.get("loc", ())[1:]) or "request"
            problems.append(f"{where}: {item.get('msg')}")
        return respond(request, 422, {"error": "bad_parameter", "message": "; ".join(problems),
                                      "problems": problems})

    async def http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return respond(request, exc.status_code,
                       {"error": _HTTP_ERRORS.get(exc.status_code, "error"), "message": message})

    for kind in (NameNotFound, AmbiguousName, UnknownNode, OptionsUnavailable, ValueError):
        app.add_exception_handler(kind, domain)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http)


_HTTP_ERRORS = {404: "not_found", 405: "read_only", 422: "bad_parameter"}
