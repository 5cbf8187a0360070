import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tri.accounts.models import User
from tri.assessments.models import Assessment
from tri.organisations.models import Organisation
from tri.publication.models import Publication
from tri.statement.models import Adoption

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tri.config.settings",
        "SECRET_KEY": "x" * 20 + "production-secret-from-the-environment-0123456789",
        "TRI_SECURE": "true",
        "ALLOWED_HOSTS": "tri.example.gov.uk",
        "TRI_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.integration
def test_secure_mode_refuses_the_local_key(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tri.config.settings",
        "TRI_SECURE": "true",
        "TRI_VAR_DIR": str(tmp_path),
    }
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.integration
@pytest.mark.django_db
def test_seed_demo_loads_london_and_is_idempotent() -> None:
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    codes = sorted(
        str(c)
        for c in Organisation.objects.exclude(ons_code=None).values_list("ons_code", flat=True)
    )
    assert codes == [f"E090000{n:02d}" for n in range(1, 34)]
    assert Organisation.objects.get(slug="london-councils").is_coordinating_body
    assert User.objects.count() == 29
    statuses = sorted(Assessment.objects.values_list("organisation__slug", "period", "status"))
    pilot = "Pilot, January–June 2023 (demo)"
    closed = "2025 round (demo)"
    assert statuses == [
        ("barnet", closed, "final"),
        ("brent", closed, "final"),
        ("camden", "2023 pilot (demo)", "submitted"),
        ("camden", "2024 (demo)", "draft"),
        ("camden", closed, "final"),
        ("camden", "2026 round (demo)", "final"),
        ("camden", pilot, "final"),
        ("ealing", closed, "final"),
        ("greenwich", closed, "final"),
        ("greenwich", "2026 round (demo)", "draft"),
        ("hackney", "2024 (demo)", "draft"),
        ("hackney", closed, "final"),
        ("hackney", "2026 round (demo)", "reviewed"),
        ("hackney", pilot, "final"),
        ("harrow", closed, "final"),
        ("islington", closed, "final"),
        ("islington", "2026 round (demo)", "in_review"),
        ("lambeth", "2024 (demo)", "submitted"),
        ("lambeth", closed, "final"),
        ("lambeth", "2026 round (demo)", "moderated"),
        ("lambeth", pilot, "final"),
        ("lewisham", closed, "final"),
        ("lewisham", "2026 round (demo)", "draft"),
        ("southwark", closed, "final"),
        ("southwark", "2026 round (demo)", "submitted"),
    ]
    # Seeding twice publishes nothing twice and records no adoption twice.
    assert Publication.objects.count() == 9
    assert Adoption.objects.count() == 12


@pytest.mark.integration
@pytest.mark.django_db
def test_the_only_inline_script_carries_the_policy_nonce(client) -> None:  # type: ignore[no-untyped-def]
    import re

    response = client.get("/")
    nonces = re.findall(r'<script nonce="([^"]+)">', response.content.decode())
    assert len(nonces) == 1
    # django-csp writes the directives in no fixed order: compare them one by one.
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert directives["script-src"] == f"'self' 'nonce-{nonces[0]}'"
    assert directives["style-src"] == "'self'"
