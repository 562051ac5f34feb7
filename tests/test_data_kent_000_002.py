"""The governance recorded from Kent seeds 000 (April 2014), 001 (December 2014) and 002 (March 2011).

Each test checks facts the papers state, on the real bundled data (the ``G`` fixture).
"""

from __future__ import annotations

SEED_000 = "000_ec8d6a74a8fff0cc.txt"
SEED_001 = "001_0c43ad1004d35b3c.txt"
SEED_002 = "002_10b9499a02adb0d4.txt"


def _objects(G, subject, relation, on=None, **match):
    return {f.object for f in G.out_facts(subject, [relation])
            if (on is None or G.holds(f, on)) and all(getattr(f, k) == v for k, v in match.items())}


def _subjects(G, obj, relation, on=None, **match):
    return {f.subject for f in G.in_facts(obj, [relation])
            if (on is None or G.holds(f, on)) and all(getattr(f, k) == v for k, v in match.items())}


def _docs(fact_or_node):
    return {s.doc for s in fact_or_node.sources}


def _ids_named(G, name):
    return {n.id for n in G.nodes() if n.label == name or name in n.aliases}


def test_cabinet_member_scs_holders_over_time(G):
    post = "kent/post/cabinet-member-scs"
    assert _subjects(G, post, "holds_post", on="2011-03-30") == {"kent/person/whittle-j"}
    assert "kent/person/whittle-j" in _subjects(G, post, "holds_post", on="2014-04-22")
    assert "kent/person/oakford-p" not in _subjects(G, post, "holds_post", on="2014-04-22")
    assert _subjects(G, post, "holds_post", on="2014-12-03") == {"kent/person/oakford-p"}
    whittle = next(f for f in G.out_facts("kent/person/whittle-j", ["holds_post"]) if f.object == post)
    assert {SEED_000, SEED_002} <= _docs(whittle)


def test_csip_is_an_informal_member_panel_chaired_by_the_cabinet_member(G):
    csip = G.node("kent/csip")
    assert csip.props["formal"] is False and csip.props["composition"] == "member_led"
    assert csip.valid_from == "2011-04"
    assert "kent/person/whittle-j" in _objects(G, "kent/csip", "chaired_by", on="2014-04-22")
    # the options' numbering differs between the Summary and section 7: recorded, not chosen
    assert "Summary" in csip.note and "section 7" in csip.note
    remits = _objects(G, "kent/csip", "has_remit")
    assert {"kent/remit/csip-1", "kent/remit/csip-2", "kent/remit/csip-3"} <= remits


def test_programme_board_informs_improvement_board_and_csip(G):
    assert {"kent/csip", "kent/improvement-board"} <= _objects(G, "kent/programme-board", "informs")
    assert G.node("kent/programme-board").props["composition"] == "officer_led"
    assert "kent/person/ireland-a" in _objects(G, "kent/programme-board", "chaired_by")
    assert "kent/post/sro-improvement-programme" in _objects(G, "kent/person/ireland-a", "holds_post")
    assert "kent/programme-board" in _objects(G, "kent/improvement-programme", "reports_to")


def test_improvement_board_lifecycle_chair_and_appointment(G):
    board = G.node("kent/improvement-board")
    assert (board.valid_from, board.valid_to) == ("2011-02-21", "2013-10-21")
    assert board.props["composition"] == "multi_agency"
    assert "kent/person/railton-l" in _objects(G, "kent/improvement-board", "chaired_by", on="2012-06-01")
    assert not _objects(G, "kent/improvement-board", "chaired_by", on="2014-06-01")
    assert _objects(G, "kent/person/railton-l", "appointed_by") == {"uk/dfe"}
    assert "kent/improvement-board" in _objects(G, "kent/adoption-sub-group", "sub_body_of")
    meetings = _subjects(G, "kent/improvement-board", "meeting_of")
    assert {"kent/meeting/improvement-board-2011-02-21", "kent/meeting/improvement-board-2013-10-21"} <= meetings


