/* Instant filtering of the listing and the schedule: the same GET form, applied as one types,
 * without a reload; the address keeps the query string (history.replaceState), so a reload,
 * a bookmark or a shared link shows the same selection, filtered by the server.
 *
 * Each item matches as on the server (workshops/site/filters.py): the page embeds, per item, the
 * folded text the server searches and the [room, day] places it covers (#filter-index). A page
 * the server already narrowed lacks the other items: the unfiltered page is fetched once and
 * put in its place, then filtered here.
 */
(function () {
  "use strict";

  const form = document.querySelector("form.filters");
  let results = document.querySelector("[data-results]");
  if (!form || !results) return;
  const fields = { q: form.elements.q, room: form.elements.room, day: form.elements.day, topic: form.elements.topic };
  if (!fields.q || !fields.room || !fields.day) return;
  const NAMES = fields.topic ? ["q", "room", "day", "topic"] : ["q", "room", "day"];
  const kind = results.dataset.kind;
  let index = readIndex();
  let complete = !results.hasAttribute("data-filtered");
  let loading = null;

  /* {key: {t, w}}. The schedule's names each workshop's text once: {texts, items: {key: {x|t, w}}}. */
  function readIndex() {
    const data = results.querySelector("#filter-index");
    const parsed = data ? JSON.parse(data.textContent) : {};
    if (!parsed.items) return parsed;
    const index = {};
    for (const [key, entry] of Object.entries(parsed.items)) {
      index[key] = { t: entry.x === undefined ? entry.t : parsed.texts[entry.x], w: entry.w, p: entry.p };
    }
    return index;
  }

  /* As filters.fold: case- and accent-free ("Altınbüken" → "altinbuken"). */
  function fold(text) {
    return text
      .toLowerCase()
      .replace(/ı/g, "i")
      .replace(/ß/g, "ss")
      .normalize("NFKD")
      .replace(/\p{M}/gu, "");
  }

  function current() {
    return { q: fields.q.value.trim(), room: fields.room.value, day: fields.day.value, topic: fields.topic ? fields.topic.value : "" };
  }

  function matches(entry, filters, terms) {
    if (!entry) return true;
    if (terms.length && !terms.every((term) => entry.t.includes(term))) return false;
    /* A plenary item (no topics listed) stays, as on the server. */
    if (filters.topic && entry.p && !entry.p.includes(filters.topic)) return false;
    if (!filters.room && !filters.day) return true;
    return entry.w.some(([room, day]) => {
      return (!filters.day || day === filters.day) && (!filters.room || !room || room === filters.room);
    });
  }

  function plural(count, word) {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
  }

  function emptyNote(text) {
    let note = results.querySelector("[data-filter-empty]");
    if (!text) {
      if (note) note.hidden = true;
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "empty";
      note.dataset.filterEmpty = "";
      results.prepend(note);
    }
    const clear = document.createElement("a");
    clear.href = window.location.pathname;
    clear.textContent = "Clear filters";
    note.replaceChildren(`${text} `, clear);
    note.hidden = false;
  }

  function filterListing(filters, terms, active) {
    let shown = 0;
    const cards = results.querySelectorAll("article[data-key]");
    for (const card of cards) {
      const ok = matches(index[card.dataset.key], filters, terms);
      card.hidden = !ok;
      if (ok) shown += 1;
    }
    const total = Number(results.dataset.total || cards.length);
    let count = results.querySelector("p.count");
    if (!count) {
      count = document.createElement("p");
      count.className = "count";
      results.prepend(count);
    }
    count.setAttribute("role", "status");
    count.textContent = active ? `${shown} of ${plural(total, "workshop")}` : plural(shown, "workshop");
    for (const stale of results.querySelectorAll("p.empty:not([data-filter-empty])")) stale.hidden = true;
    emptyNote(shown ? "" : "No workshop matches these filters.");
  }

  /* Each cell's column in a table with rowspans and colspans. */
  function columns(table) {
    if (table.wpColumns) return table.wpColumns;
    const map = new Map();
    const taken = [];
    Array.from(table.rows).forEach((row, r) => {
      taken[r] = taken[r] || [];
      let c = 0;
      for (const cell of row.cells) {
        while (taken[r][c]) c += 1;
        map.set(cell, c);
        for (let dr = 0; dr < cell.rowSpan; dr += 1) {
          taken[r + dr] = taken[r + dr] || [];
          for (let dc = 0; dc < cell.colSpan; dc += 1) taken[r + dr][c + dc] = true;
        }
        if (!cell.dataset.colspan) cell.dataset.colspan = String(cell.colSpan);
        c += cell.colSpan;
      }
    });
    table.wpColumns = map;
    return map;
  }

  function filterGrid(table, filters, terms) {
    const rooms = Array.from(table.tHead ? table.tHead.rows[0].cells : []).map((th) => th.dataset.room || "");
    const map = columns(table);
    const visibleRooms = rooms.filter((room, c) => c > 0 && (!filters.room || room === filters.room)).length;
    let shown = 0;
    for (const [cell, column] of map) {
      const span = Number(cell.dataset.colspan);
      if (span > 1) {
        cell.colSpan = Math.max(1, visibleRooms);
      } else if (column > 0) {
        cell.hidden = Boolean(filters.room) && rooms[column] !== filters.room;
      }
      const item = cell.querySelector("[data-key]");
      if (item) {
        const ok = matches(index[item.dataset.key], filters, terms) && !cell.hidden;
        cell.classList.toggle("is-filtered-out", !ok);
        if (ok) shown += 1;
      }
    }
    for (const note of table.querySelectorAll(".grid__note[data-key]")) {
      note.hidden = !matches(index[note.dataset.key], filters, terms);
      if (!note.hidden) shown += 1;
    }
    return shown;
  }

  function filterSchedule(filters, terms) {
    let days = 0;
    for (const section of results.querySelectorAll("section.schedule-day")) {
      let shown = 0;
      for (const span of section.querySelectorAll(".schedule-list [data-key]")) {
        const item = span.closest("li");
        item.hidden = !matches(index[span.dataset.key], filters, terms);
        if (!item.hidden) shown += 1;
      }
      for (const table of section.querySelectorAll("table.grid")) filterGrid(table, filters, terms);
      section.hidden = shown === 0;
      const link = results.querySelector(`.day-nav a[href="#${section.id}"]`);
      if (link) link.closest("li").hidden = section.hidden;
      if (shown) days += 1;
    }
    const nav = results.querySelector(".day-nav");
    if (nav && !results.dataset.day) nav.hidden = days === 0; /* a day's page keeps its links */
    for (const stale of results.querySelectorAll("p.empty:not([data-filter-empty])")) stale.hidden = true;
    emptyNote(days ? "" : "Nothing in the schedule matches these filters.");
  }

  function syncAddress(filters) {
    const params = new URLSearchParams();
    for (const name of NAMES) if (filters[name]) params.set(name, filters[name]);
    const query = params.toString();
    window.history.replaceState(window.history.state, "", query ? `${window.location.pathname}?${query}` : window.location.pathname);
  }

  function clearLink(active) {
    const bar = form.closest(".filter-bar") || form.parentElement;
    let clear = bar.querySelector(".filters__clear");
    if (!active) {
      if (clear) clear.hidden = true;
      return;
    }
    if (!clear) {
      clear = document.createElement("p");
      clear.className = "filters__clear";
      const link = document.createElement("a");
      link.href = window.location.pathname;
      link.textContent = "Clear filters";
      clear.append(link);
      bar.append(clear);
    }
    clear.hidden = false;
  }

  /* `quiet`: show what the server showed, keeping its notes about bad values and the address. */
  function apply(quiet) {
    const filters = current();
    const active = Boolean(filters.q || filters.room || filters.day || filters.topic);
    const terms = fold(filters.q).split(/\s+/).filter(Boolean);
    if (!quiet) {
      for (const error of form.querySelectorAll(".invalid-feedback")) error.remove();
      for (const field of form.querySelectorAll(".is-invalid")) field.classList.remove("is-invalid");
    }
    if (kind === "listing") filterListing(filters, terms, active);
    else filterSchedule(filters, terms);
    clearLink(active || Boolean(quiet && form.querySelector(".invalid-feedback")));
    if (!quiet) syncAddress(filters);
    document.dispatchEvent(new CustomEvent("wp:filtered", { detail: { filters } }));
    if (window.WP) window.WP.markNow();
  }

  /* The whole program, when the server sent only the matching part. */
  function loadAll() {
    if (complete) return Promise.resolve(true);
    if (!loading) {
      /* A schedule page names its unfiltered self: /schedule/?day=… is that day's page. */
      const address = results.dataset.unfiltered || window.location.pathname;
      loading = fetch(address, { headers: { Accept: "text/html" } })
        .then((response) => (response.ok ? response.text() : Promise.reject(new Error(response.status))))
        .then((html) => {
          const fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-results]");
          if (!fresh) throw new Error("no results in the page");
          const adopted = document.importNode(fresh, true);
          results.replaceWith(adopted);
          results = adopted;
          index = readIndex();
          complete = true;
          document.dispatchEvent(new CustomEvent("wp:content", { detail: { root: results } }));
          return true;
        })
        .catch(() => {
          loading = null;
          return false;
        });
    }
    return loading;
  }

  /* A page of one day shows another day as that day's page, keeping the search and room. */
  function otherDayPage(filters) {
    if (kind !== "schedule" || !results.dataset.day || !filters.day || filters.day === results.dataset.day) return null;
    const link = results.querySelector(`.day-nav a[data-day="${filters.day}"]`);
    if (!link) return null;
    const address = new URL(link.href, window.location.href);
    address.search = "";
    for (const name of NAMES) if (name !== "day" && filters[name]) address.searchParams.set(name, filters[name]);
    return address.href;
  }

  let timer = 0;
  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const elsewhere = otherDayPage(current());
      if (elsewhere) {
        window.location.assign(elsewhere);
        return;
      }
      loadAll().then((ok) => {
        if (ok) apply();
        else form.submit(); /* no network: let the server (or the offline copy) answer */
      });
    }, delay);
  }

  function clearFilters(event) {
    event.preventDefault();
    fields.q.value = "";
    fields.room.value = "";
    fields.day.value = "";
    if (fields.topic) fields.topic.value = "";
    schedule(0);
  }

  form.classList.add("is-instant"); /* the button is for pages without JavaScript */
  form.addEventListener("input", () => schedule(150));
  form.addEventListener("change", () => schedule(0));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    schedule(0);
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest(".filters__clear a, [data-results] p.empty a")) clearFilters(event);
  });

  /* An offline copy of the unfiltered page opened for a filtered address: filter it here. */
  const asked = new URLSearchParams(window.location.search);
  const wantedState = {};
  for (const name of ["q", "room", "day", "topic"]) wantedState[name] = asked.get(name) || "";
  const shownState = current();
  const offline = document.documentElement.hasAttribute("data-offline-copy");
  if (offline && complete && NAMES.some((name) => wantedState[name] !== shownState[name])) {
    for (const name of NAMES) fields[name].value = wantedState[name];
    apply();
  }
  if (!complete) {
    /* The whole program in place at once, shown as the server filtered it: the first
     * keystroke is then instant. */
    loadAll().then((ok) => {
      if (ok) apply(true);
    });
  }
})();
