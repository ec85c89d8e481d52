// Stats: the last seven days, per day and for the week: items shielded,
// notifications shown, breakthroughs by rule, focus hours, replies waiting
// past the reply window, and the refocus time saved (an estimate, said as
// one). Plots are drawn by recharts; each has a table with the same numbers.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Digest } from '../../../shared/model'
import { describeRule, refocusMinutesPerInterruption, statsByDay, sumDays } from '../../../shared/policy'
import { useServices } from '../../app-context'
import { readReceivedSince } from '../../db/item-queries'
import { listFocusSessions } from '../../db/repositories'
import { type Attention, useAttention } from '../../hooks/use-attention'

const days = 7
const dayMs = 24 * 60 * 60_000
const readLimit = 20_000

export function StatsView() {
  const attention = useAttention()
  if (!attention) return <p className="loading">Loading…</p>
  return <Stats attention={attention} />
}

function Stats({ attention }: { attention: Attention }) {
  const { db } = useServices()
  // A day and a bit more than the week, moved hourly so a tick reads nothing.
  const since = Math.floor((attention.now - (days + 1) * dayMs) / 3_600_000) * 3_600_000
  const data = useLiveQuery(async () => {
    const [items, digestRows, sessions] = await Promise.all([
      readReceivedSince(db, since, readLimit),
      db.digests.where('at').aboveOrEqual(since).toArray(),
      listFocusSessions(db, since),
    ])
    const digests = digestRows.flatMap((row) => {
      const parsed = Digest.safeParse(row)
      return parsed.success ? [parsed.data] : []
    })
    return { items: items.items, digests, sessions }
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
          })
        : null,
    [data, attention.settings, attention.zone, attention.now],
  )
  if (!perDay) return <p className="loading">Loading…</p>
  const week = sumDays(perDay)
  const label = (dayStart: number) =>
    new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: attention.zone }).format(
      dayStart,
    )
  const rows = perDay.map((day) => ({
    day: label(day.dayStart),
    shielded: day.shielded,
    notifications: day.notifications,
    focus: Math.round(day.focusHours * 10) / 10,
  }))
  const ruleNames = new Map(attention.settings.urgentRules.map((rule) => [rule.id, describeRule(rule)]))
  const rules = Object.entries(week.breakthroughsByRule).map(([rule, count]) => ({
    rule: ruleNames.get(rule) ?? 'a rule since removed',
    count,
  }))
  const hasAnything = perDay.some((day) => day.shielded + day.notifications + day.focusHours > 0)
  return (
    <section className="stats" aria-labelledby="stats-heading">
      <h2 id="stats-heading">The last {days} days</h2>
      <dl className="stats-totals">
        <div>
          <dt>Shielded</dt>
          <dd data-testid="stat-shielded">{week.shielded}</dd>
        </div>
        <div>
          <dt>Notifications shown</dt>
          <dd data-testid="stat-notifications">{week.notifications}</dd>
        </div>
        <div>
          <dt>Focus</dt>
          <dd>{week.focusHours.toFixed(1)} h</dd>
        </div>
        <div>
          <dt>Replies past {attention.settings.replyWindowHours} h</dt>
          <dd>{week.repliesOverdue}</dd>
        </div>
        <div>
          <dt>Refocus time saved (estimate)</dt>
          <dd>{(week.refocusMinutesSaved / 60).toFixed(1)} h</dd>
        </div>
      </dl>
      <p className="muted">
        The estimate counts {refocusMinutesPerInterruption} minutes for each conversation that would have
        interrupted deep work and waited for a check-in instead.
      </p>
      {hasAnything ? null : (
        <p className="muted">Nothing to plot yet: the days fill in as Lull holds items and you focus.</p>
      )}
      <figure>
        <figcaption>Items shielded and notifications shown, per day</figcaption>
        <div className="chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={rows} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar dataKey="shielded" name="Shielded" fill="var(--deep)" />
              <Bar dataKey="notifications" name="Notifications" fill="var(--accent)" />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <StatsTable rows={rows} />
      </figure>
      <figure>
        <figcaption>Hours of deep work, per day</figcaption>
        <div className="chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height={180}>
            <BarChart data={rows} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis />
              <Tooltip />
              <Bar dataKey="focus" name="Focus hours" fill="var(--deep)" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <h3>Breakthroughs by rule</h3>
      {rules.length === 0 ? (
        <p className="muted">Nothing broke through this week.</p>
      ) : (
        <table className="stats-table">
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
    </section>
  )
}

function StatsTable({
  rows,
}: {
  rows: Array<{ day: string; shielded: number; notifications: number; focus: number }>
}) {
  return (
    <table className="stats-table" data-testid="stats-table">
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
          <tr key={row.day}>
            <th scope="row">{row.day}</th>
            <td>{row.shielded}</td>
            <td>{row.notifications}</td>
            <td>{row.focus}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
