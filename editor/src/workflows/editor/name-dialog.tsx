import { useState, type FormEvent } from 'react';

/** Asks for a name (a new sub-process, an extracted sub-workflow), with what will happen said above. */
export function NameDialog(props: {
  title: string;
  note: string;
  action: string;
  busy?: boolean;
  onSubmit: (name: string) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() !== '') props.onSubmit(name.trim());
  };
  return (
    <div className="wf-dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-label={props.title} className="wf-dialog">
        <h2>{props.title}</h2>
        <p>{props.note}</p>
        <form onSubmit={submit}>
          <label>
            Name{' '}
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              autoFocus
              maxLength={200}
            />
          </label>
          <div className="actions">
            <button type="submit" disabled={props.busy || name.trim() === ''}>
              {props.action}
            </button>
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
