import { useEffect, useState } from 'react';
import type { BackendChoice } from '../worker/backendChoice';
import { baseModelUrl, startLabWorker, type LabClient } from '../worker/client';
import type { BackendStatus, BaseModelReport } from '../worker/labWorker';

const CHOICES: BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function initialChoice(): BackendChoice {
  const asked = new URLSearchParams(location.search).get('backend');
  return CHOICES.includes(asked as BackendChoice) ? (asked as BackendChoice) : 'auto';
}

export function App() {
  const [choice, setChoice] = useState<BackendChoice>(initialChoice);
  const [status, setStatus] = useState<BackendStatus | null>(null);
  const [report, setReport] = useState<BaseModelReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const { client, terminate } = startLabWorker();
    let cancelled = false;
    const load = async (lab: LabClient) => {
      setStatus(null);
      setReport(null);
      setError(null);
      try {
        const s = await lab.init(choice, baseModelUrl());
        if (cancelled) return;
        setStatus(s);
        const r = await lab.evaluateBase();
        if (!cancelled) setReport(r);
      } catch (err) {
        if (!cancelled) setError(err instanceof Error ? err.message : String(err));
      }
    };
    void load(client);
    return () => {
      cancelled = true;
      terminate();
    };
  }, [choice]);

  return (
    <main className="app">
      <header>
        <h1>Forgetting Lab</h1>
        <label>
          Backend{' '}
          <select value={choice} onChange={(e) => setChoice(e.target.value as BackendChoice)}>
            {CHOICES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <span className="badge" data-testid="backend-badge" title={status?.reason}>
          {status ? status.label : 'starting…'}
        </span>
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <section aria-labelledby="base-title">
        <h2 id="base-title">Base model</h2>
        {!report && !error && <p>Evaluating the shipped base model on its held-out sets…</p>}
        {report && (
          <table data-testid="base-scores">
            <thead>
              <tr>
                <th>Skill</th>
                <th>Exact match (measured here)</th>
                <th>Per-token</th>
                <th>Recorded at pre-training</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(report.scores).map(([skill, s]) => (
                <tr key={skill} data-skill={skill}>
                  <td>{skill}</td>
                  <td className="acc">{(100 * s.acc).toFixed(1)}%</td>
                  <td>{(100 * s.tokenAcc).toFixed(1)}%</td>
                  <td>{report.recorded[skill] !== undefined ? `${(100 * report.recorded[skill]).toFixed(1)}%` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {report && (
          <p className="muted" data-testid="base-info">
            {report.params.toLocaleString()} parameters, evaluated in {report.ms.toFixed(0)} ms on {status?.name}.
          </p>
        )}
      </section>
    </main>
  );
}
