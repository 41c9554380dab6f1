// Funnel builder (add, remove and renumber steps) and the extra charts of the funnel, board
// health and lifecycle pages (ECharts from the local static files; data in JSON scripts).
(function () {
  "use strict";

  var PALETTE = ["#0052d9", "#00a870", "#f5a623", "#8e56dd", "#e37318", "#029cd4", "#d54941"];

  function submit(form) {
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  function renumber(list) {
    list.querySelectorAll("[data-step-row]").forEach(function (row, i) {
      var n = i + 1;
      row.querySelector(".step-no").textContent = n;
      row.querySelector("[data-step-action]").name = "step_" + n;
      row.querySelector("[data-step-times]").name = "times_" + n;
    });
  }

  function setupFunnel() {
    var form = document.querySelector("[data-funnel-form]");
    if (!form) return;
    var list = form.querySelector("[data-step-list]");
    var add = form.querySelector("[data-step-add]");
    var max = parseInt(add.getAttribute("data-max"), 10) || 8;
    function refresh() {
      var rows = list.querySelectorAll("[data-step-row]").length;
      add.disabled = rows >= max;
      list.querySelectorAll("[data-step-remove]").forEach(function (b) { b.disabled = rows <= 2; });
    }
    add.addEventListener("click", function () {
      var rows = list.querySelectorAll("[data-step-row]");
      if (rows.length >= max) return;
      var copy = rows[rows.length - 1].cloneNode(true);
      copy.querySelector("[data-step-action]").value = "";
      copy.querySelector("[data-step-times]").value = "1";
      list.appendChild(copy);
      renumber(list);
      refresh();
      copy.querySelector("[data-step-action]").focus();
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-step-remove]");
      if (!button || list.querySelectorAll("[data-step-row]").length <= 2) return;
      button.closest("[data-step-row]").remove();
      renumber(list);
      refresh();
      submit(form);
    });
    refresh();
  }

  function setupCharts() {
    if (!window.echarts) return;
    document.querySelectorAll("[data-pages-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-pages-chart"));
      if (!source) return;
      var data = JSON.parse(source.textContent);
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      var unit = data.percent ? "%" : "";
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        tooltip: { trigger: "axis", confine: true,
          valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + unit; } },
        legend: { top: 0, type: "scroll", show: data.series.length > 1 },
        grid: { left: 8, right: 16, top: data.series.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: data.x, name: data.xName || "", nameLocation: "middle", nameGap: 28,
          axisLabel: { interval: 0, color: "#4e5969" }, axisLine: { lineStyle: { color: "#c9cdd4" } } },
        yAxis: { type: "value", minInterval: 1, max: data.percent ? 100 : null,
          axisLabel: { formatter: "{value}" + unit }, splitLine: { lineStyle: { color: "#f2f3f5" } } },
        series: data.series.map(function (s, i) {
          return { name: s.name, type: "bar", data: s.data, barMaxWidth: 28,
            itemStyle: { color: PALETTE[i % PALETTE.length], borderRadius: [3, 3, 0, 0] } };
        })
      });
      el.setAttribute("data-series", data.series.map(function (s) { return s.name; }).join("|"));
      el.setAttribute("data-rendered", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupFunnel();
    setupCharts();
  });
})();
