import { useRef, type ReactNode } from 'react';
import { useNoticeStore } from '../../store/noticeStore';
import { useViewStore } from '../../store/viewStore';
import { downloadBlob, downloadText, svgText, svgToPng } from '../download';

export interface TableData {
  columns: string[];
  rows: Array<Array<string | number>>;
}

/** A chart with its title, a legend that names the runs, and the same data as a table. */
export function ChartCard({
  id,
  title,
  description,
  legend,
  table,
  empty,
  children,
}: {
  id: string;
  title: string;
  description: string;
  legend?: ReactNode;
  table: TableData;
  empty?: string;
  children: ReactNode;
}) {
  const area = useRef<HTMLDivElement>(null);
  const chartSvg = () => area.current?.querySelector<SVGSVGElement>('svg.chart-surface, svg.recharts-surface') ?? null;
  const exportAs = async (kind: 'svg' | 'png') => {
    const svg = chartSvg();
    if (!svg) return;
    try {
      if (kind === 'svg') downloadText(`forgetting-lab-${id}.svg`, svgText(svg), 'image/svg+xml');
      else downloadBlob(`forgetting-lab-${id}.png`, await svgToPng(svg));
    } catch (err) {
      useNoticeStore.getState().notify(`The chart could not be exported: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  };
  const hasChart = !(table.rows.length === 0 && empty);
  return (
    <figure className="chart-card" data-testid={`chart-${id}`} aria-labelledby={`${id}-title`}>
      <figcaption>
        <div className="chart-head">
          <h3 id={`${id}-title`}>{title}</h3>
          {hasChart && (
            <span className="chart-export">
              <button type="button" className="small" onClick={() => void exportAs('svg')} aria-label={`save ${title} as SVG`}>
                SVG
              </button>
              <button type="button" className="small" onClick={() => void exportAs('png')} aria-label={`save ${title} as PNG`}>
                PNG
              </button>
            </span>
          )}
        </div>
        <p className="muted">{description}</p>
      </figcaption>
      {/* The chart is drawn even when empty (axes only), so its code is ready before the first run. */}
      <div className="chart-area" ref={area}>
        {children}
        {!hasChart && <p className="chart-empty muted">{empty}</p>}
      </div>
      {legend && <div className="legend">{legend}</div>}
      <details className="data-table">
        <summary>Data table</summary>
        <table>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{typeof cell === 'number' ? Number(cell.toFixed(3)) : cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

interface LegendItem {
  id: string;
  name: string;
  color: string;
  dashed?: boolean;
  /** The runs it stands for: then hovering or focusing it highlights them on every chart, and a click puts them in focus mode. */
  runIds?: string[];
  spotlight?: { kind: 'run' | 'sweep'; id: string };
}

function Swatch({ item }: { item: LegendItem }) {
  return (
    <svg width="22" height="10" aria-hidden="true">
      <line x1="1" y1="5" x2="21" y2="5" stroke={item.color} strokeWidth="3" strokeDasharray={item.dashed ? '4 3' : undefined} />
    </svg>
  );
}

/** A legend entry for runs: a button that highlights them while hovered or focused, and toggles focus mode when pressed. */
function RunLegendButton({ item, runIds }: { item: LegendItem; runIds: string[] }) {
  const spotlight = useViewStore((s) => s.spotlight);
  const lit = item.spotlight !== undefined && spotlight?.kind === item.spotlight.kind && spotlight.id === item.spotlight.id;
  const view = () => useViewStore.getState();
  const on = () => view().setHighlight(runIds);
  const off = () => view().setHighlight(null);
  return (
    <button
      type="button"
      className="legend-item"
      aria-pressed={lit}
      title="Highlight on every chart; press to show only this in focus mode"
      onMouseEnter={on}
      onMouseLeave={off}
      onFocus={on}
      onBlur={off}
      onClick={() => item.spotlight && view().setSpotlight(lit ? null : item.spotlight)}
    >
      <Swatch item={item} />
      {item.name}
    </button>
  );
}

export function RunLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="run-legend">
      {items.map((item) => (
        <li key={item.id}>
          {item.runIds ? (
            <RunLegendButton item={item} runIds={item.runIds} />
          ) : (
            <>
              <Swatch item={item} />
              {item.name}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
