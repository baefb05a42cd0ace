// blockwatch dashboard, time travel: a decision's curve (/api/decisions, /api/decisions/by?number=) and
// "was this IP blocked at T?" (/api/ip/{ip}?at=T and /api/ip/{ip}/history). Kept apart from app.js.
(function () {
  'use strict';
  const { $, human, nf, minute, el, getJson } = window.blockwatch;
  const decisionKey = (d) => d.number + '\u001f' + d.org;

  // --- decision picker and curve -----------------------------------------------------------------
  let decisionChart = null;
  let listed = '';
  let userChoice = null; // until someone picks one, the largest decision is shown
  async function refreshDecisions() {
    try {
      const page = await getJson('/api/decisions?limit=20');
      const signature = page.decisions.map((d) => decisionKey(d) + '=' + d.distinctIpv4).join('|');
      if (signature === listed) return;
      listed = signature;
      const pick = $('decision-pick');
      pick.replaceChildren();
      if (page.decisions.length === 0) {
        pick.appendChild(el('option', '', 'no decisions yet'));
        return;
      }
      for (const d of page.decisions) {
        const o = el('option', '', d.org + ' ' + d.number + ' — ' + human(d.distinctIpv4) + ' addresses');
        o.value = decisionKey(d);
        pick.appendChild(o);
      }
      pick.value = page.decisions.some((d) => decisionKey(d) === userChoice) ? userChoice : decisionKey(page.decisions[0]);
      drawDecision();
    } catch (e) { /* the table may still be restoring; the next refresh will tell */ }
  }

  async function drawDecision() {
    const key = $('decision-pick').value;
    if (!key) return;
    const [number, org] = key.split('\u001f');
    try {
      const [d, stats] = await Promise.all([
        getJson('/api/decisions/by?number=' + encodeURIComponent(number) + '&org=' + encodeURIComponent(org)),
        getJson('/api/stats')]);
      $('decision-figures').textContent = d.org + ' ' + d.number + (d.date ? ' of ' + d.date : '') + ': '
        + nf(d.distinctIpv4) + ' IPv4 addresses in ' + nf(d.ranges) + ' ranges, ' + nf(d.entries) + ' entries now';
      // A point per dump that changed the decision; the last figure holds until the newest dump.
      const xs = d.series.map((p) => Date.parse(p.registryTime) / 1000);
      const ys = d.series.map((p) => p.distinctIpv4);
      const newest = stats.series.length ? Date.parse(stats.series[stats.series.length - 1].registryTime) / 1000 : null;
      if (newest !== null && (xs.length === 0 || newest > xs[xs.length - 1])) { xs.push(newest); ys.push(d.distinctIpv4); }
      plot(xs, ys, d.series.length);
    } catch (e) {
      $('decision-figures').textContent = e.message;
    }
  }

  function plot(xs, ys, points) {
    const box = $('decision-chart');
    box.dataset.points = String(points);
    const width = Math.max(300, box.clientWidth);
    if (decisionChart) {
      decisionChart.setData([xs, ys]);
      return;
    }
    decisionChart = new uPlot({
      width, height: 260,
      legend: { show: false },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(10, max * 1.1)] } },
      axes: [{}, { values: (u, vals) => vals.map(short), size: 70 }],
      series: [
        {},
        { label: 'IPv4 addresses', stroke: '#2c3e8f', width: 2, fill: 'rgba(44,62,143,0.08)',
          paths: uPlot.paths.stepped({ align: 1 }), points: { show: true, size: 8, fill: '#2c3e8f' } },
      ],
    }, [xs, ys], box);
    window.addEventListener('resize', () => decisionChart.setSize({ width: Math.max(300, box.clientWidth), height: 260 }));
  }

  // --- was this IP blocked at T? ------------------------------------------------------------------
  async function askAt(ev) {
    if (ev) ev.preventDefault();
    const ip = $('at-ip').value.trim();
    const at = $('at-time').value.trim();
    const out = $('at-result');
    out.replaceChildren();
    if (!ip) return;
    try {
      if (at) {
        const a = await getJson('/api/ip/' + encodeURIComponent(ip) + '?at=' + encodeURIComponent(at));
        const when = minute(a.at);
        out.appendChild(el('div', 'verdict ' + (a.blocked ? 'blocked' : 'free'),
          a.ip + (a.blocked ? ' was blocked at ' : ' was not blocked at ') + when));
        out.appendChild(el('div', 'hint', a.dump ? 'dump in force: ' + minute(a.dump.registryTime) : 'before the first dump'));
        if (a.blocked) {
          out.appendChild(el('div', 'hint', 'blocked since ' + minute(a.blockedSince)
            + (a.blockedUntil ? ', until ' + minute(a.blockedUntil) : ', still blocked')));
        }
        for (const r of a.ranges) {
          const div = el('div', 'covering');
          div.appendChild(el('span', 'cidr', r.cidr));
          div.appendChild(document.createTextNode(' · ' + human(r.addresses) + ' addresses'));
          for (const d of r.decisions) div.appendChild(el('div', 'decision', d.org + ' ' + d.number + ' (' + d.date + ')'));
          out.appendChild(div);
        }
      }
      const h = await getJson('/api/ip/' + encodeURIComponent(ip) + '/history');
      out.appendChild(el('div', 'hint', h.intervals.length === 0 ? 'never blocked in the retained history'
        : 'blocked in ' + h.intervals.length + (h.intervals.length === 1 ? ' interval:' : ' intervals:')));
      for (const i of h.intervals) {
        const div = el('div', 'interval');
        div.appendChild(el('span', 'span', minute(i.from) + ' → ' + (i.until ? minute(i.until) : 'now')));
        for (const d of i.decisions.slice(0, 3)) div.appendChild(el('div', 'decision', d.org + ' ' + d.number));
        out.appendChild(div);
      }
    } catch (e) {
      out.appendChild(el('div', 'verdict error', e.message));
    }
  }

  $('decision-pick').addEventListener('change', () => { userChoice = $('decision-pick').value; drawDecision(); });
  $('at-form').addEventListener('submit', askAt);
  refreshDecisions();
  setInterval(refreshDecisions, 10000);
})();
