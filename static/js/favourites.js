/* Favourites without an account: a star on every workshop, kept in this browser only.
 *
 * localStorage, per conference:
 *   wp:<conference>:stars    the starred workshops' slugs
 *   wp:<conference>:seen     {version, workshops: {slug: {title, cancelled, slots}}}: how the
 *                            starred workshops stood when this browser last looked
 *   wp:<conference>:changes  what moved or was cancelled since, until the reader dismisses it
 * Each page carries the program's version; when it differs from the one seen, the program's
 * data (my/program.json) tells what became of each starred workshop.
 */
(function () {
  "use strict";

  const WP = window.WP;
  if (!WP) return;
  const tools = WP.tools;
  const key = (name) => `wp:${WP.conference}:${name}`;

  function stars() {
    const value = WP.store.get(key("stars"), []);
    return Array.isArray(value) ? value.filter((slug) => typeof slug === "string") : [];
  }

  function saveStars(slugs) {
    WP.store.set(key("stars"), [...new Set(slugs)].sort());
    showState();
    document.dispatchEvent(new CustomEvent("wp:stars", { detail: { stars: stars() } }));
  }

  function showState(root) {
    const starred = new Set(stars());
    for (const button of (root || document).querySelectorAll("button[data-star]")) {
      button.setAttribute("aria-pressed", starred.has(button.dataset.star) ? "true" : "false");
      button.hidden = false;
    }
    for (const count of document.querySelectorAll("[data-star-count]")) {
      count.textContent = starred.size ? ` (${starred.size})` : "";
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-star]");
    if (!button) return;
    const slug = button.dataset.star;
    const current = stars();
    saveStars(current.includes(slug) ? current.filter((s) => s !== slug) : [...current, slug]);
    sync();
  });

  /* What a starred workshop looks like to the comparison. */
  function snapshot(workshop) {
    return {
      title: workshop.title,
      cancelled: Boolean(workshop.cancelled),
      slots: workshop.slots.map((slot) => [slot.start, slot.end, slot.room]),
    };
  }

  let program = null;
  async function loadProgram() {
    const embedded = document.getElementById("program-data");
    if (embedded) program = JSON.parse(embedded.textContent);
    if (program && program.version === tools.dataset.version) return program;
    const response = await fetch(tools.dataset.programUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`program data: ${response.status}`);
    program = await response.json();
    return program;
  }

  function compare(before, now) {
    if (!now) return { kind: "withdrawn", title: before.title, slots: [] };
    const after = snapshot(now);
    if (after.cancelled && !before.cancelled) return { kind: "cancelled", title: after.title, slots: [] };
    if (JSON.stringify(after.slots) !== JSON.stringify(before.slots)) {
      return { kind: "moved", title: after.title, slots: after.slots };
    }
    return null;
  }

  let syncing = null;
  async function syncOnce() {
    const starred = stars();
    const seen = WP.store.get(key("seen"), { version: "", workshops: {} });
    seen.workshops = seen.workshops || {};
    const known = starred.every((slug) => slug in seen.workshops);
    if (!starred.length || (seen.version === tools.dataset.version && known)) return;
    const data = await loadProgram();
    const changes = WP.store.get(key("changes"), []);
    const workshops = {};
    for (const slug of starred) {
      const now = WP.favourites.starred(data, slug);
      const before = seen.workshops[slug];
      if (before && seen.version !== data.version) {
        const change = compare(before, now);
        if (change) changes.push({ slug, url: now ? now.url : "", ...change });
      }
      workshops[slug] = now ? snapshot(now) : null; /* null: gone, already reported */
    }
    WP.store.set(key("seen"), { version: data.version, workshops });
    WP.store.set(key("changes"), changes);
  }

  function sync() {
    syncing = (syncing || Promise.resolve())
      .then(syncOnce)
      .catch(() => {
        /* offline or the server is away: compare next time */
      })
      .then(showChanges);
    return syncing;
  }

  function showChanges() {
    const banner = tools.querySelector("[data-changes-banner]");
    if (!banner) return;
    const changes = WP.store.get(key("changes"), []);
    if (!changes.length) {
      banner.hidden = true;
      banner.replaceChildren();
      return;
    }
    const heading = document.createElement("p");
    heading.className = "notice__title";
    heading.textContent = "The program has changed since you last looked at your starred workshops:";
    const list = document.createElement("ul");
    for (const change of changes) {
      const item = document.createElement("li");
      const title = document.createElement(change.url ? "a" : "strong");
      if (change.url) title.href = change.url;
      title.textContent = change.title;
      item.append(title);
      if (change.kind === "cancelled") item.append(" has been cancelled.");
      else if (change.kind === "withdrawn") item.append(" is no longer in the program.");
      else {
        item.append(" has moved; now ");
        change.slots.forEach(([start, end, room], index) => {
          if (index) item.append("; ");
          const when = document.createElement("span");
          when.append(...WP.spanNodes(new Date(start), new Date(end), WP.venueZone, true));
          item.append(when, room ? `, ${room}` : "");
        });
        if (!change.slots.length) item.append("without a time");
        item.append(".");
      }
      list.append(item);
    }
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "btn btn--small";
    dismiss.textContent = "Got it";
    dismiss.addEventListener("click", () => {
      WP.store.set(key("changes"), []);
      showChanges();
    });
    banner.replaceChildren(heading, list, dismiss);
    WP.refresh(banner);
    banner.hidden = false;
  }

  /* A star's entry in the program data: a workshop's, or a single agenda item's ("item:<guid>")
   * in the shape of a workshop's, with its own time as its one slot and its speakers. */
  function starred(data, key) {
    if (!key.startsWith("item:")) return data.workshops[key];
    const item = (data.items || {})[key];
    if (!item) return undefined;
    return {
      title: `${item.title} (${item.workshopTitle})`,
      url: item.url,
      calendar: item.calendar,
      cancelled: item.cancelled,
      organizers: item.speakers,
      group: item.workshop,
      slots: [{ start: item.start, end: item.end, room: "", roomUrl: "" }],
    };
  }

  WP.favourites = { stars, saveStars, showState, sync, loadProgram, starred };
  showState();
  sync();
  document.addEventListener("wp:content", (event) => showState((event.detail && event.detail.root) || document));
})();
