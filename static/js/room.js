/* A room's sign as a screen by its door (?screen=1): the page refreshes itself every few
 * minutes (so a moved workshop shows up), a clock runs, and what runs now stays in view. */
(function () {
  "use strict";

  const sign = document.querySelector(".room-sign[data-screen]");
  if (!sign) return;
  const WP = window.WP;
  document.documentElement.classList.add("screen-mode");

  const clock = sign.querySelector("[data-clock]");
  function tick() {
    if (clock && WP) clock.textContent = WP.clock(WP.parts(new Date(), WP.zone()));
  }

  function showNow() {
    const current = sign.querySelector(".is-now") || sign.querySelector(".is-next");
    if (!current) return;
    const box = current.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) current.scrollIntoView({ block: "center" });
  }

  tick();
  showNow();
  window.setInterval(tick, 15000);
  document.addEventListener("wp:now", showNow);

  /* Reload only when the server answers, so that a screen never ends on an error page. */
  const seconds = Math.max(30, Number(sign.dataset.refresh) || 300);
  window.setInterval(() => {
    fetch(window.location.href, { method: "HEAD", cache: "no-store" })
      .then((response) => {
        if (response.ok) window.location.reload();
      })
      .catch(() => {
        /* offline: keep showing this copy, try again next time */
      });
  }, seconds * 1000);
})();
