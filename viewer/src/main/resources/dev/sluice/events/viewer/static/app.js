// Sluice event viewer. Every string from an event is shown with textContent, never as HTML.
'use strict';

const LEVELS = ['info', 'warning', 'error'];
const FILTERS = ['since', 'until', 'level', 'category', 'priority', 'user', 'module', 'text', 'attr'];
const state = { next: null, pending: null, paused: false, held: [], opened: null, source: null };
// Events that arrive while live updates are paused wait here (the newest HELD), shown on resume.
const HELD = 1000;

function $(id) { return document.getElementById(id); }

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (key === 'className') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child == null ? '' : String(child)));
  }
  return node;
}

function currentFilters() {
  const form = $('filters');
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

function loadFiltersFromUrl() {
  const params = new URLSearchParams(location.search);
  const form = $('filters');
  for (const name of FILTERS) {
    if (params.has(name)) form.elements[name].value = params.get(name);
  }
  return params.get('operation');
}

function showError(message) {
  const p = $('error');
  p.textContent = message;
  p.hidden = !message;
}

async function fetchJson(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function formatDuration(ms) {
  if (ms == null) return '';
  if (ms < 1000) return ms.toFixed(ms < 10 ? 2 : 0) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(2) + ' s';
  return (ms / 60000).toFixed(1) + ' min';
}

function formatTime(iso) {
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString();
}

function operationRow(event, fresh) {
  const row = el('tr', { className: 'level-' + event.level + (fresh ? ' fresh' : ''), 'data-operation': event.operationId || '' },
    el('td', null, formatTime(event.time)),
    el('td', null, event.level),
    el('td', null, event.category),
    el('td', null, event.priority),
    el('td', null, event.user || ''),
    el('td', null, event.entryPoint || ''),
    el('td', { className: 'message' }, event.message || ''),
    el('td', null, formatDuration(event.durationMs)));
  row.addEventListener('click', () => { if (event.operationId) openOperation(event.operationId, true); });
  return row;
}

// The list holds the pages loaded so far, one request of PAGE Primary events each; the next page
// is asked for by the cursor of the last row, once (a scroll and a click at once load it once).
const PAGE = 50;

async function loadList(append) {
  const params = currentFilters();
  params.set('primary', 'true');
  params.set('limit', String(PAGE));
  if (append) {
    if (!state.next || state.pending === state.next) return;
    state.pending = state.next;
    params.set('before', state.next);
  } else {
    state.pending = null;
  }
  const asked = state.pending;
  // a newer list request (another filter, a popstate) wins over an older one whose answer comes later
  const generation = append ? state.generation : (state.generation = (state.generation || 0) + 1);
  try {
    const page = await fetchJson('/api/events?' + params.toString());
    if (generation !== state.generation) return;
    if (append && asked !== state.pending) return;
    const body = $('operations').tBodies[0];
    if (!append) body.replaceChildren();
    for (const event of page.events) body.append(operationRow(event, false));
    state.next = page.next;
    $('more').hidden = !page.next;
    $('empty').hidden = body.rows.length > 0;
    showError('');
  } catch (e) {
    if (generation !== state.generation) return;
    if (append) state.pending = null;
    showError(e.message);
  }
}

function timeline(events) {
  const box = $('timeline');
  box.replaceChildren();
  const spans = events.map(e => {
    const end = Date.parse(e.time);
    const start = e.durationMs != null ? end - e.durationMs : end;
    return { e, start, end };
  });
  const min = Math.min(...spans.map(s => s.start));
  const max = Math.max(...spans.map(s => s.end));
  const total = Math.max(1, max - min);
  for (const s of spans) {
    const bar = el('div', { className: 'bar level-' + s.e.level });
    bar.style.left = ((s.start - min) / total * 100) + '%';
    bar.style.width = Math.max(0.3, (s.end - s.start) / total * 100) + '%';
    const label = el('span', { className: 'label' }, (s.e.message || '') + (s.e.durationMs != null ? ' (' + formatDuration(s.e.durationMs) + ')' : ''));
    box.append(el('div', { className: 'span' }, bar, label));
  }
}

function eventCard(event) {
  const rows = [
    ['Time', formatTime(event.time)], ['Level', event.level], ['Priority', event.priority], ['Category', event.category],
    ['Module', event.module], ['User', event.user], ['Entry point', event.entryPoint], ['Operation', event.operationId],
    ['Activity', event.activityId], ['Primary', String(event.primary)], ['Duration', formatDuration(event.durationMs)],
    ['Comments', event.comments]];
  for (const [key, value] of Object.entries(event.attributes || {})) rows.push([key, String(value)]);
  const table = el('table', null, ...rows.filter(r => r[1] != null && r[1] !== '')
    .map(([k, v]) => el('tr', null, el('td', null, k), el('td', null, v))));
  const card = el('article', { className: 'event level-' + event.level },
    el('h3', null, el('span', { className: 'level' }, event.level), ' ', event.message || ''), table);
  if (event.detail) card.append(el('pre', { className: 'detail' }, event.detail));
  return card;
}

async function openOperation(id, push) {
  try {
    const page = await fetchJson('/api/operations/' + encodeURIComponent(id));
    state.opened = id;
    $('operation-title').textContent = 'Operation ' + id;
    timeline(page.events);
    $('operation-events').replaceChildren(...page.events.map(eventCard));
    $('list-view').hidden = true;
    $('operation-view').hidden = false;
    if (push) {
      const params = currentFilters();
      params.set('operation', id);
      history.pushState(null, '', '?' + params.toString());
    }
    showError('');
  } catch (e) {
    showError(e.message);
  }
}

function closeOperation(push) {
  state.opened = null;
  $('operation-view').hidden = true;
  $('list-view').hidden = false;
  if (push) history.pushState(null, '', '?' + currentFilters().toString());
}

function matchesFilters(event) {
  const f = currentFilters();
  // a level filter is that level or above, as the API's
  if (f.get('level') && LEVELS.indexOf(event.level) < LEVELS.indexOf(f.get('level'))) return false;
  if (f.get('category') && event.category !== f.get('category')) return false;
  if (f.get('priority') && event.priority !== f.get('priority')) return false;
  if (f.get('user') && event.user !== f.get('user')) return false;
  if (f.get('module') && event.module !== f.get('module')) return false;
  // 'until' as a span (1h) is in the past: a live event is newer
  if (f.get('until')) {
    const until = Date.parse(f.get('until'));
    if (isNaN(until) || Date.parse(event.time) >= until) return false;
  }
  if (f.get('text') && !(event.message || '').toLowerCase().includes(f.get('text').toLowerCase())) return false;
  if (f.get('attr')) {
    const [name, ...rest] = f.get('attr').split('=');
    if (String((event.attributes || {})[name]) !== rest.join('=').replace(/^"|"$/g, '')) return false;
  }
  return true;
}

function live() {
  const source = new EventSource('/api/stream');
  state.source = source;
  source.onopen = showStatus;
  source.onerror = () => { $('status').textContent = 'reconnecting…'; };
  source.addEventListener('event', message => {
    const event = JSON.parse(message.data);
    if (state.paused) {
      state.held.push(event);
      if (state.held.length > HELD) state.held.shift();
      showStatus();
      return;
    }
    show(event);
  });
}

function show(event) {
  if (event.primary && matchesFilters(event)) {
    const body = $('operations').tBodies[0];
    body.prepend(operationRow(event, true));
    $('empty').hidden = true;
  }
  if (state.opened && event.operationId === state.opened) openOperation(state.opened, false);
}

function showStatus() {
  $('status').textContent = state.paused ? 'paused' + (state.held.length ? ' (' + state.held.length + ' new)' : '') : 'live';
}

function togglePause() {
  state.paused = !state.paused;
  $('pause').textContent = state.paused ? 'Resume live' : 'Pause live';
  if (!state.paused) {
    const held = state.held;
    state.held = [];
    for (const event of held) show(event);
  }
  showStatus();
}

document.addEventListener('DOMContentLoaded', () => {
  const operation = loadFiltersFromUrl();
  $('filters').addEventListener('submit', e => {
    e.preventDefault();
    history.pushState(null, '', '?' + currentFilters().toString());
    closeOperation(false);
    loadList(false);
  });
  $('more').addEventListener('click', () => loadList(true));
  // scrolling to the end of the list loads the next page, as "Load older" does
  new IntersectionObserver(entries => {
    if (entries.some(e => e.isIntersecting) && !$('list-view').hidden) loadList(true);
  }).observe($('more'));
  $('back').addEventListener('click', () => closeOperation(true));
  $('pause').addEventListener('click', togglePause);
  window.addEventListener('popstate', () => {
    const op = loadFiltersFromUrl();
    if (op) openOperation(op, false); else { closeOperation(false); loadList(false); }
  });
  loadList(false);
  if (operation) openOperation(operation, false);
  live();
});
