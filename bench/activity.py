"""People, posts, seats, remits, priorities and meetings of a synthetic council.

Each function adds one register's worth of nodes and facts to a
:class:`shapes.Builder` whose bodies are already drawn.
"""

from __future__ import annotations

from names import GIVEN, HONORIFICS, MONTHS, PARTIES, PLACES, PORTFOLIOS, SURNAMES
from shapes import MEETINGS_PER_YEAR, Builder

__all__ = ["people_and_posts", "seats", "remits_and_priorities", "meetings"]

_REMITS = ("To monitor {t} outcomes and performance", "To approve the {t} strategy and annual plan",
           "To receive reports on {t} from partner agencies", "To hold the executive to account on {t}",
           "To oversee the improvement plan for {t}", "To review decisions and policy on {t}",
           "To consider complaints and appeals about {t}", "To agree the annual work programme on {t}")
_TOPICS = {"children": ["children", "children in care", "corporate parenting", "child protection"],
           "adults": ["adult social care", "safeguarding adults", "health"],
           "general": ["governance", "performance", "finance", "risk", "equalities"]}


def _person(b: Builder, kind: str, n: int) -> dict:
    """A councillor or an officer with a name the seeds would use."""
    r = b.rng
    given, surname, honorific = r.choice(GIVEN), r.choice(SURNAMES), r.choice(HONORIFICS)
    slug = f"{surname.lower()}-{given[0].lower()}"
    person_id, k = b.id("person", slug), 2
    while person_id in b.people_used:
        person_id, k = b.id("person", f"{slug}-{k}"), k + 1
    b.people_used.add(person_id)
    prefix = "Cllr" if kind == "councillor" else honorific
    node = b.node(person_id, "Person", f"{given} {surname}", f"{kind} {n + 1}",
                  f"{prefix} {given} {surname}", honorific=honorific,
                  aliases=[f"{prefix} {given[0]} {surname}"])
    return node


def _holders(b: Builder, post_id: str, people: list[dict], first_year: int, label: str) -> None:
    """A post's holders over time: one to three, changing at annual council in May."""
    r = b.rng
    cuts = sorted(r.sample(range(first_year + 1, b.last_year + 1), r.randint(0, 2)))
    starts = [first_year, *cuts]
    for n, start in enumerate(starts):
        holder = r.choice(people)
        end = f"{starts[n + 1]}-05-14" if n + 1 < len(starts) else None
        qualifiers = {"interim": True} if r.random() < 0.08 else None
        b.fact(holder["id"], "holds_post", post_id, "header", f"{holder['label']}, {label}",
               valid_from=f"{start}-05-15", valid_to=end, qualifiers=qualifiers)


def people_and_posts(b: Builder) -> None:
    """Councillors, officers and the posts they hold over time."""
    r, c = b.rng, b.c
    b.open("020-members", f"{c.area}-members.txt", f"{c.name} Register of Members",
           f"{b.years[0]}-05-20")
    councillors = [_person(b, "councillor", n) for n in range(int(r.triangular(40, 110, 65)))]
    weights = [w for _, w in PARTIES]
    for person in councillors:
        person["_party"] = r.choices([p for p, _ in PARTIES], weights)[0]
    b.councillors = councillors
    b.open("030-officers", f"{c.area}-officers.txt", f"{c.name} Senior Officer Structure",
           f"{b.years[0]}-04-01")
    officers = [_person(b, "officer", n) for n in range(r.randint(30, 50))]
    b.officers = officers
    start = b.years[0] - 1
    posts = {}

    def post(key, label, where, holders, statutory=None, aliases=None):
        posts[key] = b.node(b.id("post", key), "Post", label, "Part 6", f"the {label}",
                            statutory=statutory, aliases=aliases)["id"]
        b.fact(posts[key], "post_in", where, "Part 6", f"the {label} sits in {c.name}")
        _holders(b, posts[key], holders, start, label)

    org, cabinet = b.id("council-org"), b.id("cabinet")
    post("leader", "Leader of the Council", cabinet, councillors, aliases=["Leader"])
    post("deputy-leader", "Deputy Leader of the Council", cabinet, councillors)
    post("chairman", "Chairman of the Council", b.id("council"), councillors, aliases=["Civic Mayor"])
    for n, (portfolio, _) in enumerate(r.sample(PORTFOLIOS, r.randint(6, 9))):
        post(f"cabinet-member-{n + 1}", f"Cabinet Member for {portfolio}", cabinet, councillors)
    for key, label, acronym in (("chief-executive", "Chief Executive", "Head of Paid Service"),
                                ("dcs", "Director of Children's Services", "DCS"),
                                ("dass", "Director of Adult Social Services", "DASS"),
                                ("dph", "Director of Public Health", "DPH"),
                                ("monitoring-officer", "Monitoring Officer", "MO"),
                                ("s151", "Chief Finance Officer", "Section 151 Officer")):
        post(key, label, org, officers, statutory=True, aliases=[acronym])
    for key, body in c.bodies.items():
        if body["kind"] == "directorate":
            post(f"director-{key}", f"Corporate Director, {body['label'].replace(' Directorate', '')}",
                 body["id"], officers)
        elif body["kind"] == "division":
            post(f"head-{key}", f"Head of {body['label']}", body["id"], officers)
    if "improvement-board" in c.bodies:
        chair = _person(b, "independent chair", 0)
        post("improvement-chair", "Independent Chair of the Improvement Board",
             b.id("improvement-board"), [chair])
        b.fact(chair["id"], "appointed_by", "uk/dfe", "1.3", "appointed by the Department for Education (DfE)")
        b.fact(b.id("improvement-board"), "chaired_by", chair["id"], "1.3", "led by an Independent Chair")
    b.posts = posts


