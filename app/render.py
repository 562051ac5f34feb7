"""Rich rendering of query answers for people. JSON output needs none of this."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

__all__ = ["chain_tree", "facts_table", "profile_view", "path_view", "search_table",
           "findings_table", "stats_tables", "schema_tables",
           "sources_text", "when_text"]


def sources_text(sources: list[dict]) -> str:
    """Sources in short form: "000 §2.1; 003 CPP 21 June 2011 minute 4"."""
    return "; ".join(dict.fromkeys(f"{s['doc'][:3]} {s['loc']}" for s in sources))


def when_text(fact: dict) -> str:
    """A fact's dates in short form: "2011-04 – 2014", "seen 2014-04-22"."""
    if fact.get("valid_from") or fact.get("valid_to"):
        return f"{fact.get('valid_from') or '…'} – {fact.get('valid_to') or '…'}"
    if fact.get("attested"):
        return "seen " + ", ".join(fact["attested"])
    return ""


def _qualifiers(fact: dict) -> str:
    bits = [fact[k] for k in ("role", "party") if fact.get(k)]
    bits += [k if v is True else f"{k}: {'; '.join(v) if isinstance(v, list) else v}"
             for k, v in fact.get("qualifiers", {}).items()]
    if fact.get("inferred"):
        bits.append(f"inferred: {fact['inferred']}")
    return ", ".join(map(str, bits))


def chain_tree(result: dict) -> Tree:
    """The chain as a tree from the start node; a node reached twice is shown once."""
    start = result["start"]
    arrow = "↓" if result["direction"] == "down" else "↑"
    tree = Tree(Text(f"{start['label']}  [{start['id']}]", style="bold"))
    branches = {start["id"]: tree}
    for step in result["steps"]:
        here = step["object"] if result["direction"] == "down" else step["subject"]
        there = step["subject"] if result["direction"] == "down" else step["object"]
        parent = branches.get(here["id"], tree)
        label = Text(f"{arrow} {step['relation']} ", style="cyan")
        label.append(there["label"], style="bold" if there["id"] not in branches else "dim")
        extra = " ".join(x for x in (when_text(step), _qualifiers(step)) if x)
        if extra:
            label.append(f"  ({extra})", style="yellow")
        label.append(f"  [{sources_text(step['sources'])}]", style="dim")
        node = parent.add(label)
        branches.setdefault(there["id"], node)
    return tree


def facts_table(facts: list[dict], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for column in ("subject", "relation", "object", "qualifiers", "when", "sources"):
        table.add_column(column, overflow="fold")
    for fact in facts:
        table.add_row(fact["subject"]["label"], fact["relation"], fact["object"]["label"],
                      _qualifiers(fact), when_text(fact), sources_text(fact["sources"]))
    return table


def profile_view(console: Console, result: dict) -> None:
    node = result["node"]
    console.print(Text(f"{node['label']}  [{node['id']}]", style="bold"))
    fields = {k: v for k, v in node.items()
              if k not in ("id", "label", "sources", "dataset") and v not in (None, [], "")}
    for key, value in fields.items():
        console.print(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
    console.print(f"  sources: {sources_text(node['sources'])}", style="dim")
    for section in result["sections"]:
        table = Table(title=section["heading"], title_justify="left", expand=False)
        for column in ("", "qualifiers", "when", "sources"):
            table.add_column(column, overflow="fold")
        for fact in section["facts"]:
            other = fact["object"] if section["direction"] == "out" else fact["subject"]
            table.add_row(other["label"], _qualifiers(fact), when_text(fact),
                          sources_text(fact["sources"]))
        console.print(table)


def path_view(console: Console, result: dict) -> None:
    if not result["paths"]:
        console.print(f"No path between {result['from']['label']} and {result['to']['label']}.")
        return
    for number, found in enumerate(result["paths"], 1):
        kind = "directed" if found["directed"] else "some lines read backwards"
        console.print(Text(f"Path {number} ({found['length']} steps, {kind})", style="bold"))
        for step in found["steps"]:
            arrow = "→" if step["reads"] == "forward" else "←"
            console.print(f"  {step['subject']['label']} {arrow}{step['relation']}{arrow} "
                          f"{step['object']['label']}  [dim]{sources_text(step['sources'])}[/dim]")


def search_table(results: list[dict]) -> Table:
    table = Table(expand=False)
    for column in ("label", "type", "id", "matched"):
        table.add_column(column, overflow="fold")
    for r in results:
        matched = r["matched"] if r["matched"] != r["label"] else ""
        table.add_row(r["label"], r["type"], r["id"], matched[:80])
    return table


def findings_table(findings: list[dict]) -> Table:
    table = Table(expand=False)
    for column in ("severity", "check", "node", "message"):
        table.add_column(column, overflow="fold")
    for f in findings:
        style = "red" if f["severity"] == "violation" else "yellow"
        table.add_row(Text(f["severity"], style=style), f["check"], f["node"] or "", f["message"])
    return table


def stats_tables(result: dict) -> Table:
    table = Table(title=f"{result['total']['nodes']} nodes, {result['total']['facts']} facts; "
                        f"sourced: {result['sourced']['facts']:.0%} of facts, "
                        f"{result['sourced']['nodes']:.0%} of nodes", expand=False)
    table.add_column("dataset")
    table.add_column("kind")
    table.add_column("name")
    table.add_column("count", justify="right")
    for dataset, counts in result["datasets"].items():
        for kind in ("nodes", "facts"):
            for name, count in counts[kind].items():
                table.add_row(dataset, kind, name, str(count))
    return table


def schema_tables(types: dict, relations: dict) -> Table:
    table = Table(title="relations", expand=False)
    for column in ("relation", "from", "to", "meaning"):
        table.add_column(column, overflow="fold")
    for name, r in relations.items():
        table.add_row(name, " ".join(r.source), " ".join(r.target), r.comment)
    return table
