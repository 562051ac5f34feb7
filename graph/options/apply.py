"""Applying an option: a new graph in which the option's changes happen on its date.

The baseline is copied, never changed. Each operation ends what it removes the day
before the option's effective date (a body's ``valid_to``, a fact's ``valid_to``)
and adds what it creates from that date (``valid_from``), so ``as_of`` a date before
the option still gives the baseline and a date from it on gives the new structure.
Added nodes and facts carry the operation's sources and a note and qualifiers
naming the option and step; ended facts carry an ``ended_by`` qualifier.

Every operation is checked against the graph as it stands when the operation runs:
an unknown id, a body that does not exist on the option's date, a line that does
not hold, or two operations of one option changing the same thing raise
:class:`~govgraph.graph.options.model.OptionError` naming file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field, replace

from govgraph.graph.dates import period_end, period_start
from govgraph.graph.model import Fact, GovGraph, ModelError, Node, Source
from govgraph.graph.options.model import Operation, Option, OptionError
from govgraph.graph.options.scope import option_scope
from govgraph.graph.options.structure import fact_in_force, is_history, standing
from govgraph.graph.qualifiers import unknown_id
from govgraph.ontology.terms import RELATIONS

__all__ = ["Change", "Scenario", "scenario", "apply_option"]

@dataclass(frozen=True)
class Change:
    """One change an operation made: a node or fact added or ended (or dropped).

    ``fact`` is the fact as it was (for ``ended``/``dropped``) or as added;
    ``kind`` is ``added``, ``ended`` (a ``valid_to`` set) or ``dropped`` (a fact
    that would only have begun after the option's date).
    """

    kind: str
    option: str
    operation: Operation
    node: Node | None = None
    fact: Fact | None = None

    def ref(self) -> dict:
        """The operation behind the change, for citing it."""
        op = self.operation
        return {"option": self.option, "step": op.index, "op": op.op, "rationale": op.rationale,
                "sources": [s.to_dict() for s in op.sources], "where": op.to_dict()["where"]}


@dataclass
class Scenario:
    """An option applied to a baseline: the new graph and every change, in order."""

    option: Option
    baseline: GovGraph
    graph: GovGraph
    changes: list[Change] = field(default_factory=list)
    _structures: tuple[GovGraph, GovGraph] | None = field(default=None, repr=False)

    def structures(self) -> tuple[GovGraph, GovGraph]:
        """The baseline dataset's standing structure before and after the option
        (:func:`~govgraph.graph.options.structure.standing`), made once."""
        if self._structures is None:
            self._structures = tuple(standing(G, self.effective, self.option.baseline)
                                     for G in (self.baseline, self.graph))
        return self._structures

    @property
    def effective(self) -> str:
        return self.option.effective


def apply_option(G: GovGraph, option: Option) -> GovGraph:
    """The graph under an option; ``G`` is not changed.

    Raises
    ------
    OptionError
        If an operation names an unknown id, a node that does not exist on the
        option's date, a line that does not hold, or conflicts with another.
    """
    return scenario(G, option, whole=True).graph


def scenario(G: GovGraph, option: Option, *, whole: bool = False) -> Scenario:
    """Apply an option (and those it is based on) to a copy of ``G``.

    Parameters
    ----------
    G : GovGraph
        The baseline; it is not changed.
    option : Option
    whole : bool, default False
        Apply it to a copy of all of ``G``. By default it is applied to the part of
        ``G`` its impact looks at (:func:`~govgraph.graph.options.scope.option_scope`:
        the baseline dataset and what it touches), which is all an impact, a diff or
        an option's view reads, and is far quicker with many datasets loaded.

    Raises
    ------
    OptionError
        As :func:`apply_option`.
    """
    part = G if whole else option_scope(G, option)
    run = _Run(part, option)
    for owner in option.lineage():
        run.start(owner)
        for op in owner.operations:
            try:
                getattr(run, "op_" + op.op)(op)
            except _Problem as exc:
                run.problems.append(f"{op.where}: {op.op} (step {op.index} of {owner.id}): {exc}")
    if run.problems:
        if part is not G:  # the whole graph's errors: hints drawn from every id, not the part's
            return scenario(G, option, whole=True)
        raise OptionError(run.problems)
    return Scenario(option, run.G, run.H, run.changes)


class _Problem(Exception):
    pass


class _Run:
    """The state of one application: the working graph, what each step touched."""

    def __init__(self, G: GovGraph, option: Option):
        self.G, self.H = G, G.copy()
        self.eff = period_start(option.effective)
        self.end_day = (self.eff - dt.timedelta(days=1)).isoformat()
        self.changes: list[Change] = []
        self.problems: list[str] = []
        self.ended_by: dict[str, tuple[str, Operation]] = {}
        self.touched: dict[tuple, Operation] = {}
        if not any(n.dataset == option.baseline for n in G.nodes()):
            loaded = sorted({n.dataset for n in G.nodes() if n.dataset})
            raise OptionError([f"{option.file}:{option.line}: the baseline dataset "
                               f"{option.baseline!r} is not loaded (loaded: "
                               f"{', '.join(loaded) or 'none'})"])

    def start(self, option: Option) -> None:
        self.option = option
        self.touched = {}  # conflicts are within one option; a variant may undo its base
        for op in option.operations:
            for source in op.sources:
                if source.doc not in self.G.documents:
                    self.problems.append(f"{op.where}: source names unknown document "
                                         f"{source.doc!r}")

    # -- checks -------------------------------------------------------------------------
    def need(self, node_id: str, types: tuple[str, ...], role: str) -> Node:
        if node_id not in self.H:
            close = difflib.get_close_matches(node_id, [n.id for n in self.H.nodes()], n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise _Problem(f"{role} {node_id!r} is not a known id{hint}")
        node = self.H.node(node_id)
        if node.type not in types:
            raise _Problem(f"{role} {node_id!r} is a {node.type}, not a {' or '.join(types)}")
        if not node.holds_on(self.eff):
            if node_id in self.ended_by:
                owner, op = self.ended_by[node_id]
                raise _Problem(f"{role} {node_id!r} no longer exists on {self.eff}: "
                               f"{op.op} by step {op.index} of {owner} ({op.where})")
            raise _Problem(f"{role} {node_id!r} does not exist on the option's date {self.eff} "
                           f"(exists {node.valid_from or '...'} to {node.valid_to or '...'})")
        return node

    def touch(self, item: tuple, op: Operation, what: str) -> None:
        other = self.touched.setdefault(item, op)
        if other is not op:
            raise _Problem(f"conflicts with step {other.index} ({other.op}, {other.where}): "
                           f"both change {what}")

    def current(self, node_id: str, relations=None, *, out=True, inward=True) -> list[Fact]:
        found = (self.H.out_facts(node_id, relations) if out else []) + \
            (self.H.in_facts(node_id, relations) if inward else [])
        return [f for f in found if not is_history(self.H, f) and fact_in_force(f, self.eff)
                and self.standing(f.subject) and self.standing(f.object)]

    def standing(self, node_id: str) -> bool:
        """Whether a node has not ended before the option's date."""
        valid_to = self.H.node(node_id).valid_to
        return not valid_to or period_end(valid_to) >= self.eff

    def holding(self, subject: str, relation: str, obj: str) -> list[Fact]:
        return [f for f in self.current(subject, [relation], inward=False) if f.object == obj]

    # -- changes ------------------------------------------------------------------------
    def note(self, op: Operation) -> str:
        text = f"Under option {self.option.id}, step {op.index} ({op.op}): {op.rationale}"
        return f"{text} {op.note}" if op.note else text

    def marks(self, op: Operation) -> dict:
        return {"option": self.option.id, "step": op.index}

    def add_node(self, node: Node, op: Operation) -> None:
        if node.id in self.H:
            raise _Problem(f"id {node.id!r} is already taken")
        self.touch(("node", node.id), op, node.id)
        self.H.add_node(node)
        self.changes.append(Change("added", self.option.id, op, node=node))

    def add_fact(self, op: Operation, subject: str, relation: str, obj: str, *,
                 sources: tuple[Source, ...] = (), like: Fact | None = None, **values) -> Fact:
        base = like or Fact(subject, relation, obj)
        if any((f.role or None) == values.get("role", base.role)
               for f in self.holding(subject, relation, obj)):
            raise _Problem(f"{subject} {relation} {obj} already holds")
        stated = values.pop("qualifiers", {})
        if stated and relation in RELATIONS:
            # The step's own ids name nodes only now, with earlier steps applied; their
            # names, kinds and dates were checked as the file was read.
            problem = unknown_id(RELATIONS[relation], stated, self.H.__contains__)
            if problem:
                raise _Problem(problem)
        qualifiers = {**(base.qualifiers if like else {}), **stated, **self.marks(op)}
        fact = replace(base, subject=subject, relation=relation, object=obj,
                       valid_from=self.later(base.valid_from), attested=(),
                       qualifiers=qualifiers,
                       note=" ".join(n for n in ((base.note if like else None), self.note(op))
                                      if n),
                       inferred=op.inferred if not like else base.inferred,
                       sources=_merge(sources, op.sources), **values)
        self.touch(("fact", subject, relation, obj), op, f"{subject} {relation} {obj}")
        try:
            fact = self.H.add_fact(fact)
        except ModelError as exc:
            raise _Problem(str(exc)) from None
        self.changes.append(Change("added", self.option.id, op, fact=fact))
        return fact

    def later(self, valid_from: str | None) -> str:
        """A carried-over fact starts on the option's date, or later if it began later."""
        if valid_from and period_start(valid_from) > self.eff:
            return valid_from
        return self.eff.isoformat()

    def end_fact(self, fact: Fact, op: Operation) -> None:
        self.touch(("fact", fact.subject, fact.relation, fact.object), op,
                   f"{fact.subject} {fact.relation} {fact.object}")
        self.H.remove_fact(fact)
        starts = [period_start(fact.valid_from)] if fact.valid_from else \
            [period_start(a) for a in fact.attested]
        if starts and min(starts) >= self.eff:
            # It would only have begun after the option's date: under the option it never does.
            self.changes.append(Change("dropped", self.option.id, op, fact=fact))
            return
        valid_from, valid_to = fact.valid_from, self.end_day
        if not fact.valid_from and not fact.valid_to and fact.attested:
            # Known only from attestations: keep exactly the days the baseline knows it held.
            valid_from = min(fact.attested, key=period_start)
            last = max(fact.attested, key=period_end)
            valid_to = last if period_end(last) < self.eff else self.end_day
        ended = replace(fact, valid_from=valid_from, valid_to=valid_to,
                        qualifiers={**fact.qualifiers,
                                    "ended_by": f"{self.option.id} step {op.index}"})
        self.H.add_fact(ended)
        self.changes.append(Change("ended", self.option.id, op, fact=fact))

    def end_node(self, node: Node, op: Operation) -> None:
        self.touch(("node", node.id), op, node.id)
        for fact in self.current(node.id):
            self.end_fact(fact, op)
        self.H.replace_node(replace(node, valid_to=self.end_day))
        self.ended_by[node.id] = (self.option.id, op)
        self.changes.append(Change("ended", self.option.id, op, node=node))

    def new_node(self, op: Operation, node_id: str, node_type: str, label: str,
                 props: dict, **values) -> Node:
        node = Node(id=node_id, type=node_type, label=label, valid_from=self.eff.isoformat(),
                    props=props, sources=values.pop("sources", None) or op.sources,
                    note=values.pop("note", None) or op.note,
                    inferred=values.pop("inferred", None) or op.inferred,
                    dataset=self.option.baseline, **values)
        self.add_node(node, op)
        return node

    def add_remits(self, op: Operation, body: Node, remits: list[dict]) -> None:
        for remit in remits:
            self.new_node(op, remit["id"], "Remit", remit["label"],
                          {"text": remit["text"] or remit["label"], "topics": remit["topics"]},
                          sources=remit["sources"], note=remit["note"],
                          inferred=remit["inferred"])
            self.add_fact(op, body.id, "has_remit", remit["id"], sources=remit["sources"])

    # -- the operations (one method per entry of OPERATIONS) ----------------------------
    def op_dissolve(self, op: Operation) -> None:
        self.end_node(self.need(op.get("body"), ("Body",), "body"), op)

    def op_establish(self, op: Operation) -> None:
        node_type = op.get("type", "Body")
        props = {k: op.get(k) for k in ("kind", "formal", "composition", "statutory")
                 if op.get(k) is not None}
        if node_type == "Post" and set(props) - {"statutory"}:
            raise _Problem("a Post takes only statutory and aliases")
        node = self.new_node(op, op.get("id"), node_type, op.get("label"), props,
                             aliases=tuple(op.get("aliases", ())))
        if op.get("remits"):
            if node_type != "Body":
                raise _Problem("only a Body has remits")
            self.add_remits(op, node, op.get("remits"))

    def op_rename(self, op: Operation) -> None:
        old = self.need(op.get("body"), ("Body",), "body")
        props = {**old.props, **{k: op.get(k) for k in ("kind", "formal", "composition",
                                                        "statutory") if op.get(k) is not None}}
        new = self.new_node(op, op.get("id"), "Body", op.get("label"), props,
                            aliases=tuple(op.get("aliases", ())))
        carried = self.current(old.id)
        for fact in carried:
            subject = new.id if fact.subject == old.id else fact.subject
            obj = new.id if fact.object == old.id else fact.object
            self.add_fact(op, subject, fact.relation, obj, like=fact, sources=fact.sources)
        self.end_node(old, op)
        self.add_fact(op, old.id, "renamed_to", new.id)

    def op_absorb(self, op: Operation) -> None:
        body = self.need(op.get("body"), ("Body",), "body")
        into = self.need(op.get("into"), ("Body",), "into")
        held = {f.object: f for f in self.current(body.id, ["has_remit"], inward=False)}
        chosen = op.get("remits", "all")
        wanted = list(held) if chosen == "all" else [] if chosen == "none" else chosen
        for remit in wanted:
            if remit not in held:
                raise _Problem(f"{body.id} has no remit {remit!r} on {self.eff} "
                               f"(it has: {', '.join(sorted(held)) or 'none'})")
            if not self.holding(into.id, "has_remit", remit):  # a shared remit stays as it is
                self.add_fact(op, into.id, "has_remit", remit, sources=held[remit].sources)
        self.end_node(body, op)
        self.add_fact(op, body.id, "absorbed_into", into.id)

    def holding_line(self, subject: str, relation: str, obj: str) -> list:
        """The facts of a line that holds on the option's date; a missing line is an error."""
        facts = self.holding(subject, relation, obj)
        if not facts:
            raise _Problem(f"no {relation} line from {subject} to {obj} holds on {self.eff}")
        return facts

    def op_move_line(self, op: Operation) -> None:
        subject = self.need(op.get("subject"), _ANY, "subject")
        old = self.need(op.get("from"), _ANY, "from")
        new = self.need(op.get("to"), _ANY, "to")
        for fact in self.holding_line(subject.id, op.get("relation"), old.id):
            self.end_fact(fact, op)
            self.add_fact(op, subject.id, fact.relation, new.id, like=fact, sources=fact.sources)

    def op_add_line(self, op: Operation) -> None:
        subject = self.need(op.get("subject"), _ANY, "subject")
        obj = self.need(op.get("object"), _ANY, "object")
        values = {k: op.get(k) for k in ("role", "party", "qualifiers") if op.get(k) is not None}
        self.add_fact(op, subject.id, op.get("relation"), obj.id, **values)

    def op_remove_line(self, op: Operation) -> None:
        subject = self.need(op.get("subject"), _ANY, "subject")
        obj = self.need(op.get("object"), _ANY, "object")
        for fact in self.holding_line(subject.id, op.get("relation"), obj.id):
            self.end_fact(fact, op)

    def op_set_chair(self, op: Operation) -> None:
        body = self.need(op.get("body"), ("Body",), "body")
        chair = self.need(op.get("chair"), RELATIONS["chaired_by"].target, "chair")
        for fact in self.current(body.id, ["chaired_by"], inward=False):
            if fact.object == chair.id:
                raise _Problem(f"{chair.id} already chairs {body.id}")
            self.end_fact(fact, op)
        self.add_fact(op, body.id, "chaired_by", chair.id)

    def op_add_member(self, op: Operation) -> None:
        body = self.need(op.get("body"), ("Body",), "body")
        member = self.need(op.get("member"), _AGENTS, "member")
        values = {k: op.get(k) for k in ("party", "qualifiers") if op.get(k) is not None}
        self.add_fact(op, member.id, "member_of", body.id, role=op.get("role", "member"), **values)

    def op_remove_member(self, op: Operation) -> None:
        body = self.need(op.get("body"), ("Body",), "body")
        member = self.need(op.get("member"), _AGENTS, "member")
        facts = self.holding(member.id, "member_of", body.id)
        if not facts:
            raise _Problem(f"{member.id} has no seat on {body.id} on {self.eff}")
        for fact in facts:
            self.end_fact(fact, op)

    def op_transfer_remit(self, op: Operation) -> None:
        remit = self.need(op.get("remit"), ("Remit",), "remit")
        old = self.need(op.get("from"), ("Body",), "from")
        new = self.need(op.get("to"), ("Body",), "to")
        facts = self.holding(old.id, "has_remit", remit.id)
        if not facts:
            raise _Problem(f"{old.id} does not have remit {remit.id} on {self.eff}")
        for fact in facts:
            self.end_fact(fact, op)
            if not self.holding(new.id, "has_remit", remit.id):
                self.add_fact(op, new.id, "has_remit", remit.id, sources=fact.sources)

    def op_add_remit(self, op: Operation) -> None:
        self.add_remits(op, self.need(op.get("body"), ("Body",), "body"), op.get("remits"))

    def op_align(self, op: Operation) -> None:
        body = self.need(op.get("body"), ("Body",), "body")
        other = self.need(op.get("with"), ("Body",), "with")
        if self.holding(other.id, "aligned_with", body.id):
            raise _Problem(f"{other.id} aligned_with {body.id} already holds")
        self.add_fact(op, body.id, "aligned_with", other.id, qualifiers=op.get("qualifiers", {}))


_ANY = ("Organisation", "Body", "Person", "Post", "Remit", "Priority", "Action", "Meeting",
        "Event")
_AGENTS = ("Person", "Post")


def _merge(first: tuple[Source, ...], second: tuple[Source, ...]) -> tuple[Source, ...]:
    return tuple(first) + tuple(s for s in second if s not in first)
