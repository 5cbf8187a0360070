"""Every URL of the service × every kind of person, with objects of another organisation
present. Adding a URL without adding it here fails `test_every_url_is_in_the_matrix`.

People: anonymous; viewer, editor, approver and admin of the owning organisation; an editor
and approver of another organisation ("other"); a coordinator of the coordinating body; and a
peer reviewer: a viewer of the other organisation named on the pairing that reviews the owning
organisation in an open round ("reviewer").
Objects: a draft and a submitted assessment of the owning organisation (with an evidence link
and file), and the same of the other organisation, so that leaks would have something to show;
a round in which both take part, with the owning organisation's round assessment signed off;
and workforce data: an accepted and a refused return and a target of the owning organisation,
and an accepted return and a target of the other.
"""

import functools
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, coordinator, member, org_with_roles
from tests.factories.returns import employee_frame
from tests.factories.statement import recorded
from tri.assessments import services
from tri.assessments.models import Assessment
from tri.organisations import services as org_services
from tri.organisations.enums import Role
from tri.publication import services as publication_services
from tri.reports import workforce_xlsx
from tri.reports.frames import write_table
from tri.returns import dashboard
from tri.returns import services as return_services
from tri.returns.enums import FileRole, ReturnKind, ReturnStatus, Stage
from tri.returns.models import Target, WorkforceReturn
from tri.rounds import services as round_services
from tri.rounds.models import Pairing
from tri.statement.models import Adoption
from tri.workforce import WorkforceError

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def returns_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Uploads (the matrix sends none that are kept) go to a folder of the test's own."""
    folder = tmp_path / "returns"
    settings.TRI_RETURNS_DIR = folder
    return folder


ROLES = ("anon", "viewer", "editor", "approver", "admin", "other", "coordinator", "reviewer")
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def expect(*statuses: int) -> dict[str, int]:
    """Statuses in ROLES order. Given one short, the peer reviewer expects what "other" does:
    outside the assessment they review, they are just someone from another organisation."""
    if len(statuses) == len(ROLES) - 1:
        statuses = (*statuses, statuses[ROLES.index("other")])
    assert len(statuses) == len(ROLES)
    return dict(zip(ROLES, statuses, strict=True))


@dataclass
class World:
    people: dict[str, Any]
    org: Any
    draft: Assessment
    submitted: Assessment
    link_id: int
    file_id: int
    submitted_file_id: int
    invitation_id: int
    viewer_membership_id: int
    round_id: int
    in_round: Assessment
    in_round_file_id: int
    pairing_id: int
    peer_reviewer_id: int
    snapshot: WorkforceReturn  # accepted
    refused: WorkforceReturn  # failed, with a problems table
    target_id: int
    their_snapshot: WorkforceReturn  # the other organisation's, accepted
    their_target_id: int


SNAPSHOT_ON = date(2025, 3, 31)
RETURN_ROWS = 300


