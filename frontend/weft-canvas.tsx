import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';
import React, { createContext, memo, useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import {
  ReactFlow,
  ReactFlowProvider,
  Background,
  Controls,
  ControlButton,
  MiniMap,
  Panel,
  Handle,
  NodeResizer,
  Position,
  useReactFlow,
  type Node,
  type Edge,
  type Connection,
  type NodeChange,
  type NodeProps,
  type Viewport,
} from '@xyflow/react';
import { nodeColor, NodeIcon } from './weft-node-icons';

/*
 * The designer canvas. The server owns the definition; this component draws the view the server sends
 * ("graph" state) and tells the server what the user did through "canvas-op" events: a move when a drag
 * stops, a connection, a deletion, an add, copy/paste, undo/redo, layout, and the selected node. While a
 * node is dragged everything stays here in React; nothing goes to the server until the drag stops.
 */

type Branch = { id: string; label: string; kind: string };
type NodeData = {
  kind: string;
  title: string;
  label?: string;
  sub?: string;
  target?: boolean;
  source?: boolean;
  branches?: Branch[];
  errors?: string[];
  text?: string;
};
type WeftNode = Node<NodeData>;
type GraphView = {
  rev: number;
  nodes: WeftNode[];
  edges: Edge[];
  select?: string[];
  /** Where the user last panned and zoomed to, saved with the draft; absent for graphs never moved around. */
  viewport?: Viewport;
};
/** Sent on its own after a move, so the graph is not sent (and compared) again just to enable Undo. */
type History = { canUndo?: boolean; canRedo?: boolean };
type PaletteItem = { type: string; label: string; group: string; description: string };
type Op = { op: string } & Record<string, unknown>;
type Emit = (op: Op) => boolean;

const DRAG_TYPE = 'application/weft-node';
/** Graphs up to this size open fitted to the view. */
const FIT_ON_OPEN = 60;

/*
 * Props handed to React Flow are module constants or stable callbacks: a new object on each render (default
 * edge options, key codes, a minimap colour function) makes React Flow update its store and draw every edge or
 * minimap node again.
 */
const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' };
const PRO_OPTIONS = { hideAttribution: true };
const DELETE_KEYS = ['Backspace', 'Delete'];
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 };
const miniMapColor = (n: Node) => nodeColor(String((n.data as NodeData).kind));

/** Lets node renderers report to the server (an iteration's new size). */
const EmitContext = createContext<Emit>(() => false);
/**
 * Whether Undo and Redo can be used. A context, so that the server's answer to a drop (which only enables Undo)
 * draws the two buttons again and not the canvas.
 */
const HistoryContext = createContext<History | undefined>(undefined);

