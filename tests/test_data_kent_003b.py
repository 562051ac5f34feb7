"""Seed 003, lines 589-1190, in the bundled data: the minutes of the Children's Services
Improvement Panel (CSIP) of 22 June and 13 July 2011, and item B1 (the Improvement Plan
quarterly update) with the draft Phase 2 Improvement Plan (Appendix A).

Each test asserts something the paper states (or a marked inference), so a wrong id,
relation, direction, role or date fails it.
"""

from __future__ import annotations

import re

import pytest

DOC = "003_4604ee4c7e40cf11.txt"
JUNE = "kent/meeting/csip-2011-06-22"
JULY = "kent/meeting/csip-2011-07-13"


def _attendees(G, meeting, role):
    return {f.subject for f in G.in_facts(meeting, relations=["attended"]) if f.role == role}


def _leads(G, item, role):
    return {f.subject for f in G.in_facts(item, relations=["accountable_for"]) if f.role == role}


def _informs(G, subject, obj):
    found = [f for f in G.out_facts(subject, relations=["informs"]) if f.object == obj]
    assert len(found) == 1, f"expected one {subject} informs {obj}, found {found}"
    return found[0]


def _cites_003(item, loc_prefix):
    return any(s.doc == DOC and s.loc.startswith(loc_prefix) for s in item.sources)


# -- the two CSIP meetings --------------------------------------------------------------

@pytest.mark.parametrize("meeting, date, place", [
    (JUNE, "2011-06-22", "Medway Suite"),
    (JULY, "2011-07-13", "Swale 3"),
])
def test_csip_meetings_are_meetings_of_the_panel(G, meeting, date, place):
    node = G.node(meeting)
    assert node.type == "Meeting"
    assert node.props["date"] == date
    assert node.props["place"] == place
    assert [f.object for f in G.out_facts(meeting, relations=["meeting_of"])] == ["kent/csip"]


def test_mrs_whittle_chaired_both_csip_meetings(G):
    for meeting in (JUNE, JULY):
        assert _attendees(G, meeting, "chair") == {"kent/person/whittle-j"}
    chair = [f for f in G.out_facts("kent/csip", relations=["chaired_by"])
             if f.object == "kent/person/whittle-j"]
    assert len(chair) == 1
    assert chair[0].holds_on("2011-06-22") and chair[0].holds_on("2011-07-13")
    assert _cites_003(chair[0], "CSIP 13 July 2011 Present")


def test_apologies_to_csip_on_13_july_2011(G):
    assert _attendees(G, JULY, "apology") == {"kent/person/dean-t", "kent/person/hohler"}


def test_apologies_to_csip_on_22_june_2011(G):
    assert _attendees(G, JUNE, "apology") == {
        "kent/person/christie", "kent/person/cubitt", "kent/person/ferrin"}


def test_members_present_at_each_csip_meeting(G):
    assert _attendees(G, JUNE, "member") == {
        "kent/person/allen-a", "kent/person/dean-t", "kent/person/hohler", "kent/person/lake-p",
        "kent/person/smith-k", "kent/person/waters-c", "kent/person/wells-c"}
    assert _attendees(G, JULY, "member") == {
        "kent/person/allen-a", "kent/person/christie", "kent/person/cubitt",
        "kent/person/lake-p", "kent/person/waters-c", "kent/person/wells-c"}


def test_officers_and_clerk_at_csip(G):
    assert _attendees(G, JUNE, "officer") == {
        "kent/person/newsam-m", "kent/person/exall-d", "kent/person/maiden-brooks-j",
        "kent/person/shkalla-d"}
    assert _attendees(G, JULY, "officer") == {
        "kent/person/newsam-m", "kent/person/bole-p", "kent/person/exall-d",
        "kent/person/marriott-d", "kent/person/pennellier-m", "kent/person/shkalla-d"}
    for meeting in (JUNE, JULY):
        assert _attendees(G, meeting, "clerk") == {"kent/person/maycock-f"}


def test_csip_seats_read_off_the_meetings(G):
    seats = {(f.subject, f.role): f for f in G.in_facts("kent/csip", relations=["member_of"])}
    assert seats[("kent/person/whittle-j", "chair")].holds_on("2011-07-01")
    smith = seats[("kent/person/smith-k", "member")]
    assert smith.holds_on("2011-06-22") and not smith.holds_on("2011-07-13")
    # Mr Ferrin only ever sent apologies: his seat is an inference and says so
    ferrin = seats[("kent/person/ferrin", "member")]
    assert ferrin.inferred and "apologies" in ferrin.inferred
    assert seats[("kent/person/maycock-f", "clerk")].attested == ("2011-06-22", "2011-07-13")


