// Cockpit page helpers: the overview chart (ECharts) and the brand preview.
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function setupOverviewChart() {
    var el = document.getElementById("overview-chart");
    var data = readJson("overview-data");
    if (!el || !data || !window.echarts) return;
    var brand = getComputedStyle(document.documentElement).getPropertyValue("--brand").trim() || "#d9480f";
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    var palette = [brand, "#0052d9", "#00a870", "#86909c"];
    chart.setOption({
      color: palette,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      tooltip: { trigger: "axis" },
      legend: { top: 0, icon: "roundRect", itemWidth: 12, itemHeight: 8 },
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category", boundaryGap: false, data: data.days,
        axisLabel: { formatter: function (v) { return v.slice(5); } },
        axisLine: { lineStyle: { color: "#c9cdd4" } }
      },
      yAxis: [
        { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#f2f3f5" } } },
        { type: "value", minInterval: 1, splitLine: { show: false } }
      ],
      series: data.series.map(function (s, i) {
        var reads = i === data.series.length - 1;
        return {
          name: s.name, type: reads ? "bar" : "line", data: s.data, smooth: 0.2,
          showSymbol: false, yAxisIndex: reads ? 1 : 0,
          barMaxWidth: 14, itemStyle: reads ? { color: "rgba(134,144,156,.35)" } : undefined,
          areaStyle: i === 0 ? { opacity: 0.08 } : undefined, z: reads ? 1 : 2
        };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function setupBrandPreview() {
    var preview = document.querySelector("[data-brand-preview]");
    if (!preview) return;
    var colour = document.querySelector("[data-brand-colour]");
    var name = document.querySelector("input[name=community_name]");
    var logo = document.querySelector("[data-brand-logo]");
    var nameEl = preview.querySelector("[data-preview-name]");
    var header = preview.querySelector(".preview-header");
    if (colour) {
      var readout = document.querySelector("[data-colour-readout]");
      colour.addEventListener("input", function () {
        preview.style.setProperty("--preview", colour.value);
        if (readout) readout.textContent = colour.value;
      });
    }
    if (name && nameEl) {
      name.addEventListener("input", function () {
        nameEl.textContent = name.value;
        var mark = preview.querySelector("[data-preview-mark]");
        if (mark) mark.textContent = name.value.slice(0, 1);
      });
    }
    if (logo && header) {
      logo.addEventListener("change", function () {
        var file = logo.files && logo.files[0];
        if (!file || file.type.indexOf("image/") !== 0) return;
        var img = preview.querySelector("[data-preview-logo]");
        var mark = preview.querySelector("[data-preview-mark]");
        if (!img) {
          img = document.createElement("img");
          img.className = "brand-logo";
          img.alt = "";
          img.setAttribute("data-preview-logo", "");
          header.insertBefore(img, header.firstChild);
        }
        if (mark) mark.remove();
        img.src = URL.createObjectURL(file);
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupOverviewChart();
    setupBrandPreview();
  });
})();
