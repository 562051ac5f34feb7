"""Org charts on the real bundled data: what is drawn, where, and the offline HTML file.

The browser half (nodes drawn, no overlaps on screen, nothing runs from a label,
search, filters, the date slider, PNG and print) is in test_browser.py.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import networkx as nx
import pytest
from pyvis.network import Network
from typer.testing import CliRunner

from govgraph.app.cli import app
from govgraph.app.option_views import Options
from govgraph.graph.model import Fact, GovGraph, Node, Source
from govgraph.graph.names import NameNotFound
from govgraph.loaders import load_datasets
from govgraph.viz.chart import chart_data, chart_html, org_chart, write_chart
from govgraph.viz.chart import _size
from govgraph.viz.select import ChartTooLarge, overlay_marks

EVIL = "<script>alert(1)</script>"


# -- data the tests build: a 300-node structure and names that try to run script ------------


def synthetic_graph(councils: int = 12) -> GovGraph:
    """Councils with cabinets, committees, boards, panels, sub-groups and posts (26 each)."""
    G = GovGraph()
    src = (Source("synthetic.txt", "1", "made for the layout test"),)

    def node(i: str, t: str, label: str, **props):
        G.add_node(Node(i, t, label, props=props, sources=src, dataset=i.split("/")[0]))

    def fact(s: str, r: str, o: str):
        G.add_fact(Fact(s, r, o, sources=src))

    for c in range(councils):
        p = f"c{c:02d}"
        node(f"{p}/council", "Organisation", f"Borough Council Number {c}", kind="county_council")
        node(f"{p}/cabinet", "Body", "Cabinet", kind="cabinet", composition="member_led")
        fact(f"{p}/cabinet", "part_of", f"{p}/council")
        for k in range(2):
            node(f"{p}/cc{k}", "Body", f"Children's Social Care and Health Cabinet Committee {k}",
                 kind="cabinet_committee", composition="member_led")
            fact(f"{p}/cc{k}", "reports_to", f"{p}/cabinet")
        node(f"{p}/osc", "Body", "Vulnerable Children and Partnerships Policy Overview and "
             "Scrutiny Committee", kind="scrutiny_committee", composition="member_led")
        fact(f"{p}/osc", "scrutinises", f"{p}/cabinet")
        fact(f"{p}/osc", "part_of", f"{p}/council")
        for b in range(3):
            node(f"{p}/board{b}", "Body", f"Integrated Children's Services Board {b}",
                 kind="board", composition="multi_agency")
            fact(f"{p}/board{b}", "reports_to", f"{p}/cc{b % 2}")
        for q in range(8):
            node(f"{p}/panel{q}", "Body", f"Corporate Parenting and Improvement Panel {q}",
                 kind="panel", composition=["member_led", "officer_led", "independent", None][q % 4])
            fact(f"{p}/panel{q}", "sub_body_of" if q % 2 else "informs", f"{p}/board{q % 3}")
        for g in range(4):
            node(f"{p}/group{g}", "Body", f"Fostering and Adoption Practice Sub-Group {g}",
                 kind="sub_group", composition="officer_led")
            fact(f"{p}/group{g}", "sub_body_of", f"{p}/panel{g}")
        for s in range(6):
            node(f"{p}/post{s}", "Post", f"Cabinet Member for Specialist Children's Services {s}")
            fact(f"{p}/post{s}", "post_in", f"{p}/council")
        fact(f"{p}/panel0", "aligned_with", f"{p}/panel1")
        fact(f"{p}/cc0", "holds_to_account", f"{p}/post0")
    return G


EVIL_DATASET = {
    "dataset.yaml": """\
        id: evil
        title: "A <b>test</b> dataset"
        publisher: Test
        description: Names that try to run script.
        documents:
          - id: evil.txt
            title: "<script>alert('doc')</script>"
            date: 2014-01-01
            publisher: Test
        """,
    "000-evil.yaml": """\
        doc: evil.txt
        nodes:
          - id: evil/council
            type: Organisation
            label: Evil Council
            kind: county_council
            sources:
              - {loc: "1", quote: "Evil Council"}
          - id: evil/panel
            type: Body
            label: "<script>alert(1)</script>"
            aliases: ["<img src=x onerror=alert(2)>"]
            kind: panel
            composition: member_led
            valid_from: 2012-01
            sources:
              - {loc: "2", quote: "</script><script>alert(3)</script>"}
          - id: evil/chair
            type: Person
            label: "\\"><svg onload=alert(4)>"
            sources:
              - {loc: "3", quote: "<iframe src=javascript:alert(5)>"}
          - id: evil/remit
            type: Remit
            label: "Remit <u>one</u>"
            text: "</script><script>alert(6)</script>"
            sources:
              - {loc: "4", quote: "remit"}
        facts:
          - subject: evil/panel
            relation: part_of
            object: evil/council
            sources:
              - {loc: "5", quote: "<script>alert(7)</script>"}
          - subject: evil/panel
            relation: chaired_by
            object: evil/chair
            sources:
              - {loc: "6", quote: "chaired"}
          - subject: evil/panel
            relation: has_remit
            object: evil/remit
            sources:
              - {loc: "7", quote: "remit"}
        """,
}


def write_evil_dataset(root: Path) -> Path:
    """A dataset folder whose names, quotes and remits are HTML and script."""
    folder = root / "evil"
    folder.mkdir(parents=True)
    for name, text in EVIL_DATASET.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def evil_graph(tmp_path_factory):
    return load_datasets([write_evil_dataset(tmp_path_factory.mktemp("evil"))])


def boxes_overlap(data: dict) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes (as the layout sizes them) overlap."""
    boxes = []
    for n in data["nodes"]:
        w, h = _size(n)
        boxes.append((n["id"], n["x"] - w / 2, n["x"] + w / 2, n["y"] - h / 2, n["y"] + h / 2))
    boxes.sort(key=lambda b: b[1])
    bad = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b[1] >= a[2]:
                break
            if a[3] < b[4] and b[3] < a[4]:
                bad.append((a[0], b[0]))
    return bad


