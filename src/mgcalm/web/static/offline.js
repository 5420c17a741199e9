// mgcalm offline queue: entries made without a connection, or whose sending failed (the server
// in trouble, the connection lost mid-way), wait on this phone (IndexedDB) with their client ids
// and are sent when the connection returns. Online forms carry the same client id, and the API
// is idempotent by id, so a resend after a lost answer stores nothing twice. Every page works
// without this file.
(function () {
  "use strict";

  var DB = "mgcalm", STORE = "queue";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "id" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function all() { return withStore("readonly", function (s) { return s.getAll(); }); }
  function put(item) { return withStore("readwrite", function (s) { s.put(item); }); }
  function drop(id) { return withStore("readwrite", function (s) { s["delete"](id); }); }

  function clientId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID().replace(/-/g, ""); }
    return String(Date.now()) + Math.random().toString(16).slice(2);
  }

  function localDay() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function showStatus(count) {
    var box = document.getElementById("sync-status");
    if (!box) { return; }
    box.hidden = count === 0;
    box.textContent = count === 1 ? "1 entry saved on this phone — will sync when you are back online."
      : count + " entries saved on this phone — will sync when you are back online.";
  }

  function refreshStatus() { return all().then(function (items) { showStatus(items.length); }); }

  function toast(message) {
    var old = document.getElementById("toast");
    if (old) { old.remove(); }
    var box = document.createElement("div");
    box.className = "toast";
    box.id = "toast";
    box.setAttribute("role", "status");
    box.textContent = message;
    document.body.appendChild(box);
  }

  // The client id a form's entry is saved under: the same online (a hidden field the server
  // keeps) and in the queue, so the entry is stored once however often it is sent.
  function formId(form) {
    var field = form.querySelector('input[name="id"]');
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "id";
      form.appendChild(field);
    }
    if (!field.value) { field.value = clientId(); }
    return field.value;
  }

  // A form's fields as an entry: text stays text (the server validates and names any problem).
  function entryFrom(form) {
    var data = { id: formId(form), day: localDay() };
    new FormData(form).forEach(function (value, name) {
      if (name === "csrf_token" || name === "edit_id" || name === "id" || value === "") { return; }
      if (name === "symptoms") { (data.symptoms = data.symptoms || []).push(value); return; }
      data[name] = value === "on" ? true : value;
    });
    return data;
  }

  // A tapped dose as an entry; its id is the one the server gives it (day and planned time).
  function doseFrom(form, missed) {
    var planned = form.getAttribute("data-planned");
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var data = { id: "dose-" + localDay().replace(/-/g, "") + "-" + planned.replace(":", ""), day: localDay(),
      planned_time: planned, form: form.getAttribute("data-form"),
      elemental_mg: Number(form.getAttribute("data-mg")) };
    if (missed) { data.missed = true; data.missed_reason = "marked as missed on Today"; }
    else { data.taken_time = pad(now.getHours()) + ":" + pad(now.getMinutes()); }
    return data;
  }

  function queue(kind, data) {
    return put({ id: data.id, kind: kind, data: data, queued_at: new Date().toISOString() })
      .then(refreshStatus)
      .then(function () {
        toast("Saved on this phone — will sync");
        if (data.crisis) {
          var help = document.getElementById("offline-crisis");
          if (help) { help.hidden = false; help.focus(); }
        }
      });
  }

  function send(item) {
    return fetch("/api/entries/" + item.kind, {
      method: "POST",
      headers: { "content-type": "application/json", "accept": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(item.data)
    }).then(function (response) {
      // Stored (201, or 200: already there), kept under that id already (409), or refused for
      // good (422: the server named the problem): done either way.
      if ([200, 201, 409, 422].indexOf(response.status) !== -1) {
        return drop(item.id).then(function () { return response.status === 200 || response.status === 201; });
      }
      return false; // not paired, server trouble: keep it for the next try
    });
  }

  var syncing = false;
  function sync() {
    if (syncing || !navigator.onLine) { return Promise.resolve(0); }
    syncing = true;
    return all().then(function (items) {
      return items.reduce(function (done, item) {
        return done.then(function (n) { return send(item).then(function (ok) { return n + (ok ? 1 : 0); }); });
      }, Promise.resolve(0));
    }).then(function (sent) {
      syncing = false;
      document.documentElement.setAttribute("data-synced", String(sent));
      if (sent > 0) { toast(sent === 1 ? "Synced 1 entry saved on this phone" : "Synced " + sent + " entries saved on this phone"); }
      return refreshStatus().then(function () { return sent; });
    }, function () { syncing = false; return refreshStatus().then(function () { return 0; }); });
  }

  var retry = null;
  function retryLater() {
    if (retry === null) { retry = window.setTimeout(function () { retry = null; sync(); }, 30000); }
  }

  // The page the server answered with: a redirect is followed; a page with problems or alerts
  // replaces this one as it would without script.
  function show(response) {
    if (response.redirected) { window.location.assign(response.url); return null; }
    return response.text().then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      document.title = fresh.title;
      document.body.replaceWith(document.adoptNode(fresh.body));
      if (window.htmx) { window.htmx.process(document.body); }
      window.scrollTo(0, 0);
      refreshStatus();
    });
  }

  // Online, the form is sent from here: if the server fails or the connection drops mid-way,
  // the entry is kept on the phone rather than lost.
  function sendForm(form, submitter, kind, data) {
    var body = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) { body.append(submitter.name, submitter.value); }
    return fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin", headers: { "accept": "text/html" }
    }).then(function (response) {
      if (response.status >= 500) { retryLater(); return keep(form, kind, data); }
      return show(response);
    }, function () { retryLater(); return keep(form, kind, data); });
  }

  // Queue a form's entry; the form's next entry gets a new id (a second portion is its own).
  function keep(form, kind, data) {
    return queue(kind, data).then(function () {
      var field = form.querySelector('input[name="id"]');
      if (field) { field.value = ""; }
    });
  }

  function onSubmit(event) {
    var form = event.target;
    var kind = form.getAttribute && form.getAttribute("data-offline-kind");
    if (!kind || event.defaultPrevented) { return; }
    form.mgcalmSubmitter = event.submitter;
    var missed = event.submitter && event.submitter.value === "missed";
    if (kind === "dose") {
      // htmx sends dose taps; a failure is caught below (htmx:sendError, htmx:responseError).
      if (navigator.onLine) { return; }
      event.preventDefault();
      queue(kind, doseFrom(form, missed));
      return;
    }
    if (form.querySelector('input[name="edit_id"]')) { return; } // a correction: sent as it is
    event.preventDefault();
    var data = entryFrom(form);
    if (!navigator.onLine) { keep(form, kind, data); return; }
    sendForm(form, event.submitter, kind, data);
  }

  // A dose tap htmx could not deliver (no answer, or the server failing): kept on the phone.
  function onHtmxFailure(event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest('[data-offline-kind="dose"]');
    if (!form) { return; }
    var xhr = event.detail.xhr;
    if (event.type === "htmx:responseError" && xhr && xhr.status < 500) { return; }
    var submitter = form.mgcalmSubmitter;
    retryLater();
    queue("dose", doseFrom(form, submitter && submitter.value === "missed"));
  }

  if (!window.indexedDB) { return; }
  document.addEventListener("submit", onSubmit, true);
  // htmx posts dose taps itself: stop it offline so the queued entry is the only one.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!navigator.onLine && event.detail.elt && event.detail.elt.closest("[data-offline-kind]")) { event.preventDefault(); }
  });
  document.addEventListener("htmx:sendError", onHtmxFailure);
  document.addEventListener("htmx:responseError", onHtmxFailure);
  window.addEventListener("online", sync);
  document.addEventListener("DOMContentLoaded", function () { refreshStatus().then(sync); });
  window.mgcalmOffline = { sync: sync, queued: all };

  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { return null; });
  }
})();
