import { useEffect, useId, useRef, useState } from 'react';
import { Link, navigate } from '../routing/use-route';
import type { ChartWidget } from './dashboard-api';
import { echarts } from './echarts-setup';
import { formatAxis, formatFigure } from './format-figure';

const palette = ['#2454c5', '#7aa2f7', '#1a7f37', '#b42318', '#9a6700', '#6e7781'];

/**
 * A chart drawn by ECharts, with an ARIA description of its data, a click-through from each bar or
 * point to the list behind it, and a "Show as table" toggle with the same figures and links.
 */
export function ChartCard({ widget, currency }: { widget: ChartWidget; currency: string }) {
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  return (
    <figure className="dashboard-widget chart-card" data-widget={widget.id}>
      <figcaption>
        <span className="stat-title">{widget.title}</span>
        <button
          type="button"
          className="link-button"
          aria-expanded={asTable}
          aria-controls={tableId}
          onClick={() => setAsTable(!asTable)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </figcaption>
      {widget.categories.length === 0 ? (
        <p className="chart-empty">Nothing to show yet.</p>
      ) : asTable ? (
        <ChartTable id={tableId} widget={widget} currency={currency} />
      ) : (
        <EChart widget={widget} currency={currency} />
      )}
      {widget.note && <p className="stat-note">{widget.note}</p>}
    </figure>
  );
}

function EChart({ widget, currency }: { widget: ChartWidget; currency: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption({
      color: palette,
      aria: { enabled: true, label: { description: describe(widget, currency) } },
      animation: false,
      grid: { left: 8, right: 8, top: widget.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      legend: widget.series.length > 1 ? { top: 0, itemWidth: 12, itemHeight: 10 } : undefined,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => formatFigure(Number(value), widget.unit, currency),
      },
      xAxis: {
        type: 'category',
        data: widget.categories,
        axisLabel: { interval: 0, hideOverlap: true, overflow: 'truncate', width: 96 },
      },
      yAxis: {
        type: 'value',
        // Counts are whole: no 0.5 tick.
        ...(widget.unit === 'count' ? { minInterval: 1 } : {}),
        axisLabel: { formatter: (value: number) => formatAxis(value, widget.unit, currency) },
      },
      series: widget.series.map((series) => ({
        name: series.name,
        type: widget.chart,
        data: series.values,
        ...(widget.stacked ? { stack: 'all' } : {}),
        cursor: widget.links ? 'pointer' : 'default',
      })),
    });
    chart.on('click', (params) => {
      const link = widget.links?.[params.dataIndex];
      if (link) navigate(link);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [widget, currency]);
  return <div ref={ref} className="chart" role="img" aria-label={describe(widget, currency)} />;
}

/** The chart's data in words, for screen readers. */
function describe(widget: ChartWidget, currency: string): string {
  const parts = widget.categories.map(
    (category, i) =>
      `${category}: ${widget.series
        .map((series) => `${series.name} ${formatFigure(series.values[i] ?? 0, widget.unit, currency)}`)
        .join(', ')}`,
  );
  return `${widget.title}. ${parts.join('; ')}.`;
}

function ChartTable({ id, widget, currency }: { id: string; widget: ChartWidget; currency: string }) {
  return (
    <table id={id} className="chart-table">
      <caption className="visually-hidden">{widget.title}</caption>
      <thead>
        <tr>
          <th scope="col"></th>
          {widget.series.map((series) => (
            <th key={series.name} scope="col">
              {series.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {widget.categories.map((category, i) => {
          const link = widget.links?.[i];
          return (
            <tr key={category}>
              <th scope="row">{link ? <Link to={link}>{category}</Link> : category}</th>
              {widget.series.map((series) => (
                <td key={series.name}>{formatFigure(series.values[i] ?? 0, widget.unit, currency)}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
