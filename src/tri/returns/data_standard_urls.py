from django.urls import path, register_converter

from tri.returns import data_standard_views as views
from tri.workforce import ReturnKind


class ReturnKindConverter:
    """One of the returns of the workforce data standard, by its name: `employee-return`."""

    regex = "|".join(kind.value for kind in ReturnKind)

    def to_python(self, value: str) -> ReturnKind:
        return ReturnKind(value)

    def to_url(self, value: str) -> str:
        return ReturnKind(value).value


register_converter(ReturnKindConverter, "return_kind")

app_name = "data_standard"
urlpatterns = [
    path("", views.PageView.as_view(), name="page"),
    path("<return_kind:kind>.csv", views.TemplateCsvView.as_view(), name="template"),
    path("<return_kind:kind>.json", views.SchemaJsonView.as_view(), name="schema"),
]