# -- what a chart shows ---------------------------------------------------------------


def test_focused_chart_of_csip_has_its_lines_chair_and_sources(G):
    data = chart_data(G, "CSIP", hops=1)
    ids = {n["id"] for n in data["nodes"]}
    assert {"kent/csip", "kent/programme-board", "kent/person/whittle-j"} <= ids
    assert data["focus"]["id"] == "kent/csip" and data["hops"] == 1
    edges = {(e["from"], e["relation"], e["to"]) for e in data["edges"]}
    assert ("kent/programme-board", "informs", "kent/csip") in edges
    assert ("kent/csip", "chaired_by", "kent/person/whittle-j") in edges
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    csip = next(n for n in data["nodes"] if n["id"] == "kent/csip")
    sections = {s["heading"]: s["items"] for s in csip["info"]["sections"]}
    assert any(item.startswith("Jenny Whittle") for item in sections["Chair"])
    assert sections["Remits"], "CSIP's terms of reference are in its tooltip"
    assert any("initiated April 2011" in line for line in csip["info"]["sources"])
    informs = next(e for e in data["edges"] if e["relation"] == "informs" and e["to"] == "kent/csip"
                   and e["from"] == "kent/programme-board")
    assert informs["info"]["facts"][0]["sources"], "a line's tooltip gives its sources"


def test_node_shape_and_colour_follow_type_and_composition(G):
    nodes = {n["id"]: n for n in chart_data(G, "CSIP", hops=1)["nodes"]}
    assert nodes["kent/csip"]["shape"] == "box"
    assert nodes["kent/person/whittle-j"]["shape"] == "circle"
    member_led = nodes["kent/csip"]["color"]["border"]
    officer_led = nodes["kent/programme-board"]["color"]["border"]
    assert nodes["kent/csip"]["composition"] == "member_led"
    assert nodes["kent/programme-board"]["composition"] == "officer_led"
    assert member_led != officer_led


