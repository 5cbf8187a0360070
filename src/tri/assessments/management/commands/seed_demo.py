"""Load the demo: the 33 London local authorities, London Councils, demo people for every role
and assessments at different stages. Idempotent: run it again and nothing is duplicated.

Every demo answer is fictional and every demo assessment's period says "(demo)".
"""

import csv
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from tri.accounts.models import User
from tri.assessments import services
from tri.assessments.models import Assessment
from tri.organisations import services as organisation_services
from tri.organisations.enums import OrganisationKind, Role
from tri.organisations.models import Organisation
from tri.standard import load_responses

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
]

LONDON_COUNCILS = ("London Councils", "london-councils")


def london_local_authorities() -> list[tuple[str, str]]:
    """(ONS code, name) of the 32 London boroughs and the City of London (ONS 2021 codes)."""
    text = resources.files("tri.organisations").joinpath("data/london_local_authorities.csv")
    with text.open(encoding="utf-8") as handle:
        return [(row["ons_code"], row["name"]) for row in csv.DictReader(handle)]


class Command(BaseCommand):
    help = "Load demo organisations, people and assessments (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            organisations = self._organisations()
            people = self._people(organisations)
            self._assessments(organisations, people)
        self.stdout.write(
            f"Demo ready: {Organisation.objects.count()} organisations, "
            f"{User.objects.count()} people, {Assessment.objects.count()} assessments. "
            f"Every demo password is {DEMO_PASSWORD}"
        )

    def _organisations(self) -> dict[str, Organisation]:
        found = {}
        for code, name in london_local_authorities():
            organisation = Organisation.objects.filter(ons_code=code).first()
            if organisation is None:
                organisation = organisation_services.create_organisation(
                    name=name, slug=slugify(name), ons_code=code
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
        for answer in assessment.answers.all():
            response = responses.get(answer.criterion_id)
            if response is None or response.level is None:
                continue
            evidence = response.evidence or f"Demo evidence for {answer.criterion_id} (fictional)."
            services.record_answer(
                answer=answer,
                actor=editor,
                level=response.level.key,
                evidence=evidence,
                owner=editor,
                target_on=None,
                seen_revision=answer.revision,
            )
        return assessment

    def _submit(self, assessment: Assessment, approver: User) -> None:
        if assessment.is_draft:
            services.submit_assessment(assessment=assessment, actor=approver)