def _compute(frame: pl.DataFrame) -> return_services.Figures:
    """Run the workforce engine over `frame` as the worker does (services.compute_figures)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FileRole.RETURN / "staff.csv"
        path.parent.mkdir()
        write_table(frame, path)
        return_ = WorkforceReturn(snapshot_on=SNAPSHOT_ON, population_code="london")
        return return_services.compute_figures(return_, Path(folder), lambda stage: None)


@functools.cache
def computed_figures(seed: int) -> return_services.Figures:
    """Figures of a small synthetic return, computed by the engine ONCE per test session.
    build_world runs for every case × role (over 800 times): uploading and processing a return
    each time would add minutes to the matrix, so the returns are stored from these figures."""
    return _compute(employee_frame(RETURN_ROWS, seed=seed, snapshot=SNAPSHOT_ON))


@functools.cache
def computed_problems() -> list[dict[str, Any]]:
    """What the engine says of a return with a bad pay value, computed once (as above)."""
    frame = employee_frame(RETURN_ROWS, seed=1, snapshot=SNAPSHOT_ON)
    frame = frame.with_columns(pl.col("hourly_pay").cast(pl.String))
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 2)
        .then(pl.lit("n/a"))
        .otherwise(pl.col("hourly_pay"))
        .alias("hourly_pay")
    )
    try:
        _compute(frame)
    except WorkforceError as error:
        return return_services.problem_rows(error.problems)
    raise AssertionError("the bad return was accepted")


def accepted_return(organisation: Any, actor: Any, seed: int) -> WorkforceReturn:
    figures = computed_figures(seed)
    return WorkforceReturn.objects.create(
        organisation=organisation,
        snapshot_on=SNAPSHOT_ON,
        kind=ReturnKind.EMPLOYEE,
        status=ReturnStatus.COMPLETE,
        stage=Stage.DONE,
        files=[{"role": FileRole.RETURN, "name": "staff.csv", "size": 1}],
        population_code="london",
        uploaded_by=actor,
        headcount=figures.full.get("headcount"),
        full=figures.full,
        published=figures.published,
        finished_at=timezone.now(),
    )


def refused_return(organisation: Any, actor: Any) -> WorkforceReturn:
    return WorkforceReturn.objects.create(
        organisation=organisation,
        snapshot_on=SNAPSHOT_ON,
        kind=ReturnKind.EMPLOYEE,
        status=ReturnStatus.FAILED,
        stage=Stage.READING,
        files=[{"role": FileRole.RETURN, "name": "staff.csv", "size": 1}],
        population_code="london",
        uploaded_by=actor,
        problems=computed_problems(),
        finished_at=timezone.now(),
    )


def target_of(organisation: Any, actor: Any) -> Target:
    return return_services.set_target(
        organisation=organisation,
        measure="disclosure.not_disclosed_pct",
        direction="at_most",
        milestones={2025: 10.0, 2026: 5.0},
        actor=actor,
    )


def build_world() -> World:
    own = org_with_roles(slug="own")
    other = org_with_roles(slug="other")
    people: dict[str, Any] = {
        "anon": None,
        "viewer": own.viewer,
        "editor": own.editor,
        "approver": own.approver,
        "admin": own.admin,
        "other": member(other.organisation, Role.EDITOR, Role.APPROVER),
        "coordinator": coordinator(),
        "reviewer": member(other.organisation, Role.VIEWER),
    }
    draft = services.start_assessment(
        organisation=own.organisation, period="2025", actor=own.editor
    )
    answer = draft.answers.get(criterion_id="1.1")
    link = services.add_evidence_link(
        answer=answer, url="https://example.org/a", title="Report", actor=own.editor
    )
    evidence = services.add_evidence_file(
        answer=answer, upload=SimpleUploadedFile("a.pdf", PDF), actor=own.editor
    )
    submitted = services.start_assessment(
        organisation=own.organisation, period="2024", actor=own.editor
    )
    submitted_file = services.add_evidence_file(
        answer=submitted.answers.get(criterion_id="1.1"),
        upload=SimpleUploadedFile("b.pdf", PDF),
        actor=own.editor,
    )
    services.submit_assessment(assessment=submitted, actor=own.approver)
    # The other organisation's work, which nobody here may see.
    theirs = services.start_assessment(
        organisation=other.organisation, period="2024", actor=other.editor
    )
    services.submit_assessment(assessment=theirs, actor=other.approver)
    invitation, _token = org_services.invite_person(
        organisation=own.organisation, email="new@example.org", role=Role.VIEWER, actor=own.admin
    )
    today = timezone.localdate()
    boss = people["coordinator"]
    round_ = round_services.open_round(
        name="Round",
        standard_version="14",
        opens_on=today - timedelta(days=5),
        submit_by=today + timedelta(days=5),
        closes_on=today + timedelta(days=30),
        organisations=[own.organisation, other.organisation],
        actor=boss,
    )
    round_services.set_pairing(
        round_=round_,
        pairs=[(other.organisation, own.organisation), (own.organisation, other.organisation)],
        actor=boss,
    )
    pairing = Pairing.objects.get(round=round_, reviewed=own.organisation)
    peer = round_services.grant_reviewer(pairing=pairing, user=people["reviewer"], actor=boss)
    in_round = round_.participants.get(organisation=own.organisation).assessment
    assert in_round is not None
    in_round_file = services.add_evidence_file(
        answer=in_round.answers.get(criterion_id="1.1"),
        upload=SimpleUploadedFile("c.pdf", PDF),
        actor=own.editor,
    )
    services.submit_assessment(assessment=in_round, actor=own.approver)
    world = World(
        people=people,
        org=own.organisation,
        draft=draft,
        submitted=submitted,
        link_id=link.pk,
        file_id=evidence.pk,
        submitted_file_id=submitted_file.pk,
        invitation_id=invitation.pk,
        viewer_membership_id=own.viewer.memberships.get().pk,
        round_id=round_.pk,
        in_round=in_round,
        in_round_file_id=in_round_file.pk,
        pairing_id=pairing.pk,
        peer_reviewer_id=peer.pk,
        snapshot=accepted_return(own.organisation, own.editor, seed=1),
        refused=refused_return(own.organisation, own.editor),
        target_id=target_of(own.organisation, own.editor).pk,
        their_snapshot=accepted_return(other.organisation, other.editor, seed=2),
        their_target_id=target_of(other.organisation, other.editor).pk,
    )
    publication_services.publish(
        organisation=own.organisation, parts=["workforce"], actor=own.approver
    )
    recorded(own.organisation, own.admin)
    recorded(other.organisation, people["other"])
    return world


def draft_kwargs(w: World, **extra: Any) -> dict[str, Any]:
    return {"org": w.org.slug, "pk": w.draft.pk, **extra}


def submitted_kwargs(w: World, **extra: Any) -> dict[str, Any]:
    return {"org": w.org.slug, "pk": w.submitted.pk, **extra}


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    kwargs: Callable[[World], dict[str, Any]]
    expected: dict[str, int]
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{' ' + self.label if self.label else ''}"


def in_round_kwargs(w: World, **extra: Any) -> dict[str, Any]:
    return {"org": w.org.slug, "pk": w.in_round.pk, **extra}


def round_kwargs(w: World, **extra: Any) -> dict[str, Any]:
    return {"pk": w.round_id, **extra}


def review_kwargs(w: World, **extra: Any) -> dict[str, Any]:
    return {"pk": w.round_id, "org": w.org.slug, **extra}


def snapshot_kwargs(w: World) -> dict[str, Any]:
    return {"org": w.org.slug, "pk": w.snapshot.pk}


def refused_kwargs(w: World) -> dict[str, Any]:
    return {"org": w.org.slug, "pk": w.refused.pk}


def theirs_under_ours(w: World) -> dict[str, Any]:
    """The other organisation's accepted return, asked for under the owning organisation."""
    return {"org": w.org.slug, "pk": w.their_snapshot.pk}


