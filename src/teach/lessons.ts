/**
 * The guided lessons, as data: each step's run, question and answer function
 * (lessonAnswers.ts). A lesson for another scenario is one more entry here.
 */
import type { Lesson } from './lesson';
import { adapterVsFull, bestBalance, lowerLearningRate, mixingCost, pullVsFree, whichSkillFellFirst } from './lessonAnswers';

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
  summary: 'Six short steps, each with a question that your own runs answer.',
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
  ],
};

export const LESSONS: readonly Lesson[] = [FIVE_LEVERS];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
