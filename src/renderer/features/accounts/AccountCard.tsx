// One account, calm and scannable: who it is and when it last synced, what
// needs the person (a refused sign-in with Reconnect, write-backs that
// failed), each followed stream with its state (live by push, polled, slow
// or failing, with the reason written for a person), what the pace costs,
// and, folded away, what to follow and the account's settings: focus
// status, what "open" and "done" write back, rename, remove (asked first).
import { LogIn, Pause, Play, RefreshCw, RotateCw, Settings2 } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { type Account, defaultDoneWriteBack, type UrgentRule } from '../../../shared/model'
import { useServices } from '../../app-context'
import { retryWrite } from '../../db/outbox'
import type { CursorRow, OutboxRow } from '../../db/schema'
import type { StreamHealth } from '../../db/sync-health'
import { isNamedByUrgentRule } from '../../engine/polling'
import { Button } from '../../ui/Button'
import { Callout } from '../../ui/Callout'
import { Switch } from '../../ui/Choice'
import { Field } from '../../ui/Field'
import { formatWhen } from '../../ui/format'
import { Field as Text } from '../../ui/MessageText'
import { AccountMark, kindLabel } from './AccountMark'
import { PaceLine } from './PaceLine'
import { StreamPicker } from './StreamPicker'

type StreamState = { label: string; tone: 'success' | 'neutral' | 'warning' | 'urgent' }

function streamState(health: StreamHealth | undefined, isPaused: boolean): StreamState {
  if (isPaused) return { label: 'Paused', tone: 'neutral' }
  if (!health) return { label: 'Waiting for the first sync', tone: 'neutral' }
  if (health.needsSignIn) return { label: 'Signed out', tone: 'urgent' }
  if (health.state === 'slow') return { label: 'Not answering', tone: 'warning' }
  if (health.state === 'failing') return { label: 'Failing', tone: 'urgent' }
  return health.isWatched ? { label: 'Live', tone: 'success' } : { label: 'Polled', tone: 'neutral' }
}

