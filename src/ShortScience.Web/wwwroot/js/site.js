// Small enhancements for reading pages; every page works without this file.

// Count a read of a paper's summaries once per page view (including enhanced navigations),
// with a beacon so cached pages count too and leaving the page never waits for it.
function countView() {
  const paper = document.querySelector("[data-views-key]");
  const key = paper && paper.getAttribute("data-views-key");
  if (!key || sessionStorage.getItem("viewed:" + key)) return;
  sessionStorage.setItem("viewed:" + key, "1");
  navigator.sendBeacon("/api/v1/papers/" + encodeURIComponent(key) + "/views");
}

// A clamped abstract that fits in its four lines anyway needs no "more": hide the toggle until it would show something.
function markFittingAbstracts() {
  for (const text of document.querySelectorAll(".abstract .clamped")) {
    const section = text.closest(".abstract");
    if (section.querySelector(".more-toggle:checked")) continue;
    section.classList.toggle("fits", text.scrollHeight <= text.clientHeight + 1);
  }
}

// What a form sent, kept in this tab until the next form: a post the site refuses or fails to answer (a stale
// page, the service down) shows it back to copy (Components/Shared/SentBack.razor), so no answer is lost to it.
const sentKey = "shortscience:sent";
const sentFields = ["title", "markdown", "note"];

function keepSent(form) {
  if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
  const parts = sentFields.map((name) => form.elements.namedItem(name)).filter((field) => field && typeof field.value === "string")
    .map((field) => field.value.trim()).filter((text) => text.length > 0);
  try {
    if (parts.length > 0) sessionStorage.setItem(sentKey, JSON.stringify({ text: parts.join("\n\n"), at: Date.now() }));
    else sessionStorage.removeItem(sentKey);
  } catch {
    // Storage refused or full: the page still says nothing was saved.
  }
}

function showSent() {
  const box = document.querySelector("[data-sent-back]");
  if (!box) return;
  let sent = null;
  try {
    sent = JSON.parse(sessionStorage.getItem(sentKey) ?? "null");
  } catch {
    sent = null;
  }
  // Only what this tab sent in the last hour: the answer to the post arrives within seconds.
  if (!sent || typeof sent.text !== "string" || !(Date.now() - sent.at < 3600 * 1000)) return;
  box.querySelector("textarea").value = sent.text;
  box.hidden = false;
}

document.addEventListener("submit", (event) => {
  if (event.target instanceof HTMLFormElement) keepSent(event.target);
});

function onPage() {
  countView();
  markFittingAbstracts();
  showSent();
}

onPage();
window.addEventListener("resize", markFittingAbstracts);
if (window.Blazor && window.Blazor.addEventListener) {
  window.Blazor.addEventListener("enhancedload", onPage);
} else {
  document.addEventListener("DOMContentLoaded", () => {
    if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", onPage);
  });
}

// "Copy" buttons next to read-only fields (the private feed address); without script the field is still selectable.
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
  const field = button && document.querySelector(button.getAttribute("data-copy"));
  if (!field) return;
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    button.textContent = "Copied";
  } catch {
    // Clipboard refused (insecure origin, permissions): the text stays selected for Ctrl+C.
  }
});

// The editor's live session refreshed the sign-in tokens: the server hands over an opaque, encrypted renewal that
// this page posts back, so the cookie follows (the page never sees a token).
window.shortScienceRenewSession = (renewal) =>
  fetch("/account/session", { method: "POST", body: renewal, credentials: "same-origin", headers: { "Content-Type": "text/plain" } })
    .then((response) => response.ok);

// A .bib import runs while the browser waits for the answer to the form: the page says how far it has come, asking
// the site under a name it gives the import (the form works the same without this: the browser's own wait).
document.addEventListener("submit", (event) => {
  const form = event.target instanceof HTMLFormElement && event.target.hasAttribute("data-import-progress") ? event.target : null;
  const field = form && form.querySelector("input[name=progress]");
  const status = form && form.querySelector(".import-progress");
  if (!field || !status || event.defaultPrevented) return;
  const token = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  field.value = token;
  status.hidden = false;
  status.textContent = "Sending the file…";
  let stopped = false;
  window.addEventListener("pagehide", () => { stopped = true; }, { once: true });
  const ask = async () => {
    if (stopped) return;
    try {
      const response = await fetch("/add/progress/" + token, { credentials: "same-origin", cache: "no-store" });
      if (response.status === 200) {
        const progress = await response.json();
        status.textContent = progress.finished
          ? `All ${progress.total} entries read; preparing the report…`
          : `Imported ${progress.done} of ${progress.total} entries…`;
      }
    } catch {
      // The page is being replaced by the answer, or the network blinked: the next try or the answer will tell.
    }
    if (!stopped) setTimeout(ask, 400);
  };
  setTimeout(ask, 200);
});

// The editor keeps a copy of what a writer types in this browser (editor.js): signing out forgets every copy (the next
// person at a shared computer is not offered them), and discarding a draft forgets that paper's.
document.addEventListener("submit", (event) => {
  const form = event.target instanceof HTMLFormElement ? event.target : null;
  const action = form && form.getAttribute("action");
  const prefix = "shortscience:typed:";
  let ending = null;
  if (action === "/account/logout" || action === "/account/delete") ending = "";
  else if (action === "/actions/drafts/discard" && form.elements.key) ending = ":" + encodeURIComponent(form.elements.key.value);
  if (ending === null) return;
  try {
    for (const name of Object.keys(localStorage)) {
      if (name.startsWith(prefix) && name.endsWith(ending)) localStorage.removeItem(name);
    }
  } catch {
    // Storage refused: nothing was kept.
  }
});
