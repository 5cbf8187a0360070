"""Changes to the register of adoptions of the Anti-Racist Statement. Every write names its
actor, checks its permission, runs in one transaction and leaves one audit record.

The flow: an organisation's admin or approver records the adoption (`record_adoption`); the
coordinator confirms it (`confirm_adoption`), which puts it on the public register, or returns it
with a reason (`return_adoption`) so the organisation can record it again, corrected. An
organisation's admin may withdraw its current adoption (`withdraw_adoption`). Nothing is
deleted: returned and withdrawn adoptions stay as history.
"""

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tri.accounts.models import User
from tri.common.audit import record
from tri.common.enums import Verb
from tri.common.permissions import can
from tri.organisations.models import Organisation
from tri.statement.enums import CURRENT_STATUSES, ENDORSED_ON, AdoptionStatus
from tri.statement.models import Adoption

DECISION_MAX = Adoption._meta.get_field("decision").max_length or 300
LINK_MAX = Adoption._meta.get_field("link").max_length or 500
_LINK = URLValidator(schemes=["https", "http"])


def _require(actor: User, perm: str, obj: object = None) -> None:
    if not can(actor, perm, obj):
        raise PermissionDenied(perm)


def _long_date(value: date) -> str:
    return date_format(value, "j F Y")


def _check_details(adopted_on: date, decision: str, link: str) -> dict[str, list[str]]:
    """Every problem with what was entered, by field: all of them at once."""
    problems: dict[str, list[str]] = {}
    if adopted_on > timezone.localdate():
        problems["adopted_on"] = [_("The date adopted must be today or in the past.")]
    elif adopted_on < ENDORSED_ON:
        problems["adopted_on"] = [
            _(
                "The date adopted must be on or after %(endorsed)s, when London Councils "
                "Leaders' Committee endorsed the Statement."
            )
            % {"endorsed": _long_date(ENDORSED_ON)}
        ]
    if not decision:
        problems["decision"] = [_("Enter the decision that adopted the Statement.")]
    elif len(decision) > DECISION_MAX:
        problems["decision"] = [
            _("The decision must be %(max)s characters or fewer.") % {"max": DECISION_MAX}
        ]
    if not link:
        problems["link"] = [_("Enter the link to the published decision.")]
    elif len(link) > LINK_MAX:
        problems["link"] = [_("The link must be %(max)s characters or fewer.") % {"max": LINK_MAX}]
    else:
        try:
            _LINK(link)
        except ValidationError:
            problems["link"] = [
                _(
                    "Enter the link as a full web address starting with https:// or http://, "
                    "like https://www.example.gov.uk/decision"
                )
            ]
    return problems


@transaction.atomic
def record_adoption(
    *,
    organisation: Organisation,
    adopted_on: date,
    decision: str,
    link: str,
    actor: User,
) -> Adoption:
    """Record that `organisation` adopted the Statement, for the coordinator to confirm.

    Raises PermissionDenied unless the actor is an admin or approver of the organisation, and
    ValidationError (by field; nothing saved) if the organisation is the coordinating body, the
    date is in the future or before the Statement was endorsed (13 December 2022), the
    decision or link is missing or the link is not an http(s) address, or the organisation
    already has a current (recorded or confirmed) adoption.

    Side effects: a recorded Adoption; an audit record.
    """
    _require(actor, "statement.record_adoption", organisation)
    if organisation.is_coordinating_body:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "%(name)s coordinates the register: only local authorities adopt the Statement."
                )
                % {"name": organisation.name}
            }
        )
    decision = decision.strip()
    link = link.strip()
    problems = _check_details(adopted_on, decision, link)
    if problems:
        raise ValidationError(problems)
    # One writer at a time per organisation, so two people recording at once cannot both pass
    # the check below (the database constraint is the last line).
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    current = (
        Adoption.objects.filter(organisation=organisation, status__in=CURRENT_STATUSES)
        .order_by("-recorded_at")
        .first()
    )
    if current is not None:
        raise ValidationError({NON_FIELD_ERRORS: _already_current(current)})
    adoption = Adoption(
        organisation=organisation,
        adopted_on=adopted_on,
        decision=decision,
        link=link,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            adoption.save()
    except IntegrityError:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("An adoption was recorded meanwhile. Nothing was changed.")}
        ) from None
    record(
        actor=actor,
        organisation=organisation,
        verb=Verb.STATEMENT_RECORDED,
        target=adoption,
        data={"adopted_on": adopted_on.isoformat(), "decision": decision, "link": link},
    )
    return adoption


