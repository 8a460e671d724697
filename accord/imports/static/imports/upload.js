/* Upload page: drag and drop, and one request per file so each file has its own progress bar.
   Progressive enhancement: without this script the form posts all files at once and the page refreshes. */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var input = form.querySelector("input[type=file]");
  var zone = form.querySelector("[data-dropzone]");
  var list = document.getElementById("import-jobs");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var maxBytes = parseInt(form.dataset.maxBytes || "0", 10);
  document.documentElement.classList.add("js");

  function row(file) {
    var li = document.createElement("li");
    li.className = "import-job uploading";
    var name = document.createElement("span");
    name.className = "name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    var note = document.createElement("span");
    note.className = "muted";
    note.textContent = form.dataset.uploading;
    li.append(name, " ", bar, " ", note);
    var empty = list.querySelector(".empty");
    if (empty) { empty.remove(); }
    list.prepend(li);
    return { li: li, bar: bar, note: note };
  }

  function fail(r, message) {
    r.li.classList.add("failed");
    r.note.className = "problem";
    r.note.textContent = message;
  }

  // Files go one after another (each with its row shown at once): the server reads them in the background
  // anyway, and one request at a time keeps a slow connection fair to the first file.
  var queue = [];
  var busy = false;

  function next() {
    var job = queue.shift();
    if (!job) { busy = false; return; }
    busy = true;
    send(job.file, job.r);
  }

  function enqueue(file) {
    var r = row(file);
    if (maxBytes && file.size > maxBytes) { fail(r, form.dataset.tooLarge); return; }
    queue.push({ file: file, r: r });
    if (!busy) { next(); }
  }

  function send(file, r) {
    var data = new FormData();
    data.append("files", file, file.name);
    var context = form.querySelector("[name=context]");
    if (context) { data.append("context", context.value); }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRFToken", token);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    // Sending the bytes is the first tenth of the bar; the server's steps fill the rest.
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { r.bar.value = Math.round((e.loaded / e.total) * 10); }
    });
    xhr.addEventListener("load", function () {
      var tpl = document.createElement("template");
      tpl.innerHTML = xhr.responseText.trim();
      if (xhr.status === 200 && tpl.content.firstElementChild) {
        var nodes = Array.prototype.slice.call(tpl.content.children);
        r.li.replaceWith.apply(r.li, nodes);
        if (window.htmx) { nodes.forEach(function (n) { window.htmx.process(n); }); }
      } else {
        // A 400 answers the form's own errors; anything else gets the plain message.
        var said = xhr.status === 400 ? (tpl.content.textContent || "").trim() : "";
        fail(r, said || form.dataset.failed);
      }
      next();
    });
    xhr.addEventListener("error", function () { fail(r, form.dataset.failed); next(); });
    xhr.send(data);
  }

  function sendAll(files) { Array.prototype.forEach.call(files, enqueue); }

  form.addEventListener("submit", function (e) {
    if (!input.files || !input.files.length) { return; }  // let the server say what is missing
    e.preventDefault();
    sendAll(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) { sendAll(e.dataTransfer.files); }
  });
})();
