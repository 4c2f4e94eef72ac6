import type { Rule } from 'eslint';

export function zoneOf(path: string): 'pure' | 'page' | 'engine' | 'worker' | null;
declare const rule: Rule.RuleModule;
export default rule;
