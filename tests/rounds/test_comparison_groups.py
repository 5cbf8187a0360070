"""The coordinator's comparison groups: the services, the pages and what a round's benchmark
makes of them.

Twenty local authorities: Inner 1–6 (inner London, Central London Forward), West 1–7 (outer,
West London Alliance) and Local 1–7 (outer, Local London). "Mixed boroughs" (Inner 1–3 and West
1–3) is at least 6 organisations from every built-in group, so it may be saved; Inner 1–5 is one
organisation from Inner London (and from Central London Forward, which has the same members).
"""

from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from tests.factories import OrganisationFactory, coordinator, member
from tri.accounts.models import User
from tri.common.models import AuditEvent
from tri.organisations.enums import Area, Partnership, Role
from tri.organisations.models import ComparisonGroup, Organisation
from tri.rounds import queries, services
from tri.rounds.benchmarks import round_benchmark
from tri.rounds.models import Round

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

WHY = (
    "Showing both would let someone work out one organisation's results by comparing the two "
    "groups. Add or take out organisations so that it differs from every other group by at "
    "least 5."
)
FEWER_THAN_5 = (
    "Choose at least 5 organisations: no group's figures are shown for fewer than 5, so that "
    "no one organisation's results can be picked out."
)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


@pytest.fixture
def boss() -> User:
    return coordinator()


@pytest.fixture
def orgs() -> dict[str, Organisation]:
    found = {}
    for prefix, count, area, partnership in (
        ("Inner", 6, Area.INNER, Partnership.CENTRAL_LONDON_FORWARD),
        ("West", 7, Area.OUTER, Partnership.WEST_LONDON_ALLIANCE),
        ("Local", 7, Area.OUTER, Partnership.LOCAL_LONDON),
    ):
        for number in range(1, count + 1):
            name = f"{prefix} {number}"
            found[name] = OrganisationFactory.create(
                name=name,
                slug=name.lower().replace(" ", "-"),
                area=area,
                partnership=partnership,
            )
    return found


def pick(orgs: dict[str, Organisation], *names: str) -> list[Organisation]:
    return [orgs[name] for name in names]


MIXED = ("Inner 1", "Inner 2", "Inner 3", "West 1", "West 2", "West 3")
MIXED_SLUGS = ["inner-1", "inner-2", "inner-3", "west-1", "west-2", "west-3"]
OTHERS = ("Inner 4", "Inner 5", "Inner 6", "Local 1", "Local 2", "Local 3")
#: Two from Mixed boroughs (West 3 out, Local 1 in), far from every built-in group.
NEAR_MIXED = ("Inner 1", "Inner 2", "Inner 3", "West 1", "West 2", "Local 1")
NEAR_INNER = ("Inner 1", "Inner 2", "Inner 3", "Inner 4", "Inner 5")


@pytest.fixture
def mixed(boss: User, orgs: dict[str, Organisation]) -> ComparisonGroup:
    return services.save_group(
        name="Mixed boroughs",
        description="Three inner, three outer.",
        members=pick(orgs, *MIXED),
        actor=boss,
    )


def slugs(group: ComparisonGroup) -> list[str]:
    return sorted(group.members.values_list("slug", flat=True))


def audit_rows() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (event.verb, event.target_id, event.data)
        for event in AuditEvent.objects.filter(
            target_type="organisations.comparisongroup"
        ).order_by("pk")
    ]


# ---------------------------------------------------------------- services


def test_save_group_creates_a_group_with_an_audit_record(
    mixed: ComparisonGroup, boss: User
) -> None:
    group = ComparisonGroup.objects.get()

    assert (group.name, group.description, group.created_by) == (
        "Mixed boroughs",
        "Three inner, three outer.",
        boss,
    )
    assert slugs(group) == MIXED_SLUGS
    after = {
        "name": "Mixed boroughs",
        "description": "Three inner, three outer.",
        "members": MIXED_SLUGS,
    }
    assert audit_rows() == [
        ("comparison_group.saved", str(group.pk), {"before": None, "after": after})
    ]
    assert AuditEvent.objects.get(target_type="organisations.comparisongroup").actor == boss


