"""The detector the crawler relies on finds English sentences and leaves names alone."""

from __future__ import annotations

from .english import english_sentences, json_text, visible_text


def test_finds_the_english_messages_seen_on_chinese_pages():
    for message in (
        "No Observation matches the given query.",
        "CSRF Failed: Origin checking failed - http://evil does not match any trusted origins.",
        "Request was throttled. Expected available in 59 seconds.",
        "Authentication credentials were not provided.",
        "the PDF has no text layer; run OCR first",
        "cannot convert % into 万元",
        "This field is required.",
    ):
        assert english_sentences(message), message


def test_leaves_names_units_and_code_alone():
    for text in (
        "planwatch · 规划纲要实施监测评估",
        "Excel (.xlsx) 或 Word (.docx)",
        "GB/T 9704 公文格式",
        "English",
        "ECharts 图表 · Swagger UI",
    ):
        assert not english_sentences(text), text


def test_reads_only_what_a_person_sees():
    html = (
        "<p title='这是提示'>中文</p><script>if (a is not b) return the value;</script>"
        "<code>no such file or directory</code><a data-x='this is not visible'>链接</a>"
    )
    assert not english_sentences(visible_text(html))
    assert english_sentences(visible_text("<p>Page not found on this server</p>"))
    assert english_sentences(json_text('{"detail": "Not found for this id."}'))
    assert not english_sentences(json_text('{"not_a_message_key_is_fine": 1}'))
