// The schedule board in the admin (templates/admin/workshops/conference/board.html): the
// server draws the grid; this adds pointer dragging (mouse, touch, pen), resizing by the lower
// edge, the keyboard, and posts each drop. The server decides: a refused drop puts the card
// back and says why; a saved one reloads the board as the server draws it.
"use strict";

const STEP = 5; // minutes per grid row
const MESSAGE_KEY = "board-message";
const FOCUS_KEY = "board-focus";

function minutesOf(text) {
  const [hours, minutes] = text.split(":").map(Number);
  return hours * 60 + minutes;
}

function clockOf(minutes) {
  const day = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(day / 60)).padStart(2, "0")}:${String(day % 60).padStart(2, "0")}`;
}

function shortClock(minutes) {
  return clockOf(minutes).replace(/^0(\d)/, "$1");
}

function setupBoard(board) {
  const editable = board.dataset.editable === "true";
  const status = document.getElementById("board-status");
  const steps = Number(board.dataset.steps);
  const opens = minutesOf(board.dataset.opens);
  const newRows = Number(board.dataset.newMinutes) / STEP;
  const rooms = Array.from(board.querySelectorAll(".board-room"));
  const corner = board.querySelector(".board-corner");
  const layout = board.closest(".board-layout"); // the grid and the side list
  let suppressClick = false;

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("board-status--error", Boolean(isError));
  }

  const stored = sessionStorage.getItem(MESSAGE_KEY);
  if (stored) {
    sessionStorage.removeItem(MESSAGE_KEY);
    say(stored, false);
  }
  const focusId = sessionStorage.getItem(FOCUS_KEY);
  if (focusId) {
    sessionStorage.removeItem(FOCUS_KEY);
    const focused = document.getElementById(focusId);
    if (focused) {
      focused.focus();
    }
  }

  // A click on a card (not a drag) opens its workshop, as its title's link does.
  document.addEventListener(
    "click",
    (event) => {
      const card = event.target.closest(".board-card");
      if (!card) {
        return;
      }
      if (suppressClick) {
        event.preventDefault();
        event.stopPropagation();
        suppressClick = false;
        return;
      }
      if (!event.target.closest("a, button")) {
        window.location.assign(card.querySelector(".board-card__title").href);
      }
    },
    true,
  );
  if (!editable) {
    return;
  }

  function roomName(roomId) {
    const header = rooms.find((room) => room.dataset.room === roomId);
    return header ? header.firstChild.textContent.trim() : "every room";
  }

  function geometry() {
    const box = board.getBoundingClientRect();
    const top = box.top + corner.offsetHeight;
    return { top, step: (box.height - corner.offsetHeight) / steps };
  }

  function rowAt(y) {
    const { top, step } = geometry();
    return Math.floor((y - top) / step) + 1;
  }

  function roomAt(x) {
    const header = rooms.find((room) => {
      const box = room.getBoundingClientRect();
      return x >= box.left && x < box.right;
    });
    return header ? header.dataset.room : null;
  }

  function clamp(row, rows) {
    return Math.min(Math.max(row, 1), Math.max(1, steps - rows + 1));
  }

  // Where a card is drawn: its room and rows, as the server drew it or as moved (pending).
  function placed(card) {
    return {
      room: card.dataset.room,
      row: Number(card.dataset.row),
      rows: Number(card.dataset.rows),
    };
  }

  function draw(card, place) {
    if (place.room) {
      const column = rooms.findIndex((room) => room.dataset.room === place.room) + 2;
      card.style.gridColumn = String(column);
    }
    card.style.gridRow = `${place.row + 1} / span ${place.rows}`;
  }

  function describe(card, place) {
    const start = opens + (place.row - 1) * STEP;
    const title = card.querySelector(".board-card__title").textContent.trim();
    return `${title}: ${roomName(place.room)}, ${shortClock(start)}–${shortClock(start + place.rows * STEP)}`;
  }

  // A workshop from the side list stands in the grid as a copy while it is placed.
  function standIn(card) {
    const copy = card.cloneNode(true);
    copy.removeAttribute("id");
    copy.removeAttribute("tabindex");
    copy.setAttribute("aria-hidden", "true");
    copy.classList.remove("board-card--unscheduled");
    copy.classList.add("board-card--pending");
    board.appendChild(copy);
    return copy;
  }

  function post(card, place, resized) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", document.querySelector("input[name=csrfmiddlewaretoken]").value);
    body.append("day", board.dataset.day);
    if (place.room) {
      body.append("room", place.room);
    }
    const start = opens + (place.row - 1) * STEP;
    body.append("start", clockOf(start));
    if (card.dataset.slot && !place.another) {
      body.append("slot", card.dataset.slot);
      body.append("opened", card.dataset.opened);
      if (resized) {
        body.append("end", clockOf(start + place.rows * STEP));
      }
    } else {
      body.append("workshop", card.dataset.workshop);
      body.append("end", clockOf(start + place.rows * STEP));
      if (place.another) {
        body.append("another", "1");
      }
    }
    say(`Saving ${describe(card, place)}…`, false);
    return fetch(board.dataset.dropUrl, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => response.json().catch(() => ({ ok: false, error: `The server answered ${response.status}.` })))
      .then((answer) => {
        if (!answer.ok) {
          return answer.error || "The drop was refused.";
        }
        sessionStorage.setItem(MESSAGE_KEY, `Saved: ${describe(card, place)}.`);
        sessionStorage.setItem(FOCUS_KEY, `slot-${answer.slot}`);
        window.location.reload();
        return null;
      })
      .catch(() => "The board could not reach the server; nothing was saved.");
  }

  function refused(card, message, copy) {
    if (copy) {
      copy.remove();
    } else if (card.dataset.slot) {
      draw(card, placed(card));
    }
    card.classList.remove("board-card--pending", "board-card--dragging");
    card.style.transform = "";
    say(`Not saved: ${message}`, true);
  }

  function drop(card, place, resized, copy) {
    post(card, place, resized).then((message) => {
      if (message) {
        refused(card, message, copy);
      }
    });
  }

  // "+ slot": a further slot of the workshop, as long as this one, right after it.
  board.addEventListener("click", (event) => {
    const button = event.target.closest(".board-card__another");
    if (!button) {
      return;
    }
    const card = button.closest(".board-card");
    const place = placed(card);
    const copy = standIn(card);
    const next = { room: place.room, row: place.row + place.rows, rows: place.rows, another: true };
    draw(copy, next);
    drop(card, next, false, copy);
  });

  // The browser's own drag of a card's link or text would take the pointer away.
  layout.addEventListener("dragstart", (event) => {
    if (event.target.closest && event.target.closest(".board-card")) {
      event.preventDefault();
    }
  });

  // Pointer dragging: a move, a resize (the lower edge) or a workshop from the side list.
  layout.addEventListener("pointerdown", (event) => {
    const card = event.target.closest(".board-card[tabindex]");
    if (!card || event.button > 0 || event.target.closest("button")) {
      return;
    }
    const fromSide = !card.dataset.slot;
    const resizing = Boolean(event.target.closest(".board-card__resize"));
    const origin = placed(card);
    const grab = fromSide ? 0 : rowAt(event.clientY) - origin.row;
    const [x0, y0] = [event.clientX, event.clientY];
    let place = null;
    let copy = null;
    try {
      card.setPointerCapture(event.pointerId); // the card follows the pointer out of itself
    } catch {
      // a pointer the browser no longer tracks: the card's own events still arrive
    }

    function onMove(move) {
      if (!place && Math.hypot(move.clientX - x0, move.clientY - y0) < 5) {
        return;
      }
      move.preventDefault();
      card.classList.add("board-card--dragging");
      if (resizing) {
        const rows = Math.max(1, rowAt(move.clientY) - origin.row + 1);
        place = { ...origin, rows: Math.min(rows, steps - origin.row + 1) };
        draw(card, place);
      } else if (fromSide) {
        card.style.transform = `translate(${move.clientX - x0}px, ${move.clientY - y0}px)`;
        const room = roomAt(move.clientX);
        const row = rowAt(move.clientY);
        place = room && row >= 1 && row <= steps ? { room, row: clamp(row, newRows), rows: newRows } : { room: null };
      } else {
        const room = origin.room ? roomAt(move.clientX) || origin.room : origin.room;
        place = { room, row: clamp(rowAt(move.clientY) - grab, origin.rows), rows: origin.rows };
        draw(card, place);
      }
    }

    function onUp() {
      card.removeEventListener("pointermove", onMove);
      card.removeEventListener("pointerup", onUp);
      card.removeEventListener("pointercancel", onCancel);
      if (!place) {
        return; // a click: the click handler opens the workshop
      }
      suppressClick = true;
      window.setTimeout(() => {
        suppressClick = false;
      }, 0);
      if (fromSide) {
        card.style.transform = "";
        if (!place.room) {
          card.classList.remove("board-card--dragging");
          say("Drop a workshop on a room's column to schedule it.", true);
          return;
        }
        copy = standIn(card);
        draw(copy, place);
      }
      drop(card, place, resizing, copy);
    }

    function onCancel() {
      card.removeEventListener("pointermove", onMove);
      card.removeEventListener("pointerup", onUp);
      card.removeEventListener("pointercancel", onCancel);
      card.style.transform = "";
      card.classList.remove("board-card--dragging");
      if (!fromSide) {
        draw(card, origin);
      }
    }

    card.addEventListener("pointermove", onMove);
    card.addEventListener("pointerup", onUp);
    card.addEventListener("pointercancel", onCancel);
  });

  // The keyboard: arrows move a focused card by 5 minutes or a room, Enter saves, Escape
  // cancels. A workshop of the side list starts in the first room at the board's first row.
  const pending = new Map(); // card -> { place, copy }
  document.addEventListener("keydown", (event) => {
    const card = event.target;
    if (!(card instanceof HTMLElement) || !card.matches(".board-card[tabindex]")) {
      return;
    }
    const fromSide = !card.dataset.slot;
    const current = pending.get(card);
    const keys = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    if (event.key in keys) {
      event.preventDefault();
      let place = current ? current.place : placed(card);
      let copy = current ? current.copy : null;
      if (fromSide && !copy) {
        if (!rooms.length) {
          say("This conference has no rooms yet: add them on its page first.", true);
          return;
        }
        place = { room: rooms[0].dataset.room, row: 1, rows: newRows };
        copy = standIn(card);
      } else {
        const [across, down] = keys[event.key];
        const index = rooms.findIndex((room) => room.dataset.room === place.room);
        const room = place.room && rooms[index + across] ? rooms[index + across].dataset.room : place.room;
        place = { room, row: clamp(place.row + down, place.rows), rows: place.rows };
      }
      pending.set(card, { place, copy });
      card.classList.add("board-card--pending");
      draw(copy || card, place);
      say(`${describe(card, place)}, not saved yet: Enter to save, Escape to cancel.`, false);
    } else if (event.key === "Enter" && current) {
      event.preventDefault();
      pending.delete(card);
      drop(card, current.place, false, current.copy);
    } else if (event.key === "Escape" && current) {
      event.preventDefault();
      pending.delete(card);
      if (current.copy) {
        current.copy.remove();
      }
      card.classList.remove("board-card--pending");
      if (!fromSide) {
        draw(card, placed(card));
      }
      say("Cancelled: the card is back where it was.", false);
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const board = document.getElementById("board");
  if (board) {
    setupBoard(board);
  }
});
