// dependency-cruiser's rules for src/ (`npm run lint:deps`, part of `npm test`): each folder is one
// step of the flow and imports only the steps below it; no import cycles (type-only imports count);
// the core — engine to study — imports nothing from Node, so that it bundles for a browser
// (files and worker threads are adapters in src/node/ and src/output/). docs/architecture.md
// describes the layers.

/** The layers, bottom first: a layer may import the layers before it, never one after it. */
const LAYERS = [
  'engine', // event queue, clock, processes, resources, calendars, random streams, distributions
  'scenario', // text → validated, fully defaulted, immutable scenario
  'model', // the change process: one function per path
  'run', // replications, digests, shards, each replication's rows (execution, no threads)
  'stats', // summaries, intervals, paired comparisons, sweeps
  'calibrate', // client exports → fitted scenario; back-tests
  'study', // uncertainty and optimise: input designs, sensitivity, ranking and selection (in memory)
  'node', // Node adapters of the core: scenario files, worker threads, spill files, export files
  'output', // output folders, marker, CSV/Parquet/JSON writers, shard folders, exports
  'report', // words, Vega-Lite charts, SVG/PNG, the HTML reports
  'api', // one function per command, results in memory
  'cli', // argument parsing, exit codes, progress, stdout and stderr
  'bench', // benchmarks and screenshots (dev only)
];
const CORE = LAYERS.slice(0, LAYERS.indexOf('study') + 1);

/** Packages that need Node (native code, the terminal, a browser driver): never in the core. */
const NODE_ONLY_PACKAGES = ['@resvg/resvg-js', 'yargs', 'playwright-core'];

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `${layer}-imports-only-below`,
  comment: `src/${layer}/ may import only ${i === 0 ? 'nothing else in src/' : `src/{${LAYERS.slice(0, i).join(',')}}/`}: imports run down the flow`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'src-in-layers',
      comment: 'every module of src/ is in one of the layer folders (src/index.ts, the public module, is the api layer)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: [`^src/(${LAYERS.join('|')})/`, '^src/index\\.ts$'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles, type-only imports included: a cycle hides which module comes first',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-no-node-builtins',
      comment: `src/{${CORE.join(',')}}/ import nothing from Node (node:fs, node:path, node:worker_threads…): they bundle for a browser; Node adapters live in src/node/`,
      severity: 'error',
      from: { path: `^src/(${CORE.join('|')})/` },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-node-only-packages',
      comment: `src/{${CORE.join(',')}}/ import no package that needs Node (${NODE_ONLY_PACKAGES.join(', ')})`,
      severity: 'error',
      from: { path: `^src/(${CORE.join('|')})/` },
      to: { path: `(^|/)node_modules/(${NODE_ONLY_PACKAGES.map((p) => p.replace('/', '\\/')).join('|')})/` },
    },
    {
      name: 'no-dev-dependencies',
      comment: 'the shipped code (src/ but bench) imports only dependencies, never devDependencies',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/bench/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-to-test',
      comment: 'src/ never imports from test/',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-non-package-json',
      comment: 'every package imported is listed in package.json',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves to a file or a package',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-deprecated-core',
      comment: 'no deprecated Node modules (punycode, domain, sys…)',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['core'], path: '^(v8/tools/.+|node-inspect/lib/.+|punycode|domain|constants|sys|_linklist|_stream_wrap)$' },
    },
  ],
  options: {
    // Type-only imports are dependencies too: they count for layers and cycles.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
