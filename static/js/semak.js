/* Semak portal: small vanilla JS on top of pages that work without it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function i18n(id) { var t = document.getElementById(id); return t ? t.dataset : {}; }

  /* Language switch submits on change. */
  $all("select[data-autosubmit]").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });

  /* ---- The claim form: ask only what the claim type needs. ---- */
  var typeSelect = document.getElementById("claim_type");
  if (typeSelect) {
    var dateField = document.getElementById("field-accident_date");
    var labels = dateField ? JSON.parse(dateField.dataset.dateLabels || "{}") : {};
    var applyType = function () {
      var t = typeSelect.value;
      $all("[data-claim-types]").forEach(function (el) {
        var show = el.dataset.claimTypes.split(" ").indexOf(t) >= 0;
        el.hidden = !show;
        $all("input, select, textarea", el).forEach(function (c) { c.disabled = !show; });
      });
      if (labels[t]) {
        $("#accident_date-label").textContent = labels[t].label;
        $("#accident_date-help").textContent = labels[t].help;
      }
    };
    typeSelect.addEventListener("change", applyType);
    applyType();
  }

  /* ---- IC number checked as it is typed (the server checks again). ---- */
  var UNASSIGNED = ["00", "17", "18", "19", "20", "69", "70", "73", "80", "81", "94", "95", "96", "97"];
  function validDate(yy, mm, dd) {
    if (mm < 1 || mm > 12 || dd < 1) { return false; }
    var leap = function (y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; };
    var days = [31, (leap(1900 + yy) || leap(2000 + yy)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return dd <= days[mm - 1];
  }
  function isValidIc(text) {
    var d = text.replace(/\D/g, "");
    if (d.length !== 12 || UNASSIGNED.indexOf(d.substr(6, 2)) >= 0) { return false; }
    return validDate(+d.substr(0, 2), +d.substr(2, 2), +d.substr(4, 2));
  }
  var ic = $("input[data-ic-check]");
  var icFeedback = document.getElementById("ic-feedback");
  if (ic && icFeedback) {
    ic.setAttribute("aria-describedby", (ic.getAttribute("aria-describedby") || "") + " ic-feedback");
    var checkIc = function () {
      var d = ic.value.replace(/\D/g, "");
      if (!d) { icFeedback.textContent = ""; icFeedback.className = "ic-feedback"; return; }
      if (d.length < 12) { icFeedback.textContent = icFeedback.dataset.short; icFeedback.className = "ic-feedback"; ic.removeAttribute("aria-invalid"); return; }
      var ok = isValidIc(ic.value);
      icFeedback.textContent = ok ? icFeedback.dataset.ok : icFeedback.dataset.bad;
      icFeedback.className = "ic-feedback " + (ok ? "ok" : "bad");
      if (ok) { ic.removeAttribute("aria-invalid"); } else { ic.setAttribute("aria-invalid", "true"); }
    };
    ic.addEventListener("input", checkIc);
    ic.addEventListener("blur", function () {
      var d = ic.value.replace(/\D/g, "");
      if (d.length === 12) { ic.value = d.substr(0, 6) + "-" + d.substr(6, 2) + "-" + d.substr(8); }
    });
    if (ic.value) { checkIc(); }
  }

  /* ---- Drop zone: many files, camera, instant check, progress bar. ---- */
  $all("form[data-upload-form]").forEach(function (form) {
    var zone = $("[data-dropzone]", form);
    if (!zone) { return; }
    var t = i18n("i18n-dropzone");
    var list = $("[data-file-list]", zone);
    var entries = [];  // {file, ok, message, li}
    var inputs = $all('input[type="file"]', zone);
    var lim = {  // the server's limits (semak.web.uploads.limits_for_page); it checks again
      file: +zone.dataset.maxFileBytes || Infinity, claim: +zone.dataset.maxClaimBytes || Infinity,
      files: +zone.dataset.maxFiles || Infinity,
      haveBytes: +zone.dataset.haveBytes || 0, haveFiles: +zone.dataset.haveFiles || 0
    };
    function mb(n) { return (Math.round(n / 104857.6) / 10) + " MB"; }
    function fill(text, size) { return (text || "").replace("{size}", size); }
    function kept() { return entries.filter(function (x) { return x.ok !== false; }); }

    function render(entry) {
      var li = entry.li || document.createElement("li");
      li.innerHTML = "";
      var name = document.createElement("span");
      name.className = "name"; name.textContent = entry.file.name;
      var state = document.createElement("span");
      state.className = entry.ok === null ? "" : (entry.ok ? "ok" : "bad");
      state.textContent = entry.ok === null ? t.checking :
        (entry.ok ? t.ok : t.refused + ": " + (entry.message || t.failed));
      var rm = document.createElement("button");
      rm.type = "button"; rm.className = "small"; rm.textContent = t.remove;
      rm.setAttribute("aria-label", t.remove + " " + entry.file.name);
      rm.addEventListener("click", function () {
        entries = entries.filter(function (e) { return e !== entry; });
        li.remove();
      });
      li.appendChild(name); li.appendChild(state); li.appendChild(rm);
      entry.li = li;
      if (!li.parentNode) { list.appendChild(li); }
    }

    function check(entry) {
      var fd = new FormData();
      fd.append("csrf_token", csrf);
      fd.append("file", entry.file, entry.file.name);
      fetch(zone.dataset.checkUrl, { method: "POST", body: fd, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          entry.ok = !!j.ok;
          entry.message = j.message || (j.error && j.error.message) || "";
          render(entry);
        })
        .catch(function () { entry.ok = true; render(entry); });  // the server checks again
    }

    function add(files) {
      Array.prototype.forEach.call(files, function (f) {
        var entry = { file: f, ok: null, message: "", li: null };
        if (f.size > lim.file) {  // refused on drop: never sent
          entry.ok = false; entry.message = fill(t.fileTooLarge, mb(f.size));
        } else if (lim.haveFiles + kept().length + 1 > lim.files) {
          entry.ok = false; entry.message = t.tooManyFiles;
        }
        entries.push(entry); render(entry);
        if (entry.ok === null) { check(entry); }
      });
    }

    inputs.forEach(function (input) {
      input.addEventListener("change", function () { add(input.files); input.value = ""; });
    });
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) { if (e.dataTransfer) { add(e.dataTransfer.files); } });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var errBox = $("[data-form-error]", form);
      errBox.hidden = true;
      $all(".js-error", form).forEach(function (el) { el.remove(); });
      var good = entries.filter(function (x) { return x.ok !== false; });
      if (!good.length) { errBox.textContent = t.none; errBox.hidden = false; errBox.focus(); return; }
      var total = good.reduce(function (n, x) { return n + x.file.size; }, lim.haveBytes);
      if (total > lim.claim) {  // refused before sending: the server would refuse it all
        errBox.textContent = fill(t.claimTooLarge, mb(total)); errBox.hidden = false; errBox.focus(); return;
      }
      var fd = new FormData(form);
      fd.delete("files");
      good.forEach(function (x) { fd.append("files", x.file, x.file.name); });
      var bar = $("[data-progress]", zone);
      var prog = $("progress", bar);
      bar.hidden = false; prog.value = 0;
      var submit = $('button[type="submit"]', form);
      submit.disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || location.href);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-CSRFToken", csrf);
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable) { prog.value = Math.round(100 * ev.loaded / ev.total); }
      });
      xhr.onload = function () {
        var j = null;
        try { j = JSON.parse(xhr.responseText); } catch (err) { j = null; }
        var answered = j !== null;
        j = j || {};
        if (xhr.status >= 200 && xhr.status < 300 && j.redirect) { location.href = j.redirect; return; }
        submit.disabled = false; bar.hidden = true;
        var errors = j.errors || {};
        var general = [];
        Object.keys(errors).forEach(function (k) {
          var holder = document.getElementById("field-" + k);
          if (holder) {
            var p = document.createElement("p");
            p.className = "error js-error"; p.textContent = errors[k].join(" ");
            holder.appendChild(p);
          } else { general = general.concat(errors[k]); }
        });
        (j.rejected || []).forEach(function (r) { general.push(r.name + ": " + r.message); });
        if (j.error && j.error.message) { general.push(j.error.message); }
        var fallback = answered ? t.fields : fill(t.server, String(xhr.status));
        errBox.textContent = general.join(" ") || fallback;
        errBox.hidden = false;
        var first = $(".js-error", form);
        (first ? first.parentNode.querySelector("input,select,textarea") : errBox).focus();
      };
      xhr.onerror = function () { submit.disabled = false; bar.hidden = true; errBox.textContent = t.failed; errBox.hidden = false; };
      xhr.send(fd);
    });
  });

  /* ---- Live status: poll until the reading is finished, then show the report. ---- */
  var panel = document.getElementById("status-panel");
  if (panel && panel.dataset.finished !== "true") {
    var ts = i18n("i18n-status");
    var docLabels = JSON.parse(ts.doclabels || "{}");
    var poll = function () {
      fetch(panel.dataset.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          var badge = $("[data-status-badge]", panel);
          badge.textContent = ts[s.status] || s.status;
          badge.className = "badge status-" + s.status;
          var stage = (s.progress && s.progress.stage) || "";
          var ul = $("[data-doc-status]", panel);
          ul.innerHTML = "";
          s.documents.forEach(function (d) {
            var li = document.createElement("li");
            var state = d.status;
            if (d.status === "queued" && stage === "reading " + d.name) { state = "reading"; }
            var types = d.doc_types.map(function (x) { return docLabels[x] || x; }).join(", ");
            li.innerHTML = '<span class="name"></span> <span class="state"></span> <span class="types"></span>';
            li.querySelector(".name").textContent = d.name;
            li.querySelector(".state").textContent = ts[state] || state;
            li.querySelector(".types").textContent = types ? ts.classified + " " + types : "";
            ul.appendChild(li);
          });
          if (s.finished) { location.reload(); } else { setTimeout(poll, 1500); }
        })
        .catch(function () { setTimeout(poll, 4000); });
    };
    setTimeout(poll, 1000);
  }

  /* ---- Page viewer: zoom, rotate, word boxes. ---- */
  $all("[data-viewer]").forEach(function (v) {
    var canvas = $("[data-canvas]", v);
    var scale = 1, angle = 0;
    function apply() {
      canvas.style.width = (scale * 100) + "%";
      canvas.style.transform = angle ? "rotate(" + angle + "deg)" : "";
      canvas.style.transformOrigin = "center center";
    }
    $all("[data-zoom]", v).forEach(function (b) {
      b.addEventListener("click", function () { scale = Math.min(5, Math.max(0.5, scale * parseFloat(b.dataset.zoom))); apply(); });
    });
    $all("[data-rotate]", v).forEach(function (b) {
      b.addEventListener("click", function () { angle = (angle + 90) % 360; apply(); });
    });
    $all("[data-reset]", v).forEach(function (b) {
      b.addEventListener("click", function () { scale = 1; angle = 0; apply(); });
    });
    var frame = $(".page-frame", v);
    frame.addEventListener("keydown", function (e) {
      if (e.key === "+" || e.key === "=") { scale = Math.min(5, scale * 1.25); apply(); e.preventDefault(); }
      if (e.key === "-") { scale = Math.max(0.5, scale * 0.8); apply(); e.preventDefault(); }
      if (e.key === "r" || e.key === "R") { angle = (angle + 90) % 360; apply(); e.preventDefault(); }
    });
  });
  $all("[data-toggle-words]").forEach(function (box) {
    box.addEventListener("change", function () { document.body.classList.toggle("hide-words", !box.checked); });
  });

  /* Correction form: the type picker only when correcting the type. */
  var corrField = document.getElementById("field");
  if (corrField && document.getElementById("correction-form")) {
    var sync = function () {
      var isType = corrField.value === "doc_type";
      document.getElementById("field-doc_type").hidden = !isType;
      document.getElementById("field-value").hidden = isType;
    };
    corrField.addEventListener("change", sync); sync();
  }
})();
