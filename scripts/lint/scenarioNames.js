/**
 * ESLint rule `lab/scenario-names`: outside a scenario's own folder
 * (src/engine/scenarios/), code never compares a value with a scenario's
 * name ('skills', 'text'): it reads the scenario's descriptor instead
 * (docs/extending.md), so a new scenario cannot fall silently into the wrong
 * branch. Flags `x === 'text'`, `x !== 'skills'` and `case 'text':`.
 */
const NAMES = new Set(['skills', 'text']);

const isName = (node) => node?.type === 'Literal' && typeof node.value === 'string' && NAMES.has(node.value);

export default {
  meta: {
    type: 'problem',
    docs: { description: "keeps scenario-name comparisons inside the scenarios' own folders" },
    schema: [],
    messages: {
      compare: "compares with the scenario name '{{name}}': read the scenario's descriptor (engine/scenarios/registry.ts) instead (docs/extending.md)",
    },
  },
  create(context) {
    return {
      BinaryExpression(node) {
        if (!['===', '!==', '==', '!='].includes(node.operator)) return;
        const literal = isName(node.left) ? node.left : isName(node.right) ? node.right : null;
        if (literal) context.report({ node, messageId: 'compare', data: { name: literal.value } });
      },
      SwitchCase(node) {
        if (isName(node.test)) context.report({ node, messageId: 'compare', data: { name: node.test.value } });
      },
    };
  },
};