def test_save_group_changes_members_and_moves_updated_at(
    mixed: ComparisonGroup, boss: User, orgs: dict[str, Organisation]
) -> None:
    """Only the members change: updated_at still moves, so cached benchmarks are redone."""
    before = mixed.updated_at

    changed = services.save_group(
        name="  Mixed boroughs ",
        description="Three inner, three outer.",
        members=pick(orgs, *OTHERS),
        group=mixed,
        actor=boss,
    )

    assert changed.pk == mixed.pk
    assert ComparisonGroup.objects.count() == 1
    assert changed.name == "Mixed boroughs"
    assert slugs(changed) == ["inner-4", "inner-5", "inner-6", "local-1", "local-2", "local-3"]
    assert ComparisonGroup.objects.get().updated_at > before
    assert audit_rows()[-1] == (
        "comparison_group.saved",
        str(mixed.pk),
        {
            "before": {
                "name": "Mixed boroughs",
                "description": "Three inner, three outer.",
                "members": MIXED_SLUGS,
            },
            "after": {
                "name": "Mixed boroughs",
                "description": "Three inner, three outer.",
                "members": ["inner-4", "inner-5", "inner-6", "local-1", "local-2", "local-3"],
            },
        },
    )


def test_a_group_is_not_too_close_to_itself(
    mixed: ComparisonGroup, boss: User, orgs: dict[str, Organisation]
) -> None:
    """Renaming compares the members with every other group, not with the group as it was."""
    renamed = services.save_group(
        name="mixed boroughs (renamed)",
        description="",
        members=pick(orgs, *NEAR_MIXED),
        group=mixed,
        actor=boss,
    )

    assert (renamed.name, renamed.description) == ("mixed boroughs (renamed)", "")


def test_delete_group_leaves_an_audit_record(mixed: ComparisonGroup, boss: User) -> None:
    pk = mixed.pk

    services.delete_group(group=mixed, actor=boss)

    assert ComparisonGroup.objects.count() == 0
    assert audit_rows()[-1] == (
        "comparison_group.deleted",
        str(pk),
        {
            "name": "Mixed boroughs",
            "description": "Three inner, three outer.",
            "members": MIXED_SLUGS,
        },
    )


@pytest.mark.parametrize(
    ("name", "members", "expected"),
    [
        ("  ", MIXED, {"name": ["Enter a name for the group."]}),
        (
            "MIXED Boroughs",
            OTHERS,
            {
                "name": [
                    "There is already a group called “Mixed boroughs”. Choose a different name."
                ]
            },
        ),
        ("Small", MIXED[:4], {"members": [FEWER_THAN_5]}),
        (
            "Near inner",
            NEAR_INNER,
            {
                "members": [
                    "This group differs from Inner London by only 1 organisation and from "
                    "Central London Forward by only 1 organisation. " + WHY
                ]
            },
        ),
        (
            "Near mixed",
            NEAR_MIXED,
            {"members": ["This group differs from Mixed boroughs by only 2 organisations. " + WHY]},
        ),
        (
            "",
            NEAR_MIXED[:3],
            {"name": ["Enter a name for the group."], "members": [FEWER_THAN_5]},
        ),
    ],
    ids=["blank name", "name taken", "fewer than 5", "near a built-in group", "near mine", "both"],
)
def test_save_group_refuses_and_saves_nothing(
    mixed: ComparisonGroup,
    boss: User,
    orgs: dict[str, Organisation],
    name: str,
    members: tuple[str, ...],
    expected: dict[str, list[str]],
) -> None:
    rows = audit_rows()

    with pytest.raises(ValidationError) as caught:
        services.save_group(name=name, description="", members=pick(orgs, *members), actor=boss)

    assert caught.value.message_dict == expected
    assert list(ComparisonGroup.objects.values_list("name", flat=True)) == ["Mixed boroughs"]
    assert audit_rows() == rows


def test_a_group_too_small_to_be_shown_does_not_count(
    boss: User, orgs: dict[str, Organisation]
) -> None:
    """South London Partnership has 2 organisations: 3 from a group of both and 3 others, but
    never shown, so it gives nothing away."""
    south = [
        OrganisationFactory.create(
            name=f"South {n}", area=Area.OUTER, partnership=Partnership.SOUTH_LONDON_PARTNERSHIP
        )
        for n in (1, 2)
    ]

    group = services.save_group(
        name="With the south",
        description="",
        members=[*south, *pick(orgs, "Inner 1", "Inner 2", "West 1")],
        actor=boss,
    )

    assert group.members.count() == 5


