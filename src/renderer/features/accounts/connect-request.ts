// What the connect form holds for each kind of account, and the request it
// makes of it: pure, so the form's checks are tested without a page.
import type { CallRequest } from '../../../shared/contract'
import { presetFor } from '../../../shared/mail-presets'

export type Kind = 'slack' | 'github' | 'email'
type Request = CallRequest<'account:connect'>

export const kindNames: Record<Kind, string> = { slack: 'Slack', github: 'GitHub', email: 'Email' }

export type Draft = {
  label: string
  githubToken: string
  githubHost: string
  slackToken: string
  slackAppToken: string
  emailAddress: string
  emailHost: string
  emailPort: string
  emailSecurity: 'tls' | 'starttls' | 'plain'
  emailSecret: string
  emailAuth: 'password' | 'oauth'
}

export const emptyDraft: Draft = {
  label: '',
  githubToken: '',
  githubHost: '',
  slackToken: '',
  slackAppToken: '',
  emailAddress: '',
  emailHost: '',
  emailPort: '993',
  emailSecurity: 'tls',
  emailSecret: '',
  emailAuth: 'password',
}

/** The connect request for a kind, or the first thing the person still has to fill in. */
export function connectRequest(kind: Kind, draft: Draft): { request: Request } | { problem: string } {
  const label = draft.label.trim()
  if (kind === 'github') {
    const token = draft.githubToken.trim()
    if (!token) return { problem: 'Paste a personal access token (classic).' }
    const baseUrl = draft.githubHost.trim()
    return { request: { kind, label, credentials: { token, ...(baseUrl ? { baseUrl } : {}) } } }
  }
  if (kind === 'slack') {
    const token = draft.slackToken.trim()
    const appToken = draft.slackAppToken.trim()
    if (!token)
      return { problem: 'Paste the user token (xoxp-…) from your Lull app’s OAuth & Permissions page.' }
    if (!token.startsWith('xoxp-'))
      return {
        problem: 'The user token starts with xoxp-. (A bot token, xoxb-…, cannot read your messages.)',
      }
    if (appToken && !appToken.startsWith('xapp-'))
      return { problem: 'The app-level token starts with xapp-; leave it empty and Lull polls instead.' }
    return { request: { kind, label, credentials: { token, ...(appToken ? { appToken } : {}) } } }
  }
  const user = draft.emailAddress.trim()
  if (!user) return { problem: 'Type the address (or user name) you sign in to your mail with.' }
  const preset = presetFor({ host: draft.emailHost, user })
  const host = draft.emailHost.trim() || preset?.host
  if (!host) return { problem: 'Type the IMAP server of your mail provider (for example imap.example.com).' }
  const port = Number(draft.emailPort.trim() || (preset?.port ?? 993))
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return { problem: 'The port is a number from 1 to 65535.' }
  const secret = draft.emailSecret.trim()
  if (!secret)
    return {
      problem:
        draft.emailAuth === 'password'
          ? 'Type the password (an app password where your provider has them).'
          : 'Paste the OAuth2 access token.',
    }
  return {
    request: {
      kind,
      label,
      credentials: {
        host,
        port,
        security: draft.emailHost.trim() ? draft.emailSecurity : (preset?.security ?? draft.emailSecurity),
        user,
        ...(draft.emailAuth === 'password' ? { password: secret } : { accessToken: secret }),
      },
    },
  }
}
