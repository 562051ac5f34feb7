"""The docs match the code: every command, option, relation and setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from govgraph.app.cli import app
from govgraph.app.clidoc import cli_reference
from govgraph.ontology.terms import NODE_TYPES, RELATIONS

ROOT = Path(__file__).resolve().parents[1]


def test_the_cli_reference_is_up_to_date():
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == cli_reference(), \
        "docs/cli.md is stale: run `python -m govgraph.app.clidoc > docs/cli.md`"


def test_every_command_and_option_is_in_the_reference():
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    for name, command in root.commands.items():
        assert f"## govgraph {name}" in reference
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in reference, (name, opt)


def test_the_readme_opens_with_the_two_commands_and_shows_the_cli():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make run" in head and "make test" in head
    for command in ("chain", "path", "body", "person", "post", "search", "facts", "check",
                    "export", "stats", "options", "impact", "compare", "serve", "chart", "push",
                    "pull"):
        assert re.search(rf"govgraph {command}\b", readme), command


def test_every_relation_and_node_type_is_in_the_register_format():
    text = (ROOT / "docs" / "register-format.md").read_text(encoding="utf-8")
    for relation in RELATIONS:
        assert re.search(rf"\|\s*[a-z_, ]*\b{relation}\b", text), relation
    for node_type in NODE_TYPES:
        assert node_type in text, node_type


def test_every_qualifier_is_in_the_register_format_with_its_relation():
    text = (ROOT / "docs" / "register-format.md").read_text(encoding="utf-8")
    section = text[text.index("### Qualifiers"):text.index("## Errors")]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 2 and cells[0] not in ("relation", "---"):
            for relation in cells[0].split(", "):
                rows[relation] = cells[1]
    marks = {"option", "step", "ended_by"}  # any fact's, in the paragraph after the table
    assert all(f"`{m}`" in section for m in marks)
    for relation in RELATIONS.values():
        own = set(relation.qualifiers) - marks
        assert bool(own) == (relation.name in rows), relation.name
        for name in own:
            kind = relation.qualifiers[name]
            assert re.search(rf"\b{name}\b" + ("" if kind == "text" else rf" \({kind}\b"),
                             rows[relation.name]), (relation.name, name, kind)


def test_the_makefile_targets_the_readme_promises():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("install:", "run:", "test:", "bench:"):
        assert re.search(rf"^{target}", makefile, re.M), target
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_environment_setting_is_documented():
    code = "".join(p.read_text(encoding="utf-8") for folder in ("app", "graph", "loaders", "viz")
                   for p in (ROOT / folder).rglob("*.py"))
    settings = set(re.findall(r"GOVGRAPH_[A-Z_]+", code))
    assert {"GOVGRAPH_CACHE", "GOVGRAPH_STORE"} <= settings
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert [s for s in sorted(settings) if s not in readme or s not in reference] == []
