import { useState, type DragEvent } from 'react';
import { nodeTypeDragFormat } from '../canvas/workflow-canvas';
import type { NodeTypeDescription } from '../model/core';
import { searchPalette } from './palette-groups';

/**
 * The node palette, generated from the catalog: grouped, searchable, each item draggable onto the
 * canvas, or added with a click (or Enter) next to the selection.
 */
export function Palette({
  types,
  onAdd,
}: {
  types: readonly NodeTypeDescription[];
  onAdd: (type: string) => void;
}) {
  const [query, setQuery] = useState('');
  const sections = searchPalette(types, query);
  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(nodeTypeDragFormat, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="wf-palette" aria-label="Node palette">
      <input
        type="search"
        className="wf-palette__search"
        placeholder="Search nodes"
        aria-label="Search nodes"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {sections.map((section) => (
        <section key={section.group} aria-label={section.title}>
          <h3>{section.title}</h3>
          <ul>
            {section.types.map((type) => (
              <li key={type.type}>
                <button
                  type="button"
                  draggable
                  className={`wf-palette__item wf-palette__item--${type.group}`}
                  data-node-type={type.type}
                  title={type.description}
                  onDragStart={(event) => onDragStart(event, type.type)}
                  onClick={() => onAdd(type.type)}
                >
                  {type.label}
                  <small>{type.type}</small>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {sections.length === 0 && <p className="meta">No node type matches “{query}”.</p>}
    </nav>
  );
}
