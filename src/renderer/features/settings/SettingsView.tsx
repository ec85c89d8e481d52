// Settings in sections: the schedule (check-in times each with their own
// days, deep-work blocks, time zone), notifications (urgent channels, the
// breakthrough limit), what the calendar changes (each a switch, and the
// words that name focus and absence), keys, data (syncing, the sample
// workspace), and the installed app's open at sign-in and updates.
// The form is validated at once and saved whole, or not at all; each
// problem is said under the field it is about.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import type { CalendarSettings, Settings } from '../../../shared/model'
import {
  type CheckInRow,
  type CheckInRowProblems,
  checkInsFromRows,
  formatBlockList,
  formatChannelList,
  localDateText,
  parseBlockList,
  parseChannelList,
  rowsFromCheckIns,
} from '../../../shared/policy'
import { useServices } from '../../app-context'
import { useAttention } from '../../hooks/use-attention'
import { Switch } from '../../ui/Choice'
import { Field } from '../../ui/Field'
import { PageHeader } from '../../ui/PageHeader'
import { Section } from '../../ui/Section'
import { CheckInTimes } from './CheckInTimes'
import { InstallSection } from './InstallSection'

type Draft = {
  zone: string
  checkIns: CheckInRow[]
  blocks: string
  channels: string
  cooldown: string
  shortcut: string
  calendar: Omit<CalendarSettings, 'focusWords' | 'awayWords' | 'checkInBeforeFirstMeetingMinutes'> & {
    focusWords: string
    awayWords: string
    beforeFirstMeeting: string
  }
}

type Problems = {
  focusWords?: string
  awayWords?: string
  beforeFirstMeeting?: string
  checkIns?: CheckInRowProblems[]
  checkInsNote?: string
  blocks?: string
  channels?: string
  cooldown?: string
  zone?: string
  shortcut?: string
  other?: string[]
}

function toDraft(settings: Settings, today: string): Draft {
  return {
    zone: settings.timeZone ?? '',
    checkIns: rowsFromCheckIns(settings.checkIns, today),
    blocks: formatBlockList(settings.deepWorkBlocks),
    channels: formatChannelList(settings.urgentRules),
    cooldown: String(settings.breakthroughCooldownMinutes),
    shortcut: settings.focusShortcut,
    calendar: {
      focusFromEvents: settings.calendar.focusFromEvents,
      waitForMeetings: settings.calendar.waitForMeetings,
      holdWhileAway: settings.calendar.holdWhileAway,
      focusWords: settings.calendar.focusWords.join(', '),
      awayWords: settings.calendar.awayWords.join(', '),
      beforeFirstMeeting:
        settings.calendar.checkInBeforeFirstMeetingMinutes === null
          ? ''
          : String(settings.calendar.checkInBeforeFirstMeetingMinutes),
    },
  }
}

/** "Focus, Deep work" → the words, or what is wrong with them. */
function parseWords(
  text: string,
  what: string,
): { ok: true; value: string[] } | { ok: false; error: string } {
  const words = [...new Set(text.split(',').map((word) => word.trim()))].filter((word) => word !== '')
  const long = words.find((word) => word.length > 64)
  if (long)
    return {
      ok: false,
      error: `“${long.slice(0, 20)}…” is longer than 64 characters. Use a shorter ${what}.`,
    }
  if (words.length > 32) return { ok: false, error: `${words.length} ${what}s; keep it to 32 at most.` }
  return { ok: true, value: words }
}

export function SettingsView() {
  const attention = useAttention()
  return (
    <>
      <PageHeader
        title="Settings"
        description="When Lull hands things over, what may interrupt, and your keys."
      />
      {attention ? (
        <SettingsForm settings={attention.settings} today={localDateText(attention.now, attention.zone)} />
      ) : (
        <p className="loading">Loading…</p>
      )}
    </>
  )
}

/** Which field a problem from the settings' own validation belongs to, by its path. */
function placeOf(path: string): keyof Problems {
  if (path.startsWith('checkIns')) return 'checkInsNote'
  if (path.startsWith('deepWorkBlocks')) return 'blocks'
  if (path.startsWith('urgentRules')) return 'channels'
  if (path.startsWith('breakthroughCooldownMinutes')) return 'cooldown'
  if (path.startsWith('timeZone')) return 'zone'
  if (path.startsWith('focusShortcut')) return 'shortcut'
  if (path.startsWith('calendar.focusWords')) return 'focusWords'
  if (path.startsWith('calendar.awayWords')) return 'awayWords'
  if (path.startsWith('calendar.checkInBeforeFirstMeeting')) return 'beforeFirstMeeting'
  return 'other'
}

