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

  const RETRIES = 2;  // a failed fetch is tried again this many times, each on a fresh instance
  const RETRY_MS = 400;

  /* One Pagefind instance for the page (header search and Browse). Pagefind keeps the promise of
   * every fragment it fetched, a failed one included, so after a failure its instance is dropped
   * and a new one made (renewPagefind): asking the old one again would fail again. */
  let pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      const made = import(new URL("pagefind/pagefind.js", base).href).then(async (module) => {
        const pf = module.createInstance({ excerptLength: 26 });
        // A large site is indexed in shards (generator/site/search.py); search covers them all.
        const shards = await fetch(new URL("pagefind/shards.json", base))
          .then((r) => (r.ok ? r.json() : [])).catch(() => []);
        await Promise.all(shards.map((shard) => pf.mergeIndex(new URL(shard, base).href)));
        await pf.init();
        return pf;
      });
      made.catch(() => renewPagefind(made));
      pagefind = made;
    }
    return pagefind;
  }

  /* Drops the instance `stale` (a promise from loadPagefind) unless a newer one replaced it. */
  function renewPagefind(stale) {
    if (!stale || pagefind !== stale) return;
    pagefind = null;
    stale.then((pf) => pf.destroy()).catch(() => {});
  }

  const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

  /* task(pf, attempt) on the page's Pagefind instance; after a failure (a fragment or index chunk
   * that did not load), again on a new instance, up to RETRIES times while wanted() holds. */
  async function withPagefind(task, wanted = () => true) {
    for (let attempt = 0; ; attempt++) {
      const instance = loadPagefind();
      try {
        return await task(await instance, attempt);
      } catch (error) {
        renewPagefind(instance);
        if (attempt >= RETRIES || !wanted()) throw error;
        await sleep(RETRY_MS * (attempt + 1));
      }
    }
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
   * by " · ") says nothing to a reader; its summary does, with the searched words marked. */
  function snippet(data, query) {
    const fromTerms = (String(data.excerpt || "").match(/ · /g) || []).length >= 2;
    return fromTerms && data.meta && data.meta.summary ? marked(data.meta.summary, query)
      : excerptNodes(data.excerpt);
  }

  /* The words of `query` (two letters or more) as a pattern matching any of them, or null. */
  function wordPattern(query) {
    const words = String(query || "").split(/\s+/).filter((w) => w.length > 1)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return words.length ? new RegExp(`(${words.join("|")})`, "gi") : null;
  }

  /* text as nodes, the words of `query` in <mark>. */
  function marked(text, query) {
    const pattern = wordPattern(query);
    if (!pattern) return [text];
    return text.split(pattern).map((part, i) => (i % 2 ? el("mark", {}, part) : document.createTextNode(part)));
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
    const output = root.querySelector(".md-search-result");
    // Each input starts a query; only the newest one may write the results. The count and the
    // list are written together, from one query's settled results, and the output is aria-busy
    // (with data-query naming the query shown) until the whole list is in.
    let generation = 0;
    let enterPending = false;  // Enter pressed before the typed query's results arrived

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
    root.querySelector("form").addEventListener("reset", () => { run(""); input.focus(); });
    input.addEventListener("input", () => run(input.value.trim()));

    const countText = (n) => (n === 0 ? "No matching documents" : n === 1 ? "1 matching document"
      : `${n} matching documents`);

    function show(query, text, items, busy) {
      meta.replaceChildren(text);
      list.replaceChildren(...items);
      output.dataset.query = query;
      output.setAttribute("aria-busy", String(busy));
    }

    function settle(query) {
      output.setAttribute("aria-busy", "false");
      if (enterPending && output.dataset.query === query) {
        enterPending = false;
        list.querySelector("a")?.click();
      }
    }

    async function run(query) {
      const mine = ++generation;
      const current = () => mine === generation;
      enterPending = enterPending && Boolean(query);
      if (!query) { show("", initial, [], false); return; }
      output.setAttribute("aria-busy", "true");
      try {
        await withPagefind(async (pf, attempt) => {
          // A retry searches at once: the reader has stopped typing.
          const search = attempt === 0 ? await pf.debouncedSearch(query, {}, DEBOUNCE_MS)
            : await pf.search(query);
          if (!current()) return;  // a newer query superseded this one
          const found = search || await pf.search(query);
          const shown = found.results.slice(0, RESULTS_SHOWN);
          // The first few as soon as their fragments arrive, then the rest.
          const first = await Promise.all(shown.slice(0, RESULTS_FIRST).map((r) => r.data()));
          if (!current()) return;
          const more = shown.length > RESULTS_FIRST;
          show(query, countText(found.results.length), first.map((d) => resultItem(d, query)), more);
          if (more) {
            const rest = await Promise.all(shown.slice(RESULTS_FIRST).map((r) => r.data()));
            if (!current()) return;
            list.append(...rest.map((d) => resultItem(d, query)));
          }
          settle(query);
        }, current);
      } catch (error) {
        if (!current()) return;
        // Said, not hidden: a short list would look like all there is.
        const retry = el("button", { type: "button", class: "digest-search-retry" }, "Try again");
        retry.addEventListener("click", () => { input.focus(); run(input.value.trim()); });
        show(query, "", [], false);
        meta.replaceChildren("The results could not be loaded. ", retry);
        console.warn("digest search:", error);
      }
    }

    function resultItem(data, query) {
      const m = data.meta || {};
      const article = Boolean(m.summary);  // only article pages carry a summary
      const facts = [m.publication, m.date || article ? longDate(m.date) : null].filter(Boolean).join(" · ");
      const card = el("article", { class: "md-search-result__article md-typeset" },
        el("div", { class: "md-search-result__icon md-icon" }),
        el("h1", {}, m.title || data.url),
        facts ? el("p", { class: "digest-search-facts" }, facts) : null,
        el("p", {}, ...snippet(data, query)));
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
      } else if (event.key === "Enter" && document.activeElement === input) {
        event.preventDefault();
        // The first result of what was typed: if it is still on its way, once it arrives.
        const settled = output.getAttribute("aria-busy") !== "true"
          && output.dataset.query === input.value.trim();
        if (settled && links.length) { links[0].click(); } else if (!settled) { enterPending = true; }
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
      const loading = getJSON(folder, "index.json").then(async (index) => {
        const chunks = Math.ceil(index.total / index.chunk);
        const rows = (await Promise.all(Array.from({ length: chunks }, (_, n) => getJSON(folder, `rows/${n}.json`)))).flat();
        return new Map(rows.map((row) => [new URL(row[0], base).pathname, row]));
      });
      // After a failure the next results try again (getJSON keeps no failed fetch either).
      loading.catch(() => { if (facts === loading) facts = null; });
      facts = loading;
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
      const byPath = await loadFacts().catch(() => null);
      if (!byPath) return;  // the results stay without the facts line; the next ones try again
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
    const pattern = wordPattern(query);
    if (!pattern) return;
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
      const loading = fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
        return r.json();
      });
      // A failed fetch is forgotten, so that trying again fetches again.
      loading.catch(() => { if (cache.get(url) === loading) cache.delete(url); });
      cache.set(url, loading);
    }
    return cache.get(url);
  }

  function readState() {
    const params = new URL(location.href).searchParams;
    const state = { words: params.get("words") || "", from: params.get("from") || "",
                    to: params.get("to") || "", sort: params.get("sort") || "",
                    page: Math.max(1, Number(params.get("page")) || 1) };
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

    // Each change of the filter renders; a slower earlier render must not land over a newer one.
    let generation = 0;
    const render = async () => {
      const mine = ++generation;
      const current = () => mine === generation;
      const state = readState();
      fillForm(form, state);
      status.textContent = "Loading…";
      root.setAttribute("aria-busy", "true");
      try {
        const { total, rows, counts } = await query(index, folder, state, current);
        if (!current()) return;
        status.textContent = `${total} article${total === 1 ? "" : "s"} match${total === 1 ? "es" : ""}.`;
        list.replaceChildren(...rows.map(rowItem));
        showCounts(form, index, counts);
        renderPager(pager, state, total);
      } catch (error) {
        if (!current()) return;
        const retry = el("button", { type: "button", class: "md-button digest-browse__retry" }, "Try again");
        retry.addEventListener("click", render);
        status.replaceChildren(`Could not load the Browse data (${error.message}). `, retry);
        list.replaceChildren();
        pager.replaceChildren();
      }
      root.setAttribute("aria-busy", "false");
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
    form.append(field("Words", el("input", { type: "search", name: "words", placeholder: "Any words" })));
    for (const [facet, label] of FACETS) {
      const values = index.facets[facet] || [];
      const select = el("select", { name: facet },
        el("option", { value: "", "data-any": "" }, `Any ${label.toLowerCase()} (${index.total})`),
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

  /* The number beside each option of a facet is the number of articles the view would list if
   * that option were chosen, the rest of the filter unchanged: "Any company" counts the articles
   * matching the other filters, a company those of them that mention it. counts: facet ->
   * { any, byId: id -> n }, or null (for all facets, or one) where that is the whole site. */
  function showCounts(form, index, counts) {
    for (const [facet, label] of FACETS) {
      const select = form.elements[facet];
      const within = counts ? counts[facet] : null;
      const byId = new Map((index.facets[facet] || []).map((v) => [String(v.id), v]));
      for (const option of select.options) {
        if (option.hasAttribute("data-any")) {
          option.textContent = `Any ${label.toLowerCase()} (${within ? within.any : index.total})`;
          continue;
        }
        const entry = byId.get(option.dataset.id);
        if (!entry) continue;
        const n = within ? within.byId.get(entry.id) || 0 : entry.count;
        option.textContent = `${entry.label} (${n})`;
      }
    }
  }

  /* Articles per facet value among `positions`, from browse/values.json (fetched once a filter
   * is chosen; an unfiltered view shows the site-wide counts of index.json). */
  function tally(values, positions) {
    const counts = new Map();
    for (const p of positions) for (const id of values[p]) counts.set(id, (counts.get(id) || 0) + 1);
    return counts;
  }

  /* The state with no `facet` filter: the view "Any <facet>" gives. */
  const without = (state, facet) => ({ ...state, [facet]: "" });

  /* Counts for showCounts: for a facet with a chosen value, over the articles matching the rest of
   * the filter (positions: those matching all of it; words: see wordScores). */
  async function facetCounts(index, folder, state, words, positions) {
    const values = await getJSON(folder, "values.json");
    const shared = { any: positions.length, byId: tally(values, positions) };
    const counts = {};
    for (const [facet] of FACETS) {
      if (!state[facet]) { counts[facet] = shared; continue; }
      const others = await matching(index, folder, without(state, facet), words);
      counts[facet] = others === null ? null : { any: others.length, byId: tally(values, others) };
    }
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

  /* Positions (newest first) of the articles matching `state` and, if given, the words (a map
   * position -> score); null when that is every article. */
  async function matching(index, folder, state, words) {
    const { all, positions } = await filteredPositions(index, folder, state);
    if (!words) return all ? null : positions;
    return all ? [...words.keys()] : positions.filter((p) => words.has(p));
  }

  async function query(index, folder, state, wanted) {
    const start = (state.page - 1) * PAGE_SIZE;
    if (state.words && engine === "pagefind") return pagefindQuery(index, state, start, wanted);
    const words = state.words ? await wordScores(index, folder, state.words) : null;
    const positions = await matching(index, folder, state, words);
    const total = positions === null ? index.total : positions.length;
    let page;
    if (positions === null) {
      page = Array.from({ length: Math.max(0, Math.min(PAGE_SIZE, total - start)) }, (_, i) => start + i);
    } else {
      const order = words && state.sort === "relevance"
        ? [...positions].sort((a, b) => words.get(b) - words.get(a) || a - b) : positions;
      page = order.slice(start, start + PAGE_SIZE);
    }
    const [rows, counts] = await Promise.all([rowsAt(index, folder, page),
      positions === null ? null : facetCounts(index, folder, state, words, positions)]);
    return { total, rows: rows.map((row) => ({ row, query: state.words })), counts };
  }

  /* With lunr (small sites) a search term is matched against every row's title, outlet, author and
   * summary; the rows are all fetched, which is what lunr's own index would cost anyway.
   * Position -> score of the articles with every word, in position order. */
  async function wordScores(index, folder, q) {
    const chunks = Math.ceil(index.total / index.chunk);
    const all = (await Promise.all(Array.from({ length: chunks }, (_, n) => getJSON(folder, `rows/${n}.json`)))).flat();
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const scores = new Map();
    all.forEach(([, title, , publication, author, summary], p) => {
      const head = `${title} ${publication || ""} ${author || ""}`.toLowerCase();
      const body = (summary || "").toLowerCase();
      const hits = words.map((w) => (head.includes(w) ? 3 : 0) + (body.includes(w) ? 1 : 0));
      if (hits.every((h) => h > 0)) scores.set(p, hits.reduce((a, b) => a + b, 0));
    });
    return scores;
  }

  function pagefindOptions(index, state) {
    const filters = { kind: "article" };
    for (const [facet] of FACETS) if (state[facet]) filters[facet] = state[facet];
    if (monthSlices(index, state)) {
      filters.month = { any: index.months.filter(([m]) => m !== "undated"
        && (!state.from || m >= state.from) && (!state.to || m <= state.to)).map(([m]) => m) };
    }
    const options = { filters };
    if (state.sort !== "relevance") options.sort = { date: "desc" };
    return options;
  }

  /* Words under Pagefind: its results, and its counts per filter value (search.filters: facet ->
   * value -> n); for a facet with a chosen value, from the search without that filter. */
  function pagefindQuery(index, state, start, wanted) {
    return withPagefind(async (pf) => {
      // Pagefind counts only the filters whose data it has loaded, which a search loads for the
      // filters it uses; filters() loads them all, so that every facet gets its counts.
      await pf.filters();
      const search = await pf.search(state.words, pagefindOptions(index, state));
      const page = await Promise.all(search.results.slice(start, start + PAGE_SIZE).map((r) => r.data()));
      const counts = {};
      for (const [facet] of FACETS) {
        const found = state[facet] ? await pf.search(state.words, pagefindOptions(index, without(state, facet)))
          : search;
        const byValue = (found.filters || {})[facet] || {};
        counts[facet] = { any: found.results.length,
          byId: new Map((index.facets[facet] || []).map((v) => [v.id, byValue[v.key] || 0])) };
      }
      return {
        total: search.results.length,
        counts,
        rows: page.map((d) => ({ row: [d.url.replace(/^\//, ""), d.meta.title, d.meta.date, d.meta.publication,
          null, null], data: d, query: state.words })),
      };
    }, wanted);
  }

  function rowItem({ row, data, query: words }) {
    const [url, title, date, publication, author, summary] = row;
    const href = words ? withHighlight(url, words) : new URL(url, base).href;
    const facts = [publication, longDate(date), author].filter(Boolean).join(" · ");
    return el("li", { class: "digest-browse__item" },
      el("a", { href }, title || url),
      el("div", { class: "digest-browse__facts" }, facts),
      data ? el("p", {}, ...snippet(data, words)) : summary ? el("p", {}, ...marked(summary, words)) : null);
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
