/* Times in the venue's zone or the viewer's, and the "now / next" marker.
 *
 * The server writes every time as <time datetime="…Z"> in the venue's zone. The switch shows
 * them in the zone this device reports (Intl API) instead, and back; the choice is kept in
 * localStorage. A slot's span (<time data-span="END">…</time>–<time>…</time> ZONE) is rebuilt
 * whole, as the server builds it (templatetags/attendee_tags.span_html), because its shape
 * depends on the zone: "Thu 8 Jun · 22:00–23:00 EDT" is "Fri 9 Jun · 4:00–5:00 CEST" in Berlin.
 * Other times show the hour, with the weekday when it falls on another day than at the venue.
 */
(function () {
  "use strict";

  const tools = document.getElementById("program-tools");
  if (!tools) return;

  const store = {
    get(key, fallback) {
      try {
        const value = window.localStorage.getItem(key);
        return value === null ? fallback : JSON.parse(value);
      } catch (error) {
        return fallback;
      }
    },
    set(key, value) {
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
      } catch (error) {
        /* private mode or full: the page still works, it only forgets */
      }
    },
  };

  const venueZone = tools.dataset.venueZone;
  let deviceZone = "UTC";
  try {
    deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch (error) {
    /* very old browser: stay on UTC */
  }
  const MODE_KEY = "wp:time-zone";
  let mode = store.get(MODE_KEY, "venue") === "local" ? "local" : "venue";

  function zone() {
    return mode === "local" ? deviceZone : venueZone;
  }

  const formatters = new Map();
  function formatter(timeZone) {
    if (!formatters.has(timeZone)) {
      formatters.set(
        timeZone,
        new Intl.DateTimeFormat("en-US", {
          timeZone,
          weekday: "short",
          day: "numeric",
          month: "short",
          year: "numeric",
          hour: "numeric",
          minute: "2-digit",
          hourCycle: "h23",
        }),
      );
    }
    return formatters.get(timeZone);
  }

  /* The calendar fields of a moment in a zone. */
  function parts(date, timeZone) {
    const found = {};
    for (const part of formatter(timeZone).formatToParts(date)) found[part.type] = part.value;
    return {
      weekday: found.weekday,
      day: Number(found.day),
      month: found.month,
      year: Number(found.year),
      hour: Number(found.hour) % 24,
      minute: found.minute,
      date: `${found.year}-${found.month}-${found.day}`,
    };
  }

  /* "EDT", "CEST": the zone's short name then; "GMT+9" where no name is in use. */
  function zoneName(date, timeZone) {
    let fallback = timeZone;
    for (const locale of ["en-US", "en-GB"]) {
      const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
        .formatToParts(date)
        .find((part) => part.type === "timeZoneName");
      if (!name) continue;
      if (!/^(GMT|UTC)[+\-\u2212]/.test(name.value)) return name.value;
      if (locale === "en-US") fallback = name.value;
    }
    return fallback;
  }

  const clock = (p) => `${p.hour}:${p.minute}`;
  const dayLabel = (p) => `${p.weekday} ${p.day} ${p.month}`;
  const iso = (date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

  function timeElement(date, text, attributes) {
    const element = document.createElement("time");
    element.dateTime = iso(date);
    for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, value);
    element.textContent = text;
    return element;
  }

  /* The nodes of a slot's span in a zone: the same shapes as span_html on the server. */
  function spanNodes(start, end, timeZone, withDay) {
    const s = parts(start, timeZone);
    const e = parts(end, timeZone);
    const startZone = zoneName(start, timeZone);
    const endZone = zoneName(end, timeZone);
    let first = clock(s);
    if (withDay) first = `${dayLabel(s)} · ${first}`;
    let between = "–";
    let last = clock(e);
    if (e.date !== s.date) {
      between = " – ";
      last = `${dayLabel(e)} ${clock(e)}`;
    } else if (startZone !== endZone) {
      between = ` ${startZone}–`;
    }
    const attributes = { "data-span": iso(end) };
    if (withDay) attributes["data-with-day"] = "1";
    return [
      timeElement(start, first, attributes),
      document.createTextNode(between),
      timeElement(end, last),
      document.createTextNode(` ${endZone}`),
    ];
  }

  function plainText(element, timeZone) {
    const date = new Date(element.dateTime);
    const p = parts(date, timeZone);
    if (element.dataset.format === "clock") return clock(p);
    if (element.dataset.format === "datetime") {
      return `${p.day} ${p.month} ${p.year}, ${clock(p)}`;
    }
    const atVenue = parts(date, venueZone);
    return p.date === atVenue.date ? clock(p) : `${p.weekday} ${clock(p)}`;
  }

  /* Show every time under `root` in the chosen zone (the server's text for the venue). */
  function refresh(root) {
    const scope = root || document;
    const spans = new Set();
    for (const first of scope.querySelectorAll("time[data-span]")) {
      const box = first.parentElement;
      if (spans.has(box)) continue;
      spans.add(box);
      if (!("venueHtml" in box.dataset)) box.dataset.venueHtml = box.innerHTML;
      if (mode === "venue") {
        box.innerHTML = box.dataset.venueHtml;
      } else {
        box.replaceChildren(
          ...spanNodes(new Date(first.dateTime), new Date(first.dataset.span), zone(), first.dataset.withDay === "1"),
        );
      }
    }
    for (const element of scope.querySelectorAll("time[datetime]")) {
      if (spans.has(element.parentElement) || !element.dateTime) continue;
      if (!("venueText" in element.dataset)) element.dataset.venueText = element.textContent;
      element.textContent = mode === "venue" ? element.dataset.venueText : plainText(element, zone());
    }
    for (const element of scope.querySelectorAll("[data-tz-text]")) {
      if (!("venueText" in element.dataset)) element.dataset.venueText = element.textContent;
      if (mode === "venue") {
        element.textContent = element.dataset.venueText;
      } else {
        let at = new Date(element.dataset.tzAt || Date.now());
        if (Number.isNaN(at.getTime())) at = new Date();
        element.textContent = element.dataset.tzText
          .replace("{zone}", deviceZone)
          .replace("{abbr}", zoneName(at, deviceZone));
      }
    }
  }

  function setMode(value) {
    mode = value === "local" ? "local" : "venue";
    store.set(MODE_KEY, mode);
    refresh(document);
    document.dispatchEvent(new CustomEvent("wp:zone", { detail: { zone: zone() } }));
  }

  const switcher = tools.querySelector("[data-tz-switch]");
  if (switcher) {
    const label = switcher.querySelector("[data-local-zone]");
    if (label) label.textContent = deviceZone === venueZone ? `${deviceZone}, the same` : deviceZone;
    for (const radio of switcher.querySelectorAll("input[name=tz-mode]")) {
      radio.checked = radio.value === mode;
      radio.addEventListener("change", () => {
        if (radio.checked) setMode(radio.value);
      });
    }
    switcher.hidden = false;
    const more = switcher.closest("[data-tools-more]");
    if (more) more.hidden = false; /* a page without filters: the bar holds the switch alone */
  }

  /* "Now" and "Next" while the conference runs: from the same data-start / data-end. */
  const BADGE_HOSTS = ".grid__title, .schedule-item__title, .room-sign__title, .agenda__title, .my-item__title";
  function markNow() {
    for (const badge of document.querySelectorAll(".now-badge")) badge.remove();
    for (const host of document.querySelectorAll(".is-now, .is-next")) host.classList.remove("is-now", "is-next");
    const now = Date.now();
    if (!(now >= Date.parse(tools.dataset.starts) && now < Date.parse(tools.dataset.ends))) return;
    const items = [];
    for (const element of document.querySelectorAll("[data-start][data-end]")) {
      const host = element.closest("td, li, tr") || element;
      if (host.closest(".is-cancelled, [hidden]")) continue;
      items.push({ host, start: Date.parse(element.dataset.start), end: Date.parse(element.dataset.end) });
    }
    let next = Infinity;
    for (const item of items) if (item.start > now) next = Math.min(next, item.start);
    for (const item of items) {
      const kind = item.start <= now && now < item.end ? "now" : item.start === next ? "next" : "";
      if (!kind) continue;
      item.host.classList.add(`is-${kind}`);
      const badge = document.createElement("span");
      badge.className = `now-badge now-badge--${kind}`;
      badge.textContent = kind === "now" ? "Now" : "Next";
      (item.host.querySelector(BADGE_HOSTS) || item.host).prepend(badge, " ");
    }
    document.dispatchEvent(new CustomEvent("wp:now"));
  }

  window.WP = {
    tools,
    store,
    conference: tools.dataset.conference,
    venueZone,
    deviceZone,
    zone,
    parts,
    clock,
    zoneName,
    spanNodes,
    timeElement,
    refresh,
    markNow,
  };

  if (mode === "local") refresh(document);
  markNow();
  window.setInterval(markNow, 30000);
  document.addEventListener("wp:content", (event) => {
    refresh((event.detail && event.detail.root) || document);
    markNow();
  });
})();
