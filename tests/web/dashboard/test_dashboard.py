"""The signed-in dashboard: what each role sees, grouped, warned about and filtered.

Statuses are the ones worked out by hand in progress_data.py.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:index")


def rows_of(html: str) -> dict[str, str]:
    """Item code → the HTML of its row in the item tables."""
    body = html.split('id="items-heading"', 1)[1].split('id="tasks-heading"', 1)[0]
    rows = re.findall(r'<td data-label="[^"]+" class="code">(\w+)</td>(.*?)</tr>', body, re.S)
    return {code: row for code, row in rows}


def status_in(row: str) -> str:
    return re.search(r'class="status status-(\w+)"', row).group(1)


def test_every_item_with_its_status_as_colour_and_words(reported, login, users):
    html = login(users["coordinator"]).get(URL).content.decode()
    rows = rows_of(html)
    assert {code: status_in(row) for code, row in rows.items()} == {
        "I1": "roughly_on_track",
        "I2": "regressing",
        "I3": "seriously_lagging",
        "T1": "seriously_lagging",
    }
    # colour (site.css, by class: the policy allows no style attribute) and label together
    assert 'class="status status-regressing"' in rows["I2"] and "逆向变化" in rows["I2"]
    assert "基本符合预期" in rows["I1"] and "严重滞后" in rows["T1"]
    # no English code as a tooltip on a Chinese page (title="regressing" until the QA pass)
    assert 'title="regressing"' not in rows["I2"] and 'title="' not in rows["I1"]


def test_items_are_grouped_by_category_and_prose_targets_by_chapter(reported, login, users):
    html = login(users["coordinator"]).get(URL).content.decode()
    headings = re.findall(r'<h3 id="category-\d+">(.*?) <span', html)
    assert headings == ["经济发展", "绿色生态", "第一章 发展目标"]
    economy = html.split("经济发展 <span", 1)[1].split("<h3", 1)[0]
    assert ">I1<" in economy and ">I2<" in economy and ">I3<" not in economy


def test_baseline_latest_and_target_are_shown_with_their_years(reported, login, users):
    row = rows_of(login(users["coordinator"]).get(URL).content.decode())["I2"]
    cells = re.findall(r'class="num">(.*?)</td>', row, re.S)
    assert [re.sub(r"<[^>]+>", "", c).split() for c in cells] == [
        ["60%", "（2020年）"],
        ["59.5%", "（2022年）"],
        ["≥", "65%", "（2025年）"],
    ]


def test_each_row_has_a_trend_line_that_names_its_points(reported, login, users):
    row = rows_of(login(users["coordinator"]).get(URL).content.decode())["T1"]
    assert '<svg class="spark"' in row
    assert 'aria-label="趋势：2020: 100，2021: 110，2022: 115"' in row


def test_binding_warnings_come_first_and_others_after(reported, login, users):
    html = login(users["coordinator"]).get(URL).content.decode()
    binding = html.split('id="binding-warnings"', 1)[1].split("</section>", 1)[0]
    others = html.split('id="other-warnings"', 1)[1].split("</section>", 1)[0]
    assert "I3 单位地区生产总值能耗降低" in binding
    assert "I2" not in binding and "T1" not in binding
    # regressing is worse than lagging: listed first
    assert others.index("I2 常住人口城镇化率") < others.index("T1 高新技术企业数量")
    assert html.index('id="binding-warnings"') < html.index('id="items-heading"')


def test_status_counts_say_how_many_of_each(reported, login, users):
    html = login(users["coordinator"]).get(URL).content.decode()
    counts = html.split('class="status-counts"', 1)[1].split("</ul>", 1)[0]
    found = re.findall(r"status-(\w+)\".*?<strong>(\d+)</strong>", counts)
    assert dict(found) == {"roughly_on_track": "1", "seriously_lagging": "2", "regressing": "1"}


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"status": "off_course"}, {"I2", "I3", "T1"}),
        ({"status": "seriously_lagging"}, {"I3", "T1"}),
        ({"attribute": "binding"}, {"I3"}),
        ({"department": "env"}, {"I2", "I3"}),  # leads I3, supports I2
        ({"chapter": "第一章"}, {"T1"}),
    ],
)
def test_filters_narrow_the_items(reported, login, users, departments, query, codes):
    from planwatch.web.plans.models import Node

    params = {"plan": reported.plan.pk}
    for key, value in query.items():
        if key == "department":
            value = departments[value].pk
        if key == "chapter":
            value = Node.objects.get(plan=reported.plan, level="chapter", number=value).pk
        params[key] = value
    html = login(users["coordinator"]).get(URL, params).content.decode()
    assert set(rows_of(html)) == codes


def test_the_year_filter_judges_an_earlier_year(reported, login, users):
    html = login(users["coordinator"]).get(URL, {"year": 2021}).content.decode()
    # in 2021 only the first figures count: T1 110 is ln 1.1 / ln 2 = 0.14 of the way at
    # τ = 0.2: r = 0.69, between 0.6 and 0.9 → lagging; I2 has no figure yet
    rows = rows_of(html)
    assert status_in(rows["T1"]) == "lagging"
    assert status_in(rows["I2"]) == "no_data"


def test_task_progress_per_chapter_uses_the_latest_approved_report(reported, login, users):
    html = login(users["coordinator"]).get(URL).content.decode()
    table = html.split('id="tasks-heading"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\s*<td[^>]*>(第.章)[^<]*</td>(.*?)</tr>", table, re.S)
    numbers = {ch: re.findall(r'class="num[^"]*">(\d+)</td>', row) for ch, row in rows}
    # tasks, completed, in progress, delayed, not started, unreported
    assert numbers["第一章"] == ["2", "0", "1", "0", "0", "1"]  # M2 is submitted, not approved
    assert numbers["第二章"] == ["2", "1", "0", "1", "0", "0"]  # M4 completed in 2022
    assert "40%" in dict(rows)["第一章"]  # M1: (50 + 30) / 2
    assert "55%" in dict(rows)["第二章"]  # (10 + 100) / 2


def test_a_task_with_milestones_follows_them_in_the_chapter_table(reported, login, users):
    import datetime as dt

    from planwatch.web.plans.models import Task
    from planwatch.web.reporting.services import workflow
    from planwatch.web.roadmap import services

    science = users["reporter"]  # leads M1 and M2
    tasks = {t.code: t for t in Task.objects.filter(plan=reported.plan)}
    round = reported.rounds[2023]
    # M1: its departments' approved reports say in progress 50 % and 30 %, but its one
    # milestone, due 2023-06-30, has no report: overdue by the end of 2023 → the task is late.
    services.add_milestone(science, tasks["M1"], what="方案", due=dt.date(2023, 6, 30))
    # M2: its report is only submitted (not reported), but its milestone is reported done.
    done = services.add_milestone(science, tasks["M2"], what="验收", due=dt.date(2023, 9, 30))
    report = services.record_milestone(
        science, round, done, state="done", done_on=dt.date(2023, 9, 1)
    )
    # Only an approved milestone report counts: merely submitted, M2's 验收 (due 2023-09-30)
    # is as unreported, overdue by the end of 2023, so M2 is delayed as M1 is.
    workflow.submit(science, [report])
    html = login(users["coordinator"]).get(URL).content.decode()
    table = html.split('id="tasks-heading"', 1)[1].split("</table>", 1)[0]
    waiting = re.findall(r"<tr>\s*<td[^>]*>(第.章)[^<]*</td>(.*?)</tr>", table, re.S)
    counts = {ch: re.findall(r'class="num[^"]*">(\d+)</td>', row) for ch, row in waiting}
    assert counts["第一章"] == ["2", "0", "0", "2", "0", "0"]
    workflow.approve(users["coordinator"], [report])
    html = login(users["coordinator"]).get(URL).content.decode()
    table = html.split('id="tasks-heading"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\s*<td[^>]*>(第.章)[^<]*</td>(.*?)</tr>", table, re.S)
    numbers = {ch: re.findall(r'class="num[^"]*">(\d+)</td>', row) for ch, row in rows}
    # tasks, completed, in progress, delayed, not started, unreported
    assert numbers["第一章"] == ["2", "1", "0", "1", "0", "0"]
    assert "50%" in dict(rows)["第一章"]  # M1 0 of 1 milestones done, M2 1 of 1
    assert numbers["第二章"] == ["2", "1", "0", "1", "0", "0"]  # no milestones: as before


def test_round_completion_per_department(reported, login, users):
    html = login(users["coordinator"]).get(URL).content.decode()
    table = html.split('id="completion-heading"', 1)[1].split("</table>", 1)[0]
    science = table.split("县科学技术局", 1)[1].split("</tr>", 1)[0]
    # science owes I2, T1 (figures) and M1, M2 (progress): M2 submitted, M1 approved
    assert re.findall(r'class="num">(\d+)</td>', science) == ["4", "1", "1", "0", "2"]
    assert "县生态环境分局" in table and "县发展和改革局" in table


def test_overdue_duties_are_flagged_in_words(reported, login, users):
    import datetime as dt

    from planwatch.web.history.services import save_tracked

    round = reported.rounds[2023]
    round.deadline = dt.date(2000, 1, 1)
    save_tracked(round)
    html = login(users["coordinator"]).get(URL).content.decode()
    science = html.split('id="completion-heading"', 1)[1].split("县科学技术局", 1)[1]
    assert "逾期 2 项" in science.split("</tr>", 1)[0]


def test_a_reporter_sees_only_the_items_and_line_of_their_department(reported, login, users):
    html = login(users["reporter"]).get(URL).content.decode()
    assert set(rows_of(html)) == {"I2", "T1"}
    completion = html.split('id="completion-heading"', 1)[1].split("</table>", 1)[0]
    assert "县科学技术局" in completion and "县生态环境分局" not in completion
    options = html.split('name="department"', 1)[1].split("</select>", 1)[0]
    assert "县科学技术局" in options and "县生态环境分局" not in options


def test_the_dashboard_needs_a_sign_in(reported, client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_approved_figures_count(reported, login, users):
    reported.figure("I2", 63.0, "submitted")
    row = rows_of(login(users["coordinator"]).get(URL).content.decode())["I2"]
    assert status_in(row) == "regressing" and "63%" not in row


def test_english_is_one_click_away(reported, client, users):
    client.force_login(users["coordinator"])
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    html = client.get(URL).content.decode()
    assert '<html lang="en">' in html
    assert "Moving away from target" in rows_of(html)["I2"]
    assert "Binding indicators" in html and "约束性指标预警" not in html


def test_a_plan_without_a_period_says_why_it_cannot_be_judged(plan, login, users):
    from planwatch.web.history.services import save_tracked

    plan.base_year = plan.target_year = None  # and no round to take a year from
    save_tracked(plan)
    response = login(users["coordinator"]).get(URL)
    assert response.status_code == 200
    assert "规划没有基期年和目标年，无法评估进度。" in response.content.decode()
