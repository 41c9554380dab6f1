// Analytics pages: the controls (selects apply at once; a relative range stays relative),
// the KPI sparklines and the main chart (ECharts, served from the local static files).
(function () {
  "use strict";

  var PALETTE = ["#0052d9", "#00a870", "#f5a623", "#8e56dd", "#e37318", "#029cd4", "#d54941",
    "#5b8c00", "#86909c"];
  var LIFECYCLE = { "new": "#00a870", returning: "#0052d9", resurrecting: "#f5a623", dormant: "#d54941" };

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function brand() {
    return getComputedStyle(document.documentElement).getPropertyValue("--brand").trim() || "#d9480f";
  }

  function setupControls() {
    var form = document.querySelector("[data-analytics-form]");
    if (!form) return;
    var days = form.querySelector("input[name=days]");
    var dates = form.querySelectorAll("input[type=date]");
    dates.forEach(function (input) {
      input.addEventListener("change", function () { if (days) days.value = ""; });
    });
    form.addEventListener("submit", function () {
      // "Last 30 days" stays relative unless a date was changed by hand.
      if (!days || !days.value) return;
      dates.forEach(function (input) {
        if (input.value === input.getAttribute("data-initial")) input.disabled = true;
      });
    });
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () {
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      });
    });
  }

  function setupSparklines() {
    var data = readJson("analytics-sparks");
    if (!data || !window.echarts) return;
    var colour = brand();
    document.querySelectorAll("[data-sparkline]").forEach(function (el) {
      var values = data[el.getAttribute("data-sparkline")] || [];
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption({
        animation: false,
        grid: { left: 0, right: 0, top: 2, bottom: 2 },
        xAxis: { type: "category", show: false, boundaryGap: false, data: values.map(function (_v, i) { return i; }) },
        yAxis: { type: "value", show: false, scale: true },
        series: [{ type: "line", data: values, showSymbol: false, smooth: 0.3,
          lineStyle: { width: 1.5, color: colour }, areaStyle: { color: colour, opacity: 0.1 } }]
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function seriesOption(data) {
    var names = [];
    var series = data.series.map(function (s, i) {
      names.push(s.name);
      var colour = data.lifecycle ? LIFECYCLE[s.key] : (data.series.length === 1 ? brand() : PALETTE[i % PALETTE.length]);
      var option = {
        name: s.name, type: data.kind, data: s.data, itemStyle: { color: colour },
        lineStyle: { color: colour, width: 2 }, showSymbol: data.x.length <= 31, symbolSize: 5,
        barMaxWidth: 28, emphasis: { focus: "series" }
      };
      if (data.stack) option.stack = "total";
      if (data.kind === "line" && data.series.length === 1) option.areaStyle = { color: colour, opacity: 0.08 };
      return option;
    });
    return { names: names, series: series };
  }

  function setupMainChart() {
    var el = document.getElementById("analytics-chart");
    var data = readJson("analytics-chart-data");
    if (!el || !data || !window.echarts) return;
    var built = seriesOption(data);
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      tooltip: { trigger: "axis", confine: true },
      legend: { top: 0, type: "scroll", icon: "roundRect", itemWidth: 12, itemHeight: 8 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: "category", boundaryGap: data.kind === "bar", data: data.x,
        axisLabel: { formatter: function (v) { return data.x.length > 1 && v.slice(0, 4) === data.x[0].slice(0, 4) ? v.slice(5) : v; } },
        axisLine: { lineStyle: { color: "#c9cdd4" } }
      },
      yAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#f2f3f5" } } },
      series: built.series
    });
    el.setAttribute("data-series", built.names.join("|"));
    el.setAttribute("data-rendered", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupControls();
    setupSparklines();
    setupMainChart();
  });
})();
