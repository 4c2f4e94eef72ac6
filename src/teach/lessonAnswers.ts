/**
 * The lessons' answers, computed from the participant's own runs: their
 * baseline, evaluations and summary events. Nothing here is canned but the
 * sentence around the numbers. Accuracies are shares (0–1) in the events and
 * percentages or points in the text.
 */
import { settingText } from '../engine/config/naming';
import { baselineOf, evalsOf, summaryOf, type Run } from '../runs/run';
import { minus, percent, percent1, points, pointsOf, tradeOff, unfinished } from './answerFormat';
import type { Answer } from './lesson';

/** A skill "fell" once it lost this share of its exact-match accuracy: a quarter of its answers. */
const FALL = 0.25;
const FALL_TEXT = `${Math.round(100 * FALL)} points`;
/** "Learned the task" means this task accuracy. */
const LEARNED = 0.9;

/** The first evaluation step at which the task reached LEARNED, or null. */
function learnedAt(run: Run): number | null {
  return evalsOf(run).find((e) => e.eval.task.acc >= LEARNED)?.step ?? null;
}

function learnedText(run: Run, who: string): string {
  const step = learnedAt(run);
  return step === null ? `${who} did not reach ${percent(LEARNED)} on the task in ${run.config.steps} steps.` : `${who} reached ${percent(LEARNED)} on the task at step ${step}.`;
}

/**
 * Which general skill fell first: the earliest evaluation at which a skill's
 * exact match was FALL or more below its own level before training. Skills
 * that fell by the same evaluation fell together (the run cannot order them),
 * and the answer says so, most of all when the first check found them down.
 */
export function whichSkillFellFirst(run: Run): Answer {
  const baseline = baselineOf(run);
  const evals = evalsOf(run);
  const summary = summaryOf(run);
  if (!baseline || !evals.length || !summary) return unfinished(run);
  const skills = Object.keys(baseline.eval.general);
  const before = (skill: string) => baseline.eval.general[skill].acc;
  const last = evals.at(-1)!;
  const falls = skills
    .map((skill) => {
      const at = evals.find((e) => before(skill) - (e.eval.general[skill]?.acc ?? before(skill)) >= FALL);
      return at ? { skill, step: at.step, acc: at.eval.general[skill].acc, drop: before(skill) - at.eval.general[skill].acc, size: at.evalSize } : null;
    })
    .filter((f): f is NonNullable<typeof f> => f !== null)
    .sort((a, b) => a.step - b.step || b.drop - a.drop);
  const end = `At the end the general skills averaged ${percent1(last.eval.generalAcc)}, against ${percent1(baseline.eval.generalAcc)} before training: forgetting ${points(summary.forgetting)}.`;
  if (!falls.length) {
    const drops = skills.map((skill) => ({ skill, drop: before(skill) - (last.eval.general[skill]?.acc ?? before(skill)) })).sort((a, b) => b.drop - a.drop);
    const worst = drops[0];
    const text =
      worst && worst.drop > 0
        ? `No skill lost ${FALL_TEXT} or more in this run. The biggest fall by the end: ${worst.skill}, ${points(worst.drop)}.`
        : 'No skill fell at all in this run.';
    return { text, details: [end] };
  }
  const first = falls[0];
  // Skills that fell by the same evaluation fell together: the run cannot tell which went first.
  const together = falls.filter((f) => f.step === first.step);
  const atFirstCheck = first.step === evals[0].step;
  const details: string[] = [];
  const later = falls.filter((f) => f.step > first.step);
  if (later.length) details.push(`Then: ${later.map((f) => `${f.skill} at step ${f.step}`).join(', ')}.`);
  const kept = skills.filter((s) => !falls.some((f) => f.skill === s));
  if (kept.length) details.push(`Never lost ${FALL_TEXT}: ${kept.join(', ')}.`);
  if (together.length > 1 && atFirstCheck) {
    details.push(`The first check, at step ${first.step}, already found them down, so this run cannot tell which fell first: set “Evaluate every” lower to see the order.`);
  }
  details.push(end);
  if (first.size < baseline.evalSize) {
    details.push(`Points during a run use ${first.size} examples per skill (the last uses ${baseline.evalSize}), so one answer moves a skill by ${Math.round(100 / first.size)} points.`);
  }
  const fell = (f: (typeof falls)[number]) => `${f.skill} ${percent(before(f.skill))} → ${percent(f.acc)}`;
  if (together.length > 1) {
    const who = together.length === skills.length ? `All ${together.length} skills` : listed(together.map((f) => f.skill));
    const when = atFirstCheck ? `by the first check, at step ${first.step},` : `at step ${first.step}`;
    return {
      text: `${who} fell together: ${when} each had lost ${FALL_TEXT} or more of its exact-match answers: ${together.map(fell).join(', ')}.`,
      details,
    };
  }
  return {
    text: `${first.skill} fell first: at step ${first.step} it got ${percent(first.acc)} of its answers exactly right, down from ${percent(before(first.skill))} before training (“fell” = lost ${FALL_TEXT}).`,
    details,
  };
}

/** 'a, b and c'. */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * What mixing general data in cost in task gain, and what it saved in
 * forgetting, against ignoring forgetting. `what` names the data mixed in
 * ("general prose" in the text scenario).
 */
