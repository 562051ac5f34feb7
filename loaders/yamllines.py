"""The common shapes of register YAML, read line by line without a YAML parser.

A national load is 572 MB of registers, and libyaml with PyYAML's composer reads them at
about 8 MB/s a core: most of the first load. Nearly every line of a register is one of
a few shapes: ``key: value``, ``- key: value``, ``key:`` before a nested block, and a
whole flow mapping on one line (``- {subject: "...", relation: "...", sources: [...]}``),
which :mod:`~govgraph.loaders.flowshapes` builds by its shape. :class:`LineReader` reads
a file made only of those shapes: the items of its top-level sequences each by its shape
too (:mod:`~govgraph.loaders.blockshapes`), parsed once a shape by the lines below, or
left aside as text for a reader of their own (:meth:`LineReader.read_aside`).

It never decides anything YAML leaves open: any other line (block scalars, anchors,
tags, quoted strings with escapes, single quotes in a flow collection, comments after
a value, a plain scalar over two lines, a duplicate key, tabs...) and it gives up on
the whole file, returning :data:`UNHANDLED`, and the file is read by PyYAML as before,
which also reports every error. Plain scalars are resolved by PyYAML's own resolver and
constructor (``2022-05-15`` is a date, ``yes`` is true), so a file it reads gives the
same values, types and lines as PyYAML; tests/test_yamllines.py holds it to that.
"""

from __future__ import annotations

import re
from typing import Collection

import yaml

from govgraph.loaders.blockshapes import (BlockShapes, is_line_section, items_of_lines, section_items,
                                         sections)
from govgraph.loaders.flowshapes import FIRST, FlowShapes, Plains, Unreadable

__all__ = ["UNHANDLED", "LineReader", "Aside"]

#: What :meth:`LineReader.read` returns for a file it leaves to PyYAML.
UNHANDLED = object()

_KEY = r'(?:[A-Za-z0-9_][\w\-]*|"[^"\\]*")'
_ENTRY = re.compile(rf"({_KEY}):(?: (.*))?")
_QUOTED = re.compile(r'"[^"\\]*"')
_SINGLE_QUOTED = re.compile(r"'(?:[^']|'')*'")  # '' is a quote; no escapes
# On a block line a plain scalar ends at ": " or " #" (PyYAML's scan_plain), and a
# colon may not end it.
_PLAIN = re.compile(rf"{FIRST}(?:[^:#]|:(?=[^ ])|(?<! )#)*+")

_ITEM, _PAIR, _SCALAR = range(3)


