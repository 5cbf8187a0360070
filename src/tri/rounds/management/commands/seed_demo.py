"""Load the demo: the 33 London local authorities, London Councils, demo people for every role,
assessments at different stages, two rounds of the pilot scheme (a closed 2023 pilot with
final scores, and an open round with pairings and an assessment at every stage of peer review),
a custom comparison group of the 2025 round's boroughs, and synthetic workforce returns for
twelve boroughs (`tri.returns.demo`).
Idempotent: run it again and nothing is duplicated.

Every demo answer is fictional and every demo period and round says "(demo)". It lives in the
topmost app because it uses every app's services.
"""

import csv
import zlib
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from tri.accounts.models import User
from tri.assessments import engine, services
from tri.assessments.models import Assessment
from tri.organisations import services as organisation_services
from tri.organisations.enums import OrganisationKind, Role
from tri.organisations.models import ComparisonGroup, Organisation
from tri.publication import services as publication_services
from tri.publication.documents import available_parts
from tri.publication.models import Publication
from tri.returns.demo import seed_workforce
from tri.rounds import services as round_services
from tri.rounds.models import Judgement, Pairing, Round
from tri.standard import Level, Response, load_responses
from tri.statement.demo import seed_statement

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - published in the README, demo only

#: (email, full name, organisation ONS code or "london-councils", roles)
DEMO_PEOPLE = [
    ("coordinator@londoncouncils.demo", "Cora Ordinator", "london-councils", [Role.COORDINATOR]),
    ("admin@camden.demo", "Ada Admin", "E09000007", [Role.ADMIN]),
    ("editor@camden.demo", "Eddie Editor", "E09000007", [Role.EDITOR]),
    ("approver@camden.demo", "April Approver", "E09000007", [Role.APPROVER]),
    ("viewer@camden.demo", "Vic Viewer", "E09000007", [Role.VIEWER]),
    ("editor@lambeth.demo", "Lena Editor", "E09000022", [Role.EDITOR, Role.ADMIN]),
    ("approver@lambeth.demo", "Luke Approver", "E09000022", [Role.APPROVER]),
    ("editor@hackney.demo", "Hana Editor", "E09000012", [Role.EDITOR, Role.ADMIN]),
    ("approver@hackney.demo", "Harry Approver", "E09000012", [Role.APPROVER]),
    # Peer reviewers: each is named on one pairing of the open round (and holds a viewer role
    # in their own organisation).
    ("reviewer@lambeth.demo", "Rhea Reviewer", "E09000022", [Role.VIEWER]),
    ("reviewer@hackney.demo", "Remi Reviewer", "E09000012", [Role.VIEWER]),
    ("reviewer@camden.demo", "Rosa Reviewer", "E09000007", [Role.VIEWER]),
    ("reviewer@southwark.demo", "Ravi Reviewer", "E09000028", [Role.VIEWER]),
    ("editor@islington.demo", "Isla Editor", "E09000019", [Role.EDITOR]),
    ("approver@islington.demo", "Ike Approver", "E09000019", [Role.APPROVER]),
    ("editor@southwark.demo", "Sam Editor", "E09000028", [Role.EDITOR]),
    ("approver@southwark.demo", "Sara Approver", "E09000028", [Role.APPROVER]),
    ("editor@lewisham.demo", "Lou Editor", "E09000023", [Role.EDITOR]),
    ("approver@lewisham.demo", "Lia Approver", "E09000023", [Role.APPROVER]),
    # The 2025 round's other boroughs.
    ("editor@greenwich.demo", "Gail Editor", "E09000011", [Role.EDITOR]),
    ("approver@greenwich.demo", "Gus Approver", "E09000011", [Role.APPROVER]),
    ("editor@brent.demo", "Bea Editor", "E09000005", [Role.EDITOR]),
    ("approver@brent.demo", "Bo Approver", "E09000005", [Role.APPROVER]),
    ("editor@barnet.demo", "Bill Editor", "E09000003", [Role.EDITOR]),
    ("approver@barnet.demo", "Bel Approver", "E09000003", [Role.APPROVER]),
    ("editor@ealing.demo", "Ella Editor", "E09000009", [Role.EDITOR]),
    ("approver@ealing.demo", "Eli Approver", "E09000009", [Role.APPROVER]),
    ("editor@harrow.demo", "Hugo Editor", "E09000015", [Role.EDITOR]),
    ("approver@harrow.demo", "Hattie Approver", "E09000015", [Role.APPROVER]),
]

