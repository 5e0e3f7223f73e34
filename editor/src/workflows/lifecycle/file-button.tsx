import { useRef } from 'react';

/** A button that opens the file picker for a JSON file; the hidden input carries `inputLabel`. */
export function JsonFileButton(props: { label: string; inputLabel: string; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label={props.inputLabel}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) props.onFile(file);
          // Choosing the same file again must fire again.
          event.target.value = '';
        }}
      />
    </>
  );
}
