"""Impact, diff and comparison of the bundled options on the real bundled data."""

from __future__ import annotations

import pytest

from govgraph.graph.options import compare, compare_markdown, diff, impact
from govgraph.graph.options import OptionError
from govgraph.loaders.options import load_options, open_options
from govgraph.data import bundled_options_dir

KENT = ["kent-2014-continue", "kent-2014-dissolve-csip", "kent-2014-dissolve-csip-align-cpp",
        "kent-2014-csip-to-cstp"]


@pytest.fixture(scope="module")
def options():
    return open_options()


@pytest.fixture(scope="module")
def impacts(G, options):
    ids = KENT + ["leics-2014-current", "leics-2014-new-structure"]
    return {i: impact(G, options[i]) for i in ids}


def _flow(result: dict, subject: str, obj: str) -> dict:
    found = [f for f in result["flows"]
             if (f["fact"]["subject"]["id"], f["fact"]["object"]["id"]) == (subject, obj)]
    assert len(found) == 1, [(f["fact"]["subject"]["id"], f["fact"]["object"]["id"])
                             for f in result["flows"]]
    return found[0]


def _csip_remits(G) -> set[str]:
    """The remits only CSIP holds (one it shares with other bodies keeps a home)."""
    remits = {f.object for f in G.out_facts("kent/csip", ["has_remit"])
              if {g.subject for g in G.in_facts(f.object, ["has_remit"])} == {"kent/csip"}}
    assert {"kent/remit/csip-1", "kent/remit/csip-2", "kent/remit/csip-3"} <= remits  # 000 4.2 ToR
    return remits


def _shared_csip_remits(G) -> set[str]:
    return {f.object for f in G.out_facts("kent/csip", ["has_remit"])} - _csip_remits(G)


def test_dissolving_csip_removes_the_programme_board_flow(impacts):
    result = impacts["kent-2014-dissolve-csip"]
    flow = _flow(result, "kent/programme-board", "kent/csip")
    assert flow["cause"] == "recipient removed"
    assert flow["status"] == "reaches nobody"
    assert flow["fact"]["sources"][0]["loc"] == "2.1"
    removed = {(i["subject"]["id"], i["relation"], i["object"]["id"])
               for i in result["diff"]["removed"] if i["kind"] == "fact"}
    assert ("kent/programme-board", "informs", "kent/csip") in removed
    left = {row["body"]["id"]: row for row in result["lines"]["left_without"]}
    assert "kent/programme-board" in left
    assert left["kent/programme-board"]["had"][0]["object"]["id"] == "kent/csip"


def test_dissolving_csip_leaves_its_remits_without_a_home(G, impacts):
    result = impacts["kent-2014-dissolve-csip"]
    homeless = {row["remit"]["id"]: row for row in result["remits"]["left_without_home"]}
    assert _csip_remits(G) <= set(homeless)
    row = homeless["kent/remit/csip-1"]
    assert row["had"][0]["subject"]["id"] == "kent/csip" and row["had"][0]["sources"]
    assert row["remit"]["sources"] and row["remit"]["topics"]
    assert set(result["remits"]["homeless_after"]) - set(result["remits"]["homeless_before"]) \
        == _csip_remits(G)
    # a remit CSIP shares with another body keeps that body
    assert not _shared_csip_remits(G) & set(homeless)
    # the variant from the Summary aligns CPP but transfers nothing: still homeless
    variant = impacts["kent-2014-dissolve-csip-align-cpp"]
    assert _csip_remits(G) <= {r["remit"]["id"] for r in variant["remits"]["left_without_home"]}


