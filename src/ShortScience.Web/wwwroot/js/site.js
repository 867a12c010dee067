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

function onPage() {
  countView();
  markFittingAbstracts();
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
