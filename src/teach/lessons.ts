/**
 * The guided lessons, as data: each step's run, question and answer function
 * (lessonAnswers.ts). A lesson for another scenario is one more entry here.
 */
import type { Lesson } from './lesson';
import { adaptersArePlugins } from './adapterLessonAnswers';
import { howMuchSurvives, replayKeepsMore } from './streamLessonAnswers';
import { adapterVsFull, bestBalance, lowerLearningRate, mixingCost, pullVsFree, whichSkillFellFirst } from './lessonAnswers';
import { englishForgets, nearVsFar, ownTextForgets, proseMixingCost, textAdapterVsFull, textBestBalance, textPullVsFree } from './textLessonAnswers';

const LEVER_STEPS = [
  ['ignore', 'Ignore forgetting'],
  ['mix', 'Mix in general data'],
  ['lora', 'LoRA adapter'],
  ['pull', 'Pull toward the original weights'],
  ['low-lr', 'Lower learning rate'],
] as const;

const FIVE_LEVERS: Lesson = {
  id: 'five-levers',
  title: 'Forgetting, and five ways to fight it',
  summary: 'Nine short steps, each with a question that your own runs answer.',
  scenario: 'skills',
  steps: [
    {
      id: 'ignore',
      title: 'Watch it forget',
      brief: 'Train every weight on the new task alone, as fast as it learns. Watch the chart of each general skill while it runs.',
      setup: { preset: 'ignore' },
      question: 'Which skill fell first?',
      answer: ({ run }) => whichSkillFellFirst(run!),
      terms: ['catastrophic-forgetting', 'general-skills', 'exact-match'],
    },
    {
      id: 'mix',
      title: 'Mix in general data',
      brief: 'Now a quarter of every batch comes from the general skills, so the model keeps practising them. Everything else stays as in step 1.',
      setup: { preset: 'mix' },
      question: 'How much task gain did mixing cost, and how much forgetting did it save?',
      uses: ['ignore'],
      answer: ({ run, earlier }) => mixingCost(run!, earlier.ignore),
      terms: ['mix', 'task-gain', 'forgetting'],
    },
    {
      id: 'lora',
      title: 'Train a small adapter',
      brief: 'LoRA freezes every base weight and trains a small low-rank change instead. Look at how many parameters the settings panel says it trains.',
      setup: { preset: 'lora' },
      question: 'LoRA trains a small part of the model. Did it forget less, and did it learn the task as fast?',
      uses: ['ignore'],
      answer: ({ run, earlier }) => adapterVsFull(run!, earlier.ignore),
      terms: ['lora', 'lora-rank', 'parameter'],
    },
    {
      id: 'pull',
      title: 'Pull toward the original weights',
      brief: 'EWC adds a spring back to the original weights θ0, stiff where the general skills need a weight. Watch the drift chart: how far the weights move.',
      setup: { preset: 'regularize' },
      question: 'Did the pull keep the weights nearer θ0, and the skills with them?',
      uses: ['ignore'],
      answer: ({ run, earlier }) => pullVsFree(run!, earlier.ignore),
      terms: ['ewc', 'fisher', 'theta0', 'drift'],
    },
    {
      id: 'low-lr',
      title: 'Lower the learning rate',
      brief: 'The same training as step 1, with steps a tenth as big. Compare the task curve with step 1’s.',
      setup: { preset: 'low-lr' },
      question: 'What did the smaller learning rate save, and what did it cost?',
      uses: ['ignore'],
      answer: ({ run, earlier }) => lowerLearningRate(run!, earlier.ignore),
      terms: ['learning-rate', 'task-gain'],
    },
    {
      id: 'compare',
      title: 'Compare them all',
      brief: 'No new run: this step reads your runs from steps 1 to 5. The trade-off chart shows the same runs as points.',
      setup: null,
      question: 'Which strategy gave you the best balance of task gain and forgetting?',
      uses: LEVER_STEPS.map(([id]) => id),
      needs: 2,
      answer: ({ earlier }) => bestBalance(LEVER_STEPS.filter(([id]) => earlier[id]).map(([id, label]) => ({ label, run: earlier[id] }))),
      terms: ['pareto-front', 'task-gain', 'forgetting'],
    },
    {
      id: 'plugins',
      title: 'Adapters are plugins',
      brief: 'Train a second adapter, on another task (rotate). Each LoRA run keeps its adapter: in Adapters, below the charts, plug them in and take them out.',
      setup: { preset: 'lora', settings: { task: 'rotate' } },
      question: 'Unplugged, is the base model back? Plugged in together, do the two adapters interfere?',
      uses: ['lora'],
      answer: ({ run, earlier }) => adaptersArePlugins(run!, earlier.lora),
      terms: ['lora', 'general-skills'],
    },
    {
      id: 'stream',
      title: 'Learn A then B',
      brief:
        'A stream of two tasks: letters for 100 steps, then rotate for 100, every weight trained on the current task alone. The heatmap fills a row at the end of each stage: row 2 is the model after both.',
      setup: { preset: 'stream' },
      question: 'How much of letters survives learning rotate?',
      answer: ({ run }) => howMuchSurvives(run!),
      terms: ['stream', 'accuracy-matrix', 'backward-transfer'],
    },
    {
      id: 'stream-replay',
      title: 'Replay the earlier task',
      brief: 'The same stream, but in the second stage a quarter of every batch is letters again. Compare the heatmap’s first column and the BWT with the last step’s.',
      setup: { preset: 'stream-replay' },
      question: 'Does replaying letters keep more of it, and what does it cost rotate?',
      uses: ['stream'],
      answer: ({ run, earlier }) => replayKeepsMore(run!, earlier.stream),
      terms: ['replay-earlier', 'backward-transfer'],
    },
  ],
};

