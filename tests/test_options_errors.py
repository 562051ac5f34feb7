"""Invalid option files give a clear error naming file and line, and nothing is applied."""

from __future__ import annotations

import textwrap

import pytest

from govgraph.data import bundled_options_dir
from govgraph.graph.options import OptionError, apply_option
from govgraph.loaders.options import load_options

HEAD = """\
id: test-option
title: A test option
baseline: kent-scs
effective: 2014-04-23
doc: 000_ec8d6a74a8fff0cc.txt
sources:
  - {loc: "section 7 option 3", quote: "3. Dissolve the Children's Services Improvement Panel (CSIP)."}
operations:
"""
SRC = """    rationale: Because.
    sources:
      - {loc: "4.2", quote: "The CSIP is an informal group"}
"""


def _write(tmp_path, operations: str, head: str = HEAD, name: str = "test.yaml"):
    path = tmp_path / name
    path.write_text(head + textwrap.dedent(operations), encoding="utf-8")
    return path


def _apply(G, tmp_path, operations: str, head: str = HEAD):
    path = _write(tmp_path, operations, head)
    option = load_options([tmp_path])["test-option"]
    return path, apply_option(G, option)


def _problem(excinfo) -> str:
    assert excinfo.value.problems, excinfo.value
    return excinfo.value.problems[0]


def test_dissolving_a_body_twice_names_both_steps(G, tmp_path):
    ops = "  - op: dissolve\n    body: kent/csip\n" + SRC + "  - op: dissolve\n    body: kent/csip\n" + SRC
    before = G.copy()
    with pytest.raises(OptionError) as excinfo:
        _apply(G, tmp_path, ops)
    problem = _problem(excinfo)
    assert problem.startswith(f"{tmp_path / 'test.yaml'}:14: dissolve (step 2 of test-option)")
    assert "no longer exists on 2014-04-23" in problem and "step 1" in problem and "test.yaml:9" in problem
    assert G == before


def test_unknown_body_suggests_the_close_ids(G, tmp_path):
    with pytest.raises(OptionError) as excinfo:
        _apply(G, tmp_path, "  - op: dissolve\n    body: kent/cssip\n" + SRC)
    problem = _problem(excinfo)
    assert "test.yaml:9:" in problem and "'kent/cssip' is not a known id" in problem
    assert "kent/csip" in problem


def test_a_body_that_no_longer_exists_on_the_date(G, tmp_path):
    with pytest.raises(OptionError) as excinfo:
        _apply(G, tmp_path, "  - op: dissolve\n    body: kent/improvement-board\n" + SRC)
    problem = _problem(excinfo)
    assert "test.yaml:9:" in problem
    assert "does not exist on the option's date 2014-04-23" in problem and "2013-10-21" in problem


def test_a_wrong_type_is_named(G, tmp_path):
    with pytest.raises(OptionError, match=r"test.yaml:9: .*'kent/person/whittle-j' is a Person, not a Body"):
        _apply(G, tmp_path, "  - op: dissolve\n    body: kent/person/whittle-j\n" + SRC)


def test_conflicting_operations_name_both(G, tmp_path):
    ops = ("  - op: add_member\n    body: kent/cpp\n    member: kent/person/carter-p\n" + SRC
           + "  - op: remove_member\n    body: kent/cpp\n    member: kent/person/carter-p\n" + SRC)
    with pytest.raises(OptionError) as excinfo:
        _apply(G, tmp_path, ops)
    problem = _problem(excinfo)
    assert "test.yaml:15: remove_member" in problem
    assert "conflicts with step 1 (add_member" in problem and "test.yaml:9" in problem


def test_setting_a_chair_twice_conflicts(G, tmp_path):
    ops = ("  - op: set_chair\n    body: kent/cpp\n    chair: kent/person/whittle-j\n" + SRC
           + "  - op: set_chair\n    body: kent/cpp\n    chair: kent/person/carter-p\n" + SRC)
    with pytest.raises(OptionError, match=r"test.yaml:15: set_chair .*conflicts with step 1"):
        _apply(G, tmp_path, ops)


