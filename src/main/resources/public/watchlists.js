// blockwatch dashboard, watchlists section: each watchlist ('blockwatch watch add') with how many of its
// addresses are blocked now, from /api/watchlists; a click shows the blocked ranges and their decisions
// (/api/watchlists/{name}). Hidden while there is no watchlist.
(function () {
  'use strict';
  const { $, human, el, getJson } = window.blockwatch;
  let open = null;

  function row(w) {
    const tr = el('tr');
    tr.dataset.name = w.name;
    const name = el('td');
    const link = el('a', '', w.name);
    link.href = '#watchlist-' + encodeURIComponent(w.name);
    link.addEventListener('click', (ev) => { ev.preventDefault(); show(w.name); });
    name.appendChild(link);
    tr.appendChild(name);
    tr.appendChild(el('td', 'num', human(w.watchedAddresses)));
    tr.appendChild(el('td', 'num' + (Number(w.blockedAddresses) > 0 ? ' blocked' : ''), human(w.blockedAddresses)));
    return tr;
  }

  async function show(name) {
    open = name;
    const box = $('watchlist-detail');
    try {
      const w = await getJson('/api/watchlists/' + encodeURIComponent(name));
      box.replaceChildren(el('p', 'hint', w.name + ': ' + human(w.blocked.addresses) + ' of '
        + human(Number(w.watchedIpv4) + Number(w.watchedIpv6)) + ' watched addresses blocked in ' + w.blocked.rangeCount + ' ranges'));
      const list = el('ul', 'watch-ranges');
      for (const r of w.blocked.ranges.slice(0, 20)) {
        const d = r.decisions[0];
        list.appendChild(el('li', '', r.cidr + ' — ' + human(r.watchedAddresses) + ' watched'
          + (d ? ' — ' + (d.org + ' ' + d.number).trim() : '')));
      }
      box.appendChild(list);
    } catch (e) {
      box.replaceChildren(el('p', 'hint', String(e.message)));
    }
  }

  async function refresh() {
    try {
      const page = await getJson('/api/watchlists');
      $('watchlists-section').hidden = page.watchlists.length === 0;
      const body = $('watchlists');
      body.replaceChildren();
      const head = el('tr', 'head');
      ['watchlist', 'watched', 'blocked now'].forEach((h) => head.appendChild(el('th', '', h)));
      body.appendChild(head);
      page.watchlists.forEach((w) => body.appendChild(row(w)));
      if (open && page.watchlists.some((w) => w.name === open)) show(open);
    } catch (e) { /* the table may still be restoring; the next refresh will tell */ }
  }

  refresh();
  setInterval(refresh, 5000);
})();