def test_save_group_refuses_the_coordinating_body(
    boss: User, orgs: dict[str, Organisation]
) -> None:
    body = Organisation.objects.get(slug="london-councils")

    with pytest.raises(ValidationError) as caught:
        services.save_group(
            name="With us", description="", members=[*pick(orgs, *MIXED), body], actor=boss
        )

    assert caught.value.message_dict == {
        "members": ["Only local authorities can be in a comparison group, not London Councils."]
    }
    assert ComparisonGroup.objects.count() == 0


def test_only_the_coordinator_manages_groups(
    mixed: ComparisonGroup, orgs: dict[str, Organisation]
) -> None:
    editor = member(orgs["Inner 1"], Role.EDITOR, Role.APPROVER, Role.ADMIN)

    with pytest.raises(PermissionDenied):
        services.save_group(name="Mine", description="", members=pick(orgs, *OTHERS), actor=editor)
    with pytest.raises(PermissionDenied):
        services.delete_group(group=mixed, actor=editor)
    assert list(ComparisonGroup.objects.all()) == [mixed]


# ---------------------------------------------------------------- queries


def test_comparison_memberships_built_in_first_then_custom(
    mixed: ComparisonGroup, orgs: dict[str, Organisation]
) -> None:
    def ids(prefix: str) -> frozenset[int]:
        return frozenset(o.pk for name, o in orgs.items() if name.startswith(prefix))

    mine = frozenset(o.pk for o in pick(orgs, *MIXED))

    assert queries.comparison_memberships() == [
        ("All London local authorities", frozenset(o.pk for o in orgs.values())),
        ("Inner London", ids("Inner")),
        ("Outer London", ids("West") | ids("Local")),
        ("Central London Forward", ids("Inner")),
        ("Local London", ids("Local")),
        ("South London Partnership", frozenset()),
        ("West London Alliance", ids("West")),
        ("Mixed boroughs", mine),
    ]
    assert queries.comparison_memberships(leaving_out=mixed)[-1][0] == "West London Alliance"


def test_only_the_coordinator_sees_groups(
    mixed: ComparisonGroup, boss: User, orgs: dict[str, Organisation]
) -> None:
    editor = member(orgs["Inner 1"], Role.EDITOR, Role.ADMIN)

    assert list(queries.visible_comparison_groups(boss)) == [mixed]
    assert queries.access_comparison_group(boss, mixed.pk) == mixed
    assert list(queries.visible_comparison_groups(editor)) == []
    with pytest.raises(Http404):
        queries.access_comparison_group(editor, mixed.pk)
    with pytest.raises(Http404):
        queries.access_comparison_group(boss, mixed.pk + 1)


# ---------------------------------------------------------------- pages


def form_data(orgs: dict[str, Organisation], name: str, *members: str) -> dict[str, Any]:
    return {"name": name, "description": "", "members": [orgs[m].pk for m in members]}


def test_list_shows_each_group(client: Client, boss: User, mixed: ComparisonGroup) -> None:
    client.force_login(boss)

    response = client.get(reverse("rounds:groups"))

    assert response.status_code == 200
    assert list(response.context["groups"]) == [mixed]
    text = response.content.decode()
    assert "Mixed boroughs" in text
    assert "Inner 1, Inner 2, Inner 3, West 1, West 2, West 3" in text
    assert reverse("rounds:group_edit", kwargs={"group": mixed.pk}) in text
    assert reverse("rounds:group_delete", kwargs={"group": mixed.pk}) in text


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_do_not_grow_with_groups(
    client: Client,
    boss: User,
    orgs: dict[str, Organisation],
    count: int,
    django_assert_num_queries: Any,
) -> None:
    """Groups of five, each far from the others and from every built-in group."""
    names = list(orgs)
    for index in range(count):
        chosen = [names[index], names[6 + index], names[13 + index], names[3 + index], names[16]]
        services.save_group(
            name=f"Group {index}", description="", members=pick(orgs, *chosen), actor=boss
        )
    client.force_login(boss)

    with django_assert_num_queries(5):
        response = client.get(reverse("rounds:groups"))

    assert len(response.context["groups"]) == count


