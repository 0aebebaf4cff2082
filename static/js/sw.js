/* The service worker of one conference: served from /<conference>/sw.js, so that its scope is
 * that conference's pages. Network first, the cache as fallback: online readers always get
 * the current program; offline ones get the last copy they saw, marked as such. */
"use strict";

// v1 kept private pages too: a worker of this version drops its caches when it takes over.
const CACHE = "workshop-program-v2";
const SCOPE = new URL(self.registration.scope);
const DATA = ["my/program.json", "my/link.json"].map((path) => SCOPE.pathname + path);

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) =>
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  ),
);

function wanted(request) {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  if (request.mode === "navigate") return url.pathname.startsWith(SCOPE.pathname);
  if (["style", "script", "image", "font"].includes(request.destination)) return true;
  return DATA.includes(url.pathname) || url.pathname === SCOPE.pathname + "qr.svg";
}

/* Styles, scripts, images and fonts: the same for everyone who asks. */
const ASSET = /^(text\/css|(text|application)\/javascript|image\/|font\/)/;

/* Whether the server lets this device keep the response (its Cache-Control): never one marked
 * private or no-store (a page seen while signed in, such as a draft's preview, must not
 * outlive the session here), and a page or the program's data only when marked public. An
 * asset may come unmarked (a development server sends none). */
function mayKeep(response) {
  const directives = (response.headers.get("Cache-Control") || "")
    .toLowerCase()
    .split(",")
    .map((directive) => directive.split("=")[0].trim());
  if (directives.includes("private") || directives.includes("no-store")) return false;
  return directives.includes("public") || ASSET.test(response.headers.get("Content-Type") || "");
}

/* Pages, styles, scripts, images and the program's data; never a download (.ics, .csv). */
function keep(response) {
  if (!response || !response.ok || response.type === "opaque" || !mayKeep(response)) return false;
  const disposition = response.headers.get("Content-Disposition") || "";
  return !disposition.startsWith("attachment");
}

async function remember(key, response) {
  if (!keep(response)) return false;
  const cache = await caches.open(CACHE);
  await cache.put(key, response);
  return true;
}

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  const options = { ignoreVary: true };
  let response = await cache.match(request, options);
  if (!response && request.mode === "navigate") {
    response = await cache.match(request, { ...options, ignoreSearch: true });
  }
  return response;
}

/* A page from the cache says so: <html data-offline-copy>, which offline.js turns into a note. */
async function markedOffline(response) {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(text.replace("<html", "<html data-offline-copy"), {
    status: 200,
    headers,
  });
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    await remember(request, response.clone());
    return response;
  } catch (error) {
    const cached = await fromCache(request);
    if (cached) return request.mode === "navigate" ? markedOffline(cached) : cached;
    if (request.mode === "navigate") {
      return new Response(
        "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content='width=device-width'>" +
          "<title>Offline</title><main><h1>You are offline</h1><p>This page was not saved on this device. " +
          "Pages of the program you opened before are available.</p></main>",
        { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
      );
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  if (wanted(event.request)) event.respondWith(networkFirst(event.request));
});

/* The page that registered the worker asks it to keep itself and what it loaded, which the
 * worker did not see: it started only after they had been fetched. */
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "save" || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => {
    try {
      return new URL(url, self.location.href).origin === self.location.origin;
    } catch (error) {
      return false;
    }
  });
  const saving = Promise.all(
    urls.map((url) =>
      fetch(url, { credentials: "same-origin" })
        .then((response) => remember(url, response))
        .catch(() => false),
    ),
  ).then((results) => {
    const port = event.ports && event.ports[0];
    if (port) port.postMessage({ saved: results.filter(Boolean).length });
  });
  event.waitUntil(saving);
});
