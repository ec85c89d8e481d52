// Waiting: the items held for the next check-in, there to look at on
// purpose, oldest first (the order the Digest reads them in). Nothing here
// notifies or counts down; a person who wants to peek before a check-in
// can, and can finish or snooze something early.
import { useMemo } from 'react'
import { useAttention } from '../../hooks/use-attention'
import { formatWhen } from '../../ui/format'
import { toRows } from '../../ui/list/rows'
import { TriageList } from '../../ui/list/TriageList'
import { useStatusItems } from '../../ui/list/use-status-items'
import { PageHeader } from '../../ui/PageHeader'

export function WaitingView() {
  const attention = useAttention()
  const { items, hasMore, loadMore } = useStatusItems('held', { isOldestFirst: true })
  // Read in the order Lull received them; shown in the order they were said,
  // a conversation where its latest message falls (the time its row shows).
  const groups = useMemo(() => {
    if (!items) return undefined
    const rows = toRows(items, true).sort((a, b) => a.lead.sentAt - b.lead.sentAt || (a.id < b.id ? -1 : 1))
    return [{ id: 'all', header: null, rows }]
  }, [items])
  const next =
    attention && attention.nextCheckInAt !== null
      ? formatWhen(attention.nextCheckInAt, attention.zone, attention.now)
      : null
  return (
    <section className="waiting list-view" aria-label="Waiting items">
      <PageHeader
        title="Waiting"
        description={`Held for ${next ? `your next check-in (${next})` : 'your next check-in'}, oldest first. Looking here is up to you: nothing in this list interrupts you.`}
      />
      <TriageList
        listId="waiting"
        label="Waiting items"
        testId="inbox-list"
        groups={groups ?? []}
        isLoading={groups === undefined}
        hasMore={hasMore}
        onLoadMore={loadMore}
        empty={
          <p className="muted">
            Nothing is waiting. What arrives during focus is held here until the check-in.
          </p>
        }
      />
    </section>
  )
}
