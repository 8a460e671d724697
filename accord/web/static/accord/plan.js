/* Accord: small enhancements for the plan and item pages. Every page works without this file. */
(function () {
  "use strict";

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  function dayAfter(iso) {
    var d = new Date(iso + "T00:00:00");
    d.setDate(d.getDate() + 1);
    return d;
  }

  // The Timeline tab: items on a time axis, one row per section. Item text goes in as text nodes, never HTML.
  function drawTimeline(container) {
    if (!window.vis || !window.vis.Timeline || container.dataset.drawn) return;
    var source = document.getElementById(container.dataset.source);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var labels = data.labels || {};
    var items = data.items.map(function (it) {
      var label = document.createElement("span");
      label.appendChild(text("span", it.what));
      var marks = [];
      if (it.recurrence) marks.push(labels[it.recurrence] || it.recurrence);
      if (it.tentative) marks.push(labels.tbc || "tbc");
      if (it.deadline) marks.push(labels.deadline || "deadline");
      if (marks.length) label.appendChild(text("span", " (" + marks.join(", ") + ")", "marks"));
      var type = it.type || (it.recurrence ? "background" : (it.start === it.end ? "point" : "range"));
      var classes = ["status-" + it.status, "item-" + it.id];
      if (it.tentative) classes.push("tentative");
      if (it.recurrence) classes.push("band");
      var item = {
        id: it.id, group: it.section, content: label,
        // A point sits at noon, in the middle of its day; bars run from the start of their first day.
        start: new Date(it.start + (type === "point" ? "T12:00:00" : "T00:00:00")),
        type: type, className: classes.join(" "),
        title: [it.what, it.when, it.owners, it.status_label].filter(Boolean).join(" · "), url: it.url
      };
      if (type !== "point") item.end = dayAfter(it.end);
      return item;
    });
    var groups = data.groups.map(function (g) { return {id: g.id, content: text("span", g.title)}; });
    // Labels never overlap: items stack (their labels count in their width), with room between them.
    var options = {stack: true, stackSubgroups: true, orientation: {axis: "top", item: "top"}, zoomKey: "ctrlKey",
                   margin: {item: {horizontal: 8, vertical: 6}, axis: 6}, tooltip: {followMouse: true},
                   width: "100%", minHeight: 240, verticalScroll: true, maxHeight: 640};
    if (data.start && data.end) {
      // The window (from the view) has a margin either side, so no bar is clipped at an edge.
      options.start = new Date(data.start);
      options.end = new Date(data.end);
    }
    if (data.scale === "day") {
      options.timeAxis = {scale: "day", step: 1};
      options.format = {minorLabels: {day: "D MMM", hour: "HH:mm"}, majorLabels: {day: "MMMM YYYY"}};
    }
    var dataset = new window.vis.DataSet(items);
    var timeline = new window.vis.Timeline(container, dataset, groups.length ? groups : undefined, options);
    // A bar too narrow to hold a few words of its label (a three-day event on a half-year axis) becomes a point at
    // its start with the label beside it, where stacking keeps it clear of the others; wider bars wrap their label
    // inside the bar (CSS) instead of cutting it off.
    var narrowed = false;
    timeline.on("changed", function () {
      if (narrowed) return;
      narrowed = true;
      var updates = [];
      items.forEach(function (item) {
        if (item.type !== "range") return;
        var el = container.querySelector(".vis-item.item-" + item.id);
        if (el && el.getBoundingClientRect().width < 96) {
          updates.push({id: item.id, type: "point", className: item.className + " short",
                        start: new Date(item.start.getTime() + 12 * 3600 * 1000), end: undefined});
        }
      });
      if (updates.length) dataset.update(updates);
    });
    var urls = {};
    data.items.forEach(function (it) { urls[it.id] = it.url; });
    timeline.on("doubleClick", function (props) {
      if (props.item && urls[props.item]) window.location.href = urls[props.item];
    });
    container.dataset.drawn = "1";
  }

  function enhance(root) {
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      if (!button.dataset.bound) {
        button.addEventListener("click", function () { window.print(); });
        button.dataset.bound = "1";
      }
    });
    root.querySelectorAll("[data-hide-with-js]").forEach(function (el) { el.hidden = true; });
    root.querySelectorAll(".timeline-chart[data-source]").forEach(drawTimeline);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  // Escape in a row being edited cancels the edit. A listener here rather than an htmx trigger filter
  // (keydown[key=='Escape']): filters are evaluated as code, which the Content-Security-Policy refuses.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !window.htmx) return;
    var row = event.target.closest && event.target.closest("[data-cancel-on-escape]");
    if (row) window.htmx.trigger(row, "cancel-edit");
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    enhance(event.detail.elt && event.detail.elt.querySelectorAll ? event.detail.elt : document);
    // A tab swapped in by htmx: keep the keyboard where it was, on the tab now current.
    if (event.detail.elt && event.detail.elt.id === "plan-tabs") {
      var current = event.detail.elt.querySelector(".tabs a[aria-current]");
      if (current) current.focus();
    }
  });
})();
