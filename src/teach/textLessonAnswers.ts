/**
 * The text lesson's answers: an English character model trained further on a
 * domain (code, or near-domain prose). `acc` is next-character accuracy, so
 * task gain is the rise on the domain's text and forgetting the fall on the
 * seven genres of English prose; the text runs add bits per character and
 * the real-word share of fixed-seed samples, and their samples themselves.
 * Every number is read from the runs' events; no threshold of "learned" is
 * assumed (next-character accuracy never nears 100%).
 */
import type { Sample } from '../engine/eval/samples';
import { CUSTOM_DOMAIN, CUSTOM_EXAMPLE } from '../engine/scenarios/text/customText';
import { baselineOf, evalsOf, summaryOf, type Run } from '../runs/run';
import { minus, percent, percent1, points, pointsOf, tradeOff, unfinished } from './answerFormat';
import type { Answer } from './lesson';
import { adapterVsFull, bestBalance, mixingCost, pullVsFree } from './lessonAnswers';

const DOMAIN_WORDS: Record<string, string> = { code: 'code', near: 'near-domain prose' };

/** The domain a run trained on, in words; a text of one's own (domain=custom) by its name. */
const domainOf = (run: Run) => DOMAIN_WORDS[run.config.domain] ?? (run.config.domain === CUSTOM_DOMAIN ? ownTextWords(run.config.domainName) : run.config.domain);

/** A text of one's own by its name; the built-in example, for whoever brought nothing, is not "yours". */
const ownTextWords = (name: string) =>
  name === CUSTOM_EXAMPLE.name ? `the example text “${name}” (Python code)` : `your text “${name || 'of your own'}”`;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Bits per character, two decimals (the text base model writes prose at about 2). */
const bits = (x: number) => x.toFixed(2);

/** "fell from a to b", "rose from a to b" or "stayed at a", as the numbers are shown. */
function moved(before: number, after: number, show: (x: number) => string): string {
  const [b, a] = [show(before), show(after)];
  return a === b ? `stayed at ${a}` : `${after > before ? 'rose' : 'fell'} from ${b} to ${a}`;
}

/** A sample as one quoted line: its prompt and what the model wrote, line breaks as spaces. */
const quote = (s: Sample) => `“${`${s.prompt}${s.answer}`.replace(/\s+/g, ' ').trim()}”`;

const madeUp = (s: Sample) => s.nonWords?.length ?? 0;

/**
 * The baseline sample and the last one drawn with the same prompt and random
 * numbers whose made-up words grew the most (the first such pair on a tie).
 */
function telling(run: Run): { before: Sample; after: Sample; step: number } | null {
  const base = baselineOf(run)?.samples ?? [];
  const last = evalsOf(run)
    .filter((e) => e.samples?.length)
    .at(-1);
  if (!base.length || !last?.samples) return null;
  const after = last.samples;
  let best: number | null = null;
  base.forEach((b, i) => {
    const a = after[i];
    if (!a || a.prompt !== b.prompt) return;
    if (best === null || madeUp(a) - madeUp(b) > madeUp(after[best]) - madeUp(base[best])) best = i;
  });
  return best === null ? null : { before: base[best], after: after[best], step: last.step };
}

/**
 * English at the end of each run, beside the base model's: bits per character
 * on the genres (mean) and the real-word share of the samples, where every run
 * has them.
 */
function englishAtTheEnd(rows: readonly { label: string; run: Run }[]): string[] {
  const ends = rows.map(({ label, run }) => ({ label, summary: summaryOf(run) }));
  const base = rows.length ? baselineOf(rows[0].run)?.eval : undefined;
  const line = (what: string, value: (s: NonNullable<(typeof ends)[number]['summary']>) => number | undefined, before: number | undefined, show: (x: number) => string) => {
    const values = ends.map((e) => (e.summary ? value(e.summary) : undefined));
    if (!values.every((v): v is number => v !== undefined)) return [];
    const was = before === undefined ? '' : ` (before training ${show(before)})`;
    return [`${what} at the end: ${ends.map((e, i) => `${e.label} ${show(values[i])}`).join(', ')}${was}.`];
  };
  return [
    ...line('Bits per character on English', (s) => s.generalBpc, base?.generalBpc, bits),
    ...line('Real words in the samples', (s) => s.realWords, base?.realWords, percent),
  ];
}

