/**
 * Two runs side by side: which of their settings differ, and how far apart
 * their results are. Pure: the compare view (ui/CompareRuns.tsx) draws what
 * these return, and the words come from each scenario's descriptor.
 */
import { flattenConfig } from '../engine/config/keys';
import { keyApplies } from '../engine/config/relevance';
import { keysOf, SECTIONS, type Section } from '../engine/config/sections';
import type { ExperimentConfig } from '../engine/config/schema';
import type { RunSummary } from '../engine/experiment/events';
import { describeScenario } from '../engine/scenarios/registry';
import type { ScenarioDescriptor } from '../engine/scenarios/descriptor';
import { summaryOf, type Run } from './run';

/** One setting of both runs; a value is undefined where the key means nothing in that run's scenario. */
export interface SettingRow {
  key: string;
  section: Section;
  a: unknown;
  b: unknown;
  differs: boolean;
}

/** Every setting that means something in either run's scenario, in section order, each marked same or different. */
export function compareSettings(a: ExperimentConfig, b: ExperimentConfig): SettingRow[] {
  const flatA = flattenConfig(a);
  const flatB = flattenConfig(b);
  return SECTIONS.flatMap((section) =>
    keysOf(section)
      .filter((key) => keyApplies(key, a) || keyApplies(key, b))
      .map((key) => {
        const va = keyApplies(key, a) ? flatA[key] : undefined;
        const vb = keyApplies(key, b) ? flatB[key] : undefined;
        return { key, section, a: va, b: vb, differs: JSON.stringify(va) !== JSON.stringify(vb) };
      }),
  );
}

/** How a metric's number reads: a share shown as points or percent, bits per character, a count, milliseconds. */
type MetricUnit = 'points' | 'percent' | 'bits' | 'count' | 'ms';

/** The summary's numbers (a stream run's matrix block is not one). */
type SummaryNumber = Exclude<keyof RunSummary, 'stream'>;

export interface MetricRow {
  id: SummaryNumber;
  label: string;
  unit: MetricUnit;
  a: number | null;
  b: number | null;
  /** b − a; null when either run has no value or the two runs' numbers measure different things. */
  delta: number | null;
  /** Which run did better on it, 'same' when they tie; null where better has no direction or there is no delta. */
  better: 'a' | 'b' | 'same' | null;
}

type Words = ScenarioDescriptor['metrics'];

interface MetricSpec {
  id: SummaryNumber;
  label: (w: Words) => string;
  unit: MetricUnit;
  /** Which way is better; null for a number that is neither (a size). */
  direction: 'higher' | 'lower' | null;
  /** Shown in a scenario whose metrics have it. */
  applies?: (w: Words) => boolean;
}

const METRICS: readonly MetricSpec[] = [
  { id: 'taskGain', label: (w) => `${w.task} gain`, unit: 'points', direction: 'higher' },
  { id: 'forgetting', label: () => 'forgetting (general loss)', unit: 'points', direction: 'lower' },
  { id: 'taskAcc', label: (w) => `${w.task} ${w.accuracy}`, unit: 'percent', direction: 'higher' },
  { id: 'generalAcc', label: (w) => `general ${w.accuracy}`, unit: 'percent', direction: 'higher' },
  { id: 'taskTokenAcc', label: (w) => `${w.task} ${w.tokenAccuracy}`, unit: 'percent', direction: 'higher', applies: (w) => w.tokenAccuracy !== null },
  { id: 'generalTokenAcc', label: (w) => `general ${w.tokenAccuracy}`, unit: 'percent', direction: 'higher', applies: (w) => w.tokenAccuracy !== null },
  { id: 'taskBpc', label: (w) => `${w.task} bits per character`, unit: 'bits', direction: 'lower', applies: (w) => w.bitsPerCharacter },
  { id: 'generalBpc', label: () => 'general bits per character', unit: 'bits', direction: 'lower', applies: (w) => w.bitsPerCharacter },
  { id: 'realWords', label: () => 'real words in the samples', unit: 'percent', direction: 'higher', applies: (w) => w.bitsPerCharacter },
  { id: 'trainableParams', label: () => 'trainable parameters', unit: 'count', direction: null },
  { id: 'msPerStep', label: () => 'time per step (this machine)', unit: 'ms', direction: 'lower' },
];

/** Below this two numbers are the same (floating-point noise, far under any shown digit). */
const TIE = 1e-9;

function betterOf(delta: number, direction: MetricSpec['direction']): MetricRow['better'] {
  if (!direction) return null;
  if (Math.abs(delta) < TIE) return 'same';
  return (delta > 0) === (direction === 'higher') ? 'b' : 'a';
}

export interface MetricComparison {
  rows: MetricRow[];
  /** Why there are no deltas, when there are none for a reason the reader should know. */
  note: string | null;
}

/**
 * The two runs' results, metric by metric, in the words of their scenario,
 * with b − a. Runs of two scenarios get no deltas: their accuracies are of
 * different things (exact answers, next characters).
 */
export function compareMetrics(a: Run, b: Run): MetricComparison {
  const sa = summaryOf(a);
  const sb = summaryOf(b);
  const sameScenario = a.config.scenario === b.config.scenario;
  const words = describeScenario(a.config.scenario).metrics;
  const wordsB = describeScenario(b.config.scenario).metrics;
  const rows = METRICS.filter((m) => !m.applies || m.applies(words) || m.applies(wordsB)).map((m): MetricRow => {
    const va = sa?.[m.id] ?? null;
    const vb = sb?.[m.id] ?? null;
    const delta = sameScenario && va !== null && vb !== null ? vb - va : null;
    const label = sameScenario ? m.label(words) : `${m.label(words)} / ${m.label(wordsB)}`;
    return { id: m.id, label, unit: m.unit, a: va, b: vb, delta, better: delta === null ? null : betterOf(delta, m.direction) };
  });
  const unfinished = [a, b].filter((r) => !summaryOf(r)).map((r) => r.name);
  const note = !sameScenario
    ? `The two runs are of different scenarios (${describeScenario(a.config.scenario).label}, ${describeScenario(b.config.scenario).label}): their scores measure different things, so no differences are given.`
    : unfinished.length
      ? `${unfinished.join(' and ')} did not finish: ${unfinished.length > 1 ? 'their' : 'its'} results are missing.`
      : null;
  return { rows, note };
}
