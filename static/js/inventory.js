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
});