const UndoRedo = memo(function UndoRedo() {
  const history = useContext(HistoryContext);
  const emit = useContext(EmitContext);
  return (
    <>
      <button type="button" onClick={() => emit({ op: 'undo' })} disabled={!history?.canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
        ↶
      </button>
      <button type="button" onClick={() => emit({ op: 'redo' })} disabled={!history?.canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
        ↷
      </button>
    </>
  );
});

const Problems = ({ errors }: { errors: string[] }) =>
  errors.length === 0 ? null : (
    <div className="weft-node-problem" title={errors.join('\n')}>
      {errors[0]}
      {errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}
    </div>
  );

const FlowNode = memo(({ data, selected }: NodeProps<WeftNode>) => {
  const errors = data.errors ?? [];
  const branches = data.branches ?? [];
  return (
    <div
      className={`weft-node${selected ? ' is-selected' : ''}${errors.length ? ' has-errors' : ''}`}
      data-kind={data.kind}
      data-title={data.title}
    >
      {data.target && <Handle type="target" position={Position.Left} id="target" />}
      <div className="weft-node-head">
        <span className="weft-node-icon" style={{ background: nodeColor(data.kind) }} aria-hidden="true">
          <NodeIcon kind={data.kind} />
        </span>
        <span className="weft-node-title">{data.title}</span>
        {errors.length > 0 && (
          <span className="weft-node-badge" role="img" aria-label={`${errors.length} problem${errors.length > 1 ? 's' : ''}`}>
            !
          </span>
        )}
      </div>
      {data.sub && <div className="weft-node-sub">{data.sub}</div>}
      {branches.length === 0 && data.source && <Handle type="source" position={Position.Right} id="source" />}
      {branches.map((b) => (
        <div key={b.id} className={`weft-branch weft-branch-${b.kind}`}>
          <span>{b.label}</span>
          <Handle type="source" position={Position.Right} id={b.id} />
        </div>
      ))}
      <Problems errors={errors} />
    </div>
  );
});

const IterationNode = memo(({ id, data, selected }: NodeProps<WeftNode>) => {
  const errors = data.errors ?? [];
  const emit = useContext(EmitContext);
  return (
    <div className={`weft-iteration${selected ? ' is-selected' : ''}${errors.length ? ' has-errors' : ''}`} data-kind="iteration" data-title={data.title}>
      <NodeResizer
        isVisible={!!selected}
        minWidth={300}
        minHeight={160}
        onResizeEnd={(_e, p) =>
          emit({ op: 'resize', id, x: Math.round(p.x), y: Math.round(p.y), width: Math.round(p.width), height: Math.round(p.height) })
        }
      />
      <Handle type="target" position={Position.Left} id="target" />
      <div className="weft-node-head">
        <span className="weft-node-icon" style={{ background: nodeColor('iteration') }} aria-hidden="true">
          <NodeIcon kind="iteration" />
        </span>
        <span className="weft-node-title">{data.title}</span>
        {data.sub && <span className="weft-node-sub">{data.sub}</span>}
      </div>
      <Problems errors={errors} />
      {(data.branches ?? []).length === 0 && <Handle type="source" position={Position.Right} id="source" />}
      {(data.branches ?? []).map((b, i) => (
        <Handle key={b.id} type="source" position={Position.Right} id={b.id} style={{ top: 24 + i * 20 }} title={b.label} />
      ))}
    </div>
  );
});

const IterationStartNode = memo(() => (
  <div className="weft-iteration-start" title="Each item starts here">
    <NodeIcon kind="start" />
    <Handle type="source" position={Position.Right} id="source" />
  </div>
));

const NoteNode = memo(({ data }: NodeProps<WeftNode>) => <div className="weft-note">{data.text || data.title}</div>);

const nodeTypes = {
  weft: FlowNode,
  'weft-iteration': IterationNode,
  'weft-iteration-start': IterationStartNode,
  'weft-note': NoteNode,
};

const Palette = memo(function Palette({ items, onAdd }: { items: PaletteItem[]; onAdd: (type: string) => void }) {
  const groups: Record<string, PaletteItem[]> = {};
  for (const item of items) {
    (groups[item.group] ??= []).push(item);
  }
  return (
    <nav className="weft-palette" aria-label="Node palette">
      <div className="weft-palette-hint">Drag onto the canvas, or click to add</div>
      {Object.entries(groups).map(([group, list]) => (
        <section key={group}>
          <h4>{group}</h4>
          {list.map((item) => (
            <button
              key={item.type}
              type="button"
              className="weft-palette-item"
              draggable
              data-type={item.type}
              title={item.description}
              aria-label={`Add ${item.label} node`}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_TYPE, item.type);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => onAdd(item.type)}
            >
              <span className="weft-node-icon" style={{ background: nodeColor(item.type) }} aria-hidden="true">
                <NodeIcon kind={item.type} />
              </span>
              {item.label}
            </button>
          ))}
        </section>
      ))}
    </nav>
  );
});

