// Growth pages: sort a table by a clicked heading (numbers by data-value; the totals row stays
// in the footer).
(function () {
  "use strict";

  function value(row, index, numeric) {
    var cell = row.children[index];
    var raw = cell ? (cell.getAttribute("data-value") || cell.textContent || "").trim() : "";
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }

  function setup(table) {
    var heads = table.querySelectorAll("thead th[data-sort]");
    heads.forEach(function (th, index) {
      th.classList.add("sortable");
      th.setAttribute("tabindex", "0");
      function sort() {
        var numeric = th.getAttribute("data-sort") === "num";
        var descending = th.getAttribute("aria-sort") !== (numeric ? "descending" : "ascending");
        if (!numeric) descending = !descending;
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a, index, numeric), y = value(b, index, numeric);
          if (x === y) return 0;
          return (x < y ? -1 : 1) * (descending ? -1 : 1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
    });
  }

  document.querySelectorAll("table[data-sortable]").forEach(setup);
})();