def target_kwargs(w: World) -> dict[str, Any]:
    return {"org": w.org.slug, "pk": w.target_id}


def their_target_kwargs(w: World) -> dict[str, Any]:
    return {"org": w.org.slug, "pk": w.their_target_id}


def none(w: World) -> dict[str, Any]:
    return {}


def own_adoption(w: World) -> dict[str, Any]:
    return {"pk": Adoption.objects.get(organisation=w.org).pk}


def published(w: World) -> dict[str, Any]:
    return {"slug": w.org.slug}


def published_version(w: World, **extra: Any) -> dict[str, Any]:
    return {"slug": w.org.slug, "version": 1, **extra}


def comparison_group(w: World) -> dict[str, Any]:
    """A coordinator's comparison group of 5 of 10 new local authorities (7 from all 12, as
    groups must be), made here because only its cases need it."""
    organisations = [OrganisationFactory.create() for _ in range(10)]
    group = round_services.save_group(
        name="Group", description="", members=organisations[:5], actor=w.people["coordinator"]
    )
    return {"group": group.pk}


def no_group(w: World) -> dict[str, Any]:
    return {"group": 999_999}


def org(w: World) -> dict[str, Any]:
    return {"org": w.org.slug}


#                                                 anon viewer editor approver admin other coord
OWN_READ_DRAFT = expect(302, 200, 200, 200, 200, 404, 404)
OWN_READ_SUBMITTED = expect(302, 200, 200, 200, 200, 404, 200)
EDITOR_ONLY_DRAFT = expect(302, 403, 302, 403, 403, 404, 404)
#                                                 anon viewer editor approver admin other coord reviewer
IN_ROUND_READ = expect(302, 200, 200, 200, 200, 404, 200, 200)
COORDINATOR_ONLY = expect(302, 403, 403, 403, 403, 403, 200, 403)
COORDINATOR_IN_ROUND = expect(302, 403, 403, 403, 403, 403, 200, 403)
#                                                 anon viewer editor approver admin other coord
FIGURES = expect(302, 200, 200, 200, 200, 404, 200)
UPLOADS = expect(302, 200, 200, 200, 200, 404, 403)
NOBODY = expect(302, 404, 404, 404, 404, 404, 404)
WORKFORCE_EDITOR = expect(302, 403, 200, 403, 403, 404, 403)
EVERYONE = expect(200, 200, 200, 200, 200, 200, 200)
NOT_FOUND = expect(404, 404, 404, 404, 404, 404, 404)
#                                                 anon viewer editor approver admin other coord reviewer
IN_ROUND_BENCHMARK = expect(302, 200, 200, 200, 200, 200, 200, 200)
PUBLIC_SITE = (
    "public:index",
    "public:london",
    "public:london_json",
    "public:london_csv",
    "api-root",
    "api-v1:organisations",
    "api-v1:london",
    "api-v1:adoptions",
    "api-v1:openapi-json",
    "api-v1:openapi-view",
)
PUBLISHED_PAGES = (
    "public:organisation",
    "public:organisation_json",
    "public:organisation_csv",
    "public:organisation_xlsx",
    "public:organisation_pdf",
)
PUBLISHED_VERSIONS = (
    "public:version",
    "public:version_json",
    "public:version_csv",
    "public:version_xlsx",
    "public:version_pdf",
    "public:datapackage",
    "public:datapackage_zip",
)

