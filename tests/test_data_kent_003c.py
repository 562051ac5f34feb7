"""Seed 003, lines 1191-2515 (items B2, C1, C2, C3, D1): the governance facts of the reports
to the Specialist Children's Services POSC of 28 September 2011, on the real bundled data.

Register: data/kent-scs/003c-reports-2011.yaml; ledger: docs/coverage.md.
"""

from __future__ import annotations

import pytest

SEED = "003_4604ee4c7e40cf11.txt"
DAY = "2011-09-28"  # the date of the agenda pack the reports belong to


def _facts(G, subject, relation, obj):
    return [f for f in G.out_facts(subject, relations=[relation]) if f.object == obj]


def _one(G, subject, relation, obj):
    found = _facts(G, subject, relation, obj)
    assert found, f"missing fact {subject} {relation} {obj}"
    return found[0]


def _cited(fact, loc_prefix):
    """The fact is sourced to seed 003 at a locator starting with loc_prefix."""
    return any(s.doc == SEED and s.loc.startswith(loc_prefix) for s in fact.sources)


# -- D1: select committees ---------------------------------------------------------------

SELECT_COMMITTEES = [
    ("kent/select-committee-dementia", "Dementia", "kent/person/dean-t"),
    ("kent/select-committee-ks2", "Key Stage 2", "kent/person/wells-c"),
    ("kent/select-committee-student-journey", "Student Journey", "kent/person/smith-k"),
]


@pytest.mark.parametrize("committee, name, chair", SELECT_COMMITTEES)
def test_d1_select_committee_and_its_chair(G, committee, name, chair):
    body = G.node(committee)
    assert body.type == "Body" and body.props["kind"] == "select_committee"
    assert name in body.label
    chaired = _one(G, committee, "chaired_by", chair)
    assert _cited(chaired, "D1 para 1") and chaired.holds_on(DAY)
    seat = _one(G, chair, "member_of", committee)
    assert seat.role == "chair"
    # nobody else chairs it
    assert {f.object for f in G.out_facts(committee, relations=["chaired_by"])} == {chair}


def test_d1_names_exactly_three_select_committees(G):
    named = {n.id for n in G.nodes("Body") if n.props.get("kind") == "select_committee"
             and any(s.doc == SEED and s.loc.startswith("D1") for s in n.sources)}
    assert named == {c for c, _, _ in SELECT_COMMITTEES}


def test_d1_chairs_are_found_by_their_minutes_names(G):
    assert "Mrs T Dean" in G.node("kent/person/dean-t").aliases
    assert "Mr K Smith" in G.node("kent/person/smith-k").aliases
    assert G.node("kent/person/wells-c").label in ("Mr C T Wells", "C T Wells")


def test_d1_final_reports_are_planned_for_cabinet_and_county_council(G):
    dementia_cab = _one(G, "kent/select-committee-dementia", "informs", "kent/cabinet")
    dementia_cc = _one(G, "kent/select-committee-dementia", "informs", "kent/county-council")
    assert dementia_cab.valid_from == "2011-12-05" and dementia_cc.valid_from == "2011-12-15"
    assert dementia_cab.qualifiers.get("planned") is True
    journey_cab = _one(G, "kent/select-committee-student-journey", "informs", "kent/cabinet")
    journey_cc = _one(G, "kent/select-committee-student-journey", "informs", "kent/county-council")
    assert (journey_cab.valid_from, journey_cc.valid_from) == ("2012-04", "2012-05")
    assert _one(G, "kent/select-committee-ks2", "informs", "kent/cabinet").valid_from == "2012-04"


def test_d1_student_journey_cuts_across_three_poscs(G):
    aligned = {f.object for f in G.out_facts("kent/select-committee-student-journey",
                                             relations=["aligned_with"])}
    assert aligned == {"kent/red-posc", "kent/customer-communities-posc", "kent/els-posc"}


def test_d1_democratic_services_contacts(G):
    assert _one(G, "kent/person/singh-c", "member_of", "kent/select-committee-dementia").role == "clerk"
    assert _one(G, "kent/person/frampton-s", "member_of", "kent/select-committee-dementia").role == "adviser"
    assert _one(G, "kent/person/fitch-d", "member_of", "kent/select-committee-ks2").role == "clerk"
    assert _one(G, "kent/person/grayell-t", "member_of",
                "kent/select-committee-student-journey").role == "clerk"
    holds = _one(G, "kent/person/fitch-d", "holds_post", "kent/post/assistant-democratic-services-manager")
    assert holds.holds_on(DAY)


