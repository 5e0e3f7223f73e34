import { Link } from '../routing/use-route';
import type { StatWidget } from './dashboard-api';
import { formatFigure } from './format-figure';

/** One figure, its second figure and note; the whole card links to the list behind it. */
export function StatCard({ widget, currency }: { widget: StatWidget; currency: string }) {
  const body = (
    <>
      <span className="stat-title">{widget.title}</span>
      <span className="stat-value">{formatFigure(widget.value, widget.unit, currency)}</span>
      {widget.secondary && (
        <span className="stat-secondary">
          {formatFigure(widget.secondary.value, widget.secondary.unit, currency)} {widget.secondary.label}
        </span>
      )}
      {widget.note && <span className="stat-note">{widget.note}</span>}
    </>
  );
  return (
    <div className="dashboard-widget stat-card" data-widget={widget.id}>
      {widget.link ? (
        <Link to={widget.link} className="stat-link">
          {body}
        </Link>
      ) : (
        body
      )}
    </div>
  );
}