def test_full_chart_leaves_people_to_tooltips_and_puts_councils_on_top(G):
    data = chart_data(G)
    types = {n["type"] for n in data["nodes"]}
    assert types <= {"Organisation", "Body", "Post"} and "Body" in types
    y = {n["id"]: n["y"] for n in data["nodes"]}
    assert y["kent/kcc"] == min(y[n["id"]] for n in data["nodes"] if n["dataset"] == "kent-scs")
    # Lines of formal accountability point upwards wherever they form no cycle.
    formal = nx.DiGraph([(e["from"], e["to"]) for e in data["edges"]
                         if e["relation"] in ("reports_to", "sub_body_of")])
    assert nx.is_directed_acyclic_graph(formal)
    assert formal.number_of_edges() > 0
    assert all(y[a] > y[b] for a, b in formal.edges)


def test_chart_positions_never_overlap_at_300_nodes():
    data = chart_data(synthetic_graph(12))
    assert len(data["nodes"]) == 312
    assert boxes_overlap(data) == []
    # Each council's tree is laid out on its own: no council's bodies interleave another's.
    spans = {}
    for n in data["nodes"]:
        lo, hi = spans.get(n["dataset"], (n["x"], n["x"]))
        spans[n["dataset"]] = (min(lo, n["x"]), max(hi, n["x"]))
    rows = {}
    for n in data["nodes"]:
        rows.setdefault(n["dataset"], set()).add(n["y"])
    same_shelf = [(a, b) for a in spans for b in spans if a < b and rows[a] & rows[b]]
    assert all(spans[a][1] < spans[b][0] or spans[b][1] < spans[a][0] for a, b in same_shelf)


def test_as_of_gives_the_structure_on_that_date(G):
    before = {n["id"] for n in chart_data(G, as_of="2013")["nodes"]}
    after = {n["id"] for n in chart_data(G, as_of="2014-06")["nodes"]}
    assert "kent/fsc-directorate" in before and "kent/fsc-directorate" not in after
    assert "kent/schw-directorate" in after and "kent/schw-directorate" not in before
    data = chart_data(G)
    assert data["dates"]["min"] < "2011-12-31" < data["dates"]["max"]
    schw = next(n for n in data["nodes"] if n["id"] == "kent/schw-directorate")
    assert schw["spans"] == [["2014-04-01", None]]


def test_focus_on_a_person_and_on_nothing_known(G):
    ids = {n["id"] for n in chart_data(G, "Jenny Whittle", hops=1)["nodes"]}
    assert {"kent/person/whittle-j", "kent/csip"} <= ids
    with pytest.raises(NameNotFound) as caught:
        chart_data(G, "Childrens Services Improvement Panl")
    assert "kent/csip" in {n.id for n in caught.value.suggestions}


def test_large_charts_are_refused_with_advice_and_datasets_filter(G):
    with pytest.raises(ChartTooLarge, match="focus on one body"):
        chart_data(G, max_nodes=10)
    kent = chart_data(G, dataset="kent-scs")
    assert {n["dataset"] for n in kent["nodes"]} == {"kent-scs"}
    with pytest.raises(ValueError, match="no dataset 'nowhere'"):
        chart_data(G, dataset="nowhere")
    with pytest.raises(ValueError, match="hops"):
        chart_data(G, "CSIP", hops=-1)


def test_overlay_marks_added_removed_and_changed(G):
    data = chart_data(G, "CSIP", hops=1, overlay={
        "added": ["kent/programme-board"], "changed": ["kent/person/whittle-j"],
        "removed": ["kent/programme-board|informs|kent/csip"]})
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["kent/programme-board"]["mark"] == "added"
    assert nodes["kent/programme-board"]["label"].startswith("+ ")
    assert nodes["kent/person/whittle-j"]["mark"] == "changed"
    line = next(e for e in data["edges"] if e["id"] == "kent/programme-board|informs|kent/csip")
    assert line["mark"] == "removed" and line["dashes"]
    assert [m["mark"] for m in data["legend"]["overlay"]] == ["added", "removed", "changed"]
    assert overlay_marks({"added": [{"kind": "node", "id": "a"}],
                          "removed": [{"kind": "fact", "key": "k", "applied_key": "k2"}]}) == {
        "a": "added", "k": "removed", "k2": "removed"}
    with pytest.raises(ValueError):
        overlay_marks({"added": [42]})


