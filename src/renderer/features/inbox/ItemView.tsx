// One item, opened from a breakthrough notification or a row's "View", with
// its whole text, how its write-back to the source stands, and the rest of
// its conversation beneath it. The row is read through the model's schema: a
// row that no longer parses reads as gone, never as a crash.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect } from 'react'
import { useServices } from '../../app-context'
import { outboxId, retryWrite } from '../../db/outbox'
import { getItem, listThread } from '../../db/repositories'
import { useAttention } from '../../hooks/use-attention'
import { ItemRow } from '../../ui/ItemRow'

export function ItemView({ itemId }: { itemId: string }) {
  const { db, engine } = useServices()
  const attention = useAttention()
  const item = useLiveQuery(() => getItem(db, itemId), [db, itemId])
  const write = useLiveQuery(() => db.outbox.get(outboxId('done', itemId)), [db, itemId])
  // Opening an item is reading it: written back where the account's switch is on.
  useEffect(() => {
    void engine.markRead(itemId)
  }, [engine, itemId])
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
      {write?.state === 'failed' ? (
        <p className="write-back-failed" role="status">
          Marking this done at its source failed: {write.error}{' '}
          <button type="button" onClick={() => void retryWrite(db, write.id, Date.now())}>
            Try again
          </button>
        </p>
      ) : write ? (
        <p className="muted" role="status">
          Marking this done at its source… (it is done here already)
        </p>
      ) : null}
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