def test_d1_domestic_abuse_review_goes_to_the_scrutiny_board(G):
    meeting = "kent/meeting/customer-communities-posc-2011-07"
    bodies = {f.object for f in G.out_facts(meeting, relations=["meeting_of"])}
    assert bodies == {"kent/customer-communities-posc", "kent/crime-disorder-committee"}
    about = {f.object for f in G.out_facts("kent/event/domestic-abuse-review-proposal",
                                           relations=["concerns"])}
    assert "kent/scrutiny-board" in about
    assert G.node("kent/meeting/scrutiny-board-2011-11-02").props["date"] == "2011-11-02"


# -- report authors (By:) ---------------------------------------------------------------

AUTHORS = [  # (item, post, holder or None)
    ("B2", "kent/post/cabinet-member-scs", "kent/person/whittle-j"),
    ("B2", "kent/post/corporate-director-fsc", "kent/person/newsam-m"),
    ("B2", "kent/post/director-child-health-commissioning", "kent/person/goodsell-l"),
    ("C1", "kent/post/cabinet-member-scs", "kent/person/whittle-j"),
    ("C1", "kent/post/corporate-director-fsc", "kent/person/newsam-m"),
    ("C2", "kent/post/cabinet-member-customer-communities", "kent/person/hill-m"),
    ("C2", "kent/post/corporate-director-customer-communities", "kent/person/honey-a"),
    ("C3", "kent/post/cabinet-member-scs", "kent/person/whittle-j"),
    ("C3", "kent/post/corporate-director-fsc", "kent/person/newsam-m"),
    ("D1", "kent/post/head-of-democratic-services", None),
]


@pytest.mark.parametrize("item, post, holder", AUTHORS)
def test_report_author_posts_inform_the_committee(G, item, post, holder):
    informs = [f for f in _facts(G, post, "informs", "kent/scs-pos-committee")
               if _cited(f, f"{item} header")]
    assert informs, f"{post} does not inform the committee by {item}"
    if holder is not None:
        # other papers may add other, differently dated holds_post facts for the same pair
        holds = [f for f in _facts(G, holder, "holds_post", post) if _cited(f, f"{item} header")]
        assert holds and all(f.holds_on(DAY) for f in holds)


def test_newsam_and_rawlins_are_interim(G):
    newsam = [f for f in _facts(G, "kent/person/newsam-m", "holds_post", "kent/post/corporate-director-fsc")
              if _cited(f, "B2 header")]
    assert newsam and all(f.qualifiers.get("interim") is True for f in newsam)
    rawlins = _one(G, "kent/person/rawlins-j", "holds_post",
                   "kent/post/director-communications-engagement")
    assert rawlins.qualifiers.get("interim") is True


def test_d1_is_by_a_post_without_a_named_holder_in_d1(G):
    holders = [f for f in G.in_facts("kent/post/head-of-democratic-services", relations=["holds_post"])
               if _cited(f, "D1")]
    assert holders == []


# -- B2: CAMHS joint commissioning -------------------------------------------------------

def test_b2_camhs_joint_commissioning_partners(G):
    """The partners take part in the joint arrangement; it is contained in neither (fresh reading)."""
    jc = "kent/camhs-joint-commissioning"
    partners = {f.subject for f in G.in_facts(jc, relations=["represented_on"])}
    assert partners == {"kent/kcc", "kent/nhs-kent-and-medway", "kent/medway"}
    assert not G.out_facts(jc, relations=["part_of"])
    assert G.node(jc).props["composition"] == "multi_agency"
    # Medway's part is read from "through this procurement", so it is marked inferred
    assert _one(G, "kent/medway", "represented_on", jc).inferred
    assert not _one(G, "kent/kcc", "represented_on", jc).inferred


def test_b2_lead_agency_for_each_procurement(G):
    jc = "kent/camhs-joint-commissioning"
    for part, agency, loc in (("1", "kent/kcc", "B2 para 3(2)"),
                              ("2", "kent/nhs-kent-and-medway", "B2 para 3(3)")):
        remit = f"kent/remit/camhs-joint-commissioning-{part}"
        assert _cited(_one(G, jc, "has_remit", remit), loc)
        lead = _one(G, agency, "accountable_for", remit)  # an organisation leads its part
        assert lead.role == "lead" and _cited(lead, loc) and not lead.inferred


