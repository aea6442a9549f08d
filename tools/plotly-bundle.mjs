// The partial plotly.js bundle the dashboard serves (assets/vendor/plotly-partial.min.js): plotly.js's own core
// (scatter, the components, the English locale) plus only the trace types the app draws, built with esbuild from
// the npm package pinned in package-lock.json, with the settings of plotly.js's esbuild-config.js.
// Run: `make plotly-bundle` (npm ci, then this). `node tools/plotly-bundle.mjs OUT` writes elsewhere (the test
// that the committed file is this script's output). The same inputs give the same bytes.
import { build } from 'esbuild';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Every trace type dashboard/figures makes (scatter is in the core). tests/perf/test_plotly_bundle.py checks
// this list against the figures, and the bundle's header against plotly.py's plotly.js version.
const TRACES = ['scatter', 'bar', 'heatmap', 'choropleth', 'scattergeo'];
const OUT = resolve(process.argv[2] || join(ROOT, 'assets', 'vendor', 'plotly-partial.min.js'));
const PLOTLY = join(ROOT, 'node_modules', 'plotly.js');

const entry = [
  "var Plotly = require('plotly.js/lib/core');",
  `Plotly.register([${TRACES.filter(t => t !== 'scatter').map(t => `require('plotly.js/lib/${t}')`).join(', ')}]);`,
  'module.exports = Plotly;',
].join('\n');

// maplibre's stylesheet is imported for map traces only, which are not in this bundle.
const noCss = {
  name: 'no-css',
  setup(b) {
    b.onResolve({ filter: /\.css$/ }, args => ({ path: args.path, namespace: 'no-css' }));
    b.onLoad({ filter: /.*/, namespace: 'no-css' }, () => ({ contents: '' }));
  },
};

const version = JSON.parse(readFileSync(join(PLOTLY, 'package.json'), 'utf8')).version;
const copyright = readFileSync(join(PLOTLY, 'dist', 'plotly.min.js'), 'utf8').match(/Copyright [0-9-]+, Plotly, Inc\./)[0];
const banner = `/**
* plotly.js (partial: ${TRACES.join(', ')} - minified) v${version}
* ${copyright}
* All rights reserved.
* Licensed under the MIT license (plotly-partial.LICENSE.txt)
* Built by tools/plotly-bundle.mjs (make plotly-bundle) from the npm package plotly.js@${version}; do not edit.
*/`;

const result = await build({
  stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'plotly-partial.js' },
  absWorkingDir: ROOT,
  format: 'iife',
  globalName: 'Plotly',
  bundle: true,
  minify: true,
  write: false,
  target: 'es2016',
  legalComments: 'eof',
  banner: { js: banner },
  plugins: [noCss],
  alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
  define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
  logLevel: 'warning',
});
// `var Plotly` at the top of a classic script is window.Plotly: dcc.Graph then uses it and never fetches its own.
writeFileSync(OUT, result.outputFiles[0].contents);
copyFileSync(join(PLOTLY, 'LICENSE'), join(dirname(OUT), 'plotly-partial.LICENSE.txt'));
console.log(`${OUT}: ${result.outputFiles[0].contents.length} bytes, plotly.js ${version}, traces ${TRACES.join(', ')}`);
