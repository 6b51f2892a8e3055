/// <reference lib="dom" />
// The workshop page's script (bundled by esbuild into index.html; src/bench/bundle-workshop.ts):
// reads the scenarios the page was written with, draws a control per lever (labelled with the path it
// sets and its unit; sliders and selects, keyboard-operable), and on each release of a control runs
// today and the what-if progressively on a pool of Web Workers (runner.ts, pool.ts); a newer request
// cancels the older. Keeps the whole state in the URL (state.ts), exports the what-if as YAML,
// imports a scenario by file picker or drag and drop (checked with the CLI's messages), and has a
// facilitator mode that locks levers and offers presets.
import { parse as parseYaml } from 'yaml';
import { fileTooLarge, formatScenarioError, ScenarioError } from '../../scenario/errors.js';
import { MAX_FILE_BYTES } from '../../scenario/limits.js';
import { decodeText, fileIssue, parseWithBases } from '../../scenario/load.js';
import { embeddedFiles, type WorkshopData } from './embedded.js';
import { defaultLevers, leversFromSection, overridesOf, todayOverrides, type Lever, type LeverCandidates } from './levers.js';
import { Cancelled, WorkerPool } from './pool.js';
import { ProductCache, runProgressive, type WorkshopResult, type WorkshopSource } from './runner.js';
import { decodeState, encodeState, STATE_VERSION, whatIfYaml, type WorkshopState } from './state.js';
import { costSpec, leadTimeSpec, resultHtml, resultJson, shownFigures } from './view.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const data = JSON.parse($('orisim-workshop-data').textContent ?? '{}') as WorkshopData;
const pool = new WorkerPool($('orisim-worker-source').textContent ?? '', Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2)));
const cache = new ProductCache();
const embed = (globalThis as unknown as { vegaEmbed?: (el: HTMLElement, spec: object, opts: object) => Promise<unknown> }).vegaEmbed;

let state: WorkshopState = { v: STATE_VERSION, scenario: 0, seed: 42, cap: 80, levers: {} };
let source: WorkshopSource | undefined;
let levers: Lever[] = [];
let currency = '';
let generation = 0;
let last: WorkshopResult | undefined;