def test_b2_decisions_of_cabinet_and_nhs_kent_and_medway(G):
    cabinet = G.node("kent/event/cabinet-camhs-decision-2011-07-18")
    assert cabinet.props["date"] == "2011-07-18"
    assert _facts(G, cabinet.id, "carried_out_by", "kent/cabinet")
    nhs = G.node("kent/event/nhskm-camhs-decision-2011-07-20")
    assert nhs.props["date"] == "2011-07-20"
    assert _facts(G, nhs.id, "carried_out_by", "kent/nhs-kent-and-medway")
    assert _one(G, nhs.id, "carried_out_by", "kent/nhs-kent-and-medway-cluster-board").inferred
    assert _facts(G, "kent/nhs-kent-and-medway-cluster-board", "part_of", "kent/nhs-kent-and-medway")


def test_b2_who_agreed_each_part_of_the_arrangement(G):
    def agreers(remit):
        return {f.object for f in G.out_facts(remit, relations=["agreed_by"])}
    assert agreers("kent/remit/camhs-joint-commissioning-1") == {"kent/cabinet"}
    # Cabinet agreed "the joint commissioning ... of an Integrated Community CAMHS" too (B2 para 1(1))
    assert agreers("kent/remit/camhs-joint-commissioning-2") == {"kent/cabinet", "kent/nhs-kent-and-medway"}
    cabinet = _one(G, "kent/remit/camhs-joint-commissioning-2", "agreed_by", "kent/cabinet")
    assert cabinet.valid_from == "2011-07-18" and _cited(cabinet, "B2 para 1(1)")
    assert agreers("kent/remit/camhs-joint-commissioning-3") == {"kent/cabinet", "kent/nhs-kent-and-medway"}


# -- C1: budget governance ---------------------------------------------------------------

def test_c1_budget_reporting_lines(G):
    assert _facts(G, "kent/scs-pos-committee", "has_remit", "kent/remit/scs-pos-committee-1")
    to_cabinet = _one(G, "kent/fsc-directorate", "informs", "kent/cabinet")
    assert to_cabinet.inferred and _cited(to_cabinet, "C1 para 2(1)a")
    virement = _one(G, "kent/post/leader", "accountable_for", "kent/remit/leader-1")
    assert virement.role == "oversight"
    img = _one(G, "kent/meeting/budget-img-childrens-2011-07-29", "meeting_of", "kent/budget-img-childrens")
    assert _cited(img, "C1 para 3(1)")
    assert G.node("kent/budget-img-childrens").props["formal"] is False


# -- C2: consultation --------------------------------------------------------------------

def test_c2_engagement_team_restructure(G):
    moved = _one(G, "kent/community-engagement-managers-team", "part_of", "kent/cc-directorate")
    assert moved.valid_from == "2011-04"
    assert _facts(G, "kent/community-engagement-managers-team", "succeeded_by",
                  "kent/consultation-engagement-team")
    central = _one(G, "kent/consultation-engagement-team", "has_remit",
                   "kent/remit/consultation-engagement-team-1")
    assert central.valid_from == "2011-09" and central.inferred


LEADS = [
    ("kent/action/consultation-2010-11-1", "kent/person/dillon-r"),
    ("kent/action/consultation-2010-11-2", "kent/person/clifton-s"),
    ("kent/action/consultation-2010-11-3", "kent/person/clarke-v"),
    ("kent/action/consultation-2010-11-3", "kent/person/traynor-c"),
    ("kent/action/consultation-2010-11-4", "kent/person/alderton-t"),
    ("kent/action/consultation-2010-11-9", "kent/person/heather-a"),
    ("kent/action/consultation-2010-11-10", "kent/person/walsh-d"),
    ("kent/remit/young-peoples-advisory-group-1", "kent/person/clifton-s"),
    ("kent/remit/kpscc-1", "kent/person/jenkins-e"),
    ("kent/remit/disabled-childrens-council-1", "kent/person/clarke-v"),
]


@pytest.mark.parametrize("target, person", LEADS)
def test_c2_lead_officers(G, target, person):
    assert _one(G, person, "accountable_for", target).role == "lead"


