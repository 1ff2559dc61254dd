"""One sentence per item, with its figures, in Chinese (and in English on request)."""

from __future__ import annotations

import pytest

from planwatch.assess.model import AssessOptions

from .handmade import indicator, judge, prose

URBAN = indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93)
GROWTH = indicator(1, "地区生产总值增长速度", "%", baseline=8.2, growth=15)
ENERGY = indicator(15, "单位地区生产总值能源消耗降低", "%", target=13.5, binding=True)
FIRMS = prose("T2", "高新技术企业数量", 500, "家", baseline=252)
RD = indicator(1, "研发经费投入强度", "%", baseline=2.5, change=0.5)
SEWAGE = prose("T16", "城市污水日处理能力", 15, "万吨", kind="increment")
JOBLESS = indicator(9, "城镇登记失业率", "%", baseline=1.87, target=4.5, comparator="<=",
                    text="4.5以内")  # fmt: skip
LAND = indicator(1, "粮食播种面积", "万亩", baseline=60, target=55, comparator=">=", text="55以上")
GRAIN = indicator(20, "粮食综合生产能力", "万吨", baseline=0.64, target=0.64)
SHARE = indicator(7, "数字经济核心产业增加值占比", "%", baseline=8.0)
CARBON = indicator(16, "单位地区生产总值二氧化碳排放量降低", "%")
ASSIGNED = indicator(15, "单位地区生产总值能源消耗降低", "%", text="完成省市分解任务")

EXACT = [
    # one observed point: no fitted path; realised (92.3 − 91.24) / 2 = 0.53 a year against
    # 0.7 / 3 = 0.23 still needed → likely; p/τ = 0.602 / 0.4 = 1.5 → ahead
    (URBAN, {2022: 92.3}, "2022年为92.3%，按线性路径2022年应为91.94%，完成进度60.2%、时间进度40%，"
     "快于预期，余下3年需年均提高0.23个百分点（此前年均提高0.53个百分点），预计能够如期完成。"),
    # ḡ = √(1.10 × 1.12) − 1 = 11.0 %; needed 17.75 % is 1.61 × ḡ > 1.5 → unlikely
    (GROWTH, {2021: 10, 2022: 12}, "2021—2022年年均增长11.0%，低于年均15.0%的目标，滞后于预期，"
     "余下3年需年均增长17.7%（此前年均增长11.0%），按目前的年均增速，2021—2025年年均增长预计为"
     "11.0%，预计难以如期完成。"),
    # intensity 0.968 × 0.965 = 0.93412; yearly 1 − √0.93412 = 3.35 %; carried on for five
    # years 1 − 0.96650^5 = 15.7 %
    (ENERGY, {2021: 3.2, 2022: 3.5}, "2021—2022年累计降低6.6%，按进度应降低5.6%（2025年累计目标"
     "13.5%），符合预期，余下3年需年均降低2.5%（此前年均降低3.4%），按目前的年均降幅，"
     "2021—2025年累计降低预计为15.7%，预计能够如期完成。"),
    (GRAIN, {2022: 0.62}, "2022年为0.62万吨，低于基期水平0.64万吨，相差0.02万吨，须当年回到0.64万吨"
     "以上，逆向变化，能否及时回到目标要求内存在风险。"),
    (SHARE, {2022: 8.5}, "2022年为8.5%，较2020年提高0.5个百分点，未设定目标，趋势向好。"),
    (CARBON, {2021: 4, 2022: 3}, "2021—2022年累计降低6.9%，未设定目标，趋势向好。"),
    (ASSIGNED, {2022: 3.5}, "目标为“完成省市分解任务”，待明确具体目标值后评估，2022年为3.5%。"),
]  # fmt: skip


@pytest.mark.parametrize(("item", "values", "sentence"), EXACT)
def test_exact_sentences(item, values, sentence):
    assert judge(item, values).explanation == sentence


