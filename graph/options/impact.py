"""The impact of one option: what changes, what is lost, who is affected.

:func:`impact` applies the option, takes the standing structure of its baseline
dataset before and after (:func:`~govgraph.graph.options.structure.standing`) and
reports each finding with the facts it rests on. :data:`MEASURES` turns the
findings into the numbers :func:`~govgraph.graph.options.compare.compare` puts
side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from govgraph.graph.model import GovGraph
from govgraph.graph.options.apply import Scenario, scenario
from govgraph.graph.options.coverage import remit_coverage
from govgraph.graph.options.diff import scenario_diff
from govgraph.graph.options.lines import lost_flows, upward_lines
from govgraph.graph.options.model import Option
from govgraph.graph.options.people import concentration, people_impact
from govgraph.graph.options.resilience import resilience
from govgraph.graph.options.structure import assumed_standing, is_member_level
from govgraph.ontology.terms import RELATIONS

__all__ = ["impact", "scenario_impact", "changes", "Measure", "MEASURES"]


def impact(G: GovGraph, option: Option) -> dict:
    """The impact of an option on its baseline, every finding with its facts and sources.

    Parameters
    ----------
    G : GovGraph
        The baseline graph (the bundled data or ``--data``); it is not changed.
    option : Option
        The option (from :func:`govgraph.loaders.options.open_options`).

    Returns
    -------
    dict
        ``option`` (its summary), ``effective``, ``changes`` (every step applied,
        in order, with rationale and sources), ``diff`` (see
        :func:`~govgraph.graph.options.diff.diff`), ``lines`` (bodies with no upward
        line to an elected-member body), ``remits`` (coverage by topic, remits left
        with no home), ``flows`` (lost reports and where they still go), ``people``
        (seats and chairs gained and lost) with ``concentration`` before and after,
        ``resilience`` (articulation points, bridges, independent oversight paths),
        ``assumed`` (the baseline's facts known only from papers dated before the
        option, taken to continue, each with its ``last_attested`` date) and
        ``measures`` (``{key: {label, better, before, after}}``).

    Raises
    ------
    OptionError
        If the option cannot be applied to ``G``.
    """
    return scenario_impact(scenario(G, option))


def scenario_impact(sc: Scenario) -> dict:
    """:func:`impact` for an already applied option."""
    before, after = sc.structures()
    result = {
        "option": sc.option.summary(),
        "effective": sc.effective,
        "changes": changes(sc.option, sc.graph),
        "diff": scenario_diff(sc),
        "lines": upward_lines(before, after),
        "remits": remit_coverage(before, after),
        "flows": lost_flows(before, after, successors(sc)),
        "people": people_impact(before, after),
        "concentration": {"before": concentration(before), "after": concentration(after)},
        "resilience": resilience(before, after),
        "counts": {"before": _counts(before), "after": _counts(after)},
        "assumed": [{"fact": fact.to_dict(before), "last_attested": last}
                    for fact, last in assumed_standing(before, sc.effective)],
    }
    result["measures"] = {m.key: {"label": m.label, "better": m.better,
                                  "before": m.value(result, "before"),
                                  "after": m.value(result, "after")} for m in MEASURES}
    return result


def successors(sc: Scenario) -> dict[str, str]:
    """Bodies whose place another takes under the option (renamed_to, absorbed_into)."""
    return {c.fact.subject: c.fact.object for c in sc.changes
            if c.kind == "added" and c.fact is not None and RELATIONS[c.fact.relation].change}


def changes(option: Option, G: GovGraph | None = None) -> list[dict]:
    """Every step of an option (and of those it is based on), in the order applied.

    With the option's graph, ``labels`` gives the label of each id a step names.
    """
    rows = []
    for owner, op in option.all_operations():
        row = {"option": owner.id, **op.to_dict()}
        if G is not None:
            row["labels"] = {value: G.node(value).label for value in op.fields.values()
                             if isinstance(value, str) and value in G}
        rows.append(row)
    return rows


def _counts(S: GovGraph) -> dict:
    bodies = list(S.nodes("Body"))
    return {"bodies": len(bodies),
            "member_level_bodies": sum(1 for b in bodies if is_member_level(b)),
            "lines": sum(1 for _ in S.facts(("reports_to", "informs", "sub_body_of"))),
            "seats": sum(1 for _ in S.facts(("member_of", "chaired_by")))}


@dataclass(frozen=True)
class Measure:
    """One row of the comparison table: how to read a value from an impact."""

    key: str
    label: str
    better: str | None  # "lower", "higher" or None (neither is better)
    read: Callable[[dict, str], object]

    def value(self, result: dict, side: str):
        return self.read(result, side)


def _diff_count(kind: str, node: bool) -> Callable[[dict, str], object]:
    def read(result: dict, side: str) -> int | None:
        if side == "before":
            return None  # a change count has no baseline value
        return sum(1 for item in result["diff"][kind] if (item["kind"] == "node") == node)
    return read


def _topics(side: str, result: dict) -> int:
    return sum(1 for t in result["remits"]["topics"] if t[side])


#: The comparison table's rows, in order.
MEASURES: tuple[Measure, ...] = (
    Measure("bodies", "Bodies", None, lambda r, s: r["counts"][s]["bodies"]),
    Measure("member_level_bodies", "Elected-member bodies", None,
            lambda r, s: r["counts"][s]["member_level_bodies"]),
    Measure("lines", "Upward lines (reports, informs, sub-body)", None,
            lambda r, s: r["counts"][s]["lines"]),
    Measure("nodes_added", "Bodies, posts and remits added", None, _diff_count("added", True)),
    Measure("nodes_removed", "Bodies, posts and remits removed", None,
            _diff_count("removed", True)),
    Measure("facts_added", "Facts added", None, _diff_count("added", False)),
    Measure("facts_removed", "Facts removed", None, _diff_count("removed", False)),
    Measure("no_upward_line", "Bodies with no upward line to an elected-member body", "lower",
            lambda r, s: len(r["lines"][s])),
    Measure("topics_covered", "Remit topics covered at elected-member level", "higher",
            lambda r, s: _topics(s, r)),
    Measure("remits_without_home", "Remits without a home", "lower",
            lambda r, s: len(r["remits"][f"homeless_{s}"])),
    Measure("flows_reaching_nobody", "Reports that now reach nobody", "lower",
            lambda r, s: None if s == "before" else sum(1 for f in r["flows"] if f["reaches_nobody"])),
    Measure("max_seats", "Most seats held by one person or post", "lower",
            lambda r, s: r["concentration"][s]["max_seats"]),
    Measure("max_chairs", "Most chairs held by one person or post", "lower",
            lambda r, s: r["concentration"][s]["max_chairs"]),
    Measure("chairs_on_one_line", "Chairs of two bodies on one line of accountability", "lower",
            lambda r, s: len(r["concentration"][s]["chairs_on_one_line"])),
    Measure("executive_oversight", "Executive members on a body overseeing their portfolio",
            "lower", lambda r, s: len(r["concentration"][s]["executive_oversight"])),
    Measure("articulation_points", "Articulation points (bodies whose loss splits the graph)",
            "lower", lambda r, s: len(r["resilience"]["articulation_points"][s])),
    Measure("bridges", "Bridges (lines whose loss splits the graph)", "lower",
            lambda r, s: len(r["resilience"]["bridges"][s])),
    Measure("single_oversight_path", "Non-member bodies with a single oversight path", "lower",
            lambda r, s: r["resilience"][f"single_path_{s}"]),
)
