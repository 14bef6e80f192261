// Idle sessions (sel_planner/middleware.py): warn before the server ends a quiet session, let
// the person stay signed in, and keep text typed into a form in this tab's sessionStorage so
// that it can be restored on the same page after logging in again. The kept text is keyed by
// the person (the body's data-session-person) as well as the page: someone else signing in on
// the same computer is never offered it, and logging out clears it. No inline scripts (CSP).
(() => {
  const STORE_PREFIX = "sel-unsaved:";
  const DEADLINE_KEY = "sel-session-deadline";
  let storeKey = null; // set once the page says who is signed in
  const personPrefix = (person) => `${STORE_PREFIX}${person}:`;
  const NOT_KEPT = new Set(["password", "file", "submit", "button", "reset", "image"]);

  const main = () => document.getElementById("main");
  const pageForms = () =>
    main() ? [...main().querySelectorAll("form")].filter((f) => f.method.toLowerCase() === "post") : [];
  const fieldsOf = (form) =>
    [...form.elements].filter(
      (el) => el.name && el.name !== "csrfmiddlewaretoken" && !NOT_KEPT.has(el.type),
    );

  function isDirty(form) {
    return fieldsOf(form).some((el) => {
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      if (el.tagName === "SELECT") return [...el.options].some((o) => o.selected !== o.defaultSelected);
      if (el.type === "hidden") return false;
      return el.value !== el.defaultValue;
    });
  }

  // Drop the text kept for anyone but `person`; without one, all kept text.
  function forgetKeptText(person) {
    try {
      const keys = [];
      for (let i = 0; i < sessionStorage.length; i += 1) keys.push(sessionStorage.key(i));
      keys
        .filter((key) => key.startsWith(STORE_PREFIX))
        .filter((key) => !person || !key.startsWith(personPrefix(person)))
        .forEach((key) => sessionStorage.removeItem(key));
    } catch (error) {
      // Storage disabled: nothing was kept.
    }
  }

  function snapshot(form) {
    return fieldsOf(form).map((el) => {
      if (el.type === "checkbox" || el.type === "radio") {
        return { name: el.name, value: el.value, checked: el.checked };
      }
      if (el.tagName === "SELECT") {
        return { name: el.name, selected: [...el.selectedOptions].map((o) => o.value) };
      }
      return { name: el.name, value: el.value };
    });
  }

  // Keep every changed form of the page; the hidden version goes with it, so saving the kept
  // text over a record changed meanwhile shows the usual conflict page instead of overwriting.
  function keepUnsaved() {
    if (!storeKey) return;
    const kept = [];
    pageForms().forEach((form, index) => {
      if (isDirty(form)) {
        kept.push({ index, action: form.getAttribute("action") || "", fields: snapshot(form) });
      }
    });
    try {
      if (kept.length) sessionStorage.setItem(storeKey, JSON.stringify({ forms: kept }));
    } catch (error) {
      // Storage full or disabled: nothing more can be done in the browser.
    }
  }

  function restore(entry) {
    const forms = pageForms();
    entry.forms.forEach((kept) => {
      const form = forms[kept.index];
      if (!form || (form.getAttribute("action") || "") !== kept.action) return;
      const fields = fieldsOf(form);
      const seen = {};
      kept.fields.forEach((field) => {
        const named = fields.filter((el) => el.name === field.name);
        if ("checked" in field) {
          const box = named.find((el) => el.value === field.value);
          if (box) box.checked = field.checked;
          return;
        }
        seen[field.name] = (seen[field.name] ?? -1) + 1;
        const el = named[seen[field.name]];
        if (!el) return;
        if (field.selected) {
          [...el.options].forEach((o) => { o.selected = field.selected.includes(o.value); });
        } else {
          el.value = field.value;
        }
        el.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
  }

  function offerRestore() {
    let entry = null;
    try {
      entry = JSON.parse(sessionStorage.getItem(storeKey) || "null");
    } catch (error) {
      entry = null;
    }
    const notice = document.getElementById("session-restore");
    if (!entry || !notice) return;
    notice.hidden = false;
    notice.focus();
    notice.querySelector("[data-session-restore]").addEventListener("click", () => {
      restore(entry);
      sessionStorage.removeItem(storeKey);
      notice.hidden = true;
      const first = pageForms().find((f) => fieldsOf(f).some((el) => el.type !== "hidden"));
      const target = first && fieldsOf(first).find((el) => el.type !== "hidden");
      if (target) target.focus();
    });
    notice.querySelector("[data-session-discard]").addEventListener("click", () => {
      sessionStorage.removeItem(storeKey);
      notice.hidden = true;
      main().focus();
    });
  }

  function start() {
    const body = document.body;
    if (!body.dataset.sessionRemaining) return; // signed out: nothing to time or restore
    // Someone else's text, left when their session ended, is never offered to this person.
    const person = body.dataset.sessionPerson || "";
    forgetKeptText(person);
    storeKey = personPrefix(person) + window.location.pathname;
    const warningMs = Number(body.dataset.sessionWarning) * 1000;
    const warning = document.getElementById("session-warning");
    const ended = document.getElementById("session-ended");
    if (!warning || !ended) return; // a page with its own layout and no warning to show
    const countdown = warning.querySelector("[data-session-countdown]");
    let deadline = Date.now() + Number(body.dataset.sessionRemaining) * 1000;
    let timer = null;
    let returnFocus = null;
    let over = false;

    const setDeadline = (remainingSeconds) => {
      deadline = Date.now() + remainingSeconds * 1000;
      try {
        localStorage.setItem(DEADLINE_KEY, String(deadline));
      } catch (error) {
        // Other tabs simply will not hear of it.
      }
      schedule();
    };

    const showCountdown = () => {
      const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      const minutes = Math.floor(seconds / 60);
      countdown.textContent = `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
    };

    function hideWarning() {
      if (warning.hidden) return;
      warning.hidden = true;
      if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
      returnFocus = null;
    }

    function showWarning() {
      showCountdown();
      if (!warning.hidden) return;
      keepUnsaved();
      returnFocus = document.activeElement;
      warning.hidden = false;
      warning.querySelector("[data-session-stay]").focus();
    }

    function expire() {
      if (over) return;
      over = true;
      clearTimeout(timer);
      keepUnsaved();
      warning.hidden = true;
      const login = ended.querySelector("[data-session-login]");
      const next = window.location.pathname + window.location.search;
      login.href = `${login.getAttribute("href").split("?")[0]}?next=${encodeURIComponent(next)}`;
      ended.hidden = false;
      ended.focus();
    }

    // The page stops one second early, so the text is kept before the server forgets the session.
    function schedule() {
      if (over) return;
      clearTimeout(timer);
      const left = deadline - Date.now() - 1000;
      if (left <= 0) {
        expire();
      } else if (left <= warningMs) {
        showWarning();
        timer = setTimeout(schedule, Math.min(1000, left));
      } else {
        hideWarning();
        timer = setTimeout(schedule, left - warningMs);
      }
    }

    async function stay() {
      const headers = JSON.parse(body.getAttribute("hx-headers") || "{}");
      try {
        const response = await fetch(body.dataset.sessionKeepAlive, {
          method: "POST",
          headers: { "X-CSRFToken": headers["X-CSRFToken"] || "" },
          credentials: "same-origin",
        });
        if (!response.ok || response.redirected) throw new Error("signed out");
        setDeadline((await response.json()).remaining);
      } catch (error) {
        expire();
      }
    }

    warning.querySelector("[data-session-stay]").addEventListener("click", stay);
    warning.addEventListener("keydown", (event) => {
      if (event.key === "Escape") stay();
    });
    document.addEventListener("input", () => {
      if (!warning.hidden || over) keepUnsaved();
    });
    // A form sent after the session ended would be refused and its text lost: keep it instead.
    document.addEventListener(
      "submit",
      (event) => {
        if (event.target.hasAttribute("data-session-logout")) {
          forgetKeptText(null); // logging out on purpose: nothing is kept for the next person
          return;
        }
        if (Date.now() >= deadline - 1000) {
          event.preventDefault();
          expire();
        } else if (main() && main().contains(event.target)) {
          sessionStorage.removeItem(storeKey);
        }
      },
      true,
    );
    // Requests made by htmx renew the session on the server too.
    body.addEventListener("htmx:afterRequest", (event) => {
      const xhr = event.detail && event.detail.xhr;
      const left = xhr && xhr.getResponseHeader("X-Session-Remaining");
      if (left !== null && left !== undefined && left !== "") setDeadline(Number(left));
    });
    // Another tab of the same browser kept the session alive.
    window.addEventListener("storage", (event) => {
      if (event.key === DEADLINE_KEY && Number(event.newValue) > deadline) {
        deadline = Number(event.newValue);
        schedule();
      }
    });
    try {
      localStorage.setItem(DEADLINE_KEY, String(deadline));
    } catch (error) {
      // Ignored: see setDeadline.
    }
    offerRestore();
    schedule();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
