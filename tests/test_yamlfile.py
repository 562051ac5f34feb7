"""read_yaml: the libyaml reader gives exactly what the pure-Python one gives.

The fast reader resolves most plain scalars without PyYAML's pattern search
(``_quick_resolve``); these tests hold it to the pure-Python reader, value for value,
type for type and line for line, on every bundled file, on a generated council and
on scalars of every kind YAML 1.1 resolves.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govgraph.data import bundled_data_dir
from govgraph.loaders import yamlfile
from govgraph.loaders.yamlfile import Located, read_yaml

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(yamlfile._FastLoader is yamlfile._Loader,
                                reason="PyYAML was built without libyaml: one reader only")


def pure(path: Path):
    """The file as the pure-Python reader gives it (the reader of error messages)."""
    return yamlfile._parse(yamlfile._Loader, path.read_text(encoding="utf-8"), str(path))


def same(a, b, where="") -> None:
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__} ({a!r})"
    if isinstance(a, Located):
        assert (a.file, a.line) == (b.file, b.line), where
    if isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b or (a != a and b != b), where  # NaN is not equal to itself


def test_every_bundled_file_reads_the_same():
    files = sorted(bundled_data_dir().rglob("*.yaml"))
    assert len(files) >= 10
    for file in files:
        fast, slow = read_yaml(file), pure(file)
        assert fast[1] == slow[1] == [], file
        same(fast[0], slow[0], str(file))


def test_a_generated_council_reads_the_same(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--councils", "1",
                    "--out", str(tmp_path)], check=True, capture_output=True)
    files = sorted(tmp_path.rglob("*.yaml"))
    assert sum(f.stat().st_size for f in files) > 500_000  # a whole council's registers
    for file in files:
        fast, slow = read_yaml(file), pure(file)
        assert fast[1] == slow[1] == [], file
        same(fast[0], slow[0], str(file))


SCALARS = """\
plain: [kent/csip, Cabinet, Children's Services, a: b, x-y, _under, "quoted", 'single']
bools: [yes, Yes, YES, no, No, NO, true, True, false, FALSE, on, On, off, OFF, y, n, Y, N]
nulls: [~, null, Null, NULL, nothing, none, '', ""]
empty:
numbers: [0, 12, -3, +4, 1_000, 0x1F, 0o17, 017, 0b101, 1.5, -.5, .5, 1e3, 6.02e+23,
          .inf, -.Inf, .NaN, 190:20:30, 1:30]
dates: [2012, 2012-04, 2012-04-01, 2012-04-01T10:00:00Z, 2001-12-14 21:59:43.10 -5,
        "2012-04-01", 20120401]
odd: ['<<', x, '=', ~x, .x, +x, -x, -, 0a, Tuesday, offer, nota, yesterday, "yes", !!str 12,
      ! 12, !!int "7"]
merged:
  <<: {a: 1, b: two}
  c: three
block: |
  Lines of text
folded: >
  folded text
key with spaces: value
"quoted key": 1
? complex
: value
"""


def test_scalars_of_every_kind_read_the_same(tmp_path):
    file = tmp_path / "scalars.yaml"
    file.write_text(SCALARS)
    fast, slow = read_yaml(file), pure(file)
    assert fast[1] == slow[1] == []
    same(fast[0], slow[0], "scalars")
    value = fast[0]
    # The shortcut left each kind to its pattern: a boolean, a null, a number, a date.
    assert value["bools"][:3] == [True, True, True] and value["nulls"][0] is None
    assert value["numbers"][5] == 31 and str(value["dates"][2]) == "2012-04-01"
    assert value["odd"][2] == "=" and value["merged"] == {"a": 1, "b": "two", "c": "three"}
    assert value["plain"][0] == "kent/csip" and value["empty"] is None


def test_a_value_no_constructor_knows_is_the_same_problem(tmp_path):
    file = tmp_path / "value.yaml"
    file.write_text("nodes:\n  - id: =\n")
    (value, problems), (_, slow) = read_yaml(file), pure(file)
    assert value is None and problems == slow
    assert problems[0].line == 2 and "tag:yaml.org,2002:value" in problems[0].message


def test_a_list_or_mapping_as_a_key_is_a_located_problem(tmp_path):
    file = tmp_path / "key.yaml"
    file.write_text("nodes:\n  - id: a\n    ? [a, b]\n    : c\n")
    (value, problems), (_, slow) = read_yaml(file), pure(file)
    assert value is None and problems == slow
    assert problems[0].line == 3 and "found unhashable key" in problems[0].message
