/* Under lunr, Material's bundle requests search/search_index.json as soon as a page loads (the
 * whole index: 10 MB at 1,000 articles). This script, loaded before the bundle, holds that request
 * back until the reader reaches for search: the pointer on the search box, focus in it, the search
 * toggle (phones), or one of the keys that open it ("/", "s", "f"), or a page opened from a
 * search result (?h=, whose words Material highlights with the index's settings).
 */
(() => {
  "use strict";
  const INDEX = /\/search\/search_index\.json$/;
  let release;
  const wanted = new Promise((resolve) => { release = resolve; });
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.digestDeferred = INDEX.test(new URL(String(url), location.href).pathname);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.digestDeferred) return send.apply(this, args);
    wanted.then(() => send.apply(this, args));
    return undefined;
  };
  if (new URL(location.href).searchParams.has("h")) release();
  const inSearch = (target) => Boolean(target && target.closest && target.closest(".md-search"));
  document.addEventListener("pointerover", (event) => { if (inSearch(event.target)) release(); },
    { passive: true });
  document.addEventListener("focusin", (event) => { if (inSearch(event.target)) release(); });
  document.addEventListener("change", (event) => {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  });
  document.addEventListener("keydown", (event) => {
    if (["/", "s", "f"].includes(event.key)) release();
  }, { capture: true });
})();