def test_an_option_that_transfers_the_remits_leaves_none_homeless(G, tmp_path):
    (tmp_path / "absorb.yaml").write_text("""\
id: absorb-csip-into-cpp
title: Dissolve CSIP, its terms of reference passing to the Corporate Parenting Panel
baseline: kent-scs
effective: 2014-04-23
doc: 000_ec8d6a74a8fff0cc.txt
sources:
  - {loc: "summary option 2", quote: "closer align the Corporate Parenting Panel to the Transformation agenda"}
operations:
  - op: absorb
    body: kent/csip
    into: kent/cpp
    rationale: A reviewer's variant - the Panel's remits pass to CPP.
    sources:
      - {loc: "summary option 2", quote: "Dissolve the Children's Services Improvement Panel (CSIP)"}
""", encoding="utf-8")
    option = load_options([tmp_path])["absorb-csip-into-cpp"]
    result = impact(G, option)
    assert result["remits"]["left_without_home"] == []
    rehomed = {r["remit"]["id"]: r for r in result["remits"]["rehomed"]}
    assert _csip_remits(G) <= set(rehomed)
    moved = rehomed["kent/remit/csip-1"]["to"][0]
    assert moved["subject"]["id"] == "kent/cpp"
    assert {s["loc"] for s in moved["sources"]} >= {"4.2 ToR 1", "summary option 2"}
    assert _flow(result, "kent/programme-board", "kent/csip")["status"] == "reaches nobody"


def test_ofsted_action_plan_updates_still_reach_other_member_bodies(impacts):
    flow = _flow(impacts["kent-2014-dissolve-csip"], "kent/scs", "kent/csip")
    assert flow["status"] == "still reaches others"
    reached = {t["id"]: t for t in flow["still_reaches"]}
    assert {"kent/cpp", "kent/kicsb"} <= set(reached)
    assert reached["kent/cpp"]["member_level"] is True
    assert flow["reaches_member_level"] is True
    assert "Ofsted" in flow["report"]


def test_renaming_csip_loses_nothing(G, impacts):
    result = impacts["kent-2014-csip-to-cstp"]
    assert result["remits"]["left_without_home"] == []
    assert not any(f["reaches_nobody"] for f in result["flows"])
    assert _flow(result, "kent/programme-board", "kent/csip")["status"] == "rerouted"
    topics = {t["topic"]: t for t in result["remits"]["topics"]}
    assert topics["transformation"]["status"] == "gained"
    assert [b["id"] for b in topics["transformation"]["after"]] == ["kent/cstp"]
    whittle = {r["agent"]["id"]: r for r in result["people"]}["kent/person/whittle-j"]
    assert [b["id"] for b in whittle["chairs_gained"]] == ["kent/cstp"]
    assert [b["id"] for b in whittle["chairs_lost"]] == ["kent/csip"]


def test_leicestershire_leaves_no_absorbed_remit_without_a_home(G, impacts):
    result = impacts["leics-2014-new-structure"]
    assert result["remits"]["left_without_home"] == []
    rehomed = {r["remit"]["id"]: r for r in result["remits"]["rehomed"]}
    for panel, remit, into in (("leics/chmp", "leics/remit/chmp-1", "leics/cic-panel"),
                               ("leics/sscr-panel", "leics/remit/sscr-panel-1", "leics/cp-panel")):
        assert {f.object for f in G.out_facts(panel, ["has_remit"])} == {remit}
        assert [t["subject"]["id"] for t in rehomed[remit]["to"]] == [into]
    removed = {i["id"] for i in result["diff"]["removed"] if i["kind"] == "node"}
    assert removed == {"leics/chmp", "leics/sscr-panel"}
    added = {i["id"] for i in result["diff"]["added"] if i["kind"] == "node"}
    assert {"leics/csc-panel", "leics/cic-panel", "leics/cp-panel"} <= added
    # the operational panels continue untouched
    assert not {"leics/fostering-panel", "leics/adoption-panel"} & removed


def test_leicestershire_findings_on_lines_and_people(impacts):
    result = impacts["leics-2014-new-structure"]
    gained = {r["body"]["id"]: r for r in result["lines"]["gained"]}
    assert "leics/sarp" in gained
    assert gained["leics/sarp"]["gains"][0]["relation"] == "scrutinises"
    executive = result["concentration"]["after"]["executive_oversight"]
    assert [(e["agent"]["id"], e["body"]["id"]) for e in executive] == [
        ("leics/post/cabinet-lead-member-cf", "leics/csc-panel")]
    relations = {f["relation"] for f in executive[0]["facts"]}
    assert relations == {"member_of", "holds_to_account"}
    assert result["concentration"]["before"]["executive_oversight"] == []
    seats = {r["agent"]["id"]: r for r in result["people"]}
    assert [b["id"] for b in seats["leics/post/cf-osc-chairman"]["seats_gained"]] == ["leics/csc-panel"]