def test_improvement_notice_issued_revised_lifted(G):
    dates = {e: G.node(e).props["date"] for e in ("kent/event/improvement-notice-issued",
                                                   "kent/event/improvement-notice-revised",
                                                   "kent/event/improvement-notice-lifted")}
    assert dates == {"kent/event/improvement-notice-issued": "2011-01",
                     "kent/event/improvement-notice-revised": "2012",
                     "kent/event/improvement-notice-lifted": "2013-12"}
    for event in dates:
        assert G.node(event).props["kind"] == "improvement_notice"
        assert "kent/kcc" in _objects(G, event, "concerns")


def test_directorates_renamed_on_1_april_2014_found_under_both_names(G):
    for old, new, old_name, new_name in (
            ("kent/fsc-directorate", "kent/schw-directorate", "Families and Social Care",
             "Social Care Health and Wellbeing"),
            ("kent/els-directorate", "kent/eyp-directorate", "ELS", "EYP")):
        assert _ids_named(G, old_name) == {old}
        assert _ids_named(G, new_name) == {new}
        (rename,) = [f for f in G.out_facts(old, ["renamed_to"]) if f.object == new]
        assert rename.valid_from == "2014-04-01"
        assert G.node(old).valid_to == "2014-03-31" and G.node(new).valid_from == "2014-04-01"
        assert G.node(old).holds_on("2014-03") and not G.node(old).holds_on("2014-04")
    post_rename = G.out_facts("kent/post/corporate-director-fsc", ["renamed_to"])
    assert [f.object for f in post_rename] == ["kent/post/corporate-director-schw"]
    assert post_rename[0].inferred  # the post's renaming is read off the directorate's


def test_ofsted_action_plan_updates_go_to_cpp_csip_and_kicsb(G):
    receivers = {f.object for f in G.facts("informs")
                 if any(s.doc == SEED_001 and s.loc == "1.7" for s in f.sources)}
    assert receivers == {"kent/cpp", "kent/csip", "kent/kicsb"}


def test_kicsb_chair_and_statutory_dcs_and_lmcs(G):
    assert "kent/person/whittle-j" in _objects(G, "kent/kicsb", "chaired_by", on="2014-04-22")
    assert G.node("kent/post/dcs").props["statutory"] is True
    assert G.node("kent/post/lmcs").props["statutory"] is True
    assert "kent/post/lmcs" in _objects(G, "kent/person/whittle-j", "holds_post", on="2014-04-22")
    assert {"kent/post/dcs", "kent/post/corporate-director-schw"} <= \
        _objects(G, "kent/person/ireland-a", "holds_post", on="2014-04-22")
    members = _subjects(G, "kent/kicsb", "member_of", role="member")
    assert {"kent/person/carter-p", "kent/person/ireland-a", "kent/post/corporate-director-education",
            "kent/post/cabinet-member-education-ls"} <= members
    assert "kent/post/leader" in _objects(G, "kent/person/carter-p", "holds_post")
    assert {"kent/remit/kicsb-1", "kent/remit/kicsb-2"} <= _objects(G, "kent/kicsb", "has_remit")


def test_cpp_formal_chaired_by_deputy_cabinet_member_and_linked_to_kcpg(G):
    cpp = G.node("kent/cpp")
    assert cpp.props["formal"] is True and cpp.props["composition"] == "member_led"
    assert "kent/person/allen-a" in _objects(G, "kent/cpp", "chaired_by", on="2014-04-22")
    assert "kent/post/deputy-cabinet-member-scs" in _objects(G, "kent/person/allen-a", "holds_post",
                                                             on="2014-04-22")
    assert {f"kent/remit/cpp-{i}" for i in range(1, 6)} <= _objects(G, "kent/cpp", "has_remit")
    assert any(f.object == "kent/kcpg" for f in G.out_facts("kent/cpp", ["aligned_with"]))
    minutes = [f for f in G.out_facts("kent/kcpg", ["informs"]) if f.object == "kent/cpp"]
    assert minutes and minutes[0].qualifiers.get("what") == "minutes"
    assert {"kent/kscb", "kent/childrens-trust-board"} <= _subjects(G, "kent/cpp", "informs")
    assert "kent/action/align-cpp-kcpg" in _objects(G, "kent/person/brightwell-p", "accountable_for")


