import { SECTION_TITLES } from '../controls/controlSpecs';

/** Locked or hidden sections in words, as the controls title them: 'Task, Learning rate'. */
export function sectionList(ids: readonly string[]): string {
  return ids.map((id) => SECTION_TITLES[id as keyof typeof SECTION_TITLES] ?? id).join(', ');
}
