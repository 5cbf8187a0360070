from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tri.accounts"
    label = "accounts"
    verbose_name = "People"
