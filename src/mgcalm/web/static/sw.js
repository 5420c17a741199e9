// mgcalm service worker: placeholder until the offline shell is installed.
self.addEventListener("install", function () { self.skipWaiting(); });
