// Calendars on the accounts view: add one (an ICS address, a CalDAV
// account, or a local .ics file), pick which calendars count, read them
// now, and see what went wrong with each, in place.
import { useLiveQuery } from 'dexie-react-hooks'
import { RefreshCw } from 'lucide-react'
import { type FormEvent, useState } from 'react'
import type { CalendarConnect } from '../../../shared/contract'
import { useServices } from '../../app-context'
import { listCalendars } from '../../db/calendars'
import { Button } from '../../ui/Button'
import { Callout } from '../../ui/Callout'
import { Radio, Switch } from '../../ui/Choice'
import { Field } from '../../ui/Field'
import { Section } from '../../ui/Section'

type Kind = CalendarConnect['kind']

const kindWords: Record<Kind, string> = {
  'ics-url': 'Calendar address (ICS or webcal)',
  caldav: 'CalDAV account (iCloud, Fastmail, Nextcloud)',
  'ics-file': 'A .ics file on this computer',
}

export function CalendarAccounts({ now }: { now: number }) {
  const { db, engine } = useServices()
  const calendars = useLiveQuery(() => listCalendars(db), [db])
  const [kind, setKind] = useState<Kind>('ics-url')
  const [address, setAddress] = useState('')
  const [user, setUser] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  function request(): CalendarConnect {
    if (kind === 'ics-file') return { kind, path: address.trim() }
    if (kind === 'caldav') return { kind, serverUrl: address.trim(), user: user.trim(), password }
    return { kind, url: address.trim() }
  }

  async function add(event: FormEvent) {
    event.preventDefault()
    if (!address.trim()) {
      setError(kind === 'ics-file' ? 'Type the path of the .ics file.' : 'Paste the calendar’s address.')
      return
    }
    setIsBusy(true)
    setError(null)
    try {
      await engine.connectCalendar(request())
      setAddress('')
      setPassword('')
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
    } finally {
      setIsBusy(false)
    }
  }

  const byAccount = new Map<string, NonNullable<typeof calendars>>()
  for (const row of calendars ?? [])
    byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row])

  return (
    <Section
      title="Calendars"
      description="Read only. Meetings hold check-ins until they end, focus events shield like deep work, and out of office holds everything but rules marked even on leave."
      actions={
        (calendars?.length ?? 0) > 0 ? (
          <Button icon={RefreshCw} onClick={() => void engine.readCalendarsNow()}>
            Read calendars now
          </Button>
        ) : null
      }
    >
      <ul className="calendar-list" aria-label="Calendars">
        {[...byAccount.entries()].map(([accountId, rows]) => (
          <li key={accountId} className="calendar-account">
            <div className="calendar-account-header">
              <strong>{rows[0]?.accountLabel}</strong>
              <span className="meta">{rows[0] ? kindWords[rows[0].kind] : ''}</span>
              <Button size="sm" variant="quiet" onClick={() => void engine.removeCalendarAccount(accountId)}>
                Remove
              </Button>
            </div>
            {rows.map((row) => (
              <div key={row.id} className="calendar-row">
                <Switch
                  label={`${row.name} counts`}
                  help={
                    row.lastReadAt === null
                      ? 'Not read yet.'
                      : `Read ${Math.max(0, Math.round((now - row.lastReadAt) / 60_000))} min ago.`
                  }
                  checked={row.isCounted}
                  onChange={(isCounted) => void engine.setCalendarCounted(row.id, isCounted)}
                />
                {row.problem ? (
                  <Callout tone="warning">
                    <p>{row.problem}</p>
                  </Callout>
                ) : null}
                {row.notes.length > 0 ? (
                  <p className="meta">
                    {row.notes.length === 1 ? '1 event was' : `${row.notes.length} events were`} left out:{' '}
                    {row.notes[0]}
                  </p>
                ) : null}
              </div>
            ))}
          </li>
        ))}
      </ul>
      <form className="calendar-form" onSubmit={(event) => void add(event)} aria-label="Add a calendar">
        <fieldset>
          <legend>Add a calendar</legend>
          {(Object.keys(kindWords) as Kind[]).map((option) => (
            <Radio
              key={option}
              name="calendar-kind"
              label={kindWords[option]}
              checked={kind === option}
              onChange={() => setKind(option)}
            />
          ))}
        </fieldset>
        <Field
          label={
            kind === 'ics-file' ? 'File path' : kind === 'caldav' ? 'Server address' : 'Calendar address'
          }
          help={
            kind === 'ics-url'
              ? 'Google: Settings › your calendar › Secret address in iCal format. Outlook: Settings › Calendar › Shared calendars › Publish. The address stays on this computer, in Lull’s vault.'
              : kind === 'caldav'
                ? 'For example https://caldav.fastmail.com or https://caldav.icloud.com; use an app-specific password.'
                : 'Lull reads the file again whenever it changes.'
          }
          error={error}
        >
          <input
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        {kind === 'caldav' ? (
          <>
            <Field label="User name">
              <input value={user} onChange={(event) => setUser(event.target.value)} autoComplete="username" />
            </Field>
            <Field label="Password">
              <input
                type="password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                autoComplete="current-password"
              />
            </Field>
          </>
        ) : null}
        <Button type="submit" variant="primary" disabled={isBusy}>
          {isBusy ? 'Adding…' : 'Add calendar'}
        </Button>
      </form>
    </Section>
  )
}
