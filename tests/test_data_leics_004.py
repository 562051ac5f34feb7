"""Seed 004 (Leicestershire, 1 September 2014, "Children's Social Care Panel") in the bundled data.

Each test asserts a governance fact the paper states (or its careful non-statement), so a
wrong id, relation, direction, role or a lost proposal marker fails it. The current
arrangements are the baseline register; the proposed structure is the option
data/options/leics-2014-new-structure.yaml, checked here on the graph under that option (`H`).
"""

from __future__ import annotations

import pytest

from govgraph.graph.options import apply_option, find_option
from govgraph.loaders.options import open_options

DOC = "004_d3a36d0da2e490db.txt"
OPTION = "leics-2014-new-structure"
EFFECTIVE = "2014-09-02"
PROPOSED_BODIES = {"leics/csc-panel", "leics/cic-panel", "leics/cp-panel"}


@pytest.fixture(scope="module")
def H(G):
    """The bundled graph under the new-structure option."""
    return apply_option(G, find_option(open_options(), OPTION))


def _facts(G, subject, relation, obj=None):
    found = [f for f in G.out_facts(subject, relations=[relation])]
    return [f for f in found if obj is None or f.object == obj]


def _one(G, subject, relation, obj):
    found = _facts(G, subject, relation, obj)
    assert len(found) == 1, f"expected one {subject} {relation} {obj}, found {found}"
    return found[0]


def _remit_texts(G, body):
    return {G.node(f.object).props["text"] for f in _facts(G, body, "has_remit")}


def _is_proposed(item) -> bool:
    """Added by the new-structure option: a fact names the option, a node starts on its date."""
    if hasattr(item, "relation"):
        return item.qualifiers.get("option") == OPTION and item.valid_from == EFFECTIVE
    return item.valid_from == EFFECTIVE and bool(item.note)


# -- the current arrangements ----------------------------------------------------------------

def test_current_panels_exist_and_are_not_marked_proposed(G):
    for body in ("leics/chmp", "leics/sscr-panel", "leics/fostering-panel",
                 "leics/adoption-panel", "leics/sarp", "leics/cf-osc", "leics/lscb", "leics/hwb"):
        node = G.node(body)
        assert node.type == "Body"
        assert not _is_proposed(node), body
        assert any(s.doc == DOC for s in node.sources)
    sscr = G.node("leics/sscr-panel")
    assert sscr.label == "Member Panel on Safeguarding and Serious Case Reviews"
    assert "Safeguarding and Serious Case Review Panel" in sscr.aliases
    assert sscr.props["composition"] == "member_led"
    # no closing date is stated for the absorbed panels
    assert G.node("leics/chmp").valid_to is None and sscr.valid_to is None


def test_current_panels_remits_are_homed_now_and_after_the_proposal(G, H):
    chmp = {f.object for f in _facts(G, "leics/chmp", "has_remit")}
    sscr = {f.object for f in _facts(G, "leics/sscr-panel", "has_remit")}
    assert chmp == {"leics/remit/chmp-1"}
    assert "visiting children's community homes" in G.node("leics/remit/chmp-1").props["text"]
    assert sscr == {"leics/remit/sscr-panel-1"}
    assert "serious case review" in G.node("leics/remit/sscr-panel-1").props["topics"]
    # the remit transfers with the absorption (paras 19, 23), under the option only
    assert _is_proposed(_one(H, "leics/cic-panel", "has_remit", "leics/remit/chmp-1"))
    assert _is_proposed(_one(H, "leics/cp-panel", "has_remit", "leics/remit/sscr-panel-1"))
    assert "leics/cic-panel" not in G and "leics/cp-panel" not in G
    # the baseline has_remit facts are not proposals
    assert not _is_proposed(_one(G, "leics/chmp", "has_remit", "leics/remit/chmp-1"))


def test_operational_panels_consider_individual_cases_only(G):
    for body, topic in (("leics/fostering-panel", "fostering"), ("leics/adoption-panel", "adoption"),
                        ("leics/sarp", "secure accommodation")):
        remits = _facts(G, body, "has_remit")
        assert len(remits) == 1
        remit = G.node(remits[0].object)
        assert "considering individual cases" in remit.props["text"]
        assert topic in remit.props["topics"]
        assert remits[0].sources[0].loc == "14"
        # they continue in their current form: no absorption
        assert not _facts(G, body, "absorbed_into")


