"""The CLI on the real bundled data: run the command, then check through the library."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from govgraph.app.cli import app
from govgraph.graph.chain import chain
from govgraph.graph.rdf import parse
from govgraph.loaders import load_datasets

runner = CliRunner()


def run(*args: str, code: int = 0):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result


def run_json(*args: str):
    return json.loads(run(*args, "--json").stdout)


def test_chain_up_from_the_childrens_transformation_board(G):
    result = run_json("chain", "Children's Transformation Board")
    assert result["start"]["id"] == "kent/transformation-board"
    first = [(s["relation"], s["object"]["id"]) for s in result["steps"] if s["depth"] == 1]
    assert ("reports_to", "kent/portfolio-board-0-25") in first
    assert result == chain(G, "kent/transformation-board")
    table = run("chain", "Children's Transformation Board").stdout
    assert "0-25 Portfolio Board" in table and "reports_to" in table


def test_chain_down_lists_what_sits_below(G):
    result = run_json("chain", "CSIP", "--down")
    assert ("informs", "kent/programme-board") in {
        (s["relation"], s["subject"]["id"]) for s in result["steps"]}


@pytest.mark.parametrize("when, holder", [("2014-04-22", "kent/person/whittle-j"),
                                          ("2014-12", "kent/person/oakford-p")])
def test_who_held_the_cabinet_member_post(when, holder):
    result = run_json("post", "Cabinet Member for Specialist Children's Services", "--as-of", when)
    held_by = next(s for s in result["sections"] if s["relation"] == "holds_post")
    assert [f["subject"]["id"] for f in held_by["facts"]] == [holder]


def test_person_in_minutes_form(G):
    result = run_json("person", "Mrs A D Allen")
    assert result["node"]["id"] == "kent/person/allen-a"
    assert any(s["heading"] == "chairs" for s in result["sections"])


def test_body_shows_chair_with_sources():
    result = run_json("body", "CSIP")
    chairs = next(s for s in result["sections"] if s["relation"] == "chaired_by")
    assert "kent/person/whittle-j" in {f["object"]["id"] for f in chairs["facts"]}
    assert all(f["sources"] for f in chairs["facts"])


def test_unknown_name_exits_2_with_suggestions():
    result = run("body", "CSIPP", code=2)
    assert "Did you mean: Children's Services Improvement Panel (CSIP)" in result.output


def test_bad_date_exits_2():
    assert "not a date" in run("chain", "CSIP", "--as-of", "April 2014", code=2).output


def test_path_between_a_panel_and_a_person():
    result = run_json("path", "Programme Board", "CSIP")
    assert result["paths"] and result["paths"][0]["directed"]
    assert result["paths"][0]["steps"][0]["relation"] == "informs"


def test_search_finds_bodies_and_remits():
    results = run_json("search", "corporate parenting")
    assert results[0]["id"] == "kent/cpp"
    assert any(r["type"] == "Remit" for r in results)


def test_facts_by_relation(G):
    result = run_json("facts", "--relation", "chaired_by")
    assert result and all(f["relation"] == "chaired_by" for f in result)
    assert len(result) == sum(1 for _ in G.facts("chaired_by"))
    assert {"id", "label", "type"} <= set(result[0]["subject"])
    run("facts", "--relation", "chairs", code=2)


def test_a_list_qualifier_reads_as_a_list_in_the_table_and_the_page(G):
    from fastapi.testclient import TestClient

    from govgraph.app.render import _qualifiers
    from govgraph.app.web import create_app

    wanted = "for: the Independent Person in Stage Two complaint investigations; advocacy for"
    [fact] = [f for f in run_json("facts", "--relation", "commissions")
              if f["object"]["id"] == "uk/action-for-children"]
    assert _qualifiers(fact).startswith(wanted)  # the CLI table's cell, not a Python list
    page = TestClient(create_app()).get("/facts?relation=commissions").text
    assert wanted in page and "[&#39;" not in page


def test_check_reports_and_exits_by_violations():
    result = run("check")
    assert "violation(s)" in result.stdout


def test_stats_counts_and_sources(G):
    result = run_json("stats")
    assert result["sourced"]["facts"] == 1.0
    assert set(result["datasets"]) >= {"kent-scs", "leicestershire-csc"}
    assert result["total"]["facts"] == sum(1 for _ in G.facts())


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "json", "graphml", "csv"])
def test_export_formats(tmp_path, G, fmt):
    out = tmp_path / f"g.{fmt}"
    run("export", "--format", fmt, "--out", str(out))
    text = out.read_text()
    if fmt in ("ttl", "jsonld"):
        assert parse(text, fmt) == G
    elif fmt == "json":
        assert len(json.loads(text)["facts"]) == sum(1 for _ in G.facts())
    elif fmt == "csv":
        assert len(text.strip().splitlines()) == sum(1 for _ in G.facts()) + 1
    else:
        assert text.startswith("<?xml")
        import networkx as nx
        assert nx.read_graphml(out).number_of_edges() == sum(1 for _ in G.facts())


def test_data_option_loads_another_folder(tmp_path):
    from govgraph.data import bundled_data_dir
    folder = bundled_data_dir() / "leicestershire-csc"
    result = run_json("stats", "--data", str(folder))
    assert set(result["datasets"]) == {"leicestershire-csc", "uk"}  # it requires uk
    assert load_datasets([folder])


def test_help_lists_every_command():
    out = run("--help").stdout
    for command in ("chain", "path", "body", "person", "post", "search", "facts", "check",
                    "export", "stats", "schema"):
        assert command in out
