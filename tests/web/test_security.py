"""Bad input and hostile users: throttled logins, checked uploads, escaped text."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.history.services import save_tracked
from planwatch.web.reporting.models import Evidence, Observation, TaskProgress
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _login(client, username, password, address="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_repeated_failures_lock_the_username_from_that_address(users, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        assert _login(client, "reporter", "wrong").status_code == 200
    locked = _login(client, "reporter", PASSWORD)
    assert locked.status_code == 200
    assert "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    elsewhere = _login(Client(), "reporter", PASSWORD, address="10.0.0.2")
    assert elsewhere.status_code == 302


def test_user_text_is_escaped_everywhere_it_is_shown(open_round, users, login):
    client = login(users["reporter"])
    hostile = '<script>alert("x")</script>'
    client.post(
        f"/reporting/rounds/{open_round.pk}/items/I2/",
        {"value": "61", "source": hostile, "note": hostile},
    )
    obs = Observation.objects.get()
    client.post(
        f"/reporting/rounds/{open_round.pk}/submit/",
        {"confirm": "1", "record": f"observation-{obs.pk}"},
    )
    assert Observation.objects.get().source == hostile
    coordinator = login(users["coordinator"])
    for url in (
        f"/reporting/rounds/{open_round.pk}/",
        f"/reporting/rounds/{open_round.pk}/items/I2/",
        f"/history/reporting.observation/{Observation.objects.get().pk}/",
    ):
        page = coordinator.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;" in page, url


@pytest.fixture
def progress(open_round, users, login):
    client = login(users["reporter"])
    client.post(
        f"/reporting/rounds/{open_round.pk}/tasks/M2/",
        {"progress-progress": "in_progress", "progress-percent": "40", "progress-narrative": ""},
    )
    return TaskProgress.objects.get()


def test_evidence_is_checked_by_content_and_served_only_to_those_who_may_see_it(
    progress, open_round, users, login
):
    client = login(users["reporter"])
    url = f"/reporting/rounds/{open_round.pk}/tasks/M2/"
    disguised = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" * 64)
    response = client.post(url, {"evidence-file": disguised})
    assert response.status_code == 200
    assert "文件内容不是可接受的类型" in response.content.decode()
    assert not Evidence.objects.exists()

    client.post(url, {"evidence-file": SimpleUploadedFile("photo.png", PNG)})
    evidence = Evidence.objects.get()
    assert evidence.content_type == "image/png" and evidence.original_name == "photo.png"
    download = login(users["coordinator"]).get(f"/reporting/evidence/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert (
        login(users["other_reporter"]).get(f"/reporting/evidence/{evidence.pk}/").status_code == 404
    )
    assert Client().get(f"/reporting/evidence/{evidence.pk}/").status_code == 302


def test_uploads_over_the_size_limit_are_refused(progress, open_round, users, login, settings):
    settings.MAX_UPLOAD_BYTES = 100
    client = login(users["reporter"])
    big = SimpleUploadedFile("scan.png", PNG + b"\x00" * 200)
    response = client.post(f"/reporting/rounds/{open_round.pk}/tasks/M2/", {"evidence-file": big})
    assert "文件过大" in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_outline_upload_that_is_not_an_outline_is_explained(users, login):
    client = login(users["coordinator"])
    legacy_doc = SimpleUploadedFile("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    response = client.post("/plans/import/", {"file": legacy_doc})
    assert response.status_code == 200
    assert "可接受" in response.content.decode()
    no_plan = SimpleUploadedFile("notes.txt", "今天天气很好。".encode())
    response = client.post("/plans/import/", {"file": no_plan})
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()


def test_a_utf16_text_outline_uploads_like_any_other(users, login):
    """The reader reads UTF-16 text with a BOM; the upload used to refuse it as binary."""
    from planwatch.outline import sample_outline_path

    client = login(users["coordinator"])
    text = sample_outline_path().read_text(encoding="utf-8")
    upload = SimpleUploadedFile("outline.txt", text.encode("utf-16"))
    response = client.post("/plans/import/", {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_soft_deleted_evidence_disappears_but_its_history_remains(progress, users, login):
    client = login(users["reporter"])
    evidence = save_tracked(
        Evidence(
            progress=progress,
            file="evidence/x.png",
            original_name="x.png",
            content_type="image/png",
            size=10,
            uploaded_by=users["reporter"],
        )
    )
    url = f"/reporting/evidence/{evidence.pk}/remove/"
    asked = client.post(url)  # the button: a confirmation first, nothing deleted
    assert asked.status_code == 200 and "删除佐证材料" in asked.content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert client.post(url, {"confirmed": "1"}).status_code == 400  # a reason is needed
    assert client.post(url, {"confirmed": "1", "reason": "传错文件"}).status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert Evidence.all_objects.filter(pk=evidence.pk, deleted_at__isnull=False).exists()


def test_a_markdown_outline_uploads_with_its_reading_report_shown(users, login):
    """A real national outline as a Markdown conversion: its indicator table is an image, and
    the review page says so, so that the coordinator knows what to type in."""
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "fixtures" / "outlines" / "national-12th-fyp-outline.md"
    client = login(users["coordinator"])
    upload = SimpleUploadedFile("outline.md", fixture.read_bytes())
    response = client.post("/plans/import/", {"file": upload}, follow=True)
    assert response.redirect_chain and response.status_code == 200
    page = response.content.decode()
    # 专栏2 "十二五"时期经济社会发展主要指标 is printed as an image in the official text
    assert "主要指标" in page and "图片" in page
