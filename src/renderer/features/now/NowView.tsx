// Now: whether focus is on and until when, the next check-in and why it is
// then, what is waiting, today as a timeline, and the one-click intents
// (focus, end focus, check in now). A focus click shows at once: the
// attention hook applies the engine's intent before the store has it.
import { useLiveQuery } from 'dexie-react-hooks'
import { z } from 'zod'
import type { FocusLength } from '../../../shared/model'
import { describeNextCheckIn } from '../../../shared/policy'
import { useServices } from '../../app-context'
import { type HeldCounts, readBreakthroughsSince } from '../../db/item-queries'
import { getMeta } from '../../db/repositories'
import { type Attention, useAttention, useHeldCounts } from '../../hooks/use-attention'
import { useSetAside, useSetAsideCount } from '../../hooks/use-set-aside'
import { Button } from '../../ui/Button'
import { formatClock } from '../../ui/format'
import { TriageList } from '../../ui/list/TriageList'
import { PageHeader } from '../../ui/PageHeader'
import { Section } from '../../ui/Section'
import { FirstRun, firstRunKey } from '../first-run/FirstRun'
import { TodayTimeline } from './TodayTimeline'

const dayMs = 24 * 60 * 60_000
const hourMs = 60 * 60_000

const focusChoices: Array<{ label: string; length: FocusLength }> = [
  { label: '25 min', length: { kind: 'minutes', minutes: 25 } },
  { label: '50 min', length: { kind: 'minutes', minutes: 50 } },
  { label: '90 min', length: { kind: 'minutes', minutes: 90 } },
  { label: 'until next check-in', length: { kind: 'until-check-in' } },
  { label: 'until I stop', length: { kind: 'until-stopped' } },
]

export function NowView() {
  const { db } = useServices()
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
  if (!attention || !counts) {
    return (
      <>
        <PageHeader title="Now" />
        <p className="loading">Loading…</p>
      </>
    )
  }
  const breakthroughs = read?.items.filter((item) => item.receivedAt >= now - dayMs)
  return (
    <div className="now">
      <PageHeader title="Now" />
      {isFirstRunDone === false ? <FirstRun onDone={() => {}} /> : null}
      <div className="now-cards">
        <FocusCard attention={attention} />
        <CheckInCard attention={attention} counts={counts} />
      </div>
      <Section title="Today" className="now-today">
        <TodayTimeline
          attention={attention}
          breakthroughAts={(breakthroughs ?? []).map((item) => item.receivedAt)}
        />
      </Section>
      <Section
        title="Broke through today"
        description="Only messages your urgent rules match reach you at once; each says which rule."
      >
        {/* Each message its own row: what broke through is read one by one. */}
        <TriageList
          listId="now:breakthroughs"
          label="Broke through today"
          items={breakthroughs ?? []}
          isLoading={breakthroughs === undefined}
          isCollapsed={false}
          empty={
            <p className="muted">Nothing urgent. Messages your urgent rules match will show here at once.</p>
          }
          fitRows={6}
          isHintShown={false}
          testId="breakthroughs"
        />
      </Section>
      {setAsideCount ? (
        <p className="muted" data-testid="set-aside-count">
          {setAsideCount === 1
            ? '1 stored item could not be read and is set aside. '
            : `${setAsideCount} stored items could not be read and are set aside. `}
          Lull keeps them as they were, out of the way of check-ins and views.
        </p>
      ) : null}
    </div>
  )
}

function FocusCard({ attention }: { attention: Attention }) {
  const { engine } = useServices()
  const { deep, session, zone } = attention
  const focusLine = deep.isDeep
    ? `Focus ${deep.until === null ? 'until you stop it' : `until ${formatClock(deep.until, zone)}`}${deep.source === 'block' ? ' (deep-work block)' : ''}`
    : 'Not focusing'
  return (
    <section className={`now-card now-focus${deep.isDeep ? ' is-deep' : ''}`} aria-labelledby="focus-state">
      <h2 id="focus-state" data-testid="focus-state" aria-live="polite">
        {focusLine}
      </h2>
      <p className="now-card-help">
        {deep.isDeep
          ? 'Only urgent rules break through. Check-ins that fall in here wait for the end.'
          : 'Start a session to hold even check-ins until it ends.'}
      </p>
      <div className="now-focus-actions">
        {focusChoices.map((choice) => (
          <Button key={choice.label} size="sm" onClick={() => void engine.startFocus(choice.length)}>
            {deep.isDeep && session ? `Restart: ${choice.label}` : `Focus ${choice.label}`}
          </Button>
        ))}
        {session ? (
          <>
            <Button size="sm" onClick={() => void engine.extendFocus(15)}>
              +15 min
            </Button>
            <Button size="sm" variant="primary" onClick={() => void engine.endFocus()}>
              End focus
            </Button>
          </>
        ) : null}
      </div>
    </section>
  )
}

function CheckInCard({ attention, counts }: { attention: Attention; counts: HeldCounts }) {
  const { bySource, conversations } = counts
  const { engine } = useServices()
  const next = describeNextCheckIn({
    reason: attention.nextCheckIn,
    hasCheckIns: attention.settings.checkIns.length > 0,
    zone: attention.zone,
    now: attention.now,
  })
  const waitingLine = [
    bySource.slack ? `Slack ${bySource.slack}` : '',
    bySource.github ? `GitHub ${bySource.github}` : '',
    bySource.email ? `Email ${bySource.email}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <section className="now-card now-check-in" aria-labelledby="next-check-in">
      <h2 id="next-check-in" data-testid="next-check-in">
        {next.heading}
      </h2>
      {next.why ? (
        <p className="now-why" data-testid="next-check-in-why">
          {capitalise(next.why)}.
        </p>
      ) : null}
      <p className="now-card-help" data-testid="hold-promise">
        Everything but urgent rules waits for your check-ins, in focus or not.
      </p>
      <p className="now-waiting">
        <strong data-testid="waiting-count">{conversations}</strong>{' '}
        {conversations < counts.total ? (
          <>
            {conversations === 1 ? 'conversation' : 'conversations'} waiting{' '}
            <span data-testid="waiting-updates">({counts.total} updates)</span>
          </>
        ) : (
          'waiting'
        )}
        {waitingLine ? <span className="muted"> · {waitingLine}</span> : null}
      </p>
      <Button variant="primary" size="sm" onClick={() => void engine.checkInNow()}>
        Check in now ({conversations})
      </Button>
    </section>
  )
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
