/**
 * The lab's scenarios, chosen by the config key `scenario`:
 * - skills: a digit-string GPT with four general skills, fine-tuned on a new task.
 * - text: an English character-level GPT, continually pre-trained on a domain
 *   (JavaScript code, or near-domain prose) while its general prose is measured.
 */
export const SCENARIOS = ['skills', 'text'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