export function mixingCost(mix: Run, ignore: Run, what = 'general data'): Answer {
  const m = summaryOf(mix);
  const i = summaryOf(ignore);
  if (!m) return unfinished(mix);
  if (!i) return unfinished(ignore);
  const cost = minus(i.taskGain, m.taskGain);
  const saved = minus(i.forgetting, m.forgetting);
  const share = `${percent(mix.config.mix)} ${what}`;
  const costText =
    pointsOf(cost) === '0.0'
      ? 'cost no task gain you could measure'
      : cost > 0
        ? `cost ${points(cost)} of task gain`
        : `cost no task gain: it gained ${points(-cost)} more`;
  const savedText =
    pointsOf(saved) === '0.0' ? 'left forgetting where it was' : saved > 0 ? `cut forgetting by ${points(saved)}` : `forgot ${points(-saved)} more`;
  return { text: `Mixing in ${share} ${costText}, and ${savedText}.`, details: tradeOff(m, i, 'mixing', 'ignore') };
}

/** How much an adapter trains, and whether it forgot less and learned as fast as full fine-tuning. */
export function adapterVsFull(adapter: Run, full: Run): Answer {
  const a = summaryOf(adapter);
  const f = summaryOf(full);
  if (!a) return unfinished(adapter);
  if (!f) return unfinished(full);
  const total = adapter.events.find((e) => e.type === 'start')?.params.total;
  const share = total ? ` (${((100 * a.trainableParams) / total).toFixed(1)}% of the model’s ${total.toLocaleString('en')})` : '';
  const less = a.forgetting < f.forgetting;
  return {
    text: `LoRA trained ${a.trainableParams.toLocaleString('en')} parameters${share}; full fine-tuning trained ${f.trainableParams.toLocaleString('en')}. It forgot ${points(a.forgetting)}, ${less ? 'less than' : pointsOf(a.forgetting) === pointsOf(f.forgetting) ? 'as much as' : 'more than'} the ${points(f.forgetting)} of full fine-tuning.`,
    details: [...tradeOff(a, f, 'LoRA', 'full fine-tuning'), learnedText(adapter, 'LoRA'), learnedText(full, 'Full fine-tuning')],
  };
}

/** ‖θ − θ0‖ at a run's last evaluation. */
const driftOf = (run: Run) => evalsOf(run).at(-1)?.drift.total ?? null;

/** Whether a pull toward θ0 kept the weights nearer, and the skills with them, against a run without it. */
export function pullVsFree(pulled: Run, free: Run): Answer {
  const p = summaryOf(pulled);
  const f = summaryOf(free);
  if (!p) return unfinished(pulled);
  if (!f) return unfinished(free);
  const name = pulled.config.reg.kind === 'none' ? 'no pull' : settingText('reg.strength', pulled.config.reg.strength, pulled.config);
  const dp = driftOf(pulled);
  const df = driftOf(free);
  const moved =
    dp !== null && df !== null && df > 0
      ? `With ${name} the weights moved ${dp.toPrecision(3)} from θ0, against ${df.toPrecision(3)} without a pull: ${Math.round((100 * dp) / df)}% as far.`
      : `With ${name} the weights moved ${dp?.toPrecision(3) ?? '—'} from θ0.`;
  const saved = minus(f.forgetting, p.forgetting);
  const skills =
    pointsOf(saved) === '0.0' ? 'Forgetting was the same.' : saved > 0 ? `It forgot ${points(saved)} less.` : `It forgot ${points(-saved)} more.`;
  return { text: `${moved} ${skills}`, details: tradeOff(p, f, name, 'no pull') };
}

/** What a smaller learning rate saved in forgetting and cost in task gain, against a larger one. */
export function lowerLearningRate(low: Run, high: Run): Answer {
  const l = summaryOf(low);
  const h = summaryOf(high);
  if (!l) return unfinished(low);
  if (!h) return unfinished(high);
  const lowName = settingText('lr', low.config.lr, low.config);
  const highName = settingText('lr', high.config.lr, high.config);
  return {
    text: `At ${lowName} the model forgot ${points(l.forgetting)} and gained ${points(l.taskGain)} on the task; at ${highName} it forgot ${points(h.forgetting)} and gained ${points(h.taskGain)}.`,
    details: [...tradeOff(l, h, lowName, highName), learnedText(low, `At ${lowName} it`), learnedText(high, `At ${highName} it`)],
  };
}

/** Which of the runs forgot least, gained most, and balanced the two best (task gain − forgetting). */
export function bestBalance(runs: readonly { label: string; run: Run }[]): Answer {
  const rows = runs.flatMap(({ label, run }) => {
    const s = summaryOf(run);
    return s ? [{ label, gain: s.taskGain, forgetting: s.forgetting, balance: minus(s.taskGain, s.forgetting) }] : [];
  });
  if (rows.length < 2) return { text: 'Finish at least two of the earlier steps to compare them.', details: [] };
  const best = (score: (r: (typeof rows)[number]) => number) => rows.reduce((a, b) => (score(b) > score(a) ? b : a));
  const balanced = best((r) => r.balance);
  const leastForgetting = best((r) => -r.forgetting);
  const mostGain = best((r) => r.gain);
  return {
    text: `Best balance (task gain minus forgetting): ${balanced.label}, ${pointsOf(balanced.gain)} − ${pointsOf(balanced.forgetting)} = ${points(balanced.balance)}.`,
    details: [
      `Least forgetting: ${leastForgetting.label} (${points(leastForgetting.forgetting)}).`,
      `Most task gain: ${mostGain.label} (${points(mostGain.gain)}).`,
      ...rows.map((r) => `${r.label}: task gain ${pointsOf(r.gain)}, forgetting ${pointsOf(r.forgetting)}.`),
    ],
  };
}
