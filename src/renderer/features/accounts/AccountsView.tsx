// Accounts: every connected account as a card (AccountCard.tsx), the
// sample workspace switch when there is nothing yet, and connecting a new
// account (ConnectAccount.tsx) below them.
import { useLiveQuery } from 'dexie-react-hooks'
import { Plus } from 'lucide-react'
import { useRef, useState } from 'react'
import type { Account } from '../../../shared/model'
import { useServices } from '../../app-context'
import { listFailedWrites } from '../../db/outbox'
import { listAccounts } from '../../db/repositories'
import { readRequestCounts } from '../../db/request-counts'
import { readSyncHealth } from '../../db/sync-health'
import { useAttention } from '../../hooks/use-attention'
import { Button } from '../../ui/Button'
import { Callout } from '../../ui/Callout'
import { PageHeader } from '../../ui/PageHeader'
import { AccountCard } from './AccountCard'
import { CalendarAccounts } from './CalendarAccounts'
import { ConnectAccount } from './ConnectAccount'

export function AccountsView() {
  const { db, engine } = useServices()
  const attention = useAttention()
  const [reconnecting, setReconnecting] = useState<Account | null>(null)
  const connectHeading = useRef<HTMLHeadingElement>(null)
  // Kept here: the connect form starts afresh (a new key) once a reconnect is done.
  const [connected, setConnected] = useState<string | null>(null)
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
  return (
    <div className="accounts">
      <PageHeader
        title="Accounts"
        description="Where Lull gathers from: each account's streams, how they sync, and what Lull writes back there."
        actions={
          data.accounts.length > 0 ? (
            <Button icon={Plus} onClick={() => connectHeading.current?.focus()}>
              Connect an account
            </Button>
          ) : null
        }
      />
      {data.accounts.length === 0 ? (
        <Callout
          tone="info"
          actions={
            <Button onClick={() => void engine.setSampleEnabled(true)}>Turn on the sample workspace</Button>
          }
        >
          <p>No accounts yet. Connect one below, or turn the sample workspace on to look around first.</p>
        </Callout>
      ) : null}
      <div className="account-list">
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
            onReconnect={() => {
              setConnected(null)
              setReconnecting(account)
            }}
          />
        ))}
      </div>
      <CalendarAccounts now={attention.now} />
      <ConnectAccount
        key={reconnecting?.id ?? 'new'}
        reconnect={reconnecting}
        headingRef={connectHeading}
        connected={connected}
        onStart={() => setConnected(null)}
        onDone={(said) => {
          setConnected(said)
          setReconnecting(null)
        }}
      />
    </div>
  )
}
