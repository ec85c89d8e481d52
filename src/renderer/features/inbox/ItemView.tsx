// One item, opened from a breakthrough notification or a row's "View", with
// its whole text and the rest of its conversation beneath it.
import { useLiveQuery } from 'dexie-react-hooks'
import { useServices } from '../../app-context'
import { listThread } from '../../db/repositories'
import { useAttention } from '../../hooks/use-attention'
import { ItemRow } from '../../ui/ItemRow'

export function ItemView({ itemId }: { itemId: string }) {
  const { db } = useServices()
  const attention = useAttention()
  const item = useLiveQuery(() => db.items.get(itemId).then((found) => found ?? null), [db, itemId])
  const thread = useLiveQuery(
    async () => (item ? listThread(db, item.accountId, item.threadKey) : []),
    [db, item?.accountId, item?.threadKey],
  )
  if (item === undefined || !attention) return <p className="loading">Loading…</p>
  if (item === null) return <p className="muted">This item is no longer in the inbox.</p>
  const others = (thread ?? []).filter((message) => message.id !== item.id)
  return (
    <section aria-label="Item">
      <ItemRow item={item} zone={attention.zone} now={attention.now} isFull />
      {others.length > 0 ? (
        <section className="item-thread" aria-label="Conversation" data-testid="item-thread">
          <h2 className="thread-heading">{others.length} more in this conversation</h2>
          {others.map((message) => (
            <ItemRow key={message.id} item={message} zone={attention.zone} now={attention.now} />
          ))}
        </section>
      ) : null}
    </section>
  )
}
