// Draws each chart from the JSON the page carries, and lets meeting mode move by keyboard.
// Served from the app (no inline script), so a content security policy need not allow any.
(function () {
  "use strict";

  var ROOM_TYPE = 22;  // pixels: chart text read from the back of a meeting room
  var NARROW = 600;  // pixels: a phone, where the chart's own title would be clipped

  // Meeting mode (a class on body): large type, and no title inside the chart, since the
  // screen's heading names it.
  function forTheRoom(layout) {
    layout.font = { size: ROOM_TYPE };
    layout.title = { text: "" };
    layout.margin = { l: 120, r: 20, t: 70, b: 80 };
    layout.legend.font = { size: ROOM_TYPE };
    layout.xaxis.automargin = true;
    layout.yaxis.automargin = true;
    return layout;
  }

  // A phone: the figure's caption names the chart; the legend keeps clear of the axis.
  function forANarrowScreen(layout) {
    layout.title = { text: "" };
    layout.margin = { l: 60, r: 10, t: 60, b: 50 };
    layout.font = { size: 12 };
    return layout;
  }

  function drawChart(element, charts, room) {
    var chart = charts[element.dataset.chart];
    if (!chart || element.dataset.drawing) { return; }
    element.dataset.drawing = "true";
    var layout = chart.layout;
    if (element.clientWidth < NARROW) {
      layout = forANarrowScreen(layout);
    } else if (room) {
      layout = forTheRoom(layout);
    }
    // No toolbar: its buttons have no accessible names, and the table beside the chart
    // already gives every figure.
    Plotly.newPlot(element, chart.data, layout, {
      displayModeBar: false, responsive: true
    }).then(function () { element.dataset.drawn = "true"; });
  }

  // A chart in a closed panel is drawn when the panel is first opened: a page of closed
  // panels draws nothing it does not show.
  function drawCharts() {
    var source = document.getElementById("chart-data");
    if (!source || typeof Plotly === "undefined") { return; }
    var charts = JSON.parse(source.textContent);
    var room = document.body.classList.contains("meeting");
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var chart = charts[element.dataset.chart];
      // A single figure has no chart (an empty one): its table says it.
      if (!chart || !chart.data) { element.hidden = true; return; }
      var details = element.closest("details");
      if (!details || details.open) { drawChart(element, charts, room); return; }
      details.addEventListener("toggle", function () {
        if (details.open) { drawChart(element, charts, room); }
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
      // A table wider than its box keeps the arrow keys for scrolling sideways.
      var box = event.target.closest && event.target.closest(".table-scroll");
      if (box && box.scrollWidth > box.clientWidth && event.key.indexOf("Arrow") === 0) { return; }
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
