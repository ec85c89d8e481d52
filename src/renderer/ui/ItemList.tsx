// A list of items, virtualised: only the rows near the viewport are drawn.
// A list of one status (newest first) reads only the page of rows it
// draws, so it opens as fast with 150,000 items as with ten; the length
// comes from counting the index. A list of items already read (search
// results) draws them the same way. The selected row answers the list keys
// (j/k move, o opens, e done, s snooze, u undo).
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { type ReactNode, useEffect, useRef } from 'react'
import type { InboxItem, ItemStatus } from '../../shared/model'
import { useServices } from '../app-context'
import { countWithStatus, readStatusWindow } from '../db/item-queries'
import { snooze } from '../db/repositories'
import { useAttention } from '../hooks/use-attention'
import { useSetAside } from '../hooks/use-set-aside'
import type { KeyAction } from '../keyboard/keymap'
import { useUi } from '../store'
import { ItemRow } from './ItemRow'

/** Rows are read in pages of this many; a window covers the pages the viewport touches. */
const pageRows = 40
const estimatedRowPx = 112

/** The pages that hold rows `first` to `last`: a scroll within them reads nothing new. */
function windowFor(first: number, last: number): { start: number; end: number } {
  return {
    start: Math.floor(first / pageRows) * pageRows,
    end: (Math.floor(last / pageRows) + 1) * pageRows,
  }
}

type ItemListProps = { label: string; empty: ReactNode; testId?: string } & (
  | { status: ItemStatus }
  | { items: InboxItem[] }
)

export function ItemList(props: ItemListProps) {
  const status = 'status' in props ? props.status : null
  const given = 'items' in props ? props.items : null
  const { db, host, engine } = useServices()
  const attention = useAttention()
  const selected = useUi((state) => state.selected)
  const select = useUi((state) => state.select)
  const setListKeys = useUi((state) => state.setListKeys)
  const report = useUi((state) => state.report)
  const offerUndo = useUi((state) => state.offerUndo)
  const counted = useLiveQuery(async () => (status ? countWithStatus(db, status) : 0), [db, status])
  const total = given ? given.length : counted
  const scroller = useRef<HTMLElement>(null)
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimatedRowPx,
    overscan: 8,
  })
  const rows = virtualizer.getVirtualItems()
  const { start, end } = windowFor(
    Math.min(rows[0]?.index ?? 0, selected),
    Math.max(rows[rows.length - 1]?.index ?? 0, selected),
  )
  const read = useLiveQuery(
    async () => (status ? { start, ...(await readStatusWindow(db, status, start, end - start)) } : null),
    [db, status, start, end],
  )
  const page = given ? { start: 0, items: given, bad: [] } : read
  useSetAside(page?.bad)
  const count = total ?? 0
  const itemAt = (index: number): InboxItem | undefined => (page ? page.items[index - page.start] : undefined)

  // The list keys act on the selected row; a later list (another view) takes them over.
  const act = useRef<(action: KeyAction) => void>(() => {})
  act.current = (action) => {
    const item = itemAt(selected)
    if (action.kind === 'next' || action.kind === 'previous') {
      const next = Math.max(0, Math.min(count - 1, selected + (action.kind === 'next' ? 1 : -1)))
      select(next)
      virtualizer.scrollToIndex(next, { align: 'auto' })
      return
    }
    if (!item) return
    if (action.kind === 'open' && item.url) {
      host.call('link:open-external', { url: item.url }).catch((error: Error) => report(error.message))
      void engine.markRead(item.id)
    }
    if (action.kind === 'done' && item.status !== 'done') {
      void engine.markDone(item.id).then((isDone) => {
        if (isDone) offerUndo({ itemId: item.id, title: item.title })
      })
    }
    if (action.kind === 'snooze' && item.status === 'delivered') void snooze(db, item.id, Date.now())
  }
  useEffect(() => {
    setListKeys((action) => act.current(action))
    return () => setListKeys(null)
  }, [setListKeys])
  // A list that got shorter (items done) keeps the selection on a row that exists.
  useEffect(() => {
    if (total !== undefined && selected > 0 && selected >= total) select(Math.max(0, total - 1))
  }, [total, selected, select])

  if (total === undefined || !attention) return <p className="loading">Loading…</p>
  if (total === 0) return <div className="empty">{props.empty}</div>
  return (
    <section
      className="inbox-scroller"
      ref={scroller}
      data-testid={props.testId ?? 'inbox-list'}
      aria-label={props.label}
    >
      <div className="inbox-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          // Until its page is read, a row holds its place at the estimated height.
          const item = itemAt(row.index)
          const isSelected = row.index === selected
          return (
            <div
              key={item?.id ?? `row-${row.index}`}
              className={isSelected ? 'inbox-row selected' : 'inbox-row'}
              data-index={row.index}
              data-selected={isSelected ? 'true' : undefined}
              aria-current={isSelected ? 'true' : undefined}
              ref={virtualizer.measureElement}
              style={{
                transform: `translateY(${row.start}px)`,
                minHeight: item ? undefined : estimatedRowPx,
              }}
            >
              {item ? <ItemRow item={item} zone={attention.zone} now={attention.now} /> : null}
            </div>
          )
        })}
      </div>
    </section>
  )
}
