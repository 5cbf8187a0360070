from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "tri.common"
    label = "common"
    verbose_name = "Audit"
