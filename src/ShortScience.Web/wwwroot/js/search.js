// Search-as-you-type: fills the <datalist> of every search box marked data-suggest with titles and authors from
// /api/v1/search/suggest. Picking a suggestion opens that paper or author; without this script the box is a plain form.
(() => {
  const urls = new Map();
  let timer = 0;
  let controller = null;

  async function suggest(input) {
    const list = document.getElementById(input.getAttribute('list'));
    const q = input.value.trim();
    if (!list) return;
    if (q.length < 3) { list.replaceChildren(); return; }
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/api/v1/search/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal });
      if (!response.ok) return;
      const items = await response.json();
      list.replaceChildren(...items.map(item => {
        const option = document.createElement('option');
        option.value = item.text;
        option.label = item.kind === 'author' ? 'Author' : 'Paper';
        urls.set(item.text, item.url);
        return option;
      }));
    } catch (error) {
      if (error.name !== 'AbortError') throw error;
    }
  }

  document.addEventListener('input', event => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute('data-suggest')) return;
    // Choosing an option from the list replaces the text in one step: go straight there.
    if (event.inputType === 'insertReplacementText' || event.inputType === undefined) {
      const url = urls.get(input.value);
      if (url) { window.location.assign(url); return; }
    }
    clearTimeout(timer);
    timer = setTimeout(() => suggest(input), 150);
  });
})();
