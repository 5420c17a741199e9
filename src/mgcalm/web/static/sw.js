// mgcalm service worker: keeps the app shell and the last Today so the app opens offline.
// Everything else goes to the network; pages the person saw last are used only when it fails.
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
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(url.pathname, copy); });
    }
    return response;
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
        return hit || new Response("mgcalm is offline and this page was not saved on this phone.",
          { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
      });
    }));
  }
});