def _seat(b: Builder, key: str, person: dict, role: str, start: int, end: int | None) -> None:
    body = b.c.bodies[key]
    valid_to = f"{end}-05-14" if end else None
    b.fact(person["id"], "member_of", body["id"], "membership", f"{person['label']} ({role})",
           role=role, party=person.get("_party"), valid_from=f"{start}-05-15", valid_to=valid_to)
    b.c.members.setdefault(key, []).append((person, role, start, end))


def seats(b: Builder) -> None:
    """Who sits where: councillors on member bodies, posts on officer groups and boards."""
    r, c, posts = b.rng, b.c, b.posts
    b.open("025-seats", f"{c.area}-members.txt", f"{c.name} Register of Members", f"{b.years[0]}-05-20")
    start = b.years[0] - 1
    for person in b.councillors:
        _seat(b, "council", person, "member", start, None)
    for key, body in c.bodies.items():
        kind, composition = body["kind"], body.get("composition")
        if key == "council" or kind in ("directorate", "division"):
            continue
        if composition == "member_led":
            size = min(len(b.councillors), r.randint(5, 14))
            chosen = r.sample(b.councillors, size)
            for n, person in enumerate(chosen):
                role = "chair" if n == 0 else "vice_chair" if n == 1 else \
                    "substitute" if n >= size - 1 and size > 6 else "member"
                end = r.choice([None, None, None, *b.years[1:]]) if role == "member" else None
                _seat(b, key, person, role, start, end)
                if end:  # a by-election or reshuffle fills the seat
                    _seat(b, key, r.choice(b.councillors), "member", end, None)
                if role == "chair":
                    b.fact(body["id"], "chaired_by", person["id"], "membership",
                           f"Chairman: {person['label']}", valid_from=f"{start}-05-15")
        else:
            for person in r.sample(b.officers, r.randint(3, 8)):
                _seat(b, key, person, r.choice(["member", "member", "attendee", "adviser"]),
                      start, None)
        if composition == "multi_agency":
            for post in ("dcs", "dass", "dph"):
                b.fact(posts[post], "member_of", body["id"], "membership", "ex officio",
                       role="ex_officio")
    for n, post in enumerate(p for p in posts if p.startswith("cabinet-member")):
        b.fact(posts[post], "member_of", b.id("cabinet"), "Part 6", "Cabinet Members", role="member")
        scrutiny = b.id(f"scrutiny-{n % 3 + 1}")
        b.fact(scrutiny, "holds_to_account", posts[post], "Part 4", "holds the Cabinet Member to account")
    b.fact(b.id("cabinet"), "chaired_by", posts["leader"], "Part 6", "The Leader chairs the Cabinet")
    b.fact(b.id("cpp"), "holds_to_account", posts["dcs"], "Part 5", "holds the DCS to account")
    b.fact(b.id("hwb"), "holds_to_account", posts["dph"], "Part 5", "holds the DPH to account")
    for key in ("chief-executive", "monitoring-officer", "s151",
                *(p for p in posts if p.startswith("director-"))):
        b.fact(posts[key], "member_of", b.id("cmt"), "Part 7", "members of CMT", role="member")


