/* "My schedule": the starred workshops, drawn from the program data embedded in the page
 * (#program-data), with a warning where two overlap, a calendar file per workshop and for
 * all of them, the signed calendar feed and a QR code of a link that carries the stars to
 * another device. Opening such a link (?s=TOKEN) adds its workshops to this browser's stars. */
(function () {
  "use strict";

  const WP = window.WP;
  const root = document.querySelector("[data-my-schedule]");
  const data = document.getElementById("program-data");
  if (!WP || !WP.favourites || !root || !data) return;
  const program = JSON.parse(data.textContent);
  const list = root.querySelector("[data-my-list]");
  const share = root.querySelector("[data-my-share]");
  const listing = WP.tools.dataset.scope;

  root.querySelector("[data-my-nojs]").hidden = true;

  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
    }
    node.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
    return node;
  }

  if ("import" in root.dataset) {
    const incoming = root.dataset.import.split(/\s+/).filter(Boolean);
    const before = WP.favourites.stars();
    const added = incoming.filter((slug) => !before.includes(slug));
    WP.favourites.saveStars([...before, ...incoming]);
    const notice = root.querySelector("[data-my-imported]");
    notice.textContent = added.length
      ? `Added ${plural(added.length, "workshop")} from the link to your stars.`
      : "The workshops of this link were already among your stars.";
    notice.hidden = false;
    const shared = root.querySelector("[data-my-shared]");
    if (shared) shared.remove();
    window.history.replaceState(window.history.state, "", window.location.pathname);
    WP.favourites.sync();
  }

  function entries(stars) {
    const items = [];
    const missing = [];
    for (const slug of stars) {
      const workshop = WP.favourites.starred(program, slug);
      if (!workshop) {
        missing.push(slug);
        continue;
      }
      /* A starred talk and its own starred workshop are one plan, not an overlap. */
      const group = workshop.group || slug;
      if (!workshop.slots.length) items.push({ slug, group, workshop, slot: null });
      for (const slot of workshop.slots) {
        items.push({ slug, group, workshop, slot, start: new Date(slot.start), end: new Date(slot.end) });
      }
    }
    items.sort((a, b) => (a.slot ? a.start : Infinity) - (b.slot ? b.start : Infinity) || a.workshop.title.localeCompare(b.workshop.title));
    return { items, missing };
  }

  function overlaps(items) {
    const timed = items.filter((item) => item.slot && !item.workshop.cancelled);
    const pairs = [];
    timed.forEach((a, i) => {
      for (const b of timed.slice(i + 1)) {
        if (a.group !== b.group && a.start < b.end && b.start < a.end) pairs.push([a, b]);
      }
    });
    return pairs;
  }

  /* Overlapping slots grouped by their two workshops: a pair is counted and named once, with
     each stretch of time the two share. */
  function workshopPairs(pairs) {
    const byWorkshops = new Map();
    for (const [a, b] of pairs) {
      const [first, second] = a.slug < b.slug ? [a, b] : [b, a];
      const key = `${first.slug} ${second.slug}`;
      if (!byWorkshops.has(key)) byWorkshops.set(key, { a: first, b: second, spans: [] });
      byWorkshops.get(key).spans.push([new Date(Math.max(a.start, b.start)), new Date(Math.min(a.end, b.end))]);
    }
    const grouped = [...byWorkshops.values()];
    for (const pair of grouped) pair.spans.sort((x, y) => x[0] - y[0]);
    grouped.sort((x, y) => x.spans[0][0] - y.spans[0][0]);
    return grouped;
  }

  function span(start, end, withDay) {
    return element("span", { class: "when" }, ...WP.spanNodes(start, end, WP.venueZone, withDay));
  }

  /* The server's markup of the star and the badge (includes/), from <template>s of the page. */
  function fromTemplate(id) {
    const template = document.getElementById(id);
    return template.content.firstElementChild.cloneNode(true);
  }

  function starButton(slug, title) {
    const button = fromTemplate("star-button-template");
    button.dataset.star = slug;
    button.dataset.title = title;
    button.setAttribute("aria-label", `Star ${title}`);
    button.setAttribute("aria-pressed", "true");
    button.hidden = false;
    return button;
  }

  function itemNode(item, clashes) {
    const { workshop, slot } = item;
    const title = element(
      "p",
      { class: "my-item__title" },
      element("a", { href: workshop.url }, workshop.title),
      workshop.cancelled ? " " : "",
      workshop.cancelled ? fromTemplate("cancelled-badge-template") : "",
    );
    const when = slot
      ? element(
          "p",
          { class: "my-item__when", "data-start": slot.start, "data-end": slot.end },
          span(item.start, item.end, true),
          slot.room ? " · " : "",
          slot.room ? element("a", { href: slot.roomUrl }, slot.room) : "",
        )
      : element("p", { class: "my-item__when" }, "Time and room to be announced");
    const people = workshop.organizers.length
      ? element("p", { class: "my-item__people" }, workshop.organizers.join(" · "))
      : null;
    const clash = clashes.length
      ? element("p", { class: "my-item__clash" }, `Overlaps with ${clashes.map((other) => `“${other}”`).join(" and ")}`)
      : null;
    const actions = element(
      "p",
      { class: "my-item__actions" },
      slot ? element("a", { href: workshop.calendar, download: "" }, "Add to calendar (.ics)") : "",
      starButton(item.slug, workshop.title),
    );
    return element(
      "li",
      { class: `my-item${workshop.cancelled ? " is-cancelled" : ""}${clashes.length ? " is-clashing" : ""}` },
      title,
      when,
      people,
      clash,
      actions,
    );
  }

  let linkRequest = 0;
  function showShare(stars) {
    if (!stars.length) {
      share.hidden = true;
      return;
    }
    const url = new URL(WP.tools.dataset.linkUrl, window.location.href);
    for (const slug of stars) url.searchParams.append("w", slug);
    const request = ++linkRequest;
    fetch(url, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.status))))
      .then((links) => {
        if (request !== linkRequest) return;
        share.querySelector("[data-feed-download]").href = links.feed;
        share.querySelector("[data-feed-subscribe]").href = links.webcal;
        share.querySelector("[data-feed-url]").value = links.feed;
        share.querySelector("[data-my-qr]").src = links.qr;
        share.querySelector("[data-my-link]").href = links.my;
        share.querySelector("[data-share-offline]").hidden = true;
        for (const part of share.querySelectorAll(".my-share__actions, .my-share__field, .my-share__qr")) part.hidden = false;
        share.hidden = false;
      })
      .catch(() => {
        if (request !== linkRequest) return;
        for (const part of share.querySelectorAll(".my-share__actions, .my-share__field, .my-share__qr")) part.hidden = true;
        share.querySelector("[data-share-offline]").hidden = false;
        share.hidden = false;
      });
  }

  function render() {
    const hadFocus = list.contains(document.activeElement);
    const stars = WP.favourites.stars();
    const { items, missing } = entries(stars);
    const nodes = [];
    if (!stars.length) {
      nodes.push(
        element(
          "p",
          { class: "empty" },
          "You have not starred a workshop yet. Press the star next to a workshop in the ",
          element("a", { href: listing }, "list of workshops"),
          " or the ",
          element("a", { href: `${listing}schedule/` }, "schedule"),
          ", and it appears here.",
        ),
      );
    } else {
      const pairs = overlaps(items);
      const clashing = workshopPairs(pairs);
      const found = stars.filter((slug) => !missing.includes(slug));
      const talks = found.filter((slug) => slug.startsWith("item:")).length;
      const starred = [
        found.length > talks ? plural(found.length - talks, "starred workshop") : "",
        talks ? plural(talks, "starred talk") : "",
      ].filter(Boolean).join(" and ");
      const timedItems = items.filter((item) => item.slot).length;
      nodes.push(
        element(
          "p",
          { class: "count" },
          `${starred}${timedItems > found.length ? ` in ${timedItems} slots` : ""}${clashing.length ? `, ${plural(clashing.length, "overlapping pair")}` : ""}`,
        ),
      );
      if (pairs.length) {
        const warning = element(
          "div",
          { class: "notice notice--clash", role: "status" },
          element("p", { class: "notice__title" }, "Some of your workshops overlap:"),
        );
        const lines = element("ul");
        for (const { a, b, spans } of clashing) {
          const when = [];
          spans.forEach(([from, to], i) => {
            if (i) when.push(i === spans.length - 1 ? " and " : ", ");
            when.push(span(from, to, true));
          });
          lines.append(element("li", {}, `“${a.workshop.title}” and “${b.workshop.title}”, `, ...when));
        }
        warning.append(lines);
        nodes.push(warning);
      }
      const ordered = element("ol", { class: "my-list" });
      for (const item of items) {
        /* A workshop with two slots that both overlap this one is named once. */
        const clashes = new Set(
          pairs.filter(([a, b]) => a === item || b === item).map(([a, b]) => (a === item ? b : a).workshop.title),
        );
        ordered.append(itemNode(item, [...clashes]));
      }
      nodes.push(ordered);
      if (missing.length) {
        const forget = element("button", { type: "button", class: "btn btn--small" }, "Forget them");
        forget.addEventListener("click", () => WP.favourites.saveStars(stars.filter((slug) => !missing.includes(slug))));
        nodes.push(
          element(
            "p",
            { class: "note" },
            `${plural(missing.length, "starred workshop")} no longer in the program. `,
            forget,
          ),
        );
      }
    }
    list.replaceChildren(...nodes);
    list.hidden = false;
    if (hadFocus) {
      /* The button pressed went with its workshop: keep the keyboard in the list. */
      nodes[0].tabIndex = -1;
      nodes[0].focus();
    }
    WP.refresh(list);
    WP.favourites.showState(list);
    WP.markNow();
    showShare(stars);
  }

  render();
  document.addEventListener("wp:stars", render);
})();