CASES = [
    Case("home", "get", none, expect(200, 200, 200, 200, 200, 200, 200)),
    Case("health", "get", none, expect(200, 200, 200, 200, 200, 200, 200)),
    Case("accounts:login", "get", none, expect(200, 302, 302, 302, 302, 302, 302)),
    Case("accounts:logout", "post", none, expect(302, 302, 302, 302, 302, 302, 302)),
    Case(
        "accounts:invitation",
        "get",
        lambda w: {"token": "not-a-real-token"},
        expect(404, 404, 404, 404, 404, 404, 404),
    ),
    Case("organisations:list", "get", none, expect(302, 200, 200, 200, 200, 200, 200)),
    Case("organisations:detail", "get", org, expect(302, 200, 200, 200, 200, 404, 200)),
    Case("organisations:people", "get", org, expect(302, 200, 200, 200, 200, 404, 200)),
    Case("organisations:people", "post", org, expect(302, 403, 403, 403, 400, 404, 403)),
    Case(
        "organisations:invitation_withdraw",
        "post",
        lambda w: {"org": w.org.slug, "pk": w.invitation_id},
        expect(302, 404, 404, 404, 302, 404, 404),
    ),
    Case(
        "organisations:membership_remove",
        "post",
        lambda w: {"org": w.org.slug, "pk": w.viewer_membership_id},
        expect(302, 403, 403, 403, 302, 404, 403),
    ),
    Case("assessments:start", "get", org, expect(302, 403, 200, 200, 403, 404, 403)),
    Case("assessments:start", "post", org, expect(302, 403, 400, 400, 403, 404, 403)),
    Case("assessments:overview", "get", draft_kwargs, OWN_READ_DRAFT, "draft"),
    Case("assessments:overview", "get", submitted_kwargs, OWN_READ_SUBMITTED, "submitted"),
    Case("assessments:category", "get", lambda w: draft_kwargs(w, section="2a"), OWN_READ_DRAFT),
    Case(
        "assessments:category",
        "get",
        lambda w: submitted_kwargs(w, section="1"),
        OWN_READ_SUBMITTED,
        "submitted",
    ),
    Case("assessments:criterion", "get", lambda w: draft_kwargs(w, row="1.1"), OWN_READ_DRAFT),
    Case(
        "assessments:criterion",
        "post",
        lambda w: draft_kwargs(w, row="1.1"),
        expect(302, 403, 400, 403, 403, 404, 404),
    ),
    Case(
        "assessments:criterion",
        "post",
        lambda w: submitted_kwargs(w, row="1.1"),
        expect(302, 403, 403, 403, 403, 404, 403),
        "submitted",
    ),
    Case(
        "assessments:link_add",
        "post",
        lambda w: draft_kwargs(w, row="1.1"),
        expect(302, 403, 400, 403, 403, 404, 404),
    ),
    Case(
        "assessments:link_remove",
        "post",
        lambda w: draft_kwargs(w, link=w.link_id),
        EDITOR_ONLY_DRAFT,
    ),
    Case(
        "assessments:file_add",
        "post",
        lambda w: draft_kwargs(w, row="1.1"),
        expect(302, 403, 400, 403, 403, 404, 404),
    ),
    Case("assessments:file", "get", lambda w: draft_kwargs(w, file=w.file_id), OWN_READ_DRAFT),
    Case(
        "assessments:file",
        "get",
        lambda w: submitted_kwargs(w, file=w.submitted_file_id),
        OWN_READ_SUBMITTED,
        "submitted",
    ),
    Case(
        "assessments:file",
        "get",
        lambda w: draft_kwargs(w, file=w.submitted_file_id),
        expect(302, 404, 404, 404, 404, 404, 404),
        "of another assessment",
    ),
    Case(
        "assessments:file_remove",
        "post",
        lambda w: draft_kwargs(w, file=w.file_id),
        EDITOR_ONLY_DRAFT,
    ),
    Case("assessments:submit", "get", draft_kwargs, expect(302, 403, 403, 200, 403, 404, 404)),
    Case("assessments:submit", "post", draft_kwargs, expect(302, 403, 403, 302, 403, 404, 404)),
    Case(
        "assessments:submit",
        "post",
        submitted_kwargs,
        expect(302, 403, 403, 403, 403, 404, 403),
        "submitted",
    ),
    Case("assessments:return", "get", submitted_kwargs, expect(302, 403, 403, 200, 403, 404, 200)),
    Case("assessments:return", "post", submitted_kwargs, expect(302, 403, 403, 400, 403, 404, 400)),
    Case("assessments:copy", "get", submitted_kwargs, expect(302, 403, 200, 200, 403, 404, 403)),
    Case("assessments:copy", "post", submitted_kwargs, expect(302, 403, 400, 400, 403, 404, 403)),
    Case("assessments:export_xlsx", "get", draft_kwargs, OWN_READ_DRAFT),
    Case("assessments:export_xlsx", "get", submitted_kwargs, OWN_READ_SUBMITTED, "submitted"),
    Case("assessments:print", "get", draft_kwargs, OWN_READ_DRAFT),
    Case("assessments:print", "get", submitted_kwargs, OWN_READ_SUBMITTED, "submitted"),
    Case("assessments:template", "get", draft_kwargs, OWN_READ_DRAFT),
    Case("assessments:import", "get", draft_kwargs, expect(302, 403, 200, 403, 403, 404, 404)),
    Case("assessments:import", "post", draft_kwargs, expect(302, 403, 400, 403, 403, 404, 404)),
    Case("assessments:import_apply", "post", draft_kwargs, EDITOR_ONLY_DRAFT),
    Case("standard:index", "get", none, expect(200, 200, 200, 200, 200, 200, 200)),
    Case(
        "standard:grid",
        "get",
        lambda w: {"version": "14"},
        expect(200, 200, 200, 200, 200, 200, 200),
    ),
    Case(
        "standard:grid",
        "get",
        lambda w: {"version": "99"},
        expect(404, 404, 404, 404, 404, 404, 404),
        "unknown version",
    ),
    Case(
        "standard:guidance",
        "get",
        lambda w: {"version": "14", "row": "1.1"},
        expect(302, 403, 403, 403, 403, 403, 200),
    ),
    Case(
        "standard:guidance",
        "post",
        lambda w: {"version": "14", "row": "1.1"},
        expect(302, 403, 403, 403, 403, 403, 302),
    ),
    # The pilot scheme. The peer reviewer reads exactly the assessment under review.
    Case("assessments:overview", "get", in_round_kwargs, IN_ROUND_READ, "in a round"),
    Case(
        "assessments:category",
        "get",
        lambda w: in_round_kwargs(w, section="1"),
        IN_ROUND_READ,
        "in a round",
    ),
    Case(
        "assessments:criterion",
        "get",
        lambda w: in_round_kwargs(w, row="1.1"),
        IN_ROUND_READ,
        "in a round",
    ),
    Case(
        "assessments:file",
        "get",
        lambda w: in_round_kwargs(w, file=w.in_round_file_id),
        IN_ROUND_READ,
        "in a round",
    ),
    Case("assessments:export_xlsx", "get", in_round_kwargs, IN_ROUND_READ, "in a round"),
    Case(
        "assessments:criterion",
        "post",
        lambda w: in_round_kwargs(w, row="1.1"),
        expect(302, 403, 403, 403, 403, 404, 403, 403),
        "in a round",
    ),
    Case("rounds:list", "get", none, expect(302, 200, 200, 200, 200, 200, 200, 200)),
    Case("rounds:new", "get", none, COORDINATOR_ONLY),
    Case("rounds:new", "post", none, expect(302, 403, 403, 403, 403, 403, 400, 403)),
    Case("rounds:feedback", "get", none, COORDINATOR_ONLY),
    Case("rounds:feedback_export", "get", none, COORDINATOR_ONLY),
    Case("rounds:feedback_new", "get", none, expect(302, 200, 200, 200, 200, 200, 200, 200)),
    Case("rounds:feedback_new", "post", none, expect(302, 400, 400, 400, 400, 400, 400, 400)),
    # Comparison groups for benchmarks: the coordinator's alone
    Case("rounds:groups", "get", none, COORDINATOR_ONLY),
    Case("rounds:group_new", "get", none, COORDINATOR_ONLY),
    Case("rounds:group_new", "post", none, expect(302, 403, 403, 403, 403, 403, 400, 403), "empty"),
    Case("rounds:group_edit", "get", comparison_group, COORDINATOR_ONLY),
    Case(
        "rounds:group_edit",
        "post",
        comparison_group,
        expect(302, 403, 403, 403, 403, 403, 400, 403),
        "empty",
    ),
    Case(
        "rounds:group_edit",
        "get",
        no_group,
        expect(302, 403, 403, 403, 403, 403, 404, 403),
        "that does not exist",
    ),
    Case("rounds:group_delete", "get", comparison_group, COORDINATOR_ONLY),
    Case(
        "rounds:group_delete",
        "post",
        comparison_group,
        expect(302, 403, 403, 403, 403, 403, 302, 403),
    ),
    Case(
        "rounds:group_delete",
        "post",
        no_group,
        expect(302, 403, 403, 403, 403, 403, 404, 403),
        "that does not exist",
    ),
    Case("rounds:detail", "get", round_kwargs, expect(302, 200, 200, 200, 200, 200, 200, 200)),
    Case("rounds:edit", "get", round_kwargs, COORDINATOR_IN_ROUND),
    Case("rounds:edit", "post", round_kwargs, expect(302, 403, 403, 403, 403, 403, 400, 403)),
    Case("rounds:participants", "get", round_kwargs, COORDINATOR_IN_ROUND),
    Case(
        "rounds:participants",
        "post",
        round_kwargs,
        expect(302, 403, 403, 403, 403, 403, 400, 403),
    ),
    Case("rounds:close", "get", round_kwargs, COORDINATOR_IN_ROUND),
    Case("rounds:close", "post", round_kwargs, expect(302, 403, 403, 403, 403, 403, 302, 403)),
    Case("rounds:pairing", "get", round_kwargs, COORDINATOR_IN_ROUND),
    Case("rounds:pairing", "post", round_kwargs, expect(302, 403, 403, 403, 403, 403, 400, 403)),
    Case(
        "rounds:reviewer_add",
        "post",
        lambda w: round_kwargs(w, pairing=w.pairing_id),
        expect(302, 403, 403, 403, 403, 403, 302, 403),
    ),
    Case(
        "rounds:reviewer_remove",
        "post",
        lambda w: round_kwargs(w, pairing=w.pairing_id, reviewer=w.peer_reviewer_id),
        expect(302, 403, 403, 403, 403, 403, 302, 403),
    ),
    Case("rounds:calibration", "get", round_kwargs, COORDINATOR_IN_ROUND),
    Case("rounds:evaluation", "get", round_kwargs, COORDINATOR_IN_ROUND),
    Case("rounds:evaluation_xlsx", "get", round_kwargs, COORDINATOR_IN_ROUND),
    Case("rounds:review", "get", review_kwargs, IN_ROUND_READ),
    Case(
        "rounds:review_section",
        "get",
        lambda w: review_kwargs(w, section="2a"),
        IN_ROUND_READ,
    ),
    Case(
        "rounds:review_section",
        "get",
        lambda w: review_kwargs(w, section="99"),
        expect(302, 404, 404, 404, 404, 404, 404, 404),
        "unknown section",
    ),
    Case(
        "rounds:judge",
        "post",
        lambda w: review_kwargs(w, row="1.1"),
        expect(302, 403, 403, 403, 403, 404, 403, 400),
    ),
    # Replies wait for a completed review, moderation for replies: nobody, yet.
    Case(
        "rounds:reply",
        "post",
        lambda w: review_kwargs(w, row="1.1"),
        expect(302, 403, 403, 403, 403, 404, 403, 403),
    ),
    Case(
        "rounds:moderate",
        "post",
        lambda w: review_kwargs(w, row="1.1"),
        expect(302, 403, 403, 403, 403, 404, 403, 403),
    ),
    Case(
        "rounds:complete_review",
        "post",
        review_kwargs,
        expect(302, 403, 403, 403, 403, 404, 403, 302),
    ),
    Case(
        "rounds:complete_moderation",
        "post",
        review_kwargs,
        expect(302, 403, 403, 403, 403, 404, 403, 403),
    ),
    Case(
        "rounds:finalise",
        "post",
        review_kwargs,
        expect(302, 403, 403, 403, 403, 404, 403, 403),
    ),
    Case("rounds:cycle", "get", lambda w: review_kwargs(w, number=1), IN_ROUND_READ),
    Case(
        "rounds:cycle",
        "get",
        lambda w: review_kwargs(w, number=2),
        expect(302, 404, 404, 404, 404, 404, 404, 404),
        "that does not exist",
    ),
    # Workforce data. Figures: the organisation's own people (full) and the coordinator
    # (disclosure-controlled); uploads: its own people only; changes: its editors.
    Case("returns:dashboard", "get", org, FIGURES),
    Case("returns:upload", "get", org, WORKFORCE_EDITOR),
    Case("returns:upload", "post", org, expect(302, 403, 400, 403, 403, 404, 403), "no file"),
    Case("returns:list", "get", org, UPLOADS),
    Case("returns:status", "get", snapshot_kwargs, UPLOADS, "accepted"),
    Case("returns:status", "get", refused_kwargs, UPLOADS, "refused"),
    Case(
        "returns:status",
        "get",
        theirs_under_ours,
        expect(302, 404, 404, 404, 404, 404, 403),
        "of another organisation",
    ),
    Case("returns:snapshot", "get", snapshot_kwargs, FIGURES),
    Case("returns:snapshot", "get", refused_kwargs, NOBODY, "refused"),
    Case("returns:snapshot", "get", theirs_under_ours, NOBODY, "of another organisation"),
    Case("returns:xlsx", "get", snapshot_kwargs, FIGURES),
    Case("returns:xlsx", "get", theirs_under_ours, NOBODY, "of another organisation"),
    Case("returns:csv", "get", snapshot_kwargs, FIGURES),
    Case("returns:csv", "get", refused_kwargs, NOBODY, "refused"),
    Case("returns:csv", "get", theirs_under_ours, NOBODY, "of another organisation"),
    Case("returns:trends_csv", "get", org, FIGURES),
    Case("returns:targets", "get", org, FIGURES),
    Case("returns:targets", "post", org, expect(302, 403, 400, 403, 403, 404, 403), "empty"),
    Case("returns:target_edit", "get", target_kwargs, WORKFORCE_EDITOR),
    Case(
        "returns:target_edit",
        "post",
        target_kwargs,
        expect(302, 403, 400, 403, 403, 404, 403),
        "empty",
    ),
    Case(
        "returns:target_edit",
        "get",
        their_target_kwargs,
        expect(302, 403, 404, 403, 403, 404, 403),
        "of another organisation",
    ),
    Case(
        "returns:target_remove",
        "post",
        target_kwargs,
        expect(302, 403, 302, 403, 403, 404, 403),
    ),
    Case(
        "returns:target_remove",
        "post",
        their_target_kwargs,
        expect(302, 403, 404, 403, 403, 404, 403),
        "of another organisation",
    ),
    # Any local authority's people see the London-wide picture (others' names withheld).
    Case("london:workforce", "get", none, expect(302, 200, 200, 200, 200, 200, 200, 200)),
    # The workforce data standard, its templates and Table Schemas: open to anyone.
    Case("data_standard:page", "get", none, EVERYONE),
    Case("data_standard:template", "get", lambda w: {"kind": "employee-return"}, EVERYONE),
    Case("data_standard:schema", "get", lambda w: {"kind": "recruitment-return"}, EVERYONE),
    # Accepting what the figures suggest changes an answer: the draft's editors only. It
    # redirects whether or not a suggestion applied (1.1 has none).
    Case(
        "assessments:suggestion_accept",
        "post",
        lambda w: draft_kwargs(w, row="1.1"),
        EDITOR_ONLY_DRAFT,
    ),
    Case(
        "assessments:suggestion_accept",
        "post",
        lambda w: draft_kwargs(w, row="3.1"),
        EDITOR_ONLY_DRAFT,
        "data-linked",
    ),
    Case(
        "assessments:suggestion_accept",
        "post",
        lambda w: submitted_kwargs(w, row="1.1"),
        expect(302, 403, 403, 403, 403, 404, 403),
        "submitted",
    ),
    # The admin is Django's; only coordinators get past its sign-in.
    Case("admin:index", "get", none, expect(302, 302, 302, 302, 302, 302, 200)),
    Case(
        "admin:organisations_organisation_changelist",
        "get",
        none,
        expect(302, 302, 302, 302, 302, 302, 200),
    ),
    Case("admin:accounts_user_changelist", "get", none, expect(302, 302, 302, 302, 302, 302, 200)),
    # PDFs: the same people as the page each mirrors
    Case("assessments:report_pdf", "get", draft_kwargs, OWN_READ_DRAFT),
    Case("assessments:report_pdf", "get", submitted_kwargs, OWN_READ_SUBMITTED, "submitted"),
    Case("returns:report_pdf", "get", snapshot_kwargs, FIGURES),
    Case("returns:report_pdf", "get", theirs_under_ours, NOBODY, "of another organisation"),
    Case("returns:report_pdf", "get", refused_kwargs, NOBODY, "refused"),
    Case("assessments:report_pdf", "get", in_round_kwargs, IN_ROUND_READ, "in a round"),
    Case("rounds:evaluation_pdf", "get", round_kwargs, COORDINATOR_IN_ROUND),
    # Benchmarks: the coordinator and the people of organisations in the round
    Case("rounds:benchmark", "get", round_kwargs, IN_ROUND_BENCHMARK),
    Case("rounds:benchmark_csv", "get", round_kwargs, IN_ROUND_BENCHMARK),
    # Publishing: the organisation's people may look, its approvers publish
    Case("publish:index", "get", org, expect(302, 200, 200, 200, 200, 404, 200)),
    Case("publish:index", "post", org, expect(302, 403, 403, 400, 403, 404, 403)),
    # The public site, the open data and the API: everyone, signed in or not
    *[Case(name, "get", none, EVERYONE) for name in PUBLIC_SITE],
    *[Case(name, "get", published, EVERYONE) for name in PUBLISHED_PAGES],
    *[Case(name, "get", published_version, EVERYONE) for name in PUBLISHED_VERSIONS],
    Case(
        "public:resource",
        "get",
        lambda w: published_version(w, name="workforce_headlines"),
        EVERYONE,
    ),
    Case(
        "public:resource",
        "get",
        lambda w: published_version(w, name="nothing"),
        NOT_FOUND,
        "missing",
    ),
    Case("public:organisation", "get", lambda w: {"slug": "other"}, NOT_FOUND, "unpublished"),
    Case(
        "public:version",
        "get",
        lambda w: {"slug": "own", "version": 2},
        NOT_FOUND,
        "no such version",
    ),
    Case("api-v1:organisation", "get", lambda w: {"slug": "own"}, EVERYONE),
    Case("api-v1:organisation", "get", lambda w: {"slug": "other"}, NOT_FOUND, "unpublished"),
    Case("api-v1:versions", "get", lambda w: {"slug": "own"}, EVERYONE),
    Case("api-v1:version", "get", lambda w: {"slug": "own", "version": 1}, EVERYONE),
    Case("api-v1:version", "get", lambda w: {"slug": "own", "version": 2}, NOT_FOUND, "missing"),
    Case("api-v1:organisations", "post", none, expect(405, 405, 405, 405, 405, 405, 405)),
    Case("api-v1:api-root", "get", none, NOT_FOUND),
    # The Anti-Racist Statement register: public; adoptions recorded by the organisation's senior
    # people and confirmed or returned by the coordinator
    Case("statement:register", "get", none, EVERYONE),
    Case("statement:register_json", "get", none, EVERYONE),
    Case("statement:register_csv", "get", none, EVERYONE),
    Case("statement:queue", "get", none, COORDINATOR_ONLY),
    Case("statement:confirm", "post", own_adoption, expect(302, 403, 403, 403, 403, 403, 302, 403)),
    Case("statement:return", "post", own_adoption, expect(302, 403, 403, 403, 403, 403, 400, 403)),
    Case("statement_org:detail", "get", org, expect(302, 200, 200, 200, 200, 404, 200, 404)),
    Case("statement_org:detail", "post", org, expect(302, 403, 403, 400, 400, 404, 403, 404)),
    Case(
        "statement_org:withdraw",
        "post",
        lambda w: {"org": w.org.slug, "pk": own_adoption(w)["pk"]},
        expect(302, 403, 403, 403, 302, 404, 403, 404),
    ),
    Case(
        "statement_org:withdraw",
        "post",
        lambda w: {"org": w.org.slug, "pk": Adoption.objects.get(organisation__slug="other").pk},
        expect(302, 403, 403, 403, 404, 404, 403, 404),
        "of another organisation",
    ),
]


