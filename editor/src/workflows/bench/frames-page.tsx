import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import { WorkflowCanvas } from '../canvas/workflow-canvas';
import { useEditorModel } from '../editor/use-editor-model';
import { benchGraph } from './bench-graph';
import '../../styles.css';

/** What the benchmark drives from outside: which graph is shown, and frame timing. */
interface FramesBenchmark {
  size: number;
  /** Starts collecting requestAnimationFrame timestamps. */
  record: () => void;
  /** Stops and returns the time between consecutive frames, in ms. */
  stop: () => number[];
}

declare global {
  interface Window {
    benchmark?: FramesBenchmark;
  }
}

let stamps: number[] = [];
/**
 * The current recording; 0 when stopped. Each loop of frame callbacks belongs to one recording and
 * ends when another starts, so a loop still pending from the last recording never runs beside the
 * next one (two loops would record each frame twice, as a 0 ms interval).
 */
let recording = 0;
let recordings = 0;
const loop = (id: number) => {
  const frame = (time: number) => {
    if (recording !== id) return;
    stamps.push(time);
    requestAnimationFrame(frame);
  };
  return frame;
};

/**
 * The benchmark page: the editor's own canvas and state (definition, undo history, selection) over a
 * generated graph of `?size=` nodes, with no server. Dragging a node goes through the same edits as
 * in the editor.
 */
function BenchCanvas({ size }: { size: number }) {
  const model = useEditorModel();
  const { load } = model;
  useEffect(() => {
    load(benchGraph(size));
    window.benchmark = {
      size,
      record: () => {
        stamps = [];
        recordings += 1;
        recording = recordings;
        requestAnimationFrame(loop(recording));
      },
      stop: () => {
        recording = 0;
        return stamps.slice(1).map((time, index) => time - stamps[index]!);
      },
    };
  }, [load, size]);
  if (model.definition.nodes.length !== size) return null;
  return (
    <WorkflowCanvas
      definition={model.definition}
      selection={model.selection}
      decorations={noDecorations}
      onEdit={model.edit}
      onSelectionChange={model.select}
    />
  );
}

const noDecorations = {};
const size = Number(new URLSearchParams(window.location.search).get('size') ?? '10');
const root = document.getElementById('root');
if (!root) throw new Error('the benchmark page has no #root element');
createRoot(root).render(
  <StrictMode>
    <ReactFlowProvider>
      <BenchCanvas size={size} />
    </ReactFlowProvider>
  </StrictMode>,
);