def test_minutes_name_forms_resolve_to_the_pack_people(G):
    assert "Mrs Dean" in G.node("kent/person/dean-t").aliases
    assert G.node("kent/person/dean-t").props["honorific"] == "Mrs"
    assert "Mr Wells" in G.node("kent/person/wells-c").aliases
    assert "Mrs Allen" in G.node("kent/person/allen-a").aliases
    assert "Children's Service Improvement Panel" in G.node("kent/csip").aliases
    # 'CSIP' in B1 para 3(9) is the Plan, not the Panel: the Panel's note warns of it
    assert "Improvement Plan (CSIP) hub" in G.node("kent/csip").note


# -- what CSIP receives and where its minutes go ------------------------------------------

def test_reports_received_by_csip(G):
    senders = {f.subject for f in G.in_facts("kent/csip", relations=["informs"])
               if any(s.doc == DOC and s.loc.startswith("CSIP ") for s in f.sources)}
    assert senders == {"kent/post/corporate-director-fsc", "kent/person/exall-d",
                       "kent/person/shkalla-d", "kent/person/marriott-d",
                       "kent/person/bole-p", "kent/person/semens-r"}
    director = _informs(G, "kent/post/corporate-director-fsc", "kent/csip")
    assert director.inferred and director.attested == ("2011-06-22", "2011-07-13")
    assert _informs(G, "kent/person/bole-p", "kent/csip").attested == ("2011-07-13",)


def test_csip_minutes_go_to_cabinet_and_the_scs_posc(G):
    for body in ("kent/cabinet", "kent/scs-pos-committee"):
        fact = _informs(G, "kent/csip", body)
        assert _cites_003(fact, "CSIP 22 June 2011 minute 1.2")


# -- B1: who reports the Improvement Plan, to whom ----------------------------------------

def test_b1_authors_posts_and_report_to_the_posc(G):
    newsam = [f for f in G.out_facts("kent/person/newsam-m", relations=["holds_post"])
              if f.object == "kent/post/corporate-director-fsc"]
    assert len(newsam) == 1 and newsam[0].qualifiers.get("interim") is True
    assert newsam[0].holds_on("2011-09-28")
    for post in ("kent/post/cabinet-member-scs", "kent/post/corporate-director-fsc"):
        fact = _informs(G, post, "kent/scs-pos-committee")
        assert fact.holds_on("2011-09-28") and _cites_003(fact, "B1 ")


def test_improvement_board_endorsed_the_plan_and_receives_programme_reports(G):
    event = G.node("kent/event/improvement-plan-endorsed-2011-04")
    assert event.props["date"] == "2011-04"
    # the Board endorsed the plan (agreed_by); the plan is what the endorsement concerns
    assert [f.object for f in G.out_facts(event.id, relations=["agreed_by"])] == [
        "kent/improvement-board"]
    assert [f.object for f in G.out_facts(event.id, relations=["concerns"])] == [
        "kent/priority/putting-children-first"]
    fact = _informs(G, "kent/improvement-programme", "kent/improvement-board")
    assert _cites_003(fact, "B1 para 9(1)")
    assert "External Improvement Board" in G.node("kent/improvement-board").aliases


# -- Appendix A: the draft Phase 2 Improvement Plan ---------------------------------------

PRIORITY_LEADS = {
    "1": "kent/person/newsam-m",       # Malcolm Newsam
    "2": "kent/person/marriott-d",     # Donna Marriott
    "3": "kent/person/lobban-m",       # Mark Lobban
    "4": "kent/person/pettigrew-a",    # Alastair Pettigrew
    "5": "kent/person/pettigrew-a",
    "6": "kent/person/pettigrew-a",
    "7": "kent/person/imray-j",        # Jean Imray
}


@pytest.mark.parametrize("code, lead", sorted(PRIORITY_LEADS.items()))
def test_priority_lead_of_each_phase2_priority(G, code, lead):
    priority = G.node(f"kent/priority/phase2-{code}")
    assert priority.type == "Priority" and priority.props["code"] == code
    assert _leads(G, priority.id, "priority_lead") == {lead}
    # the plan's period bounds the priorities
    assert priority.valid_from == "2011-09" and priority.valid_to == "2012-02"
    assert priority.holds_on("2011-12") and not priority.holds_on("2012-03")


