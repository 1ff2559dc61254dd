"""Input that is not a readable outline: one clear line, exit status 2, never a traceback."""

import io
import json
import os
import subprocess
import sys
import zipfile

import pytest

from planwatch.cli import main
from planwatch.errors import InputError
from planwatch.outline import load_plan, parse_outline
from planwatch.outline.readers import MAX_BYTES

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + bytes(40)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in names.items():
            zf.writestr(name, data)
    return buffer.getvalue()


BAD = {
    "empty": (b"", "empty"),
    "blank": (b" \r\n\t\n", "empty"),
    "image": (PNG, "PNG image"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), "JPEG image"),
    "legacy-doc": (OLE, "legacy binary Word"),
    "binary": (bytes(range(256)) * 4, "binary file"),
    "undecodable": ("第一章 总则\n".encode() + b"\x80\x81\xfe abc\xff", "cannot decode"),
    "no-structure": ("这是一段普通的文字，没有章节。\n第二段文字。".encode(), "no plan structure"),
    "zip-not-docx": (_zip({"a.txt": b"x"}), "not a Word .docx"),
    "broken-docx": (_zip({"word/document.xml": b"<not xml"}), "cannot read the .docx"),
    "broken-pdf": (b"%PDF-1.4\n%broken\n", "PDF"),
    "scanned-pdf": (None, "no text layer"),
}


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(params=sorted(BAD))
def bad_file(request, tmp_path):
    data, words = BAD[request.param]
    path = tmp_path / f"{request.param}.docx"
    path.write_bytes(_blank_pdf() if data is None else data)
    return path, words


def test_parse_outline_raises_input_error(bad_file):
    path, words = bad_file
    with pytest.raises(InputError) as caught:
        parse_outline(path)
    message = str(caught.value)
    assert words in message
    assert str(path) in message and "\n" not in message


def test_cli_exits_2_with_one_line(bad_file, capsys):
    path, words = bad_file
    assert main(["outline", "parse", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("planwatch: error: ") and words in lines[0]


def test_oversized_file_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    assert main(["outline", "parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "20 MB limit" in err and len(err.splitlines()) == 1


def test_missing_file(tmp_path, capsys):
    assert main(["outline", "parse", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_console_command_prints_no_traceback(tmp_path):
    path = tmp_path / "picture.png"
    path.write_bytes(PNG)
    run = subprocess.run(
        [sys.executable, "-m", "planwatch", "outline", "parse", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr


def test_load_plan_refuses_json_that_is_not_a_plan(tmp_path):
    for text, words in (("{not json", "not valid JSON"), ('{"chapters": []}', "not a plan")):
        path = tmp_path / "plan.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=words):
            load_plan(path)
    path.write_text(json.dumps({"title": "x", "chapters": {}}), encoding="utf-8")
    with pytest.raises(InputError, match="must be a list"):
        load_plan(path)
