"""The line reader (loaders/yamllines.py, loaders/flowshapes.py) against PyYAML.

Whatever file the line reader reads, it must give what PyYAML's pure-Python reader
gives, value for value, type for type and line for line; whatever file PyYAML refuses,
the line reader must leave to it. Held on the generated council (which it must read
itself: that is the speed-up), the bundled data, hand-picked edge cases and a few
thousand random documents built from YAML's awkward corners.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph.data import bundled_data_dir
from govgraph.loaders import yamlfile
from govgraph.loaders.yamlfile import Located, read_yaml
from govgraph.loaders.yamllines import UNHANDLED, LineReader

from test_yamlfile import same

ROOT = Path(__file__).resolve().parent.parent


def pure(text: str, name: str = "t.yaml"):
    return yamlfile._parse(yamlfile._Loader, text, name)


def lines(text: str, name: str = "t.yaml") -> object:
    """A fresh reader each time, so no shape learnt from another case is reused."""
    return LineReader(Located, yamlfile._Loader("")).read(text, name)


def agrees(text: str) -> bool:
    """True if the line reader read ``text`` (and gave PyYAML's value), False if it
    left it to PyYAML; fails if it read what PyYAML refuses or read it differently."""
    value, (expected, problems) = lines(text), pure(text)
    if value is UNHANDLED:
        return False
    assert not problems, f"read a text PyYAML refuses ({problems[0]}):\n{text}"
    same(value, expected, repr(text))
    return True


def test_a_generated_council_is_read_by_its_lines(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--councils", "1",
                    "--out", str(tmp_path)], check=True, capture_output=True)
    files = sorted(tmp_path.rglob("*.yaml"))
    assert sum(f.stat().st_size for f in files) > 500_000
    reader = LineReader(Located, yamlfile._Loader(""))  # one reader: shapes shared
    for file in files:
        text = file.read_text(encoding="utf-8")
        value = reader.read(text, str(file))
        assert value is not UNHANDLED, f"{file} went to PyYAML: the speed-up is lost"
        same(value, pure(text, str(file))[0], str(file))


def test_every_bundled_file_is_read_the_same_and_only_block_text_is_left_to_pyyaml():
    files = sorted(bundled_data_dir().rglob("*.yaml"))
    for file in files:
        text = file.read_text(encoding="utf-8")
        # The seeds' notes are folded text (">-"), which is PyYAML's to read.
        assert agrees(text) is not bool(re.search(r": [>|]", text)), file


HANDLED = [
    "a: b\n",
    "nodes:\n  - id: x\n    label: \"Town Hall\"\n    date: 2023-03-15\n",
    "facts:\n- {subject: \"a\", relation: \"member_of\", valid_from: 2022-05-15}\n- {subject: \"b\"}\n",
    "a:\n  - [x, y z, 2021-01-01, yes, ~, 12, 0x1F, 1_000]\n  - {k: [v, {w: \"q\"}], e: []}\n",
    "label: Children's Services, 2011 — ok\nurl: http://example.org/a#b\n",
    "# a comment\n\na: 1\n\n# another\nb:\n",
    "on: off\nnull: 1\nY: n\n",
    "a: 10:30\nb: 2001-12-14\nc: .inf\n",  # sexagesimal 630 in YAML 1.1; a date
    "a:\n-\n- x\n-   k: v\n    l: w\n",
    "- - a\n  - b\n- c\n",
    "\"quoted key\": 1\n",
    "a: 'single'\nb: 'it''s: 2025-04-01 # not a comment'\nc: ''\n",
    "",
]

LEFT_TO_PYYAML = [
    "a: |\n  text\n",  # block scalars
    "a: >-\n  folded\n",
    "a: &x b\nc: *x\n",  # anchors, aliases
    "a: !!str 12\n",  # tags
    "a: \"esc\\\"aped\"\n",
    "a: b # comment\n",
    "a: Town\n  Hall\n",  # a plain scalar over two lines
    "a: 1\na: 2\n",  # a duplicate key: PyYAML's error
    "- {a: b, a: c}\n",
    "a: 2014-02-30\n",  # not a date: PyYAML's error
    "- {a: 2014-02-30}\n",
    "a:\tb\n",
    "a: b\r\n",
    "---\na: b\n",
    "a: b: c\n",
    "- [a: b]\n",  # a single-pair mapping in a sequence
    "- {a: b }\n",
    "- {a:b}\n",
    "- [a, ]\n",
    "- {\"k\": v}\n",  # a quoted key in a flow mapping
    "- {a: 'single'}\n",
    "a: 'open\n",
    "- {a: \"x\"y}\n",
    "  a: b\n",
    "{a: b, c: \"d\"}\n",  # a document that is one flow mapping
    "a: =\n",
    "<<: {a: 1}\n",
    "a:\n  b: 1\n c: 2\n",
    "k:\n  - a\n  b: c\n",
    "key with spaces: v\n",
    "a: -3\n",
    "a: \ufeffb\n",
    "a: b\u2028c\n",
]


@pytest.mark.parametrize("text", HANDLED)
def test_the_common_shapes_are_read_as_pyyaml_reads_them(text):
    assert agrees(text), "the line reader left a common shape to PyYAML"


@pytest.mark.parametrize("text", LEFT_TO_PYYAML)
def test_other_shapes_are_left_to_pyyaml(text):
    assert lines(text) is UNHANDLED


def test_one_shape_many_lines_each_with_its_own_strings_and_line():
    text = "".join(f'- {{id: "n{i}", at: 2020-01-0{i % 9 + 1}, src: [{{q: "{i}"}}]}}\n'
                   for i in range(30))
    assert agrees(text)
    value = lines(text)
    assert [m["id"] for m in value] == [f"n{i}" for i in range(30)]
    assert value[12].line == 13 and value[12]["src"][0].line == 13
    assert str(value[12]["at"]) == "2020-01-04" and value[12]["src"][0]["q"] == "12"


def test_a_file_left_to_pyyaml_still_reports_its_problem_by_line(tmp_path):
    file = tmp_path / "bad.yaml"
    file.write_text('facts:\n  - {subject: "a", valid_from: 2014-02-30}\n')
    value, problems = read_yaml(file)
    assert value is None and problems[0].line == 2 and "not a real date" in problems[0].message


# Random documents: keys, values and layouts from YAML's awkward corners, so that any
# case where the line reader and PyYAML part ways is found by chance if not by name.
_KEYS = ["a", "id", "b-c", "yes", "on", "null", "12", "x_y", '"q k"', "<<", "~", "a b",
         "a:b", "Y", "2020-01-01", "é"]
_SCALARS = ["x", "Town Hall", "Children's", "2022-05-15", "2014-02-30", "12", "0x1F",
            "1_000", "1.5", "yes", "No", "~", "null", "-3", "a #c", "a#b", "a: b", "a:b",
            "http://x", ".inf", "=", '"quoted"', '"with \\" escape"', "'single'",
            '"a, b: c"', '""', "x  y", "(x)", "a,b", "& x", "*x", "!!str 1", "|", ">-",
            "%x", "@x", "`x", "?x", "? x", "-x", "- x", "x\ty", "a  ", "é"]
_FLOWS = ["[a, b]", "{a: b}", "{a: b, a: c}", "[a: b]", "{}", "[]", "[a, ]", "{a: b }",
          "{ a: b}", "[a , b]", "{a:b}", '{"k": v}', '{x: "y"}z', "[yes, no, 1, 1.5, ~]",
          '{a: [b, {c: "d"}], e: 2022-01-01}', '[{loc: "p 1", quote: "Q"}]', "[[a], [b, c]]",
          "{a: 2014-02-30}", "{on: 1, yes: 2}", '{a: "x y", b: x y}', "[a b , c]",
          "{a: [b, c], d: {}}", "[x]]", "{a: b}}", '["a", "b"]', "{a: =}", "{<<: {a: 1}}",
          "[a#b]", "[a, #b]", "{1: a, 1.0: b}", "[~]", "{a: {b: {c: [d]}}}"]


_COMMON_KEYS = ["id", "label", "date", "sources", "kind"]
_COMMON = ["x", '"Town Hall"', "2022-05-15", "Children's Services", '{a: "b", c: 2020-01-01}',
           '[a, "b c"]', '[{loc: "p 1", quote: "Q"}]']


def _random_document(rng: random.Random) -> str:
    out: list[str] = []

    def key() -> str:
        return rng.choice(_KEYS) if rng.random() < 0.15 else rng.choice(_COMMON_KEYS)

    def scalar() -> str:
        return rng.choice(_SCALARS + _FLOWS) if rng.random() < 0.15 else rng.choice(_COMMON)

    def value(indent: int, depth: int) -> None:
        roll = rng.random()
        if depth < 3 and roll < 0.25:
            block(indent + rng.choice([1, 2, 4]), depth + 1, sequence=False)
        elif depth < 3 and roll < 0.45:
            block(indent + rng.choice([0, 2, 3]), depth + 1, sequence=True)
        else:
            out[-1] += " " + scalar()
            if rng.random() < 0.05:  # a deeper line after a value: continues or breaks it
                out.append(" " * (indent + 3) + scalar())

    def block(indent: int, depth: int, sequence: bool) -> None:
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.1:
                out.append(rng.choice(["", "# note", " " * indent + "# indented note", "  "]))
            if sequence:
                out.append(" " * indent + "-")
                roll = rng.random()
                if roll < 0.4:
                    out[-1] += " " + scalar()
                elif roll < 0.8 and depth < 3:
                    out[-1] += " " + key() + ":"
                    value(indent + 2, depth + 1)
                    for _ in range(rng.randint(0, 2)):
                        out.append(" " * (indent + 2) + key() + ":")
                        value(indent + 2, depth + 1)
            else:
                out.append(" " * indent + key() + ":")
                value(indent, depth)
            if rng.random() < 0.03:
                out[-1] += rng.choice([" ", "  # c", "\t"])

    block(rng.choice([0, 0, 0, 1]), 0, sequence=rng.random() < 0.3)
    return "\n".join(out) + rng.choice(["\n", "", "\n\n"])


def test_random_documents_read_as_pyyaml_reads_them_or_are_left_to_it():
    rng = random.Random(20261204)
    read = sum(agrees(_random_document(rng)) for _ in range(3000))
    assert read > 300, f"only {read} of 3000 random documents were read by their lines"
