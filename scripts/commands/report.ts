/**
 * `lab report [--seeds N] [--steps N] [--json]`: runs the report plan over N
 * seeds and prints task gain and forgetting (mean ± sd) per config, then which
 * claims of the literature held in how many seeds.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { applySettings, formatErrors } from '../../src/engine/config/keys';
import { presetConfig } from '../../src/engine/config/presets';
import { defaultConfig, type ExperimentConfig } from '../../src/engine/config/schema';
import { judge, measure, type ResultTable } from '../lib/claims';
import { readCheckpoint } from '../lib/checkpointFiles';
import { startNodeBackend } from '../lib/nodeBackend';
import { REPORT_CLAIMS, REPORT_RUNS, type PlannedRun } from '../lib/reportPlan';
import { runOnce } from '../lib/runOnce';

function planConfig(run: PlannedRun, seed: number, steps?: number): ExperimentConfig {
  const start = run.preset ? presetConfig(run.preset) : defaultConfig();
  const { config, errors } = applySettings(start, { ...run.settings, seed, ...(steps ? { steps } : {}) });
  if (errors.length) throw new Error(`report config '${run.label}' is invalid: ${formatErrors(errors)}`);
  return config;
}

const meanSd = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(xs.length - 1, 1));
  return `${(100 * mean).toFixed(1).padStart(5)} ± ${(100 * sd).toFixed(1).padEnd(4)}`;
};

export async function reportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      seeds: { type: 'string', default: '5' },
      steps: { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
    },
    strict: true,
  });
  const nSeeds = Number(values.seeds);
  if (!Number.isInteger(nSeeds) || nSeeds < 1) throw new Error(`--seeds must be a whole number ≥ 1, not '${values.seeds}'`);
  const steps = values.steps ? Number(values.steps) : undefined;
  const seeds = Array.from({ length: nSeeds }, (_, i) => i + 1);
  const runs = values.only ? REPORT_RUNS.filter((r) => values.only!.split(',').includes(r.label)) : REPORT_RUNS;
  const backend = await startNodeBackend('auto');
  const base = await readCheckpoint();
  const table: ResultTable = {};
  const started = Date.now();
  let done = 0;
  for (const seed of seeds) {
    for (const run of runs) {
      const result = await runOnce(planConfig(run, seed, steps), backend, base);
      done += 1;
      const m = measure(result.events);
      process.stderr.write(
        `[${done}/${seeds.length * runs.length}] seed ${seed} ${run.label}: ${m ? `gain ${(100 * m.summary.taskGain).toFixed(1)}, forgetting ${(100 * m.summary.forgetting).toFixed(1)}` : `failed: ${result.error}`} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
      );
      if (m) (table[run.label] ??= {})[seed] = m;
    }
  }
  const claims = judge(table, seeds, REPORT_CLAIMS.filter((c) => c.labels.every((l) => table[l])));
  if (values.out) await writeFile(values.out, JSON.stringify({ seeds, steps, table, claims }, null, 1) + '\n');
  if (values.json) {
    process.stdout.write(JSON.stringify({ seeds, backend, claims, table }) + '\n');
    return 0;
  }
  const out: string[] = [];
  out.push(`Forgetting Lab report: ${seeds.length} seed(s), ${steps ?? 'default'} steps, ${backend}, ${((Date.now() - started) / 60000).toFixed(1)} min`);
  out.push('');
  out.push(`${'config'.padEnd(14)} ${'task gain (pts)'.padEnd(15)}  ${'forgetting (pts)'.padEnd(16)}  general per-token %`);
  for (const run of runs) {
    const ms = Object.values(table[run.label] ?? {});
    if (!ms.length) {
      out.push(`${run.label.padEnd(14)} (no finished run)`);
      continue;
    }
    out.push(
      `${run.label.padEnd(14)} ${meanSd(ms.map((m) => m.summary.taskGain))}    ${meanSd(ms.map((m) => m.summary.forgetting))}     ${meanSd(ms.map((m) => m.summary.generalTokenAcc))}`,
    );
  }
  out.push('');
  out.push('Claims (held in k of n seeds; a claim "holds" here at 4 of 5):');
  for (const c of claims) {
    const held = c.perSeed.filter((s) => s.held).length;
    out.push(`${held >= Math.ceil(0.8 * c.perSeed.length) ? 'HOLDS ' : 'FAILS '} ${held}/${c.perSeed.length}  ${c.text}`);
    for (const s of c.perSeed) out.push(`         seed ${s.seed}: ${s.held ? 'yes' : 'no '}  ${s.detail}`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
