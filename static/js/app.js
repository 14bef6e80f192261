// Behaviour shared by every page; no inline scripts so the Content-Security-Policy stays strict.
document.addEventListener("DOMContentLoaded", () => {
  // Confirm before submitting forms that destroy or overwrite something.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
});
