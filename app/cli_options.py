"""govgraph CLI commands for governance options: options, impact, compare.

Each command calls one function of :mod:`govgraph.graph.options` (the web API calls
the same ones) and prints its answer with Rich, as JSON with ``--json``, or (compare)
as Markdown ready for a committee report with ``--markdown``.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from govgraph.app.cli import (DataOpt, JsonOpt, _print_json, app, console, domain_errors)
from govgraph.app.context import open_baseline
from govgraph.app.render import sources_text
from govgraph.graph.options import compare as compare_options
from govgraph.graph.options import compare_markdown, find_option, impact as option_impact
from govgraph.graph.options import list_options
from govgraph.loaders.options import open_options

__all__ = ["options", "impact", "compare"]

OptionIdArg = Annotated[str, typer.Argument(metavar="ID", help="An option id (see `govgraph options`).")]


@app.command()
def options(data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """The governance options on offer: id, title, baseline, date and source."""
    with domain_errors():
        rows = list_options(open_options(data))
    if as_json:
        return _print_json(rows)
    table = Table(title=f"{len(rows)} options")
    for column in ("id", "title", "baseline", "effective", "source"):
        table.add_column(column, overflow="fold", no_wrap=column in ("id", "effective"))
    for row in rows:
        title = row["title"] + (f" (based on {row['based_on']})" if row["based_on"] else "")
        table.add_row(*map(Text, (row["id"], title, row["baseline"], row["effective"],
                                  sources_text(row["sources"]))))
    console.print(table)


@app.command()
def impact(option_id: OptionIdArg, data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """What an option changes, what is lost and who is affected, with the facts behind each finding."""
    with domain_errors():
        G = open_baseline(data)
        result = option_impact(G, find_option(open_options(data), option_id))
    if as_json:
        return _print_json(result)
    _impact_view(result)


@app.command()
def compare(option_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Option ids, in column order.")],
            data: DataOpt = None, as_json: JsonOpt = False,
            markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown for a committee report.")] = False) -> None:
    """Options side by side: a table of measures (baseline first), each option's changes and diff."""
    if as_json and markdown:
        console.print("Choose one of --json and --markdown.", style="red")
        raise typer.Exit(2)
    with domain_errors():
        G = open_baseline(data)
        found = open_options(data)
        result = compare_options(G, [find_option(found, i) for i in option_ids])
    if as_json:
        return _print_json(result)
    if markdown:
        sys.stdout.write(compare_markdown(result))
        return
    _compare_view(result)


# -- rendering -------------------------------------------------------------------------------

def _value(value: object) -> str:
    return "–" if value is None else str(value)


def _names(refs: list[dict]) -> str:
    return ", ".join(r["label"] for r in refs) or "none"


def _fact_line(fact: dict) -> str:
    return (f"{fact['subject']['label']} {fact['relation']} {fact['object']['label']}"
            f"  [{sources_text(fact['sources'])}]")


def _steps_table(changes: list[dict], title: str) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("#", "option", "operation", "rationale", "sources"):
        table.add_column(column, overflow="fold")
    for row in changes:
        labels = row.get("labels", {})
        named = [f"{k}: {labels.get(v, v)}" for k, v in row.items() if isinstance(v, str)
                 and k not in ("op", "option", "rationale", "note", "inferred", "where")]
        table.add_row(*map(Text, (
            str(row["index"]), row["option"], f"{row['op']}\n" + "\n".join(named),
            row["rationale"] + (f"\n(inferred: {row['inferred']})" if row.get("inferred") else ""),
            sources_text(row["sources"]))))
    return table


def _heading(text: str) -> None:
    console.rule(Text(text, style="bold"), align="left")


