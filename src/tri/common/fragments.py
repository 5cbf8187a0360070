"""Rendered fragments of pages, kept in the cache when what they show cannot change without
their key changing (a publication's version, a benchmark's state fingerprint).

Only fragments, never whole responses: the page around them carries per-request parts (the
Content Security Policy nonce, the signed-in person's name, the CSRF token), which must never
be shared between requests.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

#: How long a fragment is kept; its key changes when its content would, so this only bounds
#: the memory an unused fragment holds.
FRAGMENT_SECONDS = 3600


def cached_fragment(
    key: str, template: str, context: Callable[[], Mapping[str, Any]]
) -> SafeString:
    """`template` rendered with `context()`, from the cache under `key` (and the active
    language) when it is there. `context` is called only on a miss, so whatever it costs is
    paid once per key."""
    full_key = f"tri:fragment:{get_language()}:{key}"
    found = cache.get(full_key)
    if found is None:
        found = render_to_string(template, dict(context()))
        cache.set(full_key, found, FRAGMENT_SECONDS)
    return mark_safe(found)  # noqa: S308 - our own template's output, escaped when rendered
