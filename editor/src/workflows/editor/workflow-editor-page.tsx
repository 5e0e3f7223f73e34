import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { navigate } from '../../routing/use-route';
import { WorkflowCanvas } from '../canvas/workflow-canvas';
import { Inspector } from '../inspector/inspector';
import { PreviewProvider } from '../inspector/sample-context';
import { useVersion } from '../lifecycle/use-version';
import { VersionsPanel } from '../lifecycle/versions-panel';
import { downloadText } from '../lifecycle/download';
import { fitReadable, measuredSizes } from '../canvas/measured-sizes';
import { readableViewport } from '../canvas/readable-viewport';
import { inferDirection, layoutGraph, type LayoutDirection } from '../model/auto-layout';
import { parseFragment } from '../model/clipboard';
import type { ValidationError, WorkflowDefinition } from '../model/core';
import { exportFileName, exportText, parseDefinitionFile } from '../model/definition-file';
import { addNode, moveNodes, type Position } from '../model/graph-edits';
import { extractSubworkflow } from '../model/extract-subworkflow';
import { groupNodes, selectedNodeIds } from '../model/group-view';
import { sameDefinition } from '../model/same-definition';
import { describeError, workflowApi } from '../workflow-api';
import { indexErrors } from '../model/validation-index';
import { Palette } from '../palette/palette';
import { useNodeTypes } from '../palette/use-node-types';
import { RunsPanel } from '../runs/runs-panel';
import { StartRunDialog } from '../runs/start-run-dialog';
import { useRuns } from '../runs/use-runs';
import { ProcessAnalyticsView } from '../analytics/process-analytics-view';
import { readClipboard, writeClipboard } from './app-clipboard';
import { EditorToolbar } from './editor-toolbar';
import { SampleDataBar } from './sample-data-bar';
import { ShortcutHelp } from './shortcut-help';
import { useEditorModel } from './use-editor-model';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useSampleData } from './use-sample-data';
import { useUnsavedGuard } from './use-unsaved-guard';
import { useValidation } from './use-validation';
import { TriggerHealthBanner } from './trigger-health-banner';
import { NameDialog } from './name-dialog';
import { SubprocessBar } from './subprocess-bar';
import { useGroupView } from './use-group-view';
import { ValidationPanel } from './validation-panel';
import { useWorkflowDraft } from './use-workflow-draft';

type SidePanel = 'inspector' | 'runs' | 'versions' | 'analytics';

/** The history state that asks the editor to restore a past version into the draft. */
export interface RestoreState {
  restore: WorkflowDefinition;
}

function nextFrames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) =>
      left === 0 ? resolve() : window.requestAnimationFrame(() => step(left - 1));
    step(count);
  });
}

function restoreFromHistory(): WorkflowDefinition | undefined {
  const state = window.history.state as Partial<RestoreState> | null;
  return state?.restore;
}

/** The workflow editor: palette, canvas, inspector, problems, runs and versions of one workflow. */
export function WorkflowEditorPage({ id }: { id: string }) {
  return (
    <ReactFlowProvider>
      <EditorScreen id={id} />
    </ReactFlowProvider>
  );
}

