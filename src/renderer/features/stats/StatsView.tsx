// Stats: the last seven days, per day and for the week: items shielded,
// the conversations that did not interrupt deep work, notifications shown,
// breakthroughs by rule (by the name the rule had when it fired), focus
// time and replies waiting past the reply window. Every figure is counted
// from what Lull recorded; focus counts deep work only while Lull was
// running, a day Lull never ran shows no data rather than zeros, and the
// sample workspace's made-up messages are said to be counted; the people
// Lull told when the person would answer, where the reply is on. Plots are
// drawn by recharts; a table has the same numbers.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Digest } from '../../../shared/model'
import { roundTicks, ruleLabel, statsByDay, sumDays } from '../../../shared/policy'
import { useServices } from '../../app-context'
import { readReceivedSince } from '../../db/item-queries'
import { peopleTold } from '../../db/replies'
import { listAccounts, listFocusSessions } from '../../db/repositories'
import { readRunningSpans } from '../../engine/running-log'
import { type Attention, useAttention } from '../../hooks/use-attention'
import { Callout } from '../../ui/Callout'
import { PageHeader } from '../../ui/PageHeader'
import { Section } from '../../ui/Section'

const days = 7
const dayMs = 24 * 60 * 60_000
const readLimit = 20_000
const sampleAccountId = 'sample'

export function StatsView() {
  const attention = useAttention()
  return (
    <div className="stats">
      <PageHeader
        title="Stats"
        description={`The last ${days} days, counted from what Lull recorded.`}
        titleTestId="stats-heading"
      />
      {attention ? <Stats attention={attention} /> : <p className="loading">Loading…</p>}
    </div>
  )
}

/** Focus time as a person reads it: '0 h', '35 min', '2.5 h'. */
export function focusTimeText(hours: number): string {
  const minutes = Math.floor(hours * 60)
  if (minutes < 1) return '0 h'
  if (minutes < 60) return `${minutes} min`
  return `${(Math.floor(hours * 10) / 10).toFixed(1)} h`
}

type Row = {
  day: string
  hasData: boolean
  shielded: number | null
  notifications: number | null
  focus: number | null
}

