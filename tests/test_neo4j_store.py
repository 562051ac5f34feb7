"""The Neo4j store against a real Bolt server: FalkorDB started here, and Neo4j too when
NEO4J_URI is set. Push, parity with the memory store, convergence, pull, CLI, errors."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from govgraph.app.cli import app
from govgraph.app.context import StoreUnavailable, open_store
from govgraph.data import bundled_data_dir
from govgraph.graph.chain import chain
from govgraph.graph.options import find_option
from govgraph.graph.options import impact as option_impact
from govgraph.graph.stores.base import PROFILE_TYPES, Store
from govgraph.graph.stores.cypher import Connection, connect, parse_target
from govgraph.graph.stores.memory import MemoryStore
from govgraph.graph.stores.neo4j import Neo4jStore, open_neo4j
from govgraph.graph.stores.neo4j_records import META_LABEL, NODE_LABEL
from govgraph.graph.stores.neo4j_sync import pull, push, read_meta
from govgraph.loaders import load_datasets
from govgraph.loaders.dump import describe_datasets
from govgraph.loaders.options import open_options
from govgraph.ontology.terms import RELATIONS
from neo4j_server import BoltServer, ServerMissing, neo4j_from_env, start_falkordb

pytestmark = pytest.mark.neo4j
runner = CliRunner()
SERVERS = ["falkordb"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])
PROFILED = {"Body": "body", "Organisation": "body", "Person": "person", "Post": "post"}
DATES = (None, "2011-06", "2014-04-22")


def _bundled():
    return load_datasets([bundled_data_dir()])


def pytest_generate_tests(metafunc):
    """Parity runs over every body, organisation, person and post the data has today."""
    if "node_id" in metafunc.fixturenames:
        ids = sorted(n.id for n in _bundled().nodes(PROFILED))
        metafunc.parametrize("node_id", ids)


@dataclass
class Bolt:
    """A Bolt server and database the tests use."""

    server: BoltServer

    @property
    def uri(self) -> str:
        database = self.server.database
        return self.server.uri + (f"/{database}" if database else "")

    def connect(self) -> Connection:
        return connect(parse_target(self.server.uri, user=self.server.user,
                                    password=self.server.password,
                                    database=self.server.database))


def _falkordb() -> BoltServer:
    try:
        return start_falkordb()
    except ServerMissing as exc:
        pytest.skip(f"cannot start FalkorDB for the Bolt tests: {exc}")


@pytest.fixture(scope="session", params=SERVERS)
def bolt(request):
    if request.param == "neo4j":
        yield Bolt(neo4j_from_env())
        return
    server = _falkordb()
    try:
        with pytest.MonkeyPatch.context() as env:  # NEO4J_* name the Neo4j server, not this
            for name in ("NEO4J_USER", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
                env.delenv(name, raising=False)
            yield Bolt(server)
    finally:
        server.stop()


@pytest.fixture()
def scratch(bolt):
    """A database a test may change: a FalkorDB of its own (FalkorDB's Bolt endpoint
    cannot keep databases apart), or the Neo4j database with govgraph's data wiped."""
    if bolt.server.name != "falkordb":
        with bolt.connect() as conn:
            conn.write(f"MATCH (n) WHERE n:{NODE_LABEL} OR n:{META_LABEL} DETACH DELETE n")
        yield bolt
        return
    server = _falkordb()
    try:
        yield Bolt(server)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def loaded(bolt, G):
    """A connection to a database holding the bundled data as `govgraph push` loads
    it (pushed again if a test changed it), and the push's summary."""
    conn = bolt.connect()
    datasets = describe_datasets([bundled_data_dir()])
    summary = push(G, conn, datasets=datasets)

    def ensure() -> Connection:
        if (read_meta(conn) or {}).get("load_id") != summary["load_id"]:
            push(G, conn, datasets=datasets)
        return conn
    yield ensure, summary
    conn.close()


@pytest.fixture()
def store(loaded) -> Neo4jStore:
    return Neo4jStore(loaded[0]())


@pytest.fixture(scope="session")
def memory(G) -> MemoryStore:
    return MemoryStore(G)


def answer(call):
    """A query's answer, or the error it raised (type and message), for comparing."""
    try:
        return call()
    except (LookupError, ValueError) as exc:
        return type(exc).__name__, str(exc)


def same(memory: Store, store: Store, call) -> object:
    expected = answer(lambda: call(memory))
    assert answer(lambda: call(store)) == expected
    return expected


