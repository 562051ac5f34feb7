"""Seed 003, lines 1-588: the SCS Policy Overview and Scrutiny Committee (membership, minutes of
21 June 2011) and the Corporate Parenting Panel (minutes of 21 June and 31 August 2011).

Data: data/kent-scs/003a-committee-and-cpp-2011.yaml; ledger: docs/coverage.md.
"""

from __future__ import annotations

import pytest

SEED = "003_4604ee4c7e40cf11.txt"
POSC = "kent/scs-pos-committee"
POSC_JUNE = "kent/meeting/scs-pos-committee-2011-06-21"
CPP = "kent/cpp"
CPP_JUNE = "kent/meeting/cpp-2011-06-21"
CPP_AUG = "kent/meeting/cpp-2011-08-31"

CONSERVATIVES = {"allen-a", "angell-m", "cole-p", "craske-h", "gates-t", "kirby-j", "manion-s",
                 "northey-m", "ozog-j", "wells-c"}


def p(slug: str) -> str:
    return f"kent/person/{slug}"


def attendees(G, meeting: str, roles: set[str]) -> set[str]:
    return {f.subject for f in G.in_facts(meeting, ["attended"]) if f.role in roles}


def members_on(G, body: str, on: str) -> dict[str, set[str]]:
    """Person id -> roles of the person's member_of facts to the body that hold on the date."""
    seats: dict[str, set[str]] = {}
    for f in G.in_facts(body, ["member_of"]):
        if f.holds_on(on):
            seats.setdefault(f.subject, set()).add(f.role)
    return seats


def test_committee_is_a_formal_member_led_scrutiny_committee(G):
    node = G.node(POSC)
    assert node.type == "Body"
    assert node.label == "Specialist Children's Services Policy Overview and Scrutiny Committee"
    assert node.props["kind"] == "scrutiny_committee"
    assert node.props["formal"] is True
    assert node.props["composition"] == "member_led"
    assert any(s.doc == SEED for s in node.sources)
    assert {f.object for f in G.out_facts(POSC, ["part_of"])} == {"kent/kcc"}


def test_committee_chair_and_vice_chair(G):
    chairs = [f for f in G.out_facts(POSC, ["chaired_by"])]
    assert [f.object for f in chairs] == [p("allen-a")]
    assert chairs[0].holds_on("2011-06-21") and chairs[0].holds_on("2011-09-28")
    seats = G.in_facts(POSC, ["member_of"])
    chair = [f for f in seats if f.role == "chair"]
    vice = [f for f in seats if f.role == "vice_chair"]
    assert [f.subject for f in chair] == [p("allen-a")]
    assert [f.subject for f in vice] == [p("vye-m")]
    # Mr Vye was elected Vice-Chairman at the meeting of 21 June 2011 (minute 3)
    assert vice[0].valid_from == "2011-06-21"
    assert not vice[0].holds_on("2011-06-20")
    assert vice[0].holds_on("2011-09-28")
    assert any("minute 3" in s.loc for s in vice[0].sources)


def test_party_of_each_committee_member(G):
    parties = {f.subject: f.party for f in G.in_facts(POSC, ["member_of"])
               if f.role in {"chair", "vice_chair", "member"} and f.holds_on("2011-09-28")}
    expected = {p(s): "Conservative" for s in CONSERVATIVES}
    expected[p("vye-m")] = "Liberal Democrat"
    expected[p("green-e-mr")] = "Labour"
    assert parties == expected
    assert len(parties) == 12  # "Membership (12)"


def test_who_substituted_for_whom_on_21_june_2011(G):
    subs = [f for f in G.in_facts(POSC_JUNE, ["attended"]) if f.role == "substitute"]
    assert [(f.subject, f.qualifiers.get("for")) for f in subs] == [(p("koowaree-s"), p("vye-m"))]
    seat = [f for f in G.in_facts(POSC, ["member_of"]) if f.role == "substitute"]
    assert [(f.subject, f.qualifiers.get("for")) for f in seat] == [(p("koowaree-s"), p("vye-m"))]
    # the member substituted for was absent, and so was the Labour member
    present = attendees(G, POSC_JUNE, {"chair", "member", "substitute"})
    assert p("vye-m") not in present and p("green-e-mr") not in present


