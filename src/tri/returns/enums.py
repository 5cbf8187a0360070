from django.db import models
from django.utils.translation import gettext_lazy as _


class ReturnStatus(models.TextChoices):
    """Where an uploaded return is. Only a complete return's figures are shown; a newer
    complete return for the same snapshot date supersedes the older one."""

    QUEUED = "queued", _("Waiting to be processed")
    PROCESSING = "processing", _("Processing")
    FAILED = "failed", _("Not accepted")
    COMPLETE = "complete", _("Accepted")
    SUPERSEDED = "superseded", _("Replaced by a later upload")


class ReturnKind(models.TextChoices):
    EMPLOYEE = "employee", _("Employee return")
    AGGREGATE = "aggregate", _("Aggregate return")


class Stage(models.TextChoices):
    """The steps of processing, in order, shown on the return's page."""

    WAITING = "waiting", _("Waiting for the worker")
    READING = "reading", _("Reading and checking every row")
    COMPUTING = "computing", _("Computing the figures")
    PROTECTING = "protecting", _("Applying disclosure control")
    SAVING = "saving", _("Saving the figures and deleting the upload")
    DONE = "done", _("Done")


#: How far along each stage is, for the progress bar.
STAGE_PROGRESS = {
    Stage.WAITING: 0,
    Stage.READING: 10,
    Stage.COMPUTING: 55,
    Stage.PROTECTING: 80,
    Stage.SAVING: 92,
    Stage.DONE: 100,
}


class FileRole(models.TextChoices):
    RETURN = "return", _("Return")
    RECRUITMENT = "recruitment", _("Recruitment return")
    MAPPING = "mapping", _("Ethnicity mapping")


class TargetDirection(models.TextChoices):
    AT_LEAST = "at_least", _("At least (higher is better)")
    AT_MOST = "at_most", _("At most (lower is better)")
