// InTuneRecSys page: plain DOM, no build step. Every value from the API goes in through textContent.
'use strict';

const TUNER_POLL_MS = 3000;
const AUTOCOMPLETE_DELAY_MS = 150;
const AUTOCOMPLETE_LIMIT = 8;

const $ = (id) => document.getElementById(id);

/** A fetch that resolves to {ok, status, body}; problem details come back as the body of a non-ok answer. */
async function getJson(path, signal) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  return { ok: response.ok, status: response.status, body, retryAfter: response.headers.get('Retry-After') };
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function displayTitle(movie) {
  return movie.year ? `${movie.title} (${movie.year})` : movie.title;
}

// ------------------------------------------------------------------ results and problems

function renderRecommendations(target, answer, heading) {
  target.replaceChildren();
  const meta = el('p', { class: 'meta' }, heading, ' · strategy ', el('strong', { class: 'strategy' }, answer.strategy));
  target.append(meta);
  if (answer.fallback) {
    target.append(el('p', { class: 'fallback' }, answer.fallback));
  }
  if (answer.items.length === 0) {
    target.append(el('p', {}, 'No movies match.'));
    return;
  }
  const list = el('ol', { class: 'movies' });
  for (const item of answer.items) {
    const title = el('button', {
      type: 'button', class: 'link-button movie-title', title: 'Movies like this one',
      onclick: () => showSimilarById(item.movieId, displayTitle(item)),
    }, displayTitle(item));
    list.append(el('li', {},
      title,
      el('span', { class: 'score' }, `score ${item.score}`),
      el('span', { class: 'genres' }, item.genres.join(' · ')),
      el('span', { class: 'reason' }, item.reason)));
  }
  target.append(list);
}

/** Shows a problem's detail; suggestions or candidates become buttons that retry with "Title (Year)". */
function renderProblem(target, result, retry) {
  target.replaceChildren();
  const problem = result.body || {};
  const box = el('div', { class: 'problem', role: 'alert' });
  let message = problem.detail || problem.title || `request failed (HTTP ${result.status})`;
  if (result.status === 503 && result.retryAfter) {
    message += ` — retrying in ${result.retryAfter} s`;
  }
  box.append(el('p', {}, message));
  const options = problem.suggestions || problem.candidates;
  if (options && options.length > 0 && retry) {
    box.append(el('p', {}, problem.candidates ? 'Which one?' : 'Pick a title:'));
    const list = el('ul', { class: 'suggestions' });
    for (const movie of options) {
      list.append(el('li', {}, el('button', { type: 'button', onclick: () => retry(displayTitle(movie)) },
        displayTitle(movie))));
    }
    box.append(list);
  }
  target.append(box);
}

async function show(target, path, heading, retry) {
  target.setAttribute('aria-busy', 'true');
  try {
    const result = await getJson(path);
    if (result.ok) {
      renderRecommendations(target, result.body, heading);
    } else {
      renderProblem(target, result, retry);
    }
  } catch (e) {
    renderProblem(target, { status: 0, body: { detail: 'the service cannot be reached' } });
  } finally {
    target.removeAttribute('aria-busy');
  }
}

// ------------------------------------------------------------------ similar movies

function showSimilar(title) {
  $('title').value = title;
  closeList();
  const mode = $('mode').value;
  const path = `/recommend?title=${encodeURIComponent(title)}&mode=${encodeURIComponent(mode)}`;
  show($('similar-results'), path, `Movies like ${title}`, showSimilar);
}

function showSimilarById(movieId, title) {
  $('title').value = title;
  const mode = $('mode').value;
  show($('similar-results'), `/movies/${movieId}/similar?mode=${encodeURIComponent(mode)}`,
    `Movies like ${title}`, showSimilar);
  $('similar-heading').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

$('similar-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const active = activeOption();
  showSimilar(active ? active.dataset.title : $('title').value.trim());
});

// ------------------------------------------------------------------ autocomplete (ARIA combobox)

let autocompleteTimer = 0;
let autocompleteAbort = null;

function options() {
  return Array.from($('title-list').querySelectorAll('[role="option"]'));
}

function activeOption() {
  return options().find((o) => o.getAttribute('aria-selected') === 'true') || null;
}

function setActive(index) {
  const all = options();
  all.forEach((o, i) => o.setAttribute('aria-selected', i === index ? 'true' : 'false'));
  if (index >= 0 && index < all.length) {
    $('title').setAttribute('aria-activedescendant', all[index].id);
    all[index].scrollIntoView({ block: 'nearest' });
  } else {
    $('title').removeAttribute('aria-activedescendant');
  }
}

function closeList() {
  $('title-list').hidden = true;
  $('title-list').replaceChildren();
  $('title').setAttribute('aria-expanded', 'false');
  $('title').removeAttribute('aria-activedescendant');
}