def test_overview_and_scrutiny_committee_role_and_chair(G, H):
    assert G.node("leics/cf-osc").props["kind"] == "scrutiny_committee"
    assert len(_facts(G, "leics/cf-osc", "has_remit")) == 4
    watched = {f.object for f in _facts(G, "leics/cf-osc", "scrutinises")}
    assert {"leics/cyp-commissioning-board", "leics/slf-board"} <= watched
    chair = _one(G, "leics/cf-osc", "chaired_by", "leics/post/cf-osc-chairman")
    assert chair.attested == ("2014-09-01",)
    # the annual reports the Committee continues to receive (para 32)
    senders = {f.subject for f in G.in_facts("leics/cf-osc", relations=["informs"])}
    assert {"leics/lscb", "leics/post/iro"} <= senders
    # ... and, under the new structure, the Panel's regular reports (para 31)
    senders = {f.subject for f in H.in_facts("leics/cf-osc", relations=["informs"])}
    assert {"leics/lscb", "leics/post/iro", "leics/csc-panel"} <= senders


def test_director_post_and_holder(G):
    post = G.node("leics/post/director-cfs")
    assert post.type == "Post" and post.props.get("statutory") is True
    held = _one(G, "leics/person/hagger-l", "holds_post", "leics/post/director-cfs")
    assert held.attested == ("2014-09-01",)
    assert held.valid_from is None and held.valid_to is None
    assert G.node("leics/person/hagger-l").label == "Lesley Hagger"


# -- the proposed structure --------------------------------------------------------------------

def test_proposed_panel_has_two_sub_panels_absorbing_two_panels(H):
    subs = {f.subject for f in H.in_facts("leics/csc-panel", relations=["sub_body_of"])}
    assert subs == {"leics/cic-panel", "leics/cp-panel"}
    for sub in subs:
        assert H.node(sub).props["kind"] == "sub_panel"
        assert H.node(sub).props["formal"] is False
    assert _one(H, "leics/chmp", "absorbed_into", "leics/cic-panel").valid_from == EFFECTIVE
    assert _one(H, "leics/sscr-panel", "absorbed_into", "leics/cp-panel").valid_from == EFFECTIVE
    # not the other way round
    assert not _facts(H, "leics/chmp", "absorbed_into", "leics/cp-panel")
    assert not _facts(H, "leics/sscr-panel", "absorbed_into", "leics/cic-panel")


def test_proposed_panel_is_informal_and_member_led(H):
    panel = H.node("leics/csc-panel")
    assert panel.label == "Children's Social Care Panel"
    assert panel.props["formal"] is False
    assert panel.props["composition"] == "member_led"
    assert "other regulatory business pool" in panel.note
    assert _remit_texts(H, "leics/csc-panel") >= {
        "To have strategic oversight of all children's social care issues (at elected member level)."}
    areas = {H.node(f.object).props["text"] for f in _facts(H, "leics/csc-panel", "has_remit")}
    assert {"Particular regard to Children in Care.", "Particular regard to Child Protection.",
            "Particular regard to Partnership Working."} <= areas


def test_membership_defined_by_posts(H):
    seats = {f.subject: f for f in H.in_facts("leics/csc-panel", relations=["member_of"])}
    assert set(seats) == {"leics/post/cabinet-lead-member-cf", "leics/post/cabinet-support-member-cf",
                          "leics/post/cf-osc-chairman", "leics/post/cf-osc-spokesman"}
    for seat in seats.values():
        assert H.node(seat.subject).type == "Post"
        assert seat.role == "member"
        assert _is_proposed(seat)
    # no people are named as members, and no chair is stated
    assert not _facts(H, "leics/csc-panel", "chaired_by")
    # the sub-panels' five seats (3 Con: 1 Lab: 1 Lib) are not yet determined: no member_of
    for sub in ("leics/cic-panel", "leics/cp-panel"):
        assert not H.in_facts(sub, relations=["member_of"])
        assert "3 Con : 1 Lab : 1 Lib" in H.node(sub).note


