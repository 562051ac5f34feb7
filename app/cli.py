"""The govgraph command line: thin commands over govgraph.graph, printed with Rich.

Every command loads the bundled data (or ``--data DIR``), calls one graph function
and prints its answer as a table, or as JSON with ``--json``. Domain errors (bad
data, unknown names, bad dates) print one clear message and exit 2.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.console import Console

from govgraph.app import render
from govgraph.graph.dates import DateError, parse_date
from govgraph.graph.facts import UnknownRelation
from govgraph.graph.model import ModelError, UnknownNode
from govgraph.graph.names import AmbiguousName, NameNotFound
from govgraph.app.context import StoreUnavailable, open_baseline, open_graph_for, open_store
from govgraph.graph.files import write_atomic
from govgraph.graph.export import FORMATS as EXPORT_FORMATS, export as export_graph
from govgraph.graph.stats import stats as graph_stats
from govgraph.ontology.terms import NODE_TYPES, RELATIONS
from govgraph.graph.stores.base import PROFILE_TYPES
from govgraph.loaders import RegisterError

__all__ = ["app", "main"]

app = typer.Typer(
    help="govgraph: explore public-sector governance — bodies, posts, people, reporting lines.\n\n"
         "Loaded data is kept as a snapshot in ~/.cache/govgraph and read from there while no data "
         "file changes (GOVGRAPH_CACHE=DIR to keep snapshots elsewhere, GOVGRAPH_CACHE=off for none).",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None)
console = Console()
errors = Console(stderr=True)

DataOpt = Annotated[Optional[list[Path]], typer.Option(
    "--data", metavar="DIR", help="Dataset folder (or folder of datasets) to load instead of the bundled data; "
                   "repeatable.", show_default=False)]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE", help="Only what holds on this date: YYYY, YYYY-MM or YYYY-MM-DD.",
    show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
StoreOpt = Annotated[Optional[str], typer.Option(
    "--store", envvar="GOVGRAPH_STORE", metavar="URI", show_default=False,
    help="Where to answer from: memory (default) or a Neo4j Bolt URI (bolt://host:7687).")]
OptionOpt = Annotated[Optional[str], typer.Option(
    "--option", metavar="ID", show_default=False,
    help="Answer under a governance option (see `govgraph options`).")]

DOMAIN_ERRORS = (StoreUnavailable, RegisterError, NameNotFound, AmbiguousName, DateError, UnknownRelation,
                 UnknownNode, ModelError, ValueError)


@contextmanager
def domain_errors() -> Iterator[None]:
    """Turn a domain error into one clear line on stderr and exit status 2."""
    try:
        yield
    except DOMAIN_ERRORS as exc:
        errors.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _as_of(value: str | None) -> str | None:
    return parse_date(value) if value else None




def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


@app.command()
def chain(name: Annotated[str, typer.Argument(metavar="NAME", help="A body, post or person: name, alias, acronym or id.")],
          down: Annotated[bool, typer.Option("--down", help="Everything below it instead of the lines up.")] = False,
          data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False,
          store: StoreOpt = None, option: OptionOpt = None) -> None:
    """The lines up from a body to the top (reports_to, informs, sub_body_of), or down."""
    with domain_errors():
        result = open_store(data, store, option).chain(name, down=down, as_of=_as_of(as_of))
    if as_json:
        return _print_json(result)
    console.print(render.chain_tree(result))
    if not result["steps"]:
        console.print(f"No lines {result['direction']} from {result['start']['label']}.")


@app.command()
def path(a: Annotated[str, typer.Argument(metavar="A", help="From: a body, post or person.")],
         b: Annotated[str, typer.Argument(metavar="B", help="To: a body, post or person.")],
         data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False,
          store: StoreOpt = None, option: OptionOpt = None) -> None:
    """The accountability and information paths between two bodies, people or posts."""
    with domain_errors():
        result = open_store(data, store, option).path(a, b, as_of=_as_of(as_of))
    if as_json:
        return _print_json(result)
    render.path_view(console, result)


def _profile_command(kind: str, name: str, data, as_of, as_json, store, option) -> None:
    with domain_errors():
        result = open_store(data, store, option).profile(name, types=PROFILE_TYPES[kind], as_of=_as_of(as_of))
    if as_json:
        return _print_json(result)
    render.profile_view(console, result)


@app.command()
def body(name: Annotated[str, typer.Argument(metavar="NAME", help="A body or organisation.")],
         data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False,
          store: StoreOpt = None, option: OptionOpt = None) -> None:
    """Everything about one body: chair, members, lines up and down, remits, sources."""
    _profile_command("body", name, data, as_of, as_json, store, option)


@app.command()
def person(name: Annotated[str, typer.Argument(metavar="NAME", help="A person, as any paper writes them.")],
           data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False,
          store: StoreOpt = None, option: OptionOpt = None) -> None:
    """Everything about one person: posts over time, seats, chairs, attendance."""
    _profile_command("person", name, data, as_of, as_json, store, option)


@app.command()
def post(name: Annotated[str, typer.Argument(metavar="NAME", help="A post, e.g. 'Cabinet Member for Specialist Children's Services'.")],
         data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False,
          store: StoreOpt = None, option: OptionOpt = None) -> None:
    """Everything about one post: its holders over time, where it sits, what it is accountable for."""
    _profile_command("post", name, data, as_of, as_json, store, option)


@app.command()
def show(name: Annotated[str, typer.Argument(metavar="NAME", help="Anything: a body, person, post, remit, priority, action, meeting, event or document.")],
         data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False,
         store: StoreOpt = None, option: OptionOpt = None) -> None:
    """Everything about any node (a priority, remit, meeting, event, ...) with every fact and source."""
    _profile_command("show", name, data, as_of, as_json, store, option)


@app.command()
def search(text: Annotated[str, typer.Argument(metavar="TEXT", help="Words to find in labels, aliases, remits and priorities.")],
           data: DataOpt = None, as_json: JsonOpt = False, store: StoreOpt = None,
           option: OptionOpt = None) -> None:
    """Find bodies, people, posts, remits and priorities by name or text."""
    with domain_errors():
        results = open_store(data, store, option).search(text)
    if as_json:
        return _print_json(results)
    if not results:
        console.print(f"Nothing matches {text!r}.")
        raise typer.Exit(1)
    console.print(render.search_table(results))


@app.command()
def facts(relation: Annotated[Optional[str], typer.Option("--relation", metavar="RELATION", help="Only this relation (e.g. chaired_by).", show_default=False)] = None,
          data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False,
          store: StoreOpt = None, option: OptionOpt = None) -> None:
    """Every fact: subject, relation, object, role, dates and sources."""
    with domain_errors():
        result = open_store(data, store, option).facts(relation=relation, as_of=_as_of(as_of))
    if as_json:
        return _print_json(result)
    console.print(render.facts_table(result, title=f"{len(result)} facts"))


@app.command()
def check(data: DataOpt = None, as_json: JsonOpt = False,
          warnings: Annotated[bool, typer.Option("--warnings/--no-warnings", help="List warnings as well as violations.")] = True) -> None:
    """Check the data: SHACL shapes, reporting cycles, overlapping post holders, chairs, lines.

    Exits 1 when there are violations (warnings alone exit 0), 2 when the data does not load.
    """
    from govgraph.graph.checks import check as check_graph  # pyshacl is slow to import
    with domain_errors():
        findings = check_graph(open_baseline(data))
    violations = [f for f in findings if f["severity"] == "violation"]
    shown = findings if warnings else violations
    if as_json:
        _print_json(shown)
    else:
        if shown:
            console.print(render.findings_table(shown))
        console.print(f"{len(violations)} violation(s), {len(findings) - len(violations)} warning(s)")
    if violations:
        raise typer.Exit(1)


@app.command()
def export(fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help=f"One of: {', '.join(EXPORT_FORMATS)}.")] = "ttl",
           out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", help="Write to this file (atomically) instead of standard output.", show_default=False)] = None,
           data: DataOpt = None, as_of: AsOfOpt = None, option: OptionOpt = None) -> None:
    """Export the whole graph: Turtle, JSON-LD, JSON, GraphML or CSV (one row per fact)."""
    with domain_errors():
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})")
        G = open_graph_for(data, option)
        text = export_graph(G.as_of(_as_of(as_of)) if as_of else G, fmt)
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text)
        errors.print(f"wrote {out}", highlight=False)


@app.command()
def stats(data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """Counts by node type and relation per dataset, and the share of facts with sources."""
    with domain_errors():
        result = graph_stats(open_baseline(data))
    if as_json:
        return _print_json(result)
    console.print(render.stats_tables(result))


@app.command()
def schema(as_json: JsonOpt = False) -> None:
    """The model: node types and relations (from ontology/schema.yaml)."""
    if as_json:
        return _print_json({"types": {n: {"label": t.label, "comment": t.comment, "fields": t.fields}
                                      for n, t in NODE_TYPES.items()},
                            "relations": {n: {"source": r.source, "target": r.target,
                                              "label": r.label, "reverse": r.reverse,
                                              "comment": r.comment, "roles": r.roles}
                                          for n, r in RELATIONS.items()}})
    console.print(render.schema_tables(NODE_TYPES, RELATIONS))


def main() -> None:
    """Entry point of the ``govgraph`` command."""
    app()


if __name__ == "__main__":
    main()


# Commands kept in their own modules register themselves on `app` when imported.
from govgraph.app import cli_options, cli_stores, cli_web  # noqa: E402,F401  isort:skip
