// Inbox: everything delivered, newest first, in a virtualised list that
// reads only the rows near the viewport, so it opens as fast with 150,000
// delivered items as with ten. The length comes from counting the index.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useRef } from 'react'
import { useServices } from '../../app-context'
import { countWithStatus, readStatusWindow } from '../../db/item-queries'
import { useAttention } from '../../hooks/use-attention'
import { useSetAside } from '../../hooks/use-set-aside'
import { ItemRow } from '../../ui/ItemRow'

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

export function InboxView() {
  const { db } = useServices()
  const attention = useAttention()
  const total = useLiveQuery(() => countWithStatus(db, 'delivered'), [db])
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimatedRowPx,
    overscan: 8,
  })
  const rows = virtualizer.getVirtualItems()
  const { start, end } = windowFor(rows[0]?.index ?? 0, rows[rows.length - 1]?.index ?? 0)
  const page = useLiveQuery(
    async () => ({ start, ...(await readStatusWindow(db, 'delivered', start, end - start)) }),
    [db, start, end],
  )
  useSetAside(page?.bad)
  if (total === undefined || !attention) return <p className="loading">Loading…</p>
  if (total === 0) {
    return <p className="muted">Nothing delivered yet. Held items arrive at your next check-in.</p>
  }
  return (
    <div className="inbox-scroller" ref={scroller} data-testid="inbox-list">
      <div className="inbox-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          // Until its page is read, a row holds its place at the estimated height.
          const item = page ? page.items[row.index - page.start] : undefined
          return (
            <div
              key={item?.id ?? `row-${row.index}`}
              className="inbox-row"
              data-index={row.index}
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
    </div>
  )
}
