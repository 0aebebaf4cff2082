/* Offline: the conference's service worker keeps the pages read here, and a page that it
 * served from its cache says so ("Offline copy from 10:42"). */
(function () {
  "use strict";

  const WP = window.WP;
  const tools = document.getElementById("program-tools");
  if (!tools) return;

  if (document.documentElement.hasAttribute("data-offline-copy")) {
    const note = tools.querySelector("[data-offline-note]");
    const time = document.createElement("time");
    time.dateTime = tools.dataset.rendered;
    time.dataset.format = "clock";
    time.textContent = tools.dataset.rendered;
    if (WP) time.textContent = WP.clock(WP.parts(new Date(tools.dataset.rendered), WP.venueZone));
    note.replaceChildren("Offline copy from ", time, ". You are offline: rooms and times may have changed since.");
    note.hidden = false;
    if (WP) WP.refresh(note);
  }

  if (!("serviceWorker" in navigator)) return;

  /* Everything this page needs to open again without a network. */
  function pageResources() {
    const urls = new Set([window.location.href.split("#")[0]]);
    const add = (value) => {
      if (value) urls.add(new URL(value, window.location.href).href);
    };
    add(tools.dataset.programUrl);
    document.querySelectorAll("link[rel=stylesheet], link[rel=icon]").forEach((link) => add(link.href));
    document.querySelectorAll("script[src]").forEach((script) => add(script.src));
    document.querySelectorAll("img[src]").forEach((image) => add(image.currentSrc || image.src));
    return [...urls];
  }

  /* Not before the page has loaded and the main thread is idle: the reader's first screen
     comes first, the offline copy after it. */
  function whenIdle(work) {
    const idle = () => ("requestIdleCallback" in window ? window.requestIdleCallback(work, { timeout: 4000 }) : window.setTimeout(work, 200));
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  }

  whenIdle(() => navigator.serviceWorker
    .register(tools.dataset.swUrl, { scope: tools.dataset.scope })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const worker = registration.active;
      if (!worker) return;
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => {
        if (event.data && event.data.saved) document.documentElement.dataset.offlineReady = String(event.data.saved);
      };
      worker.postMessage({ type: "save", urls: pageResources() }, [channel.port2]);
    })
    .catch(() => {
      /* no worker (private window, unsupported): the pages still work online */
    }));
})();
