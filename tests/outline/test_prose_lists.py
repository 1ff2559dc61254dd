"""分别 lists, strict bounds and outputs with 万/亿 units in prose targets (issue 10, point 5).
Gold written from the sentences below."""

from planwatch.outline import parse_outline_bytes

OUTLINE = """第一章 主要目标
到2020年，城镇基本医疗保险参保率和新型农村合作医疗参合率分别达到95%和85%。货物贸易、服务贸易进出口总额分别达到2.3万亿美元和4000亿美元。服务业增加值比重和服务业就业比重分别提高3个和4个百分点。城乡居民养老保险参保率分别达到90%和80%。战略性新兴产业增加值占国内生产总值比重超过17%。城镇保障性安居工程建设3600万套。建设铁路新线1.7万公里。新建和改造农村公路120万公里以上。耕地保有量保持在18.18亿亩。城镇新增就业4500万人。
第二章 任务
加快发展。推进工作。
"""

GOLD = [  # subject, value, unit, kind, comparator
    ("城镇基本医疗保险参保率", 95, "%", "level", ">="),
    ("新型农村合作医疗参合率", 85, "%", "level", ">="),
    ("货物贸易", 2.3, "万亿美元", "level", ">="),
    ("服务贸易进出口总额", 4000, "亿美元", "level", ">="),
    ("服务业增加值比重", 3, "个百分点", "increment", ">="),
    ("服务业就业比重", 4, "个百分点", "increment", ">="),
    ("城乡居民养老保险参保率", 90, "%", "level", ">="),  # one subject, two values: unpaired
    ("城乡居民养老保险参保率", 80, "%", "level", ">="),
    ("战略性新兴产业增加值占国内生产总值比重", 17, "%", "level", ">"),  # 超过: strictly above
    ("城镇保障性安居工程", 3600, "万套", "count", ">="),
    ("铁路新线", 1.7, "万公里", "count", ">="),
    ("农村公路", 120, "万公里", "count", ">="),
    ("耕地保有量", 18.18, "亿亩", "level", ">="),
    ("就业", 4500, "万人", "increment", ">="),
]


def _plan():
    return parse_outline_bytes(OUTLINE.encode(), "a.txt")


def test_one_target_per_subject_and_value_with_the_unit_as_printed():
    found = [(t.subject, t.value, t.unit, t.kind, t.comparator) for t in _plan().targets]
    assert found == GOLD


def test_a_list_that_does_not_pair_up_is_not_paired_by_guess_and_is_reported():
    plan = _plan()
    unpaired = [w for w in plan.warnings if w.code == "outline.unpaired_values"]
    assert len(unpaired) == 1
    codes = [t.code for t in plan.targets if t.subject == "城乡居民养老保险参保率"]
    assert codes == ["T7", "T8"]
    assert "T7、T8" in unpaired[0].zh and "城乡居民养老保险参保率分别达到90%和80%" in unpaired[0].zh
    assert "T7, T8" in unpaired[0].en and unpaired[0].location == ["第一章"]


def test_a_strict_floor_is_met_only_above_its_value():
    """超过17% read as '>' and judged so by the assessment (a floor): 17 is not above it and
    lags, 17.2 keeps the bound."""
    from planwatch.assess import assess_plan
    from planwatch.assess.model import Observation

    plan = _plan()
    share = next(t for t in plan.targets if t.value == 17)
    assert share.comparator == ">" and share.year == 2020

    def status(value):
        seen = [Observation(share.code, 2020, value, "%")]
        result = assess_plan(plan, seen, 2020)
        return next(i for i in result.items if i.code == share.code).status

    assert status(17) == "lagging"
    assert status(17.2) == "bound_kept"
