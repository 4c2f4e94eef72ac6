/**
 * The answer of the lesson step "Adapters are plugins": two LoRA runs on two
 * tasks leave two adapters; unplugged, the model is the base again (the base
 * weights never moved), which the runs' own baselines show; plugged together
 * they may interfere, which the Adapters panel measures.
 */
import { adapterLibrary } from '../runs/adapterLibrary';
import { baselineOf, summaryOf, type Run } from '../runs/run';
import { percent1, points, unfinished } from './answerFormat';
import type { Answer } from './lesson';

export function adaptersArePlugins(second: Run, first: Run): Answer {
  const [a, b] = [summaryOf(first), summaryOf(second)];
  if (!a) return unfinished(first);
  if (!b) return unfinished(second);
  const library = adapterLibrary([first, second]);
  const base = baselineOf(second)?.eval;
  const [taskA, taskB] = [first, second].map((r) => library.find((l) => l.id === r.id)?.task ?? r.config.task);
  const learned = (run: Run, task: string) => {
    const before = baselineOf(run)?.eval.task.acc;
    const s = summaryOf(run)!;
    return `The ${task} adapter took ${task} ${before === undefined ? '' : `from ${percent1(before)} `}to ${percent1(s.taskAcc)}, and cost ${points(s.forgetting)} of the general skills while plugged in.`;
  };
  const unplugged = base
    ? ` Unplugged, the model is the base model again, exactly: general skills at ${percent1(base.generalAcc)}, as before either run, because only the adapters trained.`
    : ' Unplugged, the model is the base model again, exactly: only the adapters trained.';
  return {
    text: `${learned(first, taskA)} ${learned(second, taskB)}${unplugged} Open Adapters below: plug each in alone, then both at weight 1. Does each task survive the other's adapter?`,
    details: library.map((l) => `${l.task}: ${l.params.toLocaleString('en')} numbers (${l.kb.toFixed(1)} KB), rank ${l.rank}, kept with the run.`),
  };
}
