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
from planwatch.outline import load_plan, parse_outline, parse_outline_bytes
from planwatch.outline.readers import MAX_BYTES, sniff_format

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + bytes(40)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in names.items():
            zf.writestr(name, data)
    return buffer.getvalue()


#: name -> (bytes, words of the Chinese message, words of the English one)
BAD = {
    "empty": (b"", "文件是空的", "empty"),
    "blank": (b" \r\n\t\n", "文件是空的", "empty"),
    "image": (PNG, "PNG 图片", "PNG image"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), "JPEG 图片", "JPEG image"),
    "legacy-doc": (OLE, "旧版二进制 Word", "legacy binary Word"),
    "binary": (bytes(range(256)) * 4, "二进制文件", "binary file"),
    "undecodable": (
        "第一章 总则\n".encode() + b"\x80\x81\xfe abc\xff",
        "无法识别文本编码",
        "cannot decode",
    ),
    "no-structure": (
        "这是一段普通的文字，没有章节。\n第二段文字。".encode(),
        "未找到规划结构",
        "no plan structure",
    ),
    "zip-not-docx": (_zip({"a.txt": b"x"}), "不是 Word .docx 文档", "not a Word .docx"),
    "broken-docx": (
        _zip({"word/document.xml": b"<not xml"}),
        "无法读取该 .docx 文档",
        "cannot read the .docx",
    ),
    "broken-pdf": (b"%PDF-1.4\n%broken\n", "PDF", "PDF"),
    "scanned-pdf": (None, "没有文字层", "no text layer"),
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
    data, zh, en = BAD[request.param]
    path = tmp_path / f"{request.param}.docx"
    path.write_bytes(_blank_pdf() if data is None else data)
    return path, zh, en


def test_parse_outline_raises_input_error(bad_file):
    path, zh, en = bad_file
    with pytest.raises(InputError) as caught:
        parse_outline(path)
    message = str(caught.value)
    assert zh in message and f"文件 {path}" in message and "\n" not in message
    english = caught.value.render("en")
    assert en in english and str(path) in english
    assert caught.value.code.startswith("outline.")


def test_bytes_are_read_like_the_file(bad_file):
    """An upload (bytes and a name) is refused with the same message as the file."""
    path, zh, _ = bad_file
    with pytest.raises(InputError) as caught:
        parse_outline_bytes(path.read_bytes(), "上传.docx")
    assert zh in str(caught.value) and "上传.docx" in str(caught.value)


def test_cli_exits_2_with_one_line(bad_file, capsys, monkeypatch):
    path, zh, en = bad_file
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert main(["outline", "parse", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("planwatch: 错误: ") and zh in lines[0]
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert main(["outline", "parse", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("planwatch: error: ") and en in lines[0]


def test_oversized_file_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    assert main(["outline", "parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "超过规划纲要 20 MB 的上限" in err and len(err.splitlines()) == 1


def test_missing_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert main(["outline", "parse", str(tmp_path / "nope.txt")]) == 2
    assert "文件不存在" in capsys.readouterr().err


def test_utf16_text_with_bom_is_read(tmp_path):
    data = (
        "第一章 总体要求\n一、发展目标\n到2025年，地区生产总值达到100亿元。\n第二章 任务\n".encode(
            "utf-16"
        )
    )
    assert sniff_format(data, "a.txt") == "txt"
    plan = parse_outline_bytes(data, "a.txt")
    assert [c.title for c in plan.chapters] == ["总体要求", "任务"]


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
    for text, words in (("{not json", "不是有效的 JSON"), ('{"chapters": []}', "不是规划")):
        path = tmp_path / "plan.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=words):
            load_plan(path)
    path.write_text(json.dumps({"title": "x", "chapters": {}}), encoding="utf-8")
    with pytest.raises(InputError, match="必须是列表") as caught:
        load_plan(path)
    assert "must be a list" in caught.value.render("en")
