"""The explorer and the chart files in a real Chromium (Debian's, driven by Playwright).

A real ``uvicorn`` server runs the real app on the bundled data. With
``-p tests.browser_screenshots --screenshots DIR`` (``make screenshots``) the main
views are saved as PNG files for the README.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from govgraph.app.web import create_app
from govgraph.viz.chart import org_chart, write_chart
from test_chart import EVIL, synthetic_graph, write_evil_dataset

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1440, "height": 900}

if not CHROMIUM.exists():
    pytest.skip("Debian chromium is not installed (`make system-deps` installs it)",
                allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


# -- fixtures: a real server, a real browser ------------------------------------------------


class Server:
    """The app under uvicorn in a thread, on a free port."""

    def __init__(self, app):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="module")
def server():
    with Server(create_app()) as running:
        yield running.url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page.problems = []  # console errors (a CSP violation is one), failed scripts, dialogs
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield page
    context.close()


@pytest.fixture(scope="session")
def shots(request):
    """Where to save screenshots (None: not saving)."""
    folder = request.config.getoption("--screenshots", default=None)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder) if folder else None


def snap(page: Page, shots: Path | None, name: str, full_page: bool = False) -> None:
    if shots is not None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=full_page)


def chart_ready(page: Page, index: int = 0) -> dict:
    """Wait for a chart to draw; its node count and whether the canvas has ink."""
    page.wait_for_selector(".govchart[data-ready=true]", timeout=20000)
    return page.evaluate("""(i) => {
        const c = window.govcharts[i];
        const canvas = c.container.querySelector('canvas');
        const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let ink = 0;
        for (let k = 0; k < px.length; k += 4) if (px[k] < 200 || px[k + 1] < 200 || px[k + 2] < 200) ink++;
        return {nodes: c.nodes.length, shown: c.nodes.get({filter: n => !n.hidden}).length,
                edges: c.edges.length, ink: ink};
    }""", index)


# -- the journey of the issue ---------------------------------------------------------------


def test_search_body_chain_chart_and_options(page, server, shots):
    page.goto(server + "/")
    snap(page, shots, "home")
    page.get_by_label("Find a body, person or post").fill("CSIP")
    page.get_by_label("Find a body, person or post").press("Enter")
    expect(page).to_have_url(f"{server}/search?q=CSIP")
    snap(page, shots, "search")
    page.get_by_role("link", name="Children's Services Improvement Panel", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Children's Services Improvement Panel")
    expect(page.get_by_text("Jenny Whittle").first).to_be_visible()
    assert chart_ready(page)["nodes"] >= 3, "the body page's focused chart drew"
    snap(page, shots, "body", full_page=True)

    page.get_by_role("link", name="Follow the chain up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chain: Children's Services Improvement Panel")
    expect(page.locator(".chain").get_by_role("link", name="Cabinet", exact=True)).to_be_visible()
    page.locator(".chain details.sources summary").first.click()
    expect(page.locator(".chain details.sources[open] li").first).to_be_visible()
    snap(page, shots, "chain")

    page.get_by_role("link", name="Org chart", exact=True).click()
    drawn = chart_ready(page)
    assert drawn["nodes"] > 50 and drawn["shown"] == drawn["nodes"] and drawn["ink"] > 1000
    snap(page, shots, "chart")

    page.goto(server + "/options")
    page.get_by_label("Dissolve the Children's Services Improvement Panel (CSIP)", exact=False).first.check()
    page.get_by_label("Keep CSIP as an informal forum", exact=False).check()
    page.get_by_role("button", name="Compare").click()
    table = page.locator("table.comparison")
    expect(table).to_be_visible()
    expect(table.locator("thead th")).to_contain_text(["Measure", "baseline", "kent-2014-csip-to-cstp",
                                                       "kent-2014-dissolve-csip"])
    expect(table.get_by_text("Remits without a home")).to_be_visible()
    for i in range(2):
        assert chart_ready(page, i)["nodes"] > 0, "each option's overlay chart drew"
    marks = page.evaluate("() => window.govcharts[1].data.nodes.map(n => [n.id, n.mark])")
    assert ["kent/csip", "removed"] in marks, "dissolving CSIP draws it removed"
    snap(page, shots, "options", full_page=True)
    assert page.problems == []


def test_api_docs_work_with_no_internet(page, server):
    # Swagger UI is this server's own copy: nothing is asked of any other host, and its
    # start-up script runs under the strict policy (a violation is a console error).
    elsewhere: list[str] = []
    page.on("request", lambda r: r.url.startswith(server) or r.url.startswith("data:")
            or elsewhere.append(r.url))
    page.goto(f"{server}/docs")
    chain = page.locator(".opblock-summary-path", has_text="/api/chain")
    expect(chain.first).to_be_visible(timeout=20000)
    chain.first.click()  # an operation opens, with its parameters
    expect(page.locator(".parameters-col_name", has_text="name").first).to_be_visible()
    assert elsewhere == [] and page.problems == []


def test_pages_work_from_the_keyboard(page, server):
    page.goto(server + "/bodies/kent/csip")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    target = page.get_by_role("link", name="Follow the chain up")
    for _ in range(10):  # past the body's own sources, to its actions
        page.keyboard.press("Tab")
        if target.evaluate("a => a === document.activeElement"):
            break
    expect(target).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{server}/chain?name=kent/csip")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Children's Services Improvement Panel")
    assert page.problems == []


# -- the chart file: offline, searchable, filterable, dated, exportable, printable ---------------


def test_chart_file_works_offline(page, G, tmp_path, shots):
    out = write_chart(org_chart(G, dataset="kent-scs"), tmp_path / "kent.html")
    requested = []
    page.route("**/*", lambda route: (requested.append(route.request.url), route.abort())
               if not route.request.url.startswith("file:") else route.continue_())
    page.goto(out.as_uri())
    drawn = chart_ready(page)
    assert drawn["nodes"] > 30 and drawn["ink"] > 1000 and requested == []
    snap(page, shots, "chart-file")

    # Search selects the node and shows its details, sources included.
    page.get_by_role("searchbox", name="Find").fill("CSIP")
    page.get_by_role("searchbox", name="Find").press("Enter")
    assert page.evaluate("() => window.govcharts[0].network.getSelectedNodes()") == ["kent/csip"]
    expect(page.locator(".govchart-details")).to_contain_text("Jenny Whittle")
    expect(page.locator(".govchart-details")).to_contain_text("Sources")

    # With the chart focused, the keyboard pans.
    before = page.evaluate("() => window.govcharts[0].network.getViewPosition()")
    page.locator(".govchart .vis-network").focus()
    expect(page.get_by_role("img", name="Governance structure: an org chart", exact=False)).to_be_focused()
    page.keyboard.down("ArrowRight")
    page.wait_for_timeout(400)
    page.keyboard.up("ArrowRight")
    assert page.evaluate("() => window.govcharts[0].network.getViewPosition()")["x"] != before["x"]

    # Filters hide a relation's lines and a kind's nodes.
    def hidden(kind: str) -> int:
        return page.evaluate(f"() => window.govcharts[0].{kind}.get({{filter: x => x.hidden}}).length")

    page.locator("summary", has_text="Lines").click()
    page.get_by_label("informs (", exact=False).uncheck()
    informs = page.evaluate("() => window.govcharts[0].data.edges.filter(e => e.relation === 'informs').length")
    assert informs > 0 and hidden("edges") >= informs
    page.get_by_label("informs (", exact=False).check()
    page.locator("summary", has_text="Kinds").click()
    page.get_by_label("directorate (", exact=False).uncheck()
    assert page.evaluate("() => window.govcharts[0].nodes.get('kent/fsc-directorate').hidden") is True
    page.get_by_label("directorate (", exact=False).check()

    # The date slider gives the structure as of a month.
    page.evaluate("() => window.govcharts[0].setDate('2012-06')")
    state = page.evaluate("""() => { const n = window.govcharts[0].nodes;
        return [n.get('kent/fsc-directorate').hidden, n.get('kent/schw-directorate').hidden]; }""")
    assert state == [False, True]
    expect(page.locator(".govchart-date output")).to_have_text("2012-06")
    page.get_by_label("all dates").check()
    assert page.evaluate("() => window.govcharts[0].nodes.get('kent/schw-directorate').hidden") is False

    # PNG export of the current view.
    with page.expect_download() as download:
        page.get_by_role("button", name="PNG").click()
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000

    # Printing: the chart becomes an image on an A4 landscape page, without the controls.
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.locator(".govchart-print-image")).to_be_visible()
    expect(page.locator(".govchart-controls")).to_be_hidden()
    assert page.pdf(landscape=True)[:4] == b"%PDF"
    assert page.problems == []


def test_300_nodes_draw_without_overlaps(page, tmp_path, shots):
    out = write_chart(org_chart(synthetic_graph(12)), tmp_path / "big.html")
    page.goto(out.as_uri())
    assert chart_ready(page)["nodes"] == 312
    overlaps = page.evaluate("""() => {
        const c = window.govcharts[0];
        const boxes = c.nodes.getIds().map(id => [id, c.network.getBoundingBox(id)]);
        const bad = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i][1], b = boxes[j][1];
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) bad.push([boxes[i][0], boxes[j][0]]);
        }
        return bad; }""")
    assert overlaps == []
    # Names are readable at the first view; Fit shows everything.
    assert page.evaluate("() => window.govcharts[0].network.getScale()") >= 0.55
    snap(page, shots, "chart-300")
    page.get_by_role("button", name="Fit").click()
    page.wait_for_timeout(400)
    snap(page, shots, "chart-300-fit")
    assert page.problems == []


# -- nothing runs from a name -----------------------------------------------------------------


def test_nothing_runs_from_a_label(page, browser, tmp_path):
    data = write_evil_dataset(tmp_path / "data")
    from govgraph.loaders import load_datasets

    out = write_chart(org_chart(load_datasets([data]), "evil/panel", hops=1), tmp_path / "evil.html")
    page.goto(out.as_uri())
    chart_ready(page)
    page.get_by_role("searchbox", name="Find").fill("script")
    page.get_by_role("searchbox", name="Find").press("Enter")
    expect(page.locator(".govchart-details strong").first).to_have_text(EVIL)
    box = page.evaluate("() => window.govcharts[0].network.getBoundingBox('evil/panel')")
    position = page.evaluate("""() => { const n = window.govcharts[0].network;
        const p = n.getPosition('evil/panel'); return n.canvasToDOM(p); }""")
    canvas = page.locator(".govchart-canvas").bounding_box()
    page.mouse.move(canvas["x"] + position["x"], canvas["y"] + position["y"])
    page.wait_for_timeout(400)
    assert box and page.problems == []
    assert page.evaluate("() => document.querySelectorAll('.govchart img, .govchart svg[onload], iframe').length") == 0

    with Server(create_app([data])) as evil:
        for url in ("/bodies/evil/panel", "/people/evil/chair", "/chart", "/search?q=alert"):
            page.goto(evil.url + url)
            if page.locator("[data-govchart]").count():
                chart_ready(page)
        expect(page.locator("ol.results")).to_contain_text(EVIL)
    assert page.problems == []


def test_nodes_added_with_pyvis_in_a_notebook_draw_too(page, G, tmp_path):
    net = org_chart(G, "CSIP", hops=1)
    net.add_node("notebook/extra", label="Added in a notebook", x=0.0, y=-300.0)
    net.add_edge("notebook/extra", "kent/csip")
    page.goto(write_chart(net, tmp_path / "notebook.html").as_uri())
    assert chart_ready(page)["nodes"] == len(net.nodes)
    page.get_by_role("searchbox", name="Find").fill("added in a notebook")
    page.get_by_role("searchbox", name="Find").press("Enter")
    assert page.evaluate("() => window.govcharts[0].network.getSelectedNodes()") == ["notebook/extra"]
    assert page.problems == []
