/** The general skills' colours in the per-skill chart (run colours: palette.ts). */
export const SKILL_COLORS: Record<string, string> = {
  copy: '#0072B2',
  reverse: '#D55E00',
  sort: '#009E73',
  successor: '#CC79A7',
};
