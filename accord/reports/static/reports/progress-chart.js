/* The progress report's chart: stacked bars per priority, drawn by chart.js from the page's JSON data island
   (json_script). The table under the chart has the same numbers, so nothing is lost without JavaScript. */
(function () {
  "use strict";
  function draw() {
    if (typeof window.Chart === "undefined") { return; }
    var style = getComputedStyle(document.documentElement);
    document.querySelectorAll("canvas[data-progress-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      var source = document.getElementById(canvas.dataset.progressChart);
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      canvas.dataset.drawn = "1";
      // The height comes as data (the Content-Security-Policy refuses style attributes); CSSOM sets it.
      var figure = canvas.closest("figure[data-height]");
      if (figure) { figure.style.height = figure.dataset.height + "px"; }
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
          indexAxis: "y",
          scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
          plugins: { legend: { position: "bottom" } }
        }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