function EditorScreen({ id }: { id: string }) {
  const [restore] = useState(restoreFromHistory);
  const model = useEditorModel();
  const draft = useWorkflowDraft(id, model, restore);
  const nodeTypes = useNodeTypes();
  const validation = useValidation(draft.doc ? id : undefined, model.definition);
  const errorIndex = useMemo(() => indexErrors(validation.errors), [validation.errors]);
  const sample = useSampleData(model.definition);
  const runs = useRuns(id);
  const flow = useReactFlow();
  const canvasBox = useRef<HTMLDivElement>(null);
  const [panel, setPanel] = useState<SidePanel>('inspector');
  const [help, setHelp] = useState(false);
  const [runDialog, setRunDialog] = useState(false);
  const { definition, selection, edit } = model;
  const { setNotice } = draft;
  useUnsavedGuard(model.dirty);
  const published = useVersion(id, draft.doc?.publishedVersion);
  // The direction the graph was drawn in when it opened, then the one the designer lays it out in.
  const [chosenDirection, setDirection] = useState<LayoutDirection>();
  const direction = chosenDirection ?? inferDirection(definition);
  // Fixed once the draft has loaded, so dragging a node never turns the handles.
  if (draft.doc !== undefined && chosenDirection === undefined) setDirection(direction);

  const viewCenter = useCallback((): Position => {
    const box = canvasBox.current?.getBoundingClientRect();
    if (!box) return { x: 0, y: 0 };
    return flow.screenToFlowPosition({ x: box.left + box.width / 2 - 100, y: box.top + box.height / 2 - 40 });
  }, [flow]);

  const canvasSize = () => {
    const box = canvasBox.current?.getBoundingClientRect();
    return { width: box?.width ?? 0, height: box?.height ?? 0 };
  };
  const fitAll = (duration = 200) => fitReadable(flow, canvasSize(), duration);
  const view = useGroupView(definition, draft.doc !== undefined, direction, canvasSize);
  const decorations = useMemo(
    () => ({ errorsByNode: errorIndex.byNode, errorsByEdge: errorIndex.byEdge, boxes: view.boxes }),
    [errorIndex, view.boxes],
  );
  // A stage collapsed, expanded or opened, or lanes turned on, shows a new view: it is fitted again.
  const shownKey = useRef<string>(undefined);
  useEffect(() => {
    if (shownKey.current === undefined || shownKey.current === view.viewKey) {
      shownKey.current = view.viewKey;
      return;
    }
    shownKey.current = view.viewKey;
    void nextFrames(2).then(() => {
      const members = (view.fitTo ?? []).flatMap((nodeId) => flow.getNode(nodeId) ?? []);
      if (members.length === 0) fitReadable(flow, canvasSize(), 0);
      else void flow.setViewport(readableViewport(flow.getNodesBounds(members), canvasSize()));
    });
  }, [view.viewKey, view.fitTo, flow]);
  const [naming, setNaming] = useState<'group' | 'extract'>();
  const [extracting, setExtracting] = useState(false);

  // What is selected and drawn: a box or node selected in another view is not part of the selection.
  const shownSelection = () => {
    const drawn = new Set(view.shown.nodes.map((node) => node.id));
    return selectedNodeIds(definition, new Set([...selection.nodes].filter((id) => drawn.has(id))));
  };

  const groupSelection = (name: string) => {
    const ids = [...shownSelection()];
    edit(groupNodes(definition, ids, name));
    setNaming(undefined);
  };

  const extractSelection = async (name: string) => {
    const plan = extractSubworkflow(definition, shownSelection(), name);
    if ('problem' in plan) {
      setNaming(undefined);
      setNotice({ kind: 'error', message: `Cannot extract: ${plan.problem}` });
      return;
    }
    setExtracting(true);
    try {
      const created = await workflowApi.create(plan.child);
      let published = true;
      await workflowApi.publish(created._id).catch(() => {
        published = false;
      });
      edit(plan.parentWith(created._id));
      model.select({ nodes: new Set([plan.nodeId]), edges: new Set() });
      const reads = plan.inputs.length > 0 ? plan.inputs.join(', ') : 'nothing';
      const returns = plan.outputs.length > 0 ? plan.outputs.join(', ') : 'nothing';
      setNotice({
        kind: 'info',
        message: `Extracted into workflow "${name}" (${created._id})${published ? ', published' : ', a draft: publish it before running'}; node "${plan.nodeId}" calls it. Input: ${reads}. Output: ${returns}. Save to keep the change.`,
      });
      setNaming(undefined);
    } catch (error: unknown) {
      setNotice({ kind: 'error', message: `Cannot extract: ${describeError(error)}` });
    } finally {
      setExtracting(false);
    }
  };

  const addAt = useCallback(
    (type: string, position: Position) => {
      const added = addNode(model.definition, type, position);
      model.addAndSelect(added.definition, added.id);
      setPanel('inspector');
    },
    [model],
  );

  // A click in the palette puts the node right of the selected one, or in the middle of the view.
  const addFromPalette = (type: string) => {
    const [selectedId] = [...selection.nodes];
    const anchor = definition.nodes.find((node) => node.id === selectedId)?.position;
    addAt(type, anchor ? { x: anchor.x + 300, y: anchor.y } : viewCenter());
  };

  const layout = async (towards = direction) => {
    setDirection(towards);
    // Handles move to the new direction's sides first, so the layout measures them where they will be.
    if (towards !== direction) await nextFrames(3);
    const { positions } = await layoutGraph(definition, measuredSizes(flow, definition), towards);
    edit(moveNodes(definition, positions));
    // React Flow takes the new positions in over the next frames; the fit measures them after.
    await nextFrames(2);
    fitAll(0);
  };

  const copy = async (): Promise<boolean> => {
    const text = model.copyText();
    if (text === undefined) return false;
    await writeClipboard(text);
    setNotice({
      kind: 'info',
      message: `Copied ${selection.nodes.size} node${selection.nodes.size === 1 ? '' : 's'}`,
    });
    return true;
  };

  const paste = async () => {
    const text = await readClipboard((candidate) => parseFragment(candidate) !== undefined);
    if (text === undefined || !model.paste(text))
      setNotice({ kind: 'error', message: 'Nothing to paste: copy nodes first' });
  };

  const importFile = (file: File) => {
    void file.text().then((text) => {
      const parsed = parseDefinitionFile(text);
      if ('problem' in parsed) setNotice({ kind: 'error', message: parsed.problem });
      else {
        edit(parsed.definition);
        setNotice({ kind: 'info', message: `Imported ${file.name}. Save to keep it; Undo takes it back.` });
        window.requestAnimationFrame(() => fitAll(0));
      }
    });
  };

  const showProblem = (error: ValidationError) => {
    if (error.edgeId !== undefined) model.select({ nodes: new Set(), edges: new Set([error.edgeId]) });
    else if (error.nodeId !== undefined) {
      model.select({ nodes: new Set([error.nodeId]), edges: new Set() });
      const node = flow.getNode(error.nodeId);
      if (node) void flow.fitView({ nodes: [node], maxZoom: 1.1, duration: 200 });
    } else model.select({ nodes: new Set(), edges: new Set() });
    setPanel('inspector');
  };

  useEditorShortcuts(
    {
      undo: model.undo,
      redo: model.redo,
      delete: model.deleteSelection,
      selectAll: model.selectAll,
      deselect: model.deselect,
      duplicate: () => {
        const text = model.copyText();
        if (text !== undefined) model.paste(text);
      },
      save: () => void draft.save(),
      layout: () => void layout(),
      fitView: () => fitAll(),
      help: () => setHelp(true),
    },
    { copyText: model.copyText, afterCut: model.deleteSelection, paste: (text) => model.paste(text) },
  );

  if (draft.loadError)
    return (
      <p role="alert" className="error">
        {draft.loadError}
      </p>
    );
  if (!draft.doc || nodeTypes.status === 'loading') return <p>Loading…</p>;
  if (nodeTypes.status === 'error')
    return (
      <p role="alert" className="error">
        {nodeTypes.message}
      </p>
    );
  const publishedVersion = draft.doc.publishedVersion;
  const unchanged =
    published.doc !== undefined &&
    published.doc.version === publishedVersion &&
    sameDefinition(published.doc.definition, definition);

  const tabs = (
    <div className="wf-tabs" role="tablist" aria-label="Side panel">
      {(['inspector', 'runs', 'versions', 'analytics'] as const).map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={panel === name}
          className="wf-tab"
          onClick={() => setPanel(name)}
        >
          {{ inspector: 'Inspector', runs: 'Runs', versions: 'Versions', analytics: 'Analytics' }[name]}
        </button>
      ))}
    </div>
  );

  return (
    <section className="wf-editor" aria-label="Workflow editor">
      <EditorToolbar
        name={definition.name}
        dirty={model.dirty}
        publishedVersion={publishedVersion}
        unchanged={unchanged}
        changesLink={
          publishedVersion === undefined
            ? undefined
            : `/workflows/${encodeURIComponent(id)}/versions/${publishedVersion}?compare=draft`
        }
        revision={draft.doc.revision}
        busy={draft.busy}
        validation={validation}
        canUndo={model.canUndo}
        canRedo={model.canRedo}
        hasSelection={selection.nodes.size > 0 || selection.edges.size > 0}
        canRun={publishedVersion !== undefined}
        onUndo={model.undo}
        onRedo={model.redo}
        onCopy={() => void copy()}
        onPaste={() => void paste()}
        onDelete={model.deleteSelection}
        hasNodeSelection={selection.nodes.size > 0}
        onGroup={() => setNaming('group')}
        onExtract={() => setNaming('extract')}
        direction={direction}
        onLayout={(towards) => void layout(towards)}
        onFit={() => fitAll()}
        onExport={() => downloadText(exportFileName(definition), exportText(definition))}
        onImport={importFile}
        onHelp={() => setHelp(true)}
        onSave={() => void draft.save()}
        onPublish={() => void draft.publish()}
        onUnpublish={() => void draft.unpublish()}
        onRun={() => setRunDialog(true)}
      />
      {draft.notice && (
        <div
          className={draft.notice.kind === 'info' ? 'notice wf-notice' : 'error wf-notice'}
          role={draft.notice.kind === 'info' ? 'status' : 'alert'}
        >
          <span>{draft.notice.message}</span>
          {draft.notice.kind === 'conflict' && (
            <>
              <button type="button" onClick={() => void draft.reload()}>
                Reload theirs
              </button>
              <button type="button" onClick={() => void draft.overwrite()}>
                Overwrite with mine
              </button>
            </>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
            ×
          </button>
        </div>
      )}
      {/* The Analytics tab draws a version's graph of its own; the editing canvas stays mounted, hidden. */}
      {panel === 'analytics' && (
        <ProcessAnalyticsView workflowId={id} publishedVersion={publishedVersion} tabs={tabs} />
      )}
      {panel !== 'analytics' && <SubprocessBar view={view} name={definition.name} />}
      <div className={panel === 'analytics' ? 'wf-body wf-body--hidden' : 'wf-body'}>
        <Palette types={nodeTypes.types} onAdd={addFromPalette} />
        <div className="wf-canvas" ref={canvasBox}>
          <WorkflowCanvas
            definition={definition}
            selection={selection}
            decorations={decorations}
            direction={view.direction}
            shown={view.shown}
            frames={view.frames}
            lanes={view.lanes}
            locked={view.locked}
            routes={view.routes}
            lanesOn={view.lanesOn}
            onLanes={view.setLanes}
            onGroupAction={(action, groupId) => {
              if (action === 'expand') view.expand(groupId);
              else if (action === 'collapse') view.collapse(groupId);
              else view.open(groupId);
            }}
            onEdit={edit}
            onSelectionChange={(next) => {
              model.select(next);
              if (next.nodes.size > 0 || next.edges.size > 0) setPanel('inspector');
            }}
            onProblem={(message) => setNotice({ kind: 'error', message })}
            onDropType={addAt}
          />
        </div>
        <aside className="wf-side">
          {tabs}
          {panel === 'inspector' && (
            <PreviewProvider value={{ sample: sample.sample, definition, note: sample.note }}>
              <SampleDataBar state={sample} runs={runs.runs} />
              <Inspector
                definition={definition}
                selection={selection}
                nodeTypes={nodeTypes.byType}
                errors={errorIndex}
                readOnly={false}
                onEdit={edit}
              />
            </PreviewProvider>
          )}
          {panel === 'runs' && <RunsPanel workflowId={id} runs={runs.runs} error={runs.error} />}
          {panel === 'versions' && <VersionsPanel workflowId={id} publishedVersion={publishedVersion} />}
        </aside>
      </div>
      <TriggerHealthBanner workflowId={id} />
      <ValidationPanel validation={validation} onShow={showProblem} />
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {naming === 'group' && (
        <NameDialog
          title="Group into a sub-process"
          note={`The ${selection.nodes.size} selected nodes become one stage, which can be collapsed into a box or opened as its own canvas. Runs are not changed.`}
          action="Group"
          onSubmit={groupSelection}
          onClose={() => setNaming(undefined)}
        />
      )}
      {naming === 'extract' && (
        <NameDialog
          title="Extract to sub-workflow"
          note="The selected nodes move into a new workflow, called from here by one Run workflow node; what they read from outside becomes its input."
          action={extracting ? 'Extracting…' : 'Extract'}
          busy={extracting}
          onSubmit={(name) => void extractSelection(name)}
          onClose={() => setNaming(undefined)}
        />
      )}
      {runDialog && publishedVersion !== undefined && (
        <StartRunDialog
          workflowId={id}
          publishedVersion={publishedVersion}
          onClose={() => setRunDialog(false)}
          onStarted={(runId) => {
            setRunDialog(false);
            runs.refresh();
            navigate({ page: 'run', id, runId });
          }}
        />
      )}
    </section>
  );
}
