from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The day London Councils Leaders' Committee endorsed the Statement (seed 000, item 7). No
#: organisation adopted it before then.
ENDORSED_ON = date(2022, 12, 13)

#: How many London local authorities there are to adopt it: the 32 London boroughs and the
#: City of London (tri/organisations/data/london_local_authorities.csv).
LONDON_LOCAL_AUTHORITIES = 33


class AdoptionStatus(models.TextChoices):
    """Where a record of adoption is. An organisation records it; the coordinator confirms it
    (only then is it on the public register) or returns it to be corrected. A returned or
    withdrawn record stays, as history."""

    RECORDED = "recorded", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    RETURNED = "returned", _("Returned for correction")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: The statuses of an organisation's current adoption: at most one row has one of these.
CURRENT_STATUSES = (AdoptionStatus.RECORDED, AdoptionStatus.CONFIRMED)

#: GOV.UK tag colours for each status.
STATUS_TAG_CLASSES = {
    AdoptionStatus.RECORDED: "govuk-tag--yellow",
    AdoptionStatus.CONFIRMED: "govuk-tag--green",
    AdoptionStatus.RETURNED: "govuk-tag--orange",
    AdoptionStatus.WITHDRAWN: "govuk-tag--grey",
}
