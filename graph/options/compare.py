"""Several options side by side: one table of measures, each option's changes and diff."""

from __future__ import annotations

from typing import Sequence

from govgraph.graph.model import GovGraph
from govgraph.graph.options.impact import MEASURES, impact
from govgraph.graph.options.model import Option, OptionError

__all__ = ["compare"]


def compare(G: GovGraph, options: Sequence[Option], *, with_impact: bool = False) -> dict:
    """Compare options on one baseline: measures, changes and diffs.

    Parameters
    ----------
    G : GovGraph
        The baseline graph; it is not changed.
    options : sequence of Option
        The options, in the order their columns should appear.
    with_impact : bool, default False
        Also give each option's full :func:`~govgraph.graph.options.impact.impact`.

    Returns
    -------
    dict
        ``baseline`` (dataset id), ``effective`` (the date the baseline column is
        measured on: the earliest option date), ``columns`` (``baseline`` then the
        option ids), ``measures`` (one row per measure: ``{key, label, better,
        values: {column: value}, best: [option ids], versus_baseline: {id:
        better|worse|same}}``), ``options`` (per option: summary, ``changes`` in the
        order applied and ``diff``) and ``notes``.

    Raises
    ------
    OptionError
        If no option is given, an option is given twice, the options have different
        baselines, or one cannot be applied.
    """
    if not options:
        raise OptionError(["compare needs at least one option"])
    ids = [o.id for o in options]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise OptionError([f"option given more than once: {', '.join(twice)}"])
    baselines = sorted({o.baseline for o in options})
    if len(baselines) > 1:
        raise OptionError(["options on different baselines cannot share a table: " + "; ".join(
            f"{o.id} ({o.baseline})" for o in options)])
    impacts = [impact(G, o) for o in options]
    first = min(range(len(options)), key=lambda i: options[i].effective)
    notes = []
    dates = sorted({o.effective for o in options})
    if len(dates) > 1:
        notes.append(f"The options take effect on different dates ({', '.join(dates)}); the "
                     f"baseline column is measured on {dates[0]}.")
    assumed = impacts[first]["assumed"]
    if assumed:
        notes.append(f"{len(assumed)} facts of {baselines[0]} are known only from papers dated "
                     f"before {dates[0]} (the latest {assumed[-1]['last_attested']}) "
                     "and are taken to continue; each impact lists them (assumed).")
    rows = []
    for measure in MEASURES:
        values = {"baseline": impacts[first]["measures"][measure.key]["before"]}
        for option, result in zip(options, impacts):
            values[option.id] = result["measures"][measure.key]["after"]
        rows.append({"key": measure.key, "label": measure.label, "better": measure.better,
                     "values": values, **_rank(measure.better, values, ids)})
    columns = []
    for option, result in zip(options, impacts):
        column = {**option.summary(), "changes": result["changes"], "diff": result["diff"]}
        if with_impact:
            column["impact"] = result
        columns.append(column)
    return {"baseline": baselines[0], "effective": dates[0], "columns": ["baseline", *ids],
            "measures": rows, "options": columns, "notes": notes}


def _rank(better: str | None, values: dict, ids: list[str]) -> dict:
    """The best options on a measure, and each option against its own baseline."""
    if better is None:
        return {"best": [], "versus_baseline": {}}
    numbers = {i: values[i] for i in ids if isinstance(values[i], (int, float))}
    best: list[str] = []
    if numbers and len(set(numbers.values())) > 1:
        target = (min if better == "lower" else max)(numbers.values())
        best = [i for i, v in numbers.items() if v == target]
    versus = {}
    base = values["baseline"]
    for option_id in ids:
        value = values[option_id]
        if not isinstance(value, (int, float)) or not isinstance(base, (int, float)):
            continue
        if value == base:
            versus[option_id] = "same"
        else:
            versus[option_id] = "better" if (value < base) == (better == "lower") else "worse"
    return {"best": best, "versus_baseline": versus}
