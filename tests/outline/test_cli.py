"""``planwatch outline parse``: the readable summary and the JSON form."""

import json

from planwatch.cli import main
from planwatch.outline import load_plan


def test_json_shape(sample_path, capsys):
    assert main(["outline", "parse", str(sample_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("title", "document_number", "issuer", "base_year", "target_year"):
        assert key in data
    assert set(data) >= {"chapters", "indicators", "targets"}
    chapter = data["chapters"][2]
    assert set(chapter) >= {"number", "title", "text", "sections"}
    section = chapter["sections"][0]
    assert set(section) >= {"number", "title", "text", "tasks", "subsections"}
    subsection = section["subsections"][0]
    assert set(subsection) >= {"number", "title", "text", "tasks", "items"}
    assert set(subsection["tasks"][0]) == {"code", "title", "text", "page"}
    indicator = data["indicators"][1]
    assert set(indicator) == {
        "number", "code", "name", "unit", "category", "baseline", "target", "annual_growth",
        "cumulative_change", "attribute", "direction", "notes", "ocr_cells", "source", "page",
        "word_targets",
    }  # fmt: skip
    assert (indicator["ocr_cells"], indicator["page"]) == ([], None)  # read from text
    assert indicator["baseline"] == {"year": 2020, "value": 91.24, "text": "91.24"}
    assert indicator["target"] == {"year": 2025, "value": 93, "comparator": ">=", "text": "93"}
    assert isinstance(indicator["target"]["value"], int)
    assert data["indicators"][0]["target"] is None
    target = data["targets"][0]
    assert set(target) == {
        "code", "subject", "value", "unit", "comparator", "year", "kind", "text", "location",
        "baseline", "also_at", "year_defaulted", "restates", "high", "page",
    }  # fmt: skip
    assert isinstance(target["also_at"], list)


def test_json_round_trips_through_load_plan(sample_path, sample_plan, tmp_path, capsys):
    main(["outline", "parse", str(sample_path), "--json"])
    saved = tmp_path / "plan.json"
    saved.write_text(capsys.readouterr().out, encoding="utf-8")
    assert load_plan(saved) == sample_plan
    assert load_plan(sample_path) == sample_plan


def test_summary_shows_tree_counts_and_indicator_table(sample_path, capsys):
    assert main(["outline", "parse", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("远景目标纲要")
    assert "9 章, 35 节, 75 目" in out
    assert "第七章 以人为本、共治共享,提供幸福社会新典范" in out
    assert "一、加强教育资源供给  [3 项任务]" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("I9 "))
    assert "城镇登记失业率" in row and "4.5以内" in row and "预期性" in row and "↓" in row
    assert "T14 [level]" in out or "[level]" in out
    restated = next(line for line in out.splitlines() if "千亿级产业集群" in line)
    assert restated.strip().startswith("T4 [count]") and restated.endswith("又见 第三章第一节")
