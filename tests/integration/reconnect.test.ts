// Signing an account in again keeps it the same account: its id, streams,
// cursors and items. A second id would store every item twice and sound an
// urgent one again; removing the old one would delete the items.
import { describe, expect, it } from 'vitest'
import { createSampleWorkspace } from '../../src/main/sources/sample'
import type { SourceFactory } from '../../src/main/sources/source'
import { readSyncHealth } from '../../src/renderer/db/sync-health'
import { HostError } from '../../src/shared/contract'
import type { SourceItem } from '../../src/shared/model'
import { createHarness } from './engine-harness'

const monday = (time: string) => `2026-11-23T${time}:00Z`

/**
 * The sample workspace playing a GitHub account, so it goes through connect
 * like a real one; its items are stamped with the account's id, as a real
 * source's are.
 */
const closed: string[] = []

function asAccount(factory: SourceFactory): SourceFactory {
  return (account, credentials, context) => {
    const source = factory(account, credentials, context)
    return {
      ...source,
      // Notes which account's source was let go (an email source's kept connection closes here).
      async close() {
        closed.push(account.id)
      },
      async pull(stream, cursor) {
        const answer = await source.pull(stream, cursor)
        const items = (answer.items as SourceItem[]).map((item) => ({
          ...item,
          accountId: account.id,
          id: `${account.id}:${item.externalId}`,
        }))
        return { ...answer, items }
      },
    }
  }
}

async function withWorkAccount() {
  let now = () => Date.parse(monday('12:00'))
  const work = createSampleWorkspace({ isScripted: false, pollAfterMs: 1_000, now: () => now() })
  const h = await createHarness({ start: monday('12:00'), sources: { github: asAccount(work.factory) } })
  now = () => h.clock.now()
  await h.engine.start()
  const connect = () =>
    h.engine.connectAccount({ kind: 'github', label: 'Work', credentials: { token: 'ghp_first' } })
  const account = await connect()
  const say = (text: string) =>
    work.inject({
      source: 'github',
      stream: account.streams[0]?.id ?? 'github',
      threadKey: text,
      container: 'acme/api',
      author: { id: 'U1', name: 'Dana Whitfield' },
      title: text,
      text,
      sentAt: h.clock.now(),
      needsReply: false,
    })
  return { h, work, account, connect, say }
}

describe('reconnecting an account', () => {
  it('keeps its id, items and picks, and pulls again, after its sign-in was revoked', async () => {
    const { h, work, account, connect, say } = await withWorkAccount()
    say('review the migration')
    await h.engine.syncNow(account.id)
    await h.engine.settled()
    const before = await h.db.items.where('accountId').equals(account.id).count()
    expect(before).toBe(1)
    await h.engine.updateAccount(account.id, { label: 'Work GitHub' })

    work.controls.revokeCredentials()
    await h.engine.syncNow(account.id)
    await h.engine.settled()
    expect((await readSyncHealth(h.db)).find((entry) => entry.accountId === account.id)?.needsSignIn).toBe(
      true,
    )

    work.controls.acceptNewSignIn()
    const again = await connect()
    expect(again.id).toBe(account.id)
    say('one more comment')
    await h.engine.settled()
    await h.engine.syncNow(account.id)
    await h.engine.settled()
    expect((await h.db.accounts.toArray()).filter((row) => row.kind === 'github')).toHaveLength(1)
    expect((await h.db.accounts.get(account.id))?.label).toBe('Work GitHub')
    expect(await h.db.items.where('accountId').equals(account.id).count()).toBe(2)
    const health = (await readSyncHealth(h.db)).filter((entry) => entry.accountId === account.id)
    expect(health.every((entry) => entry.state === 'ok' && !entry.needsSignIn)).toBe(true)
    h.engine.stop()
  })

  it('recognises the same identity connected again from the form as the same account', async () => {
    const { h, account, connect } = await withWorkAccount()
    const again = await connect()
    expect(again.id).toBe(account.id)
    expect((await h.db.accounts.toArray()).filter((row) => row.kind === 'github')).toHaveLength(1)
    h.engine.stop()
  })

  it('refuses a reconnect that signs in as someone else, and keeps the account as it was', async () => {
    const { h, account } = await withWorkAccount()
    await h.db.accounts.update(account.id, { identity: 'dana (acme)' })
    await expect(
      h.engine.connectAccount({
        kind: 'github',
        label: '',
        credentials: { token: 'ghp_other' },
        reconnect: account.id,
      }),
    ).rejects.toThrow(HostError)
    await expect(
      h.engine.connectAccount({
        kind: 'github',
        label: '',
        credentials: { token: 'x' },
        reconnect: account.id,
      }),
    ).rejects.toThrow(/sign-in is for Sample workspace, but the account was dana \(acme\)/)
    expect((await h.db.accounts.get(account.id))?.identity).toBe('dana (acme)')
    h.engine.stop()
  })

  it('closes the connection a source keeps when the account signs in again and when it is removed', async () => {
    closed.length = 0
    const { h, account, connect } = await withWorkAccount()
    await connect()
    // The trial source that verified the sign-in, then the one it replaced.
    expect(closed.filter((id) => id === account.id)).toHaveLength(1)
    expect(closed).toHaveLength(2)
    await h.engine.removeAccount(account.id)
    await h.engine.settled()
    expect(closed.filter((id) => id === account.id)).toHaveLength(2)
    h.engine.stop()
  })
})
