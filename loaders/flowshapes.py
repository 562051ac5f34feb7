"""One-line YAML flow collections, read by shape: each shape is parsed once.

Most lines of a large register are a whole flow mapping on one line::

    - {subject: "kent/person/x", relation: "member_of", object: "kent/council", valid_from: 2022-05-15, sources: [{loc: "p 2", quote: "..."}]}

Cut out the quoted strings and what is left, the line's *shape*, is shared by thousands
of lines. :class:`FlowShapes` parses a shape once (through the C JSON decoder, its plain
words resolved by PyYAML's own resolver) into a builder, and each line with that shape
is then built from its quoted strings with a few C-level calls.

Only shapes it reads exactly as YAML does are taken: quoted strings without escapes,
plain words without a colon, hash, quote or trailing space, YAML's own spacing after
``:`` and ``,``, and distinct plain keys. For anything else :meth:`FlowShapes.build`
raises :class:`Unreadable` and the file is left to PyYAML.
"""

from __future__ import annotations

import json
import re
import threading
from operator import itemgetter
from typing import Callable

import yaml

__all__ = ["Plains", "FlowShapes", "Unreadable", "FIRST", "QUOTE", "Builder", "mapping_builder",
           "list_builder", "shape_of", "built"]


class Unreadable(Exception):
    """A line this reader does not read: the file goes to PyYAML."""