def test_phase2_priority_texts(G):
    assert G.node("kent/priority/phase2-4").props["text"] == (
        "Improve care planning and outcomes for Looked After Children")
    assert G.node("kent/priority/phase2-6").props["text"] == (
        "Reduce the number of children subject to Child Protection Plans")
    # the three wordings of priority 2 are all kept
    assert "Raise the quality of casework" in G.node("kent/priority/phase2-2").aliases


def _phase2_actions(G):
    return [n for n in G.nodes("Action") if n.id.startswith("kent/action/phase2-")]


def test_every_phase2_action_names_its_priority_and_has_a_delivery_lead(G):
    actions = _phase2_actions(G)
    assert len(actions) == 56  # 1 + 9 + 7 + 16 + 5 + 5 + 13
    for action in actions:
        code = action.props["code"]
        assert re.fullmatch(r"[1-7](\.\d+){1,2}", code), action.id
        assert action.note.startswith(f"action of Priority {code[0]}"), action.id
        leads = [f for f in G.in_facts(action.id, relations=["accountable_for"])
                 if f.role == "delivery_lead"]
        assert leads, action.id
        assert all(f.qualifiers.get("timescale") for f in leads), action.id
    # the plan numbers two different actions 4.1.14
    assert sorted(a.id for a in actions if a.props["code"] == "4.1.14") == [
        "kent/action/phase2-4-1-14", "kent/action/phase2-4-1-14b"]


@pytest.mark.parametrize("action, leads", [
    ("1-1", {"kent/post/head-of-childrens-services"}),
    ("2-1-5", {"kent/person/davies-p", "kent/person/blyth-m"}),
    ("2-1-6", {"kent/person/pettigrew-a"}),
    ("3-2-2", {"kent/person/patient-n"}),
    ("4-1-6", {"kent/person/goodsell-l"}),
    ("4-1-8", {"kent/person/doran-t"}),
    ("4-1-14b", {"kent/person/totman-l"}),
    ("5-1-5", {"kent/person/marriott-d", "kent/post/head-of-service"}),
    ("6-1-2", {"kent/post/head-of-service", "kent/person/marriott-d"}),
    ("7-2-2", {"kent/person/graham-a"}),
    ("7-7-1", {"kent/person/ray-k"}),
    ("7-9-1", {"kent/ics-board"}),
])
def test_delivery_leads_of_actions(G, action, leads):
    assert _leads(G, f"kent/action/phase2-{action}", "delivery_lead") == leads


def test_odd_timescales_are_kept_verbatim_with_a_note(G):
    fact = next(f for f in G.in_facts("kent/action/phase2-7-7-1", relations=["accountable_for"]))
    assert fact.qualifiers["timescale"] == "30 September 2011 – 31 March 2011 (review)"
    assert "before it starts" in fact.note


def test_plan_reporting_lines_with_unnamed_reporters_are_marked_inferred(G):
    for subject, obj in [("kent/person/marriott-d", "kent/scs-divmt"),
                         ("kent/person/marriott-d", "kent/fsc-dmt"),
                         ("kent/person/patient-n", "kent/improvement-board"),
                         ("kent/person/patient-n", "kent/scs-pos-committee"),
                         ("kent/person/goodsell-l", "kent/kcp-board")]:
        assert _informs(G, subject, obj).inferred, (subject, obj)
    # the IRO report's sender and recipient are both stated
    assert not _informs(G, "kent/iro-service", "kent/cssmt").inferred


def test_planned_central_referral_unit_incorporates_the_county_duty_team(G):
    cdt = G.node("kent/county-duty-team")
    assert cdt.valid_from == "2011-05-12"
    assert "Central Duty Team" in cdt.aliases
    part = [f for f in G.out_facts(cdt.id, relations=["part_of"])]
    assert [f.object for f in part] == ["kent/central-referral-unit"]
    assert part[0].qualifiers.get("planned") is True
    subs = {f.subject for f in G.in_facts("kent/kscb", relations=["sub_body_of"])}
    assert {"kent/kscb-performance-sub-group", "kent/kscb-qef-subgroup"} <= subs


# -- the fresh-reader check -----------------------------------------------------------------

