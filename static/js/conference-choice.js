/* An admin add form whose times and rooms follow its conference (VenueTimeMixin): choosing
 * another conference reloads the form with ?conference=, so the time-zone note and the room
 * choices are that conference's. Change forms keep their conference's zone and are left alone.
 */
(function () {
  "use strict";

  if (!/\/add\/$/.test(window.location.pathname)) return;

  function follow() {
    const field = document.getElementById("id_conference");
    if (!field) return;
    field.addEventListener("change", function () {
      const url = new URL(window.location.href);
      if (field.value) url.searchParams.set("conference", field.value);
      else url.searchParams.delete("conference");
      window.location.assign(url.toString());
    });
  }

  // The admin loads a form's media in <head>, before the form exists.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow);
  else follow();
})();
