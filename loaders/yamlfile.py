"""YAML reading that remembers where each mapping came from, for error messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection

import yaml

from govgraph.loaders.flowshapes import Unreadable
from govgraph.loaders.yamllines import UNHANDLED, LineReader

__all__ = ["Located", "Problem", "read_yaml", "read_yaml_aside", "flow_item", "block_item",
           "line_shapes", "Unreadable",
           "json_ready"]


class Located(dict):
    """A mapping read from YAML that knows its file and line."""

    # Slots rather than an instance __dict__: a national load holds millions of these
    # at once, and the __dict__ more than doubled each one's size.
    __slots__ = ("file", "line", "default_doc")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.file, self.line = "?", 0


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where, and what."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class _Loader(yaml.SafeLoader):
    """The pure-Python loader: its error messages are the ones reported."""


def _quick_resolve(base: type) -> Callable:
    """``base.resolve`` (which tag a node has), without its search where none can match.

    The resolver tries the patterns registered for a plain scalar's first character
    (numbers, dates, booleans, nulls): most register values (ids, labels, quotes)
    start with a character that has none, and quoted ones are never matched, so
    those are plain strings straight away. Everything else is resolved as before.
    Cut reading a register by a tenth: the resolver ran for every scalar.
    """
    resolve, firsts = base.resolve, frozenset(base.yaml_implicit_resolvers)
    if None in firsts or base.yaml_path_resolvers:  # patterns for any character: search
        return resolve
    scalar, text = yaml.ScalarNode, base.DEFAULT_SCALAR_TAG

    def quick(self, kind, value, implicit):
        if kind is scalar and (not implicit[0] or (value and value[0] not in firsts)):
            return text
        return resolve(self, kind, value, implicit)

    return quick


def _no_path_resolvers(base: type) -> dict:
    """No-op ``descend_resolver``/``ascend_resolver`` where ``base`` has no path resolvers.

    The composer calls both around every node; with no path resolvers registered they
    return at once, but as methods that first look the registry up (5% of reading).
    """
    if base.yaml_path_resolvers:
        return {}
    return {"descend_resolver": lambda self, parent, index: None,
            "ascend_resolver": lambda self: None}


# libyaml's C parser reads a register ten times faster; it builds the same nodes with
# the same marks, so the same constructor gives the same Located mappings. Its error
# messages differ in wording, so a file it rejects is read again by _Loader to report
# the problem in the same words whichever parser is installed.
_FastLoader = (type("_FastLoader", (yaml.CSafeLoader,),
                    {"__doc__": "The libyaml loader.",
                     "resolve": _quick_resolve(yaml.CSafeLoader),
                     **_no_path_resolvers(yaml.CSafeLoader)})
               if getattr(yaml, "__with_libyaml__", False) else _Loader)


#: Most register files are read by their lines' common shapes, without a YAML parser.
_LINES = LineReader(Located, _Loader(""))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    mapping = Located()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        _hashable(key, node, key_node)
        if key in mapping:
            raise yaml.MarkedYAMLError("while reading a mapping", node.start_mark,
                                       f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    mapping.file = loader.name
    mapping.line = node.start_mark.line + 1
    return mapping


def _hashable(key: object, node: yaml.Node, key_node: yaml.Node) -> None:
    """A key that is a list or mapping (``? [a, b]``) is a located problem, as PyYAML's
    own constructor makes it, not a crash."""
    try:
        hash(key)
    except TypeError:
        raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                "found unhashable key", key_node.start_mark)


for _loader in {_Loader, _FastLoader}:
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Recursive(Exception):
    """A node contains itself: PyYAML's constructor decides what that gives."""


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))