def _already_current(current: Adoption) -> str:
    if current.is_confirmed:
        message = _(
            "%(name)s's adoption of %(date)s is already on the register. To record a different "
            "one, an organisation admin withdraws it first. Nothing was changed."
        )
    else:
        message = _(
            "%(name)s's adoption of %(date)s is already waiting for London Councils to confirm "
            "it. To record a different one, an organisation admin withdraws it first. Nothing "
            "was changed."
        )
    return message % {"name": current.organisation.name, "date": _long_date(current.adopted_on)}


def _locked(adoption: Adoption) -> Adoption:
    return Adoption.objects.select_for_update().select_related("organisation").get(pk=adoption.pk)


def _not_waiting(adoption: Adoption, action: str) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s's adoption of %(date)s is %(status)s, so it cannot be %(action)s. Nothing "
            "was changed."
        )
        % {
            "name": adoption.organisation.name,
            "date": _long_date(adoption.adopted_on),
            "status": str(AdoptionStatus(adoption.status).label).lower(),
            "action": action,
        }
    )


@transaction.atomic
def confirm_adoption(*, adoption: Adoption, actor: User) -> Adoption:
    """Confirm a recorded adoption: it goes on the public register. Coordinator only.

    Confirming an adoption that is already confirmed changes nothing and writes no audit
    record (two coordinators, or a form sent twice). Raises ValidationError if it was returned
    or withdrawn meanwhile.

    Side effects: the adoption confirmed (by whom, when); an audit record.
    """
    _require(actor, "statement.coordinate_adoptions")
    adoption = _locked(adoption)
    if adoption.is_confirmed:
        return adoption
    if not adoption.is_waiting:
        raise _not_waiting(adoption, _("confirmed"))
    adoption.status = AdoptionStatus.CONFIRMED
    adoption.confirmed_by = actor
    adoption.confirmed_at = timezone.now()
    adoption.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    record(
        actor=actor,
        organisation=adoption.organisation,
        verb=Verb.STATEMENT_CONFIRMED,
        target=adoption,
        data={"adopted_on": adoption.adopted_on.isoformat()},
    )
    return adoption


@transaction.atomic
def return_adoption(*, adoption: Adoption, reason: str, actor: User) -> Adoption:
    """Return a recorded adoption to its organisation with the reason, so that it can record
    it again, corrected. Coordinator only. The returned adoption stays as history.

    Raises ValidationError if the reason is blank, or if the adoption is no longer waiting for
    confirmation (nothing changed).

    Side effects: the adoption returned (by whom, when, why); an audit record.
    """
    _require(actor, "statement.coordinate_adoptions")
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Enter why the adoption is being returned, so they can correct it.")}
        )
    adoption = _locked(adoption)
    if not adoption.is_waiting:
        raise _not_waiting(adoption, _("returned"))
    adoption.status = AdoptionStatus.RETURNED
    adoption.returned_by = actor
    adoption.returned_at = timezone.now()
    adoption.return_reason = reason
    adoption.save(update_fields=["status", "returned_by", "returned_at", "return_reason"])
    record(
        actor=actor,
        organisation=adoption.organisation,
        verb=Verb.STATEMENT_RETURNED,
        target=adoption,
        data={"reason": reason},
    )
    return adoption


@transaction.atomic
def withdraw_adoption(*, adoption: Adoption, actor: User) -> Adoption:
    """Withdraw an organisation's current adoption (waiting or confirmed): it leaves the public
    register and the organisation may record another. Organisation admins only.

    Withdrawing one already withdrawn changes nothing and writes no audit record. Raises
    ValidationError for a returned adoption (there is nothing to withdraw).

    Side effects: the adoption withdrawn (by whom, when); an audit record.
    """
    _require(actor, "statement.withdraw_adoption", adoption.organisation)
    adoption = _locked(adoption)
    if adoption.status == AdoptionStatus.WITHDRAWN:
        return adoption
    if not adoption.is_current:
        raise _not_waiting(adoption, _("withdrawn"))
    before = adoption.status
    adoption.status = AdoptionStatus.WITHDRAWN
    adoption.withdrawn_by = actor
    adoption.withdrawn_at = timezone.now()
    adoption.save(update_fields=["status", "withdrawn_by", "withdrawn_at"])
    record(
        actor=actor,
        organisation=adoption.organisation,
        verb=Verb.STATEMENT_WITHDRAWN,
        target=adoption,
        data={"from": before},
    )
    return adoption
