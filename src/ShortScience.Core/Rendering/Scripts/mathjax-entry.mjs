// Bundled by esbuild at `npm ci` time (package.json "postinstall") into node_modules/.shortscience/mathjax.js:
// MathJax's TeX input and its lite DOM adaptor as one script for a bare V8 engine (no DOM, no require).
// Only TeX → MathML is used; the server inserts the MathML, so no MathJax fonts or CSS reach the browser.
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { SerializedMmlVisitor } from 'mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js';
import { STATE } from 'mathjax-full/js/core/MathItem.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/amscd/AmsCdConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import 'mathjax-full/js/input/tex/braket/BraketConfiguration.js';
import 'mathjax-full/js/input/tex/cancel/CancelConfiguration.js';
import 'mathjax-full/js/input/tex/cases/CasesConfiguration.js';
import 'mathjax-full/js/input/tex/centernot/CenternotConfiguration.js';
import 'mathjax-full/js/input/tex/color/ColorConfiguration.js';
import 'mathjax-full/js/input/tex/configmacros/ConfigMacrosConfiguration.js';
import 'mathjax-full/js/input/tex/empheq/EmpheqConfiguration.js';
import 'mathjax-full/js/input/tex/extpfeil/ExtpfeilConfiguration.js';
import 'mathjax-full/js/input/tex/gensymb/GensymbConfiguration.js';
import 'mathjax-full/js/input/tex/mathtools/MathtoolsConfiguration.js';
import 'mathjax-full/js/input/tex/mhchem/MhchemConfiguration.js';
import 'mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js';
import 'mathjax-full/js/input/tex/physics/PhysicsConfiguration.js';
import 'mathjax-full/js/input/tex/tagformat/TagFormatConfiguration.js';
import 'mathjax-full/js/input/tex/textcomp/TextcompConfiguration.js';
import 'mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js';
import 'mathjax-full/js/input/tex/upgreek/UpgreekConfiguration.js';
import 'mathjax-full/js/input/tex/verb/VerbConfiguration.js';

// Left out on purpose: html (\href, \class, \style, \cssId), enclose and bbox (arbitrary attributes or
// styles), require and autoload (loading code), noerrors/noundefined (they hide the errors we fall back on).
const packages = ['base', 'ams', 'amscd', 'boldsymbol', 'braket', 'cancel', 'cases', 'centernot', 'color',
  'configmacros', 'empheq', 'extpfeil', 'gensymb', 'mathtools', 'mhchem', 'newcommand', 'physics',
  'tagformat', 'textcomp', 'textmacros', 'upgreek', 'verb'];

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const visitor = new SerializedMmlVisitor();

// A fresh input jax per formula: \newcommand definitions in MathJax are global to the jax, and one
// document's definitions must not leak into the next. The caller replays the document's definitions.
function toMathML(tex, display, macros) {
  const input = new TeX({
    packages, macros, maxMacros: 1000, maxBuffer: 5 * 1024,
    formatError: (jax, error) => { throw error; },
  });
  const document = mathjax.document('', { InputJax: input });
  const node = document.convert(tex, { display, end: STATE.CONVERT });
  return visitor.visitTree(node, document);
}

globalThis.shortScienceMathJax = { toMathML };
