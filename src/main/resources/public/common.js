// blockwatch dashboard: the small helpers every section of the page uses (app.js, owners.js, timetravel.js).
window.blockwatch = (function () {
  'use strict';
  const UNITS = ['', ' k', ' M', ' G', ' T', ' P', ' E'];

  /** Numbers for people: 14.7 M, 65.5 k; counts may arrive as strings (IPv6, beyond 2^53). */
  function human(n) {
    const v = Number(n);
    if (!isFinite(v)) return String(n);
    if (Math.abs(v) < 10000) return v.toLocaleString('en-US');
    let x = v, u = 0;
    while (Math.abs(x) >= 1000 && u < UNITS.length - 1) { x /= 1000; u++; }
    if (Math.abs(x) >= 1000) return v.toExponential(2);
    return x.toFixed(1).replace(/\.0$/, '') + UNITS[u];
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  async function getJson(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({ error: 'HTTP ' + r.status }));
    if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
    return body;
  }
  return {
    $: (id) => document.getElementById(id),
    human,
    el,
    getJson,
    nf: (n) => Number(n).toLocaleString('en-US'),
    day: (iso) => iso ? iso.slice(0, 10) : '',
    minute: (iso) => iso ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : '',
  };
})();
