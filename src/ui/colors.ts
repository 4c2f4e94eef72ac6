/** Run colours: distinct, readable on white and for common colour-vision deficiencies (Okabe–Ito). */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

export function runColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}

export const SKILL_COLORS: Record<string, string> = {
  copy: '#0072B2',
  reverse: '#D55E00',
  sort: '#009E73',
  successor: '#CC79A7',
};
