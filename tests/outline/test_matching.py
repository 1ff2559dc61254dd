"""Codes survive a re-import: tasks and items matched across versions by content."""

from planwatch.outline import parse_outline_bytes
from planwatch.outline.matching import match_plans

OLD = """某区国民经济和社会发展第十四个五年规划纲要
第一章 主要目标
到2025年，地区生产总值达到500亿元，研发经费投入年均增长8%以上。
第二章 重点任务
第一节 产业升级
加快先进制造业发展。建设智能工厂十个，推进技术改造。
培育数字经济。推进数据要素市场建设，发展平台经济。
第二节 民生保障
着力扩大就业规模。城镇新增就业2万人，开发公益岗位。
健全社会保障体系。推进养老保险全国统筹。
"""

NEW = OLD.replace(
    "加快先进制造业发展。",
    "强化创新平台。建设省级实验室，推进产学研合作。\n加快先进制造业发展。",
).replace("推进数据要素市场建设，发展平台经济。", "推进数据要素市场建设，大力发展平台经济。")


def test_inserted_measure_does_not_shift_the_others():
    old, new = (
        parse_outline_bytes(OLD.encode(), "old.txt"),
        parse_outline_bytes(NEW.encode(), "new.txt"),
    )
    by_title_old = {t.title: t.code for _, t in old.iter_tasks()}
    by_title_new = {t.title: t.code for _, t in new.iter_tasks()}
    match = match_plans(old, new)
    assert len(by_title_old) >= 4
    for title, code in by_title_old.items():  # every old task keeps its partner
        assert match.tasks[code] == by_title_new[title]
    assert by_title_old["加快先进制造业发展"] != by_title_new["加快先进制造业发展"]  # renumbered
    assert match.unmatched_new == [by_title_new["强化创新平台"]]
    assert not match.unmatched_old
    assert {match.items[t.code] for t in old.targets} == {t.code for t in new.targets}


def test_a_dropped_measure_is_unmatched():
    old = parse_outline_bytes(NEW.encode(), "old.txt")
    new = parse_outline_bytes(OLD.encode(), "new.txt")
    match = match_plans(old, new)
    dropped = next(t.code for _, t in old.iter_tasks() if t.title == "强化创新平台")
    assert match.unmatched_old == [dropped] and not match.unmatched_new
