from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "tri.returns"
    verbose_name = "Workforce returns"
