// Settings in sections: the schedule (check-in times each with their own
// days, deep-work blocks, time zone), notifications (urgent channels, the
// breakthrough limit), keys, data (syncing, the sample workspace), and
// the installed app's open at sign-in and updates.
// The form is validated at once and saved whole, or not at all; each
// problem is said under the field it is about.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import type { Settings } from '../../../shared/model'
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
}

type Problems = {
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
  }
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
  return 'other'
}

function SettingsForm({ settings, today }: { settings: Settings; today: string }) {
  const { engine, mode } = useServices()
  const [draft, setDraft] = useState(() => toDraft(settings, today))
  const [problems, setProblems] = useState<Problems>({})
  const [notes, setNotes] = useState<string[]>([])
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }))

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
    if (!checkIns.ok || !blocks.ok || !channels.ok || found.cooldown) {
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
