// Naar Vermogen service worker: makes the app load with no network after the first visit.
//
// `cargo xtask build` fills in BUILD_VERSION and PRECACHE_URLS after trunk has built the
// app (trunk puts content hashes in file names, so the list is only known then).
// Strategy: the app shell (index.html, cached as "/") and its hashed files come from the cache first; the API
// (/api/) always goes to the network, since its data lives in IndexedDB, not here.

const BUILD_VERSION = "__BUILD_VERSION__";
const PRECACHE_URLS = __PRECACHE_URLS__;
const CACHE_NAME = `naar-vermogen-${BUILD_VERSION}`;

// A new version caches itself, then waits: the app tells the person and lets them choose the moment
// (app/src/service_worker.rs), after every change being made is stored on the device. The very first
// install has nothing to replace and becomes active at once.
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE_NAME).then((cache) => cache.addAll(PRECACHE_URLS)));
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE_NAME).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(caches.match("/").then((cached) => cached || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});
