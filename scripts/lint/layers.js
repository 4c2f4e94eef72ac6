/**
 * ESLint rule `lab/layers`: the lab's layers, by what each file may import
 * (docs/architecture.md). Type-only imports are always allowed: they vanish
 * at build time.
 *
 * - page (the main thread: ui, store, share, and the worker's client side):
 *   no tfjs; from the engine, only its tfjs-free modules.
 * - pure engine (tfjs-free modules the page may use): no tfjs, and only other
 *   pure-engine modules. With the page rule this keeps tfjs out of the page
 *   however deep the imports go.
 * - engine: nothing above it (no ui, store, share, worker; no React, zustand,
 *   comlink, IndexedDB).
 * - worker thread: the engine and itself; not the page.
 * - teach (lessons, glossary): plain data and functions over runs, used by
 *   the page; no tfjs, React or stores' libraries, so each answer is testable
 *   without a browser. It may use the run model and the pure engine, not the
 *   page.
 * - runs (the run model: a run as the page keeps it, and helpers over its
 *   events): a pure schema below the page and teach; no tfjs, React or
 *   stores' libraries, and only itself and the pure engine.
 */
import { dirname, relative, resolve } from 'node:path';

const ZONES = {
  pure: [
    'src/engine/config/',
    'src/engine/data/',
    'src/engine/scenarios/',
    'src/engine/sweep/',
    'src/engine/stream/',
    'src/engine/model/architecture.ts',
    'src/engine/model/dims.ts',
    'src/engine/model/shapes.ts',
    'src/engine/model/layout.ts',
    'src/engine/experiment/events.ts',
    'src/engine/experiment/eventSchema.ts',
    'src/engine/adapters/adapterRecord.ts',
    'src/engine/adapters/startSpec.ts',
    'src/engine/experiment/paramCount.ts',
    'src/engine/experiment/evalPlan.ts',
    'src/engine/experiment/trainable.ts',
    'src/engine/eval/score.ts',
    'src/engine/backend/names.ts',
  ],
  teach: ['src/teach/'],
  runs: ['src/runs/'],
  page: ['src/main.tsx', 'src/ui/', 'src/store/', 'src/share/', 'src/worker/client.ts', 'src/worker/backendChoice.ts', 'src/worker/protocol.ts'],
  engine: ['src/engine/'],
  worker: ['src/worker/'],
};

/**
 * A scenario's folder is pure (its descriptor, data, corpus) except the parts
 * that run a model: these use tfjs and belong to the engine zone.
 */
const SCENARIO_ENGINE_FILES = [
  'src/engine/scenarios/assets.ts',
  'src/engine/scenarios/runtimes.ts',
  'src/engine/scenarios/skills/skillsScenario.ts',
  'src/engine/scenarios/text/textScenario.ts',
  'src/engine/scenarios/text/textEvaluate.ts',
  'src/engine/scenarios/text/textSamples.ts',
  'src/engine/scenarios/text/textPretrain.ts',
];

/** The zone of a repo-relative path (first match wins: pure before engine, page before worker). */
export function zoneOf(path) {
  const file = path.replace(/\.(ts|tsx|js|mjs)$/, '');
  if (SCENARIO_ENGINE_FILES.some((p) => file === p.replace(/\.ts$/, '')) || /^src\/engine\/scenarios\/.*\.test$/.test(file)) return 'engine';
  for (const [zone, prefixes] of Object.entries(ZONES)) {
    if (prefixes.some((p) => (p.endsWith('/') ? path.startsWith(p) : file === p.replace(/\.(ts|tsx)$/, '')))) return zone;
  }
  return null;
}

const ALLOWED_LOCAL = {
  page: ['page', 'teach', 'runs', 'pure'],
  teach: ['teach', 'runs', 'pure'],
  runs: ['runs', 'pure'],
  pure: ['pure'],
  engine: ['engine', 'pure'],
  worker: ['worker', 'engine', 'pure'],
};

const FORBIDDEN_PACKAGES = {
  page: [/^@tensorflow\//],
  teach: [/^@tensorflow\//, /^react/, /^zustand/, /^comlink/, /^idb-keyval/, /^recharts/],
  runs: [/^@tensorflow\//, /^react/, /^zustand/, /^comlink/, /^idb-keyval/, /^recharts/],
  pure: [/^@tensorflow\//, /^react/, /^zustand/, /^comlink/, /^idb-keyval/, /^recharts/],
  engine: [/^react/, /^zustand/, /^comlink/, /^idb-keyval/, /^recharts/, /^node:/],
  worker: [/^react/, /^zustand/, /^recharts/],
};

const typeOnly = (node) =>
  node.importKind === 'type' || node.exportKind === 'type' || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

export default {
  meta: {
    type: 'problem',
    docs: { description: "keeps each layer's imports to what docs/architecture.md allows it" },
    schema: [],
    messages: {
      package: "{{zone}} code may not import '{{source}}' (docs/architecture.md, layers)",
      local: "{{zone}} code may not import {{target}} code ('{{source}}'){{hint}} (docs/architecture.md, layers)",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename);
    const zone = zoneOf(file);
    if (!zone) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || typeOnly(node)) return;
      if (!source.startsWith('.')) {
        if (FORBIDDEN_PACKAGES[zone].some((p) => p.test(source))) context.report({ node, messageId: 'package', data: { zone, source } });
        return;
      }
      const target = zoneOf(relative(root, resolve(dirname(context.filename), source.replace(/\?.*$/, ''))));
      if (target && !ALLOWED_LOCAL[zone].includes(target)) {
        const hint = zone === 'page' && target === 'engine' ? ': it uses tfjs; import its types only, or move what the page needs into a tfjs-free module' : '';
        context.report({ node, messageId: 'local', data: { zone, target, source, hint } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
