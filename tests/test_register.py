"""The register loader: strict, located errors, nothing partly loaded."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from govgraph.loaders import RegisterError, load_datasets, open_graph

DOCS = Path(__file__).resolve().parents[1] / "docs"

DATASET = """\
id: test
title: Test
documents:
  - id: seed.txt
    title: A seed
"""

GOOD = """\
doc: seed.txt
nodes:
  - id: t/panel
    type: Body
    label: Test Panel
    sources: [{loc: "1", quote: "a panel"}]
  - id: t/board
    type: Body
    label: Test Board
    sources: [{loc: "2", quote: "a board"}]
facts:
  - subject: t/panel
    relation: reports_to
    object: t/board
    sources: [{loc: "3", quote: "reports to"}]
"""


def write_dataset(tmp_path: Path, register: str, name: str = "register.yaml") -> Path:
    folder = tmp_path / "test"
    folder.mkdir(exist_ok=True)
    (folder / "dataset.yaml").write_text(DATASET)
    (folder / name).write_text(textwrap.dedent(register))
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(RegisterError) as caught:
        load_datasets([folder])
    return [str(p) for p in caught.value.problems]


def test_a_good_register_loads(tmp_path):
    G = load_datasets([write_dataset(tmp_path, GOOD)])
    assert [f.object for f in G.out_facts("t/panel")] == ["t/board"]
    assert G.node("t/panel").sources[0].doc == "seed.txt"


@pytest.mark.parametrize("change, line, message", [
    (("relation: reports_to", "relation: report_to"), 12, "unknown relation 'report_to'"),
    (("object: t/board", "object: t/cabinet"), 12, "unknown id 't/cabinet'"),
    (("    label: Test Board\n", "    label: Test Board\n    valid_from: 2011-13\n"), 7,
     "bad date in valid_from"),
    (("id: t/board", "id: t/panel"), 7, "duplicate id 't/panel' (first declared at"),
    (("    type: Body\n    label: Test Panel", "    type: Bodie\n    label: Test Panel"), 3,
     "unknown node type 'Bodie'"),
    (('sources: [{loc: "3", quote: "reports to"}]', "note: no source"), 12, "no sources"),
    (("object: t/board", "object: seed.txt"), 12, "reports_to cannot link a Document"),
    (("    label: Test Board\n", "    label: Test Board\n    note: 2014-09-01\n"), 7,
     "note must be text, not datetime.date(2014, 9, 1) (put it in quotes)"),
    (("    object: t/board\n", "    object: t/board\n    inferred: {from: x}\n"), 12,
     "inferred must be text"),
    (("    object: t/board\n", "    object: t/board\n    qualifiers: {interim: true}\n"), 12,
     "unknown qualifier 'interim' for reports_to (allowed: option, step, ended_by)"),
    (("relation: reports_to\n    object: t/board\n",
      "relation: informs\n    object: t/board\n    qualifiers: {on: minutes}\n"), 12,
     "qualifier name True is not text (YAML reads on, off, yes and no as true or false)"),
    (("relation: reports_to\n    object: t/board\n",
      "relation: informs\n    object: t/board\n    qualifiers: {report: minutes}\n"), 12,
     "unknown qualifier 'report' for informs (allowed: what, reports,"),
    (("relation: reports_to\n    object: t/board\n",
      "relation: informs\n    object: t/board\n    qualifiers: {planned: maybe}\n"), 12,
     "qualifier planned of informs: expected true or false, not 'maybe'"),
    (("relation: reports_to\n    object: t/board\n",
      "relation: informs\n    object: t/board\n    qualifiers: {date: sometime}\n"), 12,
     "bad date in qualifier date: 'sometime' is not a date"),
    (("relation: reports_to\n    object: t/board\n",
      "relation: informs\n    object: t/board\n    qualifiers: {what: [a, b]}\n"), 12,
     "qualifier what of informs: expected a text, not ['a', 'b']"),
    (("    object: t/board\n", "    object: t/board\n    qualifiers: {option: t/x, step: one}\n"),
     12, "qualifier step of reports_to: expected a number, not 'one'"),
    # each check of a fact, on the loader's quick paths for facts without dates,
    # attestations or notes too
    (("    object: t/board\n", ""), 12, "fact without object"),
    (("    object: t/board\n", "    object: t/board\n    attested: 2011-06-21\n"), 12,
     "attested must be a list of dates"),
    (("    object: t/board\n", "    object: t/board\n    attested: [2011-06-21, 2011-06]\n"
      "    note: [a]\n"), 12, "note must be text, not ['a']"),
    (("    object: t/board\n", "    object: t/board\n    attested: [2011-06-21, 2011-13]\n"),
     12, "bad date in attested: "),
    (("    object: t/board\n", "    object: t/board\n    valid_to: 2011-13\n"), 12,
     "bad date in valid_to"),
    (("    object: t/board\n", "    object: t/board\n    valid_from: 2012\n"
      "    valid_to: 2011-04\n"), 12, "valid_from 2012 is after valid_to 2011-04"),
    (('sources: [{loc: "3", quote: "reports to"}]', 'sources: [{loc: "3"}]'), 15,
     "a source needs doc (or the file's doc:), loc and quote"),
    (('sources: [{loc: "3", quote: "reports to"}]', 'sources: [{loc: "3", quote: "q", page: 2}]'),
     15, "unknown key 'page' in a source"),
])
def test_each_problem_names_file_line_and_problem(tmp_path, change, line, message):
    folder = write_dataset(tmp_path, GOOD.replace(*change))
    problems = problems_of(folder)
    assert any(p.startswith(f"{folder / 'register.yaml'}:{line}:") and message in p
               for p in problems), problems


def test_all_problems_are_reported_together(tmp_path):
    bad = GOOD.replace("relation: reports_to", "relation: report_to").replace(
        "id: t/board", "id: t/panel")
    assert len(problems_of(write_dataset(tmp_path, bad))) == 2


def test_invalid_yaml_is_located(tmp_path):
    problems = problems_of(write_dataset(tmp_path, GOOD + "  - : [\n"))
    assert problems and "invalid YAML" in problems[0] and ":1" not in problems[0].split(": ")[0][-2:]


def test_duplicate_yaml_keys_are_refused(tmp_path):
    bad = GOOD.replace("    label: Test Board\n", "    label: Test Board\n    label: Again\n")
    assert any("duplicate key 'label'" in p for p in problems_of(write_dataset(tmp_path, bad)))


def test_a_bad_file_loads_nothing_even_beside_good_ones(tmp_path):
    folder = write_dataset(tmp_path, GOOD)
    (folder / "zz-bad.yaml").write_text("nodes:\n  - id: t/x\n    type: Body\n")
    with pytest.raises(RegisterError) as caught:
        load_datasets([folder])
    # the error is about the bad file only, and no graph came back to use
    assert all("zz-bad.yaml" in str(p) for p in caught.value.problems)


def test_bad_bundled_copy_gives_the_right_error_and_loads_nothing(tmp_path):
    from govgraph.data import bundled_data_dir
    copy = tmp_path / "data"
    for name in ("kent-scs", "uk"):
        shutil.copytree(bundled_data_dir() / name, copy / name)
    register = copy / "kent-scs" / "000-post-improvement.yaml"
    text = register.read_text()
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "relation: informs" in l)
    register.write_text(text.replace("relation: informs", "relation: feeds_into", 1))
    with pytest.raises(RegisterError) as caught:
        open_graph([copy])
    found = [p for p in caught.value.problems if "unknown relation 'feeds_into'" in p.message]
    assert len(found) == 1
    assert found[0].file.endswith("000-post-improvement.yaml")
    assert line - 3 <= found[0].line <= line  # the line where that fact's mapping starts


def test_mentions_add_aliases_and_sources(tmp_path):
    folder = write_dataset(tmp_path, GOOD)
    (folder / "second.yaml").write_text(
        "doc: seed.txt\nmentions:\n  - id: t/panel\n    aliases: [TP]\n"
        "    sources: [{loc: '9', quote: 'the panel again'}]\n")
    node = load_datasets([folder]).node("t/panel")
    assert node.aliases == ("TP",) and [s.loc for s in node.sources] == ["1", "9"]


def test_the_documented_example_loads(tmp_path):
    """The complete example in docs/register-format.md is valid."""
    text = (DOCS / "register-format.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    dataset, register = blocks[0], blocks[1]
    from govgraph.data import bundled_data_dir
    shutil.copytree(bundled_data_dir() / "uk", tmp_path / "uk")  # the example requires it
    folder = tmp_path / "example"
    folder.mkdir()
    (folder / "dataset.yaml").write_text(dataset)
    # the example cites people and bodies it does not declare; declare them minimally
    extra = yaml.safe_load(register)
    ids = {f[k] for f in extra["facts"] for k in ("subject", "object")} | {
        m["id"] for m in extra["mentions"]}
    declared = {n["id"] for n in extra["nodes"]}
    stubs = "doc: 000_ec8d6a74a8fff0cc.txt\nnodes:\n" + "".join(
        f"  - {{id: {i}, type: Person, label: {i}, sources: [{{loc: x, quote: y}}]}}\n"
        for i in sorted(ids - declared))
    (folder / "a-stubs.yaml").write_text(stubs)
    (folder / "b-example.yaml").write_text(register)
    G = load_datasets([folder])
    assert G.node("kent/csip").props["composition"] == "member_led"


def test_required_datasets_load_with_the_one_asked_for(tmp_path):
    base = tmp_path / "base"
    base.mkdir()
    (base / "dataset.yaml").write_text("id: base\ntitle: Base\ndocuments:\n  - {id: seed.txt, title: A seed}\n")
    (base / "n.yaml").write_text("doc: seed.txt\nnodes:\n  - {id: b/org, type: Organisation, "
                                 "label: Org, sources: [{loc: '1', quote: q}]}\n")
    top = write_dataset(tmp_path, GOOD.replace("relation: reports_to\n    object: t/board",
                                               "relation: part_of\n    object: b/org"))
    (top / "dataset.yaml").write_text("id: test\ntitle: T\nrequires: [base]\n"
                                      "documents:\n  - {id: seed.txt, title: A seed}\n")
    G = load_datasets([top])
    assert G.node("b/org").dataset == "base" and G.node("t/panel").dataset == "test"


def test_a_fact_may_name_a_node_of_a_dataset_loaded_after_its_own(tmp_path):
    """Each dataset is built as it is read; a fact naming a node of a later dataset (one
    its own does not require) waits for it, and one naming no node at all is refused,
    at its own line, once every dataset is in."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "dataset.yaml").write_text(DATASET.replace("id: test", "id: a"))
    (tmp_path / "a" / "r.yaml").write_text(
        GOOD + '  - {subject: t/panel, relation: part_of, object: z/org, sources: [{loc: "4", quote: "of Z"}]}\n'
        '  - {subject: t/board, relation: reports_to, object: t/panel, sources: [{loc: "5", quote: "to"}]}\n')
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "dataset.yaml").write_text(DATASET.replace("id: test", "id: z"))
    (tmp_path / "z" / "n.yaml").write_text(
        "doc: seed.txt\nnodes:\n  - {id: z/org, type: Organisation, label: Z, sources: [{loc: '1', quote: q}]}\n"
        "facts:\n  - {subject: t/board, relation: part_of, object: z/org, sources: [{loc: '2', quote: q}]}\n")
    G = load_datasets([tmp_path])
    assert [f.object for f in G.out_facts("t/panel")] == ["t/board", "z/org"]
    assert [f.subject for f in G.in_facts("z/org")] == ["t/panel", "t/board"]  # in the order read
    (tmp_path / "a" / "r.yaml").write_text((tmp_path / "a" / "r.yaml").read_text().replace(
        "object: t/panel", "object: t/nothing"))
    assert problems_of(tmp_path) == [f"{tmp_path / 'a' / 'r.yaml'}:17: reports_to refers to "
                                     "unknown id 't/nothing'"]


