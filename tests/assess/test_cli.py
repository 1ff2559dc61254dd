"""``planwatch assess``: the readable table, the JSON, xlsx input and one-line errors."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

import planwatch.outline
from planwatch.assess.cli import render
from planwatch.assess.engine import assess_plan
from planwatch.cli import main

from .handmade import FIXTURES, observations

PLAN = str(FIXTURES / "zibo-plan.json")

OBS = """indicator,year,value,unit,source
1,2021,10,,统计局
1,2022,12,,统计局
2,2022,92.3,,
5,2022,6.24,,
9,2022,2.4,,
12,2022,91.2,,社保局
15,2021,3.2,,
15,2022,3.5,,
17,2022,270,天,环境局
20,2022,0.62,,
T2,2022,330,,
"""


@pytest.fixture
def obs(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_text(OBS, encoding="utf-8")
    return str(path)


def run(capsys, *argv):
    code = main(["assess", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_shape(capsys, obs):
    code, out, err = run(capsys, PLAN, "--observations", obs, "--year", "2022", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert {"year", "indicators", "targets", "summary"} <= set(data)
    assert data["year"] == 2022
    assert [i["number"] for i in data["indicators"]] == list(range(1, 22))
    for item in data["indicators"] + data["targets"]:
        assert {"code", "number", "name", "status", "label", "explanation"} <= set(item)
    assert all(t["number"] is None for t in data["targets"])
    by_code = {i["code"]: i for i in data["indicators"] + data["targets"]}
    assert by_code["I5"]["explanation"] == "2022年为6.24%，已超过2025年目标5.5%，提前完成。"
    assert by_code["I5"]["label"] == "提前完成"
    assert by_code["I15"]["status"] == "needs_target"
    assert by_code["I17"]["latest_value"] == pytest.approx(270 / 365 * 100)
    assert by_code["I12"]["sources"] == ["社保局"]
    summary = data["summary"]
    assert summary["total"] == 28
    assert sum(summary["by_status"].values()) == 28
    # binding items off course come first: I20 (regressing), I12 (seriously lagging: p = 0.077)
    assert [w["code"] for w in summary["warnings"]][:2] == ["I20", "I12"]
    assert all(w["binding"] for w in summary["warnings"][:2])


def test_later_targets_and_thresholds(capsys, obs, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text("indicator,value\n15,13.5\n", encoding="utf-8")
    argv = [PLAN, "--observations", obs, "--year", "2022", "--json", "--targets", str(targets)]
    _, out, _ = run(capsys, *argv)
    by_code = {i["code"]: i for i in json.loads(out)["indicators"]}
    assert by_code["I15"]["status"] == "on_track"  # p/τ = 0.46992 / 0.4 = 1.175
    assert by_code["I15"]["target_source"] == "later"
    assert by_code["I2"]["status"] == "ahead"  # p/τ = 0.602 / 0.4 = 1.506 ≥ 1.2
    _, out, _ = run(capsys, *argv, "--ahead-ratio", "1.6")
    data = json.loads(out)
    assert data["options"]["ahead_ratio"] == 1.6
    assert {i["code"]: i for i in data["indicators"]}["I2"]["status"] == "on_track"


def test_readable_table_without_colour_when_not_a_terminal(capsys, obs):
    code, out, _ = run(capsys, PLAN, "--observations", obs, "--year", "2022")
    assert code == 0
    assert "\x1b[" not in out
    assert (
        "2022年规划实施进度评估（完成进度/时间进度：快于预期≥1.2，基本符合≥0.9，滞后≥0.6）" in out
    )
    line = next(x for x in out.splitlines() if x.startswith("I5 "))
    assert "6.24% (2022)" in line and line.endswith("提前完成         预计能够完成")
    assert "      2022年为6.24%，已超过2025年目标5.5%，提前完成。" in out.splitlines()
    assert "预警（约束性指标在前）" in out


def test_colours_only_on_request(zibo_plan):
    result = assess_plan(zibo_plan, observations("I5", {2022: 6.24}), 2022)
    assert "\x1b[1;38;2;27;122;58m提前完成\x1b[0m" in render(result, colour=True)
    assert "\x1b[" not in render(result, colour=False)
    assert "Target achieved" in render(result, language="en")


def test_xlsx_observations(capsys, tmp_path):
    book = Workbook()
    book.active.append(["indicator", "year", "value"])
    book.active.append([5, 2022, 6.24])
    book.active.append(["常住人口城镇化率", 2022, 92.3])
    path = tmp_path / "obs.xlsx"
    book.save(path)
    code, out, _ = run(capsys, PLAN, "--observations", str(path), "--year", "2022", "--json")
    assert code == 0
    by_code = {i["code"]: i for i in json.loads(out)["indicators"]}
    assert (by_code["I5"]["status"], by_code["I2"]["status"]) == ("achieved", "ahead")


BAD = [
    ("indicator,year,value\n5,2022,abc\n", "第 2 行，value 列：“abc”不是数字"),
    ("indicator,year,value\n55,2022,1\n", "第 2 行，indicator 列：未知的指标“55”"),
    (
        "indicator,year,value\n5,2022,1\n5,2022,2\n",
        "第 3 行，year 列：I5 2022年的数值已在第2行给出",
    ),
    ("indicator,year,value\n5,2031,1\n", "第 2 行，year 列：2031年不在规划期2020—2025年内"),
    ("", "文件为空"),
    ("indicator,year,value\n", "表头下没有数据行"),
    ("indicator,year,value,unit\n5,2022,1,万吨\n", "第 2 行，unit 列：无法把万吨换算为%"),
    (
        "indicator,year,value\n5,2022,130\n",
        "第 2 行，value 列：I5 全社会研发经费投入占地区生产总值比重 2022年的数值130"
        "超出比重的取值范围0—100%",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_observations_exit_2_with_one_line(capsys, tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, PLAN, "--observations", str(path), "--year", "2022", "--json")
    assert code == 2
    assert out == ""  # nothing partial
    assert err.count("\n") == 1
    assert err.startswith(f"planwatch: 错误: 文件 {path}")
    assert message in err


def test_bad_plan_and_year_exit_2(capsys, obs, tmp_path):
    broken = tmp_path / "plan.json"
    broken.write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, str(broken), "--observations", obs, "--year", "2022")
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert str(broken) in err
    code, _, err = run(capsys, PLAN, "--observations", obs, "--year", "2030")
    assert code == 2
    assert err == "planwatch: 错误: 评估年份2030年不在规划期2021—2025年内\n"


def test_bad_ratio_is_a_usage_error(capsys, obs):
    with pytest.raises(SystemExit) as caught:
        main(["assess", PLAN, "--observations", obs, "--year", "2022", "--ahead-ratio", "abc"])
    assert caught.value.code == 2
    assert "不是比值" in capsys.readouterr().err


def test_the_bundled_outline(capsys, tmp_path):
    """Runs once the outline reader provides load_plan; table numbers and names only."""
    if not hasattr(planwatch.outline, "load_plan"):
        pytest.skip("the outline reader (planwatch.outline.load_plan) is not in this build")
    sample = planwatch.outline.sample_outline_path()
    path = tmp_path / "obs.csv"
    path.write_text(
        "indicator,year,value,unit\n"
        "全社会研发经费投入占地区生产总值比重,2022,6.24,\n"
        "9,2022,2.4,\n"
        "20,2022,0.62,\n"
        "2,2022,92.3,\n"
        "17,2022,270,天\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, str(sample), "--observations", str(path), "--year", "2022", "--json"
    )
    assert (code, err) == (0, "")
    by_number = {i["number"]: i for i in json.loads(out)["indicators"]}
    assert by_number[5]["explanation"] == "2022年为6.24%，已超过2025年目标5.5%，提前完成。"
    assert (by_number[9]["method"], by_number[9]["status"]) == ("ceiling", "bound_kept")
    assert (by_number[20]["method"], by_number[20]["status"]) == ("hold", "regressing")
    assert by_number[2]["status"] == "ahead"  # p/τ = 0.602 / 0.4
    assert by_number[15]["status"] == "needs_target"
    assert by_number[17]["latest_value"] == pytest.approx(73.97, abs=0.01)
    assert by_number[1]["method"] == "growth"
