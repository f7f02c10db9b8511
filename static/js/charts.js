/* Loaded with defer after htmx. Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">
 * (written by Django's json_script from performance/charts.py). Runs on page load and on every
 * HTMX swap (htmx.onLoad); a canvas that already holds a chart is redrawn from scratch.
 * No inline scripts and no eval, so it runs under a strict Content-Security-Policy. */
(function () {
  "use strict";

  var PALETTE = ["#2454c5", "#d97706", "#1d7a46", "#b42318", "#7c3aed", "#0e7490", "#be185d", "#4d7c0f"];
  var REFERENCE = "#5b6474";
  // The legend draws each series as it is drawn: a line as a line (a dashed target as a dashed
  // line, not a grey box with a dashed border), a bar as a block, a marker as a diamond.
  var LEGEND_MARKS = { bar: "rect", marker: "rectRot", target: "line", line: "line" };

  function formatter(unit) {
    var money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
    var plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
    return function (value) {
      if (value === null || value === undefined) return "n/a";
      if (unit === "pct") return plain.format(value) + "%";
      if (unit === "money") return money.format(value);
      if (unit === "ratio") return Number(value).toFixed(2);
      return plain.format(value);
    };
  }

  function dataset(spec, index) {
    var color = spec.style === "target" ? REFERENCE : PALETTE[index % PALETTE.length];
    // Straight segments (tension 0): a month's figure is a point, and a curve between two would
    // invent the months in between.
    var common = {
      label: spec.label, data: spec.data, borderColor: color, backgroundColor: color, tension: 0,
      legendMark: LEGEND_MARKS[spec.style] || "line",
    };
    if (spec.style === "bar") {
      return Object.assign(common, { type: "bar", borderWidth: 0, order: 2 });
    }
    if (spec.style === "marker") {
      return Object.assign(common, {
        type: "line", showLine: false, pointRadius: 7, pointHoverRadius: 8, pointStyle: "rectRot", order: 0,
      });
    }
    if (spec.style === "target") {
      return Object.assign(common, {
        type: "line", borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, fill: false, order: 0,
      });
    }
    return Object.assign(common, { type: "line", borderWidth: 2, pointRadius: 3, fill: false, order: 1 });
  }

  function legendLabels(chart) {
    var items = window.Chart.defaults.plugins.legend.labels.generateLabels(chart);
    items.forEach(function (item) {
      var set = chart.data.datasets[item.datasetIndex];
      item.pointStyle = set.legendMark;
      if (set.legendMark === "line") {  // its stroke is the line's, which a point style does not carry
        Object.assign(item, { strokeStyle: set.borderColor, lineWidth: set.borderWidth, lineDash: set.borderDash || [] });
      }
    });
    return items;
  }

  // A chart over a number line (spec.x: {type: "linear", unit, min, max, title}) rather than
  // labels: the datasets hold {x, y} points (a plan's pay against attainment), joined by straight
  // lines, since the points already hold every bend of the curve.
  function numberLine(spec, built) {
    var options = built.options;
    var formatX = formatter(spec.x.unit);
    built.data.datasets.forEach(function (set) {
      set.tension = 0;
      if (set.showLine !== false) set.pointRadius = 0;  // the line itself; a marked point keeps its mark
    });
    options.scales.x = {
      type: "linear", min: spec.x.min, max: spec.x.max,
      title: { display: true, text: spec.x.title },
      ticks: { callback: function (value) { return formatX(value); } },
    };
    options.interaction = { mode: "nearest", axis: "x", intersect: false };
    options.plugins.tooltip.callbacks.title = function (items) {
      return items.length ? formatX(items[0].parsed.x) + " of quota" : "";
    };
    return built;
  }

  function config(spec) {
    var format = formatter(spec.unit);
    var hasBars = spec.datasets.some(function (set) { return set.style === "bar"; });
    var colorIndex = 0;
    var built = {
      type: hasBars ? "bar" : "line",
      data: {
        labels: spec.labels || [],
        datasets: spec.datasets.map(function (set) {
          return dataset(set, set.style === "target" ? 0 : colorIndex++);
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        spanGaps: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, ticks: { callback: function (value) { return format(value); } } },
          x: { ticks: { autoSkip: true, autoSkipPadding: 12, maxRotation: 0 } },
        },
        plugins: {
          // The legend follows the datasets' order, reference lines last.
          legend: {
            position: "bottom",
            labels: {
              usePointStyle: true, pointStyleWidth: 26, boxHeight: 10, generateLabels: legendLabels,
              sort: function (a, b) { return a.datasetIndex - b.datasetIndex; },
            },
          },
          tooltip: {
            callbacks: {
              label: function (item) { return item.dataset.label + ": " + format(item.parsed.y); },
            },
          },
        },
      },
    };
    if (spec.x && spec.x.type === "linear") numberLine(spec, built);
    return built;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || !window.Chart) return;
    var previous = window.Chart.getChart(canvas);
    if (previous) previous.destroy();
    new window.Chart(canvas, config(JSON.parse(source.textContent)));
  }

  function drawAll(root) {
    if (root.matches && root.matches("canvas[data-chart]")) draw(root);
    if (root.querySelectorAll) root.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  // Charts on the page lay themselves out again for paper, and back for the screen; the
  // tables beside them open for print so the numbers are on paper too.
  function eachChart(callback) {
    Object.values(window.Chart ? window.Chart.instances : {}).forEach(callback);
  }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details.chart-table"), function (details) {
      return !details.open;
    });
    opened.forEach(function (details) { details.open = true; });
    eachChart(function (chart) { chart.resize(); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
    eachChart(function (chart) { chart.resize(); });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) window.print();
  });

  if (window.htmx) {
    window.htmx.onLoad(drawAll);
  } else {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  }
})();