def test_committee_present_also_present_and_in_attendance_21_june_2011(G):
    assert attendees(G, POSC_JUNE, {"chair"}) == {p("allen-a")}
    assert attendees(G, POSC_JUNE, {"member"}) == {p(s) for s in CONSERVATIVES - {"allen-a"}}
    assert attendees(G, POSC_JUNE, {"also_present"}) == {p("lake-p"), p("whittle-j")}
    assert attendees(G, POSC_JUNE, {"in_attendance"}) == {
        p("newsam-m"), p("pettigrew-a"), p("grayell-t"),           # the IN ATTENDANCE list
        p("adams-f"), p("whittle-d"), p("fitzgerald-r"), p("goldsmith-m")}  # for single items
    meeting = G.node(POSC_JUNE)
    assert meeting.props["date"] == "2011-06-21"
    assert "Darent Room" in meeting.props["place"]


def test_interim_officers_hold_their_posts(G):
    newsam = [f for f in G.out_facts(p("newsam-m"), ["holds_post"])
              if f.object == "kent/post/corporate-director-fsc"]
    assert len(newsam) == 1 and newsam[0].qualifiers.get("interim") is True
    assert newsam[0].holds_on("2011-06-21")
    pettigrew = [f for f in G.out_facts(p("pettigrew-a"), ["holds_post"])
                 if f.object == "kent/post/director-scs"]
    assert len(pettigrew) == 1 and pettigrew[0].qualifiers.get("interim") is True
    assert pettigrew[0].holds_on("2011-06-21") and pettigrew[0].holds_on("2011-08-31")


def test_cpp_members_present_21_june_2011(G):
    assert attendees(G, CPP_JUNE, {"chair"}) == {p("allen-a")}
    assert attendees(G, CPP_JUNE, {"member"}) == {
        p(s) for s in ("brookbank-r", "cole-p", "cooke-g", "lake-p", "pugh-k", "ridings-l",
                       "whittle-j", "griffiths-s", "razey-g")}
    assert p("kerswell-k") in attendees(G, CPP_JUNE, {"in_attendance"})
    meeting = G.node(CPP_JUNE)
    assert meeting.props["place"].startswith("Swale 3")
    assert {f.object for f in G.out_facts(CPP_JUNE, ["meeting_of"])} == {CPP}


def test_cpp_members_present_31_august_2011(G):
    assert attendees(G, CPP_AUG, {"chair"}) == {p("allen-a")}
    assert attendees(G, CPP_AUG, {"member"}) == {
        p(s) for s in ("brookbank-r", "cole-p", "green-e-mrs", "lake-p", "pugh-k", "ridings-l",
                       "waters-c", "whiting-m", "whittle-j")}
    assert attendees(G, CPP_AUG, {"in_attendance"}) >= {
        p("pettigrew-a"), p("totman-l"), p("brightwell-p"), p("doran-t"), p("bridgland-b"),
        p("grayell-t"), p("glenn-v"), p("vickers-t"), p("tucker-i"), p("berry-c")}
    assert G.node(CPP_AUG).props["place"].startswith("Swale 1")


def test_cpp_chair_on_both_dates(G):
    chair = [f for f in G.out_facts(CPP, ["chaired_by"]) if f.object == p("allen-a")]
    assert chair and all(any(f.holds_on(d) for f in chair) for d in ("2011-06-21", "2011-08-31"))
    assert "chair" in members_on(G, CPP, "2011-08-31")[p("allen-a")]


def test_cpp_co_opted_members_and_a_resignation(G):
    seats = members_on(G, CPP, "2011-08-31")
    assert seats[p("carpenter-t")] == {"co_opted"}
    assert seats[p("duncan-a")] == {"co_opted"}
    duncan = [f for f in G.out_facts(p("duncan-a"), ["member_of"]) if f.object == CPP][0]
    assert duncan.qualifiers.get("represents") == "kent/children-in-care-council"
    carpenter = [f for f in G.out_facts(p("carpenter-t"), ["member_of"]) if f.object == CPP][0]
    assert carpenter.qualifiers.get("capacity") == "Foster Carer"
    # Alan Barham (Head Teacher) resigned: his seat ends with the meeting that noted it
    barham = [f for f in G.out_facts(p("barham-a"), ["member_of"]) if f.object == CPP]
    assert len(barham) == 1 and barham[0].valid_to == "2011-08-31" and barham[0].inferred
    assert not barham[0].holds_on("2011-09-01")


