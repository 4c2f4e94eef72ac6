/** The general skills' (and the text scenario's genres') colours in the per-skill chart (run colours: palette.ts). */
export const SKILL_COLORS: Record<string, string> = {
  copy: '#0072B2',
  reverse: '#D55E00',
  sort: '#009E73',
  successor: '#CC79A7',
  // The text scenario's genres of general prose.
  news: '#0072B2',
  fiction: '#D55E00',
  mystery: '#009E73',
  adventure: '#CC79A7',
  romance: '#E69F00',
  humor: '#56B4E9',
  'belles-lettres': '#555555',
};