/** The text lesson's code runs, compared in its last step (near prose is another domain: its gain is on other text). */
const TEXT_LEVER_STEPS = [
  ['code', 'Ignore forgetting'],
  ['mix', 'Mix in prose'],
  ['lora', 'LoRA adapter'],
  ['pull', 'Pull toward θ0 (L2-SP)'],
] as const;

const ENGLISH_FORGETS: Lesson = {
  id: 'english-forgets',
  title: 'A model that writes English learns code',
  summary: 'The English text scenario: seven short steps, each with a question that your own runs answer; the last trains on your own text.',
  scenario: 'text',
  steps: [
    {
      id: 'code',
      title: 'Watch English forget',
      brief:
        'A small model that writes English is trained further on JavaScript, every character a target. Watch each genre of prose on the per-skill chart while it runs, then compare what it writes before and after in the generations panel.',
      setup: { preset: 'text-ignore' },
      question: 'How much English did it lose: in next-character accuracy, in bits per character, and in the words it writes?',
      answer: ({ run }) => englishForgets(run!),
      terms: ['continual-pretraining', 'next-character-accuracy', 'bits-per-character', 'real-word-share'],
    },
    {
      id: 'near',
      title: 'A nearer domain',
      brief: 'The same training on learned and government prose instead of code: still English, in another register. Everything else stays as in step 1.',
      setup: { preset: 'text-near' },
      question: 'Which forgot more English: training on near-domain prose, or on code?',
      uses: ['code'],
      answer: ({ run, earlier }) => nearVsFar(run!, earlier.code),
      terms: ['domain', 'forgetting', 'next-character-accuracy'],
    },
    {
      id: 'mix',
      title: 'Mix in general prose',
      brief: 'Back to code, but a quarter of every batch is general prose from the pre-training text, so the model keeps practising English. Everything else stays as in step 1.',
      setup: { preset: 'text-mix' },
      question: 'How much gain on code did mixing cost, and how much English did it save?',
      uses: ['code'],
      answer: ({ run, earlier }) => proseMixingCost(run!, earlier.code),
      terms: ['mix', 'task-gain', 'forgetting'],
    },
    {
      id: 'lora',
      title: 'Train a small adapter',
      brief:
        'LoRA freezes every base weight and trains a small low-rank change, plus the embedding rows of symbols prose never used. Look at how many parameters the settings panel says it trains.',
      setup: { preset: 'text-lora' },
      question: 'LoRA trains a small part of the model. Did it forget less English, and how much code did it learn?',
      uses: ['code'],
      answer: ({ run, earlier }) => textAdapterVsFull(run!, earlier.code),
      terms: ['lora', 'parameter', 'new-tokens'],
    },
    {
      id: 'pull',
      title: 'Pull toward the original weights',
      brief: 'L2-SP adds a spring back to the original weights θ0, equally stiff for every weight. Watch the drift chart: how far the weights move.',
      setup: { preset: 'text-regularize' },
      question: 'Did the pull keep the weights nearer θ0, and the English with them?',
      uses: ['code'],
      answer: ({ run, earlier }) => textPullVsFree(run!, earlier.code),
      terms: ['l2sp', 'lambda', 'theta0', 'drift'],
    },
    {
      id: 'compare',
      title: 'Compare them all',
      brief:
        'No new run: this step reads your code runs from steps 1, 3, 4 and 5 (step 2 trained on other text, so its gain does not compare). The trade-off chart shows the same runs as points.',
      setup: null,
      question: 'Which strategy gave you the best balance of gain on code and English forgotten?',
      uses: TEXT_LEVER_STEPS.map(([id]) => id),
      needs: 2,
      answer: ({ earlier }) => textBestBalance(TEXT_LEVER_STEPS.filter(([id]) => earlier[id]).map(([id, label]) => ({ label, run: earlier[id] }))),
      terms: ['pareto-front', 'task-gain', 'forgetting', 'real-word-share'],
    },
    {
      id: 'own',
      title: 'Train it on your own writing',
      brief:
        'Now your own text: paste your writing, your documents or a text in your language into the box below, or drop a file on it, then press Start. With none, the step uses the built-in example: Python from gyp (node-gyp, BSD licence). Everything else is as in step 1.',
      setup: { preset: 'text-ignore', settings: { domain: 'custom' } },
      question: 'Trained on your own writing, how much English does it lose?',
      uses: ['code'],
      needs: 0,
      answer: ({ run, earlier }) => ownTextForgets(run!, earlier.code),
      terms: ['domain', 'continual-pretraining', 'forgetting', 'real-word-share'],
    },
  ],
};

export const LESSONS: readonly Lesson[] = [FIVE_LEVERS, ENGLISH_FORGETS];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
