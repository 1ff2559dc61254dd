"""``planwatch assess --records``: annual targets, outside reference figures and range bounds
for the targets in words, from one CSV. Made-up figures, verdicts worked out on paper:

I1 地区生产总值增长 (保持在合理区间、各年度视情提出): 6.2% and 4.0%.
  range 5–7 every year: 2022 (4.0) is outside → lagging.
  annual targets 6 and 5: 2021 met, 2022 missed; averages 5.09% against 5.50%, ratio 0.926
  (≥ 0.9) → roughly on track.
I5 规模以上工业增加值增长 (快于全省平均水平): 8.0% and 6.0% against the province's 7.0% and 6.5%:
  on average 7.00% against 6.75%, above, but not in 2022 → roughly on track.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main

PLAN = str(
    Path(__file__).resolve().parent.parent / "fixtures/outlines/word-targets-main-indicators.md"
)
OBS = "indicator,year,value\nI1,2021,6.2\nI1,2022,4.0\nI5,2021,8.0\nI5,2022,6.0\n"


def _run(capsys, tmp_path, records: str, *more):
    obs = tmp_path / "obs.csv"
    obs.write_text(OBS, encoding="utf-8")
    path = tmp_path / "records.csv"
    path.write_text(records, encoding="utf-8")
    argv = ["assess", PLAN, "--observations", str(obs), "--year", "2022", "--records", str(path)]
    code = main([*argv, *more])
    out, err = capsys.readouterr()
    return code, out, err, path


def _by_code(out):
    return {i["code"]: i for i in json.loads(out)["indicators"]}


def test_ranges_and_outside_references(capsys, tmp_path):
    records = (
        "指标,类型,年份,数值,下限,上限,来源\n"
        "I1,合理区间,,,5,7,年度计划\n"
        "I5,参照值,2021,7.0,,,省统计公报\n"
        "I5,参照值,2022,6.5,,,省统计公报\n"
    )
    code, out, err, _ = _run(capsys, tmp_path, records, "--json")
    assert (code, err) == (0, "")
    rows = _by_code(out)
    assert (rows["I1"]["method"], rows["I1"]["status"]) == ("range", "lagging")
    assert (rows["I5"]["method"], rows["I5"]["status"]) == ("reference", "roughly_on_track")
    assert rows["I5"]["judged_value"] == pytest.approx(6.995, abs=0.001)
    assert rows["I5"]["expected_value"] == pytest.approx(6.750, abs=0.001)
    assert rows["I5"]["compared_with"] == "全省平均水平"


def test_annual_targets_for_a_target_set_each_year(capsys, tmp_path):
    records = "indicator,kind,year,value,comparator,source\n"
    records += "I1,annual,2021,6,,2021年政府工作报告\nI1,annual,2022,5,,2022年政府工作报告\n"
    code, out, _, _ = _run(capsys, tmp_path, records)
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("I1 "))
    assert "基本符合预期" in line
    assert "2021年6.2%，年度目标6.0%，达到；2022年4.0%，年度目标5.0%，未达到" in out
    code, out, _, _ = _run(capsys, tmp_path, records, "--json")
    i1 = _by_code(out)["I1"]
    assert (i1["method"], i1["status"]) == ("year_set", "roughly_on_track")
    assert i1["progress_ratio"] == pytest.approx(0.926, abs=0.001)


@pytest.mark.parametrize(
    "records, message",
    [
        ("indicator,kind,year,value\nI1,目标,2021,6\n", "第 2 行，kind 列：类型“目标”无法识别"),
        ("indicator,kind,year,value\nI1,年度目标,,6\n", "year 列为空"),
        ("indicator,kind,low,high\nI1,合理区间,7,5\n", "下限7高于上限5"),
        ("indicator,kind,low,high\nI1,合理区间,,\n", "合理区间须至少填下限或上限"),
        ("indicator,kind,year,value\nI3,参照值,,5\n", "目标不需要外部参照值"),
    ],
)
def test_bad_records_exit_2_with_one_line(capsys, tmp_path, records, message):
    code, out, err, path = _run(capsys, tmp_path, records)
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert message in err
    assert err.startswith(f"planwatch: 错误: 文件 {path}") or "I3" in err  # the file, or the item


def test_the_table_prints_a_word_check_under_its_row(capsys, tmp_path):
    """12th outline, note ④ on 城镇居民人均可支配收入 (I20): 7.78% a year against GDP's 8.90%."""
    outline = Path(PLAN).with_name("national-12th-main-objectives.md")
    obs = tmp_path / "obs.csv"
    obs.write_text(
        "indicator,year,value\nI1,2011,43.8\nI1,2012,47.2\nI20,2011,20500\nI20,2012,22200\n",
        encoding="utf-8",
    )
    for language, line in (
        (
            "zh-hans",
            "      滞后于预期：目标为“在实施中要努力实现和经济发展同步”，2011—2012年年均增长7.8%",
        ),
        (
            "en",
            '      Lagging: The target reads "在实施中要努力实现和经济发展同步"; '
            "average growth of 7.8%",
        ),
    ):
        argv = ["assess", str(outline), "--observations", str(obs), "--year", "2012"]
        assert main([*argv, "--language", language]) == 0
        out = capsys.readouterr().out.splitlines()
        below = out[out.index(next(x for x in out if x.startswith("I20 "))) + 1 :][:3]
        assert any(x.startswith(line) for x in below), below
