"""One synthetic council's governance, shaped like the seeds' real structures.

:class:`Builder` draws one council's bodies as plain dicts in register-format fields
(docs/register-format.md); bench/activity.py adds its people, seats, remits and meetings
and bench/generate.py writes the files. The shapes follow the
seeds: a council with its cabinet and cabinet committees, overview and scrutiny
with task groups, regulatory committees with sub-committees, member panels with
sub-panels (Leicestershire's Children's Social Care Panel), an improvement board
with an independent chair and a programme board that informs it (Kent's CSIP
arrangement), multi-agency partnerships with sub-groups, officer groups,
directorates, posts held by people over time, party memberships with roles,
remits with topics, priorities, renamed and absorbed bodies, and meetings with
attendance. Everything is drawn from one ``random.Random``, so a seed gives the
same council every time, and council ``i`` is the same whatever the total.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from names import AREAS, DIRECTORATES, PORTFOLIOS, SCRUTINY_THEMES, WORKING_GROUPS

__all__ = ["Council", "Builder", "MEETINGS_PER_YEAR"]

#: How often each kind of body meets in a year (0: no published minutes).
MEETINGS_PER_YEAR = {"council": 6, "cabinet": 10, "cabinet_committee": 5, "scrutiny_committee": 5,
                     "committee": 5, "sub_committee": 4, "panel": 4, "sub_panel": 4, "board": 4,
                     "partnership": 4, "sub_group": 0, "officer_group": 0, "directorate": 0,
                     "division": 0, "programme": 0, "working_group": 0}


@dataclass
class Council:
    """A council's registers: ``nodes``/``facts`` per register file, and its documents."""

    area: str
    name: str
    documents: list[dict] = field(default_factory=list)
    registers: dict[str, dict] = field(default_factory=dict)  # file stem -> {doc, nodes, facts}
    bodies: dict[str, dict] = field(default_factory=dict)     # key -> node
    members: dict[str, list] = field(default_factory=dict)    # body key -> [(person, role, from, to)]


