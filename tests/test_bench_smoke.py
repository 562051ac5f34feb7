"""The benchmarks still run: generator and runner at two councils, results that make sense.

The national run (`make bench`) takes many minutes; this runs the same scripts on two
councils with few queries, and skips only the API and Neo4j measures, which start
servers (tests/test_web*.py and the Neo4j store's tests exercise those).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"


def _run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("bench")
    out = root / "results.json"
    _run(str(BENCH / "run.py"), "--councils", "2", "--data-root", str(root), "--out", str(out),
         "--queries", "30", "--budget", "1", "--skip", "api", "neo4j")
    return json.loads(out.read_text())


def test_generator_is_deterministic_and_writes_the_register_format(tmp_path):
    for name in ("a", "b"):
        _run(str(BENCH / "generate.py"), "--councils", "2", "--out", str(tmp_path / name))
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    councils = [p.parent.name for p in (tmp_path / "a").glob("*/dataset.yaml")]
    assert len(councils) == 3 and "uk-national" in councils  # two councils and the national bodies
    assert len(list((tmp_path / "a" / "options").glob("*.yaml"))) == 6
    from govgraph.loaders import load_datasets

    G = load_datasets([tmp_path / "a"])  # strict: any bad file would raise
    bodies = [n for n in G.nodes("Body")]
    assert 100 <= len(bodies) <= 2 * 110
    kinds = {n.props.get("kind") for n in bodies}
    assert {"council", "cabinet", "scrutiny_committee", "panel", "sub_panel", "board", "partnership",
            "sub_group", "officer_group", "directorate"} <= kinds
    relations = {f.relation for f in G.facts()}
    assert {"reports_to", "informs", "sub_body_of", "member_of", "holds_post", "has_remit",
            "attended", "meeting_of", "chaired_by", "renamed_to"} <= relations


def test_results_have_every_measure_with_sane_values(results):
    assert results["data.councils"] == 2 and results["data.bodies"] >= 100
    # (the interpreter with its imports is about 40 MB; two councils add under 10 MB)
    assert 0 < results["load.seconds"] < 120 and 40 < results["load.peak_rss_mb"] < 4096
    assert len(results["load.runs_s"]) == 3  # each in a fresh process: the median is the result
    assert results["load.seconds"] == sorted(results["load.runs_s"])[1]
    assert results["load.worker_peak_rss_mb"] == 0  # two councils are read in one process
    for query in ("chain", "chain_down", "chain_as_of", "path", "body", "search"):
        assert results[f"{query}.n"] >= 1, query
        assert 0 < results[f"{query}.p50_ms"] <= results[f"{query}.p99_ms"], query
    assert results["chain.n"] == 30


def test_snapshot_load_is_measured_in_its_own_process(results):
    assert results["load.snapshot_mb"] > 0.1 and results["load.snapshot_write_s"] > 0
    assert 0 < results["load.from_snapshot_seconds"] < results["load.seconds"]
    assert 10 < results["load.from_snapshot_peak_rss_mb"] < 4096
    assert results["targets"]["load.from_snapshot_seconds"]["met"] is True


def test_sparql_engines_agree_with_chain_before_ratios_are_given(results):
    assert results["sparql.relations"] == ["reports_to", "informs", "sub_body_of"]
    assert results["sparql.answers_checked"] == 30
    assert results["sparql.triples"] > 1000
    # rdflib's engine is far slower than a direct traversal even on two councils.
    assert results["chain.ratio_vs_rdflib_sparql"] > 1
    assert results["chain.ratio_vs_oxigraph_sparql"] > 0
    # the headline ratios time the chain's core (the steps as facts, like the engines'
    # rows); the JSON answer with labels and sources has ratios of its own
    assert results["chain_core.n"] == 30 and results["sparql.govgraph_trace.n"] >= 1
    assert results["chain.json_ratio_vs_rdflib_sparql"] > 1


def test_options_charts_and_servers_are_measured_or_say_why_not(results):
    if "options.status" not in results:
        assert results["options.count"] >= 6 and results["options.impact.n"] >= 1
        assert results["options.impact.p50_ms"] > 0 and results["options.compare3_measures"] > 0
    else:
        assert results["options.status"].startswith("not available yet")
    if "charts.status" not in results:
        assert results["charts.council_html_kb"] > 1 and results["charts.focused_html_kb"] > 1
    assert results["api.status"] == results["neo4j.status"] == "skipped (--skip)"
    assert set(results["targets"]) >= {"load.seconds", "chain.p50_ms", "chain.ratio_vs_rdflib_sparql",
                                       "options.impact.p50_ms", "api.chain.requests_per_s"}
    assert results["machine"]["cores"] >= 1 and results["run"]["seed"] == 0