function SettingsForm({ settings, today }: { settings: Settings; today: string }) {
  const { engine, mode } = useServices()
  const [draft, setDraft] = useState(() => toDraft(settings, today))
  const [problems, setProblems] = useState<Problems>({})
  const [notes, setNotes] = useState<string[]>([])
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }))
  const updateCalendar = (patch: Partial<Draft['calendar']>) =>
    setDraft((current) => ({ ...current, calendar: { ...current.calendar, ...patch } }))

  async function save() {
    const checkIns = checkInsFromRows(draft.checkIns)
    const blocks = parseBlockList(draft.blocks)
    const channels = parseChannelList(draft.channels, settings.urgentRules)
    const cooldown = draft.cooldown.trim()
    const found: Problems = {}
    if (!checkIns.ok) found.checkIns = checkIns.problems
    if (!blocks.ok) found.blocks = blocks.errors.join(' ')
    if (!channels.ok) found.channels = channels.errors.join(' ')
    if (!/^\d{1,3}$/.test(cooldown))
      found.cooldown = `'${cooldown}' isn't a number of minutes. Use a whole number from 0 (no limit) to 120.`
    const focusWords = parseWords(draft.calendar.focusWords, 'focus word')
    const awayWords = parseWords(draft.calendar.awayWords, 'away word')
    const before = draft.calendar.beforeFirstMeeting.trim()
    if (!focusWords.ok) found.focusWords = focusWords.error
    if (!awayWords.ok) found.awayWords = awayWords.error
    if (before !== '' && !/^\d{1,3}$/.test(before))
      found.beforeFirstMeeting = `'${before}' isn't a number of minutes. Use a whole number from 0 to 240, or leave it empty for none.`
    if (
      !checkIns.ok ||
      !blocks.ok ||
      !channels.ok ||
      found.cooldown ||
      !focusWords.ok ||
      !awayWords.ok ||
      found.beforeFirstMeeting
    ) {
      setProblems(found)
      setNotes([])
      return
    }
    const otherRules = settings.urgentRules.filter((rule) => rule.kind !== 'slack-channel')
    const result = await engine.saveSettings({
      ...settings,
      timeZone: draft.zone.trim() === '' ? null : draft.zone.trim(),
      checkIns: checkIns.value,
      deepWorkBlocks: blocks.value,
      urgentRules: [...channels.value, ...otherRules],
      breakthroughCooldownMinutes: Number(cooldown),
      focusShortcut: draft.shortcut.trim(),
      calendar: {
        focusFromEvents: draft.calendar.focusFromEvents,
        focusWords: focusWords.value,
        waitForMeetings: draft.calendar.waitForMeetings,
        holdWhileAway: draft.calendar.holdWhileAway,
        awayWords: awayWords.value,
        checkInBeforeFirstMeetingMinutes: before === '' ? null : Number(before),
      },
    })
    if (result.ok) {
      setProblems({})
      setNotes(['Saved.', ...result.notes])
      setDraft(toDraft(result.settings, today))
      return
    }
    const placed: Problems = {}
    for (const error of result.errors) {
      const place = placeOf(error.path)
      if (place === 'other') placed.other = [...(placed.other ?? []), error.message]
      else if (place !== 'checkIns') placed[place] = [placed[place], error.message].filter(Boolean).join(' ')
    }
    setProblems(placed)
    setNotes([])
  }

  return (
    <form
      className="settings-form"
      aria-label="Settings"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <Section
        title="Schedule"
        description="Everything but urgent rules waits for a check-in, in focus or not. Deep work moves a check-in to its end."
      >
        <fieldset className="settings-group">
          <legend>Check-in times</legend>
          <p className="field-help">
            Each time has its own days. A check-in inside deep work waits for its end.
          </p>
          <CheckInTimes
            rows={draft.checkIns}
            {...(problems.checkIns ? { problems: problems.checkIns } : {})}
            onChange={(checkIns) => update({ checkIns })}
          />
          {problems.checkInsNote ? (
            <p className="field-error" role="alert">
              {problems.checkInsNote}
            </p>
          ) : null}
        </fieldset>
        <Field
          label="Deep-work blocks"
          help="One a line, like Mon-Fri 09:00-11:30. 22:00-01:00 crosses midnight. The Focus view draws them on the week."
          error={problems.blocks ?? null}
        >
          <textarea
            rows={3}
            value={draft.blocks}
            onChange={(event) => update({ blocks: event.target.value })}
          />
        </Field>
        <Field
          label="Time zone"
          help="An IANA name such as Europe/London. Empty follows the system."
          error={problems.zone ?? null}
          isOptional
        >
          <input
            value={draft.zone}
            autoComplete="off"
            onChange={(event) => update({ zone: event.target.value })}
          />
        </Field>
      </Section>
      <Section title="Notifications" description="What may interrupt you at once, and how often.">
        <Field
          label="Urgent Slack channels"
          help="Messages there break through at once, even in deep work. Other kinds of rules are in Rules."
          error={problems.channels ?? null}
        >
          <input
            value={draft.channels}
            placeholder="#incidents"
            autoComplete="off"
            onChange={(event) => update({ channels: event.target.value })}
          />
        </Field>
        <Field
          label="Minutes between notifications for one thread"
          help="A busy thread notifies at most once in this many minutes. 0 for no limit."
          error={problems.cooldown ?? null}
        >
          <input
            inputMode="numeric"
            value={draft.cooldown}
            onChange={(event) => update({ cooldown: event.target.value })}
          />
        </Field>
      </Section>
      <Section
        title="Calendar"
        description="What the calendars you count (in Accounts) change. Each is a switch; Now, the Focus week and the previews follow them."
      >
        <Switch
          label="Deep work from focus events"
          help="Events whose title or category has one of the focus words shield you like a deep-work block."
          checked={draft.calendar.focusFromEvents}
          onChange={(isOn) => updateCalendar({ focusFromEvents: isOn })}
        />
        <Field
          label="Focus words"
          help="Separated by commas; matched in titles and categories, ignoring case."
          error={problems.focusWords ?? null}
        >
          <input
            value={draft.calendar.focusWords}
            autoComplete="off"
            onChange={(event) => updateCalendar({ focusWords: event.target.value })}
          />
        </Field>
        <Switch
          label="No check-in inside a meeting"
          help="A check-in that falls in a busy event moves to its end; back-to-back meetings move it to the last one's end."
          checked={draft.calendar.waitForMeetings}
          onChange={(isOn) => updateCalendar({ waitForMeetings: isOn })}
        />
        <Switch
          label="Hold everything while I am away"
          help="During an out-of-office event only rules marked “even on leave” break through; the first check-in after it welcomes you back."
          checked={draft.calendar.holdWhileAway}
          onChange={(isOn) => updateCalendar({ holdWhileAway: isOn })}
        />
        <Field
          label="Away words"
          help="Separated by commas: all-day or busy events with one of these in the title count as away."
          error={problems.awayWords ?? null}
        >
          <input
            value={draft.calendar.awayWords}
            autoComplete="off"
            onChange={(event) => updateCalendar({ awayWords: event.target.value })}
          />
        </Field>
        <Field
          label="Check in before my first meeting (minutes before)"
          help="A check-in this many minutes before each day's first meeting. Empty for none."
          error={problems.beforeFirstMeeting ?? null}
          isOptional
        >
          <input
            inputMode="numeric"
            value={draft.calendar.beforeFirstMeeting}
            onChange={(event) => updateCalendar({ beforeFirstMeeting: event.target.value })}
          />
        </Field>
      </Section>
      <Section title="Keys">
        <Field
          label="Focus shortcut"
          help={
            mode === 'browser'
              ? 'Starts or ends focus from anywhere; only in the desktop app.'
              : 'Starts or ends focus from anywhere, like CommandOrControl+Shift+L.'
          }
          error={problems.shortcut ?? null}
        >
          <input
            value={draft.shortcut}
            autoComplete="off"
            onChange={(event) => update({ shortcut: event.target.value })}
          />
        </Field>
      </Section>
      <DataSection isSyncPaused={settings.syncPaused} />
      <InstallSection />
      {problems.other?.length ? (
        <ul className="settings-problems" role="alert">
          {problems.other.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <div className="settings-save">
        {notes.length > 0 ? (
          <ul className="settings-notes" role="status">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
        <button type="submit" className="primary">
          Save settings
        </button>
      </div>
    </form>
  )
}

/** Switches that act at once, apart from the form's save. */
function DataSection({ isSyncPaused }: { isSyncPaused: boolean }) {
  const { db, engine } = useServices()
  const sample = useLiveQuery(() => db.accounts.get('sample'), [db])
  return (
    <Section title="Data" description="These act at once.">
      <Switch
        label="Pause syncing"
        help="Lull stops pulling from every account until you turn this off. Nothing held is lost."
        checked={isSyncPaused}
        onChange={() => void engine.toggleSyncPaused()}
      />
      <Switch
        label="Sample workspace"
        help="Made-up messages that show how Lull holds and hands over. Turning it off removes them."
        checked={sample !== undefined}
        onChange={(isOn) => void engine.setSampleEnabled(isOn)}
      />
    </Section>
  )
}
