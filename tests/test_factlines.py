"""Fact lines read straight into facts (loaders/factlines.py) against the usual reading.

Whatever fact line the shape reader builds, it must give the fact, and the sources'
documents, that reading the line as YAML and checking it as a register fact gives, with
no problem; whatever line has a problem or a key it does not build, it must leave to the
usual reading, which reports it. Held on a generated council (which it must build
itself: that is the speed-up), on hand-picked lines and on thousands of random ones.
And a register read with its fact lines aside gives the same entries and problems as
one read whole.
"""

from __future__ import annotations

import pickle
import random
import sys
from pathlib import Path

import pytest

from govgraph.data import bundled_data_dir
from govgraph.loaders import register
from govgraph.graph.model import Fact
from govgraph.loaders.factlines import FactLines, Same
from govgraph.loaders.items import NO_QUALIFIERS, fact_of, source_docs
from govgraph.loaders.yamlfile import Located, Unreadable, _Loader, flow_item, read_yaml_aside
from govgraph.loaders.yamllines import LineReader

from conftest import built_as_read



def fresh() -> FactLines:
    """A reader that has learnt no shape from another case."""
    shapes = LineReader(Located, _Loader("")).flows
    return FactLines(shapes, source_keys=register.SOURCE_KEYS,
                     no_qualifiers=NO_QUALIFIERS)


def usual(text: str, default_doc: object, line: int = 7):
    """The line read as YAML and checked as a register fact: (fact, problems, docs),
    or None if the line reader does not read it."""
    try:
        item = flow_item(text, "t.yaml", line)
    except Unreadable:
        return None
    item.default_doc = default_doc
    fact, problems = fact_of(item)
    return fact, problems, source_docs(item)


def agrees(lines: FactLines, text: str, default_doc: object = "d.txt") -> bool:
    """True if the shape reader built the line (as the usual reading does, with no
    problem), False if it left it to the usual reading; fails otherwise."""
    made, expected = lines.read(text, default_doc), usual(text, default_doc)
    fields = ("subject", "relation", "object", "role", "party", "valid_from", "valid_to")
    if not built_as_read(made, expected, fields, text):
        return False
    assert made[0].qualifiers is NO_QUALIFIERS
    return True


def test_every_fact_line_of_a_generated_council_is_built_as_it_is_read(generated_council):
    lines, built = fresh(), 0
    for file in sorted(generated_council.rglob("*.yaml")):
        body, aside, problems = read_yaml_aside(file, ("facts",))
        assert not problems
        if "facts" not in aside:
            assert file.name == "dataset.yaml" or "facts" not in file.read_text(), file
            continue
        assert aside["facts"].one_line
        for _, text in aside["facts"].items:
            built += agrees(lines, text, body.get("doc"))
    assert built > 5_000  # (a few qualified facts are read the usual way)


SAMPLE = ('{subject: "k/a", relation: "member_of", object: "k/b", role: "chair", '
          'party: "Labour", valid_from: 2022-05-15, sources: [{loc: "p 1", quote: "Q"}]}')

BUILT = [
    SAMPLE,
    '{subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q"}]}',
    '{subject: k/a, relation: reports_to, object: k/b, sources: [{loc: "1", quote: "q"}]}',
    '{relation: "informs", object: "k/b", subject: "k/a", sources: [{doc: "x.txt", loc: "1", quote: "q"}, {loc: "2", quote: "r"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", valid_from: "2011", valid_to: 2014-04, sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", valid_from: 2011, valid_to: ~, sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", role: ~, party: "", sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "informs", object: "k/b", role: "", sources: [{loc: "1", quote: "q"}]}',
]

LEFT = [
    '{subject: "", relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "reports", object: "k/b", sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", role: "king", sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", role: "", sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", valid_from: 2014, valid_to: 2013, sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", valid_from: "2014-13", sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", valid_from: yes, sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", valid_from: 2011.0, sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", sources: []}',
    '{subject: "k/a", relation: "reports_to", object: "k/b"}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "", quote: "q"}]}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "1"}]}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q", page: 2}]}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: 12, quote: "q"}]}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", sources: {loc: "1", quote: "q"}}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", note: "n", sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "holds_post", object: "k/b", qualifiers: {interim: true}, sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "member_of", object: "k/b", attested: [2011-06-21], sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", colour: "red", sources: [{loc: "1", quote: "q"}]}',
    '{subject: 12, relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q"}]}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q\\"q"}]}',
    '{subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q}]}',
    '[a, b]',
]


