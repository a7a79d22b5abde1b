// The call dashboard: fetches /api/dashboard every 10 s and draws the figures
// and the 48-hour chart. Everything from the server is inserted as text or as
// numeric SVG attributes built with DOM APIs: never as HTML.
'use strict';

(function () {
  const REFRESH_MS = 10000;
  const SVG = 'http://www.w3.org/2000/svg';
  // The chart's coordinate system; the SVG scales to the page width.
  const W = 960, H = 300, LEFT = 44, RIGHT = 12, TOP = 12, BOTTOM = 44;

  // ?tz= and ?now= on the page are passed on (screenshots, tests); otherwise
  // the browser's own zone decides what "today" is.
  const pageParams = new URLSearchParams(location.search);
  let tz = pageParams.get('tz') || browserZone();

  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  }

  function apiURL() {
    const q = new URLSearchParams();
    if (tz) q.set('tz', tz);
    if (pageParams.get('now')) q.set('now', pageParams.get('now'));
    return '/api/dashboard?' + q.toString();
  }

  function $(id) { return document.getElementById(id); }

  function svgEl(name, attrs, text) {
    const el = document.createElementNS(SVG, name);
    for (const k in attrs) el.setAttribute(k, String(attrs[k]));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // formatDuration turns seconds into "4 min 33 s" (or "–" without data).
  function formatDuration(s) {
    if (typeof s !== 'number' || !isFinite(s)) return '–';
    const total = Math.round(s);
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), sec = total % 60;
    if (h > 0) return h + ' h ' + m + ' min';
    if (m > 0) return m + ' min ' + sec + ' s';
    return sec + ' s';
  }

  // The API gives each hour as local ISO text ("2026-05-12T14:00:00+02:00"):
  // its digits already are the wall-clock time of the requested zone.
  function hourLabel(iso) { return String(iso).slice(11, 16); }
  function dayLabel(iso) { return String(iso).slice(0, 10); }

  // axisScale picks a round step (1, 2 or 5 times a power of ten) so the axis
  // has at most four whole-number ticks above zero, and the top tick.
  function axisScale(n) {
    const want = Math.max(1, n) / 4;
    let step = 1;
    for (let p = 1; step < want; p *= 10) {
      step = [1, 2, 5, 10].map(f => f * p).find(s => s >= want) || 10 * p;
    }
    return { step: step, max: step * Math.max(1, Math.ceil(n / step)) };
  }

  function drawChart(hours) {
    const scale = axisScale(Math.max(0, ...hours.map(h => h.incoming)));
    const max = scale.max;
    const plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
    const slot = plotW / hours.length, bar = slot / 4;
    const y = v => TOP + plotH - (v / max) * plotH;

    const svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'chart-title chart-desc' });
    svg.appendChild(svgEl('title', { id: 'chart-title' }, 'Incoming, answered and missed calls per hour, last 48 hours'));
    const totals = sum(hours);
    svg.appendChild(svgEl('desc', { id: 'chart-desc' },
      totals.incoming + ' incoming, ' + totals.answered + ' answered, ' + totals.missed + ' missed calls.'));

    for (let v = 0; v <= max; v += scale.step) {
      const yy = y(v);
      svg.appendChild(svgEl('line', { x1: LEFT, x2: W - RIGHT, y1: yy, y2: yy, class: v === 0 ? 'axis' : 'grid' }));
      svg.appendChild(svgEl('text', { x: LEFT - 6, y: yy + 4, 'text-anchor': 'end' }, String(v)));
    }
    hours.forEach((h, i) => {
      const x0 = LEFT + i * slot;
      const label = hourLabel(h.hour);
      if (label === '00:00' && i > 0) {
        svg.appendChild(svgEl('line', { x1: x0, x2: x0, y1: TOP, y2: TOP + plotH, class: 'midnight' }));
      }
      if (label === '00:00') {
        svg.appendChild(svgEl('text', { x: x0 + 2, y: H - 6, class: 'day' }, dayLabel(h.hour)));
      }
      if (Number(label.slice(0, 2)) % 6 === 0) { // 00:00, 06:00, 12:00, 18:00
        svg.appendChild(svgEl('text', { x: x0 + slot / 2, y: TOP + plotH + 16, 'text-anchor': 'middle' }, label));
      }
      const group = svgEl('g', {});
      group.appendChild(svgEl('title', {}, label + ': ' + h.incoming + ' incoming, ' + h.answered + ' answered, ' + h.missed + ' missed'));
      ['incoming', 'answered', 'missed'].forEach((kind, k) => {
        const v = h[kind];
        if (!v) return;
        group.appendChild(svgEl('rect', {
          x: (x0 + bar * (k + 0.5)).toFixed(2), y: y(v).toFixed(2),
          width: (bar * 0.9).toFixed(2), height: (TOP + plotH - y(v)).toFixed(2), class: 'bar ' + kind,
        }));
      });
      svg.appendChild(group);
    });
    $('chart').replaceChildren(svg);
  }

  function sum(hours) {
    return hours.reduce((t, h) => ({
      incoming: t.incoming + h.incoming, answered: t.answered + h.answered, missed: t.missed + h.missed,
    }), { incoming: 0, answered: 0, missed: 0 });
  }

  function fillTable(hours) {
    const rows = hours.map(h => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = dayLabel(h.hour) + ' ' + hourLabel(h.hour);
      tr.appendChild(th);
      for (const kind of ['incoming', 'answered', 'missed']) {
        const td = document.createElement('td');
        td.textContent = String(h[kind]);
        tr.appendChild(td);
      }
      return tr;
    });
    $('table-body').replaceChildren(...rows);
  }

  function render(f) {
    $('agents').textContent = String(f.agentsLoggedIn);
    $('calls-today').textContent = String(f.callsToday);
    $('average').textContent = formatDuration(f.averageDurationSecondsToday);
    const hours = Array.isArray(f.hourly) ? f.hourly : [];
    const totals = sum(hours);
    $('total-incoming').textContent = String(totals.incoming);
    $('total-answered').textContent = String(totals.answered);
    $('total-missed').textContent = String(totals.missed);
    drawChart(hours);
    fillTable(hours);
  }

  function setStatus(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', !!isError);
  }

  async function refresh() {
    try {
      const res = await fetch(apiURL(), { headers: { Accept: 'application/json' }, cache: 'no-store' });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        const msg = body && body.error && body.error.message ? body.error.message : 'HTTP ' + res.status;
        // A zone this server does not know: fall back to UTC next time.
        if (res.status === 400 && tz && tz !== 'UTC' && !pageParams.get('tz')) tz = 'UTC';
        throw new Error(msg);
      }
      render(body);
      setStatus('Updated ' + new Date().toLocaleTimeString() + ' · times in ' + body.timeZone, false);
    } catch (e) {
      setStatus('Could not refresh (' + e.message + '); trying again in 10 s', true);
    } finally {
      setTimeout(refresh, REFRESH_MS);
    }
  }

  refresh();
})();