def test_csip_meetings_of_26_april_and_17_may_2011_from_the_table_of_dates(G):
    for meeting, date, place in [("kent/meeting/csip-2011-04-26", "2011-04-26", "Waterton Lee"),
                                 ("kent/meeting/csip-2011-05-17", "2011-05-17", "Swale 3")]:
        node = G.node(meeting)
        assert node.props["date"] == date and node.props["place"] == place
        assert node.inferred  # read off a table of dates, not minuted in the pack
        assert [f.object for f in G.out_facts(meeting, relations=["meeting_of"])] == ["kent/csip"]


def test_minute_5_2_concerns_reported_to_named_officers(G):
    for person in ("kent/person/marriott-d", "kent/person/davies-p"):
        fact = _informs(G, "kent/person/shkalla-d", person)
        assert fact.qualifiers.get("planned") is True and _cites_003(fact, "CSIP 22 June 2011 minute 5.2")


def test_kent_police_in_the_planned_multi_agency_referral_centre(G):
    rep = [f for f in G.out_facts("kent/kent-police", relations=["represented_on"])
           if f.object == "kent/central-referral-unit"]
    assert len(rep) == 1 and rep[0].inferred and rep[0].qualifiers.get("planned") is True


@pytest.mark.parametrize("event, who", [
    ("kent/event/ofsted-inspection-2010", "uk/ofsted"),
    ("kent/event/pwc-review-2011", "kent/pwc"),
])
def test_who_carried_out_the_inspection_and_the_review(G, event, who):
    facts = [f for f in G.out_facts(event, relations=["carried_out_by"]) if f.object == who]
    assert facts and any(_cites_003(f, "") for f in facts)


@pytest.mark.parametrize("subject, body", [
    ("kent/event/commissioning-framework-approved-2011", "kent/fsc-dmt"),
    ("kent/event/compelling-offer-approved-2011-05", "kent/county-council"),
    ("kent/action/phase2-6-1-2", "kent/scs-divmt"),
])
def test_who_agreed(G, subject, body):
    assert [f.object for f in G.out_facts(subject, relations=["agreed_by"])] == [body]


def test_plan_structure_core_tasks_and_phase2(G):
    pcf = "kent/priority/putting-children-first"
    core = {f.subject for f in G.in_facts(pcf, relations=["belongs_to"])
            if f.subject.startswith("kent/priority/phase1-core-task-")}
    assert core == {f"kent/priority/phase1-core-task-{n}" for n in range(1, 11)}
    phase2 = "kent/priority/putting-children-first-phase2"
    assert [f.object for f in G.out_facts(phase2, relations=["belongs_to"])] == [pcf]
    assert {f.subject for f in G.in_facts(phase2, relations=["belongs_to"])} == {
        f"kent/priority/phase2-{n}" for n in range(1, 8)}
    assert G.node(phase2).valid_from == "2011-09" and G.node(phase2).valid_to == "2012-02"


@pytest.mark.parametrize("post", ["kent/post/head-of-service", "kent/post/head-of-childrens-services",
                                  "kent/post/detective-superintendent-kent-police"])
def test_job_titles_held_by_several_people_are_shared(G, post):
    assert G.node(post).props.get("shared") is True


@pytest.mark.parametrize("name, node_id", [
    ("Mrs Dean", "kent/person/dean-t"), ("Miss Hohler", "kent/person/hohler"),
    ("Mr Smith", "kent/person/smith-k"), ("Mrs Waters", "kent/person/waters-c"),
    ("Mr Lake", "kent/person/lake-p"), ("Mr Christie", "kent/person/christie"),
    ("Mr Cubitt", "kent/person/cubitt"), ("Mr Ferrin", "kent/person/ferrin"),
    ("Jennifer Maiden-Brooks", "kent/person/maiden-brooks-j"),
    ("Fiona Maycock", "kent/person/maycock-f"), ("Michelle Pennellier", "kent/person/pennellier-m"),
    ("Detective Superintendent Maria Shepherd", "kent/person/shepherd-m"),
    ("Tony Doran", "kent/person/doran-t"), ("Liz Totman", "kent/person/totman-l"),
    ("Paul Brightwell", "kent/person/brightwell-p"), ("Chris Berry", "kent/person/berry-c"),
])
def test_csip_and_plan_name_forms_resolve(G, name, node_id):
    from govgraph.graph.names import resolve
    assert resolve(G, name, ["Person"]).id == node_id