def test_transformation_governance(G):
    assert "kent/portfolio-board-0-25" in _objects(G, "kent/transformation-board", "reports_to")
    assert "kent/person/ireland-a" in _objects(G, "kent/transformation-board", "chaired_by")
    members = _subjects(G, "kent/transformation-board", "member_of", on="2014-04-22")
    assert {"kent/post/cabinet-member-scs", "kent/post/director-scs", "kent/post/ad-safeguarding",
            "kent/post/ad-north", "kent/post/ad-south", "kent/post/ad-east", "kent/post/ad-west"} <= members
    attendees = _subjects(G, "kent/portfolio-board-0-25", "member_of", role="attendee")
    assert {"kent/post/director-scs", "kent/post/head-strategic-commissioning-childrens"} <= attendees
    assert "kent/portfolio-0-25" in _objects(G, "kent/transformation-programme", "part_of")


def test_kscb_independent_chair_and_executive_group_scrutiny(G):
    assert "kent/person/rigg-g" in _objects(G, "kent/kscb", "chaired_by", on="2014-04-22")
    assert _objects(G, "kent/person/rigg-g", "appointed_by") == {"kent/kscb"}
    assert "kent/kscb" in _objects(G, "kent/kscb-executive-group", "sub_body_of")
    assert "kent/kcc" in _objects(G, "kent/kscb-executive-group", "scrutinises")


def test_2011_priorities_reviewed_by_the_board_and_delivered_by_officers(G):
    themes = {n.id for n in G.nodes("Priority") if n.id.startswith("kent/priority/2011-theme-")}
    assert len(themes) == 6
    assert {G.node(t).props["code"] for t in themes} == {"1", "2", "3", "4", "5", "6"}
    assert themes <= _objects(G, "kent/improvement-board", "accountable_for", role="oversight")
    assert themes <= _objects(G, "kent/post/improvement-task-officer", "accountable_for",
                              role="delivery_lead")
    assert "kent/post/improvement-task-officer" in _objects(G, "kent/improvement-board", "holds_to_account")
    assert "kent/priority/putting-children-first" in _objects(G, "kent/improvement-board", "accountable_for")


def test_2011_acting_managing_director_reports_to_the_posc(G):
    (holds,) = [f for f in G.out_facts("kent/person/newsam-m", ["holds_post"])
                if f.object == "kent/post/md-cfe"]
    assert holds.qualifiers.get("acting") is True and holds.attested == ("2011-03-30",)
    assert "kent/vcp-pos-committee" in _objects(G, "kent/post/md-cfe", "informs")
    assert "kent/vcp-pos-committee" in _objects(G, "kent/post/cabinet-member-scs", "informs", on="2011-03-30")


def test_improvement_plan_2014_16_agreed_by_scsdivmt(G):
    event = G.node("kent/event/improvement-plan-2014-16-agreed")
    assert event.props["date"] == "2014-08"
    assert _objects(G, event.id, "agreed_by") == {"kent/scs-divmt"}
    assert "kent/priority/improvement-plan-2014-16" in _objects(G, event.id, "concerns")
    # the decision event is not "about" SCSDivMT: the old workaround is gone
    assert "kent/scs-divmt" not in _objects(G, event.id, "concerns")
    plan = "kent/priority/improvement-plan-2014-16"
    assert _objects(G, plan, "agreed_by", on="2014-09-01") == {"kent/scs-divmt"}
    assert not _objects(G, plan, "agreed_by", on="2014-07-01")  # agreed in August 2014
    assert G.node(plan).valid_to == "2016-04"
    themes = {f"kent/priority/improvement-plan-2014-16-{i}" for i in range(1, 6)}
    assert _subjects(G, plan, "belongs_to") >= themes
    for theme in themes:
        assert _objects(G, theme, "belongs_to") == {plan}
        assert not _subjects(G, theme, "concerns")  # themes hang off the plan, not the event


