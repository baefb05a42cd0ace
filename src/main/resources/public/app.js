// blockwatch dashboard: totals and chart from /api/stats, alerts from /api/alerts plus the live
// /api/alerts/stream (EventSource), largest recent ranges, and the "is this IP blocked?" box.
(function () {
  'use strict';
  const { $, human, el, getJson, day, minute } = window.blockwatch;

  // --- source filter -----------------------------------------------------------------------------
  // '' = all sources. Shown only once the table has more than one source: a single-feed deployment's page is
  // as it always was. /?source=NAME opens with one chosen.
  let source = new URLSearchParams(location.search).get('source') || '';
  let knownSources = [];
  const PALETTE = ['#2e86c1', '#e67e22', '#27ae60', '#8e44ad', '#16a085', '#b7950b', '#5d6d7e', '#d35400'];
  function colorOf(name) { return PALETTE[Math.max(0, knownSources.indexOf(name)) % PALETTE.length]; }
  function tint(hex) { return 'rgba(' + [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',') + ',0.08)'; }

  function showSources(names) {
    knownSources = names;
    const pick = $('source-pick');
    if (source && !names.includes(source)) source = '';
    $('source-filter').hidden = names.length < 2;
    const wanted = [''].concat(names);
    const have = Array.from(pick.options).map((o) => o.value);
    if (have.join('\n') !== wanted.join('\n')) {
      pick.replaceChildren();
      wanted.forEach((n) => { const o = el('option', '', n || 'all sources'); o.value = n; pick.appendChild(o); });
    }
    pick.value = source;
    pick.dataset.sources = names.join(',');
  }
  $('source-pick').addEventListener('change', () => {
    source = $('source-pick').value;
    const url = new URL(location.href);
    if (source) url.searchParams.set('source', source); else url.searchParams.delete('source');
    history.replaceState(null, '', url);
    refreshStats();
    refreshRecent();
    if ($('lookup-result').hasChildNodes()) lookup();
  });

  // --- chart -------------------------------------------------------------------------------------
  // The union of every source (red, as always), and with several sources one curve per source alone; with one
  // source chosen, that source alone (the union, often a thousand times larger, would flatten it). A source
  // has no point before its first dump.
  let chart = null;
  let chartKey = '';
  function curves(names) {
    const union = { label: 'all sources', of: (p) => p.distinctIpv4, stroke: '#c0392b', fill: 'rgba(192,57,43,0.08)', width: 2 };
    const alone = (n) => ({ label: n, of: (p) => (p.sources && p.sources[n] ? p.sources[n].distinctIpv4 : null),
      stroke: colorOf(n), width: 2 });
    if (names.length < 2) return [Object.assign(union, { label: 'IPv4 addresses blocked' })];
    if (source) return [Object.assign(alone(source), { fill: tint(colorOf(source)) })];
    return [union].concat(names.map(alone));
  }
  function drawChart(series, names) {
    const lines = curves(names);
    const xs = series.map((p) => Date.parse(p.registryTime) / 1000);
    const data = [xs].concat(lines.map((c) => series.map(c.of)));
    const box = $('chart');
    box.dataset.points = String(series.length);
    box.dataset.curves = lines.map((c) => c.label).join(',');
    const width = Math.max(300, box.clientWidth);
    const key = lines.map((c) => c.label + c.stroke).join('|');
    if (chart && key === chartKey) {
      chart.setSize({ width, height: 300 });
      chart.setData(data);
      return;
    }
    if (chart) chart.destroy();
    chartKey = key;
    chart = new uPlot({
      width, height: 300,
      legend: { show: lines.length > 1 },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(10, max * 1.1)] } },
      axes: [{}, { values: (u, vals) => vals.map(human), size: 70 }],
      series: [
        { value: (u, v) => v == null ? '' : new Date(v * 1000).toISOString().slice(0, 16).replace('T', ' ') },
      ].concat(lines.map((c) => ({
        // Stepped: a registry dump holds until the next one; a sloped line would invent the months between.
        label: c.label, stroke: c.stroke, width: c.width, fill: c.fill,
        paths: uPlot.paths.stepped({ align: 1 }),
        points: { show: true, size: 9, fill: c.stroke }, value: (u, v) => v == null ? '' : human(v),
      }))),
    }, data, box);
  }
  window.addEventListener('resize', () => { if (chart) chart.setSize({ width: Math.max(300, $('chart').clientWidth), height: 300 }); });

  // --- totals ------------------------------------------------------------------------------------
  async function refreshStats() {
    try {
      const stats = await getJson('/api/stats');
      const names = Object.keys(stats.sources || {});
      showSources(names);
      const t = source ? stats.sources[source] : stats.totals;
      $('total-ipv4-label').textContent = 'IPv4 addresses blocked' + (source ? ' by ' + source : '');
      $('total-ipv4').textContent = human(t.distinctIpv4);
      $('total-ipv4').title = Number(t.distinctIpv4).toLocaleString('en-US') + ' addresses';
      $('total-ranges').textContent = human(Number(t.rangesIpv4) + Number(t.rangesIpv6));
      $('total-entries').textContent = human(t.entries);
      const last = source ? stats.sources[source].lastDump : stats.series[stats.series.length - 1];
      $('latest-dump').textContent = last ? minute(last.registryTime) : 'none yet';
      $('chart-hint').textContent = names.length < 2 ? (names.length === 1 && names[0] !== 'default' ? 'source: ' + names[0] : '')
        : source ? source + ' alone (one of ' + names.length + ' sources)'
          : 'all ' + names.length + ' sources together, and each alone';
      drawChart(stats.series, names);
    } catch (e) { /* the table may still be restoring; the next refresh will tell */ }
  }

  async function refreshRecent() {
    try {
      const recent = await getJson('/api/ranges/recent?limit=8' + (source ? '&source=' + encodeURIComponent(source) : ''));
      $('recent-when').textContent = recent.firstBlocked ? 'first blocked ' + minute(recent.firstBlocked) : '';
      const body = $('recent');
      body.replaceChildren();
      const head = el('tr', 'head');
      ['range', 'addresses', 'decision'].forEach((h) => head.appendChild(el('th', '', h)));
      body.appendChild(head);
      if (recent.ranges.length === 0) {
        const tr = el('tr'); tr.appendChild(el('td', 'empty', source ? 'nothing new to the table from ' + source : 'nothing blocked yet'));
        body.appendChild(tr);
      }
      for (const r of recent.ranges) {
        const tr = el('tr');
        tr.appendChild(el('td', 'cidr', r.cidr));
        tr.appendChild(el('td', 'num', human(r.addresses)));
        const d = r.decisions[0];
        tr.appendChild(el('td', 'decision', d ? d.org + ' ' + d.number : ''));
        body.appendChild(tr);
      }
    } catch (e) { /* as above */ }
  }

  // --- alerts ------------------------------------------------------------------------------------
  const shown = new Set();
  function alertItem(a, fresh) {
    const li = el('li', fresh ? 'fresh' : '');
    li.dataset.type = a.type;
    const left = el('div');
    left.appendChild(el('span', 'badge ' + a.severity, a.severity));
    li.appendChild(left);
    const mid = el('div');
    mid.appendChild(el('div', 'type', a.type.replace('_', ' ')));
    mid.appendChild(el('div', 'when', day(a.registryTime)));
    li.appendChild(mid);
    li.appendChild(el('div', 'summary', a.summary));
    return li;
  }
  function addAlert(a, fresh) {
    if (shown.has(a.id)) return;
    shown.add(a.id);
    const list = $('alerts');
    const empty = list.querySelector('.empty');
    if (empty) empty.remove();
    list.insertBefore(alertItem(a, fresh), list.firstChild);
  }
  async function loadAlerts() {
    try {
      const page = await getJson('/api/alerts?limit=100');
      page.alerts.slice().reverse().forEach((a) => addAlert(a, false));
    } catch (e) { /* keep whatever the stream brings */ }
    if (shown.size === 0) $('alerts').appendChild(el('li', 'empty', 'no alerts yet — they appear here as dumps arrive'));
  }
  let refreshTimer = null;
  function refreshSoon() {
    clearTimeout(refreshTimer);
    // A new alert means a new dump: totals, ranges and the last lookup may all have changed.
    refreshTimer = setTimeout(() => { refreshStats(); refreshRecent(); if ($('lookup-result').hasChildNodes()) lookup(); }, 500);
  }
  function listen() {
    const events = new EventSource('/api/alerts/stream');
    events.onopen = () => { $('live').textContent = 'live'; $('live').className = 'live on'; };
    events.onerror = () => { $('live').textContent = 'reconnecting…'; $('live').className = 'live off'; };
    events.addEventListener('alert', (ev) => { addAlert(JSON.parse(ev.data), true); refreshSoon(); });
  }

  // --- lookup ------------------------------------------------------------------------------------
  async function lookup(ev) {
    if (ev) ev.preventDefault();
    const ip = $('lookup-ip').value.trim();
    const out = $('lookup-result');
    out.replaceChildren();
    if (!ip) return;
    try {
      const answer = await getJson('/api/ip/' + encodeURIComponent(ip));
      out.appendChild(el('div', 'verdict ' + (answer.blocked ? 'blocked' : 'free'),
        answer.ip + (answer.blocked ? ' is blocked' : ' is not blocked')));
      if ('owner' in answer) out.appendChild(el('div', 'owner', answer.owner ? 'owner: ' + answer.owner.name : 'owner: unattributed (in no owner dataset)'));
      // With several sources, which of them block it (the chosen one first).
      const names = Object.keys(answer.sources || {});
      if (names.length > 1) {
        const line = el('div', 'by-source');
        names.sort((a, b) => (b === source) - (a === source));
        for (const n of names) {
          const blocks = answer.sources[n].blocked;
          line.appendChild(el('span', 'src ' + (blocks ? 'yes' : 'no') + (n === source ? ' chosen' : ''),
            n + (blocks ? ': blocked' : ': not listed')));
        }
        out.appendChild(line);
      }
      for (const r of answer.ranges) {
        const div = el('div', 'covering');
        div.appendChild(el('span', 'cidr', r.cidr));
        div.appendChild(document.createTextNode(' · ' + human(r.addresses) + ' addresses · since ' + day(r.firstBlocked)
          + (names.length > 1 && r.sources ? ' · ' + r.sources.join(', ') : '')));
        for (const e of r.entries.slice(0, 3)) {
          const d = e.decision;
          // A list's entries have no decision: their key says which list and line.
          const line = el('div', 'decision', d && (d.org || d.number) ? d.org + ' ' + d.number + ' (' + d.date + ')' : e.key);
          if (e.domains && e.domains.length) line.textContent += ' · ' + e.domains.join(', ');
          div.appendChild(line);
        }
        if (r.entryCount > 3) div.appendChild(el('div', 'decision', '… ' + (r.entryCount - 3) + ' more entries'));
        out.appendChild(div);
      }
    } catch (e) {
      out.appendChild(el('div', 'verdict error', e.message));
    }
  }

  $('lookup-form').addEventListener('submit', lookup);
  // /?ip=52.58.0.1 opens with that lookup done: the link blockwatch notify puts in its messages.
  const asked = new URLSearchParams(location.search).get('ip');
  if (asked) { $('lookup-ip').value = asked; lookup(); }
  loadAlerts().then(listen);
  refreshStats();
  refreshRecent();
  setInterval(() => { refreshStats(); refreshRecent(); }, 5000);
})();