def test_new_group_is_saved_and_listed(
    client: Client, boss: User, orgs: dict[str, Organisation]
) -> None:
    client.force_login(boss)
    assert client.get(reverse("rounds:group_new")).status_code == 200

    response = client.post(
        reverse("rounds:group_new"), form_data(orgs, "Mixed boroughs", *MIXED), follow=True
    )

    assert response.redirect_chain == [(reverse("rounds:groups"), 302)]
    group = ComparisonGroup.objects.get()
    assert (group.name, slugs(group)) == ("Mixed boroughs", MIXED_SLUGS)
    assert "Comparison group “Mixed boroughs” saved." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (lambda o: form_data(o, "", *OTHERS), "name", "Enter a name for the group."),
        (
            lambda o: form_data(o, "mixed BOROUGHS", *OTHERS),
            "name",
            "There is already a group called “Mixed boroughs”. Choose a different name.",
        ),
        (lambda o: form_data(o, "Small", *OTHERS[:4]), "members", FEWER_THAN_5),
        (lambda o: form_data(o, "Nobody"), "members", FEWER_THAN_5),
        (
            lambda o: form_data(o, "Near inner", *NEAR_INNER),
            "members",
            "This group differs from Inner London by only 1 organisation and from Central "
            "London Forward by only 1 organisation. " + WHY,
        ),
        (
            lambda o: form_data(o, "Near mixed", *NEAR_MIXED),
            "members",
            "This group differs from Mixed boroughs by only 2 organisations. " + WHY,
        ),
        (
            lambda o: {**form_data(o, "Unknown", *OTHERS), "members": [o["Inner 4"].pk, 999999]},
            "members",
            "There is no local authority with the id 999999. Choose organisations from the list.",
        ),
        (
            lambda o: {
                **form_data(o, "Us", *OTHERS),
                "members": [
                    *form_data(o, "", *OTHERS)["members"],
                    Organisation.objects.get(slug="london-councils").pk,
                ],
            },
            "members",
            "There is no local authority with the id {body}. Choose organisations from the list.",
        ),
        (
            lambda o: {**form_data(o, "Typed", *OTHERS), "members": ["abc"]},
            "members",
            "“abc” is not a local authority. Choose organisations from the list.",
        ),
    ],
    ids=[
        "blank name",
        "name taken",
        "fewer than 5",
        "none chosen",
        "near a built-in group",
        "near mine",
        "unknown organisation",
        "the coordinating body",
        "not an id",
    ],
)
def test_new_group_refused_shows_the_message_and_saves_nothing(
    client: Client,
    boss: User,
    orgs: dict[str, Organisation],
    mixed: ComparisonGroup,
    data: Any,
    field: str,
    message: str,
) -> None:
    message = message.format(body=Organisation.objects.get(slug="london-councils").pk)
    rows = audit_rows()
    client.force_login(boss)

    response = client.post(reverse("rounds:group_new"), data(orgs))

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    text = response.content.decode()
    assert "There is a problem" in text
    assert text.count(message.replace("'", "&#x27;")) == 2  # in the summary and at the field
    assert list(ComparisonGroup.objects.all()) == [mixed]
    assert slugs(mixed) == MIXED_SLUGS
    assert audit_rows() == rows


def test_edit_page_shows_the_group_and_saves_changes(
    client: Client, boss: User, orgs: dict[str, Organisation], mixed: ComparisonGroup
) -> None:
    client.force_login(boss)
    url = reverse("rounds:group_edit", kwargs={"group": mixed.pk})

    page = client.get(url)
    response = client.post(url, form_data(orgs, "Mixed, changed", *NEAR_MIXED))

    assert page.status_code == 200
    assert page.context["form"]["name"].value() == "Mixed boroughs"
    assert sorted(page.context["form"]["members"].value()) == sorted(
        o.pk for o in pick(orgs, *MIXED)
    )
    assert (response.status_code, response["Location"]) == (302, reverse("rounds:groups"))
    mixed.refresh_from_db()
    assert mixed.name == "Mixed, changed"
    assert slugs(mixed) == ["inner-1", "inner-2", "inner-3", "local-1", "west-1", "west-2"]


