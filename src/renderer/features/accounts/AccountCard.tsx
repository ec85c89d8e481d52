// One account: its kind, identity, the streams it follows and how each one
// syncs (live by push, polled, slow or failing, with the reason written for
// a person), what that pace costs, requests in the last hour, write-backs
// that failed, and the person's controls: what to follow, sync now, pause,
// rename, focus status, what "done" writes back, remove (asked first).
import { useState } from 'react'
import { type Account, defaultDoneWriteBack, type UrgentRule } from '../../../shared/model'
import { useServices } from '../../app-context'
import { retryWrite } from '../../db/outbox'
import type { CursorRow, OutboxRow } from '../../db/schema'
import type { StreamHealth } from '../../db/sync-health'
import { isNamedByUrgentRule } from '../../engine/polling'
import { formatWhen } from '../../ui/format'
import { Field } from '../../ui/MessageText'
import { PaceLine } from './PaceLine'
import { StreamPicker } from './StreamPicker'

const kindLabel: Record<Account['kind'], string> = {
  slack: 'Slack',
  github: 'GitHub',
  email: 'Email',
  sample: 'Sample workspace',
}

function stateLabel(health: StreamHealth | undefined, isPaused: boolean): string {
  if (isPaused) return 'Paused'
  if (!health) return 'Waiting for the first sync'
  if (health.state === 'slow') return 'Not answering'
  if (health.state === 'failing') return 'Failing'
  return health.isWatched ? 'Live' : 'Polled'
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
  const [isConfirming, setConfirming] = useState(false)
  const [label, setLabel] = useState(account.label)
  const isPaused = account.isPaused === true
  const lastOk = Math.max(0, ...health.map((entry) => entry.lastOkAt ?? 0))
  const problem = health.find((entry) => entry.problem)?.problem ?? null
  const needsSignIn = health.some((entry) => entry.needsSignIn)
  return (
    <article className="account" data-account-id={account.id} aria-label={account.label}>
      <header>
        <h2>
          {account.avatar ? (
            <img className="avatar" src={account.avatar} alt="" width={24} height={24} />
          ) : null}
          <Field text={account.label} />{' '}
          {account.label === kindLabel[account.kind] ? null : (
            <span className="muted">· {kindLabel[account.kind]}</span>
          )}
        </h2>
        <p className="muted">
          <Field text={account.identity} /> · last synced{' '}
          {lastOk > 0 ? formatWhen(lastOk, zone, now) : 'not yet'} · {props.requests} request
          {props.requests === 1 ? '' : 's'} in the last hour
          {props.rateLimited > 0 ? ` (${props.rateLimited} rate-limited)` : ''}
        </p>
        {problem ? (
          <p className="account-problem" role="status">
            {problem}
            {needsSignIn ? (
              <>
                {' '}
                <button type="button" onClick={props.onReconnect}>
                  Reconnect
                </button>
              </>
            ) : null}
          </p>
        ) : null}
      </header>
      <table className="streams">
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
            return (
              <tr
                key={stream.id}
                data-stream={stream.id}
                data-state={isPaused ? 'paused' : (entry?.state ?? 'ok')}
              >
                <td>
                  <Field text={stream.name} />
                </td>
                <td>
                  {stateLabel(entry, isPaused)}
                  {entry?.problem ? <span className="stream-problem"> — {entry.problem}</span> : null}
                  {entry?.state === 'slow' && entry.pullingSince ? (
                    <span className="stream-problem">
                      {' '}
                      — asked at {formatWhen(entry.pullingSince, zone, now)}, no answer yet; other streams and
                      check-ins go on.
                    </span>
                  ) : null}
                </td>
                <td>{entry?.lastOkAt ? formatWhen(entry.lastOkAt, zone, now) : '—'}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {account.kind === 'sample' ? null : <StreamPicker account={account} rules={props.rules} />}
      <PaceLine
        account={account}
        followed={followed}
        health={health}
        cursors={props.cursors}
        rules={props.rules}
      />
      {props.failedWrites.length > 0 ? (
        <div className="failed-writes" role="status">
          <p>
            {props.failedWrites.length} change{props.failedWrites.length === 1 ? '' : 's'} could not be
            written back: {props.failedWrites[0]?.error}
          </p>
          <button
            type="button"
            onClick={() => {
              for (const row of props.failedWrites) void retryWrite(db, row.id, Date.now())
              void engine.wake()
            }}
          >
            Try again
          </button>
        </div>
      ) : null}
      <div className="account-actions">
        <button type="button" onClick={() => void engine.syncNow(account.id)} disabled={isPaused}>
          Sync now
        </button>
        <button type="button" onClick={() => void engine.updateAccount(account.id, { isPaused: !isPaused })}>
          {isPaused ? 'Resume' : 'Pause'}
        </button>
        <label>
          <input
            type="checkbox"
            checked={account.isFocusStatusOn === true}
            onChange={(event) =>
              void engine.updateAccount(account.id, { isFocusStatusOn: event.target.checked })
            }
          />{' '}
          Set my status and Do Not Disturb while I focus
        </label>
        <label>
          <input
            type="checkbox"
            checked={account.isReadWriteBackOn === true}
            onChange={(event) =>
              void engine.updateAccount(account.id, { isReadWriteBackOn: event.target.checked })
            }
          />{' '}
          Mark items read there when I open them here
        </label>
        {account.kind === 'github' || account.kind === 'email' ? (
          <label>
            When I mark an item done{' '}
            <select
              value={account.doneWriteBack ?? defaultDoneWriteBack(account.kind)}
              onChange={(event) =>
                void engine.updateAccount(account.id, {
                  doneWriteBack: event.target.value as 'done' | 'read' | 'off',
                })
              }
            >
              <option value="done">
                {account.kind === 'github' ? 'mark it done on GitHub' : 'move it to the Archive mailbox'}
              </option>
              <option value="read">
                {account.kind === 'github' ? 'mark it read on GitHub' : 'mark it seen on the server'}
              </option>
              <option value="off">leave it as it is there</option>
            </select>
          </label>
        ) : null}
        <form
          className="rename"
          onSubmit={(event) => {
            event.preventDefault()
            const trimmed = label.trim()
            if (trimmed && trimmed !== account.label)
              void engine.updateAccount(account.id, { label: trimmed })
          }}
        >
          <label>
            Name <input value={label} maxLength={256} onChange={(event) => setLabel(event.target.value)} />
          </label>
          <button type="submit">Rename</button>
        </form>
        {isConfirming ? (
          <span className="confirm-remove" role="alertdialog" aria-label="Remove account">
            Remove {account.label} and every item from it, held and delivered? This cannot be undone.{' '}
            <button
              type="button"
              className="danger"
              onClick={() =>
                void (account.kind === 'sample'
                  ? engine.setSampleEnabled(false)
                  : engine.removeAccount(account.id))
              }
            >
              Remove
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {account.kind === 'sample' ? 'Turn off sample workspace' : 'Remove account…'}
          </button>
        )}
      </div>
    </article>
  )
}
