// Draws each chart from the JSON the page carries, and lets meeting mode move by keyboard.
// Served from the app (no inline script), so a content security policy need not allow any.
(function () {
  "use strict";

  function drawCharts() {
    var source = document.getElementById("chart-data");
    if (!source || typeof Plotly === "undefined") { return; }
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var chart = charts[element.dataset.chart];
      if (!chart) { return; }
      // No toolbar: its buttons have no accessible names, and the table beside the chart
      // already gives every figure.
      Plotly.newPlot(element, chart.data, chart.layout, {
        displayModeBar: false, responsive: true
      }).then(function () { element.dataset.drawn = "true"; });
    });
  }

  function meetingKeys() {
    if (!document.body.classList.contains("meeting")) { return; }
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) { return; }
      var target = null;
      if (event.key === "ArrowRight" || event.key === "PageDown") { target = "next"; }
      if (event.key === "ArrowLeft" || event.key === "PageUp") { target = "prev"; }
      var link = target && document.querySelector("a[rel=" + target + "]");
      if (link) { event.preventDefault(); window.location.assign(link.href); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(); meetingKeys(); });
}());