def test_two_e_greens_are_kept_apart(G):
    mr, mrs = G.node(p("green-e-mr")), G.node(p("green-e-mrs"))
    assert mr.props["honorific"] == "Mr" and mrs.props["honorific"] == "Mrs"
    assert mr.note and mrs.note and "green-e-mrs" in mr.note and "green-e-mr" in mrs.note
    assert {f.object for f in G.out_facts(mr.id, ["member_of"])} == {POSC}
    assert {f.object for f in G.out_facts(mrs.id, ["member_of"])} == {CPP}


def test_minutes_of_the_panels_flow_to_the_committee(G):
    into_posc = {f.subject for f in G.in_facts(POSC, ["informs"])}
    assert {CPP, "kent/csip", "kent/post/cabinet-member-scs"} <= into_posc
    csip = [f for f in G.in_facts(POSC, ["informs"]) if f.subject == "kent/csip"][0]
    assert any("minute 9" in s.loc for s in csip.sources)
    # and the committee made recommendations to Cabinet on 21 June 2011
    refers = [f for f in G.out_facts(POSC, ["refers_to"]) if f.object == "kent/cabinet"]
    assert len(refers) == 1 and len(refers[0].sources) == 2


def test_who_reports_to_the_corporate_parenting_panel(G):
    into_cpp = {f.subject for f in G.in_facts(CPP, ["informs"])}
    assert {"kent/post/head-teacher-vsk", "kent/post/policy-performance-manager-lac",
            "kent/post/director-scs", "kent/post/head-of-corporate-parenting",
            "kent/post/county-manager-adoption", "kent/post/fostering-county-manager",
            "kent/post/senior-press-officer", "kent/post/head-of-attendance-behaviour-service",
            "kent/post/directorate-manager-governance", "kent/post/cabinet-member-scs"} <= into_cpp
    # the Cabinet Member's oral update is a standing item from 31 August 2011
    oral = [f for f in G.in_facts(CPP, ["informs"]) if f.subject == "kent/post/cabinet-member-scs"
            and f.valid_from == "2011-08-31"]
    assert len(oral) == 1 and not oral[0].holds_on("2011-08-30")


def test_cpp_first_meeting_and_vsk_launch(G):
    first = G.node("kent/meeting/cpp-2011-04-27")
    assert first.props["date"] == "2011-04-27" and "first" in first.note
    assert {f.object for f in G.out_facts(first.id, ["meeting_of"])} == {CPP}
    vsk = G.node("kent/vsk")
    assert vsk.valid_from == "2011-05-23"
    assert {f.object for f in G.out_facts("kent/post/head-teacher-vsk", ["post_in"])} == {"kent/vsk"}
    assert {f.object for f in G.out_facts("kent/youth-offending-service", ["part_of"])} == \
        {"kent/kent-youth-service"}


@pytest.mark.parametrize("alias, node_id", [
    ("Mrs A D Allen", "kent/person/allen-a"),
    ("Mr S J G Koowaree", "kent/person/koowaree-s"),
    ("Mr A Pettigrew", "kent/person/pettigrew-a"),
    ("Theresa Grayell", "kent/person/grayell-t"),
    ("Miss T Grayell", "kent/person/grayell-t"),
    ("SCS POSC", POSC),
    ("Staff Advisory Group Panel", "kent/staff-advisory-group"),
])
def test_minutes_name_forms_are_recorded(G, alias, node_id):
    node = G.node(node_id)
    assert alias == node.label or alias in node.aliases


# -- the fresh-reader check: relations the schema gained after the first curation ---------

