"""Node items read straight into nodes (loaders/nodelines.py) against the usual reading.

Whatever node item the shape reader builds, it must give the node, and its sources'
documents, that reading the item as YAML and checking it as a register node gives, with
no problem; whatever item has a problem, or a key or value it does not build, it must
leave to the usual reading, which reports it. Held on a generated council (whose every
node it must build: that is the speed-up), hand-picked items and thousands of random ones.
"""

from __future__ import annotations

import random
import re
from pathlib import Path


import pytest

from govgraph.loaders import register
from govgraph.loaders.factlines import FactLines
from govgraph.loaders.flowshapes import Unreadable
from govgraph.loaders.nodelines import NodeLines
from govgraph.loaders.items import ID, NO_QUALIFIERS, node_of, source_docs
from govgraph.loaders.yamlfile import Located, _Loader, read_yaml_aside
from govgraph.loaders.yamllines import LineReader

from conftest import built_as_read



def fresh() -> tuple[NodeLines, LineReader]:
    """A reader that has learnt no shape from another case, and its line reader."""
    reader = LineReader(Located, _Loader(""))
    return NodeLines(reader.blocks, node_keys=register.NODE_KEYS,
                     source_keys=register.SOURCE_KEYS, pattern=ID), reader


def usual(reader: LineReader, text: str, indent: int, default_doc: object):
    """The item read as YAML and checked as a register node: (node, problems, docs), or
    None if the line reader does not read it (or it is not a mapping)."""
    try:
        item = reader.item(text, indent, "t.yaml", 5)
    except Unreadable:
        return None
    if not isinstance(item, Located):
        return None
    item.default_doc = default_doc
    node, problems = node_of(item, "ds")
    return node, problems, source_docs(item)


def agrees(nodes: NodeLines, reader: LineReader, text: str, indent: int = 2,
           default_doc: object = "d.txt") -> bool:
    """True if the shape reader built the item (as the usual reading does, with no
    problem), False if it left it to the usual reading; fails otherwise."""
    made = nodes.read(text, indent, default_doc, "ds")
    expected = usual(reader, text, indent, default_doc)
    fields = ("id", "type", "label", "aliases", "valid_from", "valid_to", "note", "inferred")
    if not built_as_read(made, expected, fields, text):
        return False
    node = expected[0]
    assert list(made[0].props) == list(node.props)
    assert [type(v) for v in made[0].props.values()] == [type(v) for v in node.props.values()]
    return True


def test_every_node_of_a_generated_council_is_built_as_it_is_read(generated_council):
    nodes, reader = fresh()
    built = 0
    for file in sorted(generated_council.rglob("*.yaml")):
        body, aside, problems = read_yaml_aside(file, ("nodes",))
        assert not problems
        if "nodes" in aside:
            for _, text in aside["nodes"].items:
                assert agrees(nodes, reader, text, aside["nodes"].indent, body.get("doc")), text
                built += 1
    assert built > 500


def item(**fields: str) -> str:
    """A node item's text (from after its ``- ``) at indent 2."""
    lines = [f"{key}: {value}" if not value.startswith("\n") else f"{key}:{value}"
             for key, value in fields.items()]
    return "\n    ".join(lines)


SOURCES = '\n      - {loc: "1", quote: "q"}'
BUILT = [
    item(id='"k/csip"', type='"Body"', label='"CSIP"', kind='"panel"', formal="true",
         sources=SOURCES),
    item(id="k/csip", type="Body", label="CSIP", aliases='["b", "a", "b"]', statutory="false",
         valid_from="2011-04", valid_to='"2014"', sources=SOURCES),
    item(id='"k/m"', type='"Meeting"', label='"CSIP, 1 May"', date="2023-05-01", place='"Hall"',
         sources=SOURCES),
    item(id='"k/m"', type='"Meeting"', label='"M"', date='"2023"', sources=SOURCES),
    item(id='"k/m"', type='"Meeting"', label='"M"', date="~", sources=SOURCES),
    item(id='"k/r"', type='"Remit"', label='"R"', topics='["care", "adoption", "care"]',
         text='"to do"', note='"n"', inferred='"from x"', sources=SOURCES),
    item(id='"k/r"', type='"Remit"', label='"R"', topics="[]", aliases="[]", sources=SOURCES),
    item(id='"k/p"', type='"Person"', label='"Ann"', aliases="~",
         sources='\n      - {doc: "x.txt", loc: "1", quote: "q"}\n      - {loc: "2", quote: "r"}'),
]

