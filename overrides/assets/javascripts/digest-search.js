/* The digest's search and Browse page, on top of Material for MkDocs.
 *
 * 1. Under Pagefind (digest.yml search.engine), the header's search box: the same overlay, results
 *    and keyboard shortcuts ("/", "s", "f", arrows, Enter, Escape) as Material's lunr search, and
 *    the matched words highlighted on the page a result opens (?highlight=).
 * 2. The Browse page: facets from static files (browse/index.json, one file per facet value, rows
 *    in chunks), the filter kept in the URL; a search term goes to the site's search engine.
 *
 * Text from articles is only ever set as textContent, never as HTML.
 */
(() => {
  "use strict";

  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const base = new URL(config.base || ".", location.href);
  const engine = document.querySelector('meta[name="digest-search"]')?.content || "lunr";
  const HIGHLIGHT = "highlight";
  const RESULTS_SHOWN = 20;
  const RESULTS_FIRST = 5;
  const PAGE_SIZE = 50;
  const DEBOUNCE_MS = 60;  // Pagefind waits 300 ms by default; the result should follow the last key

  let pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(async (pf) => {
        await pf.options({ excerptLength: 26 });
        // A large site is indexed in shards (generator/site/search.py); search covers them all.
        const shards = await fetch(new URL("pagefind/shards.json", base)).then((r) => (r.ok ? r.json() : []))
          .catch(() => []);
        await Promise.all(shards.map((shard) => pf.mergeIndex(new URL(shard, base).href)));
        pf.init();
        return pf;
      });
    }
    return pagefind;
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value !== undefined && value !== null) node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  /* An excerpt taken from an article's hidden search words (aliases, variants, authors, joined
   * by " · ") says nothing to a reader; its summary does. */
  function snippet(data) {
    const fromTerms = (String(data.excerpt || "").match(/ · /g) || []).length >= 2;
    return fromTerms && data.meta && data.meta.summary ? [data.meta.summary] : excerptNodes(data.excerpt);
  }

  /* Pagefind's excerpt escapes < and > and marks matches with <mark>: rebuilt as DOM nodes. */
  function excerptNodes(excerpt) {
    const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
    const nodes = [];
    String(excerpt || "").split(/(<mark>.*?<\/mark>)/).forEach((part) => {
      const marked = /^<mark>(.*)<\/mark>$/.exec(part);
      nodes.push(marked ? el("mark", {}, unescape(marked[1])) : document.createTextNode(unescape(part)));
    });
    return nodes;
  }

  function longDate(iso) {
    if (!iso) return "Undated";
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US",
      { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  }

  function withHighlight(url, query) {
    const target = new URL(url, base);
    target.searchParams.set(HIGHLIGHT, query);
    return target.href;
  }

  /* ---- 1. header search under Pagefind ------------------------------------------------------- */

  function setupHeaderSearch() {
    const root = document.querySelector('[data-digest-search="pagefind"]');
    if (!root) return;
    const toggle = document.getElementById("__search");
    const input = root.querySelector(".md-search__input");
    const meta = root.querySelector(".md-search-result__meta");
    const list = root.querySelector(".md-search-result__list");
    const initial = meta.textContent.trim();
    let latest = "";

    const open = () => { toggle.checked = true; loadPagefind(); };
    input.addEventListener("focus", open);
    // Pagefind's scripts, WebAssembly and shard metadata load before the reader types: when the
    // pointer or a finger reaches the box, or once the page is idle (about 0.1 MB per shard).
    // Not on the Browse page, whose filters need no search engine.
    for (const name of ["pointerenter", "touchstart"]) {
      root.addEventListener(name, () => loadPagefind(), { once: true, passive: true });
    }
    if (!document.getElementById("digest-browse")) {
      const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
      idle(() => loadPagefind(), { timeout: 2000 });
    }
    toggle.addEventListener("change", () => {
      if (toggle.checked) { input.focus(); } else { input.blur(); }
    });
    root.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
    root.querySelector("form").addEventListener("reset", () => {
      list.replaceChildren(); meta.textContent = initial; input.focus();
    });
    input.addEventListener("input", () => run(input.value.trim()));

    async function run(query) {
      latest = query;
      if (!query) { list.replaceChildren(); meta.textContent = initial; return; }
      const pf = await loadPagefind();
      const search = await pf.debouncedSearch(query, {}, DEBOUNCE_MS);
      if (search === null || query !== latest) return;  // a newer query is on its way
      const n = search.results.length;
      meta.textContent = n === 0 ? "No matching documents" : n === 1 ? "1 matching document"
        : `${n} matching documents`;
      // The first few as soon as their fragments arrive, then the rest.
      const first = await Promise.all(search.results.slice(0, RESULTS_FIRST).map((r) => r.data()));
      if (query !== latest) return;
      list.replaceChildren(...first.map((data) => resultItem(data, query)));
      const rest = await Promise.all(search.results.slice(RESULTS_FIRST, RESULTS_SHOWN).map((r) => r.data()));
      if (query !== latest) return;
      list.append(...rest.map((data) => resultItem(data, query)));
    }

    function resultItem(data, query) {
      const m = data.meta || {};
      const article = Boolean(m.summary);  // only article pages carry a summary
      const facts = [m.publication, m.date || article ? longDate(m.date) : null].filter(Boolean).join(" · ");
      const card = el("article", { class: "md-search-result__article md-typeset" },
        el("div", { class: "md-search-result__icon md-icon" }),
        el("h1", {}, m.title || data.url),
        facts ? el("p", { class: "digest-search-facts" }, facts) : null,
        el("p", {}, ...snippet(data)));
      return el("li", { class: "md-search-result__item" },
        el("a", { href: withHighlight(data.url.replace(/^\//, ""), query),
                  class: "md-search-result__link", tabindex: "-1" }, card));
    }

    document.addEventListener("keydown", (event) => {
      const inField = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
      if (!toggle.checked) {
        if (!inField && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f"].includes(event.key)) {
          event.preventDefault(); open(); input.focus(); input.select();
        }
        return;
      }
      const links = [...list.querySelectorAll("a")];
      const at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        toggle.checked = false; input.blur();
      } else if (event.key === "Enter" && document.activeElement === input && links.length) {
        event.preventDefault(); links[0].click();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!links.length) return;
        event.preventDefault();
        const next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
        (next < 0 ? input : links[next]).focus();
      }
    });
    root.addEventListener("click", (event) => {
      if (event.target.closest("a")) toggle.checked = false;
    });
  }

  /* Under lunr, Material's results show an article's title and tags; its publication and date come
   * from the Browse rows (a lunr site is small: a few chunks of rows, fetched on the first search). */
  let facts = null;
  function loadFacts() {
    if (!facts) {
      const folder = new URL("browse/", base);
      facts = getJSON(folder, "index.json").then(async (index) => {
        const chunks = Math.ceil(index.total / index.chunk);
        const rows = (await Promise.all(Array.from({ length: chunks }, (_, n) => getJSON(folder, `rows/${n}.json`)))).flat();
        return new Map(rows.map((row) => [new URL(row[0], base).pathname, row]));
      });
    }
    return facts;
  }

  function setupLunrFacts() {
    const list = document.querySelector('[data-md-component="search-result"] .md-search-result__list');
    if (!list) return;
    new MutationObserver(async () => {
      const heads = [...list.querySelectorAll("a.md-search-result__link > article > h1")]
        .filter((h1) => !h1.nextElementSibling?.classList.contains("digest-search-facts"));
      if (!heads.length) return;
      const byPath = await loadFacts();
      for (const h1 of heads) {
        const row = byPath.get(new URL(h1.closest("a").href).pathname);
        if (!row || h1.nextElementSibling?.classList.contains("digest-search-facts")) continue;
        h1.after(el("p", { class: "digest-search-facts" }, [row[3], longDate(row[2])].filter(Boolean).join(" · ")));
      }
    }).observe(list, { childList: true, subtree: true });
  }

  /* Marks the searched words in the article a Pagefind result opened. */
  function highlightTerms() {
    const query = new URL(location.href).searchParams.get(HIGHLIGHT);
    const content = document.querySelector("article.md-content__inner");
    if (!query || !content) return;
    const words = query.split(/\s+/).filter((w) => w.length > 1)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    if (!words.length) return;
    const pattern = new RegExp(`(${words.join("|")})`, "gi");
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest("[hidden], mark, script, style")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const parts = node.textContent.split(pattern);
      if (parts.length < 2) continue;
      node.replaceWith(...parts.map((part, i) => (i % 2 ? el("mark", { "data-digest-highlight": "" }, part)
        : document.createTextNode(part))));
    }
  }

  /* ---- 2. the Browse page ---------------------------------------------------------------------- */

  const FACETS = [["company", "Company"], ["topic", "Topic"], ["publication", "Publication"],
                  ["author", "Author"], ["story", "Story"]];
  const cache = new Map();
  function getJSON(folder, path) {
    const url = new URL(path, folder).href;
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
        return r.json();
      }));
    }
    return cache.get(url);
  }

  function readState() {
    const params = new URL(location.href).searchParams;
    const state = { q: params.get("q") || "", from: params.get("from") || "", to: params.get("to") || "",
                    sort: params.get("sort") || "", page: Math.max(1, Number(params.get("page")) || 1) };
    for (const [facet] of FACETS) state[facet] = params.get(facet) || "";
    return state;
  }

  function writeState(state) {
    const url = new URL(location.href);
    url.search = "";
    for (const [key, value] of Object.entries(state)) {
      if (value && !(key === "page" && value === 1)) url.searchParams.set(key, value);
    }
    history.pushState(null, "", url);
  }

  async function setupBrowse() {
    const root = document.getElementById("digest-browse");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    const folder = new URL(root.dataset.browse, base);
    const index = await getJSON(folder, "index.json");
    const form = buildForm(index);
    const status = el("p", { class: "digest-browse__status", "aria-live": "polite" });
    const list = el("ol", { class: "digest-browse__list" });
    const pager = el("nav", { class: "digest-browse__pager", "aria-label": "Result pages" });
    root.replaceChildren(form, status, list, pager);

    const render = async () => {
      const state = readState();
      fillForm(form, state);
      status.textContent = "Loading…";
      try {
        const { total, rows, counts } = await query(index, folder, state);
        status.textContent = `${total} article${total === 1 ? "" : "s"} match${total === 1 ? "es" : ""}.`;
        list.replaceChildren(...rows.map(rowItem));
        showCounts(form, index, counts);
        renderPager(pager, state, total);
      } catch (error) {
        status.textContent = `Could not load the Browse data: ${error.message}`;
      }
    };
    form.addEventListener("change", () => { writeState({ ...formState(form), page: 1 }); render(); });
    form.addEventListener("submit", (event) => {
      event.preventDefault(); writeState({ ...formState(form), page: 1 }); render();
    });
    form.addEventListener("reset", () => setTimeout(() => { writeState({}); render(); }));
    pager.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-page]");
      if (!button) return;
      writeState({ ...readState(), page: Number(button.dataset.page) }); render();
      root.scrollIntoView();
    });
    window.addEventListener("popstate", render);
    render();
  }

  function buildForm(index) {
    const form = el("form", { class: "digest-browse__form", role: "search", "aria-label": "Filter articles" });
    const field = (label, control) => el("label", { class: "digest-browse__field" },
      el("span", {}, label), control);
    form.append(field("Words", el("input", { type: "search", name: "q", placeholder: "Any words" })));
    for (const [facet, label] of FACETS) {
      const values = index.facets[facet] || [];
      const select = el("select", { name: facet },
        el("option", { value: "" }, `Any ${label.toLowerCase()} (${values.length})`),
        ...values.map((v) => el("option", { value: v.key, "data-id": String(v.id) }, `${v.label} (${v.count})`)));
      form.append(field(label, select));
    }
    const months = index.months.map((m) => m[0]).filter((m) => m !== "undated").sort();
    const monthSelect = (name, first) => el("select", { name },
      el("option", { value: "" }, first),
      ...months.map((m) => el("option", { value: m }, m)));
    form.append(field("From", monthSelect("from", "Earliest")), field("To", monthSelect("to", "Latest")));
    form.append(field("Sort", el("select", { name: "sort" },
      el("option", { value: "" }, "Newest first"), el("option", { value: "relevance" }, "Relevance"))));
    form.append(el("div", { class: "digest-browse__buttons" },
      el("button", { type: "submit", class: "md-button md-button--primary" }, "Apply"),
      el("button", { type: "reset", class: "md-button" }, "Clear")));
    return form;
  }

  /* The number beside each value: within the current filter (counts: id -> n), or site-wide. */
  function showCounts(form, index, counts) {
    for (const [facet] of FACETS) {
      const select = form.elements[facet];
      const byId = new Map((index.facets[facet] || []).map((v) => [String(v.id), v]));
      for (const option of select.options) {
        const entry = byId.get(option.dataset.id);
        if (!entry) continue;
        const n = counts ? counts.get(entry.id) || 0 : entry.count;
        option.textContent = `${entry.label} (${n})`;
      }
    }
  }

  /* Counts per facet value among the articles at `positions`, from browse/values.json (fetched
   * once a filter is chosen; an unfiltered view shows the site-wide counts of index.json). */
  async function countAt(folder, positions) {
    const values = await getJSON(folder, "values.json");
    const counts = new Map();
    for (const p of positions) for (const id of values[p]) counts.set(id, (counts.get(id) || 0) + 1);
    return counts;
  }

  function formState(form) {
    const data = new FormData(form);
    const state = {};
    for (const [key, value] of data.entries()) state[key] = String(value).trim();
    return state;
  }

  function fillForm(form, state) {
    for (const control of form.elements) {
      if (control.name && control.name in state) control.value = state[control.name] || "";
    }
  }

  /* Positions (newest first) of the articles in the chosen date range, as [first, end) slices. */
  function monthSlices(index, state) {
    if (!state.from && !state.to) return null;
    return index.months.filter(([month]) => month !== "undated"
      && (!state.from || month >= state.from) && (!state.to || month <= state.to))
      .map(([, first, count]) => [first, first + count]);
  }

  async function filteredPositions(index, folder, state) {
    let positions = null;
    for (const [facet] of FACETS) {
      if (!state[facet]) continue;
      const entry = (index.facets[facet] || []).find((v) => v.key === state[facet]);
      const members = entry ? await getJSON(folder, entry.file) : [];
      if (positions === null) { positions = members; continue; }
      const keep = new Set(members);
      positions = positions.filter((p) => keep.has(p));
    }
    const slices = monthSlices(index, state);
    if (positions === null && !slices) return { all: true, positions: null };
    if (positions === null) {
      positions = slices.flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i));
    } else if (slices) {
      positions = positions.filter((p) => slices.some(([a, b]) => p >= a && p < b));
    }
    return { all: false, positions };
  }

  async function rowsAt(index, folder, positions) {
    const chunks = await Promise.all([...new Set(positions.map((p) => Math.floor(p / index.chunk)))]
      .map(async (n) => [n, await getJSON(folder, `rows/${n}.json`)]));
    const byChunk = new Map(chunks);
    return positions.map((p) => byChunk.get(Math.floor(p / index.chunk))[p % index.chunk]);
  }

  async function query(index, folder, state) {
    const start = (state.page - 1) * PAGE_SIZE;
    if (state.q && engine === "pagefind") return pagefindQuery(index, state, start);
    const { all, positions } = await filteredPositions(index, folder, state);
    if (state.q) return wordQuery(index, folder, state, all ? null : positions, start);
    const total = all ? index.total : positions.length;
    const page = all ? Array.from({ length: Math.max(0, Math.min(PAGE_SIZE, total - start)) }, (_, i) => start + i)
      : positions.slice(start, start + PAGE_SIZE);
    const [rows, counts] = await Promise.all([rowsAt(index, folder, page),
      all ? null : countAt(folder, positions)]);
    return { total, rows: rows.map((row) => ({ row })), counts };
  }

  /* With lunr (small sites) a search term is matched against every row's title, outlet, author and
   * summary; the rows are all fetched, which is what lunr's own index would cost anyway. */
  async function wordQuery(index, folder, state, positions, start) {
    const chunks = Math.ceil(index.total / index.chunk);
    const all = (await Promise.all(Array.from({ length: chunks }, (_, n) => getJSON(folder, `rows/${n}.json`)))).flat();
    const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    const scored = (positions || all.map((_, i) => i)).map((p) => {
      const [, title, , publication, author, summary] = all[p];
      const head = `${title} ${publication || ""} ${author || ""}`.toLowerCase();
      const body = (summary || "").toLowerCase();
      const hits = words.map((w) => (head.includes(w) ? 3 : 0) + (body.includes(w) ? 1 : 0));
      return { p, score: hits.every((h) => h > 0) ? hits.reduce((a, b) => a + b, 0) : 0 };
    }).filter((x) => x.score > 0);
    if (state.sort === "relevance") scored.sort((a, b) => b.score - a.score || a.p - b.p);
    const counts = await countAt(folder, scored.map((x) => x.p));
    return { total: scored.length, rows: scored.slice(start, start + PAGE_SIZE).map((x) => ({ row: all[x.p] })),
      counts };
  }

  async function pagefindQuery(index, state, start) {
    const pf = await loadPagefind();
    const filters = { kind: "article" };
    for (const [facet] of FACETS) if (state[facet]) filters[facet] = state[facet];
    const slices = monthSlices(index, state);
    if (slices) {
      filters.month = { any: index.months.filter(([m]) => m !== "undated"
        && (!state.from || m >= state.from) && (!state.to || m <= state.to)).map(([m]) => m) };
    }
    const options = { filters };
    if (state.sort !== "relevance") options.sort = { date: "desc" };
    const search = await pf.search(state.q, options);
    const page = await Promise.all(search.results.slice(start, start + PAGE_SIZE).map((r) => r.data()));
    // Pagefind counts the results per filter value itself (search.filters: facet -> value -> n).
    const counts = new Map();
    for (const [facet] of FACETS) {
      const found = (search.filters || {})[facet] || {};
      for (const v of index.facets[facet] || []) counts.set(v.id, found[v.key] || 0);
    }
    return {
      total: search.results.length,
      counts,
      rows: page.map((d) => ({ row: [d.url.replace(/^\//, ""), d.meta.title, d.meta.date, d.meta.publication,
        null, null], data: d, query: state.q })),
    };
  }

  function rowItem({ row, data, query: words }) {
    const [url, title, date, publication, author, summary] = row;
    const href = words ? withHighlight(url, words) : new URL(url, base).href;
    const facts = [publication, longDate(date), author].filter(Boolean).join(" · ");
    return el("li", { class: "digest-browse__item" },
      el("a", { href }, title || url),
      el("div", { class: "digest-browse__facts" }, facts),
      data ? el("p", {}, ...snippet(data)) : summary ? el("p", {}, summary) : null);
  }

  function renderPager(pager, state, total) {
    const pages = Math.ceil(total / PAGE_SIZE);
    if (pages <= 1) { pager.replaceChildren(); return; }
    const button = (n, label) => el("button", { type: "button", class: "md-button", "data-page": String(n),
      "aria-current": n === state.page ? "page" : null }, label);
    pager.replaceChildren(...[
      state.page > 1 ? button(state.page - 1, "← Newer") : null,
      el("span", {}, ` Page ${state.page} of ${pages} `),
      state.page < pages ? button(state.page + 1, "Older →") : null,
    ].filter(Boolean));
  }

  /* ---- wiring: once, and after every instant navigation ---------------------------------------- */

  setupHeaderSearch();
  if (engine === "lunr") setupLunrFacts();
  const onPage = () => { highlightTerms(); setupBrowse(); };
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(onPage);
  } else {
    onPage();
  }
})();
