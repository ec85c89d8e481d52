// The host behind the contract: invalid calls get a clear error and change
// nothing, a source that answers junk stores nothing, secrets stay in main.
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../src/main/dispatch'
import { createHost } from '../../src/main/host'
import { createLog } from '../../src/main/log'
import type { Source } from '../../src/main/sources/source'
import { createMemoryVault } from '../../src/main/vault'
import { createRecordingPorts } from '../../src/main/web/os-standins'
import { calls } from '../../src/shared/contract'

function setup(sourceFor: () => Source) {
  const log = createLog(() => {})
  const vault = createMemoryVault()
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

  it('rejects a whole pull when the source answers junk', async () => {
    const { dispatch } = setup(() => ({
      ...honest,
      pull: async () => ({ items: [{ id: 'sample:1', title: 7 }], cursor: 'c2' }),
    }))
    const answer = await dispatch('source:pull', {
      account: { id: 'sample', kind: 'sample' },
      stream: 's',
      cursor: null,
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'source-junk' } })
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