def test_c2_childrens_trust_reference_panels(G):
    assert _facts(G, "kent/childrens-trust-executive-group", "sub_body_of", "kent/childrens-trust-board")
    informed = {f.object for f in G.out_facts("kent/kct-reference-panels", relations=["informs"])}
    assert informed == {"kent/childrens-trust-board", "kent/childrens-trust-executive-group"}
    assert _facts(G, "kent/young-peoples-advisory-group", "informs", "kent/children-in-care-council")


def test_c2_participation_working_group_partners(G):
    partners = {f.subject for f in G.in_facts("kent/participation-working-group",
                                              relations=["represented_on"])}
    assert partners == {"kent/kent-youth-service", "kent/camhs", "kent/connexions",
                        "kent/kent-parent-partnership-service", "kent/extended-services"}
    assert _facts(G, "kent/participation-working-group", "works_with", "kent/childrens-trust-board")


# -- C3: complaints ----------------------------------------------------------------------

def test_c3_customer_care_team_moved_from_cfe_to_fsc(G):
    now = _one(G, "kent/customer-care-team", "part_of", "kent/fsc-directorate")
    before = _one(G, "kent/customer-care-team", "part_of", "kent/cfe-commissioning-partnerships")
    assert now.holds_on(DAY) and not before.holds_on(DAY)
    assert before.holds_on("2010-10-01")
    assert _facts(G, "kent/cfe-commissioning-partnerships", "part_of", "kent/cfe-directorate")


def test_c3_customer_care_team_reporting_lines(G):
    informed = {f.object for f in G.out_facts("kent/customer-care-team", relations=["informs"])}
    assert {"kent/fsc-dmt", "kent/post/head-of-service", "kent/post/director-scs"} <= informed
    assert _facts(G, "kent/customer-care-team", "works_with", "kent/css-professional-development-unit")
    assert _one(G, "kent/customer-care-team", "informs", "kent/post/director-scs").inferred


def test_c3_statutory_procedure_stages_and_roles(G):
    proc = "kent/scs-complaints-procedure"
    assert G.node(proc).props["statutory"] is True
    stage2, stage3 = "kent/remit/scs-complaints-procedure-2", "kent/remit/scs-complaints-procedure-3"
    assert _facts(G, proc, "has_remit", stage2) and _facts(G, proc, "has_remit", stage3)
    assert _one(G, "kent/complaints-review-panel", "accountable_for", stage3).role == "lead"
    assert _one(G, "kent/post/investigating-officer", "accountable_for", stage2).role == "lead"
    assert _one(G, "kent/post/independent-person", "accountable_for", stage2).role == "oversight"
    assert G.node("kent/post/independent-person").props["statutory"] is True
    assert _facts(G, "kent/complaints-adjudication-meeting", "chaired_by", "kent/post/head-of-service")


def test_c3_corporate_procedure_second_stage(G):
    second = _one(G, "kent/post/head-of-service", "accountable_for",
                  "kent/remit/kcc-corporate-complaints-procedure-2")
    assert second.qualifiers["in_discussion_with"] == "kent/post/customer-care-manager"
    assert G.node("kent/kcc-corporate-complaints-procedure").valid_from == "2009"
    assert _one(G, "kent/person/kitto-a", "holds_post", "kent/post/customer-care-manager").holds_on(DAY)


def test_c3_lessons_learned_reviewed_by_divmt_and_training_board(G):
    reviewers = {f.subject for f in G.in_facts("kent/remit/training-board-1", relations=["has_remit"])}
    assert reviewers == {"kent/scs-divmt", "kent/training-board"}


# -- fresh reading (second review): what was missing or wrong -----------------------------

def test_b2_meetings_and_decisions_of_july_2011(G):
    """The Cluster Board met on 20 July 2011; the Cabinet of 18 July 2011 is the one of B2 and C1."""
    meeting = G.node("kent/meeting/nhs-kent-and-medway-cluster-board-2011-07-20")
    assert meeting.props["date"] == "2011-07-20"
    assert _facts(G, meeting.id, "meeting_of", "kent/nhs-kent-and-medway-cluster-board")
    cabinet_meeting = G.node("kent/meeting/cabinet-2011-07-18")
    assert any(s.doc == SEED and s.loc == "B2 para 1(1)" for s in cabinet_meeting.sources)
    assert any(s.doc == SEED and s.loc.startswith("C1 Appendix 2") for s in cabinet_meeting.sources)
    assert _cited(_one(G, "kent/cabinet", "part_of", "kent/kcc"), "B2 para 1(1)")


