// blockwatch dashboard, owners section: how the blocked IPv4 space splits between Amazon, Google, other
// owners and unattributed space over registry time (from the owners of each /api/stats point), and the
// split of the newest dump by owner, cloud and region.
(function () {
  'use strict';
  const { $, human, el } = window.blockwatch;
  const GROUPS = [
    { name: 'Amazon', color: '#e67e22', of: (p) => sum(p.owners.filter((o) => o.owner === 'Amazon')) },
    { name: 'Google', color: '#2e86c1', of: (p) => sum(p.owners.filter((o) => o.owner === 'Google')) },
    { name: 'others', color: '#7d3c98', of: (p) => sum(p.owners.filter((o) => o.owner !== 'Amazon' && o.owner !== 'Google')) },
    { name: 'unattributed', color: '#95a5a6', of: (p) => Number(p.unattributedIpv4 || 0) },
  ];
  function sum(shares) { return shares.reduce((s, o) => s + Number(o.addresses), 0); }

  let chart = null;
  function drawOwnerChart(series) {
    const box = $('owners-chart');
    box.dataset.points = String(series.length);
    const data = [series.map((p) => Date.parse(p.registryTime) / 1000)]
      .concat(GROUPS.map((g) => series.map((p) => g.of(p))));
    const width = Math.max(300, box.clientWidth);
    if (chart) {
      chart.setSize({ width, height: 240 });
      chart.setData(data);
      return;
    }
    chart = new uPlot({
      width, height: 240,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(10, max * 1.1)] } },
      axes: [{}, { values: (u, vals) => vals.map(human), size: 70 }],
      series: [{ value: (u, v) => v == null ? '' : new Date(v * 1000).toISOString().slice(0, 10) }].concat(GROUPS.map((g) => ({
        label: g.name, stroke: g.color, width: 2, paths: uPlot.paths.stepped({ align: 1 }),
        points: { show: true, size: 7, fill: g.color }, value: (u, v) => v == null ? '' : human(v),
      }))),
    }, data, box);
    window.addEventListener('resize', () => chart.setSize({ width: Math.max(300, box.clientWidth), height: 240 }));
  }

  function drawLatestSplit(point) {
    const body = $('owners-latest');
    body.replaceChildren();
    const head = el('tr', 'head');
    ['owner', 'addresses', 'share'].forEach((h) => head.appendChild(el('th', '', h)));
    body.appendChild(head);
    if (!point) return;
    const total = Number(point.distinctIpv4) || 1;
    const rows = point.owners.slice(0, 8).map((o) => [o.name, Number(o.addresses)]);
    if (point.owners.length > 8) rows.push([(point.owners.length - 8) + ' more owners', sum(point.owners.slice(8))]);
    rows.push(['unattributed', Number(point.unattributedIpv4 || 0)]);
    for (const [name, n] of rows) {
      const tr = el('tr');
      tr.appendChild(el('td', name === 'unattributed' ? 'empty' : '', name));
      tr.appendChild(el('td', 'num', human(n)));
      tr.appendChild(el('td', 'num', (100 * n / total).toFixed(1) + '%'));
      body.appendChild(tr);
    }
  }

  async function refreshOwners() {
    try {
      const r = await fetch('/api/stats', { headers: { Accept: 'application/json' } });
      if (!r.ok) return;
      const series = (await r.json()).series.filter((p) => Array.isArray(p.owners));
      drawOwnerChart(series);
      const last = series[series.length - 1];
      $('owners-when').textContent = last ? 'after the dump of ' + last.registryTime.slice(0, 16).replace('T', ' ') + ' UTC' : '';
      drawLatestSplit(last);
    } catch (e) { /* the table may still be restoring; the next refresh will tell */ }
  }

  refreshOwners();
  setInterval(refreshOwners, 5000);
})();
