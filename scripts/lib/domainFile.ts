/**
 * `--domain-file PATH`: a text of one's own as the command line's custom
 * domain. The file is read and checked exactly as the page reads a chosen
 * file (engine/scenarios/text/customText.ts), the config names it by sha256,
 * and the run's assets carry it through the same reader hook the worker uses
 * (scenarios/assets.ts customText), so the scenario loads, checks and splits
 * it as it does on the page.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { keyApplies } from '../../src/engine/config/relevance';
import type { ExperimentConfig } from '../../src/engine/config/schema';
import { memoizedReader } from '../../src/engine/scenarios/assets';
import { scenarioRuntime } from '../../src/engine/scenarios/runtimes';
import type { ScenarioAssets } from '../../src/engine/scenarios/scenario';
import { CUSTOM_DOMAIN, readCustomText, type CustomText } from '../../src/engine/scenarios/text/customText';
import { REPO_ROOT } from './checkpointFiles';
import { fileReader } from './fileReader';

export async function readDomainFile(path: string): Promise<CustomText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new Error(`--domain-file ${path} could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
  }
  return readCustomText(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path));
}

/** The config trained on the file's text: domain=custom, named by its hash and name. Text scenario only. */
export function withDomainFile(config: ExperimentConfig, text: CustomText): ExperimentConfig {
  if (!keyApplies('domain', config)) throw new Error(`--domain-file trains the text scenario on a text of your own; this config is the ${config.scenario} scenario (use --preset text-ignore, or --set scenario=text)`);
  return { ...config, domain: CUSTOM_DOMAIN, domainHash: text.sha256, domainName: text.name };
}

/**
 * What runs read when a text of one's own is given: the scenario's own loader
 * over public/ and the file, through one reader, so a sweep or a report reads
 * each file and splits the text once however many runs it makes.
 */
export function domainFileAssets(text: CustomText): (config: ExperimentConfig) => Promise<ScenarioAssets> {
  const files = fileReader(join(REPO_ROOT, 'public'));
  const read = memoizedReader({
    ...files,
    customText: async (sha256) => {
      if (sha256 !== text.sha256) throw new Error(`--domain-file ${text.name} has sha256 ${text.sha256.slice(0, 12)}…`);
      return { name: text.name, text: text.text };
    },
  });
  return (config) => scenarioRuntime(config.scenario).loadAssets({ config }, read);
}

/** What a run of this config reads, the text among it. */
export function assetsWithDomainFile(config: ExperimentConfig, text: CustomText): Promise<ScenarioAssets> {
  return domainFileAssets(text)(config);
}
