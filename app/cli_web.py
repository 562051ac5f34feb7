"""govgraph CLI commands for the web work: ``serve`` (the explorer) and ``chart`` (an HTML file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from govgraph.app.cli import (AsOfOpt, DataOpt, OptionOpt, StoreOpt, app, console,
                              domain_errors, errors)
from govgraph.app.context import open_baseline
from govgraph.app.option_views import Options, OptionsUnavailable
from govgraph.graph.dates import parse_date
from govgraph.viz.chart import org_chart, write_chart

__all__ = ["serve", "chart"]


@app.command()
def serve(host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
          data: DataOpt = None, store: StoreOpt = None,
          access_log: Annotated[bool, typer.Option(
              "--access-log/--no-access-log",
              help="Log every request (off by default: it costs throughput).")] = False) -> None:
    """Serve the web explorer: pages, org charts and the JSON API (OpenAPI at /docs)."""
    import uvicorn

    from govgraph.app.web import create_app

    with domain_errors():
        web = create_app(data, store)  # the data loads here, once, before the first request
    console.print(f"govgraph explorer on http://{host}:{port}/  (API docs at /docs; Ctrl+C stops)")
    uvicorn.run(web, host=host, port=port, access_log=access_log, log_level="info")


@app.command()
def chart(name: Annotated[Optional[str], typer.Argument(
              metavar="NAME", help="Centre on this body, post or person (default: everything).",
              show_default=False)] = None,
          out: Annotated[Path, typer.Option("--out", metavar="FILE.html",
                                            help="Where to write the chart.")] = ...,
          hops: Annotated[int, typer.Option("--hops", min=0, max=6,
                                            help="Steps around NAME.")] = 2,
          as_of: AsOfOpt = None, option: OptionOpt = None, data: DataOpt = None,
          dataset: Annotated[Optional[str], typer.Option(
              "--dataset", metavar="ID", help="Only this dataset (e.g. kent-scs).",
              show_default=False)] = None,
          max_nodes: Annotated[int, typer.Option(
              "--max-nodes", min=1, help="Refuse a chart larger than this; focus instead.")] = 2000,
          title: Annotated[Optional[str], typer.Option(
              "--title", help="The chart's heading.", show_default=False)] = None) -> None:
    """Write an org chart as one self-contained HTML file that works offline.

    Attach it to a committee paper or email it: search, filters, the date slider,
    PNG export and printing all work from the file, with no network.
    """
    with domain_errors():
        day = parse_date(as_of) if as_of else None
        G = open_baseline(data)
        overlay = base = None
        if option:
            options = Options(G, data)
            try:
                G, base, overlay = options.view(option)
            except OptionsUnavailable as exc:
                errors.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
                raise typer.Exit(2) from None
            title = title or options.find(option).title
        net = org_chart(G, name, hops=hops, as_of=day, overlay=overlay, base=base,
                        dataset=dataset, max_nodes=max_nodes, title=title)
        written = write_chart(net, out)
    console.print(f"wrote {written} ({len(net.nodes)} nodes, {len(net.edges)} lines)")
