from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "tri.publication"
    verbose_name = "Publication, public pages and open data"
