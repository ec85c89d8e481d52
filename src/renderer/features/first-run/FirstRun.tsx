// First run: three questions on the Now view (when to check in, one
// deep-work block, one urgent channel) while the sample workspace runs, and
// a first check-in a few minutes away so a newcomer sees a digest arrive
// soon. Skipping keeps the defaults; either way the card goes for good.
import { useState } from 'react'
import { Weekday } from '../../../shared/model'
import {
  formatBlockList,
  formatTimeList,
  parseBlockList,
  parseChannelList,
  parseTimeList,
} from '../../../shared/policy'
import { dayLabel, minutesToWallTime, wallTimeToMinutes } from '../../../shared/policy/week'
import { useServices } from '../../app-context'
import { setMeta } from '../../db/repositories'
import { useAttention } from '../../hooks/use-attention'
import { formatClock } from '../../ui/format'

export const firstRunKey = 'firstRunDone'
const soonMinutes = 5

/** A check-in `minutes` from now on the local clock, as HH:MM. */
export function checkInSoon(now: number, zone: string, minutes: number): string {
  const clock = formatClock(now + minutes * 60_000, zone)
  return minutesToWallTime(wallTimeToMinutes(clock))
}

export function FirstRun(props: { onDone(): void }) {
  const { db, engine } = useServices()
  const attention = useAttention()
  const [times, setTimes] = useState<string | null>(null)
  const [block, setBlock] = useState<string | null>(null)
  const [channel, setChannel] = useState('#incidents')
  const [isSoon, setSoon] = useState(true)
  const [problems, setProblems] = useState<string[]>([])
  if (!attention) return null
  const { settings, zone, now } = attention
  const shownTimes = times ?? formatTimeList(settings.checkIns.map((window) => window.time))
  const shownBlock = block ?? formatBlockList(settings.deepWorkBlocks.slice(0, 1))
  const soon = checkInSoon(now, zone, soonMinutes)
  const today = weekdayIn(now, zone)

  async function finish() {
    const parsedTimes = parseTimeList(isSoon ? `${shownTimes}, ${soon}` : shownTimes)
    const parsedBlocks = parseBlockList(shownBlock)
    const parsedChannels = parseChannelList(channel)
    const errors = [parsedTimes, parsedBlocks, parsedChannels].flatMap((parsed) =>
      parsed.ok ? [] : parsed.errors,
    )
    if (!parsedTimes.ok || !parsedBlocks.ok || !parsedChannels.ok) return setProblems(errors.map(String))
    const days = settings.checkIns[0]?.days ?? ['mon', 'tue', 'wed', 'thu', 'fri']
    const result = await engine.saveSettings({
      ...settings,
      checkIns: parsedTimes.value.map((time) => ({ days: time === soon ? [today] : days, time })),
      deepWorkBlocks: parsedBlocks.value,
      urgentRules: [
        ...parsedChannels.value,
        ...settings.urgentRules.filter((rule) => rule.kind !== 'slack-channel'),
      ],
    })
    if (!result.ok) return setProblems(result.errors.map((error) => error.message))
    await setMeta(db, firstRunKey, true)
    props.onDone()
  }

  return (
    <form
      className="first-run"
      aria-labelledby="first-run-title"
      onSubmit={(event) => {
        event.preventDefault()
        void finish()
      }}
    >
      <h2 id="first-run-title">Set up Lull in a minute</h2>
      <p className="muted">
        The sample workspace is sending made-up messages so you can watch Lull hold them. Tell it when you
        want them.
      </p>
      <label>
        Check in at <input value={shownTimes} onChange={(event) => setTimes(event.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={isSoon} onChange={(event) => setSoon(event.target.checked)} /> Also
        check in at {soon} on {dayLabel(today)}s, to see a first digest in {soonMinutes} minutes (remove it in
        Settings later)
      </label>
      <label>
        One deep-work block <input value={shownBlock} onChange={(event) => setBlock(event.target.value)} />
      </label>
      <label>
        Urgent channel (breaks through focus){' '}
        <input value={channel} onChange={(event) => setChannel(event.target.value)} />
      </label>
      {problems.length > 0 ? (
        <ul role="alert" className="connect-problem">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <button type="submit" className="primary">
        Start with these
      </button>{' '}
      <button
        type="button"
        onClick={() =>
          void setMeta(db, firstRunKey, true).then(() => {
            props.onDone()
          })
        }
      >
        Skip, keep the defaults
      </button>
    </form>
  )
}

/** The weekday of `at` in `zone`. */
function weekdayIn(at: number, zone: string): Weekday {
  const name = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: zone }).format(at)
  return Weekday.parse(name.slice(0, 3).toLowerCase())
}