def test_edit_refused_when_too_close_to_another_group(
    client: Client, boss: User, orgs: dict[str, Organisation], mixed: ComparisonGroup
) -> None:
    other = services.save_group(
        name="Others", description="", members=pick(orgs, *OTHERS), actor=boss
    )
    client.force_login(boss)
    close = ("Inner 4", "Inner 5", "Inner 6", "Local 1", "Local 2", "Local 3", "Local 4")

    response = client.post(
        reverse("rounds:group_edit", kwargs={"group": mixed.pk}),
        form_data(orgs, "Mixed boroughs", *close),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "members": ["This group differs from Others by only 1 organisation. " + WHY]
    }
    assert slugs(mixed) == MIXED_SLUGS
    assert other.members.count() == 6


def test_delete_asks_first_then_deletes(client: Client, boss: User, mixed: ComparisonGroup) -> None:
    client.force_login(boss)
    url = reverse("rounds:group_delete", kwargs={"group": mixed.pk})

    page = client.get(url)
    assert page.status_code == 200
    assert "Delete this comparison group?" in page.content.decode()
    assert "It has 6 organisations." in page.content.decode()
    assert ComparisonGroup.objects.count() == 1

    response = client.post(url, follow=True)

    assert response.redirect_chain == [(reverse("rounds:groups"), 302)]
    assert ComparisonGroup.objects.count() == 0
    assert "Comparison group “Mixed boroughs” deleted." in response.content.decode()
    assert audit_rows()[-1][0] == "comparison_group.deleted"


def test_rounds_list_links_to_groups_for_the_coordinator_only(
    client: Client, boss: User, orgs: dict[str, Organisation]
) -> None:
    link = f'href="{reverse("rounds:groups")}"'
    client.force_login(boss)
    assert link in client.get(reverse("rounds:list")).content.decode()

    client.force_login(member(orgs["Inner 1"], Role.ADMIN))
    assert link not in client.get(reverse("rounds:list")).content.decode()


# ---------------------------------------------------------------- the benchmark


@pytest.fixture
def round_(boss: User, orgs: dict[str, Organisation]) -> Round:
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    return services.open_round(
        name="Round",
        standard_version="14",
        opens_on=today,
        submit_by=today + timedelta(days=10),
        closes_on=today + timedelta(days=20),
        organisations=pick(orgs, *MIXED),
        actor=boss,
    )


def custom_groups(round_: Round) -> list[tuple[str, str]]:
    result, _workforce, _names = round_benchmark(round_)
    return [(g.name, g.folded_because or "") for g in result.groups if g.key.startswith("custom-")]


def test_the_benchmark_follows_groups_made_changed_and_deleted(
    client: Client, boss: User, orgs: dict[str, Organisation], round_: Round
) -> None:
    """The benchmark is cached under the groups' state: each change must show at once. No
    organisation has final results yet, so the group is listed as not shown."""
    none_final = "0 organisations with final results, fewer than 5"
    assert custom_groups(round_) == []

    group = services.save_group(
        name="Mixed boroughs", description="", members=pick(orgs, *MIXED), actor=boss
    )
    assert custom_groups(round_) == [("Mixed boroughs", none_final)]

    services.save_group(
        name="Renamed", description="", members=pick(orgs, *MIXED), group=group, actor=boss
    )
    assert custom_groups(round_) == [("Renamed", none_final)]

    # Only the members change, to organisations not in the round: the group drops out.
    services.save_group(
        name="Renamed", description="", members=pick(orgs, *OTHERS), group=group, actor=boss
    )
    assert custom_groups(round_) == []

    services.save_group(
        name="Renamed", description="", members=pick(orgs, *MIXED), group=group, actor=boss
    )
    assert custom_groups(round_) == [("Renamed", none_final)]
    client.force_login(boss)
    page = client.get(reverse("rounds:benchmark", kwargs={"pk": round_.pk})).content.decode()
    assert f"Renamed: {none_final}" in page
    assert f'href="{reverse("rounds:groups")}"' in page

    services.delete_group(group=group, actor=boss)
    assert custom_groups(round_) == []
