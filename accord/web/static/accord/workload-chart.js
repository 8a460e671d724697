/* Stacked bar charts of items per status, drawn from the JSON the page carries (json_script).
   The same numbers are in the table below each chart, so nothing is lost without JavaScript. */
(function () {
  "use strict";
  function draw() {
    if (typeof window.Chart === "undefined") { return; }
    var style = getComputedStyle(document.documentElement);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      canvas.dataset.drawn = "1";
      // The height comes as data (no inline style under the Content-Security-Policy); set through the CSSOM.
      var figure = canvas.closest("figure[data-height]");
      if (figure) { figure.style.height = parseInt(figure.dataset.height, 10) + "px"; }
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.datasets.map(function (d) {
            var colour = style.getPropertyValue("--" + d.status).trim() || "#57606a";
            return { label: d.label, data: d.data, backgroundColor: colour, borderColor: colour };
          })
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          indexAxis: data.labels.length > 12 ? "y" : "x",
          scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: "bottom" } }
        }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
  document.addEventListener("htmx:afterSettle", draw);
})();
