from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "tri.rounds"
    label = "rounds"
