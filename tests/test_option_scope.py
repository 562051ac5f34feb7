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