@pytest.mark.parametrize("text", BUILT)
def test_the_usual_fact_lines_are_built(text):
    assert agrees(fresh(), text)


@pytest.mark.parametrize("text", LEFT)
def test_lines_with_a_problem_another_key_or_a_value_of_another_kind_are_left_alone(text):
    assert fresh().read(text, "d.txt") is None


def test_a_source_without_a_doc_takes_the_files_and_none_is_left_to_the_usual_reading():
    lines = fresh()
    assert lines.read(SAMPLE, "file.txt")[1] == ("file.txt",)
    assert lines.read(SAMPLE, "file.txt")[0].sources[0].doc == "file.txt"
    assert lines.read(SAMPLE, None) is None and usual(SAMPLE, None)[1]
    assert agrees(lines, SAMPLE, 2011)  # a doc: YAML reads as a number is still named


def test_one_shape_many_lines_each_with_its_own_values():
    lines = fresh()
    facts = [lines.read(SAMPLE.replace('"k/a"', f'"k/p{i}"').replace('"Q"', f'"Q{i}"'), "d")
             for i in range(20)]
    assert [f.subject for f, _ in facts] == [f"k/p{i}" for i in range(20)]
    assert facts[7][0].sources[0].quote == "Q7" and facts[7][0].valid_from == "2022-05-15"
    assert len(lines.plans) == 1


# Random lines from the keys and values of the awkward corners of a fact.
_KEYS = ["subject", "relation", "object", "role", "party", "valid_from", "valid_to",
         "sources", "note", "qualifiers", "attested", "colour"]
_VALUES = {
    "subject": ['"k/a"', "k/a", '""', "12", "~"],
    "relation": ['"member_of"', "member_of", '"informs"', '"attended"', '"nonsense"', '""'],
    "object": ['"k/b"', "k/b", '""', "yes"],
    "role": ['"member"', "chair", '"chair"', '"apology"', '"king"', '""', "~", "1"],
    "party": ['"Labour"', "Labour", '""', "~", "no"],
    "valid_from": ["2022-05-15", '"2022-05"', "2011", '"2011"', "2014-02-30", '"x"', "~",
                   "yes", "1.5", "2023-01-01 10:00:00"],
    "valid_to": ["2023-05-15", '"2010"', "2010", "~", '"2014-13"'],
    "sources": ['[{loc: "p 1", quote: "Q"}]', '[{doc: "x.txt", loc: "1", quote: "q"}]',
                '[{loc: "1", quote: "q"}, {doc: "", loc: "2", quote: "r"}]', "[]",
                '[{loc: "", quote: "q"}]', '[{loc: 3, quote: "q"}]', '{loc: "1", quote: "q"}',
                '[{doc: 2011, loc: "1", quote: "q"}]', '[{loc: "1", quote: "q", x: "y"}]',
                '[{loc: "1"}]', "[a]"],
    "note": ['"n"'], "qualifiers": ["{interim: true}"], "attested": ["[2011-06-21]"],
    "colour": ['"red"'],
}


def _random_line(rng: random.Random) -> str:
    """Mostly good lines (each list's first values), each with a chance of an odd value."""
    keys = ["subject", "relation", "object", "sources"] + rng.sample(_KEYS, rng.randint(0, 3))
    rng.shuffle(keys)
    keys = list(dict.fromkeys(keys))
    values = [rng.choice(_VALUES[k]) if rng.random() < 0.25 else rng.choice(_VALUES[k][:2])
              for k in keys]
    return "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, values)) + "}"


def test_random_fact_lines_are_built_as_they_are_read_or_left_to_the_usual_reading():
    rng, lines = random.Random(20261207), fresh()
    built = sum(agrees(lines, _random_line(rng), rng.choice(["d.txt", None, "d.txt"]))
                for _ in range(5000))
    assert built > 200, f"only {built} of 5000 random lines were built"


def _entries(folder: Path, by_shape: bool) -> tuple[list, list]:
    """What a dataset reads into, facts built by their shape one by one, as read one by one."""
    entries: list = []
    problems = register._read_dataset(folder, entries, by_shape=by_shape)
    found = []
    for dataset, kind, item in entries:
        if kind == "facts":
            assert by_shape and len(item.facts) == len(item.lines) == len(item.docs) > 0
            found += [(dataset, "fact", register._ReadFact(fact, (), item.file, line, docs))
                      for fact, line, docs in zip(item.facts, item.lines, item.docs)]
        else:
            found.append((dataset, kind, item if kind in ("fact", "node")
                          else (dict(item), item.file, item.line)))
    return found, problems


