"""The audit trail: every service writes one record per change, through `record`."""

from typing import Any

from django.db import models

from tri.accounts.models import User
from tri.common.enums import Verb
from tri.common.models import AuditEvent
from tri.organisations.models import Organisation


def record(
    *,
    actor: User | None,
    organisation: Organisation | None,
    verb: Verb,
    target: models.Model,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit record. Call it inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=actor,
        organisation=organisation,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data or {},
    )