def test_martin_narey_carried_out_the_adoption_review(G):
    review = "kent/event/narey-adoption-review"
    assert {f.object for f in G.out_facts(review, ["carried_out_by"])} == {p("narey-m")}
    # his report was to go to the full County Council on 20 October 2011 (planned)
    to_council = [f for f in G.out_facts(p("narey-m"), ["informs"])
                  if f.object == "kent/county-council"]
    assert len(to_council) == 1 and to_council[0].qualifiers.get("planned") is True
    assert any("minute 19" in s.loc for s in to_council[0].sources)


def test_children_in_care_council_is_represented_on_the_panel(G):
    rep = [f for f in G.out_facts("kent/children-in-care-council", ["represented_on"])
           if f.object == CPP]
    assert len(rep) == 1 and rep[0].holds_on("2011-08-31")
    assert any("minute 15" in s.loc for s in rep[0].sources)


@pytest.mark.parametrize("event, body, date", [
    ("kent/event/boarding-scheme-endorsed-2011-06-21", POSC, "2011-06-21"),
    ("kent/event/lac-strategy-endorsed-2011-06-21", CPP, "2011-06-21"),
    ("kent/event/pqa-frameworks-endorsed-2011-08-31", CPP, "2011-08-31"),
])
def test_decisions_of_the_committee_and_the_panel(G, event, body, date):
    node = G.node(event)
    assert node.type == "Event" and node.props["kind"] == "decision"
    assert node.props["date"] == date
    assert [f.object for f in G.out_facts(event, ["agreed_by"])] == [body]


def test_fostering_team_works_with_virtual_school_kent(G):
    ww = [f for f in G.out_facts("kent/fostering-team", ["works_with"])]
    assert [f.object for f in ww] == ["kent/vsk"] and ww[0].holds_on("2011-08-31")
    post_in = [f for f in G.out_facts("kent/post/fostering-county-manager", ["post_in"])]
    assert [f.object for f in post_in] == ["kent/fostering-team"] and post_in[0].inferred


def test_camhs_failings_tied_to_the_2010_inspection_only_as_an_inference(G):
    fact = [f for f in G.out_facts("kent/event/ofsted-inspection-2010", ["concerns"])
            if f.object == "kent/camhs"]
    assert len(fact) == 1 and fact[0].inferred


@pytest.mark.parametrize("name, node_id", [
    # every name form the 21 June / 31 August 2011 minutes use resolves to the right person
    ("Mr M J Vye", "kent/person/vye-m"), ("Mr Vye", "kent/person/vye-m"),
    ("Mr S J G Koowaree", "kent/person/koowaree-s"), ("Mr Koowaree", "kent/person/koowaree-s"),
    ("Mr C T Wells", "kent/person/wells-c"), ("Mr Wells", "kent/person/wells-c"),
    ("Mr Whittle", "kent/person/whittle-d"), ("Mr D Whittle", "kent/person/whittle-d"),
    ("Mrs Whittle", "kent/person/whittle-j"), ("Mr E Green", "kent/person/green-e-mr"),
    ("Mrs E Green", "kent/person/green-e-mrs"), ("Mr L B Ridings, MBE", "kent/person/ridings-l"),
    ("Mr Cowan", "kent/person/cowan"), ("Mr G Cooke", "kent/person/cooke-g"),
    ("Mrs Carpenter", "kent/person/carpenter-t"), ("Mr Duncan", "kent/person/duncan-a"),
    ("Mr Barham", "kent/person/barham-a"), ("Ms K Kerswell", "kent/person/kerswell-k"),
    ("Mr Brightwell", "kent/person/brightwell-p"), ("Mrs Totman", "kent/person/totman-l"),
    ("Mr Doran", "kent/person/doran-t"), ("Mrs Glenn", "kent/person/glenn-v"),
    ("Mrs Vickers", "kent/person/vickers-t"), ("Mr Tucker", "kent/person/tucker-i"),
    ("Mr Berry", "kent/person/berry-c"), ("Miss Goldsmith", "kent/person/goldsmith-m"),
    ("Miss Adams", "kent/person/adams-f"), ("Mr Newsam", "kent/person/newsam-m"),
    ("Liz Railton", "kent/person/railton-l"), ("Martin Narey", "kent/person/narey-m"),
])
def test_minutes_name_forms_resolve(G, name, node_id):
    from govgraph.graph.names import resolve
    assert resolve(G, name, ["Person"]).id == node_id
