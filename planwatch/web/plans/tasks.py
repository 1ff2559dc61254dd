"""Background tasks of the plans app (Django's tasks API; run by ``planwatch worker``).

An outline that needs OCR (a scan, an image) takes seconds per page, too long for a web
request: the import stores the upload and enqueues :func:`read_outline_upload`, which reads
it page by page, storing how far it got for the progress indicator, then imports the plan as
the import page does for text outlines.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from planwatch.errors import InputError
from planwatch.outline import parse_outline_bytes
from planwatch.outline.ocr import ocr_settings
from planwatch.web.plans.models import OutlineUpload
from planwatch.web.plans.services.importer import import_plan


@task()
def read_outline_upload(upload_pk: int) -> int | None:
    """Read the upload by OCR and import it as a draft plan; the plan's id, or None where the
    reading failed (the reason is kept on the upload for its page)."""
    upload = OutlineUpload.objects.get(pk=upload_pk)
    if upload.finished:
        return upload.plan_id
    Status = OutlineUpload.Status
    OutlineUpload.objects.filter(pk=upload.pk).update(status=Status.RUNNING)

    def progress(done: int, total: int) -> None:
        OutlineUpload.objects.filter(pk=upload.pk).update(done=done, total=total)

    try:
        with ocr_settings(progress=progress):
            parsed = parse_outline_bytes(bytes(upload.data), upload.name)
        with transaction.atomic():
            plan = import_plan(parsed, user=upload.uploaded_by, source_name=upload.name)
            OutlineUpload.objects.filter(pk=upload.pk).update(status=Status.DONE, plan=plan)
    except InputError as exc:
        reason = {"zh": exc.render("zh-hans"), "en": exc.render("en")}
        OutlineUpload.objects.filter(pk=upload.pk).update(status=Status.FAILED, error=reason)
        return None
    except Exception:
        reason = {
            "zh": "读取时出现内部错误，已记入服务器日志；请稍后重试或联系管理员",
            "en": "an internal error stopped the reading (logged on the server); "
            "try again later or ask the administrator",
        }
        OutlineUpload.objects.filter(pk=upload.pk).update(status=Status.FAILED, error=reason)
        raise
    return plan.pk
