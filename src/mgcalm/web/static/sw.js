// mgcalm service worker: keeps the app shell and the last Today so the app opens offline.
// Pages always come from the network first (Today above all: after a stop it must never show
// doses from an older copy); a page the person saw last is used only when the network fails,
// and then it says so at the top: "Offline — this is the page from <time>".
"use strict";

var SHELL = "mgcalm-shell-v2";
var PAGES = "mgcalm-pages-v1";
var SHELL_FILES = [
  "/static/mgcalm.css",
  "/static/mgcalm.js",
  "/static/vendor/htmx.min.js",
  "/static/favicon.svg",
  "/static/icons/icon-192.png",
  "/manifest.webmanifest"
];
// Pages kept for offline use: Today as last seen, and the forms that can save on the phone.
var KEPT_PAGES = ["/", "/log/checkin", "/log/side_effect", "/log/practice", "/log/sleep", "/log/food",
  "/support"];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) { return cache.addAll(SHELL_FILES); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n !== SHELL && n !== PAGES; })
        .map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function keptPage(url) {
  return url.origin === self.location.origin && KEPT_PAGES.indexOf(url.pathname) !== -1;
}

function fromNetworkKeeping(request, url) {
  return fetch(request).then(function (response) {
    if (response.status === 401 || (response.redirected && response.url.indexOf("/pair") !== -1)) {
      caches.delete(PAGES); // unpaired or revoked: keep no page of this person's on the phone
    } else if (response.ok && !response.redirected && keptPage(url)) {
      keep(url.pathname, response.clone());
    }
    return response;
  });
}

// A copy of the page stamped with when it was fetched, so the offline notice can say so.
function keep(path, response) {
  return response.text().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set("x-mgcalm-saved-at", new Date().toISOString());
    var copy = new Response(body, { status: response.status, headers: headers });
    return caches.open(PAGES).then(function (cache) { return cache.put(path, copy); });
  });
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
  });
}

// The saved page with a notice on top saying it is an offline copy and from when.
function offlineCopy(hit) {
  var savedAt = hit.headers.get("x-mgcalm-saved-at");
  var when = savedAt ? new Date(savedAt) : null;
  var label = when && !isNaN(when.getTime()) ? when.toLocaleString() : "an earlier visit";
  return hit.text().then(function (body) {
    var notice = '<p class="notice" role="status" id="offline-copy" data-saved-at="' +
      escapeHtml(savedAt || "") + '"><strong>Offline — this is the page from ' +
      escapeHtml(label) + '.</strong> It may be out of date: doses, alerts and stops may have ' +
      "changed since. It updates when you are back online.</p>";
    var page = body.replace(/(<main\b[^>]*>)/, "$1" + notice);
    if (page === body) { page = notice + body; }
    var headers = new Headers(hit.headers);
    headers.set("content-type", "text/html; charset=utf-8");
    return new Response(page, { status: 200, headers: headers });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fromNetworkKeeping(request, url).catch(function () {
      return caches.match(url.pathname, { cacheName: PAGES }).then(function (hit) {
        return hit || caches.match("/", { cacheName: PAGES });
      }).then(function (hit) {
        return hit ? offlineCopy(hit) : new Response("mgcalm is offline and this page was not saved on this phone.",
          { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
      });
    }));
  }
});
