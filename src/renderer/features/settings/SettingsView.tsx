// Settings: check-in times, deep-work blocks, urgent channels, time zone.
// The whole form is validated at once and saved whole, or not at all.
import { useState } from 'react'
import { type Settings, type Weekday, weekdays } from '../../../shared/model'
import {
  formatBlockList,
  formatChannelList,
  formatTimeList,
  parseBlockList,
  parseChannelList,
  parseTimeList,
} from '../../../shared/policy'
import { useServices } from '../../app-context'
import { useAttention } from '../../hooks/use-attention'

type Draft = {
  zone: string
  days: Weekday[]
  times: string
  blocks: string
  channels: string
  cooldown: string
  shortcut: string
}

function toDraft(settings: Settings): Draft {
  return {
    zone: settings.timeZone ?? '',
    days: settings.checkIns[0]?.days ?? ['mon', 'tue', 'wed', 'thu', 'fri'],
    times: formatTimeList(settings.checkIns.map((window) => window.time)),
    blocks: formatBlockList(settings.deepWorkBlocks),
    channels: formatChannelList(settings.urgentRules),
    cooldown: String(settings.breakthroughCooldownMinutes),
    shortcut: settings.focusShortcut,
  }
}

export function SettingsView() {
  const attention = useAttention()
  if (!attention) return <p className="loading">Loading…</p>
  return <SettingsForm settings={attention.settings} />
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { engine, mode } = useServices()
  const [draft, setDraft] = useState(() => toDraft(settings))
  const [errors, setErrors] = useState<string[]>([])
  const [notes, setNotes] = useState<string[]>([])
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }))

  async function save() {
    const times = parseTimeList(draft.times)
    const blocks = parseBlockList(draft.blocks)
    const channels = parseChannelList(draft.channels)
    const problems = [times, blocks, channels].flatMap((parsed) => (parsed.ok ? [] : parsed.errors))
    const cooldown = draft.cooldown.trim()
    if (!/^\d{1,3}$/.test(cooldown)) {
      problems.push(`'${cooldown}' isn't a number of minutes. Use a whole number from 0 (no limit) to 120.`)
    }
    if (problems.length > 0 || !times.ok || !blocks.ok || !channels.ok) {
      setErrors(problems.map(String))
      setNotes([])
      return
    }
    const otherRules = settings.urgentRules.filter((rule) => rule.kind !== 'slack-channel')
    const result = await engine.saveSettings({
      ...settings,
      timeZone: draft.zone.trim() === '' ? null : draft.zone.trim(),
      checkIns: times.value.map((time) => ({ days: draft.days, time })),
      deepWorkBlocks: blocks.value,
      urgentRules: [...channels.value, ...otherRules],
      breakthroughCooldownMinutes: Number(cooldown),
      focusShortcut: draft.shortcut.trim(),
    })
    if (result.ok) {
      setErrors([])
      setNotes(['Saved.', ...result.notes])
      setDraft(toDraft(result.settings))
    } else {
      setErrors(result.errors.map((error) => `${error.path}: ${error.message}`))
      setNotes([])
    }
  }

  return (
    <form
      className="settings"
      aria-label="Settings"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <label>
        Check-in times{' '}
        <span className="muted">(e.g. 09:30, 13:00, 16:30; empty: only “Check in now” delivers)</span>
        <input value={draft.times} onChange={(event) => update({ times: event.target.value })} />
      </label>
      <fieldset>
        <legend>Check-in days</legend>
        {weekdays.map((day) => (
          <label key={day} className="day">
            <input
              type="checkbox"
              checked={draft.days.includes(day)}
              onChange={(event) =>
                update({
                  days: event.target.checked ? [...draft.days, day] : draft.days.filter((d) => d !== day),
                })
              }
            />
            {day}
          </label>
        ))}
      </fieldset>
      <label>
        Deep-work blocks{' '}
        <span className="muted">(one a line, e.g. Mon-Fri 09:00-11:30; 22:00-01:00 crosses midnight)</span>
        <textarea
          rows={3}
          value={draft.blocks}
          onChange={(event) => update({ blocks: event.target.value })}
        />
      </label>
      <label>
        Urgent Slack channels <span className="muted">(these break through at once, even in deep work)</span>
        <input value={draft.channels} onChange={(event) => update({ channels: event.target.value })} />
      </label>
      <label>
        One notification per thread at most every (minutes; 0 for no limit)
        <input
          inputMode="numeric"
          value={draft.cooldown}
          onChange={(event) => update({ cooldown: event.target.value })}
        />
      </label>
      <label>
        Time zone <span className="muted">(IANA name such as Europe/London; empty follows the system)</span>
        <input value={draft.zone} onChange={(event) => update({ zone: event.target.value })} />
      </label>
      <label>
        Focus shortcut {mode === 'browser' ? <span className="muted">(only in the desktop app)</span> : null}
        <input value={draft.shortcut} onChange={(event) => update({ shortcut: event.target.value })} />
      </label>
      {errors.length > 0 ? (
        <ul className="errors" role="alert">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
      {notes.length > 0 ? (
        <ul className="notes" role="status">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <button type="submit" className="primary">
        Save settings
      </button>
    </form>
  )
}
