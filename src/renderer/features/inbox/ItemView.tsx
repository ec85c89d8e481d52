// One item, opened from a breakthrough notification.
import { useLiveQuery } from 'dexie-react-hooks'
import { useServices } from '../../app-context'
import { useAttention } from '../../hooks/use-attention'
import { ItemRow } from '../../ui/ItemRow'

export function ItemView({ itemId }: { itemId: string }) {
  const { db } = useServices()
  const attention = useAttention()
  const item = useLiveQuery(() => db.items.get(itemId).then((found) => found ?? null), [db, itemId])
  if (item === undefined || !attention) return <p className="loading">Loading…</p>
  if (item === null) return <p className="muted">This item is no longer in the inbox.</p>
  return <ItemRow item={item} zone={attention.zone} now={attention.now} />
}
