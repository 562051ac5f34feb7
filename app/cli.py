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
from govgraph.graph.chain import chain as chain_query
from govgraph.graph.dates import DateError, parse_date
from govgraph.graph.facts import UnknownRelation, facts as facts_query
from govgraph.graph.model import GovGraph, ModelError, UnknownNode
from govgraph.graph.names import AmbiguousName, NameNotFound
from govgraph.graph.paths import path as path_query
from govgraph.graph.profile import profile
from govgraph.graph.search import search as search_query
from govgraph.loaders import RegisterError, open_graph

__all__ = ["app", "main"]

app = typer.Typer(
    help="govgraph: explore public-sector governance — bodies, posts, people, reporting lines.",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None)
console = Console()
errors = Console(stderr=True)

DataOpt = Annotated[Optional[list[Path]], typer.Option(
    "--data", help="Dataset folder (or folder of datasets) to load instead of the bundled data; "
                   "repeatable.", show_default=False)]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", help="Only what holds on this date: YYYY, YYYY-MM or YYYY-MM-DD.",
    show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]

DOMAIN_ERRORS = (RegisterError, NameNotFound, AmbiguousName, DateError, UnknownRelation,
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


def _graph(data: list[Path] | None) -> GovGraph:
    return open_graph(data)


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


@app.command()
def chain(name: Annotated[str, typer.Argument(help="A body, post or person: name, alias, acronym or id.")],
          down: Annotated[bool, typer.Option("--down", help="Everything below it instead of the lines up.")] = False,
          data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """The lines up from a body to the top (reports_to, informs, sub_body_of), or down."""
    with domain_errors():
        result = chain_query(_graph(data), name, down=down, as_of=_as_of(as_of))
    if as_json:
        return _print_json(result)
    console.print(render.chain_tree(result))
    if not result["steps"]:
        console.print(f"No lines {result['direction']} from {result['start']['label']}.")


@app.command()
def path(a: Annotated[str, typer.Argument(help="From: a body, post or person.")],
         b: Annotated[str, typer.Argument(help="To: a body, post or person.")],
         data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """The accountability and information paths between two bodies, people or posts."""
    with domain_errors():
        result = path_query(_graph(data), a, b, as_of=_as_of(as_of))
    if as_json:
        return _print_json(result)
    render.path_view(console, result)


def _profile_command(types: list[str], name: str, data, as_of, as_json) -> None:
    with domain_errors():
        result = profile(_graph(data), name, types=types, as_of=_as_of(as_of))
    if as_json:
        return _print_json(result)
    render.profile_view(console, result)


@app.command()
def body(name: Annotated[str, typer.Argument(help="A body or organisation.")],
         data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """Everything about one body: chair, members, lines up and down, remits, sources."""
    _profile_command(["Body", "Organisation"], name, data, as_of, as_json)


@app.command()
def person(name: Annotated[str, typer.Argument(help="A person, as any paper writes them.")],
           data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """Everything about one person: posts over time, seats, chairs, attendance."""
    _profile_command(["Person"], name, data, as_of, as_json)


@app.command()
def post(name: Annotated[str, typer.Argument(help="A post, e.g. 'Cabinet Member for Specialist Children's Services'.")],
         data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """Everything about one post: its holders over time, where it sits, what it is accountable for."""
    _profile_command(["Post"], name, data, as_of, as_json)


@app.command()
def search(text: Annotated[str, typer.Argument(help="Words to find in labels, aliases, remits and priorities.")],
           data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """Find bodies, people, posts, remits and priorities by name or text."""
    with domain_errors():
        results = search_query(_graph(data), text)
    if as_json:
        return _print_json(results)
    if not results:
        console.print(f"Nothing matches {text!r}.")
        raise typer.Exit(1)
    console.print(render.search_table(results))


@app.command()
def facts(relation: Annotated[Optional[str], typer.Option("--relation", help="Only this relation (e.g. chaired_by).", show_default=False)] = None,
          data: DataOpt = None, as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """Every fact: subject, relation, object, role, dates and sources."""
    with domain_errors():
        result = facts_query(_graph(data), relation=relation, as_of=_as_of(as_of))
    if as_json:
        return _print_json(result)
    console.print(render.facts_table(result, title=f"{len(result)} facts"))


def main() -> None:
    """Entry point of the ``govgraph`` command."""
    app()


if __name__ == "__main__":
    main()
