// Accounts: every connected account with its kind, identity, streams and
// how each one syncs (live by push, polled, slow or failing, with the reason
// written for a person), requests in the last hour, write-backs that failed,
// and the person's controls: sync now, pause, rename, focus status, "read"
// write-back, remove (asked first). The sample workspace switch lives here.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import type { Account } from '../../../shared/model'
import { useServices } from '../../app-context'
import { listFailedWrites, retryWrite } from '../../db/outbox'
import { listAccounts } from '../../db/repositories'
import { readRequestCounts } from '../../db/request-counts'
import type { OutboxRow } from '../../db/schema'
import { readSyncHealth, type StreamHealth } from '../../db/sync-health'
import { useAttention } from '../../hooks/use-attention'
import { formatWhen } from '../../ui/format'
import { Field } from '../../ui/MessageText'

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

export function AccountsView() {
  const { db, engine } = useServices()
  const attention = useAttention()
  const data = useLiveQuery(async () => {
    const [accounts, health, requests, failedWrites, isSampleDismissed] = await Promise.all([
      listAccounts(db),
      readSyncHealth(db),
      readRequestCounts(db),
      listFailedWrites(db),
      db.meta.get('sampleDismissed').then((row) => row?.value === true),
    ])
    return { accounts, health, requests, failedWrites, isSampleDismissed }
  }, [db])
  if (!data || !attention) return <p className="loading">Loading…</p>
  const hasSample = data.accounts.some((account) => account.kind === 'sample')
  const hasRealAccount = data.accounts.some((account) => account.kind !== 'sample')
  return (
    <section className="accounts" aria-label="Accounts">
      {data.accounts.length === 0 ? (
        <p className="muted">No accounts yet. Connect one, or turn the sample workspace on to look around.</p>
      ) : null}
      {data.accounts.map((account) => (
        <AccountCard
          key={account.id}
          account={account}
          health={data.health.filter((entry) => entry.accountId === account.id)}
          requests={data.requests[account.id]?.total ?? 0}
          rateLimited={data.requests[account.id]?.rateLimited ?? 0}
          failedWrites={data.failedWrites.filter((row) => row.accountId === account.id)}
          zone={attention.zone}
          now={attention.now}
        />
      ))}
      {!hasSample && !hasRealAccount ? (
        <button type="button" onClick={() => void engine.setSampleEnabled(true)}>
          Turn on the sample workspace
        </button>
      ) : null}
    </section>
  )
}

function AccountCard(props: {
  account: Account
  health: StreamHealth[]
  requests: number
  rateLimited: number
  failedWrites: OutboxRow[]
  zone: string
  now: number
}) {
  const { account, health, zone, now } = props
  const { db, engine } = useServices()
  const [isConfirming, setConfirming] = useState(false)
  const [label, setLabel] = useState(account.label)
  const isPaused = account.isPaused === true
  const lastOk = Math.max(0, ...health.map((entry) => entry.lastOkAt ?? 0))
  const problem = health.find((entry) => entry.problem)?.problem ?? null
  return (
    <article className="account" data-account-id={account.id} aria-label={account.label}>
      <header>
        <h2>
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
          {account.streams.map((stream) => {
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
