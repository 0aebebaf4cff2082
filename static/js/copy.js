// Copy buttons: a button with data-copy puts that text on the clipboard. Without a script
// (or a clipboard) the buttons stay hidden; the text beside them can be selected by hand.
(() => {
  "use strict";
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        button.textContent = "Copied";
      } catch {
        button.textContent = "Copy refused: select the text";
      }
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
})();