async function sha256Hex(text: string): Promise<string> {
  if (globalThis.crypto?.subtle === undefined) return '';
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function showProblem(text: string): void {
  const el = $('problem');
  el.textContent = text;
  el.hidden = text === '';
}

/** Loads the state's scenario; false (with the CLI's message shown) when it is not a valid scenario. */
async function load(fresh = false): Promise<boolean> {
  const chosen = typeof state.scenario === 'number' ? data.scenarios[state.scenario] ?? data.scenarios[0] : undefined;
  const file = chosen?.file ?? (state.scenario as { file: string }).file;
  const text = chosen?.text ?? (state.scenario as { text: string }).text;
  source = { text, file, files: embeddedFiles(chosen), sha256: chosen?.sha256 ?? (await sha256Hex(text)), version: data.version };
  try {
    const scenario = parseWithBases(source.text, source.file, [], source.files).scenario;
    if (fresh) state = { ...state, seed: scenario.seed };
    let raw: unknown;
    try {
      raw = parseYaml(text) as unknown;
    } catch {
      raw = undefined;
    }
    // A `levers:` section (issue 23's: path → candidate values) chooses the levers; else the defaults.
    const section = typeof raw === 'object' && raw !== null ? (raw as { levers?: unknown }).levers : undefined;
    const defaults = defaultLevers(scenario, raw);
    levers = typeof section === 'object' && section !== null && !Array.isArray(section) ? leversFromSection(section as Record<string, LeverCandidates>, defaults) : defaults;
    // Only the levers this page has, at values among their candidates (a link may say anything).
    state = { ...state, levers: Object.fromEntries(Object.entries(state.levers).filter(([p, v]) => levers.some((l) => l.path === p && l.values.includes(v)))) };
    currency = scenario.currency;
    $('scenario-name').textContent = `${scenario.name} (${file})`;
    showProblem('');
    return true;
  } catch (err) {
    showProblem(formatScenarioError(err));
    source = undefined;
    return false;
  }
}

function valueOf(l: Lever): string {
  return Object.hasOwn(state.levers, l.path) ? state.levers[l.path]! : l.today;
}

function setLever(path: string, value: string): void {
  const l = levers.find((x) => x.path === path)!;
  const next = { ...state.levers };
  if (value === l.today) delete next[path];
  else next[path] = value;
  state = { ...state, levers: next };
}

/** One control per lever, labelled with the path it sets; runs on release (change), not on every move (input). */
function drawControls(): void {
  const locked = new Set(state.facilitator?.locked ?? []);
  const host = $('levers');
  host.replaceChildren();
  levers.forEach((l, i) => {
    const row = document.createElement('div');
    row.className = 'lever';
    const id = `lever-${i}`;
    const names = l.names ?? l.values;
    const current = valueOf(l);
    const label = `<label for="${id}">${esc(l.label)} <code>${esc(l.path === 'variant' ? 'variants' : l.path)}</code></label>`;
    const shown = `<output id="${id}-value" for="${id}">${esc(names[l.values.indexOf(current)] ?? current)}</output> <span class="unit">${esc(l.unit)}</span>`;
    const lock = state.facilitator === undefined ? '' : ` <label class="lock"><input type="checkbox" data-lock="${esc(l.path)}"${locked.has(l.path) ? ' checked' : ''}> lock</label>`;
    row.innerHTML =
      l.control === 'slider'
        ? `${label}<input type="range" id="${id}" data-path="${esc(l.path)}" data-values="${esc(JSON.stringify(l.values))}" min="0" max="${l.values.length - 1}" step="1" value="${Math.max(0, l.values.indexOf(current))}" aria-valuetext="${esc(current)} ${esc(l.unit)}"> ${shown}${lock}`
        : `${label}<select id="${id}" data-path="${esc(l.path)}">${l.values.map((v, k) => `<option value="${esc(v)}"${v === current ? ' selected' : ''}>${esc(names[k] ?? v)}${v === l.today ? ' — today' : ''}</option>`).join('')}</select> ${shown}${lock}`;
    const input = row.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
    input.disabled = locked.has(l.path);
    const read = (): string => (l.control === 'slider' ? l.values[Number(input.value)]! : input.value);
    input.addEventListener('input', () => {
      $(`${id}-value`).textContent = names[l.values.indexOf(read())] ?? read();
      input.setAttribute('aria-valuetext', `${read()} ${l.unit}`);
    });
    input.addEventListener('change', () => {
      setLever(l.path, read());
      void request();
    });
    row.querySelector<HTMLInputElement>('[data-lock]')?.addEventListener('change', (e) => {
      const on = (e.target as HTMLInputElement).checked;
      const f = state.facilitator ?? { locked: [], presets: [] };
      state = { ...state, facilitator: { ...f, locked: on ? [...f.locked, l.path] : f.locked.filter((p) => p !== l.path) } };
      drawControls();
      void saveUrl();
    });
    host.append(row);
  });
  ($('seed') as HTMLInputElement).value = String(state.seed);
  ($('cap') as HTMLSelectElement).value = String(state.cap);
  ($('facilitator') as HTMLInputElement).checked = state.facilitator !== undefined;
  $('presets-box').hidden = state.facilitator === undefined;
  $('presets').replaceChildren(
    ...(state.facilitator?.presets ?? []).map((p) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = p.name;
      b.addEventListener('click', () => {
        state = { ...state, levers: { ...p.levers } };
        drawControls();
        void request();
      });
      return b;
    }),
  );
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function saveUrl(): Promise<void> {
  history.replaceState(null, '', `#${await encodeState(state)}`);
}

function nameOf(overrides: readonly string[]): string {
  const changes = overrides.filter((o) => !o.startsWith('variants='));
  const design = overrides.find((o) => o.startsWith('variants='))?.slice('variants='.length).replace(/^\[|\]$/g, '') ?? '';
  return changes.length === 0 ? design : `${design}, ${changes.join(', ')}`;
}

function show(r: WorkshopResult, mine: number): void {
  if (mine !== generation) return; // a stale run never overwrites a newer one
  last = r;
  const { html, warnings } = resultHtml(r, currency, { today: nameOf(r.today.overrides), whatIf: nameOf(r.whatIf.overrides) });
  $('answer').innerHTML = html;
  const box = $('warnings');
  box.innerHTML = warnings.length === 0 ? '' : `<h2>Warnings</h2><ul>${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`;
  const [t, w] = r.comparison.designs;
  const result = $('result');
  result.dataset['orisimResult'] = resultJson({
    replications: r.replications, seed: r.seed, final: r.final,
    overrides: { today: r.today.overrides, whatIf: r.whatIf.overrides },
    shown: { today: shownFigures(t!, r.costs.today, currency), whatIf: shownFigures(w!, r.costs.whatIf, currency) },
    warnings,
    today: r.today.summary, whatIf: r.whatIf.summary, costs: r.costs,
  });
  result.dataset['orisimStatus'] = r.final ? 'done' : 'running';
  $('status').textContent = `${r.replications} replications of each design${r.final ? '' : ', more running…'} (${pool.size} workers, seed ${r.seed})`;
  if (embed !== undefined) {
    void embed($('chart-lead'), leadTimeSpec(r), { actions: false, renderer: 'svg' });
    void embed($('chart-costs'), costSpec(r, currency), { actions: false, renderer: 'svg' });
  }
}

/** Runs today and the what-if for the current state; a newer call cancels this one. */
async function request(): Promise<void> {
  const mine = ++generation;
  pool.cancelBefore(mine);
  void saveUrl();
  // Let the dropped replications be forgotten first (their rejections are handled in microtasks).
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (source === undefined || mine !== generation) return;
  const result = $('result');
  result.dataset['orisimStatus'] = 'running';
  $('status').textContent = 'running…';
  ($('export-text') as HTMLTextAreaElement).value = '';
  try {
    await runProgressive({
      source,
      today: todayOverrides(levers),
      whatIf: overridesOf(levers, state.levers),
      seed: state.seed,
      cap: state.cap,
      run: (key, scenario, task) => pool.run(mine, key, scenario, task),
      cache,
      onResult: (r) => show(r, mine),
      cancelled: () => mine !== generation,
    });
  } catch (err) {
    if (mine !== generation || err instanceof Cancelled) return;
    result.dataset['orisimStatus'] = 'error';
    showProblem(formatScenarioError(err));
  }
}

function exportYaml(): void {
  if (source === undefined) return;
  const text = whatIfYaml(source.text, overridesOf(levers, state.levers), state.seed, last?.replications ?? state.cap);
  ($('export-text') as HTMLTextAreaElement).value = text;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
  a.download = 'what-if.yaml';
  a.click();
}

async function importFile(file: File): Promise<void> {
  let text: string;
  try {
    // The CLI's checks of a file, with its messages: too large, not UTF-8.
    if (file.size > MAX_FILE_BYTES) throw new ScenarioError([fileIssue('', fileTooLarge(file.name, file.size, MAX_FILE_BYTES))]);
    text = decodeText(file.name, new Uint8Array(await file.arrayBuffer()));
  } catch (err) {
    showProblem(`${file.name} was not loaded:\n${formatScenarioError(err)}`);
    return;
  }
  const previous = state;
  state = { ...state, scenario: { file: file.name, text }, levers: {} };
  if (await load(true)) {
    drawControls();
    void request();
  } else {
    const message = $('problem').textContent ?? '';
    state = previous; // the page keeps the scenario it had, and says why the file was refused
    await load();
    showProblem(`${file.name} was not loaded:\n${message}`);
  }
}

async function start(): Promise<void> {
  let decoded = false;
  if (location.hash.length > 1) {
    try {
      state = await decodeState(location.hash);
      decoded = true;
    } catch (err) {
      showProblem(err instanceof Error ? err.message : String(err));
    }
  }
  const choice = document.getElementById('scenario-choice') as HTMLSelectElement | null;
  if (choice !== null) {
    if (typeof state.scenario === 'number') choice.value = String(state.scenario);
    choice.addEventListener('change', () => {
      state = { ...state, scenario: Number(choice.value), levers: {} };
      void load(true).then((ok) => {
        if (!ok) return;
        drawControls();
        void request();
      });
    });
  }
  const problem = $('problem').textContent ?? '';
  if (await load(!decoded)) {
    if (problem !== '') showProblem(problem); // a link that could not be read is still explained
    drawControls();
    void request();
  }
  $('seed').addEventListener('change', (e) => {
    const n = Number((e.target as HTMLInputElement).value);
    if (Number.isSafeInteger(n)) state = { ...state, seed: n };
    void request();
  });
  $('cap').addEventListener('change', (e) => {
    state = { ...state, cap: Number((e.target as HTMLSelectElement).value) };
    void request();
  });
  $('reset').addEventListener('click', () => {
    const locked = new Set(state.facilitator?.locked ?? []);
    state = { ...state, levers: Object.fromEntries(Object.entries(state.levers).filter(([p]) => locked.has(p))) };
    drawControls();
    void request();
  });
  $('facilitator').addEventListener('change', (e) => {
    const on = (e.target as HTMLInputElement).checked;
    const { facilitator: _f, ...rest } = state;
    state = on ? { ...rest, facilitator: { locked: [], presets: [] } } : rest;
    drawControls();
    void saveUrl();
  });
  $('save-preset').addEventListener('click', () => {
    const name = ($('preset-name') as HTMLInputElement).value.trim() || `preset ${(state.facilitator?.presets.length ?? 0) + 1}`;
    const f = state.facilitator ?? { locked: [], presets: [] };
    state = { ...state, facilitator: { ...f, presets: [...f.presets, { name, levers: { ...state.levers } }] } };
    drawControls();
    void saveUrl();
  });
  $('export').addEventListener('click', exportYaml);
  $('import').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f !== undefined) void importFile(f);
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files[0];
    if (f !== undefined) void importFile(f);
  });
}

void start();
