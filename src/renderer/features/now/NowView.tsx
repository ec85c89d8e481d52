// Now: whether focus is on and until when, what is waiting, the next
// check-in, and the one-click intents (focus, end focus, check in now).
import { useLiveQuery } from 'dexie-react-hooks'
import type { FocusLength } from '../../../shared/model'
import { useServices } from '../../app-context'
import { useAttention } from '../../hooks/use-attention'
import { formatClock, formatWhen } from '../../ui/format'
import { ItemRow } from '../../ui/ItemRow'

const focusChoices: Array<{ label: string; length: FocusLength }> = [
  { label: '25 min', length: { kind: 'minutes', minutes: 25 } },
  { label: '50 min', length: { kind: 'minutes', minutes: 50 } },
  { label: '90 min', length: { kind: 'minutes', minutes: 90 } },
  { label: 'Until next check-in', length: { kind: 'until-check-in' } },
  { label: 'Until I stop', length: { kind: 'until-stopped' } },
]

export function NowView() {
  const { db, engine } = useServices()
  const attention = useAttention()
  const dayStart = (attention?.now ?? 0) - 24 * 60 * 60_000
  const breakthroughs = useLiveQuery(
    () =>
      db.items
        .where('[status+receivedAt]')
        .between(['delivered', dayStart], ['delivered', Number.MAX_SAFE_INTEGER])
        .filter((item) => item.urgentRuleId !== undefined)
        .reverse()
        .limit(20)
        .toArray(),
    [db, dayStart],
  )
  if (!attention) return <p className="loading">Loading…</p>
  const { deep, session, zone, now, held, heldCounts, nextCheckInAt } = attention
  const focusLine = deep.isDeep
    ? `Focus ${deep.until === null ? 'until you stop it' : `until ${formatClock(deep.until, zone)}`}${deep.source === 'block' ? ' (deep-work block)' : ''}`
    : 'Not focusing'
  const waitingLine = [
    heldCounts.slack ? `Slack ${heldCounts.slack}` : '',
    heldCounts.github ? `GitHub ${heldCounts.github}` : '',
    heldCounts.email ? `Email ${heldCounts.email}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <section className="now" aria-label="Now">
      <div className={`focus-card ${deep.isDeep ? 'is-deep' : ''}`}>
        <h2 data-testid="focus-state">{focusLine}</h2>
        <div className="focus-actions">
          {focusChoices.map((choice) => (
            <button key={choice.label} type="button" onClick={() => void engine.startFocus(choice.length)}>
              {deep.isDeep && session ? `Restart: ${choice.label}` : `Focus ${choice.label}`}
            </button>
          ))}
          {session ? (
            <>
              <button type="button" onClick={() => void engine.extendFocus(15)}>
                +15 min
              </button>
              <button type="button" className="primary" onClick={() => void engine.endFocus()}>
                End focus
              </button>
            </>
          ) : null}
        </div>
      </div>
      <div className="waiting-card">
        <p>
          <strong data-testid="waiting-count">{held.length}</strong> waiting
          {waitingLine ? <span className="muted"> — {waitingLine}</span> : null}
        </p>
        <p data-testid="next-check-in">
          {nextCheckInAt === null
            ? attention.settings.checkIns.length === 0
              ? 'No check-ins scheduled: check in when you are ready.'
              : 'Next check-in when focus ends.'
            : `Next check-in ${formatWhen(nextCheckInAt, zone, now)}`}
        </p>
        <button type="button" className="primary" onClick={() => void engine.checkInNow()}>
          Check in now ({held.length})
        </button>
      </div>
      <h2>Broke through today</h2>
      {breakthroughs && breakthroughs.length > 0 ? (
        <div className="breakthroughs">
          {breakthroughs.map((item) => (
            <ItemRow key={item.id} item={item} zone={zone} now={now} />
          ))}
        </div>
      ) : (
        <p className="muted">Nothing urgent. Messages on your urgent channels will show here at once.</p>
      )}
    </section>
  )
}
