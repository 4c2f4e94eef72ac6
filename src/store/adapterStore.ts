/**
 * The adapter library's plugboard: which adapters are plugged in and with
 * what weight, the switch that takes them all out, and the scores of every
 * ability the worker measured for what is plugged (and for nothing plugged:
 * the base model). Only the latest request's answer is kept.
 */
import { create } from 'zustand';
import type { AdapterFields, Plug } from '../engine/adapters/adapterRecord';
import type { PluggedScores } from '../engine/adapters/scorePlugged';
import type { ScenarioName } from '../engine/scenarios/names';
import type { LibraryAdapter } from '../runs/adapterLibrary';
import { describeScenario } from '../engine/scenarios/registry';

export type EvaluateAdapters = (scenario: ScenarioName, plugs: Plug<AdapterFields>[], preview?: number) => Promise<PluggedScores>;

interface PluggedResult extends PluggedScores {
  scenario: ScenarioName;
  /** What was plugged: adapter (run) id → weight. */
  plugs: Record<string, number>;
  /** A first look on this many held-out examples per ability (the whole sets follow), or null: the whole sets. */
  preview: number | null;
  /** The base model's scores on the same examples, to compare with. */
  baseScores: PluggedScores;
}

/** A first look scores a quarter of each held-out set: a plug answers in a fraction of the time, and the whole sets follow. */
const previewSize = (scenario: ScenarioName): number => Math.max(4, Math.floor(describeScenario(scenario).evalSize / 4));

export interface AdapterState {
  /** Adapter (run) id → weight, for the adapters checked. */
  plugged: Record<string, number>;
  /** The switch: off, nothing is plugged in, whatever is checked. */
  on: boolean;
  /** Scores with what is plugged, and the base model's (nothing plugged), per scenario. */
  result: PluggedResult | null;
  base: Partial<Record<ScenarioName, PluggedScores>>;
  /** The base model on the first look's examples, per scenario. */
  basePreview: Partial<Record<ScenarioName, PluggedScores>>;
  busy: boolean;
  error: string | null;
  setPlug: (id: string, weight: number | null) => void;
  setOn: (on: boolean) => void;
  /** Scores what is plugged among `library`'s adapters of `scenario` (and the base, once). */
  evaluate: (scenario: ScenarioName, library: readonly LibraryAdapter[]) => Promise<void>;
}

/** The weights of the plugged adapters of a scenario that the switch lets through. */
export function activePlugs(state: Pick<AdapterState, 'plugged' | 'on'>, scenario: ScenarioName, library: readonly LibraryAdapter[]): Record<string, number> {
  if (!state.on) return {};
  return Object.fromEntries(library.filter((a) => a.scenario === scenario && state.plugged[a.id] !== undefined).map((a) => [a.id, state.plugged[a.id]]));
}

/**
 * `knownBase`: the base model's scores where the lab has them already (it
 * scores every scenario's base model on its backend when it connects:
 * exactly what nothing plugged scores), so the first plug costs one
 * evaluation, not two.
 */
export function createAdapterStore(evaluateAdapters: EvaluateAdapters, knownBase: (scenario: ScenarioName) => PluggedScores | undefined = () => undefined) {
  let latest = 0;
  return create<AdapterState>((set, get) => ({
    plugged: {},
    on: true,
    result: null,
    base: {},
    basePreview: {},
    busy: false,
    error: null,
    setPlug: (id, weight) =>
      set((s) => {
        const plugged = { ...s.plugged };
        if (weight === null) delete plugged[id];
        else plugged[id] = weight;
        return { plugged };
      }),
    setOn: (on) => set({ on }),
    evaluate: async (scenario, library) => {
      const mine = ++latest;
      const plugs = activePlugs(get(), scenario, library);
      for (const [id, w] of Object.entries(plugs)) {
        if (!Number.isFinite(w)) {
          set({ error: `the weight of ${library.find((a) => a.id === id)?.name ?? id} must be a number`, busy: false });
          return;
        }
      }
      set({ busy: true, error: null });
      try {
        const base = knownBase(scenario) ?? get().base[scenario] ?? (await evaluateAdapters(scenario, []));
        if (mine !== latest) return;
        set((s) => ({ base: { ...s.base, [scenario]: base } }));
        const byId = new Map(library.map((a) => [a.id, a]));
        const list = Object.entries(plugs).map(([id, weight]) => ({ adapter: byId.get(id)!.adapter, weight }));
        if (list.length) {
          // A first look on a quarter of each set, beside the base on the same examples; then the whole sets.
          const size = previewSize(scenario);
          const basePreview = get().basePreview[scenario] ?? (await evaluateAdapters(scenario, [], size));
          if (mine !== latest) return;
          const preview = await evaluateAdapters(scenario, list, size);
          if (mine !== latest) return;
          set((s) => ({ basePreview: { ...s.basePreview, [scenario]: basePreview }, result: { ...preview, scenario, plugs, preview: size, baseScores: basePreview } }));
        }
        const scores = list.length ? await evaluateAdapters(scenario, list) : base;
        if (mine !== latest) return;
        set({ result: { ...scores, scenario, plugs, preview: null, baseScores: base }, busy: false });
      } catch (err) {
        if (mine === latest) set({ busy: false, error: err instanceof Error ? err.message : String(err) });
      }
    },
  }));
}
