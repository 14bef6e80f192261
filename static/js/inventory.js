// Interview notes: question 8 is only asked when the reports are not already on hand.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("fieldset.q8").forEach((fieldset) => {
    const box = fieldset.querySelector("input[type=checkbox]");
    const questions = fieldset.querySelector(".q8-questions");
    if (!box || !questions) {
      return;
    }
    const update = () => questions.classList.toggle("d-none", box.checked);
    box.addEventListener("change", update);
    update();
  });

  // Notes typed in the last moment before the page closes are sent once more as it goes.
  const autosaved = document.querySelectorAll("form[data-autosave]");
  autosaved.forEach((form) => {
    form.addEventListener("input", () => {
      form.dataset.dirty = "1";
    });
    form.addEventListener("htmx:beforeRequest", () => {
      delete form.dataset.dirty;
    });
    form.addEventListener("submit", () => {
      delete form.dataset.dirty;
    });
  });
  window.addEventListener("pagehide", () => {
    autosaved.forEach((form) => {
      if (form.dataset.dirty && navigator.sendBeacon) {
        navigator.sendBeacon(form.dataset.autosave, new FormData(form));
        delete form.dataset.dirty;
      }
    });
  });

  // A table cell edited in place: the cursor goes to the field, and back to the cell's link.
  // After settling, not after swapping: htmx binds the new form only when it settles, and a
  // form submitted before that (Enter pressed at once) would leave the table for a full page.
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const cell = event.detail.target;
    if (!cell.closest || !cell.closest(".inventory-table")) {
      return;
    }
    const field = cell.querySelector("input:not([type=hidden]), textarea, select");
    const link = cell.querySelector("a.cell-edit");
    (field || link)?.focus();
  });
});
