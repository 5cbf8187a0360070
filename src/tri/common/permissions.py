"""One typed way to ask the rules (django-rules) whether a person may do something.

Unlike `user.has_perm`, this never lets a Django superuser flag bypass the rules.
"""

from typing import Any

import rules


def can(user: Any, perm: str, obj: object = None) -> bool:
    return bool(rules.has_perm(perm, user, obj))
