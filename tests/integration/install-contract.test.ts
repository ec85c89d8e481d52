// The install calls through the contract, as browser mode answers them:
// every input is validated with its zod schema before anything runs, and
// a host without the installed app says why instead of pretending.
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../src/main/dispatch'
import { createHost } from '../../src/main/host'
import { createLog } from '../../src/main/log'
import { createMemoryVault } from '../../src/main/vault'
import { createRecordingPorts } from '../../src/main/web/os-standins'
import { calls } from '../../src/shared/contract'

function browserDispatch() {
  const log = createLog(() => {})
  const host = createHost({
    mode: 'browser',
    platform: 'test',
    vault: createMemoryVault(),
    os: createRecordingPorts(log),
    log,
    sources: {},
    appVersion: '0.1.0',
  })
  return createDispatch(host, calls, log)
}

describe('install calls', () => {
  it.each([
    ['install:open-at-login-set', { isOn: 'yes' }, /isOn/],
    ['install:open-at-login-set', { isOn: true, extra: 1 }, /extra|Unrecognized/],
    ['update:enabled-set', {}, /isEnabled/],
    ['update:check', { now: true }, /now|Unrecognized/],
  ])('refuses %s with %j and says which field', async (name, request, field) => {
    const answer = await browserDispatch()(name, request)
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(field) },
    })
  })

  it('says in browser mode that open at sign-in and updates come with the installed app', async () => {
    const answer = await browserDispatch()('install:state', {})
    expect(answer).toMatchObject({
      ok: true,
      value: {
        isInstalled: false,
        unavailableReason: expect.stringMatching(/installed app; browser mode has neither/),
        update: { currentVersion: '0.1.0', hasFeed: false },
      },
    })
  })

  it.each([
    ['install:open-at-login-set', { isOn: true }],
    ['update:enabled-set', { isEnabled: true }],
    ['update:check', {}],
    ['update:restart', {}],
  ])('refuses %s in browser mode with the reason', async (name, request) => {
    const answer = await browserDispatch()(name, request)
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/installed app/) },
    })
  })
})
