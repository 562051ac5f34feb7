"""govgraph CLI commands for the stores: ``push`` (data into Neo4j) and ``pull`` (back out).

The Neo4j driver is imported inside the commands, so other commands start fast.

The query commands reach Neo4j with ``--store URI`` (or ``GOVGRAPH_STORE``); these
two move the data. Both take ``--user``, ``--password`` and ``--database``, which
may also come from the URI (``bolt://user:password@host:7687/database``) or from
``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from govgraph.app.cli import DataOpt, JsonOpt, _print_json, app, console, domain_errors
from govgraph.app.context import open_baseline
from govgraph.data import bundled_data_dir
from govgraph.loaders.dump import describe_datasets, dump_registers

__all__ = ["push", "pull"]

UriArg = Annotated[str, typer.Argument(metavar="URI",
                                       help="The Neo4j server: bolt://host:7687 or neo4j://host:7687.")]
UserOpt = Annotated[Optional[str], typer.Option(
    "--user", help="Neo4j user (default: from the URI or NEO4J_USER; none for no auth).",
    show_default=False)]
PasswordOpt = Annotated[Optional[str], typer.Option(
    "--password", help="Neo4j password (better: NEO4J_PASSWORD in the environment).",
    show_default=False)]
DatabaseOpt = Annotated[Optional[str], typer.Option(
    "--database", help="Neo4j database (default: the server's default database).",
    show_default=False)]


@app.command()
def push(uri: UriArg, data: DataOpt = None, user: UserOpt = None, password: PasswordOpt = None,
         database: DatabaseOpt = None, as_json: JsonOpt = False) -> None:
    """Load the bundled data (or --data) into Neo4j.

    Nodes are merged on their ids and facts on their keys, in batches; whatever the
    data no longer has is removed. Running it again converges to the same graph, and
    an interrupted push can simply be run again.
    """
    with domain_errors():
        G = open_baseline(data)
        datasets = describe_datasets(data or [bundled_data_dir()])
        from govgraph.graph.stores.cypher import connect, parse_target  # the driver, lazily
        from govgraph.graph.stores.neo4j_sync import push as push_graph
        target = parse_target(uri, user=user, password=password, database=database)
        with connect(target) as conn:
            summary = push_graph(G, conn, datasets=datasets)
    if as_json:
        return _print_json(summary)
    removed = summary["removed_nodes"] + summary["removed_facts"]
    console.print(f"Pushed {summary['nodes']} nodes and {summary['facts']} facts to "
                  f"{summary['server']} in {summary['seconds']:.1f} s"
                  + (f"; removed {summary['removed_nodes']} nodes and "
                     f"{summary['removed_facts']} facts no longer in the data" if removed else "")
                  + ".", markup=False, highlight=False, soft_wrap=True)


@app.command()
def pull(uri: UriArg,
         out: Annotated[Optional[Path], typer.Option(
             "--out", metavar="DIR", help="Write the graph here as register files "
             "(one folder per dataset) that --data loads.", show_default=False)] = None,
         user: UserOpt = None, password: PasswordOpt = None, database: DatabaseOpt = None,
         as_json: JsonOpt = False) -> None:
    """Read the graph kept in Neo4j back into memory: a summary, or register files (--out).

    With --out DIR, every command works on the data kept in Neo4j through
    --data DIR, options and impact analysis included.
    """
    with domain_errors():
        from govgraph.graph.stores.cypher import connect, parse_target  # the driver, lazily
        from govgraph.graph.stores.neo4j_sync import pull as pull_graph, pushed_datasets
        target = parse_target(uri, user=user, password=password, database=database)
        with connect(target) as conn:
            G, datasets = pull_graph(conn), pushed_datasets(conn)
        written = dump_registers(G, out, datasets) if out else []
    summary = {"server": str(target), "nodes": dict(Counter(n.type for n in G.nodes())),
               "facts": dict(Counter(f.relation for f in G.facts())),
               "datasets": [d["id"] for d in datasets], "written": [str(p) for p in written]}
    if as_json:
        return _print_json(summary)
    table = Table(title=f"{len(G)} nodes and {sum(summary['facts'].values())} facts "
                        f"from {target}")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, counts in (("node", summary["nodes"]), ("fact", summary["facts"])):
        for name, count in sorted(counts.items()):
            table.add_row(f"{kind}: {name}", str(count))
    console.print(table)
    if written:
        console.print(f"Wrote {len(written)} dataset folder(s) to {out}; use --data {out}.",
                      markup=False, highlight=False, soft_wrap=True)

