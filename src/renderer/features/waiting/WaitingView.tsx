// Waiting: the items held for the next check-in, there to look at on
// purpose. Nothing here notifies or counts down; a person who wants to peek
// before a check-in can, and can finish something early.
import { useAttention } from '../../hooks/use-attention'
import { formatWhen } from '../../ui/format'
import { ItemList } from '../../ui/ItemList'

export function WaitingView() {
  const attention = useAttention()
  const next =
    attention && attention.nextCheckInAt !== null
      ? formatWhen(attention.nextCheckInAt, attention.zone, attention.now)
      : null
  return (
    <section className="waiting" aria-label="Waiting items">
      <p className="muted">
        Held for {next ? `your next check-in (${next})` : 'your next check-in'}. Looking here is up to you:
        nothing in this list will interrupt you.
      </p>
      <ItemList
        status="held"
        label="Waiting items"
        empty={
          <p className="muted">
            Nothing is waiting. What arrives during focus is held here until the check-in.
          </p>
        }
      />
    </section>
  )
}
