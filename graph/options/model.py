"""Options as data: an option is a dated, sourced change set on a baseline dataset.

:class:`Option` and :class:`Operation` are what ``loaders/options.py`` reads from
YAML; :data:`OPERATIONS` declares, once, every operation an option may use, the
fields each takes and what they must name. The loader checks files against it,
:func:`~govgraph.graph.options.apply.apply_option` executes it and
docs/options-format.md documents it (a test keeps the three in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govgraph.graph.model import Source

__all__ = ["Option", "Operation", "OpSpec", "OPERATIONS", "OptionError", "UnknownOption",
           "OPERATION_KEYS", "FIELD_KINDS"]


class OptionError(ValueError):
    """Option files that cannot be used; ``problems`` are ``file:line: message`` strings."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = "\n".join(self.problems[:50])
        more = f"\n... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the option files:\n{shown}{more}")


class UnknownOption(ValueError):
    """No option has this id; ``suggestions`` are the closest ids."""

    def __init__(self, option_id: str, suggestions: list[str]):
        self.option_id, self.suggestions = option_id, suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No option {option_id!r}.{hint} (`govgraph options` lists them)")


@dataclass(frozen=True)
class OpSpec:
    """One operation type: its fields (name -> kind) and what it does.

    Field kinds: ``body`` (an existing Body), ``agent`` (an existing Person or
    Post), ``remit`` (an existing Remit), ``node`` (any existing node), ``new_id``
    (an id not yet taken), ``relation`` (a relation of the schema that is not a
    change event), ``text``, ``bool``, ``list`` (of strings), ``mapping``,
    ``remit_list`` (new remits: id, label, text, topics, note, sources),
    ``remits`` (``all``, ``none`` or a list of remit ids), ``role``.
    """

    name: str
    required: dict[str, str]
    optional: dict[str, str]
    summary: str


def _spec(name: str, required: dict, optional: dict, summary: str) -> OpSpec:
    return OpSpec(name, required, optional, summary)


_BODY_FIELDS = {"aliases": "list", "kind": "text", "formal": "bool", "composition": "text",
                "statutory": "bool"}

#: Every operation an option may use, declared once.
OPERATIONS: dict[str, OpSpec] = {s.name: s for s in (
    _spec("dissolve", {"body": "body"}, {},
          "The body ceases the day before the option's date; its lines, seats, chair and "
          "remits end with it (remits are left without a home unless transferred first)."),
    _spec("establish", {"id": "new_id", "label": "text"},
          {"type": "text", **_BODY_FIELDS, "remits": "remit_list"},
          "A new body (or post) exists from the option's date, with any new remits."),
    _spec("rename", {"body": "body", "id": "new_id", "label": "text"}, dict(_BODY_FIELDS),
          "The body continues under a new name: a new node from the option's date, the old "
          "one ended, a renamed_to change event, and its current lines, seats, chair and "
          "remits carried over."),
    _spec("absorb", {"body": "body", "into": "body"}, {"remits": "remits"},
          "The body ceases and its work is taken on by another: an absorbed_into change event "
          "and its remits transferred (remits: all, the default; none; or a list of remit ids)."),
    _spec("move_line", {"subject": "node", "relation": "relation", "from": "node", "to": "node"},
          {},
          "The line subject -relation-> from ends and subject -relation-> to begins, keeping "
          "its role and qualifiers."),
    _spec("add_line", {"subject": "node", "relation": "relation", "object": "node"},
          {"role": "role", "party": "text", "qualifiers": "mapping"},
          "A new fact between existing nodes (a reporting line, a referral route, "
          "holding to account, ...)."),
    _spec("remove_line", {"subject": "node", "relation": "relation", "object": "node"}, {},
          "The fact subject -relation-> object ends."),
    _spec("set_chair", {"body": "body", "chair": "agent"}, {},
          "The body's current chair (if any) stops chairing it; the new chair (a person, "
          "a post or a body) chairs it from the option's date."),
    _spec("add_member", {"body": "body", "member": "agent"},
          {"role": "role", "party": "text", "qualifiers": "mapping"},
          "A person or post takes a seat on the body (role: member unless given)."),
    _spec("remove_member", {"body": "body", "member": "agent"}, {},
          "The person's or post's seats on the body end."),
    _spec("transfer_remit", {"remit": "remit", "from": "body", "to": "body"}, {},
          "A remit passes from one body to another."),
    _spec("add_remit", {"body": "body", "remits": "remit_list"}, {},
          "New terms of reference for an existing body."),
    _spec("align", {"body": "body", "with": "body"}, {"qualifiers": "mapping"},
          "The two bodies' agendas are aligned (aligned_with, symmetric)."),
)}

#: Keys every operation may have besides its own fields.
OPERATION_KEYS = {"op", "rationale", "sources", "note", "inferred"}

FIELD_KINDS = {"body", "agent", "remit", "node", "new_id", "relation", "text", "bool", "list",
               "mapping", "remit_list", "remits", "role"}


@dataclass(frozen=True)
class Operation:
    """One step of an option, as read from its file."""

    op: str
    fields: dict
    rationale: str
    sources: tuple[Source, ...]
    note: str | None = None
    inferred: str | None = None
    file: str = "?"
    line: int = 0
    index: int = 0  # 1-based position in its option

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def get(self, name: str, default=None):
        return self.fields.get(name, default)

    def to_dict(self) -> dict:
        """The step as JSON-ready data (new remits with their sources as mappings)."""
        fields = dict(self.fields)
        if isinstance(fields.get("remits"), list):
            fields["remits"] = [{**r, "sources": [s.to_dict() for s in r["sources"]]}
                                if isinstance(r, dict) else r for r in fields["remits"]]
        return {"index": self.index, "op": self.op, **fields, "rationale": self.rationale,
                "note": self.note, "inferred": self.inferred,
                "sources": [s.to_dict() for s in self.sources],
                "where": f"{Path(self.file).name}:{self.line}"}  # no server paths in answers


@dataclass(frozen=True)
class Option:
    """A governance option: a change set on a baseline dataset, from a date.

    ``parent`` is the option it is ``based_on`` (already resolved by the loader), so
    an option carries everything needed to apply it.
    """

    id: str
    title: str
    baseline: str
    effective: str
    operations: tuple[Operation, ...]
    sources: tuple[Source, ...] = ()
    note: str | None = None
    based_on: str | None = None
    parent: "Option | None" = field(default=None, repr=False, compare=False)
    file: str = "?"
    line: int = 0

    def lineage(self) -> list["Option"]:
        """This option and those it builds on, the first applied first."""
        chain, option = [], self
        while option is not None:
            chain.append(option)
            option = option.parent
        return chain[::-1]

    def all_operations(self) -> list[tuple["Option", Operation]]:
        """Every operation applied, in order, with the option that states it."""
        return [(o, op) for o in self.lineage() for op in o.operations]

    def summary(self) -> dict:
        """The short form `govgraph options` lists."""
        return {"id": self.id, "title": self.title, "baseline": self.baseline,
                "effective": self.effective, "based_on": self.based_on,
                "operations": len(self.operations), "note": self.note,
                "sources": [s.to_dict() for s in self.sources], "file": Path(self.file).name}
