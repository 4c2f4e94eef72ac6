/**
 * `lab adapters`: do adapters for different tasks interfere when plugged in
 * together? One LoRA run per task (same settings otherwise), then every
 * ability scored with nothing plugged (the base), with each adapter alone and
 * with all of them at weight 1, per seed; the table shows means over seeds.
 *
 *   npm run lab -- adapters --tasks letters,rotate [--set key=value ...] [--seeds N (1)] [--json]
 */
import { parseArgs } from 'node:util';
import { decodeAdapter, type AdapterFields } from '../../src/engine/adapters/adapterRecord';
import { scorePlugged } from '../../src/engine/adapters/scorePlugged';
import { describeScenario } from '../../src/engine/scenarios/registry';
import { configFromOptions } from '../lib/experimentConfig';
import { readScenarioAssets } from '../lib/scenarioAssets';
import { startNodeBackend } from '../lib/nodeBackend';
import { runOnce } from '../lib/runOnce';

interface Row {
  /** What was plugged: 'base', a task, or 'all'. */
  plugged: string;
  seed: number;
  /** Score (acc) of each task trained, and the mean over the general abilities. */
  tasks: Record<string, number>;
  general: number;
  ms: number;
}

export async function adaptersCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      tasks: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      seeds: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'auto' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const tasks = (values.tasks ?? '').split(',').filter(Boolean);
  const seeds = Number(values.seeds);
  if (tasks.length < 2) throw new Error('--tasks needs two tasks or more, e.g. --tasks letters,rotate');
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`--seeds must be a whole number ≥ 1, not ${values.seeds}`);
  const backend = await startNodeBackend(values.backend);
  const first = await configFromOptions({ sets: values.set });
  const key = describeScenario(first.scenario).task.key;
  const assets = await readScenarioAssets(first.scenario);
  const rows: Row[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const adapters: Record<string, AdapterFields> = {};
    for (const task of tasks) {
      const config = await configFromOptions({ sets: [...values.set!, 'method=lora', `${key}=${task}`, `seed=${seed}`] });
      process.stderr.write(`seed ${seed}: training a LoRA adapter on ${task} (${config.steps} steps)…\n`);
      const result = await runOnce(config, backend, assets);
      if (result.error) throw new Error(`the ${task} run failed: ${result.error}`);
      const event = result.events.find((e) => e.type === 'adapter');
      if (!event) throw new Error(`the ${task} run kept no adapter`);
      adapters[task] = event.adapter;
    }
    const sets: Array<[string, string[]]> = [['base', []], ...tasks.map((t): [string, string[]] => [t, [t]]), ['all', tasks]];
    for (const [plugged, which] of sets) {
      const scored = await scorePlugged(first.scenario, assets, which.map((t) => ({ adapter: adapters[t], weight: 1 })));
      const general = scored.general.reduce((n, g) => n + scored.scores[g].acc, 0) / scored.general.length;
      rows.push({ plugged, seed, tasks: Object.fromEntries(tasks.map((t) => [t, scored.scores[t].acc])), general, ms: scored.ms });
    }
    // Decoding checks each adapter once more, as the page would read it from a file.
    for (const t of tasks) decodeAdapter(adapters[t]);
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ tasks, seeds, backend, rows }) + '\n');
    return 0;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const pctOf = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `| plugged (weight 1) | ${tasks.join(' | ')} | general (mean) | scored in |`,
    `|---|${tasks.map(() => '---:').join('|')}|---:|---:|`,
  ];
  for (const plugged of ['base', ...tasks, 'all']) {
    const mine = rows.filter((r) => r.plugged === plugged);
    const label = plugged === 'base' ? 'nothing (base model)' : plugged === 'all' ? tasks.join(' + ') : `${plugged} alone`;
    lines.push(`| ${label} | ${tasks.map((t) => pctOf(mean(mine.map((r) => r.tasks[t])))).join(' | ')} | ${pctOf(mean(mine.map((r) => r.general)))} | ${mean(mine.map((r) => r.ms)).toFixed(0)} ms |`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n(${seeds} seed(s), ${backend}, settings: ${[...values.set!, 'method=lora'].join(' ')})\n`);
  return 0;
}