def dump(conn: Connection) -> list[str]:
    """Everything govgraph keeps in a database, in a comparable form."""
    nodes = conn.read(f"MATCH (n) WHERE n:{NODE_LABEL} OR n:{META_LABEL} "
                      "RETURN labels(n) AS labels, properties(n) AS props")
    rels = conn.read(f"MATCH (s:{NODE_LABEL})-[f]->(o:{NODE_LABEL}) RETURN s.id AS s, "
                     "type(f) AS type, o.id AS o, properties(f) AS props")
    return sorted(json.dumps({**r, "labels": sorted(r.get("labels", []))}, sort_keys=True)
                  for r in nodes + rels)


# -- what is stored, and how ----------------------------------------------------------

def test_push_loads_every_node_and_fact(loaded, store, G, bolt):
    ensure, summary = loaded
    conn = ensure()
    assert isinstance(store, Store)
    assert (summary["nodes"], summary["facts"]) == (len(G), sum(1 for _ in G.facts()))
    assert conn.dialect.name == bolt.server.name
    counts = conn.read(f"MATCH (n:{NODE_LABEL}) RETURN n.type AS type, count(n) AS n")
    assert {r["type"]: r["n"] for r in counts} == {
        t: sum(1 for _ in G.nodes(t)) for t in {n.type for n in G.nodes()}}


def test_labels_types_and_properties(loaded):
    conn = loaded[0]()
    csip = conn.read(f"MATCH (n:{NODE_LABEL}:Body {{id: 'kent/csip'}}) RETURN properties(n) AS p")
    props = csip[0]["p"]
    assert props["label"] == "Children's Services Improvement Panel" and "CSIP" in props["aliases"]
    assert all({"doc", "loc", "quote"} <= set(s) for s in json.loads(props["sources"]))
    chaired = conn.read("MATCH (:Body {id: 'kent/csip'})-[f:CHAIRED_BY]->(p:Person) "
                        "RETURN p.id AS id, f.sources AS sources, f.valid_from AS since")
    assert "kent/person/whittle-j" in {r["id"] for r in chaired}
    assert all(json.loads(r["sources"]) for r in chaired)
    types = {r["t"] for r in conn.read("MATCH ()-[f]->() RETURN DISTINCT type(f) AS t")}
    assert types <= {r.neo4j_type for r in RELATIONS.values()} and "INFORMS" in types
    dated = conn.read("MATCH ()-[f]->() WHERE f.valid_from IS NOT NULL "
                      "RETURN f.valid_from AS d LIMIT 5")
    assert dated and all(isinstance(r["d"], str) for r in dated)


# -- parity: every query, the same answer from both stores --------------------------------

def test_parity_for_every_body_person_and_post(node_id, memory, store, G):
    node = G.node(node_id)
    types = PROFILE_TYPES[PROFILED[node.type]]
    same(memory, store, lambda s: s.profile(node_id, types=types))
    same(memory, store, lambda s: s.chain(node_id))
    same(memory, store, lambda s: s.chain(node_id, down=True))
    if sum(map(ord, node_id)) % 4 == 0:  # dates and names on a spread of a quarter of them
        same(memory, store, lambda s: s.profile(node.label, types=types, as_of="2011-06"))
        same(memory, store, lambda s: s.chain(node_id, as_of="2014-04-22"))


def test_parity_for_names_as_people_type_them(memory, store, G):
    kinds = [(None, None), ("body", PROFILE_TYPES["body"]), ("person", PROFILE_TYPES["person"])]
    tries = [("CSIP", kinds), ("csip", kinds[:1]), ("Mrs A D Allen", kinds), ("Mrs Allen", kinds),
             ("Cabinet", kinds), ("Childrens Services", kinds[:2]),
             ("Children’s Services Improvement Panel", kinds[:2]), ("Improvment Panel", kinds[:1]),
             ("it's", kinds[:1]), ("' OR 1=1 //", kinds[:1]), ("", kinds[:1])]
    for node in list(G.nodes(PROFILED))[::5]:
        for alias in node.aliases:
            tries.append((alias, [(None, None), (PROFILED[node.type],
                                                 PROFILE_TYPES[PROFILED[node.type]])]))
    for name, for_kinds in tries:
        for _, types in for_kinds:
            same(memory, store, lambda s: s.profile(name, types=types))


def test_parity_for_search(memory, store, G):
    words = sorted({w for n in G.nodes("Body") for w in n.label.split()[:2]})[::10]
    queries = words + ["children in care", "CSIP", "fostering adoption", "zzz", "", "it's",
                       "\\", "panel", "Corporate Parenting Panel", "Mrs Allen"]
    for text in queries:
        for types in (None, ["Body"], ["Remit", "Priority"]):
            same(memory, store, lambda s: s.search(text, types=types))
    same(memory, store, lambda s: s.search("the", limit=7))


