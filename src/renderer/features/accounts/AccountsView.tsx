// Accounts: every connected account with its streams and how each one is
// syncing, so a stream that is slow or failing is named with its reason
// while the others go on.
import { useLiveQuery } from 'dexie-react-hooks'
import type { Account } from '../../../shared/model'
import { useServices } from '../../app-context'
import { listAccounts } from '../../db/repositories'
import { readSyncHealth, type StreamHealth } from '../../db/sync-health'
import { useAttention } from '../../hooks/use-attention'
import { formatWhen } from '../../ui/format'

const kindLabel: Record<Account['kind'], string> = {
  slack: 'Slack',
  github: 'GitHub',
  email: 'Email',
  sample: 'Sample workspace',
}

const stateLabel: Record<StreamHealth['state'], string> = {
  ok: 'Syncing',
  pulling: 'Syncing',
  slow: 'Not answering',
  failing: 'Failing',
}

export function AccountsView() {
  const { db } = useServices()
  const attention = useAttention()
  const data = useLiveQuery(async () => {
    const [accounts, health] = await Promise.all([listAccounts(db), readSyncHealth(db)])
    return { accounts, health }
  }, [db])
  if (!data || !attention) return <p className="loading">Loading…</p>
  if (data.accounts.length === 0) {
    return <p className="muted">No accounts yet. Turn the sample workspace on in Settings, or connect one.</p>
  }
  const healthOf = (accountId: string, stream: string) =>
    data.health.find((entry) => entry.accountId === accountId && entry.stream === stream)
  return (
    <section className="accounts" aria-label="Accounts">
      {data.accounts.map((account) => (
        <article key={account.id} className="account" data-account-id={account.id}>
          <h2>
            {account.label} <span className="muted">· {kindLabel[account.kind]}</span>
          </h2>
          <p className="muted">{account.identity}</p>
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
                const health = healthOf(account.id, stream.id)
                const state = health?.state ?? 'ok'
                return (
                  <tr key={stream.id} data-stream={stream.id} data-state={state}>
                    <td>{stream.name}</td>
                    <td>
                      {stateLabel[state]}
                      {health?.problem ? <span className="stream-problem"> — {health.problem}</span> : null}
                      {state === 'slow' && health?.pullingSince ? (
                        <span className="stream-problem">
                          {' '}
                          — asked at {formatWhen(health.pullingSince, attention.zone, attention.now)}, no
                          answer yet; other streams and check-ins go on.
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {health?.lastOkAt ? formatWhen(health.lastOkAt, attention.zone, attention.now) : '—'}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </article>
      ))}
    </section>
  )
}