export function AccountCard(props: {
  account: Account
  health: StreamHealth[]
  requests: number
  rateLimited: number
  failedWrites: OutboxRow[]
  cursors: CursorRow[]
  rules: UrgentRule[]
  zone: string
  now: number
  /** Opens the connect form to sign this account in again, keeping its id, streams and items. */
  onReconnect: () => void
}) {
  const { account, health, zone, now } = props
  const followed = account.streams.filter(
    (stream) => stream.isPicked !== false || isNamedByUrgentRule(stream, props.rules),
  )
  const { db, engine } = useServices()
  const isPaused = account.isPaused === true
  const isSample = account.kind === 'sample'
  const lastOk = Math.max(0, ...health.map((entry) => entry.lastOkAt ?? 0))
  const problem = health.find((entry) => entry.problem)?.problem ?? null
  const needsSignIn = health.some((entry) => entry.needsSignIn)
  const requests = `${props.requests} ${isSample ? 'sample ' : ''}request${props.requests === 1 ? '' : 's'} in the last hour${props.rateLimited > 0 ? ` (${props.rateLimited} rate-limited)` : ''}`
  return (
    <article className="card account" data-account-id={account.id} aria-label={account.label}>
      <header className="account-head">
        <AccountMark account={account} />
        <div className="account-who">
          <h2>
            <Text text={account.label} />
            {account.label === kindLabel[account.kind] ? null : (
              <span className="chip">{kindLabel[account.kind]}</span>
            )}
            {isPaused ? <span className="chip chip-warning">Paused</span> : null}
          </h2>
          <p className="meta">
            <Text text={account.identity} /> · last synced{' '}
            {lastOk > 0 ? formatWhen(lastOk, zone, now) : 'not yet'} · {requests}
          </p>
        </div>
        <div className="account-head-actions">
          <Button
            variant="quiet"
            size="sm"
            icon={RefreshCw}
            onClick={() => void engine.syncNow(account.id)}
            disabled={isPaused}
          >
            Sync now
          </Button>
          <Button
            variant="quiet"
            size="sm"
            icon={isPaused ? Play : Pause}
            onClick={() => void engine.updateAccount(account.id, { isPaused: !isPaused })}
          >
            {isPaused ? 'Resume' : 'Pause'}
          </Button>
        </div>
      </header>

      {problem ? (
        <Callout
          tone={needsSignIn ? 'error' : 'warning'}
          role="status"
          className="account-problem"
          actions={
            needsSignIn ? (
              <Button variant="primary" size="sm" icon={LogIn} onClick={props.onReconnect}>
                Reconnect
              </Button>
            ) : null
          }
        >
          <p>{problem}</p>
        </Callout>
      ) : null}

      {props.failedWrites.length > 0 ? (
        <Callout
          tone="error"
          role="status"
          className="failed-writes"
          actions={
            <Button
              size="sm"
              icon={RotateCw}
              onClick={() => {
                for (const row of props.failedWrites) void retryWrite(db, row.id, Date.now())
                void engine.wake()
              }}
            >
              Try again
            </Button>
          }
        >
          <p>
            {props.failedWrites.length} change{props.failedWrites.length === 1 ? '' : 's'} could not be
            written back: {props.failedWrites[0]?.error}
          </p>
        </Callout>
      ) : null}

      <table className="table streams">
        <thead>
          <tr>
            <th scope="col">Stream</th>
            <th scope="col">State</th>
            <th scope="col">Last synced</th>
          </tr>
        </thead>
        <tbody>
          {followed.map((stream) => {
            const entry = health.find((candidate) => candidate.stream === stream.id)
            const state = streamState(entry, isPaused)
            return (
              <tr
                key={stream.id}
                data-stream={stream.id}
                data-state={isPaused ? 'paused' : (entry?.state ?? 'ok')}
              >
                <td>
                  <Text text={stream.name} />
                </td>
                <td>
                  <span className={`chip chip-dot chip-${state.tone}`}>{state.label}</span>
                  {/* The account's problem is said once, above the table; a stream's own is said here. */}
                  {entry?.problem && entry.problem !== problem ? (
                    <span className="stream-problem"> {entry.problem}</span>
                  ) : null}
                  {entry?.state === 'slow' && entry.pullingSince ? (
                    <span className="stream-problem">
                      {' '}
                      Asked at {formatWhen(entry.pullingSince, zone, now)}, no answer yet; other streams and
                      check-ins go on.
                    </span>
                  ) : null}
                  {entry?.watchNote ? <span className="stream-problem"> {entry.watchNote}.</span> : null}
                </td>
                <td className="streams-when">
                  {entry?.lastOkAt ? formatWhen(entry.lastOkAt, zone, now) : '—'}
                  {entry?.unchangedSince &&
                  entry.lastOkAt &&
                  entry.lastOkAt - entry.unchangedSince > 3_600_000 ? (
                    <span className="meta">
                      {' '}
                      · nothing new since {formatWhen(entry.unchangedSince, zone, now)}
                    </span>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <PaceLine
        account={account}
        followed={followed}
        health={health}
        cursors={props.cursors}
        rules={props.rules}
      />

      <div className="account-folds">
        {isSample ? null : <StreamPicker account={account} rules={props.rules} />}
        <AccountSettings account={account} />
      </div>
    </article>
  )
}

/** The account's settings, folded away: they are set once and rarely looked at again. */
function AccountSettings({ account }: { account: Account }) {
  const { engine } = useServices()
  const [label, setLabel] = useState(account.label)
  const [isConfirming, setConfirming] = useState(false)
  const keep = useRef<HTMLButtonElement>(null)
  // The question takes the focus, so a keyboard user answers it next.
  useEffect(() => {
    if (isConfirming) keep.current?.focus()
  }, [isConfirming])
  const isSample = account.kind === 'sample'
  return (
    <details className="account-settings">
      <summary>
        <Settings2 aria-hidden="true" className="icon icon-sm" strokeWidth={1.75} />
        Settings for this account
      </summary>
      <div className="account-settings-body">
        <Switch
          label="Set my status and Do Not Disturb while I focus"
          checked={account.isFocusStatusOn === true}
          onChange={(checked) => void engine.updateAccount(account.id, { isFocusStatusOn: checked })}
        />
        <Switch
          label="Mark items read there when I open them here"
          checked={account.isReadWriteBackOn === true}
          onChange={(checked) => void engine.updateAccount(account.id, { isReadWriteBackOn: checked })}
        />
        {account.kind === 'github' || account.kind === 'email' ? (
          <Field label="When I mark an item done">
            <select
              value={account.doneWriteBack ?? defaultDoneWriteBack(account.kind)}
              onChange={(event) =>
                void engine.updateAccount(account.id, {
                  doneWriteBack: event.target.value as 'done' | 'read' | 'off',
                })
              }
            >
              <option value="done">
                {account.kind === 'github' ? 'Mark it done on GitHub' : 'Move it to the Archive mailbox'}
              </option>
              <option value="read">
                {account.kind === 'github' ? 'Mark it read on GitHub' : 'Mark it seen on the server'}
              </option>
              <option value="off">Leave it as it is there</option>
            </select>
          </Field>
        ) : null}
        <form
          className="account-rename"
          aria-label={`Rename ${account.label}`}
          onSubmit={(event) => {
            event.preventDefault()
            const trimmed = label.trim()
            if (trimmed && trimmed !== account.label)
              void engine.updateAccount(account.id, { label: trimmed })
          }}
        >
          <Field label="Name in Lull">
            <input value={label} maxLength={256} onChange={(event) => setLabel(event.target.value)} />
          </Field>
          <Button type="submit">Rename</Button>
        </form>
        <div className="account-remove">
          {isConfirming ? (
            <div className="confirm-remove" role="alertdialog" aria-label="Remove account">
              <p>Remove {account.label} and every item from it, held and delivered? This cannot be undone.</p>
              <div className="confirm-remove-actions">
                <Button ref={keep} onClick={() => setConfirming(false)}>
                  Keep it
                </Button>
                <Button
                  variant="danger"
                  onClick={() =>
                    void (isSample ? engine.setSampleEnabled(false) : engine.removeAccount(account.id))
                  }
                >
                  Remove
                </Button>
              </div>
            </div>
          ) : (
            <Button variant="quiet" className="remove-account" onClick={() => setConfirming(true)}>
              {isSample ? 'Turn off sample workspace' : 'Remove account…'}
            </Button>
          )}
        </div>
      </div>
    </details>
  )
}
