// Metrics page: the metric against the period before (a percentage axis for ratios);
// alerts page: each alert's metric around its day, with the expected band. ECharts, local files.
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function brand() {
    return getComputedStyle(document.documentElement).getPropertyValue("--brand").trim() || "#d9480f";
  }

  function formatter(percent) {
    return function (v) {
      if (v === null || v === undefined || isNaN(v)) return "—";
      return percent ? (v * 100).toFixed(1) + "%" : (Math.round(v * 100) / 100).toLocaleString();
    };
  }

  function shortDay(x) {
    return function (v) { return x.length > 1 && v.slice(0, 4) === x[0].slice(0, 4) ? v.slice(5) : v; };
  }

  function base(data, percent) {
    var fmt = formatter(percent);
    return {
      animation: false,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      tooltip: { trigger: "axis", confine: true, valueFormatter: fmt },
      xAxis: { type: "category", data: data.x, axisLabel: { formatter: shortDay(data.x) },
        axisLine: { lineStyle: { color: "#c9cdd4" } } },
      yAxis: { type: "value", axisLabel: { formatter: fmt }, splitLine: { lineStyle: { color: "#f2f3f5" } } }
    };
  }

  function setupMetricChart() {
    var el = document.getElementById("metric-chart");
    var data = readJson("metric-chart-data");
    if (!el || !data || !window.echarts) return;
    var colour = brand();
    var option = base(data, data.percent);
    option.legend = { top: 0, icon: "roundRect", itemWidth: 12, itemHeight: 8 };
    option.grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
    option.xAxis.boundaryGap = data.kind === "bar";
    option.series = data.series.map(function (s) {
      var line = {
        name: s.name, type: data.kind, data: s.data, connectNulls: false, showSymbol: data.x.length <= 31,
        symbolSize: 5, barMaxWidth: 28, itemStyle: { color: s.previous ? "#c9cdd4" : colour },
        lineStyle: { color: s.previous ? "#a9aeb8" : colour, width: 2, type: s.previous ? "dashed" : "solid" }
      };
      if (!s.previous && data.kind === "line") line.areaStyle = { color: colour, opacity: 0.08 };
      return line;
    });
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    el.setAttribute("data-series", data.series.map(function (s) { return s.name; }).join("|"));
    el.setAttribute("data-rendered", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function setupAlertCharts() {
    if (!window.echarts) return;
    document.querySelectorAll("[data-alert-chart]").forEach(function (el) {
      var data = readJson(el.getAttribute("data-alert-chart"));
      if (!data) return;
      var option = base(data, data.percent);
      var at = data.x.indexOf(data.day);
      option.grid = { left: 4, right: 12, top: 12, bottom: 4, containLabel: true };
      option.xAxis.boundaryGap = false;
      option.yAxis.scale = true;
      var band = data.high.map(function (h, i) { return h === null || data.low[i] === null ? null : h - data.low[i]; });
      option.series = [
        { name: "low", type: "line", data: data.low, stack: "band", symbol: "none", lineStyle: { opacity: 0 },
          tooltip: { show: false } },
        { name: data.labels.band, type: "line", data: band, stack: "band", symbol: "none",
          lineStyle: { opacity: 0 }, areaStyle: { color: "#0052d9", opacity: 0.12 }, tooltip: { show: false } },
        { name: data.labels.value, type: "line", data: data.values, symbolSize: 4, showSymbol: false,
          lineStyle: { color: brand(), width: 2 }, itemStyle: { color: brand() },
          markPoint: at < 0 ? undefined : { symbol: "circle", symbolSize: 10, label: { show: false },
            itemStyle: { color: "#e34d59" }, data: [{ coord: [at, data.values[at]] }] } }
      ];
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option);
      el.setAttribute("data-rendered", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupMetricChart();
    setupAlertCharts();
  });
})();
