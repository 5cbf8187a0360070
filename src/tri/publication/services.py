"""Publishing. The only way a publication is made."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tri.accounts.models import User
from tri.common.audit import record
from tri.common.enums import Verb
from tri.common.permissions import can
from tri.organisations.models import Organisation
from tri.publication import documents
from tri.publication.enums import Part
from tri.publication.models import Publication


@transaction.atomic
def publish(*, organisation: Organisation, parts: Sequence[str], actor: User) -> Publication:
    """Publish the chosen parts as the organisation's next version. Earlier versions are kept
    as they were. Side effects: one Publication, one audit record. ValidationError when no part
    is chosen, a part is unknown, or a chosen part has nothing behind it (nothing is saved)."""
    if not can(actor, "publication.publish", organisation):
        raise PermissionDenied("publication.publish")
    chosen = [p for p in Part.values if p in set(parts)]
    unknown = sorted(set(parts) - set(Part.values))
    if unknown:
        raise ValidationError(_("Unknown part to publish: %s.") % ", ".join(unknown))
    if not chosen:
        raise ValidationError(_("Choose at least one thing to publish."))
    # Lock the organisation's row so two people publishing at once get versions n and n+1.
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    last = Publication.objects.filter(organisation=organisation).order_by("-version").first()
    version = (last.version if last else 0) + 1
    now = timezone.now()
    try:
        document = documents.build_document(organisation, chosen, version=version, published_at=now)
    except documents.NothingToPublishError as error:
        raise ValidationError(str(error)) from None
    publication = Publication.objects.create(
        organisation=organisation,
        version=version,
        published_at=now,
        published_by=actor,
        parts=chosen,
        document=document,
    )
    record(
        actor=actor,
        organisation=organisation,
        verb=Verb.PUBLICATION_PUBLISHED,
        target=publication,
        data={"version": version, "parts": chosen},
    )
    return publication
