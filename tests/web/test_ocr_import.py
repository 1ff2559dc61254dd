"""A scanned outline imported on the web: read in the background task (the immediate backend
runs it inside the request), its progress stored page by page, and the review showing each
low-confidence cell with its picture cut from the scan.

The scan is built here: a page of outline text drawn for the test and the 12th national
outline's indicator table (专栏2, a real published JPEG) as the second page, both as pictures
only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planwatch.outline.ocr import available
from planwatch.web.plans.models import MeasurableItem, OutlineUpload, Plan
from tests.outline.pictures import text_page

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.skipif(
        not available(), reason="apt-get install tesseract-ocr tesseract-ocr-chi-sim"
    ),
]

TABLE = (
    Path(__file__).resolve().parent.parent
    / "fixtures/outlines/ocr/images/W020251017106711514438_ORIGIN.jpg"
)
OUTLINE = [
    "某县国民经济和社会发展第十四个五年规划纲要",
    "第一章 发展基础",
    "全县经济平稳发展，地区生产总值达到120亿元。",
    "第二章 主要任务",
    "第一节 做强工业",
    "壮大主导产业。到2025年规模以上工业企业达到200家。",
]


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def scan_pdf() -> bytes:
    from PIL import Image

    first = text_page(OUTLINE).convert("RGB")
    table = Image.open(TABLE).convert("RGB")
    out = io.BytesIO()
    first.save(out, format="PDF", save_all=True, append_images=[table], resolution=200)
    return out.getvalue()


@pytest.fixture
def imported(immediate, users, login):
    client = login(users["coordinator"])
    upload = SimpleUploadedFile("county-scan.pdf", scan_pdf())
    response = client.post("/plans/import/", {"file": upload})
    return client, response


def test_a_scan_is_read_in_the_background_and_then_reviewed(imported):
    client, response = imported
    upload = OutlineUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/plans/import/{upload.pk}/"
    assert upload.status == OutlineUpload.Status.DONE
    assert (upload.done, upload.total) == (2, 2)  # the progress the page shows, page by page
    plan = Plan.objects.get()
    assert upload.plan == plan and plan.source_name == "county-scan.pdf"
    assert [n.number for n in plan.nodes.filter(level="chapter")] == ["第一章", "第二章"]
    assert MeasurableItem.objects.filter(plan=plan, kind="indicator").count() == 28
    page = client.get(response["Location"])
    assert page.status_code == 302 and page["Location"] == f"/plans/{plan.pk}/review/"


def test_the_review_shows_a_low_confidence_cell_with_its_picture(imported):
    from PIL import Image

    client, _ = imported
    plan = Plan.objects.get()
    low = [
        (ind["code"], cell)
        for ind in plan.source_json["indicators"]
        for cell in ind["ocr_cells"]
        if cell["low"]
    ]
    assert low
    html = client.get(f"/plans/{plan.pk}/review/").content.decode()
    assert html.count('class="ocr-crop"') == len(low)
    code, cell = low[0]
    url = f"/plans/{plan.pk}/review/crop/{code}/{cell['field']}.png"
    assert f'src="{url}"' in html
    assert f"识别为“{cell['text']}”" in html
    picture = client.get(url)
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    left, top, right, bottom = cell["box"]
    image = Image.open(io.BytesIO(picture.content))
    assert image.size == (right - left, bottom - top)
    assert (image.convert("L").getextrema()[0]) < 128  # ink: the cell's text, not blank paper
    assert client.get(f"/plans/{plan.pk}/review/crop/{code}/nosuch.png").status_code == 404


def test_a_scan_that_is_no_outline_is_explained_on_the_progress_page(immediate, users, login):
    client = login(users["coordinator"])
    out = io.BytesIO()
    text_page(["这一页只有一句话，没有章节。"]).save(out, format="PNG")
    response = client.post(
        "/plans/import/", {"file": SimpleUploadedFile("note.png", out.getvalue())}
    )
    upload = OutlineUpload.objects.get()
    assert upload.status == OutlineUpload.Status.FAILED and not Plan.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "未能读取该文件" in page and "未找到规划结构" in page
    assert 'http-equiv="refresh"' not in page


def test_the_progress_page_refreshes_while_the_reading_runs(users, login):
    client = login(users["coordinator"])
    upload = OutlineUpload.objects.create(
        name="long-scan.pdf", data=b"%PDF-", status=OutlineUpload.Status.RUNNING, done=12, total=60
    )
    page = client.get(f"/plans/import/{upload.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page
    assert 'value="12"' in page and 'max="60"' in page and "已识别 12/60 页" in page
    assert login(users["reporter"]).get(f"/plans/import/{upload.pk}/").status_code == 403
