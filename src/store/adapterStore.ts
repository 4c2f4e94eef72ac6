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

export type EvaluateAdapters = (scenario: ScenarioName, plugs: Plug<AdapterFields>[]) => Promise<PluggedScores>;

interface PluggedResult extends PluggedScores {
  scenario: ScenarioName;
  /** What was plugged: adapter (run) id → weight. */
  plugs: Record<string, number>;
}

export interface AdapterState {
  /** Adapter (run) id → weight, for the adapters checked. */
  plugged: Record<string, number>;
  /** The switch: off, nothing is plugged in, whatever is checked. */
  on: boolean;
  /** Scores with what is plugged, and the base model's (nothing plugged), per scenario. */
  result: PluggedResult | null;
  base: Partial<Record<ScenarioName, PluggedScores>>;
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

export function createAdapterStore(evaluateAdapters: EvaluateAdapters) {
  let latest = 0;
  return create<AdapterState>((set, get) => ({
    plugged: {},
    on: true,
    result: null,
    base: {},
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
        const base = get().base[scenario] ?? (await evaluateAdapters(scenario, []));
        if (mine !== latest) return;
        const byId = new Map(library.map((a) => [a.id, a]));
        const list = Object.entries(plugs).map(([id, weight]) => ({ adapter: byId.get(id)!.adapter, weight }));
        const scores = list.length ? await evaluateAdapters(scenario, list) : base;
        if (mine !== latest) return;
        set((s) => ({ base: { ...s.base, [scenario]: base }, result: { ...scores, scenario, plugs }, busy: false }));
      } catch (err) {
        if (mine === latest) set({ busy: false, error: err instanceof Error ? err.message : String(err) });
      }
    },
  }));
}