# every rule and status it can give, for the no-error, one-sentence, figures-present checks
CASES = [
    (URBAN, {2022: 93.5}), (URBAN, {2022: 92.3}), (URBAN, {2022: 91.5}), (URBAN, {2022: 91.3}),
    (URBAN, {2022: 91.0}), (URBAN, {}), (URBAN, {2025: 92.9}),
    (GROWTH, {2021: 10, 2022: 12}), (GROWTH, {2021: 40, 2022: 40, 2023: 40}), (GROWTH, {2021: 15}),
    (indicator(1, "地区生产总值", "亿元", baseline=285, growth=15), {2022: 350}),
    (ENERGY, {2021: 3.2, 2022: 3.5}), (ENERGY, {2021: 9, 2022: 9}), (ENERGY, {2021: -1}),
    (FIRMS, {2022: 330}), (FIRMS, {2022: 240}), (FIRMS, {2022: 510}),
    (RD, {2022: 2.6}), (RD, {2022: 3.1}), (RD, {2022: 2.4}), (SEWAGE, {2022: 5}),
    (SEWAGE, {2023: 16}), (JOBLESS, {2022: 2.4}), (JOBLESS, {2022: 4.6}),
    (JOBLESS, {2021: 3.0, 2022: 4.0}), (LAND, {2022: 58}), (LAND, {2022: 54}),
    (GRAIN, {2022: 0.65}), (GRAIN, {2022: 0.62}), (SHARE, {2022: 8.5}), (SHARE, {2022: 8.02}),
    (SHARE, {2022: 7.5}), (SHARE, {}), (CARBON, {2021: 4, 2022: 3}), (ASSIGNED, {2022: 3.5}),
    (prose("T5", "国家高新区排名", 30, "名", kind="rank", comparator="<="), {2022: 28}),
    (prose("T5", "国家高新区排名", 30, "名", kind="rank", comparator="<="), {2022: 35}),
    (prose("T13", "高新技术企业", 2, "倍", kind="multiple", baseline=252), {2022: 330}),
    (prose("T13", "高新技术企业", 2, "倍", kind="multiple"), {2022: 330}),
    (indicator(6, "每万人口发明专利拥有量", "件", target=8, comparator=">=", text="8"), {2022: 6}),
]  # fmt: skip


@pytest.mark.parametrize(("item", "values"), CASES)
def test_every_rule_and_status_explains_itself_in_both_languages(item, values):
    year = max(values, default=2022)
    zh = judge(item, values, year)
    en = judge(item, values, year, options=AssessOptions(language="en"))
    assert zh.status == en.status
    assert zh.explanation.endswith("。") and zh.explanation.count("。") == 1
    assert en.explanation.endswith(".") and not set("，。；") & set(en.explanation)
    assert "{" not in zh.explanation + en.explanation
    if values:
        assert str(year) in zh.explanation
    if zh.status not in ("needs_target", "no_data"):
        assert zh.label in zh.explanation or zh.status == "achieved"
        assert en.label.lower() in en.explanation or en.status == "achieved"
    assert en.label == en.label.strip() and en.label != zh.label


def test_every_bound_phrase_reads_exactly_as_its_template():
    """The phrases are bound once as functions; each must give str.format's text, both languages
    filled from the same fields (figures as text, years and counts as numbers)."""
    from string import Formatter

    from planwatch.assess.explain import _SAYERS, PHRASES

    for key, pair in PHRASES.items():
        names = {f for t in pair for _, f, _, _ in Formatter().parse(t) if f}
        fields = {name: (2023 if "year" in name else f"〈{name}〉") for name in sorted(names)}
        for lang, template in enumerate(pair):
            assert _SAYERS[lang]("%").phrase(key)(**fields) == template.format(**fields), key


def test_a_misspelt_phrase_field_is_an_error_not_a_silent_gap():
    from planwatch.assess.explain import _SAYERS

    with pytest.raises(TypeError):
        _SAYERS[0]("%").value_in(year=2022, valeu="5%")
