// Draws each chart from the JSON the page carries, and lets meeting mode move by keyboard.
// Served from the app (no inline script), so a content security policy need not allow any.
(function () {
  "use strict";

  function drawChart(element, charts) {
    var chart = charts[element.dataset.chart];
    if (!chart || element.dataset.drawing) { return; }
    element.dataset.drawing = "true";
    // No toolbar: its buttons have no accessible names, and the table beside the chart
    // already gives every figure.
    Plotly.newPlot(element, chart.data, chart.layout, {
      displayModeBar: false, responsive: true
    }).then(function () { element.dataset.drawn = "true"; });
  }

  // A chart in a closed panel is drawn when the panel is first opened: a page of closed
  // panels draws nothing it does not show.
  function drawCharts() {
    var source = document.getElementById("chart-data");
    if (!source || typeof Plotly === "undefined") { return; }
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var details = element.closest("details");
      if (!details || details.open) { drawChart(element, charts); return; }
      details.addEventListener("toggle", function () {
        if (details.open) { drawChart(element, charts); }
      });
    });
  }

  // A link to a panel (from the scorecard or the exceptions) opens it.
  function openLinkedPanel() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.matches(".panel") && target.querySelector("details");
    if (details) { details.open = true; }
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

  window.addEventListener("hashchange", openLinkedPanel);
  document.addEventListener("DOMContentLoaded", function () {
    openLinkedPanel(); drawCharts(); meetingKeys();
  });
}());
