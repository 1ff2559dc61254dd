"""Reading observations and later targets from CSV and XLSX, and refusing bad rows."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from planwatch.assess import assess_plan, load_later_targets, load_observations
from planwatch.assess.model import LaterTarget, Observation
from planwatch.errors import InputError

from .handmade import FIXTURES, refused


def write(tmp_path, text: str, name: str = "obs.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def workbook(tmp_path, rows, name: str = "obs.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_numbers_codes_and_names_resolve_to_item_codes(tmp_path, zibo_plan):
    path = write(
        tmp_path,
        "indicator,year,value,unit,source,note\n"
        "5,2022,6.24,%,统计局,\n"
        "I2,2022,92.3,,,初步数\n"
        "常住人口城镇化率,2021,91.8,,,\n"
        "城镇登记失业率(%),2022,2.4,,,\n"
        "t2,2022,330,家,科技局,\n"
        "高新技术企业数量,2021,300,,,\n",
    )
    found = load_observations(path, zibo_plan)
    assert found == [
        Observation("I5", 2022, 6.24, "%", "统计局", None),
        Observation("I2", 2022, 92.3, "%", None, "初步数"),
        Observation("I2", 2021, 91.8, "%", None, None),
        Observation("I9", 2022, 2.4, "%", None, None),
        Observation("T2", 2022, 330.0, "家", "科技局", None),
        Observation("T2", 2021, 300.0, "家", None, None),
    ]


def test_units_are_converted_exactly_or_refused(tmp_path, zibo_plan):
    path = write(
        tmp_path,
        "indicator,year,value,unit\nT1,2021,3300000,万元\nT1,2022,350,亿元\n17,2024,300,天\n",
    )
    found = load_observations(path, zibo_plan)
    assert [o.value for o in found] == pytest.approx([330, 350, 300 / 366 * 100])  # 2024: leap
    assert {o.unit for o in found} == {"亿元", "%"}
    bad = write(tmp_path, "indicator,year,value,unit\n1,2022,12,万元\n", "bad.csv")
    with pytest.raises(InputError) as caught:
        load_observations(bad, zibo_plan)
    assert (caught.value.row, caught.value.column) == (2, "unit")
    assert "cannot convert 万元 into %" in caught.value.render("en")
    assert "无法把万元换算为%" in str(caught.value)


def test_chinese_headers_gb18030_and_percent_signs(tmp_path, zibo_plan):
    text = "指标,年份,数值,单位,数据来源,备注\n常住人口城镇化率,2022年,92.3%,,统计公报,\n"
    path = write(tmp_path, text, encoding="gb18030")
    assert load_observations(path, zibo_plan) == [
        Observation("I2", 2022, 92.3, "%", "统计公报", None)
    ]


def test_xlsx_input_with_numbers_as_numbers(tmp_path, zibo_plan):
    path = workbook(
        tmp_path,
        [
            ["indicator", "year", "value", "unit"],
            [5, 2022, 6.24, None],
            ["T1", 2022.0, 350, "亿元"],
        ],
    )
    assert load_observations(path, zibo_plan) == [
        Observation("I5", 2022, 6.24, "%"),
        Observation("T1", 2022, 350.0, "亿元"),
    ]


def test_later_targets_from_csv_and_xlsx(tmp_path, zibo_plan):
    csv_path = write(tmp_path, "indicator,value,comparator,year\n15,14.5,≥,2025\n", "t.csv")
    assert load_later_targets(csv_path, zibo_plan) == [LaterTarget("I15", 14.5, ">=", 2025)]
    xlsx_path = workbook(
        tmp_path, [["指标", "数值"], ["单位地区生产总值能源消耗降低", 14.5]], "t.xlsx"
    )
    assert load_later_targets(xlsx_path, zibo_plan) == [LaterTarget("I15", 14.5)]


def test_without_the_plan_numbers_and_codes_still_resolve(tmp_path):
    path = write(tmp_path, "indicator,year,value\n5,2022,6.24\nt7,2022,1\n")
    assert [o.item for o in load_observations(path)] == ["I5", "T7"]
    named = write(tmp_path, "indicator,year,value\n常住人口城镇化率,2022,92.3\n", "named.csv")
    with refused("names need the plan"):
        load_observations(named)


def test_row_order_in_the_file_never_changes_the_result(tmp_path, zibo_plan):
    rows = ["1,2021,10", "1,2022,12", "2,2021,91.8", "2,2022,92.3", "9,2022,2.4", "T2,2022,330"]
    forward = write(tmp_path, "indicator,year,value\n" + "\n".join(rows) + "\n", "a.csv")
    backward = write(tmp_path, "indicator,year,value\n" + "\n".join(rows[::-1]) + "\n", "b.csv")
    a = assess_plan(zibo_plan, load_observations(forward, zibo_plan), 2022).to_dict()
    b = assess_plan(zibo_plan, load_observations(backward, zibo_plan), 2022).to_dict()
    assert a == b


BAD_OBSERVATIONS = [
    ("indicator,year,value\n5,2022,abc\n", 2, "value", '"abc" is not a number'),
    ("indicator,year,value\n5,2022,\n", 2, "value", "value is empty"),
    ("indicator,year,value\n5,2022,nan\n", 2, "value", "not a finite number"),
    ("indicator,year,value\n99,2022,1\n", 2, "indicator", "unknown indicator '99'"),
    ("indicator,year,value\n不存在的指标,2022,1\n", 2, "indicator", "unknown indicator"),
    ("indicator,year,value\n5,2022,1\nI5,2022,2\n", 3, "year", "already given in row 2"),
    ("indicator,year,value\n5,2019,1\n", 2, "year", "outside the plan period 2020–2025"),
    ("indicator,year,value\n5,2026,1\n", 2, "year", "outside the plan period"),
    ("indicator,year,value\n5,二〇二二,1\n", 2, "year", "is not a year"),
    ("indicator,year,value\n1,2022,-120\n", 2, "value", "the value -120 must be above -100 %"),
    ("indicator,year,value\n15,2022,100\n", 2, "value", "the value 100 must be below 100 %"),
    ("indicator,year\n5,2022\n", 1, None, "missing column(s) value"),
    ("indicator,year,value,remark\n5,2022,1,x\n", 1, None, "unknown column 'remark'"),
]


@pytest.mark.parametrize(("text", "row", "column", "reason"), BAD_OBSERVATIONS)
def test_bad_rows_name_file_row_column_and_reason(tmp_path, zibo_plan, text, row, column, reason):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_observations(path, zibo_plan)
    error = caught.value
    assert (error.file, error.row, error.column) == (str(path), row, column)
    assert reason in error.render("en")
    assert "文件" in str(error) and f"第 {row} 行" in str(error)
    assert str(error).startswith(f"文件 {path}")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"\n\n  \n", "the file is empty"),
        (b"indicator,year,value\n", "no data rows below the header"),
        (b"\xff\xfe\x00i\x00n\x00", "not UTF-8 or GB18030 text"),
    ],
)
def test_empty_and_unreadable_files(tmp_path, zibo_plan, content, reason):
    path = tmp_path / "obs.csv"
    path.write_bytes(content)
    with refused(reason):
        load_observations(path, zibo_plan)


def test_other_files_are_refused(tmp_path, zibo_plan):
    with refused("unsupported file type"):
        load_observations(write(tmp_path, "x", "obs.ods"), zibo_plan)
    with refused(r"not a readable \.xlsx workbook"):
        load_observations(write(tmp_path, "not a zip", "obs.xlsx"), zibo_plan)
    with refused("cannot read the file"):
        load_observations(tmp_path / "missing.csv", zibo_plan)


def test_bad_xlsx_rows_name_the_sheet(tmp_path, zibo_plan):
    path = workbook(tmp_path, [["indicator", "year", "value"], [5, 2022, 1], [5, 2022, "x"]])
    with pytest.raises(InputError) as caught:
        load_observations(path, zibo_plan)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("数据", 3, "value")


def test_bad_later_targets(tmp_path, zibo_plan):
    twice = write(tmp_path, "indicator,value\n15,14\nI15,13\n", "t.csv")
    with refused("already has a target in row 2"):
        load_later_targets(twice, zibo_plan)
    comparator = write(tmp_path, "indicator,value,comparator\n15,14,about\n", "c.csv")
    with refused("unknown comparator 'about'"):
        load_later_targets(comparator, zibo_plan)
    year = write(tmp_path, "indicator,value,year\n15,14,2030\n", "y.csv")
    with refused("outside the plan period 2021–2025"):
        load_later_targets(year, zibo_plan)


def test_the_hand_made_plan_fixture_is_the_sample_table():
    """Guard the fixture itself: 21 rows as printed in the sample outline's table."""
    import json

    data = json.loads((FIXTURES / "zibo-plan.json").read_text(encoding="utf-8"))
    rows = {i["number"]: i for i in data["indicators"]}
    assert sorted(rows) == list(range(1, 22))
    assert rows[9]["target"] == {"year": 2025, "value": 4.5, "comparator": "<=", "text": "4.5以内"}
    assert rows[15]["target"]["text"] == "完成省市分解任务"
    assert [n for n, r in rows.items() if r["attribute"] == "binding"] == [12, *range(15, 22)]


