"""The items of a file's top-level sequences, read by their shape: each shape is parsed once.

A register is a few top-level keys, each holding a long sequence of items, and the items
of one file look alike: a meeting's node is seven lines that differ from the next
meeting's only in their quoted strings (and its date). Cut the quoted strings out of an
item and what is left, its *shape*, is shared by thousands of items; a national load has
297,000 nodes of 1,241 shapes. :class:`BlockShapes` parses a shape once, with the line
reader itself, into a builder, and each item of that shape is then built from its quoted
strings with a few calls, its mappings located at their own lines.

An item's shape decides how the line reader parses it, as long as each of its quoted
strings is on one line and has no escape, and no plain word or single-quoted string
holds a double quote: for anything else :meth:`BlockShapes.build` raises
:class:`~govgraph.loaders.flowshapes.Unreadable` and the file is left to PyYAML.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, NamedTuple

from govgraph.loaders.flowshapes import (QUOTE, Builder, Unreadable, built, list_builder, shape_of,
                                         mapping_builder)

__all__ = ["BlockShapes", "Section", "Slot", "sections", "section_items",
           "is_line_section", "items_of_lines"]

_SLOT = "\x02"  # starts a quoted string's place in a shape's template: never in a text
_SLOTTED = re.compile(r"\x02[0-9]+")


class Section(NamedTuple):
    """A top-level ``key:`` on a line of its own and the sequence under it."""

    key: str
    head: int  # the key's line number
    start: int  # where its items' lines start in the text
    end: int  # where they end (the next line at the margin, or the end of the text)
    indent: int  # the items' indent


# A key on a line of its own at the margin (plain keys only), after a line break.
_HEAD = re.compile(r"\n([A-Za-z0-9_][\w\-]*): *(?=\n)")
# After the key, blank and comment lines, then the first item gives the items' indent.
_FIRST_ITEM = re.compile(r"(?: *(?:#[^\n]*)?\n)*( *)- ")
# The items end at the next line that starts at the margin (with "- " they go on when
# they are themselves at the margin). A line break first: "^" in multi-line mode is
# tried at every character.
_END = re.compile(r"\n(?=[^ \n#])")
_END_AT_ZERO = re.compile(r"\n(?=[^ \n#])(?!- )")


def sections(text: str) -> list[Section]:
    """The top-level keys of a YAML text that hold a block sequence, in order.

    Examples
    --------
    >>> sections('doc: d\\nnodes:\\n  - id: a\\n    label: "A"\\nfacts:\\n- {a: b}\\n')
    [Section(key='nodes', head=2, start=14, end=39, indent=2), Section(key='facts', head=5, start=46, end=55, indent=0)]
    """
    found = []
    padded = "\n" + text  # a key on the first line follows a line break too
    for head in _HEAD.finditer(padded):
        start = head.end() + 1
        first = _FIRST_ITEM.match(padded, start)
        if first is None:
            continue
        indent = len(first[1])
        end = (_END_AT_ZERO if indent == 0 else _END).search(padded, start - 1)
        end = end.start() + 1 if end else len(padded)
        found.append(Section(head[1], padded.count("\n", 0, head.start()) + 1,
                             start - 1, end - 1, indent))
    return found


def section_items(text: str, section: Section) -> list[tuple[int, str]] | None:
    """The ``(line number, text)`` of each item of a section, each item's text from
    after its ``- ``; None if a line of the section is neither an item's, a line
    below one, a blank line nor a comment.

    Examples
    --------
    >>> text = 'nodes:\\n  - id: a\\n    label: "A"\\n\\n  - id: b\\n'
    >>> section_items(text, sections(text)[0])
    [(2, 'id: a\\n    label: "A"\\n'), (5, 'id: b')]
    """
    # (without the last line break, so the last item has the shape of the others)
    indent, body = section.indent, "\n" + text[section.start:section.end].rstrip("\n ")
    if _stray(indent).search(body):
        return None
    chunks = body.split("\n" + " " * indent + "- ")
    line = section.head + 1 + chunks[0].count("\n")
    items = []
    for chunk in chunks[1:]:
        items.append((line, chunk))
        line += chunk.count("\n") + 1
    return items


def is_line_section(text: str, section: Section) -> bool:
    """Whether every line of a section is a flow mapping item on one line (``- {...}``,
    a register's facts), blank or a comment.

    Examples
    --------
    >>> text = 'facts:\\n  - {a: "b"}\\n  # c\\n  - {c: d}  \\nnodes:\\n  - id: x\\n'
    >>> [is_line_section(text, section) for section in sections(text)]
    [True, False]
    """
    return not _not_a_line_item(section.indent).search(text, section.start - 1, section.end)


def items_of_lines(lines: str, first: int, indent: int) -> list[tuple[int, str]]:
    """The ``(line number, text)`` of each item ``- {...}`` at ``indent`` among lines
    numbered from ``first``, each item's text from after its ``- ``.

    Examples
    --------
    >>> items_of_lines('  - {a: "b"}\\n  # c\\n  - {c: d}  \\n', 2, 2)
    [(2, '{a: "b"}'), (4, '{c: d}')]
    """
    item, cut = " " * indent + "- {", indent + 2
    # Lines rather than items: most of a large register, without a count for each item
    return [(number, line[cut:].rstrip(" "))
            for number, line in enumerate(lines.split("\n"), first) if line.startswith(item)]


@lru_cache(maxsize=None)
def _stray(indent: int) -> re.Pattern:
    """A line that is not an item's first (at the indent), below one, blank or a comment."""
    return re.compile(rf"\n(?! {{{indent + 1}}}| {{{indent}}}- | *(?:#|\n|\Z))")


@lru_cache(maxsize=None)
def _not_a_line_item(indent: int) -> re.Pattern:
    """A line that is not a flow mapping item at the indent, blank or a comment."""
    return re.compile(rf"\n(?! {{{indent}}}- \{{| *(?:#|\n|\Z))")


class BlockShapes:
    """The builders of the item shapes met so far.

    Parameters
    ----------
    mapping
        The dict type mappings come back as, with ``file`` and ``line`` set.
    parse
        The line reader's parse of a text's lines (raising Unreadable for a line of
        another shape), which reads each shape's template once.
    """

    #: Shapes kept at most (a national load has about 1,300).
    LIMIT = 100_000

    def __init__(self, mapping: type, parse: Callable[[list[str]], object]):
        self.mapping, self.parse = mapping, parse
        self.shapes: dict[tuple[int, str], tuple[Builder, list] | None] = {}

    def build(self, text: str, indent: int, name: str, line: int) -> object:
        """The value of an item of a section at ``indent`` (its text from after its
        ``- ``, as :func:`section_items` gives it) starting at ``line``.

        Raises
        ------
        Unreadable
            If the item is not of a shape the line reader reads exactly as YAML does.
        """
        shape, quoted = shape_of(text)
        try:
            compiled = self.shapes[indent, shape]
        except KeyError:
            compiled = self._compiled(indent, shape)
        return built(compiled, quoted, name, line)

    def template(self, indent: int, shape: str, slot: Callable[[int], object]) -> object:
        """A shape's value with ``slot(i)`` in the place of its i-th quoted string, its
        mappings located on the item's lines from 1, or None if it is not a shape this
        reader reads."""
        try:
            value = self.parse(_template(shape, indent))
            if not isinstance(value, list) or len(value) != 1:
                return None
            return _slotted(value[0], slot)
        except Unreadable:
            return None

    def _compiled(self, indent: int, shape: str) -> tuple[Builder, list] | None:
        if len(self.shapes) >= self.LIMIT:
            self.shapes.clear()
        template = self.template(indent, shape, Slot)
        compiled = None if template is None else _Compiler(
            self.mapping, shape.count(QUOTE)).compiled(template)
        self.shapes[indent, shape] = compiled
        return compiled


def _slotted(value: object, slot: Callable[[int], object]) -> object:
    """A template's value with its quoted strings' marks made slots (in place: a
    template's mappings and lists are its own)."""
    if isinstance(value, dict):
        if any(_SLOT in str(key) for key in value):
            raise Unreadable("a quoted key")
        for key, item in value.items():
            value[key] = _slotted(item, slot)
        return value
    if value.__class__ is list:
        value[:] = [_slotted(v, slot) for v in value]
        return value
    if value.__class__ is str and _SLOT in value:
        if not _SLOTTED.fullmatch(value):
            raise Unreadable("a double quote inside a plain or single-quoted scalar")
        return slot(int(value[1:]))
    return value


def _template(shape: str, indent: int) -> list[str]:
    """The lines of a shape as a document of its own: one item, its quoted strings
    marked by their place, its lines moved to the margin."""
    pieces = shape.split(QUOTE)
    text = "- " + "".join(piece + (f'"{_SLOT}{i}"' if i < len(pieces) - 1 else "")
                          for i, piece in enumerate(pieces))
    first, *below = text.split("\n")
    margin = " " * indent
    # A line below the item starts with the indent; a comment or blank line may not.
    return [first] + [line[indent:] if line.startswith(margin) else "" for line in below]


class Slot:
    """Where a quoted string of an item goes, in its shape's template."""

    __slots__ = ("index",)

    def __init__(self, index: int):
        self.index = index


class _Compiler:
    """An item's template as a builder: its quoted strings are slots, the rest constants."""

    def __init__(self, mapping: type, slots: int):
        self.mapping, self.slots = mapping, slots
        self.constants: list = []

    def compiled(self, template: object) -> tuple[Builder, list]:
        part = self._part(template)
        if part.__class__ is int:  # a scalar item
            return (lambda quoted, name, line: quoted[part]), self.constants
        return part, self.constants

    def _part(self, value: object) -> int | Builder:
        if value.__class__ is Slot:
            return value.index
        if isinstance(value, self.mapping):
            return mapping_builder(self.mapping, tuple(value),
                                   [self._part(v) for v in value.values()], offset=value.line - 1)
        if value.__class__ is list:
            return list_builder([self._part(v) for v in value])
        self.constants.append(value)
        return self.slots + len(self.constants) - 1