def _impact_view(result: dict) -> None:
    option = result["option"]
    console.print(Text(f"{option['title']}  [{option['id']}]", style="bold"))
    console.print(f"Baseline {option['baseline']}, effective {result['effective']}"
                  + (f", based on {option['based_on']}" if option["based_on"] else ""), markup=False)
    if result["changes"]:
        console.print(_steps_table(result["changes"], "Changes, in the order applied"))
    else:
        console.print("No changes: the current arrangements.")
    measures = Table(title="Measures")
    for column in ("measure", "before", "after", "better"):
        measures.add_column(column)
    for m in result["measures"].values():
        measures.add_row(*map(Text, (m["label"], _value(m["before"]), _value(m["after"]),
                                     m["better"] or "")))
    console.print(measures)
    diff = result["diff"]
    _heading(f"Differences: {len(diff['added'])} added, {len(diff['removed'])} removed, "
             f"{len(diff['changed'])} changed")
    for kind in ("added", "removed"):
        for item in diff[kind]:
            text = (f"{item['type']} {item['label']}" if item["kind"] == "node"
                    else _fact_line(item))
            console.print(f"  {'+' if kind == 'added' else '-'} {text}", markup=False)
    lines = result["lines"]
    _heading("Upward lines to elected members")
    if not lines["left_without"] and not lines["gained"]:
        console.print("No body loses or gains one.")
    for row in lines["left_without"]:
        console.print(f"Left with no upward line to elected members: {row['body']['label']} "
                      f"(had: {'; '.join(_fact_line(f) for f in row['had'])})", markup=False)
    for row in lines["gained"]:
        console.print(f"Gains an upward line: {row['body']['label']}", markup=False)
    remits = result["remits"]
    _heading("Remits")
    for row in remits["left_without_home"]:
        console.print(f"Remit left without a home: {row['remit']['label']} "
                      f"[{sources_text(row['remit']['sources'])}]", markup=False)
    for row in remits["topics"]:
        if row["status"] in ("lost", "gained", "moved", "widened", "narrowed"):
            console.print(f"Topic {row['topic']}: {row['status']} "
                          f"({_names(row['before'])} -> {_names(row['after'])})", markup=False)
    _heading("Reports and information flows lost")
    if not result["flows"]:
        console.print("None.")
    for flow in result["flows"]:
        where = _names(flow["rerouted_to"] + flow["still_reaches"])
        console.print(f"Flow {_fact_line(flow['fact'])}: {flow['status']}"
                      + (f" ({where})" if flow["status"] != "reaches nobody" else ""), markup=False)
    _heading("People and posts")
    for row in result["people"]:
        bits = [f"{k.replace('_', ' ')}: {_names(v)}" for k, v in row.items()
                if k.startswith(("seats_", "chairs_"))]
        console.print(f"{row['agent']['label']}: {'; '.join(bits)}", markup=False)
    after = result["concentration"]["after"]
    for row in after["chairs_on_one_line"]:
        console.print(f"{row['agent']['label']} chairs {row['lower']['label']} and "
                      f"{row['upper']['label']}, on one line of accountability", markup=False)
    for row in after["executive_oversight"]:
        console.print(f"{row['agent']['label']} ({row['post']['label']}) "
                      f"{'chairs' if row['chairs'] else 'sits on'} {row['body']['label']}, "
                      "which oversees that portfolio", markup=False)
    res = result["resilience"]
    _heading(f"Resilience: {len(res['articulation_points']['after'])} articulation points, "
             f"{len(res['bridges']['after'])} bridges after")
    for key in ("articulation_points", "bridges"):
        for item in res[key]["new"]:
            name = item["label"] if "label" in item else " – ".join(e["label"] for e in item["ends"])
            console.print(f"New {key.replace('_', ' ')[:-1]}: {name}", markup=False)
    assumed = result["assumed"]
    _heading(f"Assumed to continue: {len(assumed)} facts known only from papers dated before "
             f"{result['effective']}")
    for row in assumed[:_ASSUMED_SHOWN]:
        console.print(f"  {_fact_line(row['fact'])} (last attested {row['last_attested']})",
                      markup=False)
    if len(assumed) > _ASSUMED_SHOWN:
        console.print(f"  ... and {len(assumed) - _ASSUMED_SHOWN} more (--json lists them all)")


#: Assumed facts the impact view prints; --json has them all.
_ASSUMED_SHOWN = 10


def _compare_view(result: dict) -> None:
    table = Table(title=f"Options compared ({result['baseline']}, from {result['effective']})")
    table.add_column("measure", overflow="fold")
    table.add_column("baseline")
    for option in result["options"]:
        table.add_column(option["id"], overflow="fold")
    for row in result["measures"]:
        cells = [Text(_value(row["values"]["baseline"]))]
        for option in result["options"]:
            value = _value(row["values"][option["id"]])
            cells.append(Text(value, style="bold green" if option["id"] in row["best"] else ""))
        table.add_row(Text(row["label"]), *cells)
    console.print(table)
    for note in result["notes"]:
        console.print(Text(note, style="italic"))
    for option in result["options"]:
        console.print(Text(f"\n{option['title']}  [{option['id']}]", style="bold"))
        if option["changes"]:
            console.print(_steps_table(option["changes"], "Changes"))
        diff = option["diff"]
        console.print(f"{len(diff['added'])} added, {len(diff['removed'])} removed, "
                      f"{len(diff['changed'])} changed (`govgraph impact {option['id']}` for the detail)",
                      markup=False)
