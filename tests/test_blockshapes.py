"""Items of top-level sequences read by their shape (loaders/blockshapes.py) against PyYAML.

Whatever file the line reader reads section by section, item by item from each item's
shape, must give what PyYAML gives, value for value, type for type and line for line;
a file it cannot read that way is read line by line or left to PyYAML. Held on the
generated council (whose every item must be built by its shape: that is the speed-up),
hand-picked items and thousands of random registers.
"""

from __future__ import annotations

import random

import pytest

from govgraph.loaders import yamlfile
from govgraph.loaders.flowshapes import Unreadable
from govgraph.loaders.yamlfile import Located
from govgraph.loaders.yamllines import LineReader

from test_yamlfile import same
from test_yamllines import _random_document, pure



def by_sections(reader: LineReader, text: str):
    """The value as read section by section (no reading line by line to fall back on),
    or None if it cannot be read that way."""
    if not all(map(str.isprintable, text.split("\n"))):
        return None
    try:
        return reader._by_sections(text, "t.yaml", ())[0]
    except Unreadable:
        return None


def agrees(reader: LineReader, text: str) -> bool:
    """True if the text was read by sections (and as PyYAML reads it)."""
    value = by_sections(reader, text)
    if value is None:
        return False
    expected, problems = pure(text)
    assert not problems, f"read by sections a text PyYAML refuses ({problems[0]}):\n{text}"
    same(value, expected, repr(text))
    return True


def fresh() -> LineReader:
    return LineReader(Located, yamlfile._Loader(""))


def test_every_item_of_a_generated_council_is_built_by_its_shape(generated_council):
    reader, read = fresh(), 0
    for file in sorted(generated_council.rglob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        if "\nnodes:\n" in text or "\nfacts:\n" in text:
            assert agrees(reader, text), file
            read += 1
    assert read > 8 and None not in reader.blocks.shapes.values()
    assert 0 < len(reader.blocks.shapes) < 400  # a few hundred shapes for 700 nodes


ITEMS = [
    ('nodes:\n  - id: "a"\n    label: "A"\n  - id: "b"\n    label: "B"\n', True),
    ('nodes:\n- id: "a"\n  date: 2023-01-06\n  sources:\n    - {loc: "1", quote: "q"}\n', True),
    ('doc: "d"\nnodes:\n\n  # people\n  - id: x\n\n    aliases: ["a", "b c"]\n'
     'facts:\n  - {subject: "x"}\n  - {subject: "y"}\n', True),
    ('nodes:\n  - "a"\n  - b\n  - - c\n    - "d"\n', True),
    ('nodes:\n  - id: "a"\n    label: b: c\n', False),  # PyYAML's error
    ('nodes:\n  - id: "a\n    b"\n', False),  # a quoted string over two lines
    ('nodes:\n  - id: "a"\n    label: 5" screen and 6" tv\n', False),  # quotes in a plain scalar
    ("nodes:\n  - id: 'say \"hi\"'\n", False),
    ('nodes:\n  - "k": "v"\n', False),  # a quoted key
    ('nodes:\n  - id: "a"\n  label: "b"\n', False),  # a line at the items' indent
    ('nodes:\n  - id: "a"\n # "odd\n    label: x\n # and "odd\n', False),
    ('nodes:\n  - id: "a\\"b"\n', False),
]


@pytest.mark.parametrize("text, read", ITEMS)
def test_items_are_built_by_their_shape_or_left_alone(text, read):
    assert agrees(fresh(), text) is read
    value = fresh().read(text, "t.yaml")  # and read as PyYAML reads it either way
    expected, problems = pure(text)
    if not problems and value is not yamlfile.UNHANDLED:
        same(value, expected, repr(text))


def test_one_shape_many_items_each_with_its_own_strings_and_lines():
    text = "nodes:\n" + "".join(f'  - id: "n{i}"\n    date: 2020-01-0{i % 9 + 1}\n'
                                f'    sources:\n      - {{loc: "{i}"}}\n' for i in range(30))
    reader = fresh()
    value = by_sections(reader, text)
    assert [n["id"] for n in value["nodes"]] == [f"n{i}" for i in range(30)]
    assert value["nodes"][12].line == 50 and value["nodes"][12]["sources"][0].line == 53
    assert len(reader.blocks.shapes) == 9


_QUOTED = ['"x"', '"a: b"', '"a #b"', '"- x"', '"{a}"', "\"it's\"", '""', '"2022-05-15"',
           '"Town Hall"', '"yes"']
_PLAIN = ["x", "Town Hall", "2022-05-15", "yes", "12", "~", "'single'", "a#b", "1.5"]
_ODD = ["2014-02-30", "a: b", "a #b", "5\" screen", "'say \"hi\"'", '"a"b', '"unclosed',
        '"esc\\"aped"']
_FLOW = ['["a", "b c"]', '[{loc: "p 1", quote: "Q"}]', '{a: "b", c: 2020-01-01}', "[]"]


def _random_item(rng: random.Random, indent: int) -> list[str]:
    """A register-like item: a block mapping of mostly common values, some odd ones."""
    pad, lines = " " * indent, []
    keys = ["id", "type", "label", "date", "kind", "sources", "aliases", '"q"']
    for i, key in enumerate(rng.sample(keys[:-1] if rng.random() < 0.9 else keys,
                                       rng.randint(1, 6))):
        lead = pad + ("- " if i == 0 else "  ")
        roll = rng.random()
        if roll < 0.15:
            lines.append(f"{lead}{key}:")
            for _ in range(rng.randint(1, 3)):
                lines.append(f"{pad}    - {rng.choice(_FLOW + _QUOTED)}")
        else:
            value = rng.choice(_ODD if roll < 0.17 else _PLAIN + _FLOW if roll < 0.4 else _QUOTED)
            lines.append(f"{lead}{key}: {value}")
        if rng.random() < 0.05:
            lines.append(rng.choice(["", pad + "  # a note", '# a "quoted', f"{pad}  x: y"]))
    return lines


def _random_register(rng: random.Random) -> str:
    """Top-level keys holding sequences of random items, or items of random documents."""
    out = []
    for key in rng.sample(["doc", "nodes", "facts", "mentions", "x", "y"], rng.randint(1, 4)):
        if rng.random() < 0.2:
            out.append(f'{key}: "{key}"')
            continue
        out.append(f"{key}:")
        indent = rng.choice([0, 2, 2, 4])
        for _ in range(rng.randint(1, 5)):
            if rng.random() < 0.1:
                out.append(rng.choice(["", "# note", "  # indented note"]))
            if rng.random() < 0.8:
                out += _random_item(rng, indent)
                continue
            item = _random_document(rng).rstrip("\n").split("\n")
            out.append(" " * indent + "- " + item[0].lstrip(" "))
            out += [" " * (indent + 2) + line if line.strip() else line for line in item[1:]]
    return "\n".join(out) + "\n"


def test_random_registers_read_by_sections_as_pyyaml_reads_them():
    rng, reader = random.Random(20261207), fresh()
    read = sum(agrees(reader, _random_register(rng)) for _ in range(3000))
    assert read > 300, f"only {read} of 3000 random registers were read by sections"
