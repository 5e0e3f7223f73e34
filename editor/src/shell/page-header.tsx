import type { ReactNode } from 'react';

/** A page's header: the section it belongs to, its title (the page's `h1`, with `id`) and a note. */
export function PageHeader(props: { id: string; eyebrow: string; title: string; note?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <p className="eyebrow">{props.eyebrow}</p>
        <h1 id={props.id}>{props.title}</h1>
      </div>
      {props.note !== undefined && <p className="meta">{props.note}</p>}
    </header>
  );
}