/**
 * What continual pre-training did to English: next-character accuracy and
 * bits per character on the genres, the real-word share of the samples, and
 * one sample before and after, with the genres that fell most and least and
 * what the domain gained.
 */
export function englishForgets(run: Run): Answer {
  const baseline = baselineOf(run);
  const summary = summaryOf(run);
  const last = evalsOf(run).at(-1);
  if (!baseline || !summary || !last) return unfinished(run);
  const domain = domainOf(run);
  const before = baseline.eval;
  const sentences = [
    `Trained on ${domain}, the model’s next-character accuracy on English prose ${moved(before.generalAcc, summary.generalAcc, percent1)}: forgetting ${points(summary.forgetting)}.`,
  ];
  if (before.generalBpc !== undefined && summary.generalBpc !== undefined) {
    sentences.push(`Its bits per character on English ${moved(before.generalBpc, summary.generalBpc, bits)} (more bits: English surprises it more).`);
  }
  if (before.realWords !== undefined && summary.realWords !== undefined) {
    sentences.push(`The share of real words in what it writes ${moved(before.realWords, summary.realWords, percent)}.`);
  }
  const details: string[] = [];
  const pair = telling(run);
  if (pair) {
    details.push(
      `One sample, same prompt and same random numbers: before training ${quote(pair.before)}; at step ${pair.step} ${quote(pair.after)} (made-up words: ${madeUp(pair.before)} → ${madeUp(pair.after)}).`,
    );
  } else {
    details.push('This run has no samples to quote.');
  }
  const genres = Object.keys(before.general)
    .filter((g) => last.eval.general[g])
    .map((g) => ({ g, was: before.general[g].acc, now: last.eval.general[g].acc }))
    .sort((a, b) => b.was - b.now - (a.was - a.now));
  if (genres.length > 1) {
    const [most, least] = [genres[0], genres.at(-1)!];
    details.push(`The genre that lost most: ${most.g}, which ${moved(most.was, most.now, percent1)}. The one that lost least: ${least.g}, which ${moved(least.was, least.now, percent1)}.`);
  }
  const taskBits =
    before.task.bpc !== undefined && summary.taskBpc !== undefined ? `; its bits per character there ${moved(before.task.bpc, summary.taskBpc, bits)}` : '';
  details.push(`On ${domain} its next-character accuracy ${moved(before.task.acc, summary.taskAcc, percent1)}: task gain ${points(summary.taskGain)}${taskBits}.`);
  return { text: sentences.join(' '), details };
}

/** Which of two domains forgot more English: a near one (prose in another register) or a far one (code). */
export function nearVsFar(near: Run, far: Run): Answer {
  const n = summaryOf(near);
  const f = summaryOf(far);
  if (!n) return unfinished(near);
  if (!f) return unfinished(far);
  const sameDomain = near.config.domain === far.config.domain;
  const [nl, fl] = sameDomain ? [`“${near.name}”`, `“${far.name}”`] : [domainOf(near), domainOf(far)];
  const diff = minus(f.forgetting, n.forgetting);
  const verdict = pointsOf(diff) === '0.0' ? 'Both forgot the same.' : `${capital(diff > 0 ? fl : nl)} forgot ${points(Math.abs(diff))} more.`;
  const gain = (run: Run, label: string) => {
    const s = summaryOf(run)!;
    const was = baselineOf(run)?.eval.task.acc;
    return `${label} ${points(s.taskGain)}${was === undefined ? '' : ` (${percent1(was)} → ${percent1(s.taskAcc)})`}`;
  };
  return {
    text: `Trained on ${nl}, the model forgot ${points(n.forgetting)} of next-character accuracy on English; trained on ${fl}, ${points(f.forgetting)}. ${verdict}`,
    details: [
      ...englishAtTheEnd([
        { label: nl, run: near },
        { label: fl, run: far },
      ]),
      `Each gained on its own text: ${gain(near, nl)}, ${gain(far, fl)}. The gains are on different text, so compare the forgetting, not the gains.`,
    ],
  };
}

