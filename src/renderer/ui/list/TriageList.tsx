// The one keyboard list of Lull: the Digest, Waiting, the Inbox, search
// results and "Broke through today" are all this. Built on React Aria's
// GridList, virtualised: the focused row is the DOM focus (roving tabindex,
// one Tab stop for the whole list) and it is the selected row
// (aria-selected), until x, Space, Shift or ⌘-click pick out several rows;
// then the actions act on those. j/k move, Enter opens the item in Lull,
// o opens it at its source, e marks done, Shift+E marks done everything
// from the top to here, s snoozes, Esc drops the picked rows. After an
// action the focus moves to the next row, so nothing is lost.
import {
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import {
  Collection,
  GridList,
  GridListHeader,
  GridListItem,
  GridListLoadMoreItem,
  type GridListRenderProps,
  GridListSection,
  ListLayout,
  type Selection,
  Virtualizer,
} from 'react-aria-components'
import type { InboxItem } from '../../../shared/model'
import { useAttention } from '../../hooks/use-attention'
import { Keys } from '../../keyboard/Keys'
import type { ListActionKind } from '../../keyboard/keymap'
import { useUi } from '../../store'
import { Field } from '../MessageText'
import {
  flatGroups,
  isRowDone,
  nextFocus,
  openItems,
  rowsOf,
  type Settling,
  settleDone,
  stillSettling,
  type TriageGroup,
  type TriageRow,
} from './rows'
import { SnoozeMenu } from './SnoozeMenu'
import { type RowActions, type RowContext, sourceIcons, sourceNames, TriageRowView } from './TriageRow'
import { useSentReplies } from './use-sent-replies'
import { useTriage } from './use-triage'

export type TriageListProps = {
  /** Tells lists apart: the focus comes back to the same row after the item view. */
  listId: string
  /** The list's name for screen readers ("Inbox items", "Broke through today"). */
  label: string
  /** What to show when there are no rows. */
  empty: ReactNode
  testId?: string
  /** A list loading its first rows shows "Loading…". */
  isLoading?: boolean
  /** More rows than those given: they are asked for as the list scrolls near its end. */
  hasMore?: boolean
  onLoadMore?(): void
  /**
   * In a page that scrolls (Now's "Broke through today"), the list is as
   * tall as its rows, up to this many, and scrolls within that. Without it
   * the list fills what is left of its view.
   */
  fitRows?: number
  /** Done rows stay in this list, dimmed (the Digest): one marked done is drawn done at once, not dropped. */
  keepsDone?: boolean
  /** The line of keys above the list (default shown); it also says how many rows are picked. */
  isHintShown?: boolean
} & (
  | {
      /** A flat list, in this order. */
      items: readonly InboxItem[]
      /** One row per conversation (default), or one per item (search results). */
      isCollapsed?: boolean
    }
  | {
      /** Rows under headers that name the source and place once (the Digest). */
      groups: readonly TriageGroup[]
    }
)

type ListState = GridListRenderProps['state']

/** A length from the design tokens, in pixels, for the layout (which places rows in numbers). */
function tokenPixels(name: string, fallback: number): number {
  const value = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue(name))
  return Number.isFinite(value) ? value : fallback
}

const asKey = (key: unknown) => String(key)