def test_a_missing_required_dataset_is_named(tmp_path):
    top = write_dataset(tmp_path, GOOD)
    (top / "dataset.yaml").write_text(DATASET.replace("documents:", "requires: [nowhere]\ndocuments:"))
    assert any("requires dataset 'nowhere'" in p for p in problems_of(top))


def test_a_document_declared_twice_differently_is_refused(tmp_path):
    top = write_dataset(tmp_path, GOOD)
    other = tmp_path / "other"
    other.mkdir()
    (other / "dataset.yaml").write_text("id: other\ntitle: O\ndocuments:\n  - {id: seed.txt, title: Another title}\n")
    with pytest.raises(RegisterError) as caught:
        load_datasets([top, other])
    assert any("duplicate id 'seed.txt'" in str(p) for p in caught.value.problems)


def test_a_fact_stated_twice_keeps_both_sources_and_all_qualifiers(tmp_path):
    folder = write_dataset(tmp_path, GOOD.replace(
        'sources: [{loc: "3", quote: "reports to"}]',
        'attested: [2011-06-21]\n    sources: [{loc: "3", quote: "reports to"}]'))
    (folder / "second.yaml").write_text(
        "doc: seed.txt\nfacts:\n  - subject: t/panel\n    relation: reports_to\n"
        "    object: t/board\n    attested: [2014-04-22]\n    qualifiers: {what: minutes}\n"
        "    sources: [{loc: '8', quote: 'again'}]\n".replace("reports_to", "informs"))
    (folder / "register.yaml").write_text(
        (folder / "register.yaml").read_text().replace("reports_to", "informs"))
    [fact] = load_datasets([folder]).out_facts("t/panel")
    assert [s.loc for s in fact.sources] == ["3", "8"]
    assert fact.attested == ("2011-06-21", "2014-04-22")
    assert fact.qualifiers == {"what": "minutes"}


