from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "tri.assessments"
    label = "assessments"
