from django.db import models
from django.utils.translation import gettext_lazy as _


class Part(models.TextChoices):
    """What an organisation may choose to publish. Each part is read from what the service
    already holds, and only in the form anyone else may see."""

    STATEMENT = "statement", _("Our adoption of the Anti-Racist Statement")
    ASSESSMENT = "assessment", _("Our latest final levels against the Standard")
    WORKFORCE = "workforce", _("Our latest workforce figures and pay gaps (disclosure-controlled)")
    TARGETS = "targets", _("Our workforce targets and progress against them")
