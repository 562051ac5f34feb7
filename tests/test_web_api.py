"""The web app on the bundled data: the JSON API, its errors, and the pages.

The app is the real one (create_app over the bundled data, the memory store); the
answers are checked against the graph functions the CLI calls.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from govgraph.app.web import create_app
from govgraph.graph.chain import chain
from govgraph.graph.facts import facts
from govgraph.graph.profile import profile
from test_chart import EVIL, write_evil_dataset


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as c:
        yield c


def ok(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.text[:500])
    return response.json()


def error(client, url: str, status: int) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["message"], "every error says what went wrong"
    return body


# -- the queries ------------------------------------------------------------------------


def test_search_finds_csip_first(client):
    results = ok(client, "/api/search?q=CSIP")
    assert results[0]["id"] == "kent/csip"
    people = ok(client, "/api/search?q=whittle&type=Person")
    assert {r["type"] for r in people} == {"Person"} and "kent/person/whittle-j" in {r["id"] for r in people}


def test_body_person_and_post_pages_answer_as_the_cli_does(client, G):
    body = ok(client, "/api/bodies/kent/csip")
    assert body == profile(G, "kent/csip", types=("Body", "Organisation"))
    chairs = next(s for s in body["sections"] if s["relation"] == "chaired_by")
    assert chairs["facts"][0]["object"]["id"] == "kent/person/whittle-j"
    person = ok(client, "/api/people/kent/person/whittle-j")
    chaired = next(s for s in person["sections"] if s["relation"] == "chaired_by")
    assert "kent/csip" in {f["subject"]["id"] for f in chaired["facts"]}
    post = ok(client, "/api/posts/kent/post/cabinet-member-scs")
    holders = next(s for s in post["sections"] if s["relation"] == "holds_post")
    assert "kent/person/whittle-j" in {f["subject"]["id"] for f in holders["facts"]}
    assert ok(client, "/api/bodies/CSIP")["node"]["id"] == "kent/csip", "names work as ids do"


def test_chain_is_the_graph_chain(client, G):
    assert ok(client, "/api/chain?name=CSIP") == chain(G, "CSIP")
    down = ok(client, "/api/chain?name=CSIP&down=true")
    assert down == chain(G, "CSIP", down=True)
    assert ("informs", "kent/programme-board") in {(s["relation"], s["subject"]["id"])
                                                    for s in down["steps"]}
    assert ok(client, "/api/chain?name=CSIP&as_of=2014-04")["as_of"] == "2014-04"


def test_path_and_facts(client, G):
    result = ok(client, "/api/path?a=Programme Board&b=CSIP")
    first = result["paths"][0]
    assert first["directed"] and [s["relation"] for s in first["steps"]] == ["informs"]
    assert ok(client, "/api/facts?relation=chaired_by") == facts(G, relation="chaired_by")


def test_graph_gives_a_chart_with_positions(client):
    data = ok(client, "/api/graph?focus=CSIP&hops=1")
    ids = {n["id"] for n in data["nodes"]}
    assert {"kent/csip", "kent/programme-board"} <= ids
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert data["options"]["physics"] == {"enabled": False}
    kent = ok(client, "/api/graph?dataset=kent-scs&as_of=2014-06&relation=reports_to&relation=informs")
    assert {e["relation"] for e in kent["edges"]} <= {"reports_to", "informs"}
    assert kent["as_of"] == "2014-06"


# -- options ------------------------------------------------------------------------------


def test_options_impact_compare_and_overlay(client):
    listed = {o["id"] for o in ok(client, "/api/options")}
    assert {"kent-2014-dissolve-csip", "kent-2014-csip-to-cstp"} <= listed
    impact = ok(client, "/api/options/kent-2014-dissolve-csip/impact")
    assert impact["option"]["id"] == "kent-2014-dissolve-csip"
    assert "kent/csip" in {i.get("id") for i in impact["diff"]["removed"]}
    table = ok(client, "/api/compare?ids=kent-2014-dissolve-csip,kent-2014-csip-to-cstp")
    assert table["columns"][1:] == ["kent-2014-dissolve-csip", "kent-2014-csip-to-cstp"]
    assert table == ok(client, "/api/compare?ids=kent-2014-dissolve-csip&ids=kent-2014-csip-to-cstp")
    chart = ok(client, "/api/graph?option=kent-2014-dissolve-csip&dataset=kent-scs")
    assert {n["id"]: n["mark"] for n in chart["nodes"]}["kent/csip"] == "removed"
    under = ok(client, "/api/chain?name=Programme Board&as_of=2014-05&option=kent-2014-dissolve-csip")
    assert "kent/csip" not in {s["object"]["id"] for s in under["steps"]}
    baseline = ok(client, "/api/chain?name=Programme Board&as_of=2014-05")
    assert "kent/csip" in {s["object"]["id"] for s in baseline["steps"]}


def test_unknown_option_is_404_with_suggestions(client):
    body = error(client, "/api/options/kent-2014-dissolve/impact", 404)
    assert "kent-2014-dissolve-csip" in body["suggestions"]
    assert error(client, "/api/chain?name=CSIP&option=nope", 404)["error"] == "unknown_option"
    assert error(client, "/api/compare", 422)["error"] == "bad_parameter"


# -- errors ------------------------------------------------------------------------------


def test_unknown_names_are_404_with_suggestions(client):
    body = error(client, "/api/bodies/Corporate Parenting Panl", 404)
    assert body["error"] == "not_found"
    assert "kent/cpp" in {s["id"] for s in body["suggestions"]}
    assert error(client, "/api/chain?name=Corporate Parenting Panl", 404)["suggestions"]
    error(client, "/api/people/kent/csip", 404)  # a body is not a person
    assert error(client, "/api/nowhere", 404)["error"] == "not_found"


def test_bad_dates_and_parameters_are_422(client):
    assert error(client, "/api/chain?name=CSIP&as_of=2014-13", 422)["error"] == "bad_date"
    assert "2014-13" in error(client, "/api/facts?as_of=2014-13", 422)["message"]
    assert "unknown relation" in error(client, "/api/facts?relation=bosses", 422)["message"]
    assert "hops" in error(client, "/api/graph?hops=9", 422)["message"]
    assert "q" in error(client, "/api/search", 422)["message"]
    assert "Nope" in error(client, "/api/search?q=x&type=Nope", 422)["message"]
    assert error(client, "/api/graph?dataset=nowhere", 422)["error"] == "bad_parameter"


def test_read_only_documented_and_guarded(client):
    assert client.post("/api/chain?name=CSIP").status_code == 405
    assert client.delete("/api/bodies/kent/csip").status_code == 405
    paths = ok(client, "/openapi.json")["paths"]
    for path in ("/api/search", "/api/bodies/{id}", "/api/people/{id}", "/api/posts/{id}",
                 "/api/chain", "/api/path", "/api/facts", "/api/graph", "/api/options",
                 "/api/options/{option_id}/impact", "/api/compare"):
        assert path in paths and list(paths[path]) == ["get"], path
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert client.get("/docs").status_code == 200


def test_api_docs_come_from_this_server(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "http" not in docs.text  # nothing from elsewhere
    # Under the policy of every other page: no inline script, scripts from here only.
    assert docs.headers["content-security-policy"] == client.get("/").headers[
        "content-security-policy"]
    assert "<script>" not in docs.text
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', docs.text):
        assert client.get(asset).status_code == 200, asset
    assert 'data-openapi-url="/openapi.json"' in docs.text
    redoc = client.get("/redoc", follow_redirects=False)
    assert redoc.status_code in (302, 307) and redoc.headers["location"] == "/docs"


# -- pages -------------------------------------------------------------------------------


def test_pages_show_the_answers_with_sources(client):
    home = client.get("/")
    assert home.status_code == 200 and 'action="/search"' in home.text
    results = client.get("/search?q=CSIP").text
    assert 'href="/bodies/kent/csip"' in results
    body = client.get("/bodies/kent/csip").text
    assert "Jenny Whittle" in body and "initiated April 2011" in body
    assert 'href="/chain?name=kent/csip"' in body.replace("%2F", "/")
    assert 'data-govchart="chart-node"' in body
    up = client.get("/chain?name=CSIP").text
    assert 'href="/bodies/kent/cabinet"' in up and "details class=\"sources\"" in up
    assert "Whittle" in client.get("/people/kent/person/whittle-j").text
    for url in ("/path?a=Programme Board&b=CSIP", "/facts?relation=chaired_by", "/chart",
                "/chart?focus=CSIP&hops=1", "/options",
                "/options?ids=kent-2014-dissolve-csip&ids=kent-2014-csip-to-cstp",
                "/nodes/kent/remit/csip-1"):
        assert client.get(url).status_code == 200, url


def test_page_errors_are_pages_with_suggestions(client):
    page = client.get("/bodies/Corporate Parenting Panl")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'href="/bodies/kent/cpp"' in page.text
    assert client.get("/chain?name=CSIP&as_of=2014-13").status_code == 422


def test_pages_escape_every_name(tmp_path):
    with TestClient(create_app([write_evil_dataset(tmp_path)])) as evil:
        for url in ("/bodies/evil/panel", "/search?q=alert", "/chart", "/facts",
                    "/chain?name=evil/panel", "/people/evil/chair"):
            page = evil.get(url)
            assert page.status_code == 200, url
            assert EVIL not in page.text and "<img src=x" not in page.text, url
            assert "<svg onload" not in page.text and "<iframe src=javascript" not in page.text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil.get("/bodies/evil/panel").text
        assert evil.get("/api/bodies/evil/panel").json()["node"]["label"] == EVIL


def test_a_chain_asked_again_is_answered_from_the_cache(client):
    first = client.get("/api/chain?name=CPP&down=true")
    explorer = client.app.state.explorer
    assert explorer.peek(("chain", "CPP", True, None, None)) == first.content
    again = client.get("/api/chain?name=CPP&down=1")
    assert again.status_code == 200 and again.content == first.content
    assert again.headers["content-type"] == "application/json"
    assert "script-src 'self'" in again.headers["content-security-policy"]
    assert client.get("/api/chain?name=CPP&down=perhaps").status_code == 422
    assert client.get("/api/chain?name=").status_code == 422