@pytest.mark.parametrize("other", ["leics/hwb", "leics/cf-partnership", "leics/lscb", "leics/cf-osc"])
def test_refers_to_both_ways(H, other):
    out = _one(H, "leics/csc-panel", "refers_to", other)
    back = _one(H, other, "refers_to", "leics/csc-panel")
    assert _is_proposed(out) and _is_proposed(back)
    assert out.sources[0].doc == DOC


def test_panel_holds_director_and_lead_member_to_account(H):
    director = _one(H, "leics/csc-panel", "holds_to_account", "leics/post/director-cfs")
    assert "children in care and child protection" in director.qualifiers["for"]
    assert director.sources[0].loc == "34"
    lead = _one(H, "leics/csc-panel", "holds_to_account", "leics/post/cabinet-lead-member-cf")
    assert "statutory responsibility" in lead.qualifiers["for"]
    assert _is_proposed(director) and _is_proposed(lead)


def test_line_of_sight_to_cabinet_is_not_a_reporting_line(H):
    lines = H.out_facts("leics/csc-panel", relations=["reports_to", "sub_body_of"])
    assert not lines, lines
    assert not _facts(H, "leics/csc-panel", "reports_to")
    # the line of sight is the Lead Member's seat on both
    assert _facts(H, "leics/post/cabinet-lead-member-cf", "member_of", "leics/csc-panel")
    cabinet_seat = _one(H, "leics/post/cabinet-lead-member-cf", "member_of", "leics/cabinet")
    assert cabinet_seat.inferred
    # reports to the scrutiny committee are "informs", not "reports_to"
    assert _one(H, "leics/csc-panel", "informs", "leics/cf-osc")


def test_the_proposal_is_only_in_the_option(G, H):
    # the baseline holds none of it
    assert not PROPOSED_BODIES & {n.id for n in G.nodes()}
    assert not [f for f in G.facts() if f.note and "proposed in seed 004" in f.note]
    # under the option every fact touching a proposed body names the option and its date
    touching = [f for f in H.facts() if {f.subject, f.object} & PROPOSED_BODIES]
    assert len(touching) >= 35
    unmarked = [f.key for f in touching if not _is_proposed(f)]
    assert not unmarked, unmarked
    for body in PROPOSED_BODIES:
        node = H.node(body)
        assert _is_proposed(node) and node.valid_to is None
        assert all(s.doc == DOC for s in node.sources)
    # and no baseline node was touched by mistake
    assert H.node("leics/cf-osc") == G.node("leics/cf-osc")


def test_proposed_sub_panel_remits(H):
    cic = _remit_texts(H, "leics/cic-panel")
    assert "Particular regard to Corporate Parenting." in cic
    assert any("Secure Accommodation Review Panel" in t for t in cic)
    cp = _remit_texts(H, "leics/cp-panel")
    assert "That the response is proportionate." in cp
    assert "That lessons are learnt from local and national sources." in cp
    assert len(_facts(H, "leics/cic-panel", "has_remit")) == 7
    assert len(_facts(H, "leics/cp-panel", "has_remit")) == 6


# -- the fresh reading: current arrangements missing before ------------------------------------

def test_ofsted_introduced_the_framework(G):
    """Paras 3-4: Ofsted issued the new framework (carried_out_by, not just a note)."""
    event = G.node("leics/event/ofsted-framework-2013-11")
    assert event.type == "Event" and event.props["date"] == "2013-11"
    by = _one(G, "leics/event/ofsted-framework-2013-11", "carried_out_by", "uk/ofsted")
    assert {s.loc for s in by.sources} >= {"3", "4"}
    assert all(s.doc == DOC for s in by.sources)
    assert not by.inferred
    assert "has no relation" not in event.note


