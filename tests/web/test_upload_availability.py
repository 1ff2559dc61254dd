"""One huge upload does not make the site unavailable to everybody else.

A real server (gunicorn with one worker and threads, as ``planwatch serve`` runs it) receives
a department template blown up to 420,000 rows (some 50 MB unpacked). While it reads and
refuses that file, another user's pages keep coming: at least one of them is answered before
the upload's refusal is. With a single sync worker the other pages would wait behind the upload
and all be answered after it, so the order — not a stopwatch — is what the test checks.
"""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile

import pytest

from tests.web.stack import Browser, Stack, own_database, request

pytestmark = pytest.mark.slow
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS = 420_000


def blown_up(template: bytes, rows: int) -> bytes:
    """The template with its last data row — its code, year and value cells — repeated
    ``rows`` times (cell references renumbered): a few MB packed, some 50 MB unpacked."""
    source = zipfile.ZipFile(io.BytesIO(template))
    sheet = next(n for n in source.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    xml = source.read(sheet).decode()
    head, tail = xml.split("</sheetData>")
    last = list(re.finditer(r'<row r="(\d+)".*?</row>', head, re.S))[-1]
    number = int(last.group(1))
    cells = re.findall(r'<c r="[ADE]\d+"[^>]*?(?:/>|>.*?</c>)', last.group(0), re.S)
    minimal = f'<row r="{number}">' + "".join(cells) + "</row>"
    body = io.StringIO()
    body.write(head)
    for n in range(number + 1, number + 1 + rows):
        row = re.sub(r'(r="[A-Z]*)' + str(number) + '"', lambda m, n=n: f'{m.group(1)}{n}"',
                     minimal)  # fmt: skip
        body.write(row)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = (body.getvalue() + "</sheetData>" + tail).encode() if name == sheet else None
            target.writestr(name, data if data is not None else source.read(name))
    return out.getvalue()


def test_other_users_are_answered_while_a_huge_upload_is_refused(tmp_path):
    with own_database() as url:
        stack = Stack(tmp_path, url)
        try:
            # Row and cell limits raised so that the file is read for its whole time budget
            # (3 s) and refused by that: long enough to ask for other pages meanwhile.
            stack.env.update(
                PLANWATCH_UPLOAD_MAX_ROWS="10000000",
                PLANWATCH_UPLOAD_MAX_CELLS="100000000",
                PLANWATCH_UPLOAD_MAX_UNPACKED_MB="1000",
                PLANWATCH_UPLOAD_SECONDS="3",
            )
            facts = stack.migrate_and_seed()
            server = stack.server("app", threads=4)
            reporter = Browser()
            reporter.log_in(server, "reporter", facts["password"])
            round = facts["round"]
            status, _, template = reporter.send(
                server, "GET", f"/reporting/rounds/{round}/template.xlsx"
            )
            assert status == 200
            data = blown_up(template, ROWS)
            unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
            assert len(data) < 10 * 2**20 < 40 * 2**20 < unpacked  # under the size limit

            refusal: dict = {}

            def upload():
                answer = reporter.upload(
                    server, f"/reporting/rounds/{round}/upload/", "big.xlsx", data, XLSX
                )
                refusal.update(status=answer[0], page=answer[2].decode(), at=time.monotonic())

            thread = threading.Thread(target=upload)
            thread.start()
            time.sleep(0.3)  # the upload is being read now
            others = []
            while thread.is_alive() and len(others) < 50:
                status = request(server.port, "GET", "/accounts/login/", timeout=30)[0]
                others.append((status, time.monotonic()))
            thread.join(60)
        finally:
            stack.close()
    assert refusal["status"] == 422, refusal["status"]
    assert "big.xlsx" in refusal["page"]
    assert others and all(status == 200 for status, _ in others)
    assert min(at for _, at in others) < refusal["at"], "every other page waited for the upload"