def test_qualifiers_of_each_kind_load_as_json_ready_values(tmp_path):
    folder = write_dataset(tmp_path, GOOD.replace(
        "relation: reports_to\n    object: t/board\n",
        "relation: informs\n    object: t/board\n"
        "    qualifiers: {reports: [B2 CAMHS, C1 Budget], date: 2011-10-20, planned: true}\n"))
    [fact] = load_datasets([folder]).out_facts("t/panel")
    assert fact.qualifiers == {"reports": ["B2 CAMHS", "C1 Budget"], "date": "2011-10-20",
                               "planned": True}
    # A year as YAML reads it (a number) is a date, as in valid_from.
    (folder / "register.yaml").write_text(
        (folder / "register.yaml").read_text().replace("date: 2011-10-20", "date: 2011"))
    [fact] = load_datasets([folder]).out_facts("t/panel")
    assert fact.qualifiers["date"] == "2011"


def test_an_undated_statement_is_not_narrowed_by_an_attested_one(tmp_path):
    folder = write_dataset(tmp_path, GOOD)
    (folder / "second.yaml").write_text(
        "doc: seed.txt\nfacts:\n  - subject: t/panel\n    relation: reports_to\n"
        "    object: t/board\n    attested: [2011-06-21]\n    sources: [{loc: '8', quote: 'again'}]\n")
    [fact] = load_datasets([folder]).out_facts("t/panel")
    assert fact.attested == () and fact.holds_on("2014") and len(fact.sources) == 2