def test_stock_take_requested_by_the_safeguarding_panel(G, H):
    """Para 3 and Appendix A: the stock take the Member Panel asked officers for on 16 October 2013."""
    event = G.node("leics/event/stock-take-2013")
    assert event.type == "Event" and event.props["kind"] == "review"
    assert "date" not in event.props          # the stock take's own date is not stated
    assert "Appendix A" in event.props["text"]
    asked = _one(G, "leics/event/stock-take-2013", "agreed_by", "leics/sscr-panel")
    assert asked.attested == ("2013-10-16",) and asked.inferred
    assert asked.qualifiers["as"] == "requested"
    done = _one(G, "leics/event/stock-take-2013", "carried_out_by", "leics/lcc")
    assert done.inferred
    # the meeting the request was made at is still the Panel's
    _one(G, "leics/meeting/sscr-panel-2013-10-16", "meeting_of", "leics/sscr-panel")
    # history: absorbing the Panel under the option keeps the 2013 request's date (the option
    # machinery tags it ended_by, but a fact known from attested dates keeps exactly those days)
    kept = _one(H, "leics/event/stock-take-2013", "agreed_by", "leics/sscr-panel")
    assert kept.attested == ("2013-10-16",) and kept.valid_to is None


def test_health_and_wellbeing_strategy_and_its_children_strand(G):
    """Para 27: the Board produces and delivers the Strategy; one strand is the best start for children."""
    lead = _one(G, "leics/hwb", "accountable_for", "leics/priority/jhws")
    assert lead.role == "lead" and lead.sources[0].loc == "27"
    strand = _one(G, "leics/priority/jhws-best-start", "belongs_to", "leics/priority/jhws")
    assert strand.sources[0].loc == "27"
    assert G.node("leics/priority/jhws-best-start").type == "Priority"
    assert "best possible start in life" in G.node("leics/priority/jhws-best-start").props["text"]
    # the strand is not the Board's own line: no lead named for it
    assert not G.in_facts("leics/priority/jhws-best-start", relations=["accountable_for"])


def test_plural_post_titles_are_shared(G):
    """'Spokesmen' (para 15) and 'the Independent Reviewing Officers' (para 32) are held by several people."""
    assert G.node("leics/post/cf-osc-spokesman").props.get("shared") is True
    assert G.node("leics/post/iro").props.get("shared") is True
    for single in ("leics/post/director-cfs", "leics/post/cf-osc-chairman",
                   "leics/post/cabinet-lead-member-cf"):
        assert not G.node(single).props.get("shared"), single


def test_where_the_posts_sit(G):
    """The Chairman and Spokesmen are the Committee's (para 15); the Leader and Cabinet posts the Council's."""
    for post in ("leics/post/cf-osc-chairman", "leics/post/cf-osc-spokesman"):
        fact = _one(G, post, "post_in", "leics/cf-osc")
        assert not fact.inferred
    for post in ("leics/post/leader", "leics/post/cabinet-lead-member-cf",
                 "leics/post/cabinet-support-member-cf"):
        fact = _one(G, post, "post_in", "leics/lcc")
        assert fact.inferred, post
    # the Support Member is not put on the Cabinet: the paper does not say
    assert not _facts(G, "leics/post/cabinet-support-member-cf", "member_of", "leics/cabinet")
    assert not _facts(G, "leics/post/cabinet-support-member-cf", "post_in", "leics/cabinet")


def test_scrutiny_of_the_children_and_young_peoples_service(G):
    """Para 30(i): the Committee's first role, parallel to 30(ii) for the Programme."""
    service = G.node("leics/cyp-service")
    assert service.type == "Body" and service.label == "Children and Young People's Service"
    fact = _one(G, "leics/cf-osc", "scrutinises", "leics/cyp-service")
    assert fact.sources[0].loc == "30(i)" and fact.inferred
    watched = {f.object for f in _facts(G, "leics/cf-osc", "scrutinises")}
    assert watched == {"leics/cyp-service", "leics/slf-programme",
                       "leics/cyp-commissioning-board", "leics/slf-board"}
    # possibly the department's earlier name, but the paper does not say: no rename recorded
    assert not G.out_facts("leics/cyp-service", relations=["renamed_to", "succeeded_by"])
    assert not G.in_facts("leics/cfs", relations=["renamed_to", "succeeded_by"])


def test_partnerships_are_multi_agency(G):
    """Para 30(iii) counts both boards among 'partnerships'; para 28 the Partnership bodies."""
    for body in ("leics/cyp-commissioning-board", "leics/slf-board", "leics/cf-partnership"):
        assert G.node(body).props.get("composition") == "multi_agency", body
    # the bodies whose composition the paper does not state stay unset
    for body in ("leics/hwb", "leics/chmp", "leics/fostering-panel"):
        assert "composition" not in G.node(body).props, body