def test_b2_exit_letters_to_current_camhs_providers(G):
    notice = G.node("kent/event/camhs-provider-exit-letters-2011-08")
    assert notice.props["kind"] == "notice" and notice.props["date"] == "2011-08"
    assert _facts(G, notice.id, "concerns", "kent/camhs")
    # the paper does not say who sent the letters
    assert not G.out_facts(notice.id, relations=["carried_out_by"])


def test_b2_planned_approvals_are_marked_planned(G):
    for event, who in (("kent/event/camhs-ew-approval-2011-11", "kent/cabinet"),
                       ("kent/event/camhs-cluster-board-approval-2012-03-28",
                        "kent/nhs-kent-and-medway-cluster-board")):
        assert _one(G, event, "carried_out_by", who).qualifiers.get("planned") is True


def test_c1_cabinet_meetings_and_budget_decisions(G):
    sept = G.node("kent/meeting/cabinet-2011-09-21")
    assert sept.props["date"] == "2011-09-21" and sept.inferred  # "21st September": no year
    assert _facts(G, sept.id, "meeting_of", "kent/cabinet")
    june = G.node("kent/meeting/cabinet-2011-06-20")
    assert any(s.doc == SEED and s.loc == "C1 para 4(2)" for s in june.sources)
    roll = "kent/event/cabinet-roll-forwards-2011-06-20"
    assert G.node(roll).props["date"] == "2011-06-20"
    assert _facts(G, roll, "carried_out_by", "kent/cabinet")
    css = "kent/event/cabinet-css-roll-forward-2011-07"
    assert G.node(css).props["date"] == "2011-07"
    assert _facts(G, css, "carried_out_by", "kent/cabinet")
    assert _one(G, css, "concerns", "kent/scs").inferred  # "CSS" is not expanded


def test_c1_further_budget_img_meeting_is_planned_for_september(G):
    planned = _one(G, "kent/meeting/budget-img-childrens-2011-09", "meeting_of",
                   "kent/budget-img-childrens")
    assert planned.qualifiers.get("planned") is True
    assert G.node("kent/meeting/budget-img-childrens-2011-09").props["date"] == "2011-09"


def test_c1_the_leader_is_kents_as_well_as_leicestershires(G):
    from govgraph.graph.names import AmbiguousName, resolve
    assert "Leader" in G.node("kent/post/leader").aliases
    with pytest.raises(AmbiguousName):
        resolve(G, "Leader", ["Post"])
    assert resolve(G, "Leader of Kent County Council", ["Post"]).id == "kent/post/leader"


def test_contracted_providers_kind_is_not_invented(G):
    """The papers say KCC contracts these organisations, not what kind of organisation they are."""
    for org in ("uk/action-for-children", "kent/kent-childrens-fund-network",
                "uk/national-childminding-association"):
        assert G.node(org).props["kind"] == "contracted_provider", org
    nca = G.node("uk/national-childminding-association")
    assert "NCA" in nca.aliases and any(s.loc.startswith("C1") for s in nca.sources)


def test_c2_kpscc_is_chaired_by_the_youth_county_council(G):
    chair = _one(G, "kent/kpscc", "chaired_by", "kent/kent-youth-county-council")
    assert _cited(chair, "C2 Appendix 1 para 3.1") and not chair.inferred
    assert not _facts(G, "kent/kent-youth-county-council", "represented_on", "kent/kpscc")
    remit = _one(G, "kent/kpscc", "has_remit", "kent/remit/kpscc-1")
    assert "chaired_by_body" not in remit.qualifiers
    meeting = G.node("kent/meeting/kpscc-2010-10-07")
    assert meeting.props["date"] == "2010-10-07"
    assert _facts(G, meeting.id, "meeting_of", "kent/kpscc")


def test_c2_lifecycle_bounds_read_from_the_paper(G):
    # "becomes fully operational" in spring 2011 is not a start date
    assert G.node("kent/kppn").valid_from is None
    pbr = G.node("kent/participate-by-right")
    assert pbr.valid_to == "2011-09-30" and pbr.inferred  # "30th September": no year


def test_c2_priorities_for_2011_12_the_committee_comments_on(G):
    parent = G.node("kent/priority/consultation-2011-12")
    assert parent.type == "Priority" and any(s.loc == "C2 para 7" for s in parent.sources)
    children = {f.subject for f in G.in_facts(parent.id, relations=["belongs_to"])}
    assert children == {f"kent/priority/consultation-2011-12-{i}" for i in (1, 2, 3)}
    # no owner is stated, so none is recorded
    for p in (parent.id, *children):
        assert not G.in_facts(p, relations=["accountable_for"]), p


