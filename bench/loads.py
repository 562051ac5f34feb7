"""The loads, each in a fresh process: from the YAML files, and from the snapshot.

    python bench/loads.py yaml DATA CACHE        # (a child) load the files, write the snapshot
    python bench/loads.py yaml-only DATA CACHE   # (a child) load the files
    python bench/loads.py snapshot DATA CACHE    # (a child) load through the snapshot

Each load runs in a process of its own, so its time and peak memory are its own and
no other national graph shares the machine's memory with it. The first three read and
check the YAML (``load_datasets``: what the first command on new data costs), and the
first of them then writes the snapshot; the others read the snapshot the way every later
command and server does (:func:`govgraph.loaders.snapshot.load_cached`), three times.
Each kind reports its median, as this shared machine's speed swings from one minute to
the next. :func:`reopen` then gives the runner the graph the same way.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import Stopwatch, peak_rss_mb, rss_mb  # noqa: E402

__all__ = ["measure", "reopen"]

#: Loads from the YAML files, and from the snapshot, measured; the median is the result.
YAML_LOADS = 3
SNAPSHOT_LOADS = 3


def measure(folder: Path, cache: Path, *, snapshot: bool = True) -> dict:
    """The YAML loads, the snapshot write and (unless ``snapshot`` is False) snapshot loads."""
    out = _run_child("yaml", folder, cache)
    loads = [out] + [_run_child("yaml-only", folder, cache) for _ in range(YAML_LOADS - 1)]
    seconds = [load["load.seconds"] for load in loads]
    out.update({"load.seconds": statistics.median(seconds), "load.runs_s": seconds,
                "load.cpu_seconds": statistics.median(load["load.cpu_seconds"] for load in loads),
                "load.peak_rss_mb": max(load["load.peak_rss_mb"] for load in loads),
                "load.worker_peak_rss_mb": max(load["load.worker_peak_rss_mb"] for load in loads)})
    if any(load["data.facts"] != out["data.facts"] for load in loads):
        raise AssertionError("the YAML loads hold different facts")
    if snapshot:
        loads = [_run_child("snapshot", folder, cache) for _ in range(SNAPSHOT_LOADS)]
        seconds = [load["load.from_snapshot_seconds"] for load in loads]
        out.update({"load.from_snapshot_seconds": statistics.median(seconds),
                    "load.from_snapshot_runs_s": seconds,
                    "load.from_snapshot_cpu_seconds": statistics.median(
                        load["load.from_snapshot_cpu_seconds"] for load in loads),
                    "load.from_snapshot_peak_rss_mb": max(
                        load["load.from_snapshot_peak_rss_mb"] for load in loads)})
        if any(load["facts"] != out["data.facts"] for load in loads):
            raise AssertionError("a snapshot load holds other facts than the YAML load")
    return out


def reopen(folder: Path):
    """The graph as every command after the first gets it: ``open_graph``, through the
    snapshot when ``GOVGRAPH_CACHE`` names the folder :func:`measure` wrote it to."""
    from govgraph.loaders import open_graph

    return open_graph([folder])


def _run_child(kind: str, folder: Path, cache: Path) -> dict:
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), kind, str(folder),
                           str(cache)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the {kind} load failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def _yaml(folder: Path, cache: Path, *, write: bool = True) -> dict:
    """Read and check the files (nothing cached), then write their snapshot (if ``write``)."""
    from govgraph.loaders import load_datasets
    from govgraph.loaders.register import dataset_dirs
    from govgraph.loaders.snapshot import data_key, snapshot_path, write_snapshot

    generated = json.loads((folder / "GENERATED.json").read_text())
    before, cpu = rss_mb(), time.process_time()
    with Stopwatch() as w:
        G = load_datasets([folder])
    out = {"load.seconds": w.seconds, "load.cpu_seconds": time.process_time() - cpu,
           "load.peak_rss_mb": peak_rss_mb(), "load.graph_rss_mb": rss_mb() - before,
           # The process that read part of the files (govgraph.loaders.parallel); it has
           # ended before this one builds its last datasets, where this one's peak is.
           "load.worker_peak_rss_mb": _children_peak_rss_mb(),
           "data.councils": generated["councils"], "data.years_of_meetings": generated["years"],
           "data.yaml_mb": generated["bytes"] / 1e6, "data.files": generated["files"],
           "data.nodes": len(G), "data.facts": G.nx.number_of_edges(),
           "data.bodies": sum(1 for _ in G.nodes("Body")),
           "data.options": generated.get("options", 0)}
    if not write:
        return out
    folders = dataset_dirs([folder])
    file = snapshot_path(cache, folders)
    with Stopwatch() as w:
        write_snapshot(G, file, data_key(folders))
    out.update({"load.snapshot_write_s": w.seconds, "load.snapshot_mb": file.stat().st_size / 1e6})
    return out


def _children_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux


def _snapshot(folder: Path, cache: Path) -> dict:
    """What ``load_cached`` does when its snapshot is current, step by step, timed."""
    from govgraph.loaders.register import dataset_dirs
    from govgraph.loaders.snapshot import data_key, read_snapshot, snapshot_path

    cpu = time.process_time()
    with Stopwatch() as w:
        folders = dataset_dirs([folder])
        G = read_snapshot(snapshot_path(cache, folders), data_key(folders))
    if G is None:
        raise AssertionError("the snapshot was not current: a command would read the YAML files")
    return {"load.from_snapshot_seconds": w.seconds,
            "load.from_snapshot_cpu_seconds": time.process_time() - cpu,
            "load.from_snapshot_peak_rss_mb": peak_rss_mb(), "facts": G.nx.number_of_edges()}


if __name__ == "__main__":
    child = {"yaml": _yaml, "yaml-only": partial(_yaml, write=False), "snapshot": _snapshot}[sys.argv[1]]
    print(json.dumps(child(Path(sys.argv[2]), Path(sys.argv[3]))))
