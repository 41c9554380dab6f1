// Content and reading pages: the reading heatmap (weekday × hour), the dwell and depth
// distributions, and UGC/PGC reads per board (ECharts, from the local static files).
(function () {
  "use strict";

  var UGC = "#0052d9";
  var PGC = "#f5a623";
  var HEAT = ["#f2f6ff", "#c6d8ff", "#7fa6f7", "#2f6fe4", "#0052d9", "#06307e"];

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function font() { return getComputedStyle(document.body).fontFamily; }

  function draw(el, option) {
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    option.animation = false;
    option.textStyle = { fontFamily: font() };
    chart.setOption(option);
    el.setAttribute("data-rendered", "1");
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function heatmap(data) {
    var el = document.getElementById("reading-heatmap");
    if (!el) return;
    draw(el, {
      tooltip: {
        position: "top",
        formatter: function (p) {
          return data.weekdays[p.value[1]] + " " + data.hours[p.value[0]] + ":00 · " + data.reads + " " + p.value[2];
        }
      },
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: data.hours, splitArea: { show: true }, axisTick: { show: false } },
      yAxis: { type: "category", data: data.weekdays, inverse: true, splitArea: { show: true }, axisTick: { show: false } },
      visualMap: {
        min: 0, max: Math.max(data.max, 1), calculable: true, orient: "horizontal", left: "center",
        bottom: 0, itemHeight: 200, inRange: { color: HEAT }
      },
      series: [{
        name: data.reads, type: "heatmap", data: data.cells,
        itemStyle: { borderColor: "#fff", borderWidth: 2, borderRadius: 3 },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: "rgba(0,0,0,.25)" } }
      }]
    });
  }

  function bars(id, labels, values, name, colour) {
    var el = document.getElementById(id);
    if (!el) return;
    draw(el, {
      tooltip: { trigger: "axis", confine: true },
      grid: { left: 8, right: 12, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: labels, axisTick: { show: false },
        axisLabel: { interval: 0, fontSize: 11, color: "#4e5969", hideOverlap: false, rotate: el.clientWidth < 400 ? 35 : 0 }, axisLine: { lineStyle: { color: "#c9cdd4" } } },
      yAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#f2f3f5" } } },
      series: [{ name: name, type: "bar", data: values, barMaxWidth: 36,
        itemStyle: { color: colour, borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: "top", color: "#4e5969", fontSize: 11 } }]
    });
  }

  function mix(data) {
    var el = document.getElementById("content-mix-chart");
    if (!el) return;
    var colours = [UGC, PGC];
    draw(el, {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      legend: { top: 0, icon: "roundRect", itemWidth: 12, itemHeight: 8 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#f2f3f5" } } },
      yAxis: { type: "category", data: data.boards, inverse: true, axisTick: { show: false } },
      series: data.series.map(function (s, i) {
        return { name: s.name, type: "bar", stack: "reads", data: s.data, barMaxWidth: 18,
          itemStyle: { color: colours[i % colours.length] } };
      })
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.echarts) return;
    var reading = readJson("reading-data");
    if (reading) {
      heatmap(reading);
      bars("dwell-chart", reading.dwell.labels, reading.dwell.data, reading.reads, UGC);
      bars("depth-chart", reading.depth.labels, reading.depth.data, reading.reads, "#00a870");
    }
    var content = readJson("content-mix-data");
    if (content) mix(content);
  });
})();