def test_an_impossible_unquoted_date_is_a_located_problem(tmp_path):
    bad = GOOD.replace("    label: Test Board\n", "    label: Test Board\n    valid_from: 2014-02-30\n")
    problems = problems_of(write_dataset(tmp_path, bad))
    assert any(p.endswith("'2014-02-30' is not a real date (day is out of range for month)")
               and ":10:" in p for p in problems), problems


def test_a_mentioned_document_is_the_same_node_everywhere(tmp_path):
    folder = write_dataset(tmp_path, GOOD + """\
mentions:
  - id: seed.txt
    aliases: [The seed paper]
    sources: [{loc: "4", quote: "the seed"}]
""")
    G = load_datasets([folder])
    assert "The seed paper" in G.node("seed.txt").aliases
    assert G.documents["seed.txt"] is G.node("seed.txt")


def test_an_id_qualifier_must_name_a_node_of_the_load(tmp_path):
    seat = GOOD + """\
  - subject: t/someone
    relation: member_of
    object: t/panel
    qualifiers: {represents: t/board}
    sources: [{loc: "4", quote: "represents the board"}]
"""
    seat = seat.replace("facts:\n", """  - id: t/someone
    type: Person
    label: Someone
    sources: [{loc: "5", quote: "someone"}]
facts:
""")
    G = load_datasets([write_dataset(tmp_path, seat)])
    assert [f.qualifiers for f in G.out_facts("t/someone")] == [{"represents": "t/board"}]
    problems = problems_of(write_dataset(tmp_path, seat.replace("represents: t/board",
                                                                "represents: t/bored")))
    assert problems == [f"{tmp_path / 'test' / 'register.yaml'}:20: qualifier represents of "
                        "member_of: unknown id 't/bored'"]
