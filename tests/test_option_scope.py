"""Options applied to their scope give the same impact and diff as on the whole graph."""

import json

import pytest

from govgraph.graph.options import compare, diff, impact
from govgraph.graph.options.apply import scenario
from govgraph.graph.options.diff import scenario_diff
from govgraph.graph.options.impact import scenario_impact
from govgraph.graph.options.scope import option_scope
from govgraph.loaders.options import open_options

OPTIONS = open_options()


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


@pytest.mark.parametrize("option_id", sorted(OPTIONS))
def test_scoped_impact_equals_whole_graph_impact(G, option_id):
    option = OPTIONS[option_id]
    whole = scenario_impact(scenario(G, option, whole=True))
    assert _same(impact(G, option), whole)
    assert _same(diff(G, option), scenario_diff(scenario(G, option, whole=True)))


@pytest.mark.parametrize("option_id", sorted(OPTIONS))
def test_scope_holds_the_baseline_dataset_and_what_it_touches(G, option_id):
    option = OPTIONS[option_id]
    part = option_scope(G, option)
    baseline = [n.id for n in G.nodes() if n.dataset == option.baseline]
    assert baseline and all(node_id in part for node_id in baseline)
    other = [n.id for n in G.nodes() if n.dataset not in (option.baseline, "uk")
             and n.type != "Document"]
    assert other and not any(node_id in part for node_id in other)
    # every fact between two kept nodes is kept
    kept = {f.key for f in part.facts()}
    assert all(f.key in kept for f in G.facts() if f.subject in part and f.object in part)
    assert part.documents == G.documents


def test_scope_keeps_whole_graph_when_baseline_dataset_is_missing(G):
    from dataclasses import replace

    option = replace(OPTIONS["kent-2014-dissolve-csip"], baseline="no-such-dataset")
    assert option_scope(G, option) is G


def test_scenario_on_scope_leaves_baseline_untouched(G):
    before = len(list(G.facts()))
    sc = scenario(G, OPTIONS["kent-2014-dissolve-csip"])
    assert len(list(G.facts())) == before
    assert "leics/lcc" not in sc.graph and "kent/csip" in sc.graph


def test_compare_uses_the_same_impacts(G):
    ids = ["kent-2014-continue", "kent-2014-dissolve-csip"]
    table = compare(G, [OPTIONS[i] for i in ids])
    for option_id in ids:
        whole = scenario_impact(scenario(G, OPTIONS[option_id], whole=True))["measures"]
        assert {row["key"]: row["values"][option_id] for row in table["measures"]} == \
            {key: value["after"] for key, value in whole.items()}


_HEAD = """id: {id}
title: {title}
baseline: kent-scs
effective: 2014-04-23
doc: 000_ec8d6a74a8fff0cc.txt
sources:
  - {{loc: "section 7 option 3", quote: "3. Dissolve the Children's Services Improvement Panel (CSIP)."}}
operations:
"""
_SOURCE = """    rationale: a step naming another dataset's body
    sources:
      - {loc: "section 7", quote: "Dissolve"}
"""


def _cross_dataset_option(tmp_path, option_id: str, steps: list[str]):
    from govgraph.graph.options import OptionError
    from govgraph.loaders.options import load_options

    folder = tmp_path / "options"
    folder.mkdir(exist_ok=True)
    body = "".join(step + _SOURCE for step in steps)
    (folder / f"{option_id}.yaml").write_text(
        _HEAD.format(id=option_id, title=option_id) + body, encoding="utf-8")
    return load_options([folder])[option_id], OptionError


def _outcome(run, error_type) -> str:
    try:
        return json.dumps(run(), sort_keys=True, default=str)
    except error_type as exc:
        return f"error: {exc}"


def test_a_conflict_on_a_named_bodys_own_facts_is_found_on_the_scope(G, tmp_path):
    # Absorbing another council's panel brings its remits; dissolving the receiver then
    # changes those remits too: a conflict only the absorbed body's facts reveal.
    option, error = _cross_dataset_option(tmp_path, "absorb-then-dissolve", [
        "  - op: absorb\n    body: leics/chmp\n    into: kent/csip\n",
        "  - op: dissolve\n    body: kent/csip\n"])
    scoped = _outcome(lambda: impact(G, option), error)
    assert scoped.startswith("error:") and "conflicts with step 1" in scoped
    assert scoped == _outcome(lambda: scenario_impact(scenario(G, option, whole=True)), error)


def test_errors_on_the_scope_are_those_of_the_whole_graph(G, tmp_path):
    option, error = _cross_dataset_option(tmp_path, "typo", [
        "  - op: add_line\n    subject: kent/csip\n    relation: informs\n    object: leics/chmpp\n"])
    scoped = _outcome(lambda: impact(G, option), error)
    assert "did you mean leics/chmp" in scoped
    assert scoped == _outcome(lambda: scenario_impact(scenario(G, option, whole=True)), error)