#: A plain scalar's first character: none of YAML's indicators (PyYAML's check_plain).
#: \x01 stands for a cut-out quoted string in a shape, so it starts no word.
FIRST = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`\\\x01]"""
# In a flow collection a plain word also ends at , ? [ ] { }; this reader takes none
# with a colon, a hash, a quote or a backslash, and none that ends in a space.
_WORD_CHAR = r'[^\s,?\[\]{}:#"\\\x01]'
_WORD = rf"{FIRST}(?:{_WORD_CHAR}| ++(?={_WORD_CHAR}))*+"
QUOTE = "\x01"  #: where a quoted string was cut out of a shape
# A shape: cut-out quoted strings, plain words and the flow indicators with YAML's own
# spacing; atomic, so a shape it refuses costs no backtracking.
_SHAPE = re.compile(rf"(?>\x01|{_WORD}|: |, |[{{}}\[\]])++")
# Where a shape's words start (after "{", "[", ": ", ", " or a quoted string) and end
# (before ",", ":", "]", "}" or a quoted string).
_WORD_START = re.compile(rf"(?:(?<=[{{\[\x01])|(?<=[:,] ))(?={FIRST})")
_WORD_END = re.compile(rf"(?<={_WORD_CHAR})(?=[,:\]}}\x01]|$)")
_WORD_MARK, _SLOT_MARK = "\0", "\x02"  # starts a word's or a slot's JSON string

#: A builder: (the line's quoted strings and the shape's constants, file, line) -> value.
Builder = Callable[[list, str, int], object]


class Plains(dict):
    """Plain scalars as PyYAML reads them: a string, or a date, number, bool or null.

    Each is resolved once, by ``loader``'s own resolver and constructor; the values
    are immutable, so one is shared by every line that has it.
    """

    #: Scalars kept at most; past it they are resolved again as they come.
    LIMIT = 1_000_000

    def __init__(self, loader: yaml.SafeLoader):
        super().__init__()
        self.loader, self.lock = loader, threading.Lock()

    def __missing__(self, text: str) -> object:
        if len(self) >= self.LIMIT:
            self.clear()
        with self.lock:  # the constructor keeps state while it builds
            loader = self.loader
            tag = loader.resolve(yaml.ScalarNode, text, (True, False))
            if tag == loader.DEFAULT_SCALAR_TAG:
                value: object = text
            else:
                try:
                    value = loader.construct_object(yaml.ScalarNode(tag, text))
                except (ValueError, yaml.YAMLError):  # 2014-02-30: PyYAML's to report
                    raise Unreadable(f"a plain scalar PyYAML refuses: {text!r}")
                finally:
                    loader.constructed_objects.clear()
        self[text] = value
        return value


def shape_of(text: str) -> tuple[str, list[str]]:
    """A line's or item's shape (its text with each quoted string cut out, marked by
    :data:`QUOTE`) and its quoted strings.

    Raises
    ------
    Unreadable
        If a quoted string has an escape, is not closed or goes on to another line.

    Examples
    --------
    >>> shape_of('{a: "b", c: d, e: "f g"}')
    ('{a: \\x01, c: d, e: \\x01}', ['b', 'f g'])
    """
    parts = text.split('"')
    if not len(parts) % 2 or "\\" in text:
        raise Unreadable("a quoted string with an escape, or not closed")
    shape = QUOTE.join(parts[0::2])
    if "\n" in text and shape.count("\n") != text.count("\n"):
        raise Unreadable("a quoted string over two lines")
    return shape, parts[1::2]


def built(compiled: tuple[Builder, list] | None, quoted: list, name: str, line: int) -> object:
    """The value a shape's builder and constants (None: a shape not read here) make of
    a text's quoted strings, located at ``line`` of ``name``.

    Raises
    ------
    Unreadable
        If the shape is not one read here.
    """
    if compiled is None:
        raise Unreadable("of a shape not read here")
    builder, constants = compiled
    if constants:
        quoted += constants
    return builder(quoted, name, line)


class FlowShapes:
    """The builders of the flow-collection shapes met so far, and the plain scalars."""

    #: Shapes kept at most (a register has a few hundred; this bounds a strange one).
    LIMIT = 100_000

    def __init__(self, mapping: type, plains: Plains):
        self.mapping, self.plains = mapping, plains
        self.shapes: dict[str, tuple[Builder, list] | None] = {}

    def build(self, text: str, name: str, line: int) -> object:
        """The value of a one-line flow collection, its mappings located at ``line``.

        Raises
        ------
        Unreadable
            If the line is not of a shape this reader reads exactly as YAML does.
        """
        shape, quoted = shape_of(text)
        try:
            compiled = self.shapes[shape]
        except KeyError:
            compiled = self._compiled(shape)
        return built(compiled, quoted, name, line)

    def template(self, shape: str, slot: Callable[[int], object]) -> object:
        """A shape's value with ``slot(i)`` in the place of its i-th quoted string, or
        None if it is not a shape this reader reads."""
        compiled = self.shapes[shape] if shape in self.shapes else self._compiled(shape)
        if compiled is None:
            return None
        builder, constants = compiled
        return builder([slot(i) for i in range(shape.count(QUOTE))] + constants, "", 0)

    def _compiled(self, shape: str) -> tuple[Builder, list] | None:
        if len(self.shapes) >= self.LIMIT:
            self.shapes.clear()
        compiled = None
        if _SHAPE.fullmatch(shape):
            try:
                compiled = _Compiler(shape, self.mapping, self.plains).compiled()
            except (ValueError, Unreadable):  # not JSON once marked: not this reader's
                compiled = None
        self.shapes[shape] = compiled
        return compiled


class _Compiler:
    """One shape as a builder: its quoted strings are slots, its plain words constants."""

    def __init__(self, shape: str, mapping: type, plains: Plains):
        self.shape, self.mapping, self.plains = shape, mapping, plains
        self.slots = shape.count(QUOTE)
        self.constants: list = []

    def compiled(self) -> tuple[Builder, list]:
        marked = _WORD_START.sub('"' + _WORD_MARK, _WORD_END.sub('"', self.shape))
        pieces = marked.split(QUOTE)
        as_json = "".join(piece + (f'"{_SLOT_MARK}{i}"' if i < len(pieces) - 1 else "")
                          for i, piece in enumerate(pieces))
        spec = json.JSONDecoder(strict=False, object_pairs_hook=_MappingSpec).decode(as_json)
        return self._builder(spec), self.constants

    def _part(self, spec: object) -> int | Builder:
        """A value's place among the line's values (a quoted string or a constant), or
        the builder of a nested collection."""
        if isinstance(spec, str):
            if spec[:1] == _SLOT_MARK:
                return int(spec[1:])
            self.constants.append(self.plains[spec[1:]])
            return self.slots + len(self.constants) - 1
        return self._builder(spec)

    def _key(self, spec: str) -> object:
        if spec[:1] != _WORD_MARK:
            raise Unreadable("a quoted key")  # it would differ line by line
        return self.plains[spec[1:]]

    def _builder(self, spec: object) -> Builder:
        if isinstance(spec, _MappingSpec):
            keys = tuple(self._key(key) for key, _ in spec)
            if len(set(keys)) != len(keys):
                raise Unreadable("a duplicate key")
            return mapping_builder(self.mapping, keys, [self._part(v) for _, v in spec])
        return list_builder([self._part(item) for item in spec])


class _MappingSpec(list):
    """A flow mapping of a shape, as the JSON decoder's (key, value) pairs."""


def _values(parts: list[int | Builder]) -> Callable:
    """``values(quoted, name, line)``: the values at ``parts``, in order."""
    if all(isinstance(part, int) for part in parts):
        if len(parts) == 1:
            only = parts[0]
            return lambda quoted, name, line: (quoted[only],)
        get = itemgetter(*parts)
        return lambda quoted, name, line: get(quoted)
    return lambda quoted, name, line: [
        quoted[part] if part.__class__ is int else part(quoted, name, line) for part in parts]


def mapping_builder(mapping: type, keys: tuple, parts: list[int | Builder],
                    offset: int = 0) -> Builder:
    """A builder of a mapping with these keys, whose values are at ``parts``, located
    ``offset`` lines below the line it is given."""
    values = _values(parts) if parts else None
    # Made as a plain dict is, and then located: a Python-level __init__ (Located sets
    # a file and line, set here anyway) was a tenth of building a line.
    new, fill = mapping.__new__, dict.__init__

    def build(quoted: list, name: str, line: int) -> object:
        found = new(mapping)
        if values:
            fill(found, zip(keys, values(quoted, name, line)))
        found.file, found.line = name, line + offset
        return found

    return build


def list_builder(parts: list[int | Builder]) -> Builder:
    """A builder of a list whose items are at ``parts``."""
    if not parts:
        return lambda quoted, name, line: []
    values = _values(parts)
    return lambda quoted, name, line: list(values(quoted, name, line))
