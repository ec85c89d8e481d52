// A source offers more streams than Lull pulls: every Slack channel the
// person is in, every mailbox. Only the picked ones are pulled, and any an
// urgent rule names; picking one in the accounts view starts pulling it.
import { describe, expect, it } from 'vitest'
import { createHarness } from './engine-harness'

const monday = (time: string) => `2026-11-23T${time}:00Z`

async function withUnpicked(unpicked: string, rules: Parameters<typeof createHarness>[0]['settings'] = {}) {
  const pulled: string[] = []
  const h = await createHarness({
    start: monday('12:00'),
    settings: { urgentRules: [], ...rules },
    decorateSource: (factory) => (account, credentials, context) => {
      const source = factory(account, credentials, context)
      return {
        ...source,
        listStreams: async () =>
          (await source.listStreams()).map((stream) =>
            stream.id === unpicked ? { ...stream, isPicked: false } : stream,
          ),
        pull: (stream, cursor) => {
          pulled.push(stream)
          return source.pull(stream, cursor)
        },
      }
    },
  })
  await h.engine.start()
  await h.at(monday('12:10'))
  return { h, pulled }
}

describe('picked streams', () => {
  it('pulls the picked streams and leaves an unpicked one alone', async () => {
    const { h, pulled } = await withUnpicked('email')
    expect(pulled).toContain('slack-general')
    expect(pulled).not.toContain('email')
    h.engine.stop()
  })

  it('starts pulling a stream once the person picks it', async () => {
    const { h, pulled } = await withUnpicked('email')
    const account = await h.db.accounts.get('sample')
    if (!account) throw new Error('the sample account is missing')
    await h.engine.updateAccount('sample', {
      streams: account.streams.map((stream) => ({ ...stream, isPicked: true })),
    })
    await h.at(monday('12:11'))
    expect(pulled).toContain('email')
    h.engine.stop()
  })

  it('pulls an unpicked Slack channel that an urgent rule names', async () => {
    const { h, pulled } = await withUnpicked('slack-incidents', {
      urgentRules: [{ id: 'incidents', kind: 'slack-channel', channel: '#incidents' }],
    })
    expect(pulled).toContain('slack-incidents')
    h.engine.stop()
  })

  it('does not add an unpicked stream for a rule about the whole account (an email sender)', async () => {
    const { h, pulled } = await withUnpicked('email', {
      urgentRules: [{ id: 'boss', kind: 'email-sender', sender: 'boss@example.com' }],
    })
    expect(pulled).not.toContain('email')
    h.engine.stop()
  })
})