class LineReader:
    """Reads the files made of the common shapes; keeps what it learns between files.

    Parameters
    ----------
    mapping
        The dict type mappings come back as, with ``file`` and ``line`` set
        (:class:`~govgraph.loaders.yamlfile.Located`).
    loader
        A PyYAML loader, whose resolver and constructor read the plain scalars.
    """

    def __init__(self, mapping: type, loader: yaml.SafeLoader):
        self.mapping, self.plains = mapping, Plains(loader)
        self.flows = FlowShapes(mapping, self.plains)
        self.blocks = BlockShapes(mapping, lambda lines: _Document(self, "").value(lines))

    def read(self, text: str, name: str) -> object:
        """The value of a YAML text, or :data:`UNHANDLED` if any line is of another
        shape (nothing is reported: PyYAML reads the file and reports its problems)."""
        found = self._read(text, name, ())
        return found if found is UNHANDLED else found[0]

    def read_aside(self, text: str, name: str, keys: Collection[str]) -> tuple[object, dict] | object:
        """As :meth:`read`, with the items of the top-level sequences of ``keys`` (a
        register's nodes and facts) left aside as text, for a reader of their own.

        Returns ``(value, aside)``: for each of those keys that holds a block sequence,
        ``aside[key]`` is ``Aside(indent, one_line, items)``, its ``(line number, text)``
        items (a whole flow mapping on one line each if ``one_line``, else each item's
        lines, from after its ``- ``) and the key is null in ``value`` (:meth:`flow` and
        :meth:`item` read an item as :meth:`read` would). :data:`UNHANDLED` if the file
        is not all of the common shapes.
        """
        return self._read(text, name, keys)

    def item(self, text: str, indent: int, name: str, number: int) -> object:
        """An item left aside by :meth:`read_aside` that is not one line, as :meth:`read`
        would have read it.

        Raises
        ------
        Unreadable
            If the item is not of a shape this reader reads (the file is PyYAML's).
        """
        return self.blocks.build(text, indent, name, number)

    def _read(self, text: str, name: str, aside: Collection[str]) -> tuple[object, dict] | object:
        # Tabs, carriage returns, byte order marks, YAML 1.1's other line breaks and
        # PyYAML's non-printable characters are all Python's non-printable too.
        if not _printable(text):
            return UNHANDLED
        try:
            return self._by_sections(text, name, aside)
        except Unreadable:  # read line by line instead, which may yet read it
            pass
        try:
            return _Document(self, name).value(text.split("\n")), {}
        except Unreadable:
            return UNHANDLED

    def _by_sections(self, text: str, name: str, aside: Collection[str]) -> tuple[object, dict]:
        """The top-level sequences read item by item, by their shape
        (:mod:`~govgraph.loaders.blockshapes`), and the other lines line by line."""
        found = sections(text)
        if not found:
            raise Unreadable("no top-level sequence")
        rest, at, filled, items_aside = [], 0, [], {}
        for section in found:
            # the section's lines left blank for the rest, so the others keep their numbers
            rest += (text[at:section.start], "\n" * text.count("\n", section.start, section.end))
            at = section.end
            if section.key in aside and is_line_section(text, section):
                items_aside[section.key] = Aside(section.indent, True, lines=text[
                    section.start:section.end], first=section.head + 1)
                filled.append((section.key, None))
                continue
            items = section_items(text, section)
            if items is None:
                raise Unreadable("a line of a sequence of another shape")
            if section.key in aside:
                items_aside[section.key] = Aside(section.indent, False, items)
                filled.append((section.key, None))
                continue
            build, indent = self.blocks.build, section.indent
            filled.append((section.key, [build(item, indent, name, line) for line, item in items]))
        rest.append(text[at:])
        value = _Document(self, name).value("".join(rest).split("\n"))
        if not isinstance(value, self.mapping):
            raise Unreadable("a top-level sequence outside a mapping")
        for key, items in filled:
            if key not in value or value[key] is not None:
                raise Unreadable("a key that is not the mapping's own")
            value[key] = items
        return value, items_aside

    def flow(self, text: str, name: str, number: int) -> object:
        """One item left aside by :meth:`read_aside`, as :meth:`read` would have read it.

        Raises
        ------
        Unreadable
            If the item is not of a shape this reader reads (the file is PyYAML's).
        """
        return self.flows.build(text, name, number)


# Every printable ASCII character and the line break: what is left when they are deleted
# is not printable.
_PRINTABLE_ASCII = bytes(range(32, 127)) + b"\n"


def _printable(text: str) -> bool:
    """Whether every line of the text is printable (an ASCII text checked in one
    step, as bytes: about ten times faster than line by line)."""
    if text.isascii():
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return all(map(str.isprintable, text.split("\n")))


class Aside:
    """The items of a top-level sequence left aside by :meth:`LineReader.read_aside`.

    ``items`` are their ``(line number, text)``. If ``one_line``, each item is a flow
    mapping on one line, and ``lines`` are the sequence's lines as they are, numbered
    from ``first`` (for :meth:`~govgraph.loaders.factlines.FactLines.read_block`): its
    items are only cut out of them when asked for.
    """

    __slots__ = ("indent", "one_line", "lines", "first", "_items")

    def __init__(self, indent: int, one_line: bool, items: list[tuple[int, str]] | None = None,
                 *, lines: str = "", first: int = 1):
        self.indent, self.one_line, self.lines, self.first = indent, one_line, lines, first
        self._items = items

    @property
    def items(self) -> list[tuple[int, str]]:
        if self._items is None:
            self._items = items_of_lines(self.lines, self.first, self.indent)
        return self._items


