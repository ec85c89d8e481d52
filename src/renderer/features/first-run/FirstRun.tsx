// First run: three questions on the Now view (when to check in and on which
// days, one deep-work block, one urgent channel) while the sample workspace
// runs, and a one-off check-in a few minutes away so a newcomer sees a
// digest arrive soon; that one happens once and is gone. The installed app
// also asks here whether to open at sign-in (on unless the person says no).
// Skipping keeps the defaults; either way the card goes for good.
import { useState } from 'react'
import { isOneOff, type Weekday } from '../../../shared/model'
import {
  formatBlockList,
  formatTimeList,
  localDateText,
  nextCheckIn,
  parseBlockList,
  parseChannelList,
  parseTimeList,
  wallTimeText,
} from '../../../shared/policy'
import { useServices } from '../../app-context'
import { setMeta } from '../../db/repositories'
import { useAttention } from '../../hooks/use-attention'
import { Button } from '../../ui/Button'
import { Checkbox } from '../../ui/Choice'
import { Field } from '../../ui/Field'
import { DayToggles } from '../settings/CheckInTimes'
import { answerOpenAtLogin, useInstallState } from '../settings/InstallSection'

export const firstRunKey = 'firstRunDone'
const soonMinutes = 5
const workWeek: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']

/** The one-off check-in `minutes` from now: its date and time on the local clock. */
export function checkInSoon(now: number, zone: string, minutes: number): { date: string; time: string } {
  const at = now + minutes * 60_000
  return { date: localDateText(at, zone), time: wallTimeText(at, zone) }
}

type Problems = { times?: string; days?: string; block?: string; channel?: string; other?: string }

export function FirstRun(props: { onDone(): void }) {
  const { db, engine, host } = useServices()
  const attention = useAttention()
  // The installed app asks here once whether to open at sign-in, on unless the person says no.
  const install = useInstallState()
  const [isOpenAtLogin, setOpenAtLogin] = useState(true)
  const asksOpenAtLogin = install?.isInstalled === true && install.openAtLogin.state === 'unasked'
  const [times, setTimes] = useState<string | null>(null)
  const [days, setDays] = useState<Weekday[] | null>(null)
  const [block, setBlock] = useState<string | null>(null)
  const [channel, setChannel] = useState('#incidents')
  const [isSoon, setSoon] = useState(true)
  const [problems, setProblems] = useState<Problems>({})
  if (!attention) return null
  const { settings, zone, now } = attention
  const weekly = settings.checkIns.flatMap((window) => (isOneOff(window) ? [] : [window]))
  const shownTimes = times ?? formatTimeList(weekly.map((window) => window.time))
  const shownDays = days ?? weekly[0]?.days ?? workWeek
  const shownBlock = block ?? formatBlockList(settings.deepWorkBlocks.slice(0, 1))
  const soon = checkInSoon(now, zone, soonMinutes)
  const soonDay = soon.date === localDateText(now, zone) ? 'today' : 'tomorrow'
  // Inside deep work the one-off waits for its end like any check-in: say so rather than promise five minutes.
  const typedBlocks = parseBlockList(shownBlock)
  const soonAt = nextCheckIn(
    {
      ...settings,
      checkIns: [soon],
      deepWorkBlocks: typedBlocks.ok ? typedBlocks.value : settings.deepWorkBlocks,
    },
    zone,
    attention.sessions,
    now,
  )
  const soonWaits =
    soonAt !== null && wallTimeText(soonAt, zone) !== soon.time ? wallTimeText(soonAt, zone) : null

  async function finish() {
    const parsedTimes = parseTimeList(shownTimes)
    const parsedBlocks = parseBlockList(shownBlock)
    // The channel already among the rules keeps its id, so what broke through under it keeps its name.
    const parsedChannels = parseChannelList(channel, settings.urgentRules)
    const found: Problems = {}
    if (!parsedTimes.ok) found.times = parsedTimes.errors.join(' ')
    if (shownDays.length === 0 && parsedTimes.ok && parsedTimes.value.length > 0)
      found.days = 'Pick at least one day.'
    if (!parsedBlocks.ok) found.block = parsedBlocks.errors.join(' ')
    if (!parsedChannels.ok) found.channel = parsedChannels.errors.join(' ')
    if (!parsedTimes.ok || !parsedBlocks.ok || !parsedChannels.ok || found.days) return setProblems(found)
    const result = await engine.saveSettings({
      ...settings,
      checkIns: [...parsedTimes.value.map((time) => ({ days: shownDays, time })), ...(isSoon ? [soon] : [])],
      deepWorkBlocks: parsedBlocks.value,
      urgentRules: [
        ...parsedChannels.value,
        ...settings.urgentRules.filter((rule) => rule.kind !== 'slack-channel'),
      ],
    })
    if (!result.ok) return setProblems({ other: result.errors.map((error) => error.message).join(' ') })
    await answerOpenAtLogin(host, install, isOpenAtLogin)
    await setMeta(db, firstRunKey, true)
    props.onDone()
  }

  return (
    <form
      className="first-run"
      aria-labelledby="first-run-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void finish()
      }}
    >
      <h2 id="first-run-title">Set up Lull in a minute</h2>
      <p className="first-run-lead" data-testid="first-run-promise">
        Lull holds every message that isn't urgent until your next check-in, in focus or not, and hands them
        over together. Only your urgent rules break through at once. Deep work moves a check-in to its end.
      </p>
      <p className="muted">The sample workspace is sending made-up messages so you can watch that happen.</p>
      <div className="first-run-fields">
        <Field label="Check in at" help="Times like 09:30, 13:00, 16:30." error={problems.times ?? null}>
          <input value={shownTimes} autoComplete="off" onChange={(event) => setTimes(event.target.value)} />
        </Field>
        <DayToggles
          name="these check-ins"
          days={shownDays}
          problem={problems.days ?? null}
          onChange={setDays}
        />
        <Checkbox
          label={
            soonWaits === null
              ? `Also check in once at ${soon.time} ${soonDay}, to see a first digest in ${soonMinutes} minutes`
              : `Also check in once at ${soon.time} ${soonDay}; in your deep work, it waits until ${soonWaits}`
          }
          help="Just this once: it does not repeat."
          checked={isSoon}
          onChange={setSoon}
        />
        <Field
          label="One deep-work block"
          help="Like Mon-Fri 09:00-11:30. More in the Focus view."
          error={problems.block ?? null}
        >
          <input value={shownBlock} autoComplete="off" onChange={(event) => setBlock(event.target.value)} />
        </Field>
        <Field
          label="Urgent channel"
          help="Messages there break through focus at once. More kinds of rules in Rules."
          error={problems.channel ?? null}
        >
          <input value={channel} autoComplete="off" onChange={(event) => setChannel(event.target.value)} />
        </Field>
        {asksOpenAtLogin ? (
          <Checkbox
            label="Open Lull when you sign in"
            help="It starts hidden in the tray, so nothing slips past your check-ins. Change it in Settings."
            checked={isOpenAtLogin}
            onChange={setOpenAtLogin}
          />
        ) : null}
      </div>
      {problems.other ? (
        <p role="alert" className="field-error">
          {problems.other}
        </p>
      ) : null}
      <div className="first-run-actions">
        <Button
          variant="quiet"
          onClick={() =>
            void answerOpenAtLogin(host, install, isOpenAtLogin)
              .then(() => setMeta(db, firstRunKey, true))
              .then(() => {
                props.onDone()
              })
          }
        >
          Skip, keep the defaults
        </Button>
        <button type="submit" className="primary">
          Start with these
        </button>
      </div>
    </form>
  )
}
