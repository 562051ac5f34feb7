"""The standing structure an option changes, and the words the measures use.

Impact compares two *standing structures*: the nodes and facts of one dataset that
are in force on or after the option's date (not ended before it). A fact known only
from attestations (a chair named in a paper of that week) is taken to continue;
unlike ``as_of`` this does not drop it on the day after the paper, so the structure
a report describes is the structure an option starts from.
"""

from __future__ import annotations

import datetime as dt
import re

import networkx as nx

from govgraph.graph.chain import UP_RELATIONS
from govgraph.graph.dates import period_end
from govgraph.graph.model import Fact, GovGraph, Node

__all__ = ["HISTORICAL", "is_history", "fact_in_force", "MEMBER_KINDS", "COUNCIL_KINDS",
           "OVERSEES", "standing", "is_member_level", "identity", "oversight_graph",
           "is_executive", "LINE_RELATIONS", "SEAT_RELATIONS", "assumed_standing"]

#: Body kinds made up of elected members whatever their recorded composition.
MEMBER_KINDS = frozenset({"council", "cabinet", "cabinet_committee", "committee",
                          "scrutiny_committee", "select_committee"})
#: Organisation kinds that are the elected council itself.
COUNCIL_KINDS = frozenset({"county_council", "council", "district_council", "borough_council",
                           "city_council", "unitary_council"})
#: Lines of accountability and information upwards (those `govgraph chain` follows).
LINE_RELATIONS = tuple(UP_RELATIONS)
#: Oversight read from the overseer's side: the object answers to the subject.
OVERSEES = ("scrutinises", "holds_to_account")
#: Seats: member_of (agent -> body) and chaired_by (body -> agent).
SEAT_RELATIONS = ("member_of", "chaired_by")

#: Relations that record what happened, not standing structure: an option neither
#: ends nor carries them over (nor any fact about a meeting, event or document).
HISTORICAL = frozenset({"meeting_of", "attended", "concerns", "absorbed_into", "succeeded_by",
                        "renamed_to", "carried_out_by", "agreed_by"})
_HISTORY_TYPES = frozenset({"Meeting", "Event", "Document"})


def is_history(G: GovGraph, fact: Fact) -> bool:
    """Whether a fact records what happened rather than standing structure."""
    return (fact.relation in HISTORICAL or G.node(fact.subject).type in _HISTORY_TYPES
            or G.node(fact.object).type in _HISTORY_TYPES)


def fact_in_force(fact: Fact, on: dt.date) -> bool:
    """Whether a fact is part of the standing structure on or after a date.

    A fact without a ``valid_to`` is taken to continue (a fact known only from
    attestations included); one that begins later still counts.
    """
    return not fact.valid_to or period_end(fact.valid_to) >= on


_EXECUTIVE = re.compile(r"\b(cabinet|lead member|leader|portfolio holder|executive member)\b",
                        re.IGNORECASE)


def standing(G: GovGraph, on: str | dt.date, dataset: str | None = None) -> GovGraph:
    """The nodes and facts in force on or after a date, optionally of one dataset.

    Facts that record history (:func:`is_history`) are left out.

    Parameters
    ----------
    G : GovGraph
    on : str or date
        The option's date.
    dataset : str, optional
        Keep only the nodes of this dataset (an option's baseline; nodes an option
        adds belong to its baseline).
    """
    day = on if isinstance(on, dt.date) else dt.date.fromisoformat(str(on))
    view = GovGraph()
    for node in G.nodes():
        if node.type == "Document" or (dataset and node.dataset != dataset):
            continue
        if node.valid_to and period_end(node.valid_to) < day:
            continue
        view.add_node(node)
    for fact in G.facts():
        if fact.subject in view and fact.object in view and fact_in_force(fact, day) \
                and not is_history(G, fact):  # meetings, events, change events: history
            view.nx.add_edge(fact.subject, fact.object, key=fact.key, fact=fact)
    return view


def assumed_standing(S: GovGraph, on: str | dt.date) -> list[tuple[Fact, str]]:
    """The facts of a standing structure that rest on the assumption that they continue:
    known only from papers dated before ``on``, each with its last attested date.

    An impact lists them, so that a reader can see which of its findings rest on a
    membership or line last seen years before the option.

    Examples
    --------
    >>> from govgraph.graph.model import Source
    >>> S = GovGraph(); s = (Source("d", "1", "q"),)
    >>> for i in ("a", "b"): S.add_node(Node(i, "Body", i.upper(), sources=s))
    >>> _ = S.add_fact(Fact("a", "informs", "b", attested=("2011-06-21",), sources=s))
    >>> [(f.subject, last) for f, last in assumed_standing(S, "2014-04-23")]
    [('a', '2011-06-21')]
    >>> assumed_standing(S, "2011-06-21")
    []
    """
    day = on if isinstance(on, dt.date) else dt.date.fromisoformat(str(on))
    found = []
    for fact in S.facts():
        if fact.attested and not fact.valid_from and not fact.valid_to:
            last = max(fact.attested, key=period_end)
            if period_end(last) < day:
                found.append((fact, last))
    return sorted(found, key=lambda pair: (period_end(pair[1]), pair[0].key))


def is_member_level(node: Node) -> bool:
    """Whether a node is a body of elected members (or the elected council itself)."""
    if node.type == "Body":
        return (node.props.get("composition") == "member_led"
                or node.props.get("kind") in MEMBER_KINDS)
    if node.type == "Organisation":
        return node.props.get("kind") in COUNCIL_KINDS
    return False


def is_executive(node: Node) -> bool:
    """Whether a post is an executive (cabinet) post, read from its title."""
    return node.type == "Post" and bool(_EXECUTIVE.search(node.label))


def identity(fact: Fact) -> tuple[str, str, str, str]:
    """What makes two versions of a fact the same fact (its dates may differ)."""
    return (fact.subject, fact.relation, fact.object, fact.role or "")


def oversight_graph(S: GovGraph) -> nx.DiGraph:
    """Bodies and organisations with an edge from each to those it answers to.

    Edges follow reports_to, informs and sub_body_of upwards, and scrutinises and
    holds_to_account from the overseen to the overseer; each edge keeps its facts.
    """
    D = nx.DiGraph()
    kept = {n.id for n in S.nodes(("Body", "Organisation"))}
    D.add_nodes_from(kept)
    for fact in S.facts(LINE_RELATIONS + OVERSEES):
        low, high = ((fact.object, fact.subject) if fact.relation in OVERSEES
                     else (fact.subject, fact.object))
        if low in kept and high in kept and low != high:
            if D.has_edge(low, high):
                D[low][high]["facts"].append(fact)
            else:
                D.add_edge(low, high, facts=[fact])
    return D