@pytest.mark.parametrize("folder", ["council", "bundled"])
def test_a_register_reads_the_same_with_its_fact_lines_aside_or_not(folder, generated_council):
    folders = register.dataset_dirs(
        [generated_council if folder == "council" else bundled_data_dir()])
    for path in folders:
        assert _entries(path, True) == _entries(path, False)
    if folder == "council":  # and its facts were built by their shape, as batches
        entries: list = []
        register._read_dataset(next(p for p in folders if p.name != "uk-national"), entries)
        assert sum(len(item.facts) for _, kind, item in entries if kind == "facts") > 5_000


BROKEN = """\
doc: "d.txt"
nodes:
  - id: "t/a"
    type: "Body"
    label: "A"
    sources:
      - {loc: "1", quote: "a"}
facts:
  - {subject: "t/a", relation: "reports_to", object: "t/b", sources: [{loc: "1", quote: "q"}]}
  # a comment between facts
  - {subject: "t/a", relation: "reports", object: "t/a", sources: [{loc: "2", quote: "q"}]}

  - {subject: "t/a", relation: "member_of", object: "t/a", valid_from: 2014-02-3, sources: [{loc: "3", quote: "q"}]}
  - {subject: "t/a", relation: "informs", object: "t/a", note: 12, sources: [{loc: "4", quote: "q"}]}
"""


@pytest.mark.parametrize("change", [
    lambda text: text,
    lambda text: text.replace('quote: "q"}]}\n  #', 'quote: "q\\"q"}]}\n  #'),  # an escape
    lambda text: text.replace("  # a comment", "nodes:"),  # a key twice
    lambda text: text.replace("\n  - {subject", "\n- {subject", 1),  # items at two indents
    lambda text: text.replace("\nfacts:\n", "\nfacts:\n  - {subject: \"t/a\",\n    relation: x}\n"),
    lambda text: text.replace("nodes:\n", 'nodes:\n  - "not a mapping"\n'),  # said once, as before
    lambda text: text.replace('    type: "Body"', '    type: "Board"'),  # a node's problem
])
def test_a_register_with_problems_reads_the_same_with_its_fact_lines_aside_or_not(tmp_path, change):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "dataset.yaml").write_text("id: t\ntitle: T\ndocuments:\n  - id: d.txt\n")
    (folder / "register.yaml").write_text(change(BROKEN))
    aside, whole = _entries(folder, True), _entries(folder, False)
    assert aside == whole
    assert aside[1] or any(item.problems for _, kind, item in aside[0] if kind == "fact")


# -- a block of lines at once (FactLines.read_block) ------------------------------------

def _block(rng: random.Random, indent: int) -> str:
    """Lines of a facts block: items of a few shapes (runs of one shape, as a register's
    meetings are), some awkward, with blank lines, comments (some quoting) and spaces."""
    shapes = [_random_line(rng) for _ in range(rng.randint(1, 4))] + [SAMPLE, BUILT[1]]
    lines = []
    for _ in range(rng.randint(1, 40)):
        roll = rng.random()
        if roll < 0.05:
            lines.append(rng.choice(["", " " * indent + '# a "quoted" note', "   "]))
            continue
        line = rng.choice(shapes) if roll < 0.8 else _random_line(rng)
        line = line.replace('"k/a"', f'"k/p{rng.randint(0, 9)}"').replace('"q"', f'"q{len(lines)}"')
        lines.append(" " * indent + "- " + line + rng.choice(["", "", "  "]))
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n"])


def _as_line_by_line(lines: FactLines, text: str, indent: int, default_doc: object, first: int):
    """What :meth:`FactLines.read` gives for each item of the block, and its line."""
    items = [(n, line[indent + 2:].rstrip(" ")) for n, line in enumerate(text.split("\n"), first)
             if line.startswith(" " * indent + "- {")]
    return [lines.read(item, default_doc) for _, item in items], [n for n, _ in items]


def test_a_block_of_fact_lines_is_read_as_each_line_is_read_alone():
    rng, lines, blocks = random.Random(7), fresh(), 0
    for _ in range(1500):
        indent, first = rng.choice([0, 2, 4]), rng.randint(1, 50)
        text, default_doc = _block(rng, indent), rng.choice(["d.txt", None, "d.txt"])
        block = lines.read_block(text, indent, default_doc, first)
        made, numbers = _as_line_by_line(lines, text, indent, default_doc, first)
        assert list(block.lines) == numbers, text
        assert [f is None for f in block.facts] == [m is None for m in made], text
        assert block.left == block.facts.count(None)
        built = [(f, d) for f, d in zip(block.facts, block.docs) if f is not None]
        assert built == [m for m in made if m is not None], text
        for fact, _ in built:  # the same kinds of value as well as equal ones
            other = made[block.facts.index(fact)][0]
            assert [type(getattr(fact, k)) for k in Fact.__slots__] == \
                   [type(getattr(other, k)) for k in Fact.__slots__], text
        blocks += len(block.facts) - block.left > 5
    assert blocks > 300, f"only {blocks} blocks had more than five facts built"


