// Accounts: every connected account as a card (AccountCard.tsx), the
// sample workspace switch, and connecting a new account (ConnectAccount.tsx).
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import type { Account } from '../../../shared/model'
import { useServices } from '../../app-context'
import { listFailedWrites } from '../../db/outbox'
import { listAccounts } from '../../db/repositories'
import { readRequestCounts } from '../../db/request-counts'
import { readSyncHealth } from '../../db/sync-health'
import { useAttention } from '../../hooks/use-attention'
import { AccountCard } from './AccountCard'
import { ConnectAccount } from './ConnectAccount'

export function AccountsView() {
  const { db, engine } = useServices()
  const attention = useAttention()
  const [reconnecting, setReconnecting] = useState<Account | null>(null)
  const data = useLiveQuery(async () => {
    const [accounts, health, requests, failedWrites, cursors] = await Promise.all([
      listAccounts(db),
      readSyncHealth(db),
      readRequestCounts(db),
      listFailedWrites(db),
      db.cursors.toArray(),
    ])
    return { accounts, health, requests, failedWrites, cursors }
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
          cursors={data.cursors.filter((row) => row.accountId === account.id)}
          rules={attention.settings.urgentRules}
          zone={attention.zone}
          now={attention.now}
          onReconnect={() => setReconnecting(account)}
        />
      ))}
      {!hasSample && !hasRealAccount ? (
        <button type="button" onClick={() => void engine.setSampleEnabled(true)}>
          Turn on the sample workspace
        </button>
      ) : null}
      <ConnectAccount
        key={reconnecting?.id ?? 'new'}
        reconnect={reconnecting}
        onDone={() => setReconnecting(null)}
      />
    </section>
  )
}