export function TriageList(props: TriageListProps) {
  const { listId, label } = props
  const attention = useAttention()
  const triage = useTriage()
  const addKeyTarget = useUi((state) => state.addKeyTarget)
  const givenItems = 'items' in props ? props.items : null
  const isCollapsed = 'items' in props ? (props.isCollapsed ?? true) : true
  const givenGroups = 'groups' in props ? props.groups : null
  const storedGroups = useMemo(
    () => givenGroups ?? flatGroups(givenItems ?? [], isCollapsed),
    [givenGroups, givenItems, isCollapsed],
  )
  const [settling, setSettling] = useState<Settling>(() => new Map())
  const keepsDone = props.keepsDone ?? false
  const groups = useMemo(
    () => settleDone(storedGroups, settling, keepsDone),
    [storedGroups, settling, keepsDone],
  )
  // The store answered: rows it has redrawn (or dropped) are its own again.
  useEffect(() => setSettling((current) => stillSettling(storedGroups, current)), [storedGroups])
  const rows = useMemo(() => rowsOf(groups), [groups])
  // Under headers that name the place, the rows do not repeat it.
  const showWhere = groups.every((group) => group.header === null)
  const order = useMemo(() => rows.map((row) => row.id), [rows])
  const byId = useMemo(() => new Map(rows.map((row) => [row.id, row])), [rows])
  const [selection, setSelection] = useState<Set<string>>(() => new Set())
  const [isMarking, setMarking] = useState(false)
  const [snoozing, setSnoozing] = useState<{ rows: readonly TriageRow[]; items: InboxItem[] } | null>(null)
  const snoozeAnchor = useRef<Element | null>(null)
  const listState = useRef<ListState | null>(null)
  const grid = useRef<HTMLDivElement>(null)
  /** Where Shift extends from, and the rows picked before that extension began. */
  const anchor = useRef<{ key: string; base: Set<string> } | null>(null)
  const layout = useMemo(() => {
    const rowSize = tokenPixels('--row-height', 36)
    return { rowSize, headingSize: rowSize + tokenPixels('--space-2', 8), loaderSize: rowSize }
  }, [])

  /** Whether the grid is on screen (not "Loading…"): only then can a row take the focus. */
  const isDrawn = !props.isLoading && attention !== undefined && rows.length > 0
  const manager = () => listState.current?.selectionManager ?? null
  /** The row the keys act on: the focused row, else the selected one, else the first. */
  const cursor = (): string | null => {
    const focused = manager()?.focusedKey
    if (focused != null && byId.has(asKey(focused))) return asKey(focused)
    for (const key of selection) if (byId.has(key)) return key
    return order[0] ?? null
  }
  const focusRow = (key: string) => {
    const current = manager()
    if (!current) return
    current.setFocused(true)
    current.setFocusedKey(key)
    // The row takes the DOM focus once drawn; one already drawn takes it now.
    const element = rowElement(key)
    if (element && document.activeElement !== element) element.focus({ preventScroll: true })
  }
  const rowElement = (key: string): HTMLElement | null => {
    for (const element of grid.current?.querySelectorAll<HTMLElement>('[role="row"][data-key]') ?? []) {
      if (element.dataset.key === key) return element
    }
    return null
  }
  /** Follow the focus with the selection (nothing picked out), or keep the picked rows. */
  const moveTo = (key: string, extend: boolean) => {
    if (extend) {
      const from = anchor.current ?? {
        key: cursor() ?? key,
        base: isMarking ? new Set(selection) : new Set(),
      }
      anchor.current = from
      const [a, b] = [order.indexOf(from.key), order.indexOf(key)]
      const range = order.slice(Math.min(a, b), Math.max(a, b) + 1)
      setSelection(new Set([...from.base, ...range]))
      setMarking(true)
    } else {
      anchor.current = { key, base: isMarking ? new Set(selection) : new Set() }
      if (!isMarking) setSelection(new Set([key]))
    }
    focusRow(key)
  }
  const moveBy = (delta: number, extend: boolean) => {
    const from = cursor()
    if (from === null) return
    const at = order.indexOf(from)
    const next = order[Math.max(0, Math.min(order.length - 1, at + delta))]
    if (next !== undefined) moveTo(next, extend)
  }
  const picked = (): TriageRow[] =>
    isMarking
      ? order.filter((key) => selection.has(key)).map((key) => byId.get(key) as TriageRow)
      : [cursor()].flatMap((key) => (key === null ? [] : [byId.get(key) as TriageRow]))
  /** After an action: drop the picked rows and put the focus on the next row not acted on. */
  const afterAction = (acted: readonly TriageRow[], skipDone: boolean) => {
    const skip = new Set(acted.map((row) => row.id))
    if (skipDone) for (const row of rows) if (isRowDone(row)) skip.add(row.id)
    const next = nextFocus(order, cursor(), skip)
    setMarking(false)
    anchor.current = null
    if (next !== null) {
      setSelection(new Set([next]))
      focusRow(next)
    } else setSelection(new Set())
  }
  const from = (row: TriageRow) => ({ listId, rowId: row.id })
  const markDone = (targets: readonly TriageRow[]) => {
    if (targets.length === 0) return
    afterAction(targets, true)
    const acted = targets.filter((row) => !isRowDone(row))
    setSettling((current) => new Map([...current, ...acted.map((row) => [row.id, row.lead] as const)]))
    const unsettle = () =>
      setSettling((current) => {
        const next = new Map(current)
        for (const row of acted) next.delete(row.id)
        return next
      })
    triage.done(openItems(targets)).then(
      (marked) => {
        if (marked === 0) unsettle()
      },
      (error: unknown) => {
        unsettle()
        useUi
          .getState()
          .report(`Could not mark done: ${error instanceof Error ? error.message : String(error)}`)
      },
    )
  }
  const openSnooze = (targets: readonly TriageRow[], anchorElement: Element | null) => {
    const items = openItems(targets)
    if (items.length === 0) return
    snoozeAnchor.current = anchorElement ?? rowElement(cursor() ?? '') ?? grid.current
    setSnoozing({ rows: targets, items })
  }
  const toggle = () => {
    const key = cursor()
    if (key === null) return
    let next: Set<string>
    if (!isMarking) next = new Set([key])
    else {
      next = new Set(selection)
      if (next.has(key)) next.delete(key)
      else next.add(key)
    }
    anchor.current = { key, base: next }
    if (next.size === 0) {
      setMarking(false)
      setSelection(new Set([key]))
    } else {
      setMarking(true)
      setSelection(next)
    }
    focusRow(key)
  }

  const act = (kind: ListActionKind) => {
    const key = cursor()
    const row = key === null ? undefined : byId.get(key)
    switch (kind) {
      case 'next':
      case 'previous':
        return moveBy(kind === 'next' ? 1 : -1, false)
      case 'extend-next':
      case 'extend-previous':
        return moveBy(kind === 'extend-next' ? 1 : -1, true)
      case 'toggle':
        return toggle()
      case 'open':
        if (row) triage.openInLull(row.lead, from(row))
        return
      case 'open-source':
        if (row) triage.openAtSource(row.lead, from(row))
        return
      case 'done':
        return markDone(picked())
      case 'done-through': {
        if (key === null) return
        const through = order.slice(0, order.indexOf(key) + 1).map((id) => byId.get(id) as TriageRow)
        return markDone(through)
      }
      case 'snooze':
        return openSnooze(picked(), null)
    }
  }
  const clearPicked = () => {
    if (!isMarking) return false
    const key = cursor()
    setMarking(false)
    anchor.current = null
    setSelection(key === null ? new Set() : new Set([key]))
    return true
  }
  // The latest callbacks, for handlers made once (the window's keys, the rows' buttons).
  const openRow = (row: TriageRow) => triage.openInLull(row.lead, from(row))
  const latest = useRef({ act, clearPicked, markDone, openSnooze, openRow })
  latest.current = { act, clearPicked, markDone, openSnooze, openRow }
  useEffect(
    () =>
      addKeyTarget({
        id: listId,
        element: () => grid.current,
        act: (kind) => latest.current.act(kind),
        escape: () => latest.current.clearPicked(),
      }),
    [listId, addKeyTarget],
  )

  // Rows that left the list (done elsewhere, delivered) leave the selection;
  // the cursor starts on the first row, or on the row the item view was opened from.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the rows change, reading the selection as it is then
  useEffect(() => {
    const kept = new Set([...selection].filter((key) => byId.has(key)))
    if (kept.size !== selection.size) {
      if (isMarking && kept.size > 0) setSelection(kept)
      else {
        setMarking(false)
        const focused = manager()?.focusedKey
        const key = focused != null && byId.has(asKey(focused)) ? asKey(focused) : order[0]
        setSelection(key === undefined ? new Set() : new Set([key]))
      }
      return
    }
    if (order.length === 0 || !isDrawn) return
    const back = useUi.getState().takePendingFocus(listId)
    if (back !== null && byId.has(back)) {
      setSelection(new Set([back]))
      setMarking(false)
      // The collection knows the row once drawn: focus it on the next frame.
      requestAnimationFrame(() => focusRow(back))
      return
    }
    if (selection.size === 0 && !isMarking) {
      const first = order[0] as string
      setSelection(new Set([first]))
      manager()?.setFocusedKey(first)
    }
  }, [byId, order, listId, isDrawn])

  const onKeyDownCapture = (event: KeyboardEvent) => {
    // Only on a row itself: Space and Enter on a row's button press that button.
    if ((event.target as HTMLElement).getAttribute('role') !== 'row') return
    const kind: ListActionKind | null =
      event.key === ' '
        ? 'toggle'
        : event.key === 'Enter'
          ? 'open'
          : event.shiftKey && event.key === 'ArrowDown'
            ? 'extend-next'
            : event.shiftKey && event.key === 'ArrowUp'
              ? 'extend-previous'
              : null
    if (kind === null || event.altKey || event.ctrlKey || event.metaKey) return
    event.preventDefault()
    event.stopPropagation()
    act(kind)
  }
  const onPointerDownCapture = (event: PointerEvent) => {
    // Shift+click extends from the anchor, the same way Shift+j does.
    if (!event.shiftKey || event.button !== 0) return
    const target = event.target as HTMLElement
    if (target.closest('button, a, input')) return
    const key = target.closest<HTMLElement>('[role="row"][data-key]')?.dataset.key
    if (!key || !byId.has(key)) return
    event.preventDefault()
    event.stopPropagation()
    moveTo(key, true)
  }
  const onSelectionChange = (keys: Selection) => {
    const next = keys === 'all' ? new Set(order) : new Set([...keys].map(asKey))
    const anchorKey = keys === 'all' ? null : (keys as Set<unknown> & { anchorKey?: unknown }).anchorKey
    if (!isMarking && next.size <= 1) {
      // A click, an arrow, Home or End: the selection follows the focus.
      setSelection(next)
      const [only] = next
      if (only !== undefined) anchor.current = { key: only, base: new Set() }
      return
    }
    if (next.size === 0) {
      setMarking(false)
      const key = cursor()
      setSelection(key === null ? new Set() : new Set([key]))
      return
    }
    setMarking(true)
    setSelection(next)
    if (anchorKey != null) anchor.current = { key: asKey(anchorKey), base: next }
  }

  // The same objects from one key press to the next, so rows whose own
  // props did not change are not drawn again (TriageRowView is memoised).
  const now = attention?.now ?? 0
  const zone = attention?.zone ?? 'UTC'
  const replyWindowHours = attention?.settings.replyWindowHours ?? 0
  const rules = attention?.settings.urgentRules
  const replies = useSentReplies()
  const context = useMemo<RowContext>(
    () => ({ now, zone, replyWindowHours, rules: rules ?? [], replies }),
    [now, zone, replyWindowHours, rules, replies],
  )
  const actions = useMemo<RowActions>(
    () => ({
      onDone: (row) => latest.current.markDone([row]),
      onSnooze: (row, element) => latest.current.openSnooze([row], element),
      onView: (row) => latest.current.openRow(row),
    }),
    [],
  )
  if (props.isLoading || !attention) return <p className="loading">Loading…</p>
  if (rows.length === 0) return <div className="empty">{props.empty}</div>
  const dependencies = [isMarking, context, showWhere]
  const renderRow = (row: TriageRow) => (
    <GridListItem id={row.id} textValue={`${row.lead.author.name} ${row.lead.title}`} className="triage-item">
      {({ isSelected }) => (
        <TriageRowView
          row={row}
          context={context}
          showWhere={showWhere}
          isMarked={isMarking && isSelected}
          actions={actions}
        />
      )}
    </GridListItem>
  )
  const selectedCount = isMarking ? selection.size : 0
  const headers = groups.filter((group) => group.header !== null).length
  const fitted =
    props.fitRows === undefined
      ? undefined
      : headers * layout.headingSize +
        Math.min(rows.length, props.fitRows) * layout.rowSize +
        tokenPixels('--border-width', 1)
  return (
    <div
      className="triage-frame"
      onKeyDownCapture={onKeyDownCapture}
      onPointerDownCapture={onPointerDownCapture}
      data-marking={isMarking || undefined}
      data-fitted={fitted === undefined ? undefined : true}
    >
      <p
        className="triage-hint"
        data-picked={selectedCount > 0 || undefined}
        aria-live="polite"
        hidden={props.isHintShown === false && selectedCount === 0}
      >
        {selectedCount > 0 ? (
          `${selectedCount} selected · e done · s snooze · Esc clear`
        ) : (
          <>
            <Keys shown={['j', 'k']} /> move <Keys shown={['x']} /> select <Keys shown={['e']} /> done{' '}
            <Keys shown={['s']} /> snooze <Keys shown={['Enter']} /> open <Keys shown={['?']} /> all keys
          </>
        )}
      </p>
      <Virtualizer layout={ListLayout} layoutOptions={layout}>
        <GridList
          ref={grid}
          aria-label={label}
          data-testid={props.testId}
          style={fitted === undefined ? undefined : { height: fitted, flex: 'none' }}
          className={(values) => {
            // The list's state, for moving the focus from keys read at the window.
            listState.current = values.state
            return 'triage-list'
          }}
          selectionMode="multiple"
          selectionBehavior={isMarking ? 'toggle' : 'replace'}
          selectedKeys={selection}
          onSelectionChange={onSelectionChange}
          onAction={(key) => {
            const row = byId.get(asKey(key))
            if (row) triage.openInLull(row.lead, from(row))
          }}
          disallowTypeAhead
          escapeKeyBehavior="none"
        >
          {groups.map((group) =>
            group.header ? (
              <GridListSection key={group.id} id={group.id} className="triage-section">
                <GridListHeader className="triage-header">
                  <GroupHeader
                    source={group.header.source}
                    container={group.header.container}
                    count={group.rows.length}
                  />
                </GridListHeader>
                <Collection items={group.rows} dependencies={dependencies}>
                  {renderRow}
                </Collection>
              </GridListSection>
            ) : (
              <Collection key={group.id} items={group.rows} dependencies={dependencies}>
                {renderRow}
              </Collection>
            ),
          )}
          {props.hasMore ? (
            <GridListLoadMoreItem className="triage-more" onLoadMore={props.onLoadMore} isLoading>
              <span className="muted">Loading more…</span>
            </GridListLoadMoreItem>
          ) : null}
        </GridList>
      </Virtualizer>
      {snoozing ? (
        <SnoozeMenu
          items={snoozing.items}
          anchor={snoozeAnchor}
          triage={triage}
          onClose={(isSnoozed) => {
            const targets = snoozing.rows
            setSnoozing(null)
            // Chosen or not, the focus comes back to the list: to the next row once snoozed.
            requestAnimationFrame(() => {
              if (isSnoozed) afterAction(targets, false)
              else {
                const key = cursor()
                if (key !== null) focusRow(key)
              }
            })
          }}
        />
      ) : null}
    </div>
  )
}

function GroupHeader({
  source,
  container,
  count,
}: {
  source: InboxItem['source']
  container: string
  count: number
}) {
  const Icon = sourceIcons[source]
  return (
    <>
      <Icon size={14} aria-hidden="true" />
      <span className="triage-header-source">{sourceNames[source]}</span>
      <span aria-hidden="true">·</span>
      <Field className="triage-header-place" text={container} />
      <span className="triage-header-count">{count}</span>
    </>
  )
}