class _Document:
    """One file's logical lines, parsed by indentation into values."""

    def __init__(self, reader: LineReader, name: str):
        self.name, self.mapping = name, reader.mapping
        self.plains, self.flows = reader.plains, reader.flows
        self.lines: list[tuple] = []
        self.at = 0

    def value(self, lines: list[str]) -> object:
        for number, line in enumerate(lines, 1):
            if line:  # the lines of sequences read by shape are blank: most of a file
                self._split(number, line)
        if not self.lines:
            return None
        if self.lines[0][1] != 0:
            raise Unreadable("the document is indented")
        value = self._node(0)
        if self.at != len(self.lines):
            raise Unreadable("lines after the document")
        return value

    def _split(self, number: int, line: str) -> None:
        """A physical line as logical lines: ``- - key: v`` is two items and a pair."""
        content = line.rstrip(" ")
        stripped = content.lstrip(" ")
        if not stripped or stripped[0] == "#":
            return
        indent = len(content) - len(stripped)
        if stripped[:3] == "- {":  # an item that is a flow mapping: most lines of a register
            self.lines += ((_ITEM, indent, number), (_SCALAR, indent + 2, number, stripped[2:]))
            return
        while stripped == "-" or stripped.startswith("- "):
            self.lines.append((_ITEM, indent, number))
            rest = stripped[2:].lstrip(" ")
            if not rest:
                return
            indent += len(stripped) - len(rest)
            stripped = rest
        entry = _ENTRY.fullmatch(stripped)
        if entry:
            rest = entry[2] and entry[2].lstrip(" ")  # the line is stripped on the right
            self.lines.append((_PAIR, indent, number, entry[1], rest or None))
        else:
            self.lines.append((_SCALAR, indent, number, stripped))

    def _node(self, indent: int) -> object:
        """The block node starting at the current line, which has this indent."""
        kind = self.lines[self.at][0]
        if kind == _ITEM:
            return self._sequence(indent)
        if kind == _PAIR:
            return self._mapping(indent)
        raise Unreadable("a scalar on a line of its own")

    def _sequence(self, indent: int) -> list:
        items = []
        while self._next(indent) == _ITEM:
            number = self.lines[self.at][2]
            self.at += 1
            items.append(self._below(indent, number))
        return items

    def _mapping(self, indent: int) -> object:
        mapping = self.mapping()
        mapping.file, mapping.line = self.name, self.lines[self.at][2]
        while self._next(indent) == _PAIR:
            _, _, number, key, rest = self.lines[self.at]
            self.at += 1
            key = self.plains[key] if key[0] != '"' else key[1:-1]
            if key in mapping:
                raise Unreadable("a duplicate key")  # PyYAML reports it
            if rest is not None:
                mapping[key] = self._value(rest, number)
                self._flat(indent)
            elif self.at < len(self.lines) and self.lines[self.at][1] == indent \
                    and self.lines[self.at][0] == _ITEM:
                mapping[key] = self._sequence(indent)  # a sequence at the key's indent
            else:
                mapping[key] = self._below(indent, number)
        return mapping

    def _below(self, indent: int, number: int) -> object:
        """What follows an item or a key: the rest of its line, a nested block, or null."""
        if self.at < len(self.lines):
            line = self.lines[self.at]
            if line[0] == _SCALAR and line[2] == number:
                self.at += 1
                value = self._value(line[3], number)
                self._flat(indent)
                return value
            if line[1] > indent:
                return self._node(line[1])
        return None

    def _next(self, indent: int) -> int | None:
        """The kind of the current line if it continues a block at this indent."""
        if self.at >= len(self.lines):
            return None
        line = self.lines[self.at]
        if line[1] > indent:
            raise Unreadable("a line indented more than its block")
        return line[0] if line[1] == indent else None

    def _flat(self, indent: int) -> None:
        """After a value on its key's line, no deeper line may follow (it would continue
        a plain scalar, or be an error)."""
        if self.at < len(self.lines) and self.lines[self.at][1] > indent:
            raise Unreadable("a deeper line after a value")

    def _value(self, text: str, number: int) -> object:
        if text[0] in "{[":
            return self.flows.build(text, self.name, number)
        if _QUOTED.fullmatch(text):
            return text[1:-1]
        if _SINGLE_QUOTED.fullmatch(text):
            return text[1:-1].replace("''", "'")
        if _PLAIN.fullmatch(text):
            return self.plains[text]
        raise Unreadable("a scalar of another shape")
