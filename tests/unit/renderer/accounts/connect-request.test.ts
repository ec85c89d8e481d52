// The connect form's checks: what is still missing is said before anything
// reaches main, and a filled form becomes exactly the credentials main expects.
import { describe, expect, it } from 'vitest'
import { connectRequest, emptyDraft } from '../../../../src/renderer/features/accounts/connect-request'
import { Credentials } from '../../../../src/shared/contract'

describe('the connect form', () => {
  it('turns a bot token or a wrong app token away with what to paste instead, at the field', () => {
    expect(connectRequest('slack', emptyDraft)).toEqual({
      problem: expect.stringMatching(/xoxp-/),
      field: 'slackToken',
    })
    expect(connectRequest('slack', { ...emptyDraft, slackToken: 'xoxb-1' })).toEqual({
      problem: expect.stringMatching(/bot token/),
      field: 'slackToken',
    })
    expect(connectRequest('slack', { ...emptyDraft, slackToken: 'xoxp-1', slackAppToken: 'xoxp-2' })).toEqual(
      {
        problem: expect.stringMatching(/xapp-/),
        field: 'slackAppToken',
      },
    )
    expect(connectRequest('github', emptyDraft)).toEqual({
      problem: expect.stringMatching(/classic/),
      field: 'githubToken',
    })
  })

  it('sends a Slack user token, with the app-level token only when given', () => {
    expect(connectRequest('slack', { ...emptyDraft, slackToken: ' xoxp-1 ' })).toEqual({
      request: { kind: 'slack', label: '', credentials: { token: 'xoxp-1' } },
    })
    expect(connectRequest('slack', { ...emptyDraft, slackToken: 'xoxp-1', slackAppToken: 'xapp-2' })).toEqual(
      {
        request: { kind: 'slack', label: '', credentials: { token: 'xoxp-1', appToken: 'xapp-2' } },
      },
    )
  })

  it("fills a known provider's server from the address, and sends a password or an access token", () => {
    const gmail = connectRequest('email', {
      ...emptyDraft,
      emailAddress: 'sam@gmail.com',
      emailSecret: 'app-pass',
    })
    expect(gmail).toEqual({
      request: {
        kind: 'email',
        label: '',
        credentials: {
          host: 'imap.gmail.com',
          port: 993,
          security: 'tls',
          user: 'sam@gmail.com',
          password: 'app-pass',
        },
      },
    })
    if ('request' in gmail) expect(Credentials.safeParse(gmail.request.credentials).success).toBe(true)
    const oauth = connectRequest('email', {
      ...emptyDraft,
      emailAddress: 'sam@example.com',
      emailHost: 'mail.example.com',
      emailPort: '143',
      emailSecurity: 'starttls',
      emailAuth: 'oauth',
      emailSecret: 'ya29.token',
    })
    expect(oauth).toMatchObject({
      request: {
        credentials: { host: 'mail.example.com', port: 143, security: 'starttls', accessToken: 'ya29.token' },
      },
    })
  })

  it('names what an email form still lacks, at its field', () => {
    expect(connectRequest('email', emptyDraft)).toEqual({
      problem: expect.stringMatching(/address/),
      field: 'emailAddress',
    })
    expect(connectRequest('email', { ...emptyDraft, emailAddress: 'sam@example.com' })).toEqual({
      problem: expect.stringMatching(/IMAP server/),
      field: 'emailHost',
    })
    expect(
      connectRequest('email', {
        ...emptyDraft,
        emailAddress: 'sam@example.com',
        emailHost: 'h',
        emailPort: '0',
      }),
    ).toEqual({ problem: expect.stringMatching(/port/), field: 'emailPort' })
    expect(connectRequest('email', { ...emptyDraft, emailAddress: 'sam@gmail.com' })).toEqual({
      problem: expect.stringMatching(/app password/),
      field: 'emailSecret',
    })
  })
})