def test_inspections_and_reviews_are_dated_events(G):
    expected = {
        "kent/event/ofsted-inspection-2010": "inspection",
        "kent/event/ofsted-adoption-inspection-2012": "inspection",
        "kent/event/ofsted-fostering-inspection-2012": "inspection",
        "kent/event/ofsted-safeguarding-inspection-2013": "inspection",
        "kent/event/ofsted-adoption-support-inspection-2013": "inspection",
        "kent/event/ofsted-cic-inspection-2013": "inspection",
        "kent/event/ofsted-cse-thematic-inspection-2014": "inspection",
        "kent/event/improvement-notice-assurance-review": "review",
        "kent/event/annex-a-peer-review-2014": "peer_review",
    }
    for event, kind in expected.items():
        node = G.node(event)
        assert node.props["kind"] == kind and node.props.get("date"), event
    # the papers disagree on two dates: both are kept in a note
    assert "June" in G.node("kent/event/improvement-notice-assurance-review").note
    assert "summer" in G.node("kent/event/annex-a-peer-review-2014").note
    assert "October" in G.node("kent/event/ofsted-inspection-2010").note


def test_terms_of_reference_are_one_remit_per_bullet_with_text_and_topics(G):
    counts = {"kent/csip": 5, "kent/cpp": 5, "kent/kicsb": 2, "kent/kcpg": 4}
    for body, n in counts.items():
        prefix = body.replace("kent/", "kent/remit/") + "-"
        remits = [G.node(r) for r in _objects(G, body, "has_remit") if r.startswith(prefix)
                  and any(s.doc == SEED_000 for s in G.node(r).sources)]
        assert len(remits) == n, body
        for remit in remits:
            assert remit.props.get("text") and remit.props.get("topics"), remit.id
    assert "corporate parenting" in G.node("kent/remit/cpp-5").props["topics"]


# -- the relations added to the schema since the first reading ---------------------------

OWN_FILES = ("000-post-improvement.yaml", "001-ofsted-action-plans.yaml",
             "002-improvement-priorities-2011.yaml")


def _own_node_ids():
    import yaml
    from govgraph.data import bundled_data_dir
    ids = []
    for name in OWN_FILES:
        data = yaml.safe_load((bundled_data_dir() / "kent-scs" / name).read_text(encoding="utf-8"))
        ids += [n["id"] for n in data["nodes"]]
    return ids


def test_every_inspection_review_and_notice_says_who_carried_it_out(G):
    expected = {
        "kent/event/ofsted-inspection-2010": {"uk/ofsted"},
        "kent/event/ofsted-adoption-inspection-2012": {"uk/ofsted"},
        "kent/event/ofsted-fostering-inspection-2012": {"uk/ofsted"},
        "kent/event/ofsted-safeguarding-inspection-2013": {"uk/ofsted"},
        "kent/event/ofsted-adoption-support-inspection-2013": {"uk/ofsted"},
        "kent/event/ofsted-cic-inspection-2013": {"uk/ofsted"},
        "kent/event/ofsted-cse-thematic-inspection-2014": {"uk/ofsted"},
        "kent/event/essex-ofsted-inspection-2014": {"uk/ofsted"},
        "kent/event/improvement-notice-issued": {"uk/post/secretary-of-state"},
        "kent/event/improvement-notice-lifted": {"uk/dfe"},
        "kent/event/improvement-notice-assurance-review": {"kent/person/railton-l"},
        "kent/event/adoption-services-review-2014": {"kent/person/pearce-j"},
        "kent/event/annex-a-peer-review-2014": {"uk/seslip", "uk/west-sussex"},
        "kent/event/annex-a-peer-review-oxfordshire-2014": {"kent/kcc"},
        "kent/event/kent-essex-adoption-peer-review": {"kent/kcc", "uk/essex-cc"},
        "kent/event/seslip-kscb-peer-challenge-2014-12": {"uk/seslip"},
    }
    for event, who in expected.items():
        assert _objects(G, event, "carried_out_by") == who, event
    issued = next(f for f in G.out_facts("kent/event/improvement-notice-issued", ["carried_out_by"]))
    assert _docs(issued) == {SEED_002}  # only 002 names the Secretary of State
    annex = {f.object: f.qualifiers.get("as") for f in
             G.out_facts("kent/event/annex-a-peer-review-2014", ["carried_out_by"])}
    assert annex == {"uk/seslip": "ran the peer review", "uk/west-sussex": "led Kent's review"}


