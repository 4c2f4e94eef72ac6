/** For tests of whole runs: a config trained on a random tiny base model on wasm, every event kept. */
import { useBackend } from '../backend/backends';
import { configSchema, type ConfigInput } from '../config/schema';
import type { EventOf, ExperimentEvent } from '../experiment/events';
import { runExperiment } from '../experiment/run';
import { randomCheckpoint } from './fixtures';

export async function tinyRunEvents(input: ConfigInput, onEvent?: (e: ExperimentEvent) => void): Promise<ExperimentEvent[]> {
  await useBackend('wasm');
  const events: ExperimentEvent[] = [];
  for await (const e of runExperiment(configSchema.parse(input), { backend: 'wasm', base: randomCheckpoint(), evalSize: 8 })) {
    events.push(e);
    onEvent?.(e);
  }
  return events;
}

/** The events of one type, typed. */
export const eventsOf = <T extends ExperimentEvent['type']>(events: ExperimentEvent[], type: T) => events.filter((e): e is EventOf<T> => e.type === type);
