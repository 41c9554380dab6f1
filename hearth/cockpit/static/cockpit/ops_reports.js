// The operations report page's daily charts (ECharts from the local static files; the data
// is the stored report snapshot, in JSON scripts).
(function () {
  "use strict";

  var PALETTE = ["#0052d9", "#00a870", "#f5a623", "#8e56dd"];

  function draw() {
    if (!window.echarts) return;
    document.querySelectorAll("[data-report-chart]").forEach(function (el, i) {
      var source = document.getElementById(el.getAttribute("data-report-chart"));
      if (!source) return;
      var data = JSON.parse(source.textContent);
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      var colour = PALETTE[i % PALETTE.length];
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        title: { text: data.title, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600 } },
        tooltip: { trigger: "axis", confine: true },
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: data.days.map(function (d) { return d.slice(5); }),
          axisLine: { lineStyle: { color: "#c9cdd4" } }, axisLabel: { color: "#4e5969" } },
        yAxis: { type: "value", splitLine: { lineStyle: { color: "#f2f3f5" } } },
        series: [{ name: data.title, type: "line", data: data.values, smooth: false, symbolSize: 6,
          lineStyle: { color: colour, width: 2 }, itemStyle: { color: colour },
          areaStyle: { color: colour, opacity: 0.08 } }]
      });
      el.setAttribute("data-rendered", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
