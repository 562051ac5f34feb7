"""The options commands and --option on the query commands, on the real bundled data."""

from __future__ import annotations

import json
import os

from typer.testing import CliRunner

from govgraph.app.cli import app
from govgraph.data import bundled_data_dir
from govgraph.graph.options import compare, find_option, impact
from govgraph.loaders.options import open_options

runner = CliRunner()
KENT = ["kent-2014-continue", "kent-2014-dissolve-csip", "kent-2014-dissolve-csip-align-cpp",
        "kent-2014-csip-to-cstp"]


def run(*args: str, code: int = 0):
    # a wide terminal, so that table cells are not folded mid-word
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result


def run_json(*args: str):
    return json.loads(run(*args, "--json").stdout)


def test_options_lists_the_bundled_options():
    rows = run_json("options")
    by_id = {r["id"]: r for r in rows}
    assert set(KENT) <= set(by_id)
    assert by_id["leics-2014-new-structure"]["baseline"] == "leicestershire-csc"
    table = run("options").stdout
    assert "kent-2014-csip-to-cstp" in table and "kent-scs" in table


def test_impact_answers_as_the_library_does(G):
    result = run_json("impact", "kent-2014-dissolve-csip")
    assert result == json.loads(json.dumps(impact(G, find_option(open_options(), "kent-2014-dissolve-csip"))))
    table = run("impact", "kent-2014-dissolve-csip").stdout
    assert "Remit left without a home" in table
    assert "Specialist Children's Services Improvement Programme Board" in table
    assert "reaches nobody" in table
    assert f"Assumed to continue: {len(result['assumed'])} facts known only from papers" in table
    assert "more (--json lists them all)" in table


def test_compare_json_markdown_and_table(G):
    result = run_json("compare", *KENT)
    assert result == json.loads(json.dumps(compare(G, [find_option(open_options(), i) for i in KENT])))
    markdown = run("compare", *KENT, "--markdown").stdout
    assert markdown.startswith("## Governance options compared (kent-scs, from 2014-04-23)")
    assert "| Measure | Baseline |" in markdown
    table = run("compare", "kent-2014-dissolve-csip", "kent-2014-csip-to-cstp").stdout
    assert "Remits without a home" in table
    run("compare", *KENT, "--json", "--markdown", code=2)


def test_an_unknown_option_exits_2_with_suggestions():
    result = run("impact", "kent-2014-disolve-csip", code=2)
    assert "No option 'kent-2014-disolve-csip'" in result.stderr
    assert "kent-2014-dissolve-csip" in result.stderr
    result = run("chain", "CSIP", "--option", "no-such-option", code=2)
    assert "No option 'no-such-option'" in result.stderr


def test_an_invalid_option_file_beside_the_data_exits_2_naming_file_and_line(tmp_path):
    os.symlink(bundled_data_dir() / "kent-scs", tmp_path / "kent-scs")
    (tmp_path / "options").mkdir()
    bad = tmp_path / "options" / "bad.yaml"
    bad.write_text("""\
id: bad
title: Bad
baseline: kent-scs
effective: 2014-04-23
doc: 000_ec8d6a74a8fff0cc.txt
sources: [{loc: "4.2", quote: "The CSIP is an informal group"}]
operations:
  - op: dissolve
    body: kent/improvement-board
    rationale: It had already ended.
    sources: [{loc: "3.1", quote: "the Improvement Board held its last meeting 21 October 2013"}]
""", encoding="utf-8")
    listed = run_json("options", "--data", str(tmp_path / "kent-scs"))
    assert "bad" in {r["id"] for r in listed}
    result = run("impact", "bad", "--data", str(tmp_path / "kent-scs"), code=2)
    assert f"{bad}:8: dissolve (step 1 of bad)" in result.stderr
    assert "does not exist on the option's date" in result.stderr
    result = run("chain", "CSIP", "--option", "bad", "--data", str(tmp_path / "kent-scs"), code=2)
    assert f"{bad}:8:" in result.stderr


def test_chain_under_an_option_before_and_after_its_date():
    after = run_json("chain", "Programme Board", "--option", "kent-2014-csip-to-cstp",
                     "--as-of", "2014-05-01")
    assert ("informs", "kent/cstp") in {(s["relation"], s["object"]["id"]) for s in after["steps"]}
    before = run_json("chain", "Programme Board", "--option", "kent-2014-csip-to-cstp",
                      "--as-of", "2014-04-22")
    baseline = run_json("chain", "Programme Board", "--as-of", "2014-04-22")
    assert {(s["relation"], s["object"]["id"]) for s in before["steps"]} == \
        {(s["relation"], s["object"]["id"]) for s in baseline["steps"]}
    dissolved = run_json("chain", "Programme Board", "--option", "kent-2014-dissolve-csip",
                         "--as-of", "2014-05-01")
    assert "kent/csip" not in {s["object"]["id"] for s in dissolved["steps"]}


def test_body_person_post_search_facts_path_take_an_option():
    option = ("--option", "leics-2014-new-structure")
    run("body", "Children's Social Care Panel", code=2)  # not in the baseline
    panel = run_json("body", "Children's Social Care Panel", *option)
    assert panel["node"]["id"] == "leics/csc-panel" and panel["node"]["valid_from"] == "2014-09-02"
    headings = {s["heading"] for s in panel["sections"]}
    assert {"has sub-body", "has member", "holds to account"} <= headings
    post = run_json("post", "Cabinet Lead Member for Children and Families", *option)
    seats = [f["object"]["id"] for s in post["sections"] if s["relation"] == "member_of"
             for f in s["facts"]]
    assert "leics/csc-panel" in seats
    person = run_json("person", "Jenny Whittle", "--option", "kent-2014-csip-to-cstp")
    chairs = [f["subject"]["id"] for s in person["sections"] if s["relation"] == "chaired_by"
              for f in s["facts"]]
    assert "kent/cstp" in chairs
    found = run_json("search", "CSTP", "--option", "kent-2014-csip-to-cstp")
    assert found[0]["id"] == "kent/cstp"
    renamed = run_json("facts", "--relation", "renamed_to", "--option", "kent-2014-csip-to-cstp")
    assert ("kent/csip", "kent/cstp") in {(f["subject"]["id"], f["object"]["id"]) for f in renamed}
    route = run_json("path", "Secure Accommodation Review Panel", "Children's Social Care Panel", *option)
    assert route["paths"]