def test_parity_for_facts(memory, store):
    for as_of in DATES:
        same(memory, store, lambda s: s.facts(as_of=as_of))
    for relation in [*RELATIONS, "reports to"]:
        same(memory, store, lambda s: s.facts(relation=relation, as_of="2014"))


def test_parity_for_paths(memory, store, G):
    people = sorted(n.id for n in G.nodes("Person"))
    posts = sorted(n.id for n in G.nodes("Post"))
    tops = [(n.id, chain(G, n.id)["ends"][0]["id"]) for n in list(G.nodes("Body"))[::60]
            if chain(G, n.id)["ends"]]
    dated = [("CSIP", "Jenny Whittle"), ("kent/cpp", "kent/kcc"), (people[0], posts[7])]
    undated = [("kent/csip", "kent/csip"), ("Ofsted", "kent/csip"), ("kent/csip", "Cabinet"),
               ("CSIP", "Nobody At All"), (people[3], people[-3]), *tops]
    for a, b in dated + undated:
        same(memory, store, lambda s: s.path(a, b))
    for a, b in dated:
        same(memory, store, lambda s: s.path(a, b, as_of="2011-06"))


# -- push: idempotent, convergent, resumable -------------------------------------------

REGISTER = """
doc: d.txt
nodes:
  - {{id: t/a, type: Body, label: "Alpha Panel", aliases: [AP], sources: [{{loc: "1", quote: "q"}}]}}
  - {{id: t/b, type: {b_type}, label: "Beta Board", note: {note}, sources: [{{loc: "2", quote: "it's"}}]}}
  - {{id: t/{c}, type: Body, label: "Gamma", sources: [{{loc: "3", quote: "q"}}]}}
facts:
  - {{subject: t/a, relation: reports_to, object: t/b, sources: [{{loc: "4", quote: "q"}}]}}
  - {{subject: t/a, relation: informs, object: t/{c}, valid_from: "{since}", note: {note}, sources: [{{loc: "5", quote: "q"}}]}}
"""


def _dataset(folder: Path, **values) -> Path:
    folder.mkdir(parents=True)
    (folder / "dataset.yaml").write_text("id: t\ntitle: Test\ndocuments:\n  - {id: d.txt, title: D}\n")
    (folder / "r.yaml").write_text(REGISTER.format(**values))
    return folder


def test_push_converges_to_the_new_data(scratch, tmp_path):
    old = load_datasets([_dataset(tmp_path / "v1", b_type="Body", note="null", c="c",
                                  since="2011")])
    big_note = json.dumps("a \\ 'quoted' – note " * 400)  # larger than a FalkorDB request
    new = load_datasets([_dataset(tmp_path / "v2", b_type="Organisation", note=big_note,
                                  c="d", since="2012-04")])
    with scratch.connect() as conn:
        push(old, conn)
        first = push(new, conn)
        assert (first["removed_nodes"], first["removed_facts"]) == (1, 1)
        converged = dump(conn)
        again = push(new, conn)
        assert (again["removed_nodes"], again["removed_facts"]) == (0, 0)
        assert again["load_id"] == first["load_id"] and dump(conn) == converged
        labels = conn.read("MATCH (n {id: 't/b'}) RETURN labels(n) AS l")[0]["l"]
        assert sorted(labels) == [NODE_LABEL, "Organisation"]
        assert pull(conn) == new
        conn.write(f"MATCH (n) WHERE n:{NODE_LABEL} OR n:{META_LABEL} DETACH DELETE n")
        push(new, conn)
        assert dump(conn) == converged  # the same as pushing the new data afresh


def test_an_interrupted_push_can_be_run_again(scratch, loaded, G):
    reference = dump(loaded[0]())
    with scratch.connect() as conn:
        command = [str(Path(sys.executable).with_name("govgraph")), "push", scratch.uri]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and process.poll() is None:
                if conn.read(f"MATCH (n:{NODE_LABEL}) RETURN count(n) AS n")[0]["n"] >= 20:
                    process.send_signal(signal.SIGKILL)
                    break
                time.sleep(0.02)
        finally:
            process.wait(timeout=30)
        if process.returncode == 0:
            pytest.skip("the push finished before the test could interrupt it")
        assert (read_meta(conn) or {}).get("loading")
        assert conn.read(f"MATCH (n:{NODE_LABEL}) RETURN count(n) AS n")[0]["n"] < len(G)
        assert "did not finish" in answer(lambda: pull(conn))[1]
        push(G, conn, datasets=describe_datasets([bundled_data_dir()]))  # as `govgraph push`
        assert dump(conn) == reference