async function suggest(query) {
  if (autocompleteAbort) autocompleteAbort.abort();
  autocompleteAbort = new AbortController();
  let result;
  try {
    result = await getJson(`/movies?query=${encodeURIComponent(query)}&limit=${AUTOCOMPLETE_LIMIT}`,
      autocompleteAbort.signal);
  } catch (e) {
    return; // superseded by a newer keystroke, or offline
  }
  if (!result.ok || $('title').value.trim() !== query || result.body.items.length === 0) {
    closeList();
    return;
  }
  const list = $('title-list');
  list.replaceChildren();
  result.body.items.forEach((movie, i) => {
    const option = el('li', { role: 'option', id: `title-option-${i}`, 'aria-selected': 'false' },
      movie.title, ' ', el('span', { class: 'year' }, movie.year ? `(${movie.year})` : ''));
    option.dataset.title = displayTitle(movie);
    // mousedown, not click: it fires before the input's blur closes the list
    option.addEventListener('mousedown', (event) => {
      event.preventDefault();
      showSimilar(option.dataset.title);
    });
    list.append(option);
  });
  list.hidden = false;
  $('title').setAttribute('aria-expanded', 'true');
}

$('title').addEventListener('input', () => {
  clearTimeout(autocompleteTimer);
  const query = $('title').value.trim();
  if (query.length < 2) {
    closeList();
    return;
  }
  autocompleteTimer = setTimeout(() => suggest(query), AUTOCOMPLETE_DELAY_MS);
});

$('title').addEventListener('keydown', (event) => {
  const all = options();
  const current = all.indexOf(activeOption());
  if (event.key === 'ArrowDown' && all.length > 0) {
    event.preventDefault();
    setActive(current < all.length - 1 ? current + 1 : 0);
  } else if (event.key === 'ArrowUp' && all.length > 0) {
    event.preventDefault();
    setActive(current > 0 ? current - 1 : all.length - 1);
  } else if (event.key === 'Escape') {
    closeList();
  }
});

$('title').addEventListener('blur', () => setTimeout(closeList, 100));

// ------------------------------------------------------------------ personal and popular

$('user-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const userId = $('user-id').value.trim();
  const strategy = $('strategy').value;
  show($('user-results'), `/users/${encodeURIComponent(userId)}/recommendations?strategy=${strategy}`,
    `For user ${userId}`);
});

$('popular-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const genre = $('genre').value;
  const path = genre ? `/recommend/popular?genre=${encodeURIComponent(genre)}` : '/recommend/popular';
  show($('popular-results'), path, genre ? `Popular in ${genre}` : 'Popular overall');
});

// ------------------------------------------------------------------ genres and readiness

async function loadGenres() {
  let result;
  try {
    result = await getJson('/genres');
  } catch (e) {
    result = { ok: false, status: 0 };
  }
  if (!result.ok) {
    $('status').textContent = result.status === 503
      ? 'The models are still loading; the page will be ready in a few seconds.'
      : 'The service cannot be reached.';
    setTimeout(loadGenres, 2000);
    return;
  }
  $('status').textContent = '';
  const select = $('genre');
  for (const genre of result.body.genres) {
    select.append(el('option', { value: genre }, genre));
  }
  document.body.dataset.ready = 'true';
}

// ------------------------------------------------------------------ live tuner panel

function number(x, digits) {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–';
}

async function pollTuner() {
  try {
    const result = await getJson('/actuator/tuner');
    if (result.status === 404) {
      $('tuner-note').textContent = 'Tuner not running (the /actuator/tuner endpoint is not exposed).';
      $('tuner-panel').hidden = true;
    } else if (!result.ok || !result.body) {
      $('tuner-note').textContent = `Tuner status unavailable (HTTP ${result.status}).`;
    } else {
      const t = result.body;
      const knobs = t.knobs || {};
      const observation = t.lastObservation || {};
      $('tuner-panel').hidden = false;
      $('tuner-pool').textContent = knobs.poolSize ?? knobs.pool ?? observation.poolSize ?? '–';
      $('tuner-batch').textContent = knobs.batchSize ?? knobs.batch ?? observation.batchSize ?? '–';
      $('tuner-p99').textContent = observation.p99Millis === undefined ? '–' : `${number(observation.p99Millis, 1)} ms`;
      $('tuner-policy').textContent = t.policy ?? '–';
      const state = t.attached === false ? 'not attached to the pipeline' : t.paused ? 'paused' : 'tuning';
      $('tuner-note').textContent = `${state}; updated ${new Date().toLocaleTimeString()}`;
    }
  } catch (e) {
    $('tuner-note').textContent = 'Tuner status unavailable (service unreachable).';
  }
  setTimeout(pollTuner, TUNER_POLL_MS);
}

loadGenres();
pollTuner();