def test_notice_lifted_by_mutual_agreement_and_restructure_agreed_by_council(G):
    lifted = "kent/event/improvement-notice-lifted"
    assert _objects(G, lifted, "agreed_by") == {"uk/dfe", "kent/person/railton-l", "kent/kcc"}
    assert all(_docs(f) == {SEED_001} for f in G.out_facts(lifted, ["agreed_by"]))
    assert "000 3.1" in G.node(lifted).note.replace("Seed ", "")
    assert _objects(G, "kent/event/restructure-2013-12", "agreed_by") == {"kent/county-council"}
    assert _objects(G, "kent/priority/cabinet-targets", "agreed_by") == {"kent/cabinet"}


def test_bodies_represented_on_the_transformation_and_portfolio_boards(G):
    on_ctb = _subjects(G, "kent/transformation-board", "represented_on", on="2014-04-22")
    assert on_ctb == {"kent/transformation-programme-team", "kent/finance-function",
                      "kent/strategic-commissioning", "kent/hr-function",
                      "kent/budget-programme-board", "kent/corporate-portfolio-office"}
    # the three posts at the 0-25 Portfolio Board represent SCS (3.4), not the Transformation Board
    assert _subjects(G, "kent/portfolio-board-0-25", "represented_on") == {"kent/scs"}
    assert "kent/transformation-board" not in _subjects(G, "kent/portfolio-board-0-25", "represented_on")
    assert "kent/transformation-programme" in _objects(G, "kent/transformation-programme-team", "part_of")
    assert "kent/action/align-transformation-sub-groups" in _objects(
        G, "kent/transformation-programme-team", "accountable_for", role="lead")
    assert "kent/facing-the-challenge" in _objects(G, "kent/portfolio-0-25", "part_of")
    inferred = [f for f in G.out_facts("kent/portfolio-0-25") if f.relation in ("part_of", "reports_to")]
    assert inferred and all(f.inferred for f in inferred)


def test_seslip_takes_part_and_is_not_called_multi_agency(G):
    seslip = G.node("uk/seslip")
    assert seslip.props.get("composition") is None  # a forum of local authorities, not multi-agency
    members = _subjects(G, "uk/seslip", "represented_on")
    assert {"kent/kcc", "kent/scs", "uk/west-sussex", "uk/oxfordshire"} <= members
    (kcc,) = [f for f in G.in_facts("uk/seslip", ["represented_on"]) if f.subject == "kent/kcc"]
    assert {SEED_000, SEED_001} <= _docs(kcc)
    assert set(kcc.attested) >= {"2014-04-22", "2014-12-03"}


def _works_with(G, a, b):
    return any({f.subject, f.object} == {a, b} for f in G.facts("works_with"))


def test_bodies_working_alongside_each_other(G):
    assert _works_with(G, "kent/cpp", "kent/staff-advisory-group")
    assert _works_with(G, "kent/cpp", "kent/children-in-care-council")
    assert _works_with(G, "kent/scs", "kent/ehps-division")
    assert _works_with(G, "kent/scs", "kent/childrens-commissioning")
    assert _works_with(G, "kent/scs", "kent/public-health")
    assert _works_with(G, "kent/childrens-commissioning", "kent/public-health")
    # works_with carries no line of accountability
    assert not _objects(G, "kent/cpp", "reports_to") & {"kent/staff-advisory-group",
                                                         "kent/children-in-care-council"}


