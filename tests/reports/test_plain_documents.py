"""The third-party draft and the questionnaire summary from plain data (no Django)."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from planwatch.reports.survey_summary import (
    OptionCount,
    QuestionResult,
    SurveyResult,
    summary_docx,
    summary_xlsx,
)
from planwatch.reports.third_party import ThirdPartyDraft, VerdictLine, tally, third_party_docx


def text_of(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_the_draft_counts_the_grades_and_leaves_the_judgement_open():
    lines = [
        VerdictLine("I1", "地区生产总值增速", "item", "符合预期", "核实"),
        VerdictLine("I2", "城镇化率", "item", "滞后于预期"),
        VerdictLine("I3", "研发投入", "item", "符合预期"),
        VerdictLine("M1", "建设孵化器", "task", "进度滞后", "实地查看"),
    ]
    assert tally(lines[:3]) == "符合预期2项、滞后于预期1项"
    draft = ThirdPartyDraft("示例县规划", "年度评估", "某评估中心", 2023, "第一章、I1", 6, lines)
    text = text_of(third_party_docx(draft))
    assert "《示例县规划》2023年第三方评估报告（初稿）" in text.replace("\n", "")
    assert "共涉及指标、目标和任务6项，已形成独立评估结论4项" in text
    assert "评估指标和目标3项，其中符合预期2项、滞后于预期1项。" in text
    assert "【请填写：主要问题和改进建议】" in text
    assert "（未上传佐证材料）" in text


def test_the_summary_shares_are_hand_checked():
    rating = QuestionResult(
        1,
        "总体满意度",
        "satisfaction",
        8,
        [
            OptionCount(x, n)
            for x, n in zip(
                ("很不满意", "不满意", "一般", "满意", "很满意"), (1, 1, 2, 3, 1), strict=True
            )
        ],
        mean=(1 + 2 + 3 * 2 + 4 * 3 + 5) / 8,
    )
    text_q = QuestionResult(2, "意见", "text", 3, texts=['=HYPERLINK("x")'])
    result = SurveyResult(
        "示例县规划", "满意度调查", "2024-04-01", "2024-04-30", 8, [rating, text_q]
    )
    text = text_of(summary_docx(result))
    # 满意 3 + 很满意 1 of 8: 50.0 %; mean 26 / 8 = 3.25
    assert "总体满意度：8人作答，满意（含很满意）占50.0%，平均3.25分" in text
    assert "意见：收到3条，经审核公开1条。" in text
    sheet = load_workbook(io.BytesIO(summary_xlsx(result))).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=4)]
    assert (1, "总体满意度", "满意", 3, "37.5%", 3.25) in rows
    formula_row = next(r for r in sheet.iter_rows(min_row=4) if r[2].value == '=HYPERLINK("x")')
    assert formula_row[2].data_type == "s"  # text stays text
