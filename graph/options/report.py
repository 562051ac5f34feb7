"""A comparison as Markdown, ready to paste into a committee report."""

from __future__ import annotations

__all__ = ["compare_markdown"]


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    if text is None:
        return "–"
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _source(source: dict) -> str:
    return f'{source["doc"]}, {source["loc"]}: "{_cell(source["quote"])}"'


def _step(row: dict) -> str:
    labels = row.get("labels", {})
    named = [f"{key} {labels.get(value, value)}" for key, value in row.items()
             if key not in ("index", "op", "option", "rationale", "note", "inferred", "sources",
                            "where", "labels", "remits") and isinstance(value, str)]
    if isinstance(row.get("remits"), list):
        named.append("remits " + ", ".join(r["label"] if isinstance(r, dict) else r
                                             for r in row["remits"]))
    sources = "; ".join(_source(s) for s in row["sources"])
    return (f"{row['index']}. **{row['op']}** {_cell(', '.join(named))}. {_cell(row['rationale'])}"
            + (f" *Inferred: {_cell(row['inferred'])}*" if row.get("inferred") else "")
            + f" — Source: {sources}")


def _diff_lines(diff: dict) -> list[str]:
    lines = []
    for kind, heading in (("added", "Added"), ("removed", "Removed"), ("changed", "Changed")):
        items = diff[kind]
        if not items:
            continue
        lines.append(f"- **{heading}** ({len(items)}):")
        for item in items:
            if item["kind"] == "node":
                extra = f" ({', '.join(item['what'])})" if item.get("what") else ""
                lines.append(f"  - {item['type']} {_cell(item['label'])}{extra}")
            else:
                role = f" ({item['role']})" if item.get("role") else ""
                lines.append(f"  - {_cell(item['subject']['label'])} *{item['relation']}* "
                             f"{_cell(item['object']['label'])}{role}")
    return lines or ["- No differences from the baseline."]


def compare_markdown(comparison: dict) -> str:
    """Render :func:`~govgraph.graph.options.compare.compare` as Markdown.

    The measures table has one column per option after the baseline; the best
    value on each measure where one is better is in bold. Each option follows with
    its changes (operation, rationale, source, in the order applied) and its diff.
    """
    options = comparison["options"]
    out = [f"## Governance options compared ({comparison['baseline']}, "
           f"from {comparison['effective']})", ""]
    header = ["Measure", "Baseline"] + [f"{_cell(o['title'])} (`{o['id']}`)" for o in options]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    for row in comparison["measures"]:
        cells = [_cell(row["label"]) + (f" ({row['better']} is better)" if row["better"] else ""),
                 _cell(row["values"]["baseline"])]
        for option in options:
            value = _cell(row["values"][option["id"]])
            cells.append(f"**{value}**" if option["id"] in row["best"] else value)
        out.append("| " + " | ".join(cells) + " |")
    out += [""] + [f"*{_cell(note)}*" for note in comparison["notes"]]
    for option in options:
        out += ["", f"### {_cell(option['title'])} (`{option['id']}`)", ""]
        meta = [f"Effective {option['effective']}"]
        if option.get("based_on"):
            meta.append(f"based on `{option['based_on']}`")
        out.append("; ".join(meta) + ".")
        if option.get("note"):
            out += ["", _cell(option["note"])]
        out += ["", "**Changes**", ""]
        out += [_step(row) for row in option["changes"]] or ["No changes (the current arrangements)."]
        out += ["", "**Differences from the baseline**", ""] + _diff_lines(option["diff"])
    return "\n".join(out) + "\n"