function Stats({ attention }: { attention: Attention }) {
  const { db } = useServices()
  // A day and a bit more than the week, moved hourly so a tick reads nothing.
  const since = Math.floor((attention.now - (days + 1) * dayMs) / 3_600_000) * 3_600_000
  const data = useLiveQuery(async () => {
    // The week, to the hour: the window moves with `since`.
    const weekStart = since + dayMs
    const [items, digestRows, sessions, running, told, accounts] = await Promise.all([
      readReceivedSince(db, since, readLimit),
      db.digests.where('at').aboveOrEqual(since).toArray(),
      listFocusSessions(db, since),
      readRunningSpans(db),
      peopleTold(db, weekStart, Number.POSITIVE_INFINITY),
      listAccounts(db),
    ])
    const digests = digestRows.flatMap((row) => {
      const parsed = Digest.safeParse(row)
      return parsed.success ? [parsed.data] : []
    })
    const isReplyOn = accounts.some((account) => account.dmReply?.isOn === true)
    return { items: items.items, digests, sessions, running, told, isReplyOn }
  }, [db, since])
  const perDay = useMemo(
    () =>
      data
        ? statsByDay({
            ...data,
            blocks: attention.settings.deepWorkBlocks,
            zone: attention.zone,
            now: attention.now,
            days,
            replyWindowHours: attention.settings.replyWindowHours,
            isSample: (item) => item.accountId === sampleAccountId,
          })
        : null,
    [data, attention.settings, attention.zone, attention.now],
  )
  if (!perDay || !data) return <p className="loading">Loading…</p>
  const week = sumDays(perDay)
  const label = (dayStart: number) => {
    const parts = new Intl.DateTimeFormat('en', {
      weekday: 'short',
      day: 'numeric',
      timeZone: attention.zone,
    }).formatToParts(dayStart)
    const part = (type: string) => parts.find((piece) => piece.type === type)?.value ?? ''
    return `${part('weekday')} ${part('day')}`
  }
  const rows: Row[] = perDay.map((day) => ({
    day: label(day.dayStart),
    hasData: day.hasData,
    shielded: day.hasData ? day.shielded : null,
    notifications: day.hasData ? day.notifications : null,
    focus: day.hasData ? Math.round(day.focusHours * 10) / 10 : null,
  }))
  const rules = Object.entries(week.breakthroughsByRule).map(([rule, count]) => ({
    rule: ruleLabel(rule, week.ruleNames, attention.settings.urgentRules),
    count,
  }))
  const breakthroughs = rules.reduce((sum, entry) => sum + entry.count, 0)
  const hasCounts =
    week.shielded + week.notifications + breakthroughs > 0 || Math.floor(week.focusHours * 60) > 0
  const firstRun = data.running[0]?.start ?? null
  const countingSince =
    firstRun === null
      ? null
      : new Intl.DateTimeFormat('en', {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZone: attention.zone,
        }).format(firstRun)
  return (
    <>
      <dl className="stats-totals">
        <Total
          label="Shielded"
          value={String(week.shielded)}
          testId="stat-shielded"
          help="messages held during deep work"
        />
        <Total
          label="Interruptions avoided"
          value={String(week.interruptionsAvoided)}
          testId="stat-interruptions"
          help="conversations that waited for a check-in"
        />
        <Total
          label="Notifications shown"
          value={String(week.notifications)}
          testId="stat-notifications"
          help="check-ins and breakthroughs"
        />
        <Total
          label="Focus"
          value={focusTimeText(week.focusHours)}
          testId="stat-focus"
          help="deep work while Lull ran"
        />
        <Total
          label={`Replies past ${attention.settings.replyWindowHours} h`}
          value={String(week.repliesOverdue)}
          testId="stat-overdue"
          help="still waiting on you"
        />
        {data.told > 0 || data.isReplyOn ? (
          <Total
            label="People told"
            value={String(data.told)}
            testId="stat-people-told"
            help="answered once, during deep work, with when you would read their DM"
          />
        ) : null}
      </dl>
      <p className="stats-rule" data-testid="stats-focus-rule">
        Focus counts your deep-work blocks and focus sessions only while Lull was running to hold messages
        back{countingSince === null ? '' : `, which it has done since ${countingSince}`}. Days before that, or
        when Lull was closed, count nothing.
      </p>
      {week.sampleItems > 0 ? (
        <p className="stats-rule" data-testid="stats-sample-note">
          {week.sampleItems === 1
            ? '1 of the messages counted here is made up by the sample workspace.'
            : `${week.sampleItems} of the messages counted here are made up by the sample workspace.`}
        </p>
      ) : null}
      {hasCounts ? (
        <Charts rows={rows} />
      ) : (
        <Callout tone="info" role="note" className="stats-empty">
          <p data-testid="stats-no-data">
            <strong>No data yet.</strong> The days fill in as Lull holds messages and you focus; nothing is
            drawn until there is something to count.
          </p>
        </Callout>
      )}
      <Section title="Breakthroughs by rule" level={2}>
        {rules.length === 0 ? (
          <p className="muted">Nothing broke through this week.</p>
        ) : (
          <table className="stats-table" data-testid="stats-rules">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Breakthroughs</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((entry) => (
                <tr key={entry.rule}>
                  <td>{entry.rule}</td>
                  <td>{entry.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  )
}

function Total(props: { label: string; value: string; testId: string; help: string }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.value}</dd>
      <dd className="stats-total-help">{props.help}</dd>
    </div>
  )
}

/** The two plots and the table of the same numbers; a day without data is a gap, not a zero. */
function Charts({ rows }: { rows: Row[] }) {
  const countMax = Math.max(0, ...rows.map((row) => Math.max(row.shielded ?? 0, row.notifications ?? 0)))
  const focusMax = Math.max(0, ...rows.map((row) => row.focus ?? 0))
  const countTicks = roundTicks(countMax, { whole: true })
  const focusTicks = roundTicks(focusMax)
  return (
    <>
      <Section title="Shielded and shown, per day" level={2}>
        <figure className="stats-figure">
          <div className="stats-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={rows} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" />
                <YAxis allowDecimals={false} ticks={countTicks} domain={[0, countTicks.at(-1) ?? 1]} />
                <Tooltip isAnimationActive={false} />
                <Legend />
                <Bar dataKey="shielded" name="Shielded" fill="var(--color-deep)" isAnimationActive={false} />
                <Bar
                  dataKey="notifications"
                  name="Notifications"
                  fill="var(--color-accent)"
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <StatsTable rows={rows} />
        </figure>
      </Section>
      <Section title="Focus hours, per day" level={2}>
        <figure className="stats-figure">
          <div className="stats-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={180}>
              <BarChart data={rows} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" />
                <YAxis ticks={focusTicks} domain={[0, focusTicks.at(-1) ?? 1]} />
                <Tooltip isAnimationActive={false} />
                <Bar dataKey="focus" name="Focus hours" fill="var(--color-deep)" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="visually-hidden">Focus hours per day are in the table above.</figcaption>
        </figure>
      </Section>
    </>
  )
}

function StatsTable({ rows }: { rows: Row[] }) {
  const cell = (value: number | null) => (value === null ? '—' : String(value))
  return (
    <table className="stats-table" data-testid="stats-table">
      <caption className="visually-hidden">Per day: items shielded, notifications shown, focus hours</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Shielded</th>
          <th scope="col">Notifications</th>
          <th scope="col">Focus hours</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.day} className={row.hasData ? undefined : 'is-empty'}>
            <th scope="row">{row.day}</th>
            <td>{cell(row.shielded)}</td>
            <td>{cell(row.notifications)}</td>
            <td>{cell(row.focus)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