@pytest.mark.parametrize("text", [
    '  - {subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q\\"q"}]}',
    '  - {subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q}]}\n'
    '  - {subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q"}]}',
    '  # a comment with one " in it\n'
    '  - {subject: "k/a", relation: "reports_to", object: "k/b", sources: [{loc: "1", quote: "q"}]}',
])
def test_a_block_with_an_escape_or_a_quote_left_open_is_left_to_be_read_line_by_line(text):
    assert fresh().read_block(text, 2, "d.txt") is None


def test_a_block_builds_each_fact_once_and_shares_the_documents_tuple():
    block = fresh().read_block("\n".join(
        "  - " + SAMPLE.replace('"k/a"', f'"k/p{i}"') for i in range(30)), 2, "d.txt", 10)
    assert block.lines == range(10, 40) and block.left == 0
    assert [f.subject for f in block.facts] == [f"k/p{i}" for i in range(30)]
    assert len({id(docs) for docs in block.docs}) == 1 and block.docs[0] == ("d.txt",)


def test_a_block_left_unbuilt_builds_what_it_would_have_built_in_another_process():
    """A reading worker's blocks (``build=False``) go to the loading process as plain
    values and are built there into the facts and documents read here, their strings
    shared; a block with anything left to the usual reading is built as ever."""
    rng, lines, cut = random.Random(11), fresh(), 0
    for _ in range(1000):
        indent, first = rng.choice([0, 2, 4]), rng.randint(1, 50)
        text, default_doc = _block(rng, indent), rng.choice(["d.txt", None, "d.txt"])
        item = " " * indent + "- {"
        clean = "\n".join(line for line in text.split("\n") if not line.startswith(item)
                          or lines.read(line[indent + 2:].rstrip(" "), default_doc))
        for block in (text, clean):
            cut += _same_unbuilt(lines, block, indent, default_doc, first)
    assert cut > 600, f"only {cut} blocks were left unbuilt"


def _same_unbuilt(lines: FactLines, text: str, indent: int, default_doc: object,
                  first: int) -> bool:
    """Whether the block was left unbuilt, having checked it builds as it is read."""
    built = lines.read_block(text, indent, default_doc, first)
    unbuilt = lines.read_block(text, indent, default_doc, first, build=False)
    assert list(unbuilt.lines) == list(built.lines) and unbuilt.left == built.left
    if unbuilt.cut is None:
        assert (unbuilt.facts, unbuilt.docs) == (built.facts, built.docs), text
        return False
    assert unbuilt.facts is None and not unbuilt.left
    facts, docs = lines.assemble(pickle.loads(pickle.dumps(unbuilt.cut)), taken_back=True)
    assert (facts, docs) == (built.facts, built.docs), text
    for fact, other in zip(facts, built.facts):
        assert [type(getattr(fact, k)) for k in Fact.__slots__] == \
               [type(getattr(other, k)) for k in Fact.__slots__], text
        assert all(getattr(fact, k) is sys.intern(getattr(fact, k))
                   for k in ("subject", "relation", "object"))
        assert fact.sources[0].loc is sys.intern(fact.sources[0].loc)
    return True


def test_a_block_of_one_shape_whose_dates_documents_and_relations_vary_is_left_unbuilt():
    """Each column that varies from line to line travels as one (the others once)."""
    text = "\n".join(
        f'  - {{subject: "k/p{i}", relation: "{("member_of", "reports_to")[i % 2]}", '
        f'object: "k/b", valid_from: "20{10 + i}", sources: [{{doc: "d{i % 3}.txt", '
        f'loc: "{i}", quote: "q"}}]}}' for i in range(12))
    lines = fresh()
    assert _same_unbuilt(lines, text, 2, "x.txt", 1)
    (_, rows), = lines.read_block(text, 2, "x.txt", build=False).cut.groups
    assert [type(rows.relations), type(rows.starts), type(rows.ends), type(rows.docs)] == \
           [list, list, list, tuple] and rows.parties == Same(None)
