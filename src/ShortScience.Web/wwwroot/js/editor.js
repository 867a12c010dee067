// Toolbar actions for the summary editor: edit the textarea's text around the selection, then tell
// Blazor (an 'input' event), so the bound value, preview and autosave follow.

export function wrap(textarea, before, after, placeholder) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const selected = value.slice(start, end) || placeholder;
  const text = before + selected + after;
  textarea.setRangeText(text, start, end, "end");
  // Leave the placeholder selected so typing replaces it.
  if (start === end) textarea.setSelectionRange(start + before.length, start + before.length + selected.length);
  changed(textarea);
}

export function prefixLines(textarea, prefix) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const lineStart = value.lastIndexOf("\n", start - 1) + 1;
  const block = value.slice(lineStart, end);
  const prefixed = block.split("\n").map((line, i) => (typeof prefix === "function" ? prefix(i) : prefix) + line).join("\n");
  textarea.setRangeText(prefixed, lineStart, end, "end");
  changed(textarea);
}

export function numberLines(textarea) {
  prefixLines(textarea, (i) => `${i + 1}. `);
}

function changed(textarea) {
  textarea.focus();
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

// Sending the text: Blazor sends the whole text to the server on every 'input' event, so typing into a long summary
// (or a browser inserting a pasted text line by line) would send it once per keystroke. The first input after a pause
// goes at once; the ones that follow within `interval` go as one, with the text as it is at the end. Whatever is
// pending goes before the textarea loses focus (a click on Publish or a toolbar button arrives after it) and when
// the page is hidden or left.
const interval = 200;

export function attach(textarea) {
  coalesceInput(textarea);
  attachFigures(textarea);
}

function coalesceInput(textarea) {
  if (textarea.dataset.coalesced === "on") return;
  textarea.dataset.coalesced = "on";
  let last = -Infinity, timer = 0, forwarding = false;
  const forward = () => {
    clearTimeout(timer);
    timer = 0;
    last = performance.now();
    forwarding = true;
    try {
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    } finally {
      forwarding = false;
    }
  };
  textarea.addEventListener("input", (e) => {
    if (forwarding) return;
    const now = performance.now();
    if (!timer && now - last >= interval) {
      last = now;
      return; // on its way to Blazor as it is
    }
    e.stopPropagation(); // Blazor listens further up; the forwarded event carries this change too
    if (!timer) timer = setTimeout(forward, Math.max(0, interval - (now - last)));
  });
  // The page-level listeners outlive the editor when Blazor navigates elsewhere in the same page: the first event
  // after the textarea has left the document removes them.
  const page = new AbortController();
  const flush = () => {
    if (!textarea.isConnected) {
      clearTimeout(timer);
      page.abort();
      return;
    }
    if (timer) forward();
  };
  textarea.addEventListener("blur", flush);
  window.addEventListener("pagehide", flush, { signal: page.signal });
  document.addEventListener("visibilitychange", () => {
    if (!textarea.isConnected || document.visibilityState === "hidden") flush();
  }, { signal: page.signal });
}

// This browser's copy of what is typed: the server saves a draft every few seconds, but text typed while the
// connection is down, or in the moments before the server restarts or the tab closes, never reaches it. Every change
// is kept in localStorage under the writer's name and the paper's key, until the text is published or discarded;
// the editor offers it back when it opens with something else (SummaryEditor). Copies older than keepDays go, and
// signing out forgets them all (site.js).
const typedPrefix = "shortscience:typed:";
const keepDays = 30;

export function typedName(user, paper) {
  return typedPrefix + encodeURIComponent(user) + ":" + encodeURIComponent(paper);
}

export function typed(user, paper) {
  forgetOldTyped();
  try {
    const entry = JSON.parse(localStorage.getItem(typedName(user, paper)) ?? "null");
    return entry && typeof entry.text === "string" && Number.isFinite(entry.at) ? { text: entry.text, at: new Date(entry.at).toISOString() } : null;
  } catch {
    return null; // storage refused (private mode, policy) or a damaged entry: nothing kept
  }
}

export function keepTyped(textarea, user, paper) {
  const name = typedName(user, paper);
  if (textarea.dataset.keptAs === name) return;
  textarea.dataset.keptAs = name;
  textarea.addEventListener("input", () => {
    try {
      localStorage.setItem(name, JSON.stringify({ text: textarea.value, at: Date.now() }));
    } catch {
      // Storage full or refused: the server's autosave still runs.
    }
  });
}

export function forgetTyped(user, paper) {
  try {
    localStorage.removeItem(typedName(user, paper));
  } catch {
    // Nothing kept.
  }
}

export function putBack(textarea, text) {
  textarea.value = text;
  changed(textarea);
}

function forgetOldTyped() {
  try {
    const oldest = Date.now() - keepDays * 24 * 3600 * 1000;
    for (const name of Object.keys(localStorage)) {
      if (!name.startsWith(typedPrefix)) continue;
      let at = 0;
      try {
        at = JSON.parse(localStorage.getItem(name)).at;
      } catch {
        // damaged: goes
      }
      if (!(at >= oldest)) localStorage.removeItem(name);
    }
  } catch {
    // Storage refused.
  }
}

// Figures: a button, drag-and-drop and paste upload images to the site (POST /api/v1/figures on this origin, with
// the visitor's session cookie and a header another site cannot send). The returned address goes into the text at
// the cursor as ![alt](url), so the preview shows the figure at once. The API checks every file; its refusals are
// shown as they come (problem details: a title and a detail).

const uploadHeader = "X-ShortScience-Upload";
const accepted = ["image/png", "image/jpeg", "image/gif", "image/webp"];

function attachFigures(textarea) {
  const editor = textarea.closest(".editor");
  if (!editor || editor.dataset.figures === "on") return;
  editor.dataset.figures = "on";
  const input = editor.querySelector("[data-figure-input]");
  const button = editor.querySelector("[data-figure-button]");
  const status = editor.querySelector("[data-figure-status]");

  button?.addEventListener("click", () => input?.click());
  input?.addEventListener("change", () => {
    for (const file of input.files) upload(textarea, status, file);
    input.value = "";
  });

  textarea.addEventListener("dragover", (e) => {
    if ([...(e.dataTransfer?.types ?? [])].includes("Files")) {
      e.preventDefault();
      textarea.classList.add("dropping");
    }
  });
  textarea.addEventListener("dragleave", () => textarea.classList.remove("dropping"));
  textarea.addEventListener("drop", (e) => {
    textarea.classList.remove("dropping");
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    for (const file of files) upload(textarea, status, file);
  });

  textarea.addEventListener("paste", (e) => {
    const data = e.clipboardData;
    if (!data) return;
    const files = [...data.items].filter((i) => i.kind === "file").map((i) => i.getAsFile()).filter(Boolean);
    if (files.length > 0) {
      e.preventDefault();
      for (const file of files) upload(textarea, status, file);
      return;
    }
    const text = data.getData("text/plain") + data.getData("text/html");
    if (/data:image\//i.test(text)) {
      e.preventDefault();
      say(status, "That paste holds an image written into the text (a data: address), which the site does not keep. " +
        "Save the image as a file and drop it here, paste the image itself, or use the Figure button.", true);
    }
  });
}

function say(status, message, error = false) {
  if (!status) return;
  status.textContent = message;
  status.classList.toggle("form-error", error);
}

function altFrom(file) {
  const name = (file.name || "").replace(/\.[a-z0-9]+$/i, "").replace(/[-_]+/g, " ").trim();
  return name && !/^image$/i.test(name) ? name : "";
}

function upload(textarea, status, file) {
  if (file.type && !accepted.includes(file.type)) {
    say(status, `${file.name || "This file"} is not a PNG, JPEG, GIF or WebP image.`, true);
    return;
  }
  // Where the figure goes: the cursor as it is now, even if the writer keeps typing while it uploads.
  const at = textarea.selectionEnd;
  const form = new FormData();
  form.append("file", file, file.name || "pasted.png");
  const request = new XMLHttpRequest();
  request.open("POST", "/api/v1/figures");
  request.setRequestHeader(uploadHeader, "1");
  request.responseType = "json";
  request.upload.addEventListener("progress", (e) => {
    if (e.lengthComputable) say(status, `Uploading ${file.name || "figure"}… ${Math.round((100 * e.loaded) / e.total)}%`);
  });
  request.addEventListener("load", () => {
    const body = request.response || {};
    if (request.status === 201 && body.url) {
      const asked = window.prompt("Describe the figure for readers who cannot see it (alt text):", altFrom(file));
      const alt = (asked ?? altFrom(file) ?? "").replace(/[\[\]\n]/g, " ").trim() || "Figure";
      insertAt(textarea, at, `![${alt}](${body.url})`);
      say(status, `Figure added (${body.width}×${body.height}).`);
    } else if (request.status === 401) {
      say(status, "Your session has ended: sign in again in another tab, then add the figure again.", true);
    } else {
      say(status, `The figure was not added: ${body.detail || body.title || `the server answered ${request.status}`}`, true);
    }
  });
  request.addEventListener("error", () => say(status, "The figure was not added: the server could not be reached.", true));
  say(status, `Uploading ${file.name || "figure"}…`);
  request.send(form);
}

function insertAt(textarea, at, markdown) {
  const position = Math.min(at, textarea.value.length);
  const before = textarea.value.slice(0, position);
  const text = (before && !before.endsWith("\n") ? "\n" : "") + markdown + "\n";
  textarea.setRangeText(text, position, position, "end");
  changed(textarea);
}
