// Naar Vermogen service worker: makes the app load with no network after the first visit.
//
// `cargo xtask build` fills in BUILD_VERSION, PRECACHE_URLS and STAFF_APP_URLS after it has built the
// apps (their directories and the page's files are named after their content, so the lists are only
// known then). The lists hold every screen's code, also of screens fetched on demand.
// Strategy: the app shell (index.html, cached as "/") and its hashed files come from the cache first; the API
// (/api/) always goes to the network, since its data lives in IndexedDB, not here.
// The staff app (/werk/, app/src/app_choice.rs) is cached only on devices that have used it: a client's
// phone never downloads it.

const BUILD_VERSION = "__BUILD_VERSION__";
const PRECACHE_URLS = __PRECACHE_URLS__;
const STAFF_APP_URLS = __STAFF_APP_URLS__;
const STAFF_APP_PATH = "/werk/";
const CACHE_NAME = `naar-vermogen-${BUILD_VERSION}`;

// A new version caches itself, then waits: the app tells the person and lets them choose the moment
// (app/src/service_worker.rs), after every change being made is stored on the device. The very first
// install has nothing to replace and becomes active at once.
self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all([caches.open(CACHE_NAME), thisDeviceUsesTheStaffApp()]).then(([cache, staff]) =>
      cache.addAll(staff ? [...PRECACHE_URLS, ...STAFF_APP_URLS] : PRECACHE_URLS),
    ),
  );
});

// True when an earlier version cached the staff app (it did so when the staff app was loaded).
async function thisDeviceUsesTheStaffApp() {
  for (const name of await caches.keys()) {
    const requests = await (await caches.open(name)).keys();
    if (requests.some((request) => new URL(request.url).pathname.startsWith(STAFF_APP_PATH))) {
      return true;
    }
  }
  return false;
}

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
  if (url.pathname.startsWith(STAFF_APP_PATH)) {
    event.respondWith(caches.match(request).then((cached) => cached || fetchAndKeep(request)));
    event.waitUntil(keepTheWholeStaffApp());
    return;
  }
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});

// Once a device loads the staff app, all of it is kept, also the screens not opened yet (each group of
// screens has its own files, fetched when one of them first opens: xtask/src/app_build.rs). An outreach
// worker who logged in at the office opens a client's file at a home visit with no network.
let keepingTheStaffApp;
function keepTheWholeStaffApp() {
  keepingTheStaffApp ??= caches
    .open(CACHE_NAME)
    .then(async (cache) => {
      const kept = await Promise.all(STAFF_APP_URLS.map((url) => cache.match(url)));
      await cache.addAll(STAFF_APP_URLS.filter((_, index) => !kept[index]));
    })
    .catch(() => {
      keepingTheStaffApp = undefined; // Try again with the next file the staff app fetches.
    });
  return keepingTheStaffApp;
}

// The staff app's file asked for now: kept at once.
async function fetchAndKeep(request) {
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE_NAME);
    await cache.put(request, response.clone());
  }
  return response;
}
