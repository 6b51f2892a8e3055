// The workshop page's index.html: one file that opens by a double-click from file:// with no server
// and no network request — the page script and the worker's source (both bundled by esbuild at build
// time, src/bench/bundle-workshop.ts) and vega, vega-lite and vega-embed inlined, the scenarios as
// JSON. The worker starts from a Blob URL of its source, which file:// allows.
import { escapeScript, inlineBundles, scriptJson } from './html.js';
import { escapeHtml } from './escape.js';
import type { WorkshopData } from './workshop/embedded.js';

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 0.6rem 1.2rem; background: #f4f4f4; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.2rem; margin: 0; }
main { display: grid; grid-template-columns: minmax(320px, 420px) 1fr; gap: 1.2rem; padding: 1rem 1.2rem; }
.lever { margin: 0 0 0.8rem; }
.lever label:first-child { display: block; font-weight: 600; }
.lever code { font-weight: normal; color: #555; font-size: 0.85em; }
.lever input[type=range] { width: 60%; vertical-align: middle; }
.unit { color: #555; }
#problem { white-space: pre-wrap; background: #fdecea; border: 1px solid #e0a0a0; padding: 0.5rem; }
#warnings ul { background: #fff6e0; border: 1px solid #e0c070; padding: 0.5rem 1.5rem; }
table { border-collapse: collapse; margin: 0.6rem 0; }
caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; }
#status { color: #555; }
textarea { width: 100%; height: 10rem; font: 12px monospace; }
fieldset { margin: 0.8rem 0; }
`;

/** index.html of a workshop folder. */
export function workshopHtml(pageJs: string, workerJs: string, data: WorkshopData): string {
  const title = `orisim workshop — ${data.scenarios.map((s) => s.file).join(', ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>orisim workshop: <span id="scenario-name"></span></h1>${
    data.scenarios.length > 1
      ? `<p><label for="scenario-choice">Scenario</label> <select id="scenario-choice">${data.scenarios.map((s, i) => `<option value="${i}">${escapeHtml(s.file)}</option>`).join('')}</select></p>`
      : ''
  }</header>
<main>
<section aria-labelledby="levers-heading">
<h2 id="levers-heading">What if…</h2>
<div id="levers"></div>
<p><label for="seed">Seed</label> <input id="seed" type="number" step="1">
<label for="cap">at most</label> <select id="cap">${[10, 20, 40, 80, 160, 320].map((n) => `<option value="${n}">${n}</option>`).join('')}</select> replications</p>
<p><button id="reset" type="button">Back to today</button></p>
<fieldset><legend>Share</legend>
<p>The address of this page holds every setting: copy it to share or keep this what-if.</p>
<p><button id="export" type="button">Export the what-if as scenario YAML</button></p>
<textarea id="export-text" aria-label="The what-if as scenario YAML" readonly></textarea>
<p><label for="import">Open another scenario (or drop a file on the page):</label> <input id="import" type="file" accept=".yaml,.yml,.json"></p>
</fieldset>
<fieldset><legend>Facilitator</legend>
<p><label><input id="facilitator" type="checkbox"> facilitator mode: lock levers, keep presets</label></p>
<div id="presets-box" hidden><p><label for="preset-name">Preset name</label> <input id="preset-name" type="text"> <button id="save-preset" type="button">Save these settings as a preset</button></p>
<div id="presets"></div></div>
</fieldset>
</section>
<section id="result" aria-live="polite" data-orisim-status="loading">
<p id="status">loading…</p>
<pre id="problem" role="alert" hidden></pre>
<div id="warnings" role="alert"></div>
<div id="answer"></div>
<div id="chart-lead"></div>
<div id="chart-costs"></div>
</section>
</main>
<script type="application/json" id="orisim-workshop-data">${scriptJson(data)}</script>
<script type="text/js-worker" id="orisim-worker-source">${escapeScript(workerJs)}</script>
${inlineBundles()}
<script>${escapeScript(pageJs)}</script>
</body>
</html>
`;
}