def test_an_options_diff_is_drawn_over_its_structure(G):
    after, before, diff = Options(G).view("kent-2014-dissolve-csip")
    data = chart_data(after, overlay=diff, base=before, dataset="kent-scs")
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["kent/csip"]["mark"] == "removed"
    assert nodes["kent/csip"]["shapeProperties"]["borderDashes"]
    removed_lines = [e for e in data["edges"] if e["mark"] == "removed"]
    assert any(e["to"] == "kent/csip" or e["from"] == "kent/csip" for e in removed_lines)


# -- the pyvis Network and the HTML file ---------------------------------------------------


def test_org_chart_is_a_pyvis_network_that_renders_in_a_notebook(G):
    net = org_chart(G, "CSIP", hops=1)
    assert isinstance(net, Network)
    assert net.num_nodes() == len(net.chart["nodes"]) and net.num_edges() == len(net.chart["edges"])
    assert net.get_node("kent/csip")["x"] is not None
    frame = net._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "&lt;script" in frame
    net.set_options('var options = {"interaction": {"tooltipDelay": 500}}')
    assert net.options["interaction"]["tooltipDelay"] == 500
    assert net.options["physics"] == {"enabled": False}, "pyvis options merge over the chart's"
    net.add_node("notebook/extra", label="Added in a notebook", x=0.0, y=-300.0)
    net.add_edge("notebook/extra", "kent/csip")
    assert '"notebook/extra"' in chart_html(net)


def test_html_file_is_self_contained_and_offline(G, tmp_path):
    out = write_chart(org_chart(G, "CSIP", hops=1), tmp_path / "csip.html")
    html = out.read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == [out], "written atomically, no temporary file left"
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?(https?:)?//""", html)
    assert "<script src" not in html and "node_modules" not in html and "bootstrap" not in html
    assert "vis-network" in html and "new vis.Network" in html
    data = json.loads(re.search(r'<script type="application/json" id="govchart-data">(.*?)</script>',
                                html, re.S).group(1))
    assert {n["id"] for n in data["nodes"]} >= {"kent/csip", "kent/programme-board"}


def test_every_label_is_escaped_in_the_html(evil_graph):
    html = chart_html(org_chart(evil_graph, "evil/panel", hops=1))
    assert EVIL not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "</script><script>alert(3)" not in html
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html
    data = json.loads(re.search(r'id="govchart-data">(.*?)</script>', html, re.S).group(1))
    panel = next(n for n in data["nodes"] if n["id"] == "evil/panel")
    assert panel["name"] == EVIL, "the name survives intact, as data"


# -- the command ------------------------------------------------------------------------------


def test_chart_command_writes_a_file_and_fails_clearly(tmp_path):
    runner = CliRunner()
    out = tmp_path / "csip.html"
    result = runner.invoke(app, ["chart", "CSIP", "--hops", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and "wrote" in result.stdout and "nodes" in result.stdout
    missing = runner.invoke(app, ["chart", "Childrens Services Improvement Panl", "--out",
                                  str(tmp_path / "x.html")])
    assert missing.exit_code == 2 and "Did you mean" in missing.stderr
    bad = runner.invoke(app, ["chart", "CSIP", "--as-of", "2014-13", "--out", str(tmp_path / "y.html")])
    assert bad.exit_code == 2 and "2014-13" in bad.stderr
    assert not (tmp_path / "x.html").exists() and not (tmp_path / "y.html").exists()


def test_chart_command_with_an_option_marks_its_changes(tmp_path):
    out = tmp_path / "dissolve.html"
    result = CliRunner().invoke(app, ["chart", "--option", "kent-2014-dissolve-csip", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(re.search(r'id="govchart-data">(.*?)</script>', out.read_text("utf-8"),
                                re.S).group(1))
    assert {n["id"]: n["mark"] for n in data["nodes"]}["kent/csip"] == "removed"
    unknown = CliRunner().invoke(app, ["chart", "--option", "kent-2014-dissolve", "--out",
                                       str(tmp_path / "z.html")])
    assert unknown.exit_code == 2 and "kent-2014-dissolve-csip" in unknown.stderr