function sameNode(a: WeftNode, b: WeftNode): boolean {
  return (
    a.type === b.type &&
    a.parentId === b.parentId &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    JSON.stringify(a.style ?? null) === JSON.stringify(b.style ?? null) &&
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable || tag.startsWith('VAADIN-');
}

/**
 * Where a graph opens: where the user left it (the viewport saved with the draft), else small graphs fitted to
 * the view (React Flow's fitView once the nodes are measured) and big ones at full size from their top-left
 * corner, where React Flow draws only the nodes in view (Shift+1 fits them).
 */
function openingViewport(graph: GraphView): Viewport | undefined {
  const saved = graph.viewport;
  if (saved && Number.isFinite(saved.x) && Number.isFinite(saved.y) && saved.zoom > 0) {
    return { x: saved.x, y: saved.y, zoom: saved.zoom };
  }
  const top = graph.nodes.filter((n) => !n.parentId);
  if (graph.nodes.length <= FIT_ON_OPEN || top.length === 0) return undefined;
  let left = Infinity;
  let upper = Infinity;
  for (const n of top) {
    left = Math.min(left, n.position.x);
    upper = Math.min(upper, n.position.y);
  }
  return { x: 40 - left, y: 40 - upper, zoom: 1 };
}

/** A node's size on screen before it is measured (frontend/weft-canvas.css: 240 px wide, about 70 px high). */
const NEW_NODE = { width: 240, height: 70 };
const OVERLAYS = '.react-flow__minimap, .react-flow__controls, .weft-canvas-actions';

/**
 * Where a node dropped at {@code screen} (its top-left corner) goes so that the minimap, the zoom controls and the
 * canvas buttons, which float over the pane, do not hide it: moved up above the one it would land under (left of
 * it when there is no room above), and kept inside the pane.
 */
function clearOfOverlays(screen: { x: number; y: number }, root: HTMLElement | null, zoom: number): { x: number; y: number } {
  const pane = root?.querySelector('.react-flow')?.getBoundingClientRect();
  if (!root || !pane) return screen;
  const w = NEW_NODE.width * zoom;
  const h = NEW_NODE.height * zoom;
  const gap = 8;
  let { x, y } = screen;
  for (const el of root.querySelectorAll(OVERLAYS)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || x >= r.right || x + w <= r.left || y >= r.bottom || y + h <= r.top) continue;
    if (r.top - h - gap >= pane.top + gap) y = r.top - h - gap;
    else x = r.left - w - gap;
  }
  x = Math.max(pane.left + gap, Math.min(x, pane.right - w - gap));
  y = Math.max(pane.top + gap, Math.min(y, pane.bottom - h - gap));
  return { x, y };
}

function withSelection(nodes: WeftNode[], selected: Set<string>): WeftNode[] {
  return nodes.map((n) => (selected.has(n.id) ? { ...n, selected: true } : n));
}

/** The canvas once the first graph is there: React Flow starts with it, so it is drawn in one pass. */
const Designer = memo(function Designer({ graph, palette, emit }: { graph?: GraphView; palette?: PaletteItem[]; emit: Emit }) {
  const first = useRef<GraphView | undefined>(undefined);
  if (first.current === undefined && graph) first.current = graph;
  return (
    <DesignerCanvas
      initial={first.current}
      graph={graph}
      palette={palette}
      emit={emit}
    />
  );
});

