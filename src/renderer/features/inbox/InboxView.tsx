// Inbox: everything delivered, newest first, in a virtualised list so it
// stays fast at 100,000 items.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useRef } from 'react'
import { useServices } from '../../app-context'
import { useAttention } from '../../hooks/use-attention'
import { ItemRow } from '../../ui/ItemRow'

export function InboxView() {
  const { db } = useServices()
  const attention = useAttention()
  const items = useLiveQuery(
    () =>
      db.items
        .where('[status+receivedAt]')
        .between(['delivered', 0], ['delivered', Number.MAX_SAFE_INTEGER])
        .reverse()
        .toArray(),
    [db],
  )
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: items?.length ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => 112,
    overscan: 8,
  })
  if (!items || !attention) return <p className="loading">Loading…</p>
  if (items.length === 0) {
    return <p className="muted">Nothing delivered yet. Held items arrive at your next check-in.</p>
  }
  return (
    <div className="inbox-scroller" ref={scroller} data-testid="inbox-list">
      <div className="inbox-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index]
          if (!item) return null
          return (
            <div
              key={item.id}
              className="inbox-row"
              data-index={row.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <ItemRow item={item} zone={attention.zone} now={attention.now} />
            </div>
          )
        })}
      </div>
    </div>
  )
}
