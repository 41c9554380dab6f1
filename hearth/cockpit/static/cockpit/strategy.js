// Strategy and initiatives: line charts (ECharts, from the local static files). Each element with
// data-line-chart="<id of a json_script>" draws {x, series: [{name, data, ours?}], mark?, mark_label?}.
(function () {
  "use strict";

  var PALETTE = ["#0052d9", "#f5a623", "#8e56dd", "#00a870", "#e34d59", "#0594fa"];
  var OURS = "#00a870";

  function draw(el) {
    var holder = document.getElementById(el.getAttribute("data-line-chart"));
    if (!holder || !window.echarts) return;
    var data = JSON.parse(holder.textContent);
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    var colour = 0;
    var series = data.series.map(function (s) {
      var c = s.ours ? OURS : PALETTE[colour++ % PALETTE.length];
      return {
        name: s.name, type: "line", data: s.data, connectNulls: true, showSymbol: data.x.length < 40,
        symbolSize: 6, lineStyle: { width: s.ours ? 3 : 2, type: s.ours ? "solid" : "solid" }, itemStyle: { color: c }
      };
    });
    if (data.mark && series.length) {
      series[0].markLine = {
        symbol: "none", silent: true, lineStyle: { color: "#e34d59", type: "dashed", width: 2 },
        label: { formatter: data.mark_label || "", color: "#e34d59" },
        data: [{ xAxis: data.mark }]
      };
    }
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      tooltip: { trigger: "axis", confine: true },
      legend: { top: 0, type: "scroll", icon: "roundRect", itemWidth: 12, itemHeight: 8 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.x, boundaryGap: false, axisLine: { lineStyle: { color: "#c9cdd4" } } },
      yAxis: { type: "value", splitLine: { lineStyle: { color: "#f2f3f5" } } },
      series: series
    });
    el.setAttribute("data-series", data.series.map(function (s) { return s.name; }).join("|"));
    el.setAttribute("data-rendered", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function setup() {
    document.querySelectorAll("[data-line-chart]").forEach(draw);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
