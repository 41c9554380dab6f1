// Segments: the builder's behaviour rows (add, remove, "at least" only for "did"), delete
// confirmation, and the comparison's two bar charts (ECharts, from the local static files).
(function () {
  "use strict";

  var PALETTE = ["#0052d9", "#00a870", "#f5a623", "#8e56dd"];

  function changed(form) {
    if (window.htmx) window.htmx.trigger(form, "segment-changed");
  }

  function syncTimes(row) {
    var kind = row.querySelector("[data-kind]");
    var times = row.querySelector("[data-times]");
    if (kind && times) times.hidden = kind.value === "did_not";
  }

  function setupBuilder() {
    var form = document.querySelector("[data-segment-builder]");
    if (!form) return;
    var rows = form.querySelector("[data-behaviour-rows]");
    var template = form.querySelector("[data-behaviour-template]");
    rows.querySelectorAll("[data-behaviour-row]").forEach(syncTimes);
    var saving = false;  // once saved, no more live counts (the page is leaving)
    form.addEventListener("submit", function () { saving = true; });
    form.addEventListener("htmx:confirm", function (event) { if (saving) event.preventDefault(); });
    form.querySelector("[data-add-row]").addEventListener("click", function () {
      var row = template.content.firstElementChild.cloneNode(true);
      rows.appendChild(row);
      syncTimes(row);
      var action = row.querySelector("select[name=b_action]");
      if (action) action.focus();
    });
    rows.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-row]");
      if (!button) return;
      button.closest("[data-behaviour-row]").remove();
      changed(form);
    });
    rows.addEventListener("change", function (event) {
      if (event.target.matches("[data-kind]")) syncTimes(event.target.closest("[data-behaviour-row]"));
    });
  }

  function setupConfirm() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }

  function barChart(el, data, unit) {
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      tooltip: { trigger: "axis", confine: true, valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + unit; } },
      legend: { top: 0, type: "scroll", icon: "roundRect", itemWidth: 12, itemHeight: 8 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.x, axisLine: { lineStyle: { color: "#c9cdd4" } } },
      yAxis: { type: "value", axisLabel: { formatter: "{value}" + unit }, splitLine: { lineStyle: { color: "#f2f3f5" } } },
      series: data.series.map(function (s, i) {
        return { name: s.name, type: "bar", data: s.data, barMaxWidth: 28, itemStyle: { color: PALETTE[i % PALETTE.length], borderRadius: [3, 3, 0, 0] },
          label: { show: true, position: "top", fontSize: 11, color: "#4e5969", formatter: function (p) { return p.value === null || p.value === undefined ? "" : p.value + unit; } } };
      })
    });
    el.setAttribute("data-series", data.series.map(function (s) { return s.name; }).join("|"));
    el.setAttribute("data-rendered", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function setupCharts() {
    var holder = document.getElementById("segment-compare-data");
    if (!holder || !window.echarts) return;
    var data = JSON.parse(holder.textContent);
    var rates = document.getElementById("segment-rates-chart");
    var actions = document.getElementById("segment-actions-chart");
    if (rates) barChart(rates, data.rates, "%");
    if (actions) barChart(actions, data.actions, "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupBuilder();
    setupConfirm();
    setupCharts();
  });
})();
