/** A uPlot time-series chart of samples the overview collects at each refresh. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { html } from './html.ts';

export interface Series {
  label: string;
  stroke: string;
}

export function Chart(props: { title: string; series: Series[]; data: number[][] }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const width = Math.max(260, Math.min(box.current.clientWidth || 600, 640));
    plot.current = new uPlot(
      {
        width,
        height: 180,
        series: [{}, ...props.series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2 }))],
        // Time of day only: the chart spans ten minutes, and uPlot's default date stamps misread here.
        axes: [
          {
            values: (_u: uPlot, splits: number[]) =>
              splits.map((t) =>
                new Date(t * 1000).toLocaleTimeString([], {
                  hour: '2-digit',
                  minute: '2-digit',
                  hourCycle: 'h23',
                }),
              ),
          },
          { size: 50 },
        ],
        // The last ten minutes, whatever the samples span (one sample would span years).
        scales: { x: { time: true, range: (_u, _min, max) => [max - 600, max + 5] } },
      },
      props.data as uPlot.AlignedData,
      box.current,
    );
    return () => plot.current?.destroy();
  }, [props.series.map((s) => s.label).join()]);
  useEffect(() => {
    plot.current?.setData(props.data as uPlot.AlignedData);
  }, [props.data]);
  return html`<figure class="chart"><figcaption>${props.title}</figcaption><div ref=${box} role="img" aria-label=${props.title}></div></figure>`;
}