LEFT = [
    item(id='"K/csip"', type='"Body"', label='"CSIP"', sources=SOURCES),  # a bad id
    item(id='"k/csip"', type='"Body"', label='""', sources=SOURCES),
    item(id='"k/csip"', type='"Board"', label='"CSIP"', sources=SOURCES),  # no such type
    item(id='"k/csip"', label='"CSIP"', sources=SOURCES),
    item(id='"k/csip"', type='"Body"', label='"CSIP"', place='"Hall"', sources=SOURCES),
    item(id='"k/csip"', type='"Body"', label='"CSIP"', formal='"yes"', sources=SOURCES),
    item(id='"k/csip"', type='"Body"', label='"CSIP"', kind="12", sources=SOURCES),
    item(id='"k/csip"', type='"Body"', label='"CSIP"', aliases='"CSIP"', sources=SOURCES),
    item(id='"k/csip"', type='"Body"', label='"CSIP"', aliases="[1, 2]", sources=SOURCES),
    item(id='"k/csip"', type='"Body"', label='"CSIP"', valid_from="2014", valid_to="2011",
         sources=SOURCES),
    item(id='"k/m"', type='"Meeting"', label='"M"', date="2014-02-3", sources=SOURCES),
    item(id='"k/m"', type='"Meeting"', label='"M"', date="yes", sources=SOURCES),
    item(id='"k/csip"', type='"Body"', label='"CSIP"', note="12", sources=SOURCES),
    item(id='"k/csip"', type='"Body"', label='"CSIP"'),
    item(id='"k/csip"', type='"Body"', label='"CSIP"', sources="[]"),
    item(id='"k/csip"', type='"Body"', label='"CSIP"', sources='\n      - {loc: "", quote: "q"}'),
    item(id='"k/r"', type='"Remit"', label='"R"', topics='["a", 2]', sources=SOURCES),
    item(id="12", type='"Body"', label='"CSIP"', sources=SOURCES),
]


@pytest.mark.parametrize("text", BUILT)
def test_the_usual_node_items_are_built(text):
    assert agrees(*fresh(), text)


@pytest.mark.parametrize("text", LEFT)
def test_items_with_a_problem_or_another_key_are_left_to_the_usual_reading(text):
    nodes, reader = fresh()
    assert nodes.read(text, 2, "d.txt", "ds") is None
    assert usual(reader, text, 2, "d.txt") is not None  # read the usual way, to say why


def test_one_shape_many_types():
    nodes, reader = fresh()
    for kind in ("Body", "Person", "Post", "Board", "Body"):
        text = item(id='"k/x"', type=f'"{kind}"', label='"X"', sources=SOURCES)
        assert agrees(nodes, reader, text) is (kind != "Board")
    assert len(nodes.shapes) == 1


# Random items from the keys and values of the awkward corners of a node.
_VALUES = {
    "id": ['"k/a"', "k/a", '"K/a"', '""', "12"],
    "type": ['"Body"', "Body", '"Meeting"', '"Remit"', '"Person"', '"Board"', "~"],
    "label": ['"A"', "A", '""', "12", "yes"],
    "aliases": ['["a", "b"]', "[]", "~", '"a"', "[a, 1]", '["b", "a", "b"]'],
    "kind": ['"panel"', "panel", "12", "~"],
    "formal": ["true", "false", '"yes"'],
    "statutory": ["true", "no"],
    "date": ["2023-05-01", '"2023"', "2023", "2014-02-30", "yes", "~", "1.5"],
    "place": ['"Hall"', "Hall", "~"],
    "topics": ['["care"]', "[]", '"care"', "[a, 1]"],
    "text": ['"to do"', "12"],
    "valid_from": ["2011-04", '"2011"', "2011", "2014-13", "~"],
    "valid_to": ["2015", '"2010"', "~"],
    "note": ['"n"', "12"], "inferred": ['"x"'], "colour": ['"red"'],
    "sources": [SOURCES, "[]", '\n      - {doc: "x.txt", loc: "1", quote: "q"}',
                '\n      - {loc: "", quote: "q"}', '\n      - {loc: "1"}',
                '\n      - {loc: "1", quote: "q", page: 2}', SOURCES + SOURCES],
}


def _random_item(rng: random.Random) -> str:
    keys = ["id", "type", "label", "sources"] + rng.sample(sorted(_VALUES), rng.randint(0, 4))
    keys = list(dict.fromkeys(keys))
    rng.shuffle(keys)
    keys.remove("sources")
    keys.append("sources")  # (a block value ends the item)
    return item(**{k: rng.choice(_VALUES[k]) if rng.random() < 0.25 else rng.choice(_VALUES[k][:2])
                   for k in keys})


def test_random_node_items_are_built_as_they_are_read_or_left_to_the_usual_reading():
    rng, (nodes, reader) = random.Random(20261207), fresh()
    built = sum(agrees(nodes, reader, _random_item(rng), 2, rng.choice(["d.txt", None, 2011]))
                for _ in range(5000))
    assert built > 300, f"only {built} of 5000 random items were built"


def test_the_documented_large_register_is_read_by_shape_as_the_bundled_data_reads_it(G, tmp_path):
    """docs/register-format.md's example of a large register's layout: its node and fact
    are built by their shape, and are the bundled data's own."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "register-format.md").read_text()
    example = re.search(r"## Large registers.*?```yaml\n(.*?)```", text, re.S)[1]
    (tmp_path / "large.yaml").write_text('doc: "003_4604ee4c7e40cf11.txt"\n' + example)
    body, aside, problems = read_yaml_aside(tmp_path / "large.yaml", ("nodes", "facts"))
    assert not problems and aside["facts"].one_line and not aside["nodes"].one_line
    nodes, reader = fresh()
    (_, item_text), = aside["nodes"].items
    node, _ = nodes.read(item_text, aside["nodes"].indent, body["doc"], "kent-scs")
    assert node == G.node("kent/meeting/cpp-2011-06-21")
    lines = FactLines(reader.flows, source_keys=register.SOURCE_KEYS, no_qualifiers=NO_QUALIFIERS)
    (_, fact_text), = aside["facts"].items
    fact, _ = lines.read(fact_text, body["doc"])
    bundled, = [f for f in G.out_facts("kent/person/allen-a") if f.key == fact.key]
    assert fact.role == bundled.role == "chair" and fact.sources[0] in bundled.sources
