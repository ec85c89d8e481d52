// The host behind the contract: invalid calls get a clear error and change
// nothing, items over a limit are fitted and a hopeless one is skipped by
// name, secrets stay in main and go to disk unencrypted only with consent.
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../src/main/dispatch'
import { createHost } from '../../src/main/host'
import { createLog } from '../../src/main/log'
import type { Source } from '../../src/main/sources/source'
import { createMemoryVault, type Vault } from '../../src/main/vault'
import { createRecordingPorts } from '../../src/main/web/os-standins'
import { calls, pullPageLimit } from '../../src/shared/contract'

function setup(sourceFor: () => Source, vault: Vault = createMemoryVault()) {
  const log = createLog(() => {})
  const ports = createRecordingPorts(log)
  const dispatch = createDispatch(
    createHost({
      mode: 'browser',
      platform: 'test',
      vault,
      os: ports,
      log,
      sources: { github: sourceFor, sample: sourceFor },
    }),
    calls,
    log,
  )
  return { dispatch, vault, ports, log }
}

const honest: Source = {
  verify: async () => ({ identity: 'octocat' }),
  listStreams: async () => [{ id: 'notifications', name: 'Notifications' }],
  pull: async () => ({ items: [], cursor: 'c1' }),
}

describe('host contract', () => {
  it('refuses an unknown call with a clear error', async () => {
    const { dispatch } = setup(() => honest)
    const answer = await dispatch('source:explode', {})
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
  })

  it('refuses an invalid payload, says which field, and calls nothing', async () => {
    let pulls = 0
    const { dispatch, log } = setup(() => ({
      ...honest,
      pull: async () => {
        pulls++
        return { items: [], cursor: null }
      },
    }))
    const answer = await dispatch('source:pull', {
      account: { id: 'sample', kind: 'sample' },
      stream: 42,
      cursor: null,
    })
    expect(answer.ok).toBe(false)
    if (!answer.ok) {
      expect(answer.error.code).toBe('invalid-request')
      expect(answer.error.message).toContain('stream')
    }
    expect(pulls).toBe(0)
    expect(log.lines.at(-1)?.message).toContain('invalid request')
  })

  const item = (n: number, extra: Record<string, unknown> = {}) => ({
    id: `sample:m${n}`,
    accountId: 'sample',
    source: 'slack',
    stream: 's',
    externalId: `m${n}`,
    threadKey: `t${n}`,
    container: '#general',
    author: { id: 'U1', name: 'Dana' },
    title: `message ${n}`,
    text: 'hello',
    sentAt: 1_700_000_000_000 + n,
    needsReply: false,
    ...extra,
  })
  const pullWith = async (items: unknown[], extra: Record<string, unknown> = {}) => {
    const { dispatch } = setup(() => ({ ...honest, pull: async () => ({ items, cursor: 'c2', ...extra }) }))
    return dispatch('source:pull', { account: { id: 'sample', kind: 'sample' }, stream: 's', cursor: null })
  }

  it('fits an over-long item to the contract with a visible cut instead of refusing the pull', async () => {
    const answer = await pullWith([
      item(1, { text: 'x'.repeat(50_000), title: 'T'.repeat(5_000), url: 'javascript:alert(1)' }),
      item(2),
    ])
    expect(answer.ok).toBe(true)
    if (!answer.ok) return
    const value = answer.value as {
      items: Array<{ text: string; title: string; url?: string }>
      skipped: unknown[]
    }
    expect(value.items).toHaveLength(2)
    expect(value.items[0]?.text.length).toBe(20_000)
    expect(value.items[0]?.text).toMatch(/Lull cut this message/)
    expect(value.items[0]?.title.endsWith('…')).toBe(true)
    expect(value.items[0]?.url).toBeUndefined()
    expect(value.skipped).toEqual([])
  })

  it('skips an item nothing can fit, names it, and answers the rest with the cursor moved on', async () => {
    const answer = await pullWith([item(1), { id: 'sample:bad', externalId: 'bad', title: 7 }, item(3)])
    expect(answer).toMatchObject({ ok: true, value: { cursor: 'c2', hasMore: false } })
    if (!answer.ok) return
    const value = answer.value as {
      items: Array<{ id: string }>
      skipped: Array<{ externalId: string | null; reason: string }>
    }
    expect(value.items.map((each) => each.id)).toEqual(['sample:m1', 'sample:m3'])
    expect(value.skipped).toHaveLength(1)
    expect(value.skipped[0]?.externalId).toBe('bad')
    expect(value.skipped[0]?.reason).toMatch(/^Item #1 could not be read/)
  })

  it('refuses a page over the page limit as a bug in the source, storing nothing', async () => {
    const answer = await pullWith(Array.from({ length: pullPageLimit + 1 }, (_, n) => item(n)))
    expect(answer).toMatchObject({ ok: false, error: { code: 'source-junk' } })
    if (!answer.ok) expect(answer.error.message).toMatch(/more than the 500 one page may hold/)
  })

  it('passes on that more waits behind the cursor', async () => {
    expect(await pullWith([item(1)], { hasMore: true })).toMatchObject({ ok: true, value: { hasMore: true } })
  })

  it('asks before saving a sign-in where the system cannot encrypt it, and keeps it for this run if asked', async () => {
    const saved = new Map<string, unknown>()
    const thisRun = new Map<string, unknown>()
    const plainFileVault: Vault = {
      backend: 'basic_text',
      isEncrypted: false,
      isPersistent: true,
      async put(id, credentials, options) {
        ;(options?.thisRunOnly ? thisRun : saved).set(id, credentials)
      },
      async get(id) {
        return (saved.get(id) ?? thisRun.get(id) ?? null) as never
      },
      async remove(id) {
        return saved.delete(id) || thisRun.delete(id)
      },
    }
    const { dispatch } = setup(() => honest, plainFileVault)
    const connect = (secretStorage?: 'saved' | 'this-run') =>
      dispatch('account:connect', {
        kind: 'github',
        label: '',
        credentials: { token: 'ghp_plain' },
        ...(secretStorage ? { secretStorage } : {}),
      })
    const refused = await connect()
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs-consent' } })
    if (!refused.ok) expect(refused.error.message).toMatch(/no keyring.*basic_text.*this run only/s)
    expect(saved.size + thisRun.size).toBe(0)

    expect((await connect('this-run')).ok).toBe(true)
    expect([saved.size, thisRun.size]).toEqual([0, 1])
    expect((await connect('saved')).ok).toBe(true)
    expect([saved.size, thisRun.size]).toEqual([1, 1])
  })

  it('reopens every push watch when the window says the network came back', async () => {
    let opened = 0
    let closed = 0
    const { dispatch } = setup(() => ({
      ...honest,
      watch: async () => {
        opened++
        return () => {
          closed++
        }
      },
    }))
    const account = { id: 'sample', kind: 'sample' } as const
    expect(await dispatch('source:watch', { account, streams: ['a', 'b'] })).toEqual({
      ok: true,
      value: { isSupported: true },
    })
    await new Promise((done) => setTimeout(done, 10))
    expect(opened).toBe(2)
    expect(await dispatch('source:reconnect', { reason: 'the network came back' })).toEqual({
      ok: true,
      value: {},
    })
    await new Promise((done) => setTimeout(done, 10))
    expect([opened, closed]).toEqual([4, 2])
    await dispatch('source:watch', { account, streams: [] })
    expect(closed).toBe(4)
  })

  it('notices when the renderer comes with a different store than the one it had', async () => {
    const { dispatch } = setup(() => honest)
    const check = (storeId: string) => dispatch('store:check', { storeId, createdAt: 1 })
    expect(await check('store-a')).toMatchObject({
      ok: true,
      value: { status: 'recorded', lastSeenAt: null },
    })
    expect(await check('store-a')).toMatchObject({ ok: true, value: { status: 'known' } })
    expect(await check('store-b')).toMatchObject({ ok: true, value: { status: 'lost' } })
    expect(await check('store-b')).toMatchObject({ ok: true, value: { status: 'known' } })
  })

  it('keeps the secret in the vault and returns only the identity', async () => {
    const { dispatch, vault } = setup(() => honest)
    const answer = await dispatch('account:connect', {
      kind: 'github',
      label: '',
      credentials: { token: 'ghp_secret_token_value' },
    })
    expect(answer.ok).toBe(true)
    expect(JSON.stringify(answer)).not.toContain('ghp_secret_token_value')
    if (answer.ok) {
      const account = answer.value as { id: string; identity: string }
      expect(account.identity).toBe('octocat')
      expect((await vault.get(account.id))?.token).toBe('ghp_secret_token_value')
    }
  })

  it('refuses to open a link with a scheme other than http, https, mailto or slack', async () => {
    const { dispatch, ports } = setup(() => honest)
    expect(await dispatch('link:open-external', { url: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    })
    expect(await dispatch('link:open-external', { url: 'javascript:alert(1)' })).toMatchObject({ ok: false })
    expect(await dispatch('link:open-external', { url: 'slack://channel?team=T1&id=C1' })).toEqual({
      ok: true,
      value: {},
    })
    expect(ports.openedLinks).toEqual(['slack://channel?team=T1&id=C1'])
  })
})
