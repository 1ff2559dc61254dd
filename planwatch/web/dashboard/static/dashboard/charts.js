/* planwatch charts: turns the figures the server prepared (json_script) into ECharts.
   ECharts comes from the application's own static files; nothing is loaded from elsewhere. */
(function () {
  "use strict";

  var GREY = "#5d6d7e";
  var TARGET = "#c0392b";

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function round(v) {
    return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
  }

  function small() {
    return window.matchMedia && window.matchMedia("(max-width: 640px)").matches;
  }

  function itemOption(c) {
    var series = [];
    var years = c.years.length ? c.years : c.observed.map(function (p) { return p[0]; });
    series.push({
      name: c.observed_label, type: "line", data: c.observed, symbol: "circle", symbolSize: 8,
      lineStyle: { width: 3, color: c.colour }, itemStyle: { color: c.colour }, clip: false,
      label: { show: true, position: "top", formatter: function (p) { return round(p.value[1]); } },
      markLine: c.target === null ? undefined : {
        silent: true, symbol: "none",
        lineStyle: { color: TARGET, type: "solid", width: 1.5 },
        label: { formatter: c.target_label, position: "insideEndTop", color: TARGET },
        data: [{ yAxis: c.target }]
      },
      z: 5
    });
    if (c.baseline) {
      series.push({
        name: c.labels.baseline, type: "scatter", data: [c.baseline], symbol: "diamond", clip: false,
        symbolSize: 12, itemStyle: { color: GREY }
      });
    }
    if (c.expected.length) {
      series.push({
        name: c.labels.expected, type: "line", data: c.expected, symbol: "none",
        lineStyle: { type: "dashed", color: GREY, width: 1.5 }, itemStyle: { color: GREY }
      });
    }
    if (c.target !== null && c.target_year) {
      series.push({
        name: c.labels.target, type: "scatter", data: [[c.target_year, c.target]],
        symbol: "triangle", symbolSize: 12, itemStyle: { color: TARGET }, clip: false
      });
    }
    if (c.projection.length) {
      series.push({
        name: c.labels.projection, type: "line", data: c.projection, symbol: "emptyCircle",
        lineStyle: { type: "dotted", color: c.colour, width: 2 }, itemStyle: { color: c.colour }
      });
    }
    if (c.band.length) {
      series.push({
        name: c.labels.band, type: "custom", data: c.band, encode: { x: 0, y: [1, 2] },
        itemStyle: { color: c.colour, opacity: 0.18 }, silent: true, z: 1,
        renderItem: function (params, api) {
          if (params.dataIndex !== 0) { return null; }  // the whole band is drawn once
          var upper = c.band.map(function (b) { return api.coord([b[0], b[2]]); });
          var lower = c.band.map(function (b) { return api.coord([b[0], b[1]]); }).reverse();
          return { type: "polygon", shape: { points: upper.concat(lower) },
            style: { fill: c.colour, opacity: 0.18 } };
        }
      });
    }
    var range = valueRange(c);
    return {
      aria: { enabled: true },
      animation: false,
      grid: { left: 56, right: 24, top: small() ? 72 : 48, bottom: 36 },
      legend: { top: 0, data: series.map(function (s) { return s.name; })
        .filter(function (n, i, all) { return all.indexOf(n) === i; }) },
      tooltip: { trigger: "axis", renderMode: "richText", valueFormatter: function (v) { return round(v) + " " + c.unit; } },
      xAxis: {
        type: "value", min: years[0], max: years[years.length - 1], interval: 1,
        axisLabel: { formatter: function (v) { return String(v); } }
      },
      yAxis: { type: "value", name: c.unit, min: range[0], max: range[1] },
      series: series
    };
  }

  /* Every figure drawn (target and projection included) fits, on rounded bounds; a series of
     positive values keeps zero out of view only when it is far from zero. */
  function valueRange(c) {
    var ys = [];
    function add(points, index) { points.forEach(function (p) { ys.push(p[index]); }); }
    add(c.observed, 1); add(c.expected, 1); add(c.projection, 1); add(c.band, 1); add(c.band, 2);
    if (c.baseline) { ys.push(c.baseline[1]); }
    if (c.target !== null) { ys.push(c.target); }
    if (!ys.length) { return [0, 1]; }
    var lo = Math.min.apply(null, ys), hi = Math.max.apply(null, ys);
    var span = hi - lo || Math.abs(hi) || 1;
    var step = Math.pow(10, Math.floor(Math.log10(span)));
    var low = Math.floor((lo - span * 0.08) / step) * step;
    var high = Math.ceil((hi + span * 0.08) / step) * step;
    if (lo >= 0 && (low < 0 || lo < span)) { low = Math.max(0, low); }
    return [Number(low.toPrecision(12)), Number(high.toPrecision(12))];
  }

  /* How many rows ECharts' legend wraps into at this width (item: 25px mark, 5px, the text in
     12px, 10px gap): the grid starts below it, so the legend never covers the first bars. */
  function legendRows(names, width) {
    var ctx = document.createElement("canvas").getContext("2d");
    if (!ctx || !width) { return small() ? 3 : 1; }
    ctx.font = "12px sans-serif";
    var rows = 1, used = 0, room = width - 10;
    names.forEach(function (name) {
      var w = 25 + 5 + ctx.measureText(name).width + 10;
      if (used && used + w > room) { rows += 1; used = 0; }
      used += w;
    });
    return rows;
  }

  function legendTop(c, width) {
    return 16 + 24 * legendRows(c.series.map(function (s) { return s.name; }), width);
  }

  function overviewOption(c, width) {
    return {
      aria: { enabled: true },
      animation: false,
      grid: { left: 8, right: 16, top: legendTop(c, width), bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: c.categories, inverse: true,
        axisLabel: { interval: 0, width: small() ? 96 : 220, overflow: "truncate" } },
      series: c.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "status", data: s.data,
          itemStyle: { color: s.colour }, label: { show: true, formatter: function (p) {
            return p.value ? p.value : ""; } } };
      })
    };
  }

  var OPTIONS = { item: itemOption, overview: overviewOption };

  function draw() {
    if (typeof echarts === "undefined") { return; }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var data = readData(el);
      var build = OPTIONS[el.getAttribute("data-kind")];
      if (!data || !build) { return; }
      if (el.getAttribute("data-kind") === "overview") {
        el.style.height = (40 + legendTop(data, el.clientWidth) + 26 * data.categories.length) + "px";
      }
      // Canvas, not SVG: the SVG renderer writes style attributes, which the page's
      // Content-Security-Policy refuses (docs/deployment.md, "Security headers").
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(build(data, el.clientWidth));
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
    document.documentElement.setAttribute("data-charts-ready", String(charts.length));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
