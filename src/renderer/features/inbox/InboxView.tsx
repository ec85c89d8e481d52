// Inbox: everything delivered, newest first, with the list keys.
import { ItemList } from '../../ui/ItemList'

export function InboxView() {
  return (
    <ItemList
      status="delivered"
      label="Inbox items"
      empty={<p className="muted">Nothing delivered yet. Held items arrive at your next check-in.</p>}
    />
  )
}