/** Mixing general prose into the batches: what it cost on the domain and saved of English, against ignoring forgetting. */
export function proseMixingCost(mix: Run, ignore: Run): Answer {
  const answer = mixingCost(mix, ignore, 'general prose');
  if (!summaryOf(mix) || !summaryOf(ignore)) return answer;
  return {
    text: answer.text,
    details: [
      ...answer.details,
      ...englishAtTheEnd([
        { label: 'ignore', run: ignore },
        { label: 'mixing', run: mix },
      ]),
    ],
  };
}

/**
 * A LoRA adapter against full fine-tuning on text: parameters trained and
 * English forgotten, where each ended on the domain, and how far each had
 * got at the first evaluation both runs have (no "learned" threshold).
 */
export function textAdapterVsFull(adapter: Run, full: Run): Answer {
  const head = adapterVsFull(adapter, full);
  const a = summaryOf(adapter);
  const f = summaryOf(full);
  if (!a || !f) return head;
  const domain = domainOf(full);
  const base = baselineOf(full);
  const details = [...tradeOff(a, f, 'LoRA', 'full fine-tuning')];
  const from = base ? `, from ${percent1(base.eval.task.acc)} before training` : '';
  details.push(`Next-character accuracy on ${domain} at the end: LoRA ${percent1(a.taskAcc)}, full fine-tuning ${percent1(f.taskAcc)}${from}.`);
  const fullEvals = evalsOf(full);
  const first = evalsOf(adapter).find((e) => fullEvals.some((g) => g.step === e.step));
  const aBase = baselineOf(adapter);
  if (first && aBase && base) {
    const other = fullEvals.find((g) => g.step === first.step)!;
    const quick = first.evalSize < aBase.evalSize ? ` (a quick point on ${first.evalSize} windows of text per source, against ${aBase.evalSize} at the end: it wobbles)` : '';
    details.push(
      `At step ${first.step}, the first evaluation, LoRA had gained ${points(minus(first.eval.task.acc, aBase.eval.task.acc))} on ${domain}, full fine-tuning ${points(minus(other.eval.task.acc, base.eval.task.acc))}${quick}.`,
    );
  }
  details.push(
    ...englishAtTheEnd([
      { label: 'LoRA', run: adapter },
      { label: 'full fine-tuning', run: full },
    ]),
  );
  return { text: head.text, details };
}

/** A pull toward θ0 on text: how far the weights moved and the English it kept, against a run without it. */
export function textPullVsFree(pulled: Run, free: Run): Answer {
  const answer = pullVsFree(pulled, free);
  if (!summaryOf(pulled) || !summaryOf(free)) return answer;
  return {
    text: answer.text,
    details: [
      ...answer.details,
      ...englishAtTheEnd([
        { label: 'with the pull', run: pulled },
        { label: 'without', run: free },
      ]),
    ],
  };
}

/** The best balance of the text runs, with the English each kept at the end. */
export function textBestBalance(runs: readonly { label: string; run: Run }[]): Answer {
  const answer = bestBalance(runs);
  if (!answer.details.length) return answer;
  return { text: answer.text, details: [...answer.details, ...englishAtTheEnd(runs.filter(({ run }) => summaryOf(run)))] };
}

/**
 * Trained on a text of one's own: the English it lost, read as for code
 * (englishForgets), and, where step 1's code run finished, how that forgetting
 * compares with code's, with the English each kept at the end.
 */
export function ownTextForgets(own: Run, code?: Run): Answer {
  const answer = englishForgets(own);
  const o = summaryOf(own);
  const c = code ? summaryOf(code) : null;
  if (!o || !c || !code) return answer;
  const diff = minus(o.forgetting, c.forgetting);
  const than = pointsOf(diff) === '0.0' ? `the same as code (${points(c.forgetting)})` : `${points(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} than code (${points(c.forgetting)})`;
  return {
    text: `${answer.text} It forgot ${than}.`,
    details: [
      ...answer.details,
      ...englishAtTheEnd([
        { label: domainOf(own), run: own },
        { label: 'code', run: code },
      ]),
    ],
  };
}
