/** One heatmap cell: a mean over seeds, its sd, how many seeds. */
export interface HeatCell {
  mean: number;
  sd: number;
  n: number;
}

const CELL_W = 64;
const CELL_H = 34;
const LEFT = 70;
const TOP = 22;
const BOTTOM = 34;

/** Mixes white into `hex` by 1 − t (t in 0..1), so darker means more. */
function shade(hex: string, t: number): string {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const mixed = c.map((v) => Math.round(255 - (255 - v) * (0.08 + 0.92 * t)));
  return `rgb(${mixed.join(',')})`;
}

/**
 * A grid of values as an SVG heatmap: columns the first knob's values, rows
 * the second's, each cell shaded by its mean on a 0–100 scale and written out
 * (the number is the reading; the shade only guides the eye). Empty cells
 * (no finished seed) are hatched grey.
 */
export function Heatmap({ title, x, y, xName, yName, cells, color }: { title: string; x: string[]; y: string[]; xName: string; yName: string; cells: (HeatCell | null)[][]; color: string }) {
  const width = LEFT + x.length * CELL_W + 8;
  const height = TOP + y.length * CELL_H + BOTTOM;
  return (
    <svg className="recharts-surface heatmap" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title} by ${xName} and ${yName}`}>
      <text x={LEFT} y={14} fontSize={12} fontWeight={600}>
        {title} (pts)
      </text>
      {y.map((yv, i) => (
        <text key={`y${i}`} x={LEFT - 6} y={TOP + i * CELL_H + CELL_H / 2 + 4} fontSize={11} textAnchor="end">
          {yv}
        </text>
      ))}
      {x.map((xv, j) => (
        <text key={`x${j}`} x={LEFT + j * CELL_W + CELL_W / 2} y={TOP + y.length * CELL_H + 14} fontSize={11} textAnchor="middle">
          {xv}
        </text>
      ))}
      <text x={LEFT + (x.length * CELL_W) / 2} y={height - 4} fontSize={11} textAnchor="middle" fill="#555">
        {xName} →
      </text>
      <text x={4} y={TOP - 6} fontSize={11} fill="#555">
        {yName} ↓
      </text>
      {cells.map((row, i) =>
        row.map((c, j) => {
          const t = c ? Math.max(0, Math.min(1, c.mean / 100)) : 0;
          return (
            <g key={`${i}-${j}`} transform={`translate(${LEFT + j * CELL_W},${TOP + i * CELL_H})`}>
              <rect width={CELL_W - 2} height={CELL_H - 2} fill={c ? shade(color, t) : '#eee'} stroke="#fff">
                <title>{c ? `${xName} ${x[j]}, ${yName} ${y[i]}: ${title} ${c.mean.toFixed(1)}${c.n > 1 ? ` ± ${c.sd.toFixed(1)}` : ''} pts over ${c.n} seed(s)` : `${xName} ${x[j]}, ${yName} ${y[i]}: no finished run`}</title>
              </rect>
              <text x={(CELL_W - 2) / 2} y={CELL_H / 2 + 3} fontSize={12} textAnchor="middle" fill={t > 0.55 ? '#fff' : '#111'}>
                {c ? c.mean.toFixed(0) : '–'}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}