def test_every_finding_rests_on_sourced_facts(impacts):
    result = impacts["kent-2014-dissolve-csip"]
    facts = [f["fact"] for f in result["flows"]]
    facts += [f for row in result["lines"]["left_without"] for f in row["had"]]
    facts += [f for row in result["remits"]["left_without_home"] for f in row["had"]]
    facts += [f for row in result["people"] for b in row.get("seats_lost", []) for f in b["facts"]]
    assert len(facts) > 10
    assert all(f["sources"] and all(s["doc"] and s["loc"] and s["quote"] for s in f["sources"])
               for f in facts)
    for item in result["diff"]["removed"]:
        assert item["because"] and item["because"][0]["op"] == "dissolve", item
        assert item["because"][0]["sources"][0]["loc"] == "section 7 option 3"


def test_resilience_counts_independent_paths(impacts):
    result = impacts["kent-2014-dissolve-csip"]["resilience"]
    paths = {r["body"]["id"]: r for r in result["paths"]}
    assert paths["kent/programme-board"]["before"] >= 1
    assert paths["kent/programme-board"]["after"] == 0
    assert "kent/csip" in {n["id"] for n in result["articulation_points"]["gone"]} or \
        "kent/csip" not in {n["id"] for n in result["articulation_points"]["before"]}
    assert result["no_path_after"] >= result["no_path_before"]


def test_diff_lists_node_ids_and_fact_keys_for_overlays(G, options):
    result = diff(G, options["kent-2014-csip-to-cstp"])
    assert set(result) >= {"added", "removed", "changed"}
    added = {i.get("id") or i["key"]: i for i in result["added"]}
    assert "kent/cstp" in added and added["kent/cstp"]["kind"] == "node"
    renamed = [i for i in result["added"] if i["kind"] == "fact" and i["relation"] == "renamed_to"]
    assert renamed and renamed[0]["key"] == "kent/csip|renamed_to|kent/cstp|valid_from=2014-04-23"
    removed = [i for i in result["removed"] if i["kind"] == "fact"]
    board = [i for i in removed if i["subject"]["id"] == "kent/programme-board"][0]
    assert board["key"] == "kent/programme-board|informs|kent/csip"
    assert board["applied_key"].startswith("kent/programme-board|informs|kent/csip|")
    changed = {i["id"]: i for i in result["changed"]}
    assert "informs" in changed["kent/programme-board"]["what"]
    assert not any(i["kind"] == "fact" and i["relation"] == "meeting_of" for i in removed)


def test_compare_puts_the_baseline_first_and_marks_the_best(G, options):
    result = compare(G, [options[i] for i in KENT])
    assert result["columns"] == ["baseline"] + KENT
    rows = {r["key"]: r for r in result["measures"]}
    homeless = rows["remits_without_home"]
    assert homeless["values"]["kent-2014-dissolve-csip"] > homeless["values"]["baseline"]
    assert homeless["values"]["kent-2014-csip-to-cstp"] == homeless["values"]["baseline"]
    assert "kent-2014-csip-to-cstp" in homeless["best"]
    assert "kent-2014-dissolve-csip" not in homeless["best"]
    assert homeless["versus_baseline"]["kent-2014-dissolve-csip"] == "worse"
    assert rows["flows_reaching_nobody"]["values"]["baseline"] is None
    by_id = {o["id"]: o for o in result["options"]}
    steps = by_id["kent-2014-dissolve-csip-align-cpp"]["changes"]
    assert [(s["option"], s["op"]) for s in steps] == [
        ("kent-2014-dissolve-csip", "dissolve"), ("kent-2014-dissolve-csip-align-cpp", "align"),
        ("kent-2014-dissolve-csip-align-cpp", "add_remit")]
    assert steps[0]["rationale"] and steps[0]["sources"][0]["loc"] == "section 7 option 3"
    assert by_id["kent-2014-continue"]["diff"]["removed"] == []