def _names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix() -> None:
    # Django's admin generates its own URLs; the matrix covers its entry points above and the
    # admin site refuses everyone but coordinators (tri.common.admin).
    ours = {name for name in _names(get_resolver().url_patterns) if not name.startswith("admin:")}
    covered = {case.name for case in CASES}
    assert ours - covered == set(), "add these URLs to the permission matrix"
    assert {name for name in covered if not name.startswith("admin:")} <= ours


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case: Case, role: str, client: Client) -> None:
    world = build_world()
    person = world.people[role]
    if person is not None:
        client.force_login(person)
    url = reverse(case.name, kwargs=case.kwargs(world))
    response = getattr(client, case.method)(url)
    assert response.status_code == case.expected[role], (
        f"{case.id} as {role}: {response.status_code}"
    )


def _xlsx_values(content: bytes) -> list[list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]


def test_the_coordinator_gets_only_disclosure_controlled_figures(client: Client) -> None:
    world = build_world()
    snapshot = world.snapshot
    published = dashboard.figures_csv(snapshot.published or {})
    full = dashboard.figures_csv(snapshot.full or {})
    assert published != full, "the return is too small to tell the two apart"
    urls = {
        name: reverse(f"returns:{name}", kwargs=snapshot_kwargs(world))
        for name in ("csv", "xlsx", "snapshot")
    }
    urls["dashboard"] = reverse("returns:dashboard", kwargs=org(world))
    urls["trends_csv"] = reverse("returns:trends_csv", kwargs=org(world))

    client.force_login(world.people["coordinator"])
    csv_response = client.get(urls["csv"])
    assert csv_response.status_code == 200
    assert csv_response.content.decode() == published
    xlsx = client.get(urls["xlsx"])
    assert xlsx.status_code == 200
    assert _xlsx_values(xlsx.content) == _xlsx_values(workforce_xlsx(snapshot.published or {}))
    assert _xlsx_values(xlsx.content) != _xlsx_values(workforce_xlsx(snapshot.full or {}))
    page = client.get(urls["dashboard"])
    assert page.status_code == 200
    assert page.context["is_full"] is False
    expected = dashboard.report_page(snapshot.published or {}, world.org, snapshot)
    assert page.context["page"] == expected
    assert page.context["page"] != dashboard.report_page(snapshot.full or {}, world.org, snapshot)
    # Their own people see the full figures.
    client.force_login(world.people["viewer"])
    assert client.get(urls["csv"]).content.decode() == full

    client.force_login(world.people["other"])
    for name, url in urls.items():
        assert client.get(url).status_code == 404, name


