"""``planwatch report``: from an outline and a CSV of figures to a .docx or .xlsx."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

import planwatch
from planwatch.cli import main
from planwatch.reports.wording import internal_terms_in

SAMPLE = Path(planwatch.__file__).parent / "data" / "sample" / "zibo-hitech-14th-fyp-outline.txt"
NEEDED = {
    "planwatch.outline": ("load_plan",),
    "planwatch.assess": ("assess_plan", "load_observations", "load_later_targets"),
}


def _missing_parts() -> list[str]:
    missing = []
    for module, names in NEEDED.items():
        try:
            found = importlib.import_module(module)
        except ImportError:
            missing.append(module)
            continue
        missing += [f"{module}.{n}" for n in names if not hasattr(found, n)]
    return missing


needs_reader_and_engine = pytest.mark.skipif(
    bool(_missing_parts()),
    reason=f"not in this build yet: {', '.join(_missing_parts())}",
)


@pytest.fixture
def observations(tmp_path) -> Path:
    """Three years of figures for a few of the sample's indicators (codes from its table)."""
    path = tmp_path / "observations.csv"
    path.write_text(
        "indicator,year,value,source\n"
        "I2,2021,91.6,区公安分局\n"
        "I2,2022,92.0,区公安分局\n"
        "I2,2023,92.4,区公安分局\n"
        "I5,2021,5.3,区统计局\n"
        "I5,2022,5.6,区统计局\n"
        "I12,2021,91.2,区人社局\n"
        "I12,2022,91.5,区人社局\n"
        "I12,2023,92.0,区人社局\n",
        encoding="utf-8",
    )
    return path


@needs_reader_and_engine
def test_midterm_report_of_the_sample_plan_as_word(tmp_path, observations, capsys):
    out = tmp_path / "midterm.docx"
    args = ["report", "midterm", str(SAMPLE), "--observations", str(observations)]
    assert main([*args, "--year", "2023", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    doc = Document(str(out))
    assert doc.paragraphs[0].text.endswith("实施中期评估报告")
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "指标名称（单位）")
    numbers = [r.cells[0].text for r in table.rows if r.cells[0].text.isdigit()]
    assert numbers == [str(n) for n in range(1, 22)]  # the outline's table has 21 rows
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2022年全社会研发经费投入占地区生产总值比重达到5.6%" in text
    assert "已超过2025年预期目标" in text
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert internal_terms_in("\n".join([text, *cells])) == []


@needs_reader_and_engine
def test_annual_tables_of_the_sample_plan_as_excel(tmp_path, observations):
    out = tmp_path / "annual.xlsx"
    args = ["report", "annual", str(SAMPLE), "--observations", str(observations)]
    assert main([*args, "--year", "2023", "--out", str(out)]) == 0
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["指标监测表", "任务分工表"]
    codes = [row[0].value for row in wb["指标监测表"].iter_rows(min_row=4)]
    assert codes[:21] == [f"I{n}" for n in range(1, 22)]
    tasks = [row[0].value for row in wb["任务分工表"].iter_rows(min_row=4)]
    assert any(str(code).startswith("M") for code in tasks)


def test_an_unknown_extension_fails_before_any_work(tmp_path, capsys):
    args = ["report", "annual", str(tmp_path / "no-such-plan.txt"), "--observations", "x.csv"]
    status = main([*args, "--year", "2023", "--out", str(tmp_path / "report.pdf")])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("planwatch: 错误: ") and "无法从“.pdf”判断报告格式" in err
    assert ".docx" in err and ".xlsx" in err
    assert "Traceback" not in err


def test_the_kind_must_be_annual_or_midterm(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["report", "final", "plan.txt", "--observations", "x.csv", "--year", "2023"])
    assert stopped.value.code == 2
    assert "annual" in capsys.readouterr().err