def test_compare_markdown_is_a_committee_table(G, options):
    text = compare_markdown(compare(G, [options[i] for i in KENT]))
    lines = text.splitlines()
    header = next(l for l in lines if l.startswith("| Measure"))
    assert header.count("|") == len(KENT) + 3
    assert "| Baseline |" in header and "`kent-2014-dissolve-csip`" in header
    assert any(l.startswith("| Remits without a home") and "**" in l for l in lines)
    assert "### Dissolve the Children's Services Improvement Panel (CSIP)" in text
    assert "1. **dissolve** body Children's Services Improvement Panel." in text
    assert 'section 7 option 3: "3. Dissolve the Children\'s Services Improvement Panel (CSIP)."' in text
    assert "No changes (the current arrangements)." in text


def test_compare_refuses_options_on_different_baselines(G, options):
    with pytest.raises(OptionError, match="different baselines"):
        compare(G, [options["kent-2014-continue"], options["leics-2014-new-structure"]])
    with pytest.raises(OptionError, match="more than once"):
        compare(G, [options["kent-2014-continue"], options["kent-2014-continue"]])


def test_the_bundled_options_all_apply(G):
    for option in load_options([bundled_options_dir()]).values():
        result = impact(G, option)
        assert result["option"]["id"] == option.id
        assert set(result["measures"]) >= {"remits_without_home", "no_upward_line", "bridges"}


def test_facts_last_seen_before_the_option_are_listed_as_assumed(G, impacts):
    result = impacts["kent-2014-dissolve-csip"]
    effective = result["effective"]
    assumed = result["assumed"]
    assert len(assumed) >= 50  # seed 003's 2011 minutes: seats, posts, reports
    for row in assumed:
        fact = row["fact"]
        assert fact["valid_from"] is None and fact["valid_to"] is None
        assert row["last_attested"] == max(fact["attested"]) < effective
    seats = {(r["fact"]["subject"]["id"], r["fact"]["object"]["id"]) for r in assumed
             if r["fact"]["relation"] == "member_of"}
    assert ("kent/person/cooke-g", "kent/cpp") in seats  # CPP 21 June 2011 PRESENT
    # Facts with dates of their own, or attested on or after the option's date, are not.
    listed = [r["fact"] for r in assumed]
    dated = [f for f in G.facts() if f.valid_from and f.subject.startswith("kent/")]
    recent = [f for f in G.facts() if f.attested and max(f.attested) >= effective]
    assert dated and recent
    assert not any(f.to_dict(G) in listed for f in dated + recent)
    # The comparison says so once.
    notes = compare(G, [open_options()["kent-2014-dissolve-csip"]])["notes"]
    assert any(f"{len(assumed)} facts of kent-scs are known only from papers dated before "
               f"{effective}" in n for n in notes)


def test_assumed_facts_run_to_the_end_of_their_last_period():
    from govgraph.graph.model import Fact, GovGraph, Node, Source
    from govgraph.graph.options.structure import assumed_standing

    S, s = GovGraph(), (Source("d", "1", "q"),)
    for i in "abc":
        S.add_node(Node(i, "Body", i.upper(), sources=s))
    S.add_fact(Fact("a", "informs", "b", attested=("2011",), sources=s))
    S.add_fact(Fact("a", "informs", "c", attested=("2011-06-21",), sources=s))
    # "2011" runs to 31 December: the latest, and last (the compare note reads the last).
    assert [last for _, last in assumed_standing(S, "2014-01-01")] == ["2011-06-21", "2011"]
    # On 31 December 2011, "2011" still holds; 21 June is past.
    assert [last for _, last in assumed_standing(S, "2011-12-31")] == ["2011-06-21"]


def test_a_body_in_the_chair_is_not_a_person_or_post(G):
    from govgraph.graph.options.people import seats

    assert "kent/kent-youth-county-council" not in seats(G)
    assert "kent/person/whittle-j" in seats(G)
