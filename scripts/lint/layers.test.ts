/** The layer rule flags what docs/architecture.md forbids, and lets the rest through. */
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import tseslint from 'typescript-eslint';
import layers, { zoneOf } from './layers.js';
import { expect } from 'vitest';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const at = (file: string) => `${process.cwd()}/${file}`;

describe('zones', () => {
  it('put each file in its layer', () => {
    expect(zoneOf('src/ui/App.tsx')).toBe('page');
    expect(zoneOf('src/worker/client.ts')).toBe('page');
    expect(zoneOf('src/worker/labWorker.ts')).toBe('worker');
    expect(zoneOf('src/engine/config/schema.ts')).toBe('pure');
    expect(zoneOf('src/engine/model/shapes.ts')).toBe('pure');
    expect(zoneOf('src/engine/model/architecture.ts')).toBe('pure');
    expect(zoneOf('src/engine/sweep/sweep.ts')).toBe('pure');
    expect(zoneOf('src/engine/model/model.ts')).toBe('engine');
    expect(zoneOf('src/teach/lessons.ts')).toBe('teach');
    expect(zoneOf('src/runs/run.ts')).toBe('runs');
    expect(zoneOf('scripts/lab.ts')).toBeNull();
  });
});

tester.run('lab/layers', layers, {
  valid: [
    { filename: at('src/ui/App.tsx'), code: "import { presetConfig } from '../engine/config/presets';" },
    { filename: at('src/ui/App.tsx'), code: "import type { Gpt } from '../engine/model/model';" },
    { filename: at('src/ui/App.tsx'), code: "import { type Gpt } from '../engine/model/model';" },
    { filename: at('src/worker/labWorker.ts'), code: "import { Gpt } from '../engine/model/model';" },
    { filename: at('src/engine/model/model.ts'), code: "import * as tf from '../tf'; import { configSchema } from '../config/schema';" },
    { filename: at('src/engine/backend/backends.ts'), code: "await import('@tensorflow/tfjs-backend-wasm');" },
    { filename: at('src/ui/teach/LessonMount.tsx'), code: "import { LESSONS } from '../../teach/lessons';" },
    { filename: at('src/teach/lessonAnswers.ts'), code: "import { summaryOf } from '../runs/run'; import { sectionOf } from '../engine/config/sections';" },
    { filename: at('src/store/runsStore.ts'), code: "import { settledStatus } from '../runs/run';" },
    { filename: at('src/ui/RunList.tsx'), code: "import { summaryOf } from '../runs/run';" },
    { filename: at('src/runs/run.ts'), code: "import { z } from 'zod'; import { configSchema } from '../engine/config/schema';" },
    { filename: at('src/teach/lesson.ts'), code: "import type { LabState } from '../store/labStore';" },
  ],
  invalid: [
    { filename: at('src/ui/App.tsx'), code: "import * as tf from '@tensorflow/tfjs-core';", errors: [{ messageId: 'package' }] },
    { filename: at('src/store/lab.ts'), code: "import { Gpt } from '../engine/model/model';", errors: [{ messageId: 'local' }] },
    { filename: at('src/share/link.ts'), code: "export { useBackend } from '../engine/backend/backends';", errors: [{ messageId: 'local' }] },
    { filename: at('src/engine/config/schema.ts'), code: "import * as tf from '../tf';", errors: [{ messageId: 'local' }] },
    { filename: at('src/engine/data/skills.ts'), code: "import * as tf from '@tensorflow/tfjs-core';", errors: [{ messageId: 'package' }] },
    { filename: at('src/engine/model/model.ts'), code: "import { useLabStore } from '../../store/lab';", errors: [{ messageId: 'local' }] },
    { filename: at('src/engine/run.ts'), code: "import { create } from 'zustand';", errors: [{ messageId: 'package' }] },
    { filename: at('src/worker/labWorker.ts'), code: "import { useLabStore } from '../store/lab';", errors: [{ messageId: 'local' }] },
    { filename: at('src/teach/lessons.ts'), code: "import { useState } from 'react';", errors: [{ messageId: 'package' }] },
    { filename: at('src/teach/lessons.ts'), code: "import { Gpt } from '../engine/model/model';", errors: [{ messageId: 'local' }] },
    { filename: at('src/engine/config/presets.ts'), code: "import { LESSONS } from '../../teach/lessons';", errors: [{ messageId: 'local' }] },
    // teach is below the page: it may not import page code (the run model is in runs/).
    { filename: at('src/teach/lessonAnswers.ts'), code: "import { useRunsStore } from '../store/runsStore';", errors: [{ messageId: 'local' }] },
    { filename: at('src/teach/answerFormat.ts'), code: "import { pct } from '../ui/format';", errors: [{ messageId: 'local' }] },
    { filename: at('src/teach/lesson.ts'), code: "export { settingText } from '../share/link';", errors: [{ messageId: 'local' }] },
    // runs is below page and teach, and free of tfjs and the stores' libraries.
    { filename: at('src/runs/run.ts'), code: "import { LESSONS } from '../teach/lessons';", errors: [{ messageId: 'local' }] },
    { filename: at('src/runs/run.ts'), code: "import { useRunsStore } from '../store/runsStore';", errors: [{ messageId: 'local' }] },
    { filename: at('src/runs/run.ts'), code: "import { Gpt } from '../engine/model/model';", errors: [{ messageId: 'local' }] },
    { filename: at('src/runs/run.ts'), code: "import { create } from 'zustand';", errors: [{ messageId: 'package' }] },
    { filename: at('src/engine/config/keys.ts'), code: "import { summaryOf } from '../../runs/run';", errors: [{ messageId: 'local' }] },
  ],
});