class Builder:
    """Draws one council; methods add nodes and facts to the current register."""

    def __init__(self, index: int, seed: int, years: int, area: str, name: str, kind: str):
        self.rng = random.Random(f"govgraph-bench:{seed}:{index}")
        self.c = Council(area=area, name=name)
        self.kind = kind
        self.last_year = 2024
        self.years = list(range(self.last_year - years + 1, self.last_year + 1))
        self.register = None
        self.people_used: set[str] = set()

    # -- writing ------------------------------------------------------------------
    def open(self, stem: str, doc: str, title: str, date: str) -> None:
        """Write to register file ``stem``, whose default source is document ``doc``."""
        if all(d["id"] != doc for d in self.c.documents):
            self.c.documents.append({"id": doc, "title": title, "date": date,
                                     "publisher": self.c.name})
        self.register = self.c.registers.setdefault(stem, {"doc": doc, "nodes": [], "facts": []})

    def node(self, id_: str, type_: str, label: str, loc: str, quote: str, **fields) -> dict:
        node = {"id": id_, "type": type_, "label": label,
                **{k: v for k, v in fields.items() if v is not None},
                "sources": [{"loc": loc, "quote": quote}]}
        self.register["nodes"].append(node)
        return node

    def fact(self, subject: str, relation: str, object_: str, loc: str, quote: str,
             **fields) -> None:
        self.register["facts"].append({"subject": subject, "relation": relation, "object": object_,
                                       **{k: v for k, v in fields.items() if v is not None},
                                       "sources": [{"loc": loc, "quote": quote}]})

    def id(self, *parts: str) -> str:
        return "/".join((self.c.area, *parts))

    # -- bodies -------------------------------------------------------------------
    def body(self, key: str, label: str, kind: str, *, composition: str = "member_led",
             formal: bool | None = True, statutory: bool | None = None, up: str | None = None,
             relation: str = "reports_to", aliases: list | None = None, valid_from=None,
             valid_to=None) -> dict:
        """A body, with its line up (``relation`` to the body keyed ``up``)."""
        part = len(self.c.bodies) + 1
        node = self.node(self.id(key), "Body", label, f"Part 3.{part}",
                         f"The {label} is constituted as a {kind.replace('_', ' ')}",
                         aliases=aliases, kind=kind, formal=formal, composition=composition,
                         statutory=statutory, valid_from=valid_from, valid_to=valid_to)
        node["_key"] = key
        self.c.bodies[key] = node
        if up:
            verb = {"reports_to": "reports to", "informs": "informs",
                    "sub_body_of": "is a sub-group of"}[relation]
            self.fact(node["id"], relation, self.id(up), f"Part 3.{part}",
                      f"The {label} {verb} the {self.c.bodies[up]['label']}")
        return node

    def structure(self, n_bodies: int) -> None:
        r, b = self.rng, self.body
        self.open("010-constitution", f"{self.c.area}-constitution.txt",
                  f"{self.c.name} Constitution", f"{self.years[0]}-05-20")
        org = self.node(self.id("council-org"), "Organisation", self.c.name, "Part 1",
                        f"{self.c.name} is the local authority", kind=self.kind)
        b("council", "Council", "council", aliases=["Full Council", f"{self.c.name} Council Meeting"])
        self.fact(self.id("council"), "part_of", org["id"], "Part 2", "The Council is the body of all members")
        b("cabinet", "Cabinet", "cabinet", up="council", aliases=["Executive"])
        for n, (portfolio, _) in enumerate(r.sample(PORTFOLIOS, r.randint(1, 3))):
            b(f"cabinet-committee-{n + 1}", f"{portfolio} Cabinet Committee", "cabinet_committee",
              up="cabinet")
        b("osc", "Overview and Scrutiny Management Committee", "scrutiny_committee", up="council",
          aliases=["OSMC", "Scrutiny Management Committee"])
        self.fact(self.id("osc"), "scrutinises", self.id("cabinet"), "Part 4", "The Committee scrutinises the Cabinet")
        for n, (theme, _) in enumerate(r.sample(SCRUTINY_THEMES, r.randint(3, 6))):
            key = f"scrutiny-{n + 1}"
            b(key, f"{theme} Overview and Scrutiny Committee", "scrutiny_committee", up="osc")
            self.fact(self.id(key), "refers_to", self.id("cabinet"), "Part 4", "may refer matters to Cabinet")
            for t in range(r.randint(0, 2)):
                start = r.choice(self.years)
                b(f"{key}-task-group-{t + 1}", f"{theme} Task and Finish Group {t + 1}", "sub_group",
                  formal=False, up=key, relation="sub_body_of", valid_from=f"{start}-{r.randint(1, 6):02d}",
                  valid_to=f"{start + 1}-{r.randint(1, 12):02d}")
        for label, kind, subs in (("Audit and Governance Committee", "committee", 0),
                                  ("Standards Committee", "committee", r.randint(0, 1)),
                                  ("Planning Committee", "committee", r.randint(1, 3)),
                                  ("Licensing Committee", "committee", r.randint(1, 3)),
                                  ("Pensions Committee", "committee", 1),
                                  ("Appointments Committee", "committee", 0)):
            key = label.lower().replace(" ", "-").replace("-committee", "")
            b(key, label, kind, up="council")
            for s in range(subs):
                b(f"{key}-sub-{s + 1}", f"{label.replace(' Committee', '')} Sub-Committee {chr(65 + s)}",
                  "sub_committee", up=key, relation="sub_body_of")
        self._children(r, b)
        self._partnerships(r, b)
        self._officers(r, b, org["id"])
        for n in range(max(0, n_bodies - len(self.c.bodies))):
            if n < len(AREAS) and r.random() < 0.6:
                b(f"area-{n + 1}", f"{AREAS[n]} Area Committee", "committee", up="council")
            else:
                group = WORKING_GROUPS[n % len(WORKING_GROUPS)]
                b(f"working-group-{n + 1}", f"{group} Member Working Group {n // len(WORKING_GROUPS) + 1}",
                  "working_group", formal=False, up="cabinet", relation="informs")
        self._changes(r)

    def _children(self, r, b) -> None:
        """Kent's and Leicestershire's children's arrangements, with their variations."""
        cabinet_committee = "cabinet-committee-1"
        b("cpp", "Corporate Parenting Panel", "panel", up="cabinet", aliases=["CPP"])
        b("fostering-panel", "Fostering Panel", "panel", composition="independent", up="cpp",
          relation="informs")
        b("adoption-panel", "Adoption Panel", "panel", composition="independent", up="cpp",
          relation="informs")
        if r.random() < 0.5:
            b("csc-panel", "Children's Social Care Panel", "panel", up=cabinet_committee)
            b("cic-panel", "Children in Care Panel", "sub_panel", up="csc-panel", relation="sub_body_of")
            b("cp-panel", "Child Protection Panel", "sub_panel", up="csc-panel", relation="sub_body_of")
        if r.random() < 0.4:
            b("improvement-board", "Children's Services Improvement Board", "board",
              composition="multi_agency", up="cabinet", relation="informs",
              aliases=["Improvement Board"])
            self.fact(self.id("improvement-board"), "informs", "uk/dfe", "Part 5",
                      "The Board reports progress to the Department for Education")
            b("improvement-panel", "Children's Services Improvement Panel", "panel", formal=False,
              up=cabinet_committee, aliases=["CSIP"])
            b("programme-board", "Improvement Programme Board", "programme", composition="officer_led",
              up="improvement-board", relation="informs")
            self.fact(self.id("programme-board"), "informs", self.id("improvement-panel"), "Part 5",
                      "This Programme Board in turn informed the Improvement Panel")
            for n, group in enumerate(("Adoption", "Quality Assurance", "Workforce")[:r.randint(1, 3)]):
                b(f"improvement-sub-group-{n + 1}", f"{group} Sub-Group", "sub_group", formal=False,
                  composition="officer_led", up="programme-board", relation="sub_body_of")

    def _partnerships(self, r, b) -> None:
        b("hwb", "Health and Wellbeing Board", "board", composition="multi_agency", statutory=True,
          up="council", aliases=["HWB"])
        for key, label, subs in (
                ("scp", "Safeguarding Children Partnership", ("Learning and Review", "Quality Assurance",
                                                              "Training", "Child Exploitation")),
                ("sab", "Safeguarding Adults Board", ("Learning and Review", "Performance", "Prevention")),
                ("csp", "Community Safety Partnership", ("Domestic Abuse", "Serious Violence", "Anti-Social Behaviour")),
                ("cfp", "Children and Families Partnership", ("Early Help", "SEND", "Emotional Wellbeing"))):
            b(key, label, "partnership", composition="multi_agency", statutory=key in ("scp", "sab"),
              up="hwb", relation="informs")
            for n, sub in enumerate(r.sample(subs, r.randint(1, len(subs)))):
                b(f"{key}-sub-{n + 1}", f"{label} {sub} Sub-Group", "sub_group", formal=False,
                  composition="multi_agency", up=key, relation="sub_body_of")
        self.fact(self.id("hwb"), "aligned_with", self.id("scp"), "Part 5", "The Board's agenda is aligned with the Partnership")
        self.fact(self.id("cfp"), "refers_to", self.id("scp"), "Part 5", "can be referred to the Partnership and vice versa")
        self.fact(self.id("scp"), "refers_to", self.id("cfp"), "Part 5", "can be referred to the Partnership and vice versa")

    def _officers(self, r, b, org: str) -> None:
        b("cmt", "Corporate Management Team", "officer_group", composition="officer_led", formal=False,
          up="cabinet", relation="informs", aliases=["CMT"])
        for n, (name, _) in enumerate(r.sample(DIRECTORATES, r.randint(4, 6))):
            key = f"directorate-{n + 1}"
            b(key, f"{name} Directorate", "directorate", composition="officer_led", formal=None)
            self.fact(self.id(key), "part_of", org, "Part 7", f"The {name} Directorate is part of the Council")
            b(f"{key}-dmt", f"{name} Directorate Management Team", "officer_group",
              composition="officer_led", formal=False, up="cmt", relation="informs")
            for d in range(r.randint(1, 3)):
                b(f"{key}-division-{d + 1}", f"{name} Division {d + 1}", "division",
                  composition="officer_led", formal=None)
                self.fact(self.id(f"{key}-division-{d + 1}"), "part_of", self.id(key), "Part 7",
                          "The Division sits within the Directorate")

    def _changes(self, r) -> None:
        """Renamed, succeeded and absorbed bodies, as in seeds 000 and 004."""
        year = self.years[0]
        b = self.body
        b("former-children-committee", "Children and Young People's Committee", "committee",
          up="council", valid_to=f"{year}-05-15")
        self.fact(self.id("former-children-committee"), "renamed_to", self.id("scrutiny-1"), "Part 8",
                  "the Committee was renamed", valid_from=f"{year}-05-16")
        if r.random() < 0.5:
            b("former-homes-panel", "Community Homes Monitoring Panel", "panel", up="cpp",
              valid_to=f"{year + 1}-03-31")
            self.fact(self.id("former-homes-panel"), "absorbed_into", self.id("cpp"), "Part 8",
                      "will cease to operate once the new structure is in place",
                      valid_from=f"{year + 1}-04-01")