def test_themes_and_actions_belong_to_their_plans(G):
    pcf = "kent/priority/putting-children-first"
    themes = {f"kent/priority/2011-theme-{i}" for i in range(1, 7)}
    assert themes <= _subjects(G, pcf, "belongs_to")
    (action,) = G.out_facts("kent/action/2011-member-corporate-parent-governance", ["belongs_to"])
    assert action.object == pcf and action.inferred
    plan = G.node(pcf)
    assert (plan.valid_from, plan.valid_to) == ("2011-03", "2013-03") and plan.inferred
    assert _objects(G, "kent/priority/schw-2014-15-social-work-practice", "belongs_to") == \
        {"kent/priority/schw-strategic-priorities-2014-15"}
    assert "kent/priority/schw-strategic-priorities-2014-15" in _objects(
        G, "kent/schw-directorate", "accountable_for", role="lead")
    plans = "kent/action/ofsted-inspection-action-plans"
    assert _subjects(G, plans, "accountable_for", role="oversight") == \
        {"kent/cpp", "kent/csip", "kent/kicsb"}
    assert _objects(G, plans, "belongs_to") == {"kent/priority/improvement-plan-2014-16"}
    assert "kent/priority/kscb-business-plans-2013-14" in _objects(G, "kent/kscb", "accountable_for")
    assert "kent/priority/kscb-business-plans-2013-14" in _objects(
        G, "kent/event/improvement-notice-assurance-review", "concerns")


def test_generic_task_officer_post_is_shared(G):
    assert G.node("kent/post/improvement-task-officer").props.get("shared") is True


def test_csip_chaired_by_the_cabinet_member_post_and_the_member_assurance_remit(G):
    assert "kent/post/cabinet-member-scs" in _objects(G, "kent/csip", "chaired_by", on="2014-04-22")
    remit = "kent/remit/member-assurance-scs"
    assert _subjects(G, remit, "has_remit") == {"kent/kicsb", "kent/csip", "kent/cpp"}
    assert "kent/scs" in _objects(G, "kent/post/director-scs", "post_in")


def test_cse_inspection_concerns_the_sub_group_and_kscb_and_newton_europe_on_the_programme(G):
    cse = "kent/event/ofsted-cse-thematic-inspection-2014"
    assert {"kent/cse-trafficking-sub-group", "kent/kscb"} <= _objects(G, cse, "concerns")
    assert "uk/essex-lscb" in _objects(G, "kent/event/essex-ofsted-inspection-2014", "concerns")
    assert _objects(G, "kent/unified-programme-0-25", "part_of") == {"kent/kcc"}
    (newton,) = G.out_facts("uk/newton-europe", ["represented_on"])
    assert newton.object == "kent/unified-programme-0-25" and newton.inferred
    assert "kent/remit/improvement-programme-1" in _objects(G, "kent/improvement-programme", "has_remit")


def test_only_one_node_of_seeds_000_002_is_left_without_a_fact(G):
    orphans = {i for i in _own_node_ids() if not G.out_facts(i) and not G.in_facts(i)}
    assert orphans == {"kent/action/cp-kscb-cohesion"}
    assert "no lead" in G.node("kent/action/cp-kscb-cohesion").note.lower()
    for linked in ("uk/ofsted", "kent/county-council", "uk/post/secretary-of-state"):
        assert G.out_facts(linked) or G.in_facts(linked), linked


def test_no_note_still_says_a_new_relation_is_missing(G):
    stale = ("no 'works alongside'", "no relation for a body", "no 'agreed_by'",
             "no relation links a theme", "no relation links a reviewer",
             "no relation for who issues", "no relation for an organisation's participation",
             "no relation from an inspection", "the format has no relation")
    for node_id in _own_node_ids() + ["uk/ofsted"]:
        note = (G.node(node_id).note or "").lower()
        assert not [s for s in stale if s in note], node_id
    assert len(_subjects(G, "uk/ofsted", "carried_out_by")) >= 8
