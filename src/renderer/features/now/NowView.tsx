// Now: whether focus is on and until when, what is waiting, the next
// check-in, today as a timeline, and the one-click intents (focus, end
// focus, check in now).
import { useLiveQuery } from 'dexie-react-hooks'
import { z } from 'zod'
import type { FocusLength } from '../../../shared/model'
import { useServices } from '../../app-context'
import { readBreakthroughsSince } from '../../db/item-queries'
import { getMeta } from '../../db/repositories'
import { useAttention, useHeldCounts } from '../../hooks/use-attention'
import { useSetAside, useSetAsideCount } from '../../hooks/use-set-aside'
import { formatClock, formatWhen } from '../../ui/format'
import { ItemRow } from '../../ui/ItemRow'
import { FirstRun, firstRunKey } from '../first-run/FirstRun'
import { TodayTimeline } from './TodayTimeline'

const dayMs = 24 * 60 * 60_000
const hourMs = 60 * 60_000

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
  const counts = useHeldCounts()
  const setAsideCount = useSetAsideCount()
  // Read from the start of the hour a day ago, so the query changes hourly,
  // not with every tick; the exact day is cut below.
  const now = attention?.now ?? 0
  const readSince = Math.floor((now - dayMs) / hourMs) * hourMs
  const read = useLiveQuery(() => readBreakthroughsSince(db, readSince, 20), [db, readSince])
  // Someone who already had a check-in is past the first run, even from before it existed.
  const isFirstRunDone = useLiveQuery(
    async () => (await getMeta(db, firstRunKey, z.boolean(), false)) || (await db.digests.count()) > 0,
    [db],
  )
  useSetAside(read?.bad)
  if (!attention || !counts) return <p className="loading">Loading…</p>
  const { deep, session, zone, nextCheckInAt } = attention
  const heldCounts = counts.bySource
  const breakthroughs = read?.items.filter((item) => item.receivedAt >= now - dayMs)
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
      {isFirstRunDone === false ? <FirstRun onDone={() => {}} /> : null}
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
      <TodayTimeline
        attention={attention}
        breakthroughAts={(breakthroughs ?? []).map((item) => item.receivedAt)}
      />
      <div className="waiting-card">
        <p>
          <strong data-testid="waiting-count">{counts.total}</strong> waiting
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
          Check in now ({counts.total})
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
      {setAsideCount ? (
        <p className="muted" data-testid="set-aside-count">
          {setAsideCount === 1
            ? '1 stored item could not be read and is set aside. '
            : `${setAsideCount} stored items could not be read and are set aside. `}
          Lull keeps them as they were, out of the way of check-ins and views.
        </p>
      ) : null}
    </section>
  )
}