def test_c2_report_director_and_names(G):
    informs = _one(G, "kent/post/director-communications-engagement", "informs",
                   "kent/scs-pos-committee")
    assert _cited(informs, "C2 signature") and informs.holds_on(DAY)
    from govgraph.graph.names import resolve
    assert resolve(G, "Interim Director of Communications and Engagement", ["Post"]).id == \
        "kent/post/director-communications-engagement"
    assert resolve(G, "Children's Specialist Services", ["Body"]).id == "kent/scs"


def test_c3_quality_assurance_framework_and_improvement_plan(G):
    task6 = G.node("kent/priority/phase1-core-task-6")
    assert any(s.doc == SEED and s.loc == "C3 para 12(10)" for s in task6.sources)
    plan = G.node("kent/priority/putting-children-first")
    assert any(s.doc == SEED and s.loc == "C3 para 10(3)" for s in plan.sources)
    assert "Division" in (G.node("kent/scs").note or "")


def test_d1_county_council_and_planned_december_meetings(G):
    assert _one(G, "kent/county-council", "part_of", "kent/kcc").inferred
    cab = _one(G, "kent/meeting/cabinet-2011-12-05", "meeting_of", "kent/cabinet")
    cc = _one(G, "kent/meeting/county-council-2011-12-15", "meeting_of", "kent/county-council")
    assert cab.qualifiers.get("planned") is True and cc.qualifiers.get("planned") is True


def test_d1_crime_and_disorder_committee_and_scrutiny_board(G):
    cdc = G.node("kent/crime-disorder-committee")
    assert cdc.props["composition"] == "member_led" and cdc.inferred
    assert _facts(G, cdc.id, "part_of", "kent/kcc")
    refer = _one(G, "kent/customer-communities-posc", "refers_to", "kent/scrutiny-board")
    assert refer.inferred and _cited(refer, "D1 para 2")


def test_c2_restructure_of_communications_and_engagement(G):
    event = "kent/event/communications-engagement-restructure-2011"
    assert G.node(event).props["kind"] == "restructure"
    about = {f.object for f in G.out_facts(event, relations=["concerns"])}
    assert about == {"kent/communications-engagement-division", "kent/community-engagement-managers-team"}
    assert not G.out_facts(event, relations=["carried_out_by"])  # who decided it is not stated


def test_every_report_is_addressed_to_the_meeting_of_28_september(G):
    meeting = G.node("kent/meeting/scs-pos-committee-2011-09-28")
    cited = {s.loc for s in meeting.sources if s.doc == SEED}
    assert {"B2 header", "C1 header", "C2 header", "C3 header", "D1 header"} <= cited
    assert G.node("kent/budget-img-childrens").inferred  # member_led is read off the name


def test_c3_kcc_commissions_advocacy_and_the_independent_person(G):
    afc = _one(G, "kent/kcc", "commissions", "uk/action-for-children")
    assert afc.qualifiers["for"] == ["the Independent Person in Stage Two complaint investigations",
                                     "advocacy for Children in Need"]
    assert _cited(afc, "C3 para 4(4)") and _cited(afc, "C3 para 8(1)") and not afc.inferred
    upfront = _one(G, "kent/kcc", "commissions", "kent/upfront")
    assert upfront.qualifiers["for"] == ["advocates for Looked After Children"]
    # Voice is named as a service children approached, with no contract stated.
    assert not _facts(G, "kent/kcc", "commissions", "uk/voice")
    remit = _one(G, "kent/scs-complaints-procedure", "has_remit",
                 "kent/remit/scs-complaints-procedure-4")
    assert remit.qualifiers == {}  # the providers are the commissions facts, not a qualifier


def test_c1_c2_contracts_whose_holder_is_inferred(G):
    nca = _one(G, "kent/kcc", "commissions", "uk/national-childminding-association")
    assert nca.inferred and _cited(nca, "C1 Appendix 1 para 1.1.3.1")
    kcfn = _one(G, "kent/kcc", "commissions", "kent/kent-childrens-fund-network")
    assert kcfn.qualifiers["for"] == ["to train practitioners in meaningful participation practice"]
    assert kcfn.inferred and "We have commissioned" in kcfn.inferred
