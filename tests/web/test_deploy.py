"""Production mode: ``manage.py check --deploy`` is clean with the documented environment."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

#: The variables docs/deployment.md tells an operator to set.
PRODUCTION_ENV = {
    "PLANWATCH_SECRET_KEY": "x7!Qm2#kP9vL4rT8wZ1nB6yC3dF5gH0jK-sA_eU+iO=pX@qR&tY*uV%mN^bG",
    "PLANWATCH_ALLOWED_HOSTS": "plan.example.gov.cn",
    "PLANWATCH_HTTPS": "1",
    "PLANWATCH_DEBUG": "0",
}


def _manage(tmp_path, *args, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))
    }
    environment.update(
        {"PLANWATCH_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "planwatch.web.settings"},
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "planwatch.web.manage", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_https_settings_are_missing(tmp_path):
    env = {**PRODUCTION_ENV, "PLANWATCH_HTTPS": "0"}
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr


@pytest.mark.django_db
def test_errors_never_show_a_traceback_in_production(client, settings):
    settings.DEBUG = False
    response = client.get("/plans/999999/")
    assert response.status_code in (302, 404)
    assert "Traceback" not in response.content.decode()


def test_a_key_from_the_environment_still_gets_a_data_dir_for_sqlite(tmp_path):
    data_dir = tmp_path / "not" / "yet" / "there"
    environment = {**PRODUCTION_ENV, "PLANWATCH_HTTPS": "0", "DATABASE_URL": ""}
    result = _manage(data_dir, "migrate", "--noinput", **environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (data_dir / "planwatch.sqlite3").is_file()
