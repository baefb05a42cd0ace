// blockwatch dashboard: totals and chart from /api/stats, alerts from /api/alerts plus the live
// /api/alerts/stream (EventSource), largest recent ranges, and the "is this IP blocked?" box.
(function () {
  'use strict';
  const { $, human, el, getJson, day, minute } = window.blockwatch;

  // --- chart -------------------------------------------------------------------------------------
  let chart = null;
  function drawChart(series) {
    const xs = series.map((p) => Date.parse(p.registryTime) / 1000);
    const ys = series.map((p) => p.distinctIpv4);
    const box = $('chart');
    box.dataset.points = String(series.length);
    const width = Math.max(300, box.clientWidth);
    if (chart) {
      chart.setSize({ width, height: 300 });
      chart.setData([xs, ys]);
      return;
    }
    chart = new uPlot({
      width, height: 300,
      legend: { show: false },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(10, max * 1.1)] } },
      axes: [{}, { values: (u, vals) => vals.map(human), size: 70 }],
      series: [
        { value: (u, v) => v == null ? '' : new Date(v * 1000).toISOString().slice(0, 16).replace('T', ' ') },
        // Stepped: a registry dump holds until the next one; a sloped line would invent the months between.
        { label: 'IPv4 addresses blocked', stroke: '#c0392b', width: 2, fill: 'rgba(192,57,43,0.08)',
          paths: uPlot.paths.stepped({ align: 1 }),
          points: { show: true, size: 9, fill: '#c0392b' }, value: (u, v) => v == null ? '' : human(v) },
      ],
    }, [xs, ys], box);
    window.addEventListener('resize', () => chart.setSize({ width: Math.max(300, box.clientWidth), height: 300 }));
  }

  // --- totals ------------------------------------------------------------------------------------
  async function refreshStats() {
    try {
      const stats = await getJson('/api/stats');
      const t = stats.totals;
      $('total-ipv4').textContent = human(t.distinctIpv4);
      $('total-ipv4').title = Number(t.distinctIpv4).toLocaleString('en-US') + ' addresses';
      $('total-ranges').textContent = human(Number(t.rangesIpv4) + Number(t.rangesIpv6));
      $('total-entries').textContent = human(t.entries);
      const last = stats.series[stats.series.length - 1];
      $('latest-dump').textContent = last ? minute(last.registryTime) : 'none yet';
      drawChart(stats.series);
    } catch (e) { /* the table may still be restoring; the next refresh will tell */ }
  }

  async function refreshRecent() {
    try {
      const recent = await getJson('/api/ranges/recent?limit=8');
      $('recent-when').textContent = recent.firstBlocked ? 'first blocked ' + minute(recent.firstBlocked) : '';
      const body = $('recent');
      body.replaceChildren();
      const head = el('tr', 'head');
      ['range', 'addresses', 'decision'].forEach((h) => head.appendChild(el('th', '', h)));
      body.appendChild(head);
      if (recent.ranges.length === 0) {
        const tr = el('tr'); tr.appendChild(el('td', 'empty', 'nothing blocked yet')); body.appendChild(tr);
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
    const source = new EventSource('/api/alerts/stream');
    source.onopen = () => { $('live').textContent = 'live'; $('live').className = 'live on'; };
    source.onerror = () => { $('live').textContent = 'reconnecting…'; $('live').className = 'live off'; };
    source.addEventListener('alert', (ev) => { addAlert(JSON.parse(ev.data), true); refreshSoon(); });
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
      for (const r of answer.ranges) {
        const div = el('div', 'covering');
        div.appendChild(el('span', 'cidr', r.cidr));
        div.appendChild(document.createTextNode(' · ' + human(r.addresses) + ' addresses · since ' + day(r.firstBlocked)));
        for (const e of r.entries.slice(0, 3)) {
          const d = e.decision;
          const line = el('div', 'decision', d ? d.org + ' ' + d.number + ' (' + d.date + ')' : e.key);
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
