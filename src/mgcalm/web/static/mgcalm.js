// mgcalm: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  var PHASE_CLASSES = ["inhale", "hold-full", "exhale", "hold-empty"];
  var PHASE_LABELS = ["Breathe in", "Hold", "Breathe out", "Hold"];

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  // A breathing pacer: data-pattern="in,hold,out,hold" in seconds (0 skips a phase).
  function setupPacer(root) {
    var pattern = root.getAttribute("data-pattern").split(",").map(Number);
    var circle = root.querySelector(".pacer-circle");
    var phaseText = root.querySelector(".pacer-phase");
    var countText = root.querySelector(".pacer-count");
    var button = root.querySelector(".pacer-toggle");
    var timer = null;
    var phase = 0;
    var left = 0;

    function nextPhase() {
      do { phase = (phase + 1) % 4; } while (pattern[phase] === 0);
      left = pattern[phase];
      PHASE_CLASSES.forEach(function (c) { circle.classList.remove(c); });
      if (!reducedMotion()) { circle.style.transitionDuration = pattern[phase] + "s"; }
      circle.classList.add(PHASE_CLASSES[phase]);
      phaseText.textContent = PHASE_LABELS[phase];
      countText.textContent = String(left);
    }

    function tick() {
      left -= 1;
      if (left <= 0) { nextPhase(); } else { countText.textContent = String(left); }
    }

    function stop() {
      window.clearInterval(timer);
      timer = null;
      PHASE_CLASSES.forEach(function (c) { circle.classList.remove(c); });
      phaseText.textContent = "Paused";
      countText.textContent = "";
      button.textContent = "Start";
      button.setAttribute("aria-pressed", "false");
    }

    button.addEventListener("click", function () {
      if (timer !== null) { stop(); return; }
      phase = 3;
      nextPhase();
      timer = window.setInterval(tick, 1000);
      button.textContent = "Stop";
      button.setAttribute("aria-pressed", "true");
    });
    button.hidden = false;
  }

  // An upload with a progress bar: the same form, sent with XMLHttpRequest so the bytes sent can
  // be shown; the page that comes back replaces <main> (summary or problems, as without script).
  function setupUpload(form) {
    var bar = form.querySelector("[data-upload-progress]");
    var status = form.querySelector("[data-upload-status]");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.DOMParser) { return; }
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      button.disabled = true;
      bar.hidden = false;
      bar.value = 0;
      status.textContent = "Sending your export to mgcalm…";
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        bar.value = Math.round(100 * e.loaded / e.total);
        status.textContent = "Sent " + bar.value + "%";
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value");  // indeterminate while mgcalm reads the file
        status.textContent = "Reading your export… a big one takes a minute.";
      });
      xhr.addEventListener("load", function () {
        var fresh = new DOMParser().parseFromString(xhr.responseText, "text/html").querySelector("main");
        var main = document.querySelector("main");
        if (!fresh || !main) {
          status.textContent = "Something went wrong (" + xhr.status + "). Nothing was stored.";
          button.disabled = false;
          return;
        }
        main.replaceWith(fresh);
        enhance(fresh);
        var shown = fresh.querySelector("#problems") || fresh.querySelector("#wearable");
        if (shown) { shown.scrollIntoView(); }
        fresh.focus();
      });
      xhr.addEventListener("error", function () {
        status.textContent = "The upload stopped. Nothing was stored; please try again.";
        bar.hidden = true;
        button.disabled = false;
      });
      xhr.open("POST", form.action);
      xhr.send(new FormData(form));
    });
  }

  // After an upload's page replaces <main>, its new forms get the same enhancements.
  function enhance(root) {
    root.querySelectorAll("form[data-upload]").forEach(setupUpload);
  }

  // The saved-state toast offers undo for a few seconds, then fades away.
  function setupToast(toast) {
    var seconds = Number(toast.getAttribute("data-undo-seconds") || "10");
    window.setTimeout(function () { toast.remove(); }, seconds * 1000);
  }

  // A long form in steps: one step at a time with Back and Next; the server checks it all at
  // the end, and a step with a problem opens first. Without this file the form is one page.
  function setupSteps(form) {
    var parts = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));
    var count = parts.reduce(function (n, p) { return Math.max(n, Number(p.getAttribute("data-step"))); }, 0);
    var submit = form.querySelector("[data-step-submit]");
    var nav = document.createElement("div");
    nav.className = "row step-nav";
    var back = document.createElement("button");
    back.type = "button"; back.className = "button-quiet"; back.textContent = "Back";
    var next = document.createElement("button");
    next.type = "button"; next.textContent = "Next";
    var where = document.createElement("p");
    where.className = "muted"; where.setAttribute("aria-live", "polite");
    nav.appendChild(back); nav.appendChild(next);
    form.insertBefore(where, form.firstChild.nextSibling);
    submit.parentNode.insertBefore(nav, submit);
    var step = 1;
    var invalid = form.querySelector('[aria-invalid="true"]');
    if (invalid) {
      var holder = invalid.closest("[data-step]");
      step = holder ? Number(holder.getAttribute("data-step")) : 1;
    }
    function show(n) {
      step = n;
      parts.forEach(function (p) { p.hidden = Number(p.getAttribute("data-step")) !== n; });
      back.hidden = n === 1;
      next.hidden = n === count;
      submit.hidden = n !== count;
      where.textContent = "Step " + n + " of " + count;
    }
    back.addEventListener("click", function () { show(step - 1); where.focus(); });
    next.addEventListener("click", function () { show(step + 1); window.scrollTo(0, 0); });
    form.classList.add("steps-on");
    show(step);
  }

  // "Add another" for a list of rows (medicines, supplements): a copy of the last row, empty,
  // numbered next. Without this file the form adds an empty row each time it is saved.
  function setupAddRow(button) {
    var table = button.getAttribute("data-add-row");
    var holder = button.form && button.form.querySelector('[data-rows="' + table + '"]');
    if (!holder) { return; }
    var index = new RegExp(table.replace(/[^a-z_]/g, "") + "\\[(\\d+)\\]", "g");
    button.addEventListener("click", function () {
      var rows = holder.querySelectorAll("[data-row]");
      var last = rows[rows.length - 1];
      var n = rows.length;
      var row = last.cloneNode(true);
      row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) { el.setAttribute(attr, value.replace(index, table + "[" + n + "]")); }
        });
        el.removeAttribute("aria-invalid");
        if (el.tagName === "SELECT") { el.selectedIndex = 0; }
        else if (el.type === "checkbox" || el.type === "radio") { el.checked = false; }
        else if ("value" in el && el.tagName === "INPUT") { el.value = ""; }
      });
      row.querySelectorAll(".field-error").forEach(function (p) { p.remove(); });
      row.querySelectorAll("label").forEach(function (label) {
        label.childNodes.forEach(function (node) {
          if (node.nodeType === 3) { node.nodeValue = node.nodeValue.replace(new RegExp("\\b" + n + "$"), String(n + 1)); }
        });
      });
      holder.appendChild(row);
      var first = row.querySelector("input, select");
      if (first) { first.focus(); }
    });
    button.hidden = false;
    var hint = button.parentNode.querySelector("[data-without-script]");
    if (hint) { hint.hidden = true; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-add-row]").forEach(setupAddRow);
    document.querySelectorAll("form[data-steps]").forEach(function (f) {
      if (!f.hasAttribute("data-profile")) { setupSteps(f); }
    });
    document.querySelectorAll("[data-pattern]").forEach(setupPacer);
    document.querySelectorAll(".toast[data-undo-seconds]").forEach(setupToast);
    enhance(document);
  });
  document.addEventListener("htmx:afterSwap", function () {
    document.querySelectorAll(".toast[data-undo-seconds]:not([data-timed])").forEach(function (t) {
      t.setAttribute("data-timed", "1");
      setupToast(t);
    });
  });
})();