def test_a_formula_in_an_xlsx_file_is_refused_at_its_cell(tmp_path, zibo_plan):
    path = workbook(tmp_path, [["indicator", "year", "value"], [5, 2022, "=6+0.24"]])
    with pytest.raises(InputError) as caught:
        load_observations(path, zibo_plan)
    error = caught.value
    assert (error.sheet, error.row, error.column) == ("数据", 2, "C")
    assert "公式“=6+0.24”" in error.reason


def test_a_negative_growth_rate_is_read_as_a_number_from_xlsx_and_csv(tmp_path, zibo_plan):
    xlsx = workbook(tmp_path, [["indicator", "year", "value"], [1, 2022, -1.5]])
    csv = write(tmp_path, "indicator,year,value\n1,2022,-1.5\n")
    assert [o.value for o in load_observations(xlsx, zibo_plan)] == [-1.5]
    assert [o.value for o in load_observations(csv, zibo_plan)] == [-1.5]


def test_csv_rows_and_cells_over_the_limits_are_refused(tmp_path, zibo_plan):
    from planwatch.limits import LimitExceeded, Limits

    rows = "".join(f"{n},2022,1\n" for n in range(1, 40))
    path = write(tmp_path, "indicator,year,value\n" + rows)
    with pytest.raises(LimitExceeded, match="超过 10 行的上限"):
        load_observations(path, zibo_plan, limits=Limits(rows=10))
    long = write(tmp_path, "indicator,year,value,note\n1,2022,1," + "长" * 50 + "\n", "n.csv")
    with pytest.raises(LimitExceeded) as caught:
        load_observations(long, zibo_plan, limits=Limits(text=20))
    assert (caught.value.row, caught.value.column) == (2, "D")
