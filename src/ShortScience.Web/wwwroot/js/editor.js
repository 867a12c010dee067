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
