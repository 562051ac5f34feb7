"""govgraph benchmarks: national-scale data, every measure in one run on the same data.

    python bench/run.py --councils 400        # or: make bench [COUNCILS=N]

Generates the data (bench/generate.py, cached by size and seed); loads it from the
YAML files and from the snapshot, each in a fresh process (bench/loads.py); then, in
one process on the graph as commands get it: chain, path, body and search latency;
the chain in rdflib SPARQL and in Oxigraph; option impact and compare; chart HTML;
API throughput against `govgraph serve`; the Neo4j store. Prints a table and
writes bench/results.json. docs/performance.md explains every key.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import peak_rss_mb  # noqa: E402

from govgraph.graph.files import write_atomic  # noqa: E402

#: The issue's targets at national scale: key, limit, and whether lower is better.
TARGETS = (
    ("load.seconds", 20.0, "max"), ("load.peak_rss_mb", 4096.0, "max"),
    ("load.from_snapshot_seconds", 20.0, "max"), ("load.from_snapshot_peak_rss_mb", 4096.0, "max"),
    ("chain.p50_ms", 0.1, "max"), ("chain.ratio_vs_rdflib_sparql", 200.0, "min"),
    ("chain.ratio_vs_oxigraph_sparql", 1.0, "min"), ("options.impact.p50_ms", 1000.0, "max"),
    ("api.chain.requests_per_s", 500.0, "min"), ("api.chain.p99_ms", 50.0, "max"),
)


def data_dir(root: Path, councils: int, seed: int, years: int) -> Path:
    """The generated data, made once per size, seed and generator version."""
    from generate import GENERATOR_VERSION

    folder = root / f"c{councils}-s{seed}-y{years}-v{GENERATOR_VERSION}"
    if not (folder / "GENERATED.json").is_file():
        # A separate process, so generating does not count towards the load's peak memory.
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--councils", str(councils),
                        "--seed", str(seed), "--years", str(years), "--out", str(folder)],
                       check=True)
    return folder


def speed_probe() -> dict:
    """How fast this shared machine is right now, in a fresh process: a pure-Python
    loop, and making 3 M small objects in fresh memory (what a load mostly does). Its
    speed swings by two between hours; runs are comparable only at like probes."""
    probe = ("import time\nt = time.perf_counter(); s = 0\nfor i in range(10_000_000): s += i\n"
             "loop = time.perf_counter() - t; t = time.perf_counter(); d = {}\n"
             "for i in range(3_000_000): d[str(i)] = [i]\n"
             "print(loop, time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loop, alloc = map(float, out.stdout.split())
    return {"probe_loop_s": round(loop, 2), "probe_alloc_s": round(alloc, 2)}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) / 2**20 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0.0)
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, text=True,
                                capture_output=True).stdout.strip()
    except OSError:
        commit = ""
    import networkx, pyoxigraph, rdflib, yaml
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
            "networkx": networkx.__version__, "rdflib": rdflib.__version__,
            "pyoxigraph": pyoxigraph.__version__, "commit": commit}


def check_targets(results: dict) -> dict:
    found = {}
    for key, limit, kind in TARGETS:
        value = results.get(key)
        met = None if not isinstance(value, (int, float)) else \
            value <= limit if kind == "max" else value >= limit
        found[key] = {"target": f"{'<=' if kind == 'max' else '>='} {limit:g}", "value": value,
                      "met": met}
    return found


def table(results: dict) -> str:
    """The results as a plain-text table (key, value, and the target where there is one)."""
    targets = results.get("targets", {})
    rows = []
    for key, value in results.items():
        if key in ("targets", "machine", "run"):
            continue
        shown = f"{value:,.4g}" if isinstance(value, float) else str(value)
        target = targets.get(key)
        mark = "" if not target else f"{target['target']:>10}  " + \
            {True: "met", False: "MISSED", None: "-"}[target["met"]]
        rows.append(f"{key:<42} {shown:>14}  {mark}")
    return "\n".join(rows)


def markdown(results: dict) -> str:
    """The headline results as a Markdown table, for docs/performance.md."""
    rows = ["| measure | value | target | met |", "|---|---:|---|---|"]
    targets = results.get("targets", {})
    for key, value in results.items():
        if key in ("targets", "machine", "run") or isinstance(value, (dict, list)):
            continue
        if not (key in targets or key.endswith(("p50_ms", "p99_ms", ".n", "_s", "seconds", "_mb",
                                                  "per_s", "status", "ratio_vs_rdflib_sparql",
                                                  "ratio_vs_oxigraph_sparql", "triples", "form"))
                or key.startswith("data.")):
            continue
        shown = f"{value:,.4g}" if isinstance(value, float) else str(value)
        target = targets.get(key)
        met = "" if not target else {True: "yes", False: "**no**", None: "-"}[target["met"]]
        rows.append(f"| `{key}` | {shown} | {target['target'] if target else ''} | {met} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="govgraph benchmarks (see docs/performance.md)")
    parser.add_argument("--councils", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--years", type=int, default=2, help="years of meetings per council")
    parser.add_argument("--queries", type=int, default=2000, help="random queries per measure")
    parser.add_argument("--budget", type=float, default=30.0,
                        help="seconds at most per latency measure (fewer queries if slower)")
    parser.add_argument("--data-root", type=Path,
                        default=Path(tempfile.gettempdir()) / "govgraph-bench")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--full-rdf", action="store_true",
                        help="give the SPARQL engines the whole RDF export (small data only)")
    parser.add_argument("--api-seconds", type=float, default=15.0,
                        help="how long the API is kept under load")
    parser.add_argument("--api-concurrency", type=int, default=8,
                        help="requests in flight at once against the API")
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["snapshot", "queries", "sparql", "options", "charts", "api", "neo4j"])
    parser.add_argument("--markdown", type=Path, metavar="RESULTS",
                        help="print the table of an existing results file as Markdown, and stop")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text())))
        return 0
    started = time.perf_counter()
    load_before = os.getloadavg()
    folder = data_dir(args.data_root, args.councils, args.seed, args.years)

    import extras
    import loads
    import measures

    results: dict = {}
    # Every load after the first (the API's server too) reads the snapshot written here.
    cache = args.data_root / "snapshots"
    os.environ["GOVGRAPH_CACHE"] = str(cache)
    probe = speed_probe()  # the machine's speed as the loads begin, not after the run
    results.update(loads.measure(folder, cache, snapshot="snapshot" not in args.skip))
    if "snapshot" in args.skip:
        results["snapshot.status"] = "skipped (--skip): the queries run on the graph from YAML"
    print(f"loaded {results['data.facts']:,} facts in {results['load.seconds']:.1f} s from YAML"
          + (f", {results['load.from_snapshot_seconds']:.1f} s from the snapshot"
             if "load.from_snapshot_seconds" in results else ""), file=sys.stderr)
    # The queries run on the graph as every command after the first gets it.
    G = loads.reopen(folder) if "snapshot" not in args.skip else _load_files(folder)
    rng = random.Random(args.seed)
    areas = sorted({measures.council_of(n.id) for n in G.nodes("Body")})

    def step(name: str, fn) -> None:
        if name in args.skip:
            results[f"{name}.status"] = "skipped (--skip)"
            return
        print(f"... {name}", file=sys.stderr, flush=True)
        gc.collect()  # what the last step left (rdflib's store, ...) is not this step's cost
        results.update(fn())
        # Written after every step, so a long national run that is stopped keeps its results.
        write_atomic(args.out, json.dumps({**results, "run.complete": False}, indent=1) + "\n")

    step("queries", lambda: measures.queries(G, rng, n=args.queries, budget_s=args.budget))
    step("sparql", lambda: measures.sparql_comparison(G, rng, n=min(args.queries, 500),
                                                      budget_s=args.budget, full_export=args.full_rdf))
    step("options", lambda: extras.options(G, folder, areas, rng, budget_s=args.budget))
    focus = f"{areas[0]}/cpp"
    step("charts", lambda: extras.charts(G, areas[0], focus))
    step("api", lambda: _api(folder, G, rng, seconds=args.api_seconds,
                             concurrency=args.api_concurrency))
    step("neo4j", lambda: extras.neo4j(G, rng, n=args.queries, budget_s=args.budget))
    results["run.complete"] = True
    results["run.peak_rss_mb"] = peak_rss_mb()
    results["run.seconds"] = time.perf_counter() - started
    results["targets"] = check_targets(results)
    results["machine"] = {**machine(), **probe}
    results["run"] = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                      "command": " ".join(["python bench/run.py", *(argv or sys.argv[1:])]),
                      "data": str(folder), "seed": args.seed,
                      # Other work on the machine skews timings: say how busy it was.
                      "load_average_at_start": [round(x, 2) for x in load_before],
                      "load_average_at_end": [round(x, 2) for x in os.getloadavg()]}
    print(table(results))
    write_atomic(args.out, json.dumps(results, indent=1, sort_keys=False) + "\n")
    print(f"\nwrote {args.out} ({results['run.seconds']:.0f} s)")
    return 0


def _load_files(folder: Path):
    """The graph from the files, frozen as open_graph leaves it (with --skip snapshot)."""
    from govgraph.loaders import load_datasets

    G = load_datasets([folder])
    gc.freeze()
    return G


def _api(folder: Path, G, rng: random.Random, *, seconds: float, concurrency: int) -> dict:
    import api

    bodies = sorted(n.id for n in G.nodes("Body"))
    rng.shuffle(bodies)  # distinct bodies, so each request's answer has to be computed
    return api.measure(folder, bodies, duration_s=seconds, concurrency=concurrency)


if __name__ == "__main__":
    sys.exit(main())
