import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { emptySelection, type Selection } from '../canvas/workflow-canvas';
import { copyFragment, parseFragment, pasteFragment, serializeFragment } from '../model/clipboard';
import type { WorkflowDefinition } from '../model/core';
import { removeElements, type Position } from '../model/graph-edits';
import { canRedo, canUndo, createHistory, record, redo, undo, type History } from '../model/history';

interface Model {
  history: History<WorkflowDefinition>;
  /** The definition as last loaded or saved; the draft is dirty while the present differs from it. */
  saved: WorkflowDefinition;
  selection: Selection;
}

const blank: WorkflowDefinition = { name: '', nodes: [], edges: [] };

/**
 * The editor's state: the definition with its undo history, the saved definition it is compared
 * with, and the selection. Every command is a pure edit of the definition recorded as one undo step.
 */
export function useEditorModel() {
  const [model, setModel] = useState<Model>(() => ({
    history: createHistory(blank),
    saved: blank,
    selection: emptySelection,
  }));
  const latest = useRef(model);
  useLayoutEffect(() => {
    latest.current = model;
  }, [model]);

  const definition = model.history.present;
  const selection = model.selection;

  /** Replaces everything: a freshly loaded draft or version; the history starts over. */
  const load = useCallback((loaded: WorkflowDefinition) => {
    setModel({ history: createHistory(loaded), saved: loaded, selection: emptySelection });
  }, []);

  const edit = useCallback((next: WorkflowDefinition, key?: string) => {
    setModel((current) => ({
      ...current,
      history: record(current.history, next, { key, at: performance.now() }),
    }));
  }, []);

  /** Records the definition as saved: the draft is clean until the next edit. */
  const markSaved = useCallback((saved: WorkflowDefinition) => {
    setModel((current) => ({ ...current, saved }));
  }, []);

  const select = useCallback((next: Selection) => {
    setModel((current) => ({ ...current, selection: next }));
  }, []);

  const keepExisting = (history: History<WorkflowDefinition>, selected: Selection): Selection => {
    const nodes = new Set(history.present.nodes.map((node) => node.id));
    const edges = new Set(history.present.edges.map((edge) => edge.id));
    return {
      nodes: new Set([...selected.nodes].filter((id) => nodes.has(id))),
      edges: new Set([...selected.edges].filter((id) => edges.has(id))),
    };
  };

  const commands = useMemo(
    () => ({
      undo: () =>
        setModel((current) => {
          const history = undo(current.history);
          return { ...current, history, selection: keepExisting(history, current.selection) };
        }),
      redo: () =>
        setModel((current) => {
          const history = redo(current.history);
          return { ...current, history, selection: keepExisting(history, current.selection) };
        }),
      deleteSelection: () =>
        setModel((current) => {
          const next = removeElements(
            current.history.present,
            current.selection.nodes,
            current.selection.edges,
          );
          return { ...current, history: record(current.history, next), selection: emptySelection };
        }),
      selectAll: () =>
        setModel((current) => ({
          ...current,
          selection: {
            nodes: new Set(current.history.present.nodes.map((node) => node.id)),
            edges: new Set(),
          },
        })),
      deselect: () => setModel((current) => ({ ...current, selection: emptySelection })),
      /** The clipboard text of the selected nodes, or undefined when none are selected. */
      copyText: (): string | undefined => {
        const { history, selection: selected } = latest.current;
        if (selected.nodes.size === 0) return undefined;
        return serializeFragment(copyFragment(history.present, selected.nodes));
      },
      /** Pastes clipboard text; the pasted nodes become the selection. False when the text is no fragment. */
      paste: (text: string, at?: Position): boolean => {
        const fragment = parseFragment(text);
        if (!fragment) return false;
        setModel((current) => {
          const pasted = pasteFragment(current.history.present, fragment, at);
          return {
            ...current,
            history: record(current.history, pasted.definition),
            selection: { nodes: new Set(pasted.nodeIds), edges: new Set(pasted.edgeIds) },
          };
        });
        return true;
      },
      /** Adds nodes that were just created (a drop, a palette click) and selects the new one. */
      addAndSelect: (next: WorkflowDefinition, id: string) =>
        setModel((current) => ({
          ...current,
          history: record(current.history, next),
          selection: { nodes: new Set([id]), edges: new Set() },
        })),
    }),
    [],
  );

  return {
    definition,
    selection,
    dirty: definition !== model.saved,
    canUndo: canUndo(model.history),
    canRedo: canRedo(model.history),
    load,
    edit,
    markSaved,
    select,
    ...commands,
  };
}

export type EditorModel = ReturnType<typeof useEditorModel>;
