/**
 * The glossary: every term the controls, charts, lessons and introduction use,
 * in plain words. A control links to an entry when the entry names its key, or
 * when its label or help text mentions the term (so a help text edited to
 * mention EWC links to EWC without touching this file).
 */
import { GENERAL_SKILL_NAMES } from '../engine/scenarios/skills/skills';

export interface GlossaryEntry {
  /** The anchor: `#glossary-<id>`. */
  id: string;
  term: string;
  /** The term as a link in running text, where `term` is long. */
  short?: string;
  text: string;
  /** A formula, shown apart from the words. */
  formula?: string;
  /** Config keys whose control is about this term, even where its help does not name it. */
  keys?: readonly string[];
  /** How a label or help text names the term (symbols are matched as written, words whole). */
  mentions?: RegExp;
  seeAlso?: readonly string[];
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'catastrophic-forgetting',
    term: 'Catastrophic forgetting',
    text: 'A trained model learns something new and loses abilities it had. Here: training on the new task lowers the scores of the general skills.',
    seeAlso: ['forgetting', 'base-model'],
  },
  {
    id: 'base-model',
    term: 'Base model',
    text: `The small GPT every run starts from, pre-trained on the general skills (${GENERAL_SKILL_NAMES.join(', ')}). Its weights are θ0.`,
    mentions: /\bbase model\b/i,
    seeAlso: ['general-skills', 'theta0'],
  },
  {
    id: 'general-skills',
    term: 'General skills',
    text: `What the base model learned in pre-training: ${GENERAL_SKILL_NAMES.join(', ')}. Forgetting is measured on them.`,
    mentions: /\bgeneral (skills|data)\b/i,
    seeAlso: ['forgetting'],
  },
  {
    id: 'scenario',
    term: 'Scenario',
    text: 'Which model and data a run uses: the small GPT with digit-string skills, fine-tuned on a new task; or a character-level GPT that writes English, trained further on a new domain (continual pre-training).',
    keys: ['scenario'],
    seeAlso: ['domain', 'task'],
  },
  {
    id: 'domain',
    term: 'Domain',
    text: 'In the English scenario, the new kind of text the model is trained on further: JavaScript code (far from the prose it learned) or learned and government prose (near). What it had learned before is English of several genres.',
    keys: ['domain'],
    seeAlso: ['scenario', 'continual-pretraining'],
  },
  {
    id: 'task',
    term: 'New task',
    text: 'What a run trains the model on. The base model never saw it, so it starts near 0% on it.',
    keys: ['task'],
    seeAlso: ['task-gain'],
  },
  {
    id: 'fine-tuning',
    term: 'Fine-tuning',
    text: 'Training a pre-trained model further on a small task. In this lab the loss counts only the answer tokens.',
    keys: ['mode'],
    // "Full fine-tuning" is its own entry.
    mentions: /(?<!full )\bfine-tun(e|ing|ed)\b/i,
    seeAlso: ['continual-pretraining', 'full-fine-tuning'],
  },
  {
    id: 'continual-pretraining',
    term: 'Continual pre-training',
    text: 'Training a pre-trained model further on a large new body of text, with the loss on every token. In this lab: mode “continual”, the loss on every token of the task examples; and every run of the English scenario, which trains the model that writes English on code or on near prose, every character a target.',
    mentions: /\bcontinual pre-training\b/i,
    seeAlso: ['fine-tuning', 'schedule'],
  },
  {
    id: 'full-fine-tuning',
    term: 'Full fine-tuning',
    text: 'Every weight of the model may change (unless frozen). It learns fast and forgets the most.',
    keys: ['method'],
    mentions: /\bfull fine-tuning\b/i,
    seeAlso: ['lora', 'freezing'],
  },
  {
    id: 'parameter',
    term: 'Parameter (weight)',
    short: 'parameters',
    text: 'One number inside the model that training can change. θ stands for all of them. The settings panel shows how many a run trains.',
    seeAlso: ['theta0'],
  },
  {
    id: 'theta0',
    term: 'θ0 (the original weights)',
    short: 'θ0',
    text: 'The base model’s weights before the first training step. θ is the weights now, and θ − θ0 is how far training has moved them.',
    mentions: /θ0|original weights/,
    seeAlso: ['drift', 'regularisation'],
  },
  {
    id: 'mix',
    term: 'Mixing (replay)',
    text: 'Part of every training batch comes from the general skills, so the model keeps practising them while it learns the task. Mix 0.25 means exactly a quarter of each batch. It costs some task data per step.',
    keys: ['mix'],
    mentions: /\b(replay|mixing)\b/i,
    seeAlso: ['batch', 'general-skills'],
  },
  {
    id: 'lora',
    term: 'LoRA (low-rank adapter)',
    short: 'LoRA',
    text: 'The base weights stay frozen; each chosen layer gets a small trainable change B·A added to it. B starts at zero, so the model starts exactly as the base model. A small change cannot rewrite everything, so LoRA forgets less.',
    formula: 'h = W0·x + s·B·A·x',
    keys: ['method'],
    mentions: /\bLoRA\b/,
    seeAlso: ['lora-rank', 'lora-alpha', 'lora-targets'],
  },
  {
    id: 'lora-rank',
    term: 'LoRA rank r',
    short: 'rank',
    text: 'The inner width of the change B·A: A has r rows, B has r columns. A rank-r change can move a layer’s output in only r directions. Higher rank: more capacity, faster learning, more forgetting.',
    keys: ['lora.rank'],
    mentions: /\brank\b/i,
    seeAlso: ['lora', 'lora-alpha'],
  },
  {
    id: 'lora-alpha',
    term: 'LoRA alpha α and scale s',
    short: 'alpha',
    text: 'Alpha sets how strongly the adapter acts: s = α/r (or α/√r with rsLoRA). The lab keeps s fixed when you move the rank, unless you untick that box.',
    formula: 's = α / r',
    keys: ['lora.alpha'],
    mentions: /\balpha\b|α/i,
    seeAlso: ['lora-rank', 'rslora'],
  },
  {
    id: 'rslora',
    term: 'rsLoRA',
    text: 'Rank-stabilised LoRA: the scale is α/√r instead of α/r, so a high rank is not scaled down as much.',
    formula: 's = α / √r',
    mentions: /\brsLoRA\b/,
    seeAlso: ['lora-alpha'],
  },
  {
    id: 'lora-targets',
    term: 'LoRA targets',
    text: 'Which layers get an adapter: q, k, v and o are the query, key, value and output layers of attention; up and down are the two layers of the MLP.',
    keys: ['lora.targets'],
    seeAlso: ['transformer-block'],
  },
  {
    id: 'embeddings',
    term: 'Embeddings',
    text: 'The table that turns each token, and each position, into the vector the model reads. Symbols the base model never saw (the letters a–j) have untrained rows.',
    mentions: /\bembeddings?\b/i,
    seeAlso: ['new-tokens'],
  },
  {
    id: 'new-tokens',
    term: 'New-token embeddings',
    short: 'new-token embeddings',
    text: 'With LoRA, also train the embedding rows of tokens the base model never saw, as the PEFT library does for added tokens. Without them LoRA cannot read a task written in new symbols.',
    keys: ['lora.newTokens'],
    seeAlso: ['embeddings', 'lora'],
  },
  {
    id: 'freezing',
    term: 'Freezing',
    text: 'Keeping some weights fixed during full fine-tuning: the embeddings, or the first k transformer blocks. Frozen weights cannot forget, and cannot learn.',
    mentions: /\bfreez(e|es|ing)\b|\bfrozen\b/i,
    seeAlso: ['embeddings', 'transformer-block'],
  },
  {
    id: 'transformer-block',
    term: 'Transformer block',
    text: 'One layer of the model: attention (q, k, v, o), then an MLP (up, down). The base model is a short stack of them.',
    mentions: /\b(transformer )?blocks?\b/i,
    seeAlso: ['lora-targets'],
  },
  {
    id: 'regularisation',
    term: 'Regularisation',
    text: 'An extra term in the loss, or a limit after each step, that keeps the weights near θ0 so the general skills survive. The lab has three: L2-SP, EWC and the clamp.',
    keys: ['reg.kind'],
    mentions: /\bregularis(ation|er)\b/i,
    seeAlso: ['l2sp', 'ewc', 'clamp'],
  },
  {
    id: 'l2sp',
    term: 'L2-SP',
    text: 'A spring back to the starting point: the same pull toward θ0 on every weight (L2 penalty toward the Starting Point).',
    formula: 'loss + (λ/2)·Σ(θ − θ0)²',
    mentions: /L2-SP/,
    seeAlso: ['lambda', 'ewc'],
  },
  {
    id: 'ewc',
    term: 'EWC (elastic weight consolidation)',
    short: 'EWC',
    text: 'A spring back to θ0 that is stiff where the Fisher information says the general skills depend on a weight, and loose where they do not. The task can still be learned in the loose weights.',
    formula: 'loss + (λ/2)·Σ F·(θ − θ0)²',
    mentions: /\bEWC\b/,
    seeAlso: ['fisher', 'lambda', 'l2sp'],
  },
  {
    id: 'fisher',
    term: 'Fisher information F',
    short: 'Fisher information',
    text: 'How much the base model’s answers depend on each weight. The lab estimates it once per run, before training: the mean of the squared gradient of the answer log-likelihood over 64 general examples (the empirical Fisher), scaled to mean 1 so λ reads as it does for L2-SP.',
    mentions: /\bFisher\b/,
    seeAlso: ['ewc'],
  },
  {
    id: 'clamp',
    term: 'Clamp δ (limit on parameter change)',
    short: 'clamp δ',
    text: 'After every step, each trained weight is put back inside θ0 ± δ: no weight may move further than δ. Smaller δ is a stronger limit.',
    formula: 'θ ← min(max(θ, θ0 − δ), θ0 + δ)',
    mentions: /\bclamp\b|δ/i,
    seeAlso: ['theta0', 'regularisation'],
  },
  {
    id: 'lambda',
    term: 'Strength λ',
    short: 'λ',
    text: 'How hard L2-SP or EWC pulls toward θ0. Larger λ: less forgetting, and beyond some point less task gain too.',
    keys: ['reg.strength'],
    mentions: /λ/,
    seeAlso: ['l2sp', 'ewc'],
  },
  {
    id: 'learning-rate',
    term: 'Learning rate',
    text: 'How big each update of the weights is. Large: learns fast and moves the weights far, so it forgets more. Small: each step forgets less, and learns less.',
    keys: ['lr'],
    mentions: /\blearning rate\b|\bstep size\b/i,
    seeAlso: ['schedule', 'optimizer'],
  },
  {
    id: 'schedule',
    term: 'Schedule',
    text: 'How the learning rate changes during a run: constant; warm-up then cosine decay; or re-warm, as in continual pre-training: start from the low rate pre-training ended at, rise, then decay again.',
    keys: ['schedule'],
    mentions: /\bcosine\b|\bre-warm\b/i,
    seeAlso: ['warm-up', 'learning-rate'],
  },
  {
    id: 'warm-up',
    term: 'Warm-up',
    text: 'The first steps of a schedule, in which the learning rate rises in a straight line to its peak, so early steps do not jolt the weights.',
    keys: ['warmup'],
    mentions: /\bwarm-up\b/i,
    seeAlso: ['schedule'],
  },
  {
    id: 'optimizer',
    term: 'Optimizer',
    text: 'The rule that turns gradients into updates. AdamW: Adam with weight decay applied apart from the gradient. Adam: no weight decay here. SGD: plain gradient steps with momentum 0.9.',
    keys: ['optimizer'],
    mentions: /\b(AdamW|Adam|SGD)\b/,
    seeAlso: ['weight-decay', 'learning-rate'],
  },
  {
    id: 'weight-decay',
    term: 'Weight decay',
    text: 'At each step, shrink the weight matrices a little toward zero (not toward θ0). Used by AdamW and SGD.',
    keys: ['weightDecay'],
    mentions: /\bweight decay\b|\bdecay of the weight/i,
    seeAlso: ['optimizer'],
  },
  {
    id: 'gradient-clip',
    term: 'Gradient clip',
    text: 'If the gradient of a step is longer than this limit (its global norm), it is scaled down to it, so one odd batch cannot make a huge step. 0 turns it off.',
    keys: ['clipNorm'],
    mentions: /\bgradient[- ]norm\b|\bgradient clip\b/i,
    seeAlso: ['optimizer'],
  },
  {
    id: 'step',
    term: 'Step',
    text: 'One update of the weights, from one batch of examples.',
    keys: ['steps'],
    seeAlso: ['batch'],
  },
  {
    id: 'batch',
    term: 'Batch',
    text: 'The examples one step learns from. Batch size: how many.',
    keys: ['batchSize'],
    mentions: /\bbatch(es)?\b/i,
    seeAlso: ['step', 'mix'],
  },
  {
    id: 'seed',
    term: 'Seed',
    text: 'The number every random choice of a run comes from: the data, the starting adapters, the order. Same settings and seed on the same backend give the very same run; another seed shows how much a result varies by chance.',
    keys: ['seed'],
    seeAlso: ['held-out-set'],
  },
  {
    id: 'held-out-set',
    term: 'Held-out set',
    text: 'For each skill and the task, 128 fixed examples that are never used for training, so a score measures the skill and not memory of training examples.',
    keys: ['evalEvery'],
    mentions: /\bheld-out\b/i,
    seeAlso: ['evaluation', 'exact-match'],
  },
  {
    id: 'evaluation',
    term: 'Evaluation',
    text: 'Scoring the model on the held-out sets, every few steps of a run. Each evaluation is a point on the charts.',
    keys: ['evalEvery'],
    seeAlso: ['live-points'],
  },
  {
    id: 'stream',
    term: 'Stream of tasks',
    text: 'Several tasks trained one after the other, a stage each, as a model meets them over its life (continual learning). After every stage the run scores every task of the stream and general ability: one row of the accuracy matrix.',
    keys: ['stream', 'stageSteps'],
    mentions: /\bstream\b/i,
    seeAlso: ['accuracy-matrix', 'backward-transfer'],
  },
  {
    id: 'accuracy-matrix',
    term: 'Accuracy matrix',
    text: 'R[i][j]: the accuracy on task j after training stage i (GEM, Lopez-Paz & Ranzato 2017). The diagonal is each task right after its own stage; the cells below it show what later stages left of it. Average accuracy is the mean of the last row.',
    formula: 'ACC = (1/T) Σ_j R[T][j]',
    seeAlso: ['stream', 'backward-transfer'],
  },
  {
    id: 'backward-transfer',
    term: 'Backward transfer (BWT) and forgetting per task',
    short: 'BWT',
    text: 'How much later stages changed the earlier tasks: the mean, over every task but the last, of its accuracy at the end minus its accuracy right after its own stage. Negative: later tasks undid earlier ones. A task’s forgetting is the same difference turned round (Avalanche): what it lost since its stage.',
    formula: 'BWT = 1/(T−1) Σ_{j<T} (R[T][j] − R[j][j]);  f_j = R[j][j] − R[T][j]',
    mentions: /\bBWT\b|backward transfer/,
    seeAlso: ['accuracy-matrix', 'catastrophic-forgetting'],
  },
  {
    id: 'replay-earlier',
    term: 'Replay of earlier tasks',
    text: 'In a stream, part of every batch comes from the tasks of earlier stages, so the model keeps practising them (experience replay). 0.25 means exactly a quarter of each batch; mixing does the same for the general data.',
    keys: ['replay'],
    seeAlso: ['mix', 'stream'],
  },
  {
    id: 'stage-anchor',
    term: 'Anchor of a regulariser in a stream',
    text: 'L2-SP, EWC and clamp pull the weights toward an anchor: the base model’s weights θ0, or in a stream the weights at the start of the current stage (the previous stage’s end), which protects the last task learned rather than the base.',
    keys: ['reg.anchor'],
    seeAlso: ['regularisation', 'theta0', 'online-ewc'],
  },
  {
    id: 'online-ewc',
    term: 'Online EWC',
    text: 'EWC across a stream (Schwarz et al. 2018): at the end of each stage the Fisher of the task just learned, measured at the weights there, is added to the Fisher so far, and the pull moves to those weights. Each task adds the same total pull (its Fisher scaled to mean 1, as the base model’s), so the model stiffens as the stream goes on.',
    formula: 'F ← F + F_task,  penalty = (λ/2) Σ F (θ − θ_stage)²',
    mentions: /\bonline EWC\b/i,
    seeAlso: ['ewc', 'fisher', 'stage-anchor'],
  },
  {
    id: 'adapter-per-stage',
    term: 'One adapter per stage (a plugin per task)',
    text: 'In a stream with LoRA, each stage trains a fresh adapter on the frozen base model and keeps it. To answer task j the lab switches task j’s adapter in, so nothing learned is forgotten: a later stage never touches an earlier adapter. The price is one adapter per task, and knowing which task a question belongs to.',
    keys: ['lora.perStage'],
    seeAlso: ['lora', 'stream'],
  },
  {
    id: 'stage-schedule',
    term: 'Schedule across stages',
    text: 'In a stream the learning-rate schedule can start again at every stage (re-warmed: warm-up, then decay, per stage) or run once over the whole stream.',
    keys: ['stageSchedule'],
    seeAlso: ['schedule', 'warm-up'],
  },
  {
    id: 'live-points',
    term: 'Live points',
    text: 'The evaluations between the first and the last use fewer held-out examples per skill (12 by default): a quick preview that wobbles more. The first and last use all 128, so task gain and forgetting do.',
    keys: ['liveEvalSize'],
    seeAlso: ['held-out-set', 'evaluation'],
  },
  {
    id: 'exact-match',
    term: 'Exact match (accuracy)',
    short: 'exact match',
    text: 'An answer counts only if every symbol of it is right, and it stops where it should. Accuracy is the share of exact matches on a held-out set. It is strict: one wrong symbol loses the whole answer.',
    mentions: /\bexact match\b/i,
    seeAlso: ['per-token-accuracy'],
  },
  {
    id: 'per-token-accuracy',
    term: 'Per-token accuracy',
    text: 'The share of answer symbols that are right. Gentler than exact match: it shows partial forgetting that exact match hides.',
    mentions: /\bper[- ]token\b/i,
    seeAlso: ['exact-match', 'answer-loss'],
  },
  {
    id: 'answer-loss',
    term: 'Answer loss',
    text: 'How surprised the model is by the right answer: the cross-entropy per answer token, in nats. Lower is better.',
    seeAlso: ['per-token-accuracy'],
  },
  {
    id: 'next-character-accuracy',
    term: 'Next-character accuracy',
    text: 'In the English scenario: the share of characters of held-out text that the model, reading the text before them, guesses right as its most likely next character. Text is never fully predictable, so it stays well below 100%; forgetting and task gain are its fall on English and its rise on the domain, in points.',
    mentions: /\bnext-character accuracy\b/i,
    seeAlso: ['bits-per-character', 'forgetting'],
  },
  {
    id: 'bits-per-character',
    term: 'Bits per character',
    text: 'How surprised the model is by each real next character of held-out text, in bits: 1 bit is a coin toss’s worth of surprise. Lower is better. It moves even when the best guess stays the same, so it shows forgetting that accuracy can hide.',
    formula: 'bits per character = loss (nats per character) / ln 2',
    mentions: /\bbits per character\b/i,
    seeAlso: ['next-character-accuracy', 'answer-loss'],
  },
  {
    id: 'real-word-share',
    term: 'Real-word share',
    text: 'In the English scenario, the model writes a few lines after fixed prompts, with the same random numbers before and after training. The real-word share is how many of the words it writes are words of the English it learned from (seen there at least twice); made-up words are marked in the generations panel.',
    mentions: /\breal words?\b/i,
    seeAlso: ['next-character-accuracy'],
  },
  {
    id: 'points',
    term: 'Points',
    short: 'points',
    text: 'Percentage points: the difference between two percentages. From 99% down to 29% is a fall of 70 points.',
    seeAlso: ['task-gain', 'forgetting'],
  },
  {
    id: 'task-gain',
    term: 'Task gain',
    text: 'How much the run learned: task accuracy after training minus task accuracy before, in points.',
    formula: 'task gain = task accuracy after − task accuracy before',
    mentions: /\btask gain\b/i,
    seeAlso: ['forgetting', 'points'],
  },
  {
    id: 'forgetting',
    term: 'Forgetting',
    text: 'How much the run lost: the general skills’ mean accuracy before training minus after, in points. 0 means nothing was lost.',
    formula: 'forgetting = mean general accuracy before − after',
    mentions: /\bforgetting\b/i,
    seeAlso: ['task-gain', 'catastrophic-forgetting'],
  },
  {
    id: 'drift',
    term: 'Drift ‖θ − θ0‖',
    short: 'drift',
    text: 'How far training moved the weights from the base model: the square root of the sum of the squared changes, for the whole model and per layer. For LoRA, the change the adapter makes, s·B·A.',
    seeAlso: ['theta0'],
  },
  {
    id: 'pareto-front',
    term: 'Pareto front',
    text: 'On the trade-off chart: the runs that no other run beats on both counts (more task gain and less forgetting).',
    seeAlso: ['task-gain', 'forgetting'],
  },
];

const BY_ID = new Map(GLOSSARY.map((e) => [e.id, e]));

export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return BY_ID.get(id);
}

/** The id of an entry's element on the page, for links to it. */
export function glossaryAnchor(id: string): string {
  return `glossary-${id}`;
}

/**
 * The entries a control links to: those that name its key, then those its
 * label or help mentions, in the order the text mentions them.
 */
export function glossaryFor(key: string, text: string): GlossaryEntry[] {
  const named = GLOSSARY.filter((e) => e.keys?.includes(key));
  const mentioned = GLOSSARY.filter((e) => !named.includes(e) && e.mentions?.test(text))
    .map((e) => ({ e, at: text.search(e.mentions!) }))
    .sort((a, b) => a.at - b.at)
    .map(({ e }) => e);
  return [...named, ...mentioned];
}