def test_a_line_that_does_not_hold(G, tmp_path):
    ops = ("  - op: move_line\n    subject: kent/programme-board\n    relation: informs\n"
           "    from: kent/cpp\n    to: kent/kicsb\n" + SRC)
    with pytest.raises(OptionError, match=r"test.yaml:9: .*no informs line from kent/programme-board "
                                          r"to kent/cpp holds on 2014-04-23"):
        _apply(G, tmp_path, ops)


def test_an_id_qualifier_naming_no_node(G, tmp_path):
    ops = ("  - op: add_member\n    body: kent/csip\n    member: kent/person/whittle-j\n"
           "    qualifiers: {represents: kent/no-such-node}\n" + SRC)
    with pytest.raises(OptionError, match=r"test.yaml:9: .*qualifier represents of member_of: "
                                          r"unknown id 'kent/no-such-node'"):
        _apply(G, tmp_path, ops)


def test_a_body_may_be_set_in_the_chair(G, tmp_path):
    ops = ("  - op: set_chair\n    body: kent/csip\n    chair: kent/kent-youth-county-council\n"
           + SRC)
    _, H = _apply(G, tmp_path, ops)
    assert [f.object for f in H.out_facts("kent/csip", ["chaired_by"])
            if f.qualifiers.get("option")] == ["kent/kent-youth-county-council"]


def test_qualifier_dates_arrive_as_text(G, tmp_path):
    ops = ("  - op: add_line\n    subject: kent/csip\n    relation: informs\n    object: kent/cpp\n"
           "    qualifiers: {date: 2014, what: minutes}\n" + SRC)
    _, H = _apply(G, tmp_path, ops)
    [added] = [f for f in H.out_facts("kent/csip", ["informs"]) if f.object == "kent/cpp"
               and f.qualifiers.get("option") == "test-option"]
    assert added.qualifiers["date"] == "2014" and added.qualifiers["what"] == "minutes"


def test_a_taken_id(G, tmp_path):
    with pytest.raises(OptionError, match=r"test.yaml:9: .*id 'kent/cpp' is already taken"):
        _apply(G, tmp_path, "  - op: establish\n    id: kent/cpp\n    label: Another\n" + SRC)


@pytest.mark.parametrize("operations, line, message", [
    ("  - op: disolve\n    body: kent/csip\n" + SRC, 9, "unknown operation 'disolve'"),
    ("  - op: dissolve\n    body: kent/csip\n    sources: [{loc: '4.2', quote: The CSIP}]\n", 9,
     "dissolve needs a rationale"),
    ("  - op: dissolve\n    body: kent/csip\n    rationale: Because.\n", 9, "no sources"),
    ("  - op: dissolve\n    body: kent/csip\n    colour: red\n" + SRC, 9, "unknown key 'colour'"),
    ("  - op: dissolve\n" + SRC, 9, "dissolve needs body"),
    ("  - op: add_line\n    subject: kent/cpp\n    relation: answers_to\n    object: kent/cabinet\n" + SRC,
     9, "unknown relation 'answers_to'"),
    ("  - op: add_line\n    subject: kent/cpp\n    relation: renamed_to\n    object: kent/cabinet\n" + SRC,
     9, "renamed_to is a change event"),
    ("  - op: add_member\n    body: kent/cpp\n    member: kent/person/whittle-j\n    role: boss\n" + SRC,
     9, "unknown role 'boss' for member_of"),
    ("  - op: establish\n    id: Kent CSTP\n    label: X\n" + SRC, 9, "is not a valid id"),
    ("  - op: align\n    body: kent/csip\n    with: kent/cpp\n    qualifiers: {on: x}\n" + SRC,
     9, "align qualifiers: name True is not text (YAML reads on, off, yes and no as true or false)"),
    ("  - op: add_line\n    subject: kent/csip\n    relation: informs\n    object: kent/cpp\n"
     "    qualifiers: {report: minutes}\n" + SRC, 9,
     "add_line qualifiers: unknown qualifier 'report' for informs (allowed: what, reports,"),
    ("  - op: add_member\n    body: kent/cpp\n    member: kent/person/whittle-j\n"
     "    qualifiers: {contact: perhaps}\n" + SRC, 9,
     "add_member qualifiers: qualifier contact of member_of: expected true or false, not 'perhaps'"),
    ("  - op: align\n    body: kent/csip\n    with: kent/cpp\n    qualifiers: {agenda: [a]}\n"
     + SRC, 9, "align qualifiers: qualifier agenda of aligned_with: expected a text"),
    ("  - op: add_line\n    subject: kent/csip\n    relation: informs\n    object: kent/cpp\n"
     "    qualifiers: {date: soon}\n" + SRC, 9,
     "add_line qualifiers: bad date in qualifier date: 'soon' is not a date"),
])
def test_file_problems_name_file_and_line(tmp_path, operations, line, message):
    path = _write(tmp_path, operations)
    with pytest.raises(OptionError) as excinfo:
        load_options([tmp_path])
    assert f"{path}:{line}: " in str(excinfo.value) and message in str(excinfo.value)


