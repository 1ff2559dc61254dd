"""Hand-written gold for the 12th national outline's indicator table (专栏2), typed from the image
``tests/fixtures/outlines/ocr/images/W020251017106711514438_ORIGIN.jpg`` by looking at it.

A sub-row under a shared name reads as ``name（sub-row）`` with the unit of the name
(``主要污染物排放总量减少(%)`` over ``化学需氧量``: ``主要污染物排放总量减少（化学需氧量）``,
unit ``%``).
Rates: ``("growth", comparator, value)`` for an annual growth, ``("cumulative", …)`` for a
bracketed five-year change; None where the cell is empty. Targets: (comparator, value) as
printed (a bare figure is None: the reader adds the direction's comparator).
"""

A, B = "anticipatory", "binding"
C, G = "cumulative", "growth"

#: category, name, unit, 2010 value, 2015 target, growth/cumulative, attribute
TABLE_12TH = [
    ("经济发展", "国内生产总值", "万亿元", 39.8, (None, 55.8), (G, None, 7), A),
    ("经济发展", "服务业增加值比重", "%", 43, (None, 47), (C, None, 4), A),
    ("经济发展", "城镇化率", "%", 47.5, (None, 51.5), (C, None, 4), A),
    ("科技教育", "九年义务教育巩固率", "%", 89.7, (None, 93), (C, None, 3.3), B),
    ("科技教育", "高中阶段教育毛入学率", "%", 82.5, (None, 87), (C, None, 4.5), A),
    (
        "科技教育",
        "研究与试验发展经费支出占国内生产总值比重",
        "%",
        1.75,
        (None, 2.2),
        (C, None, 0.45),
        A,
    ),
    ("科技教育", "每万人口发明专利拥有量", "件", 1.7, (None, 3.3), (C, None, 1.6), A),
    ("资源环境", "耕地保有量", "亿亩", 18.18, (None, 18.18), (C, None, 0), B),
    ("资源环境", "单位工业增加值用水量降低", "%", None, None, (C, None, 30), B),
    ("资源环境", "农业灌溉用水有效利用系数", None, 0.5, (None, 0.53), (C, None, 0.03), A),
    ("资源环境", "非化石能源占一次能源消费比重", "%", 8.3, (None, 11.4), (C, None, 3.1), B),
    ("资源环境", "单位国内生产总值能源消耗降低", "%", None, None, (C, None, 16), B),
    ("资源环境", "单位国内生产总值二氧化碳排放降低", "%", None, None, (C, None, 17), B),
    (
        "资源环境",
        "主要污染物排放总量减少（化学需氧量）",
        "%",
        None,
        None,
        (C, None, 8),
        B,
    ),
    ("资源环境", "主要污染物排放总量减少（二氧化硫）", "%", None, None, (C, None, 8), B),
    ("资源环境", "主要污染物排放总量减少（氨氮）", "%", None, None, (C, None, 10), B),
    (
        "资源环境",
        "主要污染物排放总量减少（氮氧化物）",
        "%",
        None,
        None,
        (C, None, 10),
        B,
    ),
    ("资源环境", "森林增长（森林覆盖率）", "%", 20.36, (None, 21.66), (C, None, 1.3), B),
    ("资源环境", "森林增长（森林蓄积量）", "亿立方米", 137, (None, 143), (C, None, 6), B),
    ("人民生活", "城镇居民人均可支配收入", "元", 19109, (">", 26810), (G, ">", 7), A),
    ("人民生活", "农村居民人均纯收入", "元", 5919, (">", 8310), (G, ">", 7), A),
    ("人民生活", "城镇登记失业率", "%", 4.1, ("<", 5), None, A),
    ("人民生活", "城镇新增就业人数", "万人", None, None, (C, None, 4500), A),
    ("人民生活", "城镇参加基本养老保险人数", "亿人", 2.57, (None, 3.57), (C, None, 1), B),
    ("人民生活", "城乡三项基本医疗保险参保率", "%", None, None, (C, None, 3), B),
    ("人民生活", "城镇保障性安居工程建设", "万套", None, None, (C, None, 3600), B),
    ("人民生活", "全国总人口", "万人", 134100, ("<", 139000), (G, "<", 7.2), B),
    ("人民生活", "人均预期寿命", "岁", 73.5, (None, 74.5), (C, None, 1), A),
]

#: The table's title (above it in the image) and the start of its note (below it).
TITLE_12TH = "专栏2“十二五”时期经济社会发展主要指标"
NOTE_START_12TH = "注："
