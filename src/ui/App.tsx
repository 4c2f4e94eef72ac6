import { useEffect } from 'react';
import { useLabStore } from '../store/lab';
import { BaseModelPanel } from './BaseModelPanel';
import { DriftChart } from './charts/DriftChart';
import { SkillChart } from './charts/SkillChart';
import { TaskGeneralChart } from './charts/TaskGeneralChart';
import { TradeoffChart } from './charts/TradeoffChart';
import { useChartRuns } from './charts/useChartRuns';
import { ControlPanel } from './controls/ControlPanel';
import { GenerationsPanel } from './GenerationsPanel';
import { Header } from './Header';
import { RunControls } from './RunControls';
import { RunList } from './RunList';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import type { BackendChoice } from '../worker/backendChoice';

const CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function backendFromUrl(): BackendChoice {
  const asked = new URLSearchParams(location.search).get('backend') ?? 'auto';
  return (CHOICES.includes(asked) ? asked : 'auto') as BackendChoice;
}

export function App() {
  const connect = useLabStore((s) => s.connect);
  const { all, visible, focus } = useChartRuns();
  useKeyboardShortcuts();
  useEffect(() => {
    void connect(backendFromUrl());
  }, [connect]);

  return (
    <div className="app">
      <Header />
      <ShortcutsHelp />
      <div className="layout">
        <aside className="sidebar">
          <ControlPanel />
        </aside>
        <main className="main">
          <RunControls />
          <div className="charts">
            <TaskGeneralChart runs={visible} focus={focus} />
            <SkillChart focus={focus} />
            <TradeoffChart runs={visible} />
            <DriftChart runs={visible} />
          </div>
          <section aria-labelledby="runs-title">
            <h2 id="runs-title">Runs</h2>
            <RunList />
          </section>
          <section aria-labelledby="gen-title">
            <h2 id="gen-title">Before and after</h2>
            <GenerationsPanel focus={focus} />
          </section>
          <section aria-labelledby="base-title">
            <h2 id="base-title">Base model</h2>
            <BaseModelPanel />
          </section>
          <p className="muted footer">{all.length} run(s) this session.</p>
        </main>
      </div>
    </div>
  );
}