def remits_and_priorities(b: Builder) -> None:
    """Terms of reference for each body, and the corporate plan's priorities and actions."""
    r, c = b.rng, b.c
    b.open("040-remits", f"{c.area}-constitution.txt", f"{c.name} Constitution", f"{b.years[0]}-05-20")
    leads = list(b.posts.values())
    for key, body in c.bodies.items():
        if body["kind"] in ("directorate", "division"):
            continue
        label = body["label"]
        pool = _TOPICS["children"] if any(w in label for w in ("Child", "Parenting", "Foster", "Adopt", "Improvement")) \
            else _TOPICS["adults"] if any(w in label for w in ("Adult", "Health")) else _TOPICS["general"]
        for n, template in enumerate(r.sample(_REMITS, r.randint(1, 4))):
            topics = r.sample(pool, r.randint(1, 2))
            text = template.format(t=topics[0])
            remit = b.node(b.id("remit", f"{key}-{n + 1}"), "Remit", f"{label}: {text}",
                           f"Terms of reference {n + 1}", text, text=text, topics=topics)
            b.fact(body["id"], "has_remit", remit["id"], f"Terms of reference {n + 1}", text)
            if r.random() < 0.3:
                b.fact(r.choice(leads), "accountable_for", remit["id"], "Part 6", "lead officer",
                       role="lead")
    b.open("045-plan", f"{c.area}-plan.txt", f"{c.name} Corporate Plan", f"{b.years[0]}-03-01")
    for p in range(r.randint(4, 8)):
        topics = r.sample(_TOPICS[r.choice(list(_TOPICS))], 2)
        text = f"Improve {topics[0]} and {topics[1]}"
        priority = b.node(b.id("priority", f"p{p + 1}"), "Priority", f"Priority {p + 1} - {text}",
                          f"Priority {p + 1}", text, code=f"P{p + 1}", text=text, topics=topics)
        b.fact(r.choice(leads), "accountable_for", priority["id"], f"Priority {p + 1}",
               "Lead", role="priority_lead")
        for a in range(r.randint(1, 3)):
            action = b.node(b.id("action", f"p{p + 1}-a{a + 1}"), "Action",
                            f"Action {p + 1}.{a + 1} - {topics[0]}", f"Action {p + 1}.{a + 1}",
                            f"Action {p + 1}.{a + 1}", code=f"{p + 1}.{a + 1}",
                            text=f"Deliver the {topics[0]} plan", topics=topics[:1])
            b.fact(r.choice(leads), "accountable_for", action["id"], f"Action {p + 1}.{a + 1}",
                   "Delivery lead", role="delivery_lead")
    if r.random() < 0.5:
        year = r.choice(b.years)
        event = b.node(b.id("event", f"ofsted-{year}"), "Event",
                       f"Ofsted inspection of children's services, {year}", "1.1",
                       "Ofsted judged the overall effectiveness", kind="inspection",
                       date=f"{year}-{r.randint(1, 12):02d}", text="Inspection of local authority children's services")
        b.fact(event["id"], "concerns", b.id("council-org"), "1.1", "Ofsted judged the overall effectiveness")


def meetings(b: Builder) -> None:
    """Each body's meetings over the years, with who attended and who sent apologies."""
    r, c = b.rng, b.c
    officers = b.officers
    for year in b.years:
        b.open(f"050-meetings-{year}", f"{c.area}-minutes-{year}.txt",
               f"{c.name} Minutes of Meetings {year}", f"{year}-12-31")
        for key, body in c.bodies.items():
            per_year = MEETINGS_PER_YEAR.get(body["kind"], 0)
            if not per_year or not _exists(body, year):
                continue
            months = sorted(r.sample(range(1, 13), per_year))
            for minute, month in enumerate(months, 1):
                day = r.randint(1, 28)
                date = f"{year}-{month:02d}-{day:02d}"
                if not _exists(body, date):
                    continue
                meeting = b.node(b.id("meeting", f"{key}-{date}"), "Meeting",
                                 f"{body['label']}, {day} {MONTHS[month - 1]} {year}", "header",
                                 f"{body['label'].upper()} - {day} {MONTHS[month - 1].upper()} {year}",
                                 date=date, place=r.choice(PLACES))
                loc = f"minute {minute}, {date}"
                b.fact(meeting["id"], "meeting_of", body["id"], loc, "Minutes of the meeting")
                for person, role, start, end in c.members.get(key, ()):
                    if start > year or (end and end <= year):
                        continue
                    seat = role if role in ("chair", "vice_chair", "substitute") else "member"
                    role = "apology" if r.random() < 0.12 else seat
                    b.fact(person["id"], "attended", meeting["id"], loc,
                           f"{'Apologies' if role == 'apology' else 'Present'}: {person['label']}",
                           role=role)
                for person in r.sample(officers, r.randint(1, 3)):
                    b.fact(person["id"], "attended", meeting["id"], loc,
                           f"Officers: {person['label']}", role="officer")


def _exists(body: dict, on: int | str) -> bool:
    """Whether a body exists in a year or on a date (comparing ISO prefixes)."""
    on = str(on)
    start, end = body.get("valid_from"), body.get("valid_to")
    return (not start or str(start)[:len(on)] <= on) and (not end or on[:len(str(end))] <= str(end))
