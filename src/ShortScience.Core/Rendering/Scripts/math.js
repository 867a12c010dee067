// Runs in a bare V8 engine next to katex.min.js (and, once a formula needs it, the MathJax bundle).
// renderDocument takes every formula of one document, in order, so \newcommand and \def carry from one
// formula to the next within the document and never into another document.
"use strict";

// KaTeX reports through console in some configurations; bare V8 has none.
globalThis.console = globalThis.console || { log() {}, info() {}, warn() {}, error() {}, debug() {} };

// [name, body, number of arguments]: the site-wide macros every summary can use.
const SITE_MACROS = [
  ["R", "\\mathbb{R}", 0], ["N", "\\mathbb{N}", 0], ["Z", "\\mathbb{Z}", 0], ["Q", "\\mathbb{Q}", 0],
  ["C", "\\mathbb{C}", 0], ["E", "\\mathbb{E}", 0], ["P", "\\mathbb{P}", 0],
  ["Var", "\\operatorname{Var}", 0], ["Cov", "\\operatorname{Cov}", 0], ["KL", "\\operatorname{KL}", 0],
  ["argmin", "\\operatorname*{arg\\,min}", 0], ["argmax", "\\operatorname*{arg\\,max}", 0],
  ["tr", "\\operatorname{tr}", 0], ["diag", "\\operatorname{diag}", 0], ["sign", "\\operatorname{sign}", 0],
  ["softmax", "\\operatorname{softmax}", 0], ["indicator", "\\mathbb{1}", 0],
  ["norm", "\\left\\lVert #1 \\right\\rVert", 1], ["abs", "\\left\\lvert #1 \\right\\rvert", 1],
  ["inner", "\\left\\langle #1, #2 \\right\\rangle", 2],
];
const katexMacros = Object.fromEntries(SITE_MACROS.map(([name, body]) => ["\\" + name, body]));
const mathJaxMacros = Object.fromEntries(SITE_MACROS.map(([name, body, args]) => [name, args ? [body, args] : body]));

// \href and \url may link to http(s) addresses, the one link rule of the site (addresses without a scheme, such as
// www.example.org, pass here and are shown as text without a link afterwards); every other command that needs
// trust (\includegraphics, \htmlClass, \htmlStyle …) stays off. KaTeX shows a refused command as its bare name in red;
// the first refusal of a formula is kept here so that the formula fails with a reason instead.
const LINK_COMMANDS = new Set(["\\href", "\\url"]);
let refusal = null;

function trust(context) {
  if (LINK_COMMANDS.has(context.command) && ["http", "https", "_relative"].includes(context.protocol)) return true;
  if (refusal === null) refusal = refusalMessage(context);
  return false;
}

function refusalMessage(context) {
  if (LINK_COMMANDS.has(context.command)) return context.command + " links only to http:// or https:// addresses";
  if (context.command === "\\includegraphics") {
    return "\\includegraphics is not allowed in a formula; add the image outside it (Markdown ![alt](address) or the editor's figure button)";
  }
  return context.command + " is not allowed in a formula";
}

const KATEX_OPTIONS = {
  throwOnError: true, trust, output: "htmlAndMathml", strict: "ignore",
  maxSize: 50, maxExpand: 1000, globalGroup: true,
};

// Finds the end of a balanced {...} group starting at i (tex[i] === "{"), or -1.
function groupEnd(tex, i) {
  let depth = 0;
  for (; i < tex.length; i++) {
    const c = tex[i];
    if (c === "\\") { i++; continue; }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

const DEFINITION = /\\(?:(?:re|provide|new)command\*?|(?:global\s*)?\\?[gex]?def|let)(?![A-Za-z])/g;

// The definitions (\newcommand, \def, \let …) in a formula, as source text, and whether the formula is
// nothing but definitions (such a formula renders to nothing rather than to an empty display).
function scanDefinitions(tex) {
  const found = [];
  let rest = "", last = 0, match;
  DEFINITION.lastIndex = 0;
  while ((match = DEFINITION.exec(tex)) !== null) {
    let i = match.index + match[0].length;
    if (match[0].startsWith("\\let")) {
      const m = /^\s*\\[A-Za-z]+\s*=?\s*(?:\\[A-Za-z]+|\S)/.exec(tex.slice(i));
      if (!m) continue;
      i += m[0].length;
    } else {
      // Up to the body: a name (braced after \newcommand), parameters or optional arguments, then one group.
      let from = i;
      if (/command/.test(match[0]) && /^\s*\{/.test(tex.slice(i))) from = groupEnd(tex, tex.indexOf("{", i));
      const open = from < 0 ? -1 : tex.indexOf("{", from);
      if (open < 0) continue;
      const end = groupEnd(tex, open);
      if (end < 0) continue;
      i = end;
    }
    found.push(tex.slice(match.index, i));
    rest += tex.slice(last, match.index);
    last = i;
    DEFINITION.lastIndex = i;
  }
  rest += tex.slice(last);
  return { definitions: found.join(""), onlyDefinitions: found.length > 0 && rest.trim() === "" };
}

// \newcommand of a name this document or the site already defines becomes \renewcommand, so a summary
// that defines \KL itself (as ShortScience summaries often do) works next to the site's \KL.
function allowRedefinition(tex, macros) {
  return tex.replace(/\\newcommand(\*?\s*\{?\s*)\\([A-Za-z]+)/g,
    (all, between, name) => Object.prototype.hasOwnProperty.call(macros, "\\" + name) ? "\\renewcommand" + between + "\\" + name : all);
}

function katexMessage(error) {
  if (error && typeof error.rawMessage === "string") {
    return error.position === undefined ? error.rawMessage : error.rawMessage + " (at position " + error.position + ")";
  }
  return plainMessage(error);
}

// V8's words for a formula nested past the engine's stack ("Maximum call stack size exceeded") mean nothing to a
// writer: say what is wrong with the formula instead.
function plainMessage(error) {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return "the formula is nested too deeply to render (groups, fractions or environments inside one another); flatten it";
  }
  return String(error && error.message || error);
}

// items: [[tex, display], …] → [{k: "katex"|"definitions"|"failed"|"refused", h?: html, e?: message, p?: definitions so far}]
// ("refused": a command the site does not allow; no other engine should try it.)
function renderDocument(json) {
  const items = JSON.parse(json);
  const macros = Object.assign({}, katexMacros);
  let definitions = "";
  const results = [];
  for (const [tex, display] of items) {
    const scanned = scanDefinitions(tex);
    refusal = null;
    try {
      const html = katex.renderToString(allowRedefinition(tex, macros), Object.assign({ displayMode: display, macros }, KATEX_OPTIONS));
      if (refusal !== null) results.push({ k: "refused", e: refusal });
      else results.push(scanned.onlyDefinitions ? { k: "definitions" } : { k: "katex", h: html });
    } catch (error) {
      results.push({ k: "failed", e: katexMessage(error), p: definitions });
    }
    definitions += scanned.definitions;
  }
  return JSON.stringify(results);
}

// items: [[tex, display, definitions], …] → [{h?: mathml, e?: message}]; needs the MathJax bundle loaded.
function renderWithMathJax(json) {
  const results = [];
  for (const [tex, display, definitions] of JSON.parse(json)) {
    try {
      const mathml = shortScienceMathJax.toMathML(definitions + tex, display, mathJaxMacros);
      results.push({ h: mathml.replace(/>\s+</g, "><") });
    } catch (error) {
      results.push({ e: plainMessage(error) });
    }
  }
  return JSON.stringify(results);
}