def test_pull_reads_back_the_same_graph(loaded, G):
    assert pull(loaded[0]()) == G


# -- the CLI and open_store --------------------------------------------------------------

def run(*args: str, code: int = 0, env: dict | None = None):
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result


def test_query_commands_answer_from_the_store(bolt, loaded, G):
    loaded[0]()
    out = json.loads(run("chain", "CSIP", "--json", "--store", bolt.uri).stdout)
    assert out == chain(G, "CSIP")
    out = json.loads(run("person", "Mrs A D Allen", "--json",
                         env={"GOVGRAPH_STORE": bolt.uri}).stdout)
    assert out["node"]["id"] == "kent/person/allen-a"
    assert "Children's Services Improvement Panel" in run("body", "CSIP", "--store", bolt.uri).stdout


def test_push_and_pull_commands(scratch, bolt, loaded, tmp_path, G):
    uk = bundled_data_dir() / "uk"
    small = load_datasets([uk])
    out = json.loads(run("push", scratch.uri, "--data", str(uk), "--json").stdout)
    assert (out["nodes"], out["facts"]) == (len(small), sum(1 for _ in small.facts()))
    assert "Pushed" in run("push", scratch.uri, "--data", str(uk)).stdout
    loaded[0]()
    pulled = tmp_path / "pulled"
    assert "Wrote 3 dataset" in run("pull", bolt.uri, "--out", str(pulled)).stdout
    assert load_datasets([pulled]) == G
    impact = run("impact", "kent-2014-dissolve-csip", "--data", str(pulled), "--json").stdout
    option = find_option(open_options(), "kent-2014-dissolve-csip")
    assert json.loads(impact) == json.loads(json.dumps(option_impact(G, option)))
    run("pull", bolt.uri, "--out", str(pulled), code=2)  # never over existing files


def test_an_option_on_a_neo4j_store_uses_its_graph(bolt, loaded):
    loaded[0]()
    under = open_store(store=bolt.uri, option="kent-2014-dissolve-csip")
    assert isinstance(under, MemoryStore)
    assert under.chain("kent/programme-board") == \
        open_store(option="kent-2014-dissolve-csip").chain("kent/programme-board")


def _error(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_errors_are_one_line_and_exit_2(bolt, loaded):
    loaded[0]()
    assert "cannot reach" in _error("chain", "CSIP", "--store", "bolt://127.0.0.1:1")
    assert "cannot reach" in _error("push", "bolt://127.0.0.1:1")
    assert "not a Bolt URI" in _error("push", "http://127.0.0.1:7687")
    refused = _error("push", bolt.server.uri, "--user", "nobody", "--password", "wrong")
    assert "refused" in refused and "nobody" in refused
    missing = _error("chain", "CSIP", "--store", bolt.server.uri + "/no-such-database")
    assert "no-such-database" in missing
    assert "No node named" in _error("chain", "No Such Panel", "--store", bolt.uri)
    with pytest.raises(StoreUnavailable, match="cannot reach"):
        open_store(store="neo4j://127.0.0.1:1")


def test_bad_data_pushes_nothing(scratch, tmp_path):
    folder = _dataset(tmp_path / "bad", b_type="Nonsense", note="null", c="c", since="2011")
    result = runner.invoke(app, ["push", scratch.uri, "--data", str(folder)])
    assert result.exit_code == 2 and "nothing was loaded" in result.output, result.output
    with scratch.connect() as conn:
        assert conn.read(f"MATCH (n:{NODE_LABEL}) RETURN count(n) AS n")[0]["n"] == 0
    assert answer(lambda: open_neo4j(scratch.uri))[0] == "Neo4jUnavailable"


# -- the docs ----------------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_cypher_in_the_docs_answers(loaded):
    conn = loaded[0]()
    blocks = re.findall(r"```cypher\n(.*?)```", (DOCS / "neo4j.md").read_text(), re.S)
    assert len(blocks) >= 5
    for block in blocks:
        assert conn.read(block), block


def test_the_compose_file_runs_neo4j_5():
    compose = yaml.safe_load((DOCS / "neo4j" / "docker-compose.yml").read_text())
    service = compose["services"]["neo4j"]
    assert service["image"].startswith("neo4j:5")
    assert any("7687" in port for port in service["ports"])
