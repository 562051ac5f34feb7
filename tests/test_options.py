"""Options on the real bundled data: reading, applying, dates, based_on, the baseline untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import normalise_text
from govgraph.data import bundled_options_dir
from govgraph.graph.chain import chain
from govgraph.graph.facts import facts
from govgraph.graph.options import (OPERATIONS, UnknownOption, apply_option, find_option,
                                    list_options, scenario)
from govgraph.loaders import load_datasets
from govgraph.data import bundled_data_dir
from govgraph.loaders.options import load_options, open_options, option_dirs

ROOT = Path(__file__).resolve().parents[1]
KENT = ("kent-2014-continue", "kent-2014-dissolve-csip", "kent-2014-dissolve-csip-align-cpp",
        "kent-2014-csip-to-cstp")
LEICS = ("leics-2014-current", "leics-2014-new-structure")


@pytest.fixture(scope="module")
def options():
    return open_options()


def _ids(rows: list[dict]) -> set[tuple]:
    return {(r["subject"]["id"], r["relation"], r["object"]["id"], r["role"] or "") for r in rows}


def test_the_bundled_options_are_listed_with_baseline_and_source(options):
    rows = list_options(options)
    assert {r["id"] for r in rows} >= set(KENT + LEICS)
    by_id = {r["id"]: r for r in rows}
    for option_id in KENT:
        assert by_id[option_id]["baseline"] == "kent-scs"
        assert by_id[option_id]["effective"] == "2014-04-23"
        assert by_id[option_id]["sources"][0]["doc"] == "000_ec8d6a74a8fff0cc.txt"
    for option_id in LEICS:
        assert by_id[option_id]["baseline"] == "leicestershire-csc"
        assert by_id[option_id]["sources"][0]["doc"] == "004_d3a36d0da2e490db.txt"
    assert by_id["kent-2014-dissolve-csip-align-cpp"]["based_on"] == "kent-2014-dissolve-csip"


def test_the_seed_000_numbering_discrepancy_is_noted(options):
    dissolve = options["kent-2014-dissolve-csip"]
    assert "Section 7 option 3" in dissolve.note and "option 2" in dissolve.note
    cstp = options["kent-2014-csip-to-cstp"]
    assert "Option 3 in the Summary, option 2 in section 7" in cstp.note
    locs = {s.loc for s in options["kent-2014-dissolve-csip-align-cpp"].sources}
    assert locs == {"summary option 2"}


def test_every_option_quote_occurs_in_its_seed(options, seed_texts):
    missing = []
    for option in options.values():
        quoted = list(option.sources) + [s for op in option.operations for s in op.sources]
        quoted += [s for op in option.operations for r in op.get("remits") or []
                   if isinstance(r, dict) for s in r["sources"]]
        missing += [(option.id, s.loc, s.quote) for s in quoted
                    if normalise_text(s.quote) not in seed_texts[s.doc]]
    assert not missing, missing


def test_applying_leaves_the_baseline_unchanged(G, options):
    before = G.copy()
    for option in options.values():
        H = apply_option(G, option)
        assert H is not G
    assert G == before
    assert G == load_datasets([bundled_data_dir()])  # and equal to a fresh load
    assert "kent/cstp" not in G and "leics/csc-panel" not in G
    assert G.node("kent/csip").valid_to is None


def test_before_the_date_the_baseline_after_it_the_new_structure(G, options):
    H = apply_option(G, options["kent-2014-dissolve-csip"])
    for day in ("2011-06-22", "2013-10-21", "2014-04-22"):
        assert _ids(facts(H, as_of=day)) == _ids(facts(G, as_of=day)), day
    after = _ids(facts(H, as_of="2014-05-01"))
    assert ("kent/programme-board", "informs", "kent/csip", "") in _ids(facts(G, as_of="2014-05-01"))
    assert not {f for f in after if "kent/csip" in (f[0], f[2])}
    assert H.node("kent/csip").valid_to == "2014-04-22"
    with pytest.raises(ValueError, match="did not exist on 2014-05-01"):
        chain(H, "CSIP", as_of="2014-05-01")
    assert chain(H, "CSIP", as_of="2014-04-22")["start"]["id"] == "kent/csip"


def test_ended_facts_name_the_option_and_keep_their_sources(G, options):
    H = apply_option(G, options["kent-2014-dissolve-csip"])
    ended = [f for f in H.out_facts("kent/programme-board", ["informs"]) if f.object == "kent/csip"]
    assert len(ended) == 1
    assert ended[0].qualifiers["ended_by"] == "kent-2014-dissolve-csip step 1"
    assert ended[0].valid_to == "2014-04-22"
    assert ended[0].sources[0].loc == "2.1"


def test_rename_carries_the_panel_over_from_the_date(G, options):
    H = apply_option(G, options["kent-2014-csip-to-cstp"])
    cstp = H.node("kent/cstp")
    assert cstp.label == "Children's Services Transformation Panel" and "CSTP" in cstp.aliases
    assert cstp.valid_from == "2014-04-23" and cstp.props["composition"] == "member_led"
    assert cstp.props["formal"] is False
    renamed = H.out_facts("kent/csip", ["renamed_to"])
    assert [(f.object, f.valid_from) for f in renamed] == [("kent/cstp", "2014-04-23")]
    # "who would the Programme Board report to under this option?"
    up = chain(H, "Programme Board", as_of="2014-05-01")
    assert ("informs", "kent/cstp") in {(s["relation"], s["object"]["id"]) for s in up["steps"]}
    carried = [f for f in H.in_facts("kent/cstp", ["informs"]) if f.subject == "kent/programme-board"]
    assert carried[0].qualifiers == {"option": "kent-2014-csip-to-cstp", "step": 1}
    assert {s.loc for s in carried[0].sources} >= {"2.1", "section 7 option 2"}
    chairs = {f.object for f in H.out_facts("kent/cstp", ["chaired_by"])}
    assert "kent/person/whittle-j" in chairs
    assert chairs == {f.object for f in G.out_facts("kent/csip", ["chaired_by"])}
    aligned = H.out_facts("kent/cstp", ["aligned_with"])
    assert [f.object for f in aligned] == ["kent/transformation-programme"]
    # the Improvement Board had ended by 2014: its alignment with CSIP is not carried over
    assert "kent/improvement-board" not in {f.object for f in aligned}


def test_based_on_applies_the_base_first(G, options):
    variant = options["kent-2014-dissolve-csip-align-cpp"]
    assert [o.id for o in variant.lineage()] == ["kent-2014-dissolve-csip", variant.id]
    assert variant.effective == "2014-04-23"  # inherited
    sc = scenario(G, variant)
    steps = [(c.option, c.operation.op) for c in sc.changes]
    assert steps[0] == ("kent-2014-dissolve-csip", "dissolve")
    assert ("kent-2014-dissolve-csip-align-cpp", "align") in steps
    H = sc.graph
    assert H.node("kent/csip").valid_to == "2014-04-22"
    assert {f.object for f in H.out_facts("kent/cpp", ["aligned_with"])} >= {"kent/transformation-programme"}


def test_options_without_operations_change_nothing(G, options):
    for option_id in ("kent-2014-continue", "leics-2014-current"):
        assert apply_option(G, options[option_id]) == G


def test_unknown_option_suggests_close_ids(options):
    with pytest.raises(UnknownOption, match="kent-2014-dissolve-csip"):
        find_option(options, "kent-2014-disolve-csip")


def test_options_are_read_beside_a_data_folder(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "dataset.yaml").write_text("id: mine\ntitle: Mine\ndocuments: []\n")
    (tmp_path / "options").mkdir()
    assert option_dirs([tmp_path / "mine"]) == [bundled_options_dir(), tmp_path / "options"]
    assert option_dirs([tmp_path]) == [bundled_options_dir(), tmp_path / "options"]


def test_every_operation_is_documented():
    text = (ROOT / "docs" / "options-format.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `(\w+)` \| (.*?) \|", text, re.M)}
    assert set(rows) == set(OPERATIONS)
    for name, spec in OPERATIONS.items():
        for field in list(spec.required) + list(spec.optional):
            assert f"`{field}`" in rows[name], (name, field)


def test_the_option_files_are_the_bundled_ones():
    files = sorted(p.name for p in bundled_options_dir().glob("*.yaml"))
    assert files == sorted(f"{i}.yaml" for i in KENT + LEICS)
    assert load_options([bundled_options_dir()]).keys() == set(KENT + LEICS)
