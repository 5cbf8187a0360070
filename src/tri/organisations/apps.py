from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "tri.organisations"
    label = "organisations"
