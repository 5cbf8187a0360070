"""Model fields shared by the apps."""

import json
from typing import Any

from django.db import models


class OrderedJSONField(models.TextField):
    """JSON stored as text, so that objects come back with their keys in the order written.

    PostgreSQL's `jsonb` (what `models.JSONField` uses there) sorts an object's keys by length
    and then bytes. A workforce report's tables are objects keyed by ethnic group, pay band and
    stage, in an order that means something (the ONS order, the council's band order), so a
    report read back from `jsonb` would show "Other" before "White" and band 10 before band 2,
    and only on PostgreSQL. No lookups into these documents are needed, so text loses nothing.
    """

    description = "JSON text, key order kept"
    # For django-stubs: the Python value is JSON (any shape), not the text it is stored as.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    def value_to_string(self, obj: models.Model) -> Any:
        return self.value_from_object(obj)
