// Goal pages: the form's period presets fill the dates (a date changed by hand means "dates
// below"), the suggested baseline shows as the baseline's placeholder, and the goal's charts
// (ECharts, from the local static files): progress with the pace, forecast and band; the
// forecast's history.
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function setupForm() {
    var presets = readJson("goal-presets");
    var preset = document.getElementById("id_preset");
    var start = document.getElementById("id_period_start");
    var deadline = document.getElementById("id_deadline");
    if (!presets || !preset || !start || !deadline) return;
    function fill() {
      var dates = presets[preset.value];
      if (!dates) return;
      start.value = dates[0];
      deadline.value = dates[1];
    }
    preset.addEventListener("change", fill);
    [start, deadline].forEach(function (input) {
      input.addEventListener("change", function () { preset.value = "custom"; });
    });
    if (!start.value && !deadline.value) fill();
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (!event.target || event.target.id !== "baseline-suggestion") return;
      var found = event.target.querySelector("[data-baseline]");
      var baseline = document.getElementById("id_baseline");
      if (baseline) baseline.placeholder = found ? Number(found.getAttribute("data-baseline")).toLocaleString() : "";
    });
  }

  function line(name, data, colour, extra) {
    var option = { name: name, type: "line", data: data, showSymbol: false, connectNulls: false,
      lineStyle: { color: colour, width: 2 }, itemStyle: { color: colour } };
    Object.keys(extra || {}).forEach(function (key) { option[key] = extra[key]; });
    return option;
  }

  function setupProgress(data) {
    var el = document.getElementById("goal-chart");
    if (!el || !data) return;
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    var low = data.low.map(function (v) { return v; });
    var span = data.low.map(function (v, i) { return v === null || data.high[i] === null ? null : data.high[i] - v; });
    var series = [
      line(data.labels.low, low, "#0052d9", { stack: "band", lineStyle: { opacity: 0 }, tooltip: { show: false } }),
      line(data.labels.band, span, "#0052d9", { stack: "band", lineStyle: { opacity: 0 },
        areaStyle: { color: "#0052d9", opacity: 0.12 }, tooltip: { show: false } }),
      line(data.labels.actual, data.actual, "#1f2329", { showSymbol: data.days.length <= 45, symbolSize: 4 }),
      line(data.labels.expected, data.expected, "#86909c", { lineStyle: { color: "#86909c", width: 1.5, type: "dashed" } }),
      line(data.labels.forecast, data.forecast, "#0052d9", { lineStyle: { color: "#0052d9", width: 2, type: "dotted" } })
    ];
    if (data.target !== null) {
      series[2].markLine = { symbol: "none", silent: true, label: { formatter: data.labels.target + " {c}" },
        lineStyle: { color: "#00a870", type: "solid" }, data: [{ yAxis: data.target }] };
    }
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { data: [data.labels.actual, data.labels.expected, data.labels.forecast], top: 0 },
      grid: { left: 56, right: 72, top: 36, bottom: 28 },
      xAxis: { type: "category", data: data.days, boundaryGap: false },
      yAxis: { type: "value", scale: true },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function setupHistory(data) {
    var el = document.getElementById("goal-history-chart");
    if (!el || !data || !data.history.days.length) return;
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    var h = data.history;
    var span = h.low.map(function (v, i) { return v === null || h.high[i] === null ? null : h.high[i] - v; });
    var series = [
      line(data.labels.low, h.low, "#0052d9", { stack: "band", lineStyle: { opacity: 0 }, tooltip: { show: false } }),
      line(data.labels.band, span, "#0052d9", { stack: "band", lineStyle: { opacity: 0 },
        areaStyle: { color: "#0052d9", opacity: 0.12 }, tooltip: { show: false } }),
      line(data.labels.forecast, h.forecast, "#0052d9", { showSymbol: h.days.length <= 45, symbolSize: 4 })
    ];
    if (data.target !== null) {
      series[2].markLine = { symbol: "none", silent: true, label: { formatter: data.labels.target + " {c}" },
        lineStyle: { color: "#00a870" }, data: [{ yAxis: data.target }] };
    }
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 56, right: 72, top: 16, bottom: 28 },
      xAxis: { type: "category", data: h.days, boundaryGap: false },
      yAxis: { type: "value", scale: true },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  setupForm();
  var data = readJson("goal-chart-data");
  if (data && window.echarts) {
    setupProgress(data);
    setupHistory(data);
  }
})();