function DesignerCanvas({
  initial,
  graph,
  palette,
  emit,
}: {
  initial?: GraphView;
  graph?: GraphView;
  palette?: PaletteItem[];
  emit: Emit;
}) {
  const flow = useReactFlow<WeftNode, Edge>();
  // React Flow keeps the nodes and edges itself (uncontrolled): a drag changes only its own store, and this
  // component does not draw again on every step; views from the server are merged in through setNodes/setEdges
  const { setNodes, setEdges } = flow;
  const selected = useRef<Set<string>>(new Set(initial?.select ?? []));
  const sentSelection = useRef<string | null>(null);
  const active = useRef(false);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const applied = useRef<GraphView | undefined>(initial);

  /**
   * Pans (the zoom stays) just enough that these nodes lie inside the pane and not under the minimap, the zoom
   * controls or the canvas buttons floating over it.
   */
  const reveal = useCallback(
    (ids: string[]) => {
      const pane = wrapper.current?.querySelector('.react-flow')?.getBoundingClientRect();
      if (!wrapper.current || !pane) return;
      const { x: vx, y: vy, zoom } = flow.getViewport();
      let left = Infinity;
      let top = Infinity;
      let right = -Infinity;
      let bottom = -Infinity;
      for (const id of ids) {
        const n = flow.getInternalNode(id);
        if (!n) continue;
        const p = n.internals.positionAbsolute;
        const w = n.measured?.width ?? n.initialWidth ?? NEW_NODE.width;
        const h = n.measured?.height ?? n.initialHeight ?? NEW_NODE.height;
        left = Math.min(left, pane.left + vx + p.x * zoom);
        top = Math.min(top, pane.top + vy + p.y * zoom);
        right = Math.max(right, pane.left + vx + (p.x + w) * zoom);
        bottom = Math.max(bottom, pane.top + vy + (p.y + h) * zoom);
      }
      if (left === Infinity) return;
      const gap = 8;
      let dx = 0;
      let dy = 0;
      if (right > pane.right - gap) dx = pane.right - gap - right;
      if (left + dx < pane.left + gap) dx = pane.left + gap - left;
      if (bottom > pane.bottom - gap) dy = pane.bottom - gap - bottom;
      if (top + dy < pane.top + gap) dy = pane.top + gap - top;
      for (const el of wrapper.current.querySelectorAll(OVERLAYS)) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || left + dx >= r.right || right + dx <= r.left || top + dy >= r.bottom || bottom + dy <= r.top) continue;
        if (r.top - gap - (bottom - top) >= pane.top + gap) dy = r.top - gap - bottom;
        else dx = r.left - gap - right;
      }
      if (dx !== 0 || dy !== 0) flow.setViewport({ x: vx + dx, y: vy + dy, zoom }, { duration: 150 });
    },
    [flow],
  );

  // a new view from the server replaces the local one; the selection carries over unless the server picks one
  useEffect(() => {
    if (!graph || graph === applied.current) return;
    applied.current = graph;
    if (graph.select && graph.select.length > 0) {
      selected.current = new Set(graph.select);
    }
    const keep = selected.current;
    // nodes that did not change keep their object, so React Flow does not draw them again
    setNodes((previous) => {
      const before = new Map(previous.map((n) => [n.id, n]));
      return graph.nodes.map((n) => {
        const old = before.get(n.id);
        const isSelected = keep.has(n.id);
        if (old && sameNode(old, n) && !!old.selected === isSelected) return old;
        if (old?.measured?.width) {
          // the server's expected handle places are for unmeasured nodes; this one keeps what the browser measured
          const { handles: _expected, ...rest } = n;
          return { ...rest, selected: isSelected, measured: old.measured };
        }
        return { ...n, selected: isSelected };
      });
    });
    setEdges((previous) => {
      const before = new Map(previous.map((e) => [e.id, e]));
      return graph.edges.map((e) => {
        const old = before.get(e.id);
        return old && old.source === e.source && old.target === e.target && old.sourceHandle === e.sourceHandle &&
          old.className === e.className ? old : e;
      });
    });
    // nodes just added or pasted are brought into view once the side panel they open has taken its room
    if (graph.select && graph.select.length > 0) {
      const ids = graph.select;
      requestAnimationFrame(() => requestAnimationFrame(() => reveal(ids)));
    }
  }, [graph, setNodes, setEdges, reveal]);

  // the selection is kept for copy, cut and delete from React Flow's changes (no listener that reads every node
  // on every step of a drag); a panel opens on a click, not when a drag selects a node
  const onNodesChange = useCallback(
    (changes: NodeChange<WeftNode>[]) => {
      let touched = false;
      for (const c of changes) {
        if (c.type === 'select') {
          touched = true;
          if (c.selected) selected.current.add(c.id);
          else selected.current.delete(c.id);
        } else if (c.type === 'remove') {
          touched = selected.current.delete(c.id) || touched;
        }
      }
      if (touched && selected.current.size !== 1 && sentSelection.current !== null) {
        sentSelection.current = null;
        emit({ op: 'select', id: null });
      }
    },
    [emit],
  );

  const onPaneClick = useCallback(() => {
    if (sentSelection.current !== null) {
      sentSelection.current = null;
      emit({ op: 'select', id: null });
    }
  }, [emit]);

  // a plain click on a node (re)opens its panel, even when it was selected already
  const onNodeClick = useCallback(
    (e: React.MouseEvent, node: WeftNode) => {
      if (!e.shiftKey && !e.ctrlKey && !e.metaKey) {
        sentSelection.current = node.id;
        emit({ op: 'select', id: node.id });
      }
    },
    [emit],
  );

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: WeftNode, dragged: WeftNode[]) => {
      emit({ op: 'move', moves: dragged.map((n) => ({ id: n.id, x: Math.round(n.position.x), y: Math.round(n.position.y) })) });
    },
    [emit],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      emit({ op: 'connect', source: c.source, sourceHandle: c.sourceHandle ?? 'source', target: c.target });
    },
    [emit],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: WeftNode[]; edges: Edge[] }) => {
      emit({ op: 'delete', nodes: gone.map((n) => n.id), edges: cut.map((e) => e.id) });
    },
    [emit],
  );

  const isValidConnection = useCallback((c: Connection | Edge) => c.source !== c.target, []);

  /** Where a new node goes: at a screen point, inside the iteration under it if there is one. */
  const placeAt = useCallback(
    (screen: { x: number; y: number }) => {
      const at = flow.screenToFlowPosition(screen);
      const container = flow
        .getNodes()
        .filter((n) => n.type === 'weft-iteration')
        .find((n) => {
          const box = flow.getInternalNode(n.id);
          const abs = box?.internals.positionAbsolute ?? n.position;
          const size = (n.style ?? {}) as Record<string, unknown>;
          const w = n.measured?.width ?? Number(size.width ?? 0);
          const h = n.measured?.height ?? Number(size.height ?? 0);
          return at.x >= abs.x && at.x <= abs.x + w && at.y >= abs.y && at.y <= abs.y + h;
        });
      if (container) {
        const abs = flow.getInternalNode(container.id)?.internals.positionAbsolute ?? container.position;
        return { x: Math.round(at.x - abs.x), y: Math.round(at.y - abs.y), parentId: container.id };
      }
      return { x: Math.round(at.x), y: Math.round(at.y), parentId: null };
    },
    [flow],
  );

  const addAtCentre = useCallback(
    (type: string) => {
      const box = wrapper.current?.querySelector('.react-flow')?.getBoundingClientRect();
      const screen = box ? { x: box.left + box.width / 2 - 120, y: box.top + box.height / 2 - 30 } : { x: 300, y: 200 };
      const at = flow.screenToFlowPosition(screen);
      emit({ op: 'add', type, x: Math.round(at.x), y: Math.round(at.y), parentId: null });
    },
    [emit, flow],
  );

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(DRAG_TYPE)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    }
  }, []);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_TYPE);
      if (!type) return;
      e.preventDefault();
      const dropped = { x: e.clientX, y: e.clientY };
      const clear = clearOfOverlays(dropped, wrapper.current, flow.getZoom());
      if (clear.x === dropped.x && clear.y === dropped.y) {
        emit({ op: 'add', type, ...placeAt(dropped) });
      } else {
        // dropped onto the minimap or the controls: moved next to them, at the top level (not into an
        // iteration that happens to be where it was moved to)
        const at = flow.screenToFlowPosition(clear);
        emit({ op: 'add', type, x: Math.round(at.x), y: Math.round(at.y), parentId: null });
      }
    },
    [emit, placeAt, flow],
  );

  // the viewport is saved with the draft once the user has moved it (not the fit when the designer opens); the
  // server hears of it when a pan or zoom ends, never during one
  const interacted = useRef(false);
  const sentViewport = useRef<string | null>(null);
  const onMoveEnd = useCallback(
    (_e: unknown, v: Viewport) => {
      if (!interacted.current) return;
      const at = { x: Math.round(v.x), y: Math.round(v.y), zoom: Math.round(v.zoom * 1000) / 1000 };
      const key = `${at.x},${at.y},${at.zoom}`;
      if (key === sentViewport.current) return;
      sentViewport.current = key;
      emit({ op: 'viewport', ...at });
    },
    [emit],
  );

  // keyboard shortcuts while the canvas is the last thing clicked and no text field has the focus
  useEffect(() => {
    const down = (e: PointerEvent) => {
      active.current = !!wrapper.current && wrapper.current.contains(e.target as globalThis.Node);
      if (active.current) interacted.current = true;
    };
    // where the pointer is, for a paste; listened to on the document (capturing) so that nothing in the canvas
    // that handles pointer events itself can keep it from being noted
    const move = (e: PointerEvent) => {
      const inside = !!wrapper.current && wrapper.current.contains(e.target as globalThis.Node);
      pointer.current = inside ? { x: e.clientX, y: e.clientY } : null;
    };
    const wheel = (e: WheelEvent) => {
      if (wrapper.current && wrapper.current.contains(e.target as globalThis.Node)) interacted.current = true;
    };
    const key = (e: KeyboardEvent) => {
      if (!active.current || isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      const ids = [...selected.current];
      let op: Op | null = null;
      if (mod && k === 'z' && !e.shiftKey) op = { op: 'undo' };
      else if (mod && ((k === 'z' && e.shiftKey) || k === 'y')) op = { op: 'redo' };
      else if (mod && k === 'c' && ids.length) op = { op: 'copy', ids };
      else if (mod && k === 'x' && ids.length) op = { op: 'cut', ids };
      else if (mod && k === 'd' && ids.length) op = { op: 'duplicate', ids };
      else if (mod && k === 'v') {
        const at = pointer.current ? placeAt(pointer.current) : null;
        op = { op: 'paste', x: at?.x ?? null, y: at?.y ?? null, parentId: at?.parentId ?? null };
      } else if (mod && k === 'o') op = { op: 'layout' };
      else if (mod && k === 'a') {
        e.preventDefault();
        setNodes((ns) => ns.map((n) => (n.selectable === false ? n : { ...n, selected: true })));
        selected.current = new Set(flow.getNodes().filter((n) => n.selectable !== false).map((n) => n.id));
        return;
      } else if (e.shiftKey && e.code === 'Digit1') {
        interacted.current = true;
        flow.fitView({ padding: 0.2, duration: 200 });
        e.preventDefault();
        return;
      }
      if (op) {
        e.preventDefault();
        emit(op);
      }
    };
    document.addEventListener('pointerdown', down, true);
    document.addEventListener('pointermove', move, { capture: true, passive: true });
    document.addEventListener('wheel', wheel, { capture: true, passive: true });
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      document.removeEventListener('pointermove', move, true);
      document.removeEventListener('wheel', wheel, true);
      document.removeEventListener('keydown', key);
    };
  }, [emit, flow, placeAt]);

  const onlyStart = useMemo(() => (graph?.nodes ?? []).filter((n) => n.type === 'weft').length <= 1, [graph]);
  const defaultNodes = useMemo(() => withSelection(initial?.nodes ?? [], selected.current), [initial]);
  const defaultEdges = useMemo(() => initial?.edges ?? [], [initial]);
  const defaultViewport = useMemo(() => (initial ? openingViewport(initial) : undefined), [initial]);
  const big = (graph?.nodes.length ?? 0) > FIT_ON_OPEN;

  if (!initial) {
    return <div className="weft-designer" ref={wrapper} />;
  }

  return (
    <div
      className="weft-designer"
      ref={wrapper}
    >
      <Palette items={palette ?? []} onAdd={addAtCentre} />
      <div className="weft-flow" onDragOver={onDragOver} onDrop={onDrop}>
        <ReactFlow<WeftNode, Edge>
          defaultNodes={defaultNodes}
          defaultEdges={defaultEdges}
          defaultViewport={defaultViewport}
          fitView={defaultViewport === undefined}
          fitViewOptions={FIT_VIEW_OPTIONS}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onNodeClick={onNodeClick}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          onDelete={onDelete}
          isValidConnection={isValidConnection}
          deleteKeyCode={DELETE_KEYS}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          selectionKeyCode="Shift"
          minZoom={0.1}
          maxZoom={2}
          defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
          proOptions={PRO_OPTIONS}
          onlyRenderVisibleElements={big}
          onPaneClick={onPaneClick}
          onMoveEnd={onMoveEnd}
        >
          <Background gap={16} />
          <Controls>
            <ControlButton onClick={() => emit({ op: 'layout' })} title="Auto-layout (Ctrl+O)" aria-label="Auto-layout">
              <svg viewBox="0 0 24 24" width="12" height="12" aria-hidden="true">
                <path d="M3 4h6v6H3zM15 4h6v6h-6zM9 14h6v6H9zM6 10v2h12v-2M12 12v2" fill="none" stroke="currentColor" strokeWidth="2" />
              </svg>
            </ControlButton>
          </Controls>
          <MiniMap pannable zoomable ariaLabel="Mini map" nodeColor={miniMapColor} />
          <Panel position="top-right" className="weft-canvas-actions">
            <UndoRedo />
            <button type="button" onClick={() => emit({ op: 'layout' })} aria-label="Auto-layout" title="Auto-layout (Ctrl+O)">
              Auto-layout
            </button>
          </Panel>
          {onlyStart && (
            <Panel position="bottom-center" className="weft-canvas-empty">
              Drag a node from the palette onto the canvas (or click it), then drag from a node's right-hand dot to another
              node to connect them.
            </Panel>
          )}
        </ReactFlow>
      </div>
    </div>
  );
}

class WeftCanvasElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): React.ReactElement | null {
    const [graph] = hooks.useState<GraphView | undefined>('graph');
    const [history] = hooks.useState<History | undefined>('history');
    const [palette] = hooks.useState<PaletteItem[] | undefined>('palette');
    const emit = hooks.useCustomEvent<Op>('canvas-op');
    return (
      <ReactFlowProvider>
        <EmitContext.Provider value={emit}>
          <HistoryContext.Provider value={history}>
            <Designer graph={graph} palette={palette} emit={emit} />
          </HistoryContext.Provider>
        </EmitContext.Provider>
      </ReactFlowProvider>
    );
  }
}

customElements.define('weft-canvas', WeftCanvasElement);
