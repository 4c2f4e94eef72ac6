/** `lab run`: one experiment, a progress line on stderr, the result on stdout. */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { configFromOptions } from '../lib/experimentConfig';
import { readScenarioAssets } from '../lib/scenarioAssets';
import { parseBackendOption } from '../lib/backendOption';
import { startNodeBackend } from '../lib/nodeBackend';
import { Progress } from '../lib/progress';
import { runOnce } from '../lib/runOnce';
import { readStartAdapters } from '../lib/startAdapters';
import { adapterFingerprint, startEntry } from '../../src/engine/adapters/startSpec';
import { describeSummary } from '../lib/describe';
import { isStream, stageOfStep, totalSteps } from '../../src/engine/stream/stream';
import { assetsWithDomainFile, readDomainFile, withDomainFile } from '../lib/domainFile';
import { describeChanges } from '../../src/engine/scenarios/text/customText';

export async function runCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      preset: { type: 'string' },
      link: { type: 'string' },
      set: { type: 'string', multiple: true },
      config: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      'domain-file': { type: 'string' },
      adapters: { type: 'string' },
    },
    strict: true,
  });
  let config = await configFromOptions({ link: values.link, preset: values.preset, configFile: values.config, sets: values.set });
  const domainFile = values['domain-file'] !== undefined ? await readDomainFile(values['domain-file']) : null;
  if (domainFile) {
    config = withDomainFile(config, domainFile);
    process.stderr.write(`${domainFile.name}: ${describeChanges(domainFile.changes)}\n`);
  }
  parseBackendOption(values.backend!);
  const backend = await startNodeBackend(values.backend);
  const assets = domainFile ? await assetsWithDomainFile(config, domainFile) : await readScenarioAssets(config.scenario);

  // A start from merged adapters (`--set start=…`): they come from a run file.
  const adapters = values.adapters !== undefined ? await readStartAdapters(values.adapters) : [];
  const progress = new Progress();
  const steps = totalSteps(config);
  const stream = isStream(config);
  let generalAcc = NaN;
  let taskAcc = NaN;
  const result = await runOnce(config, backend, assets, (e) => {
    if (e.type === 'baseline' || e.type === 'eval') {
      taskAcc = e.eval.task.acc;
      generalAcc = e.eval.generalAcc;
    }
    if (e.type === 'step') {
      progress.update(
        `${stream ? `stage ${stageOfStep(config, e.step) + 1}/${config.stream.length} ` : ''}step ${e.step}/${steps}  loss ${e.loss.toFixed(3)}  task ${(100 * taskAcc).toFixed(0)}%  general ${(100 * generalAcc).toFixed(0)}%  [${backend}]`,
        e.step === steps,
      );
    }
  }, adapters);
  progress.end();

  const output = { config: result.config, backend: result.backend, events: result.events, summary: result.summary ?? null };
  if (values.out) await writeFile(values.out, JSON.stringify(output) + '\n');
  if (values.json) process.stdout.write(JSON.stringify(output) + '\n');
  if (result.error) {
    process.stderr.write(`run failed: ${result.error}\n`);
    return 1;
  }
  if (!values.json) process.stdout.write(`${describeSummary(result.summary!, backend)}\n`);
  // A LoRA run's adapter by the name a later run's start uses.
  const adapter = result.events.find((e) => e.type === 'adapter');
  if (adapter?.type === 'adapter') {
    const id = adapterFingerprint(adapter.adapter);
    process.stderr.write(`adapter ${id}: train on from it with --set start=${startEntry(id, 1)} --adapters ${values.out ?? 'FILE (this run, saved with --out)'}\n`);
  }
  return 0;
}
