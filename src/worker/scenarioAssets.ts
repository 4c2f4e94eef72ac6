/**
 * What a scenario needs from the app's own origin, fetched by the worker when
 * a run (or the base-model report) first asks for it and kept for the
 * session: the skills base model; the text base model and, of the text
 * corpus, only the files a config needs (a run without general prose mixed
 * in never fetches the 2.6 MB of its training split).
 */
import { decodeCheckpoint, parseCheckpointManifest, type Checkpoint } from '../engine/checkpoint/format';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ScenarioAssets } from '../engine/scenarios/scenario';
import type { ScenarioName } from '../engine/scenarios/names';
import type { TextCorpus } from '../engine/scenarios/text/corpus';
import { parseTextCorpus, parseTextManifest, requestedFiles, TEXT_MANIFEST_FILE, type TextCorpusRequest, type TextManifest } from '../engine/scenarios/text/manifest';
import { baseReportRequest, textCorpusRequest } from '../engine/scenarios/text/textConstants';
/**
 * Where the assets are, all from the skills model's folder the page names
 * (public/ is laid out models/base/, models/text/, data/text/): the protocol
 * keeps its one URL.
 */
function assetUrls(skillsModelUrl: string) {
  const skills = folder(skillsModelUrl);
  return { skills, text: new URL('../text/', skills).href, textData: new URL('../../data/text/', skills).href };
}

const folder = (url: string) => (url.endsWith('/') ? url : `${url}/`);

async function fetchOk(url: string, what: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${what} (${response.status} for ${url})`);
  return response;
}

async function fetchCheckpoint(dir: string, what: string): Promise<Checkpoint> {
  const manifest = parseCheckpointManifest(await (await fetchOk(`${dir}manifest.json`, `${what}'s manifest`)).json());
  return decodeCheckpoint(manifest, await (await fetchOk(`${dir}${manifest.weightsFile}`, `${what}'s weights`)).arrayBuffer());
}

export class WorkerAssets {
  private readonly bases = new Map<ScenarioName, Promise<Checkpoint>>();
  private manifest: Promise<TextManifest> | null = null;
  private readonly files = new Map<string, Promise<string>>();
  private readonly corpora = new Map<string, Promise<TextCorpus>>();

  private readonly urls: ReturnType<typeof assetUrls>;

  constructor(skillsModelUrl: string) {
    this.urls = assetUrls(skillsModelUrl);
  }

  /** A scenario's base model, fetched once. */
  base(scenario: ScenarioName): Promise<Checkpoint> {
    let base = this.bases.get(scenario);
    if (!base) {
      base = fetchCheckpoint(scenario === 'skills' ? this.urls.skills : this.urls.text, `the ${scenario} base model`);
      this.bases.set(scenario, base);
      base.catch(() => this.bases.delete(scenario));
    }
    return base;
  }

  /** What a run of this config reads. */
  async forConfig(config: ExperimentConfig): Promise<ScenarioAssets> {
    const base = await this.base(config.scenario);
    return config.scenario === 'text' ? { base, corpus: await this.corpus(textCorpusRequest(config)) } : { base };
  }

  /** What scoring the base model on every ability reads. */
  async forBaseReport(scenario: ScenarioName): Promise<ScenarioAssets> {
    const base = await this.base(scenario);
    return scenario === 'text' ? { base, corpus: await this.corpus(baseReportRequest()) } : { base };
  }

  private corpus(request: TextCorpusRequest): Promise<TextCorpus> {
    const key = JSON.stringify(request);
    let corpus = this.corpora.get(key);
    if (!corpus) {
      corpus = (async () => {
        const manifest = await (this.manifest ??= fetchOk(`${this.urls.textData}${TEXT_MANIFEST_FILE}`, 'the text corpus manifest').then(async (r) => parseTextManifest(await r.json())));
        const paths = requestedFiles(manifest, request);
        const texts = await Promise.all(paths.map((path) => this.file(path)));
        return parseTextCorpus(manifest, Object.fromEntries(paths.map((p, i) => [p, texts[i]])), request);
      })();
      this.corpora.set(key, corpus);
      corpus.catch(() => this.corpora.delete(key));
    }
    return corpus;
  }

  private file(path: string): Promise<string> {
    let text = this.files.get(path);
    if (!text) {
      text = fetchOk(`${this.urls.textData}${path}`, `text corpus file ${path}`).then((r) => r.text());
      this.files.set(path, text);
      text.catch(() => this.files.delete(path));
    }
    return text;
  }
}
