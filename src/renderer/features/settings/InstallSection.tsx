// Settings for the installed app: open at sign-in, and updates (the switch,
// the channel, the last check, what is happening now, and a restart when a
// downloaded update waits). Main keeps both; this shows its state and sends
// the person's choices. In browser mode and a development run the section
// says they come with the installed app.
import { useEffect, useState } from 'react'
import type { InstallState } from '../../../shared/contract'
import { useServices } from '../../app-context'
import type { HostClient } from '../../host/client'
import { Button } from '../../ui/Button'
import { Callout } from '../../ui/Callout'
import { Switch } from '../../ui/Choice'
import { Section } from '../../ui/Section'

/** Main's install state, kept current by its 'install:changed' event; null until the first answer. */
export function useInstallState(): InstallState | null {
  const { host } = useServices()
  const [state, setState] = useState<InstallState | null>(null)
  useEffect(() => {
    let isLive = true
    const stop = host.on('install:changed', (next) => setState(next))
    host
      .call('install:state', {})
      .then((answer) => {
        if (isLive) setState(answer)
      })
      .catch(() => {})
    return () => {
      isLive = false
      stop()
    }
  }, [host])
  return state
}

/** The first run's answer: only the installed app, and only while nobody has answered yet. */
export async function answerOpenAtLogin(host: HostClient, state: InstallState | null, isOn: boolean) {
  if (!state?.isInstalled || state.openAtLogin.state !== 'unasked') return
  await host.call('install:open-at-login-set', { isOn }).catch(() => {})
}

const statusText: Record<InstallState['update']['status'], string> = {
  idle: 'No check yet.',
  checking: 'Checking…',
  'up-to-date': 'Lull is up to date.',
  downloading: 'Downloading in the background.',
  ready: 'Downloaded and checked: it installs when Lull restarts.',
  installing: 'Restarting to install…',
  failed: 'The last check failed.',
  refused: 'The update was refused.',
}

const channelText = (channel: string) => (channel === 'latest' ? 'Stable (latest)' : channel)

function when(at: number | null): string {
  if (at === null) return 'never'
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at)
}

export function InstallSection() {
  const { host } = useServices()
  const state = useInstallState()
  const [problem, setProblem] = useState<string | null>(null)

  async function send(action: () => Promise<InstallState>) {
    setProblem(null)
    try {
      await action()
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }

  if (state === null) return null
  if (!state.isInstalled) {
    return (
      <Section title="Open at sign-in and updates">
        <Callout tone="info" role="note">
          {state.unavailableReason ?? 'These come with the installed app.'} Download Lull from its Releases
          page to have both.
        </Callout>
      </Section>
    )
  }
  const { openAtLogin, update } = state
  const version = update.version ? ` ${update.version}` : ''
  return (
    <Section title="Open at sign-in and updates" description="These act at once.">
      <Switch
        label="Open Lull when you sign in"
        help={`It starts hidden in the tray, holding messages for your check-ins. Lull keeps it as ${openAtLogin.how ?? 'a login item'}.`}
        checked={openAtLogin.state === 'on'}
        onChange={(isOn) => void send(() => host.call('install:open-at-login-set', { isOn }))}
      />
      {openAtLogin.problem ? (
        <Callout tone="warning" role="alert">
          {openAtLogin.problem}
        </Callout>
      ) : null}
      <Switch
        label="Check for updates"
        help="Once a day, from Lull's GitHub Releases. Updates download in the background and never restart Lull during deep work."
        checked={update.isEnabled}
        disabled={!update.hasFeed}
        onChange={(isEnabled) => void send(() => host.call('update:enabled-set', { isEnabled }))}
      />
      <dl className="settings-facts" data-testid="update-facts">
        <dt>Version</dt>
        <dd>{update.currentVersion}</dd>
        <dt>Channel</dt>
        <dd>{channelText(update.channel)}</dd>
        <dt>Last check</dt>
        <dd>{when(update.lastCheckAt)}</dd>
        <dt>Now</dt>
        <dd role="status">
          {update.hasFeed
            ? `${statusText[update.status]}${version && update.status !== 'up-to-date' ? ` (${update.version})` : ''}`
            : 'This build was made without a release feed, so it does not update itself.'}
        </dd>
      </dl>
      {update.message ? (
        <Callout
          tone={update.status === 'refused' || update.status === 'failed' ? 'warning' : 'info'}
          role={update.status === 'refused' || update.status === 'failed' ? 'alert' : 'status'}
        >
          {update.message}
        </Callout>
      ) : null}
      {problem ? (
        <p role="alert" className="field-error">
          {problem}
        </p>
      ) : null}
      <div className="settings-actions">
        {update.status === 'ready' ? (
          <Button variant="primary" onClick={() => void send(() => host.call('update:restart', {}))}>
            Restart to update{version}
          </Button>
        ) : null}
        <Button
          disabled={
            !update.hasFeed ||
            !update.isEnabled ||
            update.status === 'checking' ||
            update.status === 'downloading'
          }
          onClick={() => void send(() => host.call('update:check', {}))}
        >
          Check now
        </Button>
      </div>
    </Section>
  )
}