#: What the peer reviewer can read while the round is open, and must not once it closes.
REVIEWER_READS = [
    ("assessments:overview", in_round_kwargs),
    ("assessments:file", lambda w: in_round_kwargs(w, file=w.in_round_file_id)),
    ("assessments:criterion", lambda w: in_round_kwargs(w, row="1.1")),
    ("rounds:review", review_kwargs),
    ("rounds:review_section", lambda w: review_kwargs(w, section="1")),
]


@pytest.mark.parametrize("closing", ["closed early", "past its closing date"])
@pytest.mark.parametrize(("name", "kwargs"), REVIEWER_READS, ids=[n for n, _k in REVIEWER_READS])
def test_the_peer_reviewer_loses_access_when_the_round_closes(
    name: str, kwargs: Callable[[World], dict[str, Any]], closing: str, client: Client
) -> None:
    import time_machine

    from tri.rounds.models import Round

    world = build_world()
    client.force_login(world.people["reviewer"])
    url = reverse(name, kwargs=kwargs(world))
    assert client.get(url).status_code == 200
    round_ = Round.objects.get(pk=world.round_id)
    if closing == "closed early":
        round_services.close_round(round_=round_, actor=world.people["coordinator"])
        assert client.get(url).status_code == 404
    else:
        with time_machine.travel(round_.closes_on + timedelta(days=1)):
            client.force_login(world.people["reviewer"])  # the earlier session has expired
            assert client.get(url).status_code == 404