CAMDEN, LAMBETH, HACKNEY = "E09000007", "E09000022", "E09000012"
ISLINGTON, SOUTHWARK, LEWISHAM, GREENWICH = "E09000019", "E09000028", "E09000023", "E09000011"
BRENT, BARNET, EALING, HARROW = "E09000005", "E09000003", "E09000009", "E09000015"
PILOT_ROUND = "Pilot, January–June 2023 (demo)"
BENCHMARK_ROUND = "2025 round (demo)"
#: The 2025 round: eleven boroughs, all with final scores: six in inner London and five in outer
#: London, so its benchmark can show both beside the whole round (each at least five, and five
#: apart from the whole). (ONS code, demo name, steps up or down from the demo borough's answers.)
BENCHMARK_BOROUGHS = [
    (CAMDEN, "camden", 1),
    (LAMBETH, "lambeth", 0),
    (HACKNEY, "hackney", -1),
    (ISLINGTON, "islington", 1),
    (SOUTHWARK, "southwark", 0),
    (LEWISHAM, "lewisham", -1),
    (GREENWICH, "greenwich", 0),
    (BRENT, "brent", -1),
    (BARNET, "barnet", 1),
    (EALING, "ealing", 0),
    (HARROW, "harrow", -1),
]
#: Who publishes in the demo: (ONS code, demo name, parts). Camden publishes twice.
DEMO_PUBLISHERS = [
    (CAMDEN, "camden", ["statement", "assessment", "workforce"]),
    (CAMDEN, "camden", ["statement", "assessment", "workforce", "targets"]),
    (LAMBETH, "lambeth", ["statement", "assessment", "workforce"]),
    (HACKNEY, "hackney", ["statement", "assessment"]),
    (ISLINGTON, "islington", ["assessment", "workforce"]),
    (SOUTHWARK, "southwark", ["statement", "assessment", "workforce"]),
    (LEWISHAM, "lewisham", ["assessment", "workforce"]),
    (GREENWICH, "greenwich", ["assessment", "workforce"]),
    (BARNET, "barnet", ["assessment", "workforce"]),
]
#: A custom comparison group: the 2025 round's boroughs. In that round's benchmark it has the
#: same organisations as the whole round, so it is listed as not shown, with the reason.
DEMO_GROUP = "Demo: north London boroughs"
#: Its members: far enough (five or more) from every other group to be shown beside them.
DEMO_GROUP_MEMBERS = (CAMDEN, ISLINGTON, HACKNEY, BARNET, BRENT, HARROW)
OPEN_ROUND = "2026 round (demo)"
#: The open round's circles: (reviewer, reviewed, the reviewer's person or None).
OPEN_PAIRING = [
    (LAMBETH, CAMDEN, "reviewer@lambeth.demo"),
    (HACKNEY, LAMBETH, "reviewer@hackney.demo"),
    (CAMDEN, HACKNEY, "reviewer@camden.demo"),
    (SOUTHWARK, ISLINGTON, "reviewer@southwark.demo"),
    (LEWISHAM, SOUTHWARK, None),
    (GREENWICH, LEWISHAM, None),
    (ISLINGTON, GREENWICH, None),
]

LONDON_COUNCILS = ("London Councils", "london-councils")