class _Builder:
    """Values from composed YAML nodes: what ``loader.get_single_data()`` returns.

    Registers are almost all plain strings, lists and mappings; building those
    directly is three times faster than PyYAML's generic constructor. Any other node
    (numbers, booleans, dates, nulls, explicit tags) goes to the loader's own
    constructor, so it is read exactly as before. Like the constructor, a node met
    twice (a YAML alias) gives the same object; a node that contains itself is left
    to the constructor (see :func:`_parse`).
    """

    def __init__(self, loader: yaml.SafeLoader):
        self.loader = loader
        self.built: dict[int, object] = {}
        self.building: set[int] = set()

    def value(self, node: yaml.Node) -> object:
        if node.tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        key = id(node)
        if key in self.built:
            return self.built[key]
        if key in self.building:
            raise _Recursive()
        self.building.add(key)
        if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
            found: object = [self.value(child) for child in node.value]
        elif node.tag == _MAP and isinstance(node, yaml.MappingNode):
            found = self.mapping(node)
        else:
            try:
                found = self.loader.construct_object(node, deep=True)
            except ValueError as exc:  # PyYAML's timestamps: 2014-02-30 is not a date
                raise yaml.constructor.ConstructorError(
                    None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark)
        self.building.discard(key)
        self.built[key] = found
        return found

    def mapping(self, node: yaml.MappingNode) -> Located:
        """As :func:`_construct_mapping`: merge keys, duplicate keys refused, file and line."""
        self.loader.flatten_mapping(node)
        mapping = Located()
        for key_node, value_node in node.value:
            key = self.value(key_node)
            _hashable(key, node, key_node)
            if key in mapping:
                raise yaml.MarkedYAMLError("while reading a mapping", node.start_mark,
                                           f"duplicate key {key!r}", key_node.start_mark)
            mapping[key] = self.value(value_node)
        mapping.file = self.loader.name
        mapping.line = node.start_mark.line + 1
        return mapping


def json_ready(value: object) -> object:
    """A value read from YAML as JSON-ready data: dates (YAML reads ``2011-10-20`` as a
    date) as ISO text, inside lists too."""
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_yaml(path: Path) -> tuple[object, list[Problem]]:
    """Read a YAML file; mappings come back as :class:`Located` dicts.

    A file made of the registers' common line shapes is read by its lines
    (:mod:`~govgraph.loaders.yamllines`, four times faster); any other, and any file
    with a problem, by PyYAML, which reports the problem.

    Returns the value and a list with one :class:`Problem` if the file is not valid
    YAML (the value is then None).
    """
    value, _, problems = read_yaml_aside(path, ())
    return value, problems


def read_yaml_aside(path: Path, keys: Collection[str]) -> tuple[object, dict, list[Problem]]:
    """As :func:`read_yaml`, with the items of the top-level sequences of ``keys`` (a
    register's nodes and facts) left aside as text when the file is read by its lines
    (:meth:`~govgraph.loaders.yamllines.LineReader.read_aside`): the caller reads each
    one (:func:`flow_item`, :func:`block_item`) or faster in its own way.

    Returns ``(value, aside, problems)``: ``aside`` maps each key left aside to its
    :class:`~govgraph.loaders.yamllines.Aside` (empty when the file was read whole).
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, [Problem(name, 0, f"cannot read file: {exc}")]
    found = _LINES.read_aside(text, name, keys)
    if found is not UNHANDLED:
        return found[0], found[1], []
    value, problems = _parse(_FastLoader, text, name)
    if problems and _FastLoader is not _Loader:
        value, problems = _parse(_Loader, text, name)
    return value, {}, problems


def line_shapes() -> LineReader:
    """The line reader, whose shapes readers of their own plan with."""
    return _LINES


def flow_item(text: str, name: str, number: int) -> Located:
    """A one-line item :func:`read_yaml_aside` left aside, as :func:`read_yaml` reads it.

    Raises
    ------
    Unreadable
        If it is not of a shape the line reader reads: read the file with
        :func:`read_yaml` instead, which leaves it to PyYAML and reports its problem.
    """
    return _LINES.flow(text, name, number)


def block_item(text: str, indent: int, name: str, number: int) -> object:
    """An item of several lines :func:`read_yaml_aside` left aside, as :func:`read_yaml`
    reads it.

    Raises
    ------
    Unreadable
        As :func:`flow_item`.
    """
    return _LINES.item(text, indent, name, number)


def _parse(loader_class: type, text: str, name: str) -> tuple[object, list[Problem]]:
    loader = loader_class(text)
    loader.name = name
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        try:
            return _Builder(loader).value(node), []
        except _Recursive:
            return loader.construct_document(node), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        return None, [Problem(name, line, f"invalid YAML: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 0, f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
