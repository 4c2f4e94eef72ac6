/** The scenario-name rule flags comparisons with a scenario's name and lets reading a descriptor through. */
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import tseslint from 'typescript-eslint';
import scenarioNames from './scenarioNames.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('scenario-names', scenarioNames, {
  valid: [
    "const label = describeScenario(config.scenario).label;",
    "if (state.config.scenario === previous.config.scenario) {}",
    "const kind = descriptor.samples === 'continuations';",
    "const data = { scenario: 'text' };",
  ],
  invalid: [
    { code: "if (config.scenario === 'text') {}", errors: [{ messageId: 'compare' }] },
    { code: "const x = 'skills' !== scenario;", errors: [{ messageId: 'compare' }] },
    { code: "switch (scenario) { case 'text': break; }", errors: [{ messageId: 'compare' }] },
  ],
});