def london_local_authorities() -> list[dict[str, str]]:
    """The 32 London boroughs and the City of London: ONS 2021 code, name, inner or outer
    London, and sub-regional partnership."""
    text = resources.files("tri.organisations").joinpath("data/london_local_authorities.csv")
    with text.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Command(BaseCommand):
    help = "Load demo organisations, people and assessments (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            organisations = self._organisations()
            people = self._people(organisations)
            self._assessments(organisations, people)
            self._pilot_round(organisations, people)
            self._benchmark_round(organisations, people)
            self._comparison_group(organisations, people)
            self._open_round(organisations, people)
            seed_workforce(organisations, people, stdout=self.stdout)
            seed_statement(organisations, people, stdout=self.stdout)
            # Last: a publication quotes the Statement, the final levels and the workforce.
            self._publications(organisations, people)
        self.stdout.write(
            f"Demo ready: {Organisation.objects.count()} organisations, "
            f"{User.objects.count()} people, {Assessment.objects.count()} assessments. "
            f"Every demo password is {DEMO_PASSWORD}"
        )

    def _organisations(self) -> dict[str, Organisation]:
        found = {}
        for row in london_local_authorities():
            code, name = row["ons_code"], row["name"]
            organisation = Organisation.objects.filter(ons_code=code).first()
            if organisation is None:
                organisation = organisation_services.create_organisation(
                    name=name,
                    slug=slugify(name),
                    ons_code=code,
                    area=row["area"],
                    partnership=row["partnership"],
                )
            found[code] = organisation
        name, slug = LONDON_COUNCILS
        coordinating = Organisation.objects.filter(slug=slug).first()
        if coordinating is None:
            coordinating = organisation_services.create_organisation(
                name=name, slug=slug, kind=OrganisationKind.COORDINATING_BODY
            )
        found[slug] = coordinating
        return found

    def _people(self, organisations: dict[str, Organisation]) -> dict[str, User]:
        people = {}
        for email, full_name, org_key, roles in DEMO_PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name)
            for role in roles:
                organisation_services.grant_role(
                    organisation=organisations[org_key], user=user, role=role, actor=None
                )
            people[email] = user
        return people

    def _assessments(self, organisations: dict[str, Organisation], people: dict[str, User]) -> None:
        examples = Path(settings.BASE_DIR) / "examples"
        demo = load_responses(examples / "demo-borough.yaml")
        camden, lambeth, hackney = (
            organisations[c] for c in ("E09000007", "E09000022", "E09000012")
        )
        # Camden: last year's pilot, signed off; this year's draft with Category 1 still to do.
        pilot = self._answered(
            camden, "2023 pilot (demo)", demo.responses, people["editor@camden.demo"]
        )
        self._submit(pilot, people["approver@camden.demo"])
        later = {row: r for row, r in demo.responses.items() if row.startswith(("3.", "6."))}
        self._answered(camden, "2024 (demo)", later, people["editor@camden.demo"])
        # Lambeth: signed off. Hackney: half-way through a draft.
        lambeth_2024 = self._answered(
            lambeth, "2024 (demo)", demo.responses, people["editor@lambeth.demo"]
        )
        self._submit(lambeth_2024, people["approver@lambeth.demo"])
        half = dict(list(demo.responses.items())[:30])
        self._answered(hackney, "2024 (demo)", half, people["editor@hackney.demo"])

    def _answered(self, organisation, period, responses, editor):  # type: ignore[no-untyped-def]
        existing = Assessment.objects.filter(organisation=organisation, period=period).first()
        if existing is not None:
            return existing
        assessment = services.start_assessment(
            organisation=organisation, period=period, actor=editor
        )
        self._fill(assessment, responses, editor)
        return assessment

    def _submit(self, assessment: Assessment, approver: User) -> None:
        if assessment.is_draft:
            services.submit_assessment(assessment=assessment, actor=approver)

    # ---------------------------------------------------------------- the pilot scheme

    def _round(self, name, organisations, coordinator, opens_on, submit_by, closes_on):  # type: ignore[no-untyped-def]
        return round_services.open_round(
            name=name,
            standard_version="14",
            opens_on=opens_on,
            submit_by=submit_by,
            closes_on=closes_on,
            organisations=organisations,
            actor=coordinator,
        )

    def _pair(self, round_, pairs, organisations, people, coordinator):  # type: ignore[no-untyped-def]
        round_services.set_pairing(
            round_=round_,
            pairs=[(organisations[r], organisations[d]) for r, d, _p in pairs],
            actor=coordinator,
        )
        for _reviewer, reviewed, person in pairs:
            if person is None:
                continue
            pairing = Pairing.objects.get(round=round_, reviewed=organisations[reviewed])
            round_services.grant_reviewer(pairing=pairing, user=people[person], actor=coordinator)

    def _round_assessment(self, round_, organisation):  # type: ignore[no-untyped-def]
        return round_.participants.get(organisation=organisation).assessment

    def _fill(self, assessment, responses, editor):  # type: ignore[no-untyped-def]
        for answer in assessment.answers.all():
            response = responses.get(answer.criterion_id)
            if response is None or response.level is None or answer.level == response.level.key:
                continue
            services.record_answer(
                answer=answer,
                actor=editor,
                level=response.level.key,
                evidence=response.evidence
                or f"Demo evidence for {answer.criterion_id} (fictional).",
                owner=editor,
                target_on=None,
                seen_revision=answer.revision,
            )

    def _review(self, assessment, reviewer, challenges, *, complete):  # type: ignore[no-untyped-def]
        """Agree with every criterion except `challenges` {row: (level, comment)}."""
        for answer in assessment.answers.order_by("id"):
            row = answer.criterion_id
            level, comment = challenges.get(row, ("", ""))
            round_services.record_judgement(
                assessment=assessment,
                criterion_id=row,
                verdict="challenge" if level else "agree",
                comment=comment,
                proposed_level=level,
                seen_revision=0,
                actor=reviewer,
            )
        if complete:
            round_services.complete_review(assessment=assessment, actor=reviewer)

    def _judgement(self, assessment: Assessment, row: str) -> Judgement:
        """The criterion's judgement in the assessment's current review cycle."""
        return Judgement.objects.get(
            assessment=assessment, criterion_id=row, cycle__returned_at__isnull=True
        )

    def _respond(self, assessment, replies, editor):  # type: ignore[no-untyped-def]
        for row, (reply, note) in replies.items():
            judgement = self._judgement(assessment, row)
            round_services.reply_to_challenge(
                assessment=assessment,
                criterion_id=row,
                reply=reply,
                note=note,
                seen_revision=judgement.revision,
                actor=editor,
            )

    def _moderate(self, assessment, levels, coordinator, *, final):  # type: ignore[no-untyped-def]
        for row, (level, reason) in levels.items():
            judgement = self._judgement(assessment, row)
            round_services.moderate_criterion(
                assessment=assessment,
                criterion_id=row,
                level=level,
                reason=reason,
                seen_revision=judgement.revision,
                actor=coordinator,
            )
        round_services.complete_moderation(assessment=assessment, actor=coordinator)
        if final:
            round_services.finalise_scores(assessment=assessment, actor=coordinator)

    def _pilot_round(self, organisations, people):  # type: ignore[no-untyped-def]
        """The 2023 pilot: Camden, Lambeth and Hackney, reviewed round a circle, final scores.
        Run as an open round, then given its 2023 dates and closed."""
        if Round.objects.filter(name=PILOT_ROUND).exists():
            return
        coordinator = people["coordinator@londoncouncils.demo"]
        today = timezone.localdate()
        trio = [organisations[c] for c in (CAMDEN, LAMBETH, HACKNEY)]
        round_ = self._round(PILOT_ROUND, trio, coordinator, today, today, today)
        pairs = [
            (LAMBETH, CAMDEN, "reviewer@lambeth.demo"),
            (HACKNEY, LAMBETH, "reviewer@hackney.demo"),
            (CAMDEN, HACKNEY, "reviewer@camden.demo"),
        ]
        self._pair(round_, pairs, organisations, people, coordinator)
        demo = self._demo_responses()
        for code, org in (("camden", CAMDEN), ("lambeth", LAMBETH), ("hackney", HACKNEY)):
            assessment = self._round_assessment(round_, organisations[org])
            self._fill(assessment, self._earlier(demo), people[f"editor@{code}.demo"])
            services.submit_assessment(assessment=assessment, actor=people[f"approver@{code}.demo"])
        for _reviewer, reviewed, person in pairs:
            assessment = self._round_assessment(round_, organisations[reviewed])
            self._review(
                assessment,
                people[person],
                {"1.1": ("developing", "No action plan yet (fictional).")},
                complete=True,
            )
            code = assessment.organisation.slug
            self._respond(assessment, {"1.1": ("accept", "")}, people[f"editor@{code}.demo"])
            self._moderate(assessment, {}, coordinator, final=True)
        round_services.change_round(
            round_=round_,
            name=PILOT_ROUND,
            opens_on=date(2023, 1, 9),
            submit_by=date(2023, 4, 28),
            closes_on=date(2023, 6, 30),
            actor=coordinator,
        )
        round_services.close_round(round_=round_, actor=coordinator)

    def _benchmark_round(self, organisations, people):  # type: ignore[no-untyped-def]
        """The 2025 round: eleven boroughs with final scores, each answering a little above or
        below the demo borough, reviewed round a circle by an approver of the next borough."""
        if Round.objects.filter(name=BENCHMARK_ROUND).exists():
            return
        coordinator = people["coordinator@londoncouncils.demo"]
        today = timezone.localdate()
        codes = [code for code, _name, _step in BENCHMARK_BOROUGHS]
        round_ = self._round(
            BENCHMARK_ROUND, [organisations[c] for c in codes], coordinator, today, today, today
        )
        names = {code: name for code, name, _step in BENCHMARK_BOROUGHS}
        pairs = [
            (
                codes[(i + 1) % len(codes)],
                code,
                f"approver@{names[codes[(i + 1) % len(codes)]]}.demo",
            )
            for i, code in enumerate(codes)
        ]
        self._pair(round_, pairs, organisations, people, coordinator)
        demo = self._demo_responses()
        for code, name, step in BENCHMARK_BOROUGHS:
            assessment = self._round_assessment(round_, organisations[code])
            self._fill(assessment, _stepped(demo, step, name), people[f"editor@{name}.demo"])
            services.submit_assessment(assessment=assessment, actor=people[f"approver@{name}.demo"])
        for _reviewer, reviewed, person in pairs:
            assessment = self._round_assessment(round_, organisations[reviewed])
            self._review(assessment, people[person], {}, complete=True)
            self._moderate(assessment, {}, coordinator, final=True)
        round_services.change_round(
            round_=round_,
            name=BENCHMARK_ROUND,
            opens_on=date(2025, 1, 13),
            submit_by=date(2025, 4, 25),
            closes_on=date(2025, 6, 27),
            actor=coordinator,
        )
        round_services.close_round(round_=round_, actor=coordinator)

    def _comparison_group(self, organisations, people):  # type: ignore[no-untyped-def]
        if ComparisonGroup.objects.filter(name=DEMO_GROUP).exists():
            return
        round_services.save_group(
            name=DEMO_GROUP,
            description="Six boroughs north of the river, for comparing notes (fictional).",
            members=[organisations[code] for code in DEMO_GROUP_MEMBERS],
            actor=people["coordinator@londoncouncils.demo"],
        )

    def _open_round(self, organisations, people):  # type: ignore[no-untyped-def]
        """The open round: one assessment at each stage, from draft (overdue) to final."""
        if Round.objects.filter(name=OPEN_ROUND).exists():
            return
        coordinator = people["coordinator@londoncouncils.demo"]
        today = timezone.localdate()
        codes = [CAMDEN, LAMBETH, HACKNEY, ISLINGTON, SOUTHWARK, LEWISHAM, GREENWICH]
        round_ = self._round(
            OPEN_ROUND,
            [organisations[c] for c in codes],
            coordinator,
            today - timedelta(days=60),
            today + timedelta(days=10),
            today + timedelta(days=75),
        )
        self._pair(round_, OPEN_PAIRING, organisations, people, coordinator)
        demo = self._demo_responses()
        slug = {c: organisations[c].slug for c in codes}
        signed_off = (CAMDEN, LAMBETH, HACKNEY, ISLINGTON, SOUTHWARK)
        for code in signed_off:
            name = slug[code].split("-")[0]
            assessment = self._round_assessment(round_, organisations[code])
            self._fill(assessment, demo, people[f"editor@{name}.demo"])
            services.submit_assessment(assessment=assessment, actor=people[f"approver@{name}.demo"])
        # Lewisham is part-way through its draft; Greenwich has not started.
        lewisham = self._round_assessment(round_, organisations[LEWISHAM])
        self._fill(lewisham, dict(list(demo.items())[:20]), people["editor@lewisham.demo"])
        challenge = {
            "1.6": ("none", "The board papers show a plan, not yet delivery (fictional)."),
            "3.2": ("none", "The data quality report is from 2021 (fictional)."),
        }
        # Camden, reviewed by Lambeth: final. It accepted one challenge and kept the other,
        # which London Councils moderated.
        camden = self._round_assessment(round_, organisations[CAMDEN])
        self._review(camden, people["reviewer@lambeth.demo"], challenge, complete=True)
        self._respond(
            camden,
            {
                "1.6": ("accept", ""),
                "3.2": ("keep", "The 2024 refresh is in the evidence pack (fictional)."),
            },
            people["editor@camden.demo"],
        )
        self._moderate(
            camden,
            {"3.2": ("established", "The 2024 refresh was seen (fictional).")},
            coordinator,
            final=True,
        )
        # Lambeth, reviewed by Hackney: moderated, waiting for final scores.
        lambeth = self._round_assessment(round_, organisations[LAMBETH])
        self._review(
            lambeth, people["reviewer@hackney.demo"], {"1.6": challenge["1.6"]}, complete=True
        )
        self._respond(
            lambeth,
            {"1.6": ("keep", "Delivery began in March (fictional).")},
            people["editor@lambeth.demo"],
        )
        self._moderate(
            lambeth,
            {"1.6": ("established", "Delivery has begun: evidence seen (fictional).")},
            coordinator,
            final=False,
        )
        # Hackney, reviewed by Camden: review complete, challenges waiting for Hackney's reply.
        hackney = self._round_assessment(round_, organisations[HACKNEY])
        self._review(hackney, people["reviewer@camden.demo"], challenge, complete=True)
        # Islington, reviewed by Southwark: in peer review. Southwark: signed off, not started.
        islington = self._round_assessment(round_, organisations[ISLINGTON])
        round_services.record_judgement(
            assessment=islington,
            criterion_id="1.1",
            verdict="agree",
            comment="",
            proposed_level="",
            seen_revision=0,
            actor=people["reviewer@southwark.demo"],
        )
        for person, subject, kind, text in (
            (
                "editor@camden.demo",
                "2c.6",
                "duplicated",
                "This reads the same as 2a.2 (fictional).",
            ),
            ("editor@lambeth.demo", "2c.6", "duplicated", "Same descriptor as 2a.2 (fictional)."),
            (
                "editor@hackney.demo",
                "3.2",
                "hard_to_evidence",
                "What counts as evidence of data quality? (fictional)",
            ),
            (
                "editor@islington.demo",
                "1",
                "suggestion",
                "Add a criterion on scrutiny by members (fictional).",
            ),
        ):
            user = people[person]
            round_services.leave_feedback(
                organisation=user.memberships.first().organisation,
                standard_version="14",
                subject=subject,
                kind=kind,
                text=text,
                actor=user,
            )

    def _demo_responses(self) -> dict[str, Response]:
        examples = Path(settings.BASE_DIR) / "examples"
        return dict(load_responses(examples / "demo-borough.yaml").responses)

    def _publications(self, organisations, people):  # type: ignore[no-untyped-def]
        """What the demo boroughs have published (Camden twice, so it has two versions)."""
        if Publication.objects.exists():
            return
        for code, name, parts in DEMO_PUBLISHERS:
            available = available_parts(organisations[code])
            publication_services.publish(
                organisation=organisations[code],
                parts=[part for part in parts if available[part]],
                actor=people[f"approver@{name}.demo"],
            )

    def _earlier(self, responses: dict[str, Response]) -> dict[str, Response]:
        """Last round's answers: the demo borough's, one step lower in Category 1."""
        earlier = dict(responses)
        earlier["1.1"] = Response(level=None)
        return earlier


def _stepped(responses: dict[str, Response], step: int, seed: str) -> dict[str, Response]:
    """The demo borough's answers moved `step` levels up or down on about half the rows
    (chosen from `seed`), among the levels each row offers: a borough that differs,
    reproducibly."""
    standard = engine.current_standard()
    found = {}
    for row, response in responses.items():
        if response.level is None or zlib.crc32(f"{seed}:{row}".encode()) % 2:
            found[row] = response
            continue
        levels = [Level.NONE, *standard.criterion(row).levels]
        here = levels.index(response.level) if response.level in levels else 0
        index = min(max(here + step, 0), len(levels) - 1)
        found[row] = Response(level=levels[index], evidence=response.evidence)
    return found
