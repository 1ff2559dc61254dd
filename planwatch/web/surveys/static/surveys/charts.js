/* Survey results: one horizontal bar chart per question, from the counts the server wrote
   (json_script). ECharts comes from the application's own static files. */
(function () {
  "use strict";

  function draw() {
    if (typeof echarts === "undefined") { return; }
    var source = document.getElementById("survey-charts");
    if (!source) { return; }
    var charts = [];
    JSON.parse(source.textContent).forEach(function (c) {
      var el = document.getElementById(c.id);
      if (!el) { return; }
      el.style.height = (60 + 34 * c.labels.length) + "px";
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: c.labels, inverse: true },
        series: [{
          type: "bar", data: c.counts, itemStyle: { color: "#2f6f9f" },
          label: { show: true, position: "right" }
        }],
        aria: { enabled: true }
      });
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
