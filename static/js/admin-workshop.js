// The workshop's change page in the admin: new organizer rows take the next position, and
// pasted agenda lines, read by the server (the same reader as the importers), become agenda
// rows to check before saving.
"use strict";

function positionInputs() {
  return Array.from(
    document.querySelectorAll('#organizer_links-group input[name$="-position"]'),
  ).filter((input) => !input.name.includes("__prefix__"));
}

document.addEventListener("formset:added", (event) => {
  if (event.detail.formsetName !== "organizer_links") {
    return;
  }
  const row = event.target;
  const input = row.querySelector('input[name$="-position"]');
  const taken = positionInputs()
    .filter((other) => other !== input)
    .map((other) => Number.parseInt(other.value, 10))
    .filter((value) => !Number.isNaN(value));
  input.value = taken.length ? Math.max(...taken) + 1 : 0;
});

function addAgendaRow(prefix, row) {
  const group = document.getElementById(`${prefix}-group`);
  group.querySelector(".add-row a").click();
  const forms = group.querySelectorAll(`tr.form-row.dynamic-${prefix}`);
  const added = forms[forms.length - 1];
  for (const [field, value] of Object.entries(row)) {
    const input = added.querySelector(`[name$="-${field}"]`);
    if (input) {
      input.value = value;
    }
  }
}

function showErrors(list, errors) {
  list.replaceChildren(
    ...errors.map((message) => {
      const item = document.createElement("li");
      item.textContent = message;
      return item;
    }),
  );
  list.hidden = errors.length === 0;
}

async function fillAgenda(box) {
  const text = box.querySelector("textarea");
  const errors = box.querySelector(".errorlist");
  const body = new FormData();
  body.append("text", text.value);
  const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  const response = await fetch(box.dataset.url, {
    method: "POST",
    body,
    headers: { "X-CSRFToken": token },
    credentials: "same-origin",
  });
  const answer = await response.json();
  showErrors(errors, answer.errors);
  if (!response.ok) {
    return;
  }
  for (const row of answer.rows) {
    addAgendaRow(box.dataset.prefix, row);
  }
  text.value = "";
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector(".agenda-paste");
  if (!box) {
    return;
  }
  box.querySelector("#agenda-paste-fill").addEventListener("click", () => {
    fillAgenda(box).catch((error) => {
      showErrors(box.querySelector(".errorlist"), [`The agenda could not be read: ${error}`]);
    });
  });
});