@pytest.mark.parametrize("head, message", [
    (HEAD.replace("effective: 2014-04-23\n", ""), "missing effective"),
    (HEAD.replace("2014-04-23", "2014-04"), "effective must be a full date"),
    (HEAD.replace("2014-04-23", "'2014-02-30'"), "is not a real date"),
    (HEAD.replace("title: A test option\n", ""), "missing title"),
    (HEAD.replace("baseline: kent-scs", "baseline: kent-scs\ncolour: red"), "unknown key 'colour'"),
    (HEAD.replace("id: test-option", "id: test-option\nbased_on: no-such-option"),
     "based_on names unknown option 'no-such-option'"),
])
def test_header_problems_name_the_file(tmp_path, head, message):
    path = _write(tmp_path, "  - op: dissolve\n    body: kent/csip\n" + SRC, head=head)
    with pytest.raises(OptionError) as excinfo:
        load_options([tmp_path])
    assert f"{path}:1: " in str(excinfo.value) and message in str(excinfo.value)


def test_invalid_yaml_names_the_line(tmp_path):
    path = _write(tmp_path, "  - op: dissolve\n    body: [kent/csip\n" + SRC)
    with pytest.raises(OptionError) as excinfo:
        load_options([tmp_path])
    assert f"{path}:" in str(excinfo.value) and "invalid YAML" in str(excinfo.value)


def test_a_duplicate_option_id(tmp_path):
    _write(tmp_path, "  - op: dissolve\n    body: kent/csip\n" + SRC,
           head=HEAD.replace("id: test-option", "id: kent-2014-dissolve-csip"))
    with pytest.raises(OptionError, match="duplicate option id 'kent-2014-dissolve-csip'"):
        load_options([bundled_options_dir(), tmp_path])


def test_a_based_on_cycle(tmp_path):
    for a, b in (("one", "two"), ("two", "one")):
        _write(tmp_path, "", head=HEAD.replace("id: test-option", f"id: {a}\nbased_on: {b}")
               .replace("operations:\n", "operations: []\n"), name=f"{a}.yaml")
    with pytest.raises(OptionError, match="based_on makes a cycle"):
        load_options([tmp_path])


def test_an_unknown_source_document(G, tmp_path):
    ops = ("  - op: dissolve\n    body: kent/csip\n    rationale: Because.\n"
           "    sources:\n      - {doc: 999.txt, loc: '1', quote: A quote}\n")
    with pytest.raises(OptionError, match=r"test.yaml:9: source names unknown document '999.txt'"):
        _apply(G, tmp_path, ops)


def test_an_unloaded_baseline(G, tmp_path):
    with pytest.raises(OptionError, match=r"test.yaml:1: the baseline dataset 'surrey' is not loaded"):
        _apply(G, tmp_path, "  - op: dissolve\n    body: kent/csip\n" + SRC,
               head=HEAD.replace("baseline: kent-scs", "baseline: surrey"))
