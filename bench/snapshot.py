"""Loading from a snapshot: what every load after the first costs.

    python bench/snapshot.py DATA CACHE     # (the child) load DATA through CACHE, print JSON

:func:`measure` writes the snapshot of the graph the runner has just loaded from YAML,
then loads it in a fresh process (so its peak memory is its own) the way every command
does when the snapshot is current (:func:`govgraph.loaders.snapshot.load_cached`), and checks that it holds the same
number of nodes and facts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import Stopwatch, peak_rss_mb  # noqa: E402

__all__ = ["measure", "reopen"]


def measure(G, folder: Path, cache: Path) -> dict:
    """Snapshot write time and size; load time and peak memory from it in a new process."""
    from govgraph.loaders.register import dataset_dirs
    from govgraph.loaders.snapshot import data_key, snapshot_path, write_snapshot

    folders = dataset_dirs([folder])
    file = snapshot_path(cache, folders)
    with Stopwatch() as w:
        write_snapshot(G, file, data_key(folders))
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), str(folder), str(cache)],
                          capture_output=True, text=True, check=True)
    child = json.loads(done.stdout)
    if child["read_files"]:
        raise AssertionError("the snapshot was not current: the child would read the YAML files")
    if (child["nodes"], child["facts"]) != (len(G), G.nx.number_of_edges()):
        raise AssertionError(f"the snapshot holds {child['nodes']} nodes and {child['facts']} "
                             f"facts, the load {len(G)} and {G.nx.number_of_edges()}")
    return {"load.snapshot_write_s": w.seconds, "load.snapshot_mb": file.stat().st_size / 1e6,
            "load.from_snapshot_seconds": child["seconds"],
            "load.from_snapshot_cpu_seconds": child["cpu_seconds"],
            "load.from_snapshot_peak_rss_mb": child["peak_rss_mb"]}


def reopen(folder: Path):
    """The graph as every command after the first gets it: ``open_graph`` through the
    snapshot (``GOVGRAPH_CACHE`` names the folder :func:`measure` wrote it to)."""
    import gc

    from govgraph.loaders import open_graph

    gc.collect()  # the graph loaded from YAML goes first: never two national graphs at once
    return open_graph([folder])


def _child(folder: Path, cache: Path) -> None:
    """What ``load_cached`` does when its snapshot is current, step by step, timed."""
    from govgraph.loaders.register import dataset_dirs
    from govgraph.loaders.snapshot import data_key, read_snapshot, snapshot_path

    cpu = time.process_time()
    with Stopwatch() as w:
        folders = dataset_dirs([folder])
        G = read_snapshot(snapshot_path(cache, folders), data_key(folders))
    print(json.dumps({"seconds": w.seconds, "cpu_seconds": time.process_time() - cpu,
                      "peak_rss_mb": peak_rss_mb(), "read_files": G is None,
                      "nodes": len(G) if G else 0, "facts": G.nx.number_of_edges() if G else 0}))


if __name__ == "__main__":
    _child(Path(sys.argv[1]), Path(sys.argv[2]))
