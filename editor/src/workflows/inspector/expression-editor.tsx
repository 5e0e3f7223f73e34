import { useEffect, useRef } from 'react';
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useSchemas } from '../../entities/schema-context';
import { parseExpression, type WorkflowDefinition } from '../model/core';
import { suggestionsFor, type EntityFields } from './expression-completions';
import { errorRange } from './expression-error-range';
import { jsonata } from './jsonata-language';
import { usePreviewSource } from './sample-context';

function syntaxDiagnostics(view: EditorView): Diagnostic[] {
  const source = view.state.doc.toString();
  if (source.trim() === '') return [];
  const parsed = parseExpression(source);
  if (parsed.ok) return [];
  const { from, to } = errorRange(source, parsed.error.position, parsed.error.token);
  return [{ from, to, severity: 'error', message: parsed.error.message }];
}

interface Context {
  definition: WorkflowDefinition | undefined;
  fields: EntityFields;
}

function completionSource(context: () => Context) {
  return (completion: CompletionContext): CompletionResult | null => {
    const path = completion.matchBefore(/\$[\w$]*(\.[\w$]*)*$/);
    if (!path) return null;
    const { definition, fields } = context();
    if (!definition) return null;
    const lastDot = path.text.lastIndexOf('.');
    const options: Completion[] = suggestionsFor(path.text, definition, fields).map((suggestion) => ({
      label: suggestion.label,
      type: suggestion.type,
      ...(suggestion.detail ? { detail: suggestion.detail } : {}),
      ...(suggestion.info ? { info: suggestion.info } : {}),
      ...(suggestion.type === 'function' ? { apply: `${suggestion.label}(` } : {}),
    }));
    return { from: lastDot === -1 ? path.from : path.from + lastDot + 1, options, validFor: /^[\w$]*$/ };
  };
}

/**
 * The expression editor: CodeMirror 6 with JSONata highlighting, completion of `$trigger` fields,
 * `$nodes.<id>` outputs, `$vars` and JSONata's built-ins (with signatures), and the syntax error
 * underlined where JSONata found it. The editor is created once; a changed `value` from outside
 * (undo, a rename) replaces its text.
 */
export function ExpressionEditor(props: {
  id: string;
  label: string;
  value: string;
  autoFocus: boolean;
  readOnly: boolean;
  onChange: (source: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const preview = usePreviewSource();
  const schemas = useSchemas();
  const noFields: EntityFields = () => undefined;
  const latest = useRef<{ props: typeof props; context: Context }>({
    props,
    context: { definition: preview?.definition, fields: noFields },
  });
  useEffect(() => {
    const types = schemas.status === 'ready' ? schemas.types : undefined;
    latest.current = {
      props,
      context: {
        definition: preview?.definition,
        fields: (type) => types?.get(type)?.schema.properties,
      },
    };
  });

  const { id, label, readOnly, autoFocus } = props;
  useEffect(() => {
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.props.value,
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          jsonata,
          syntaxHighlighting(defaultHighlightStyle),
          autocompletion({ override: [completionSource(() => latest.current.context)], icons: false }),
          linter(syntaxDiagnostics, { delay: 150 }),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
          EditorView.lineWrapping,
          placeholder('e.g. $trigger.entity.total > 1000'),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ id, 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const text = update.state.doc.toString();
            // A value set from outside comes back through here: it is not an edit.
            if (text !== latest.current.props.value) latest.current.props.onChange(text);
          }),
        ],
      }),
    });
    view.current = created;
    if (autoFocus) {
      created.focus();
      created.dispatch({ selection: { anchor: created.state.doc.length } });
    }
    return () => {
      created.destroy();
      view.current = undefined;
    };
  }, [id, label, readOnly, autoFocus]);

  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === props.value) return;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: props.value } });
  }, [props.value]);

  return <div ref={host} className="wf-expr__editor" data-testid={`expression-${id}`} />;
}
