from django.apps import AppConfig


class StatementConfig(AppConfig):
    name = "tri.statement"
    verbose_name = "London Local Government Anti-Racist Statement"
