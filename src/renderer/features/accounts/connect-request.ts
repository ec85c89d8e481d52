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
  /** The server certificate's SHA-256 fingerprint the person chose to trust (from the refusal that showed it). */
  emailTrustedFingerprint: string
  /** Their organisation's CA certificate (PEM), for a mail server it signed. */
  emailCaPem: string
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
  emailTrustedFingerprint: '',
  emailCaPem: '',
}

/** The fingerprint a refusal named ("SHA-256 fingerprint: AB:CD:…"), so the form can offer to trust it. */
export function certificateFingerprintIn(message: string | null): string | null {
  return /SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/.exec(message ?? '')?.[1] ?? null
}

/** What the person still has to fill in, and the field it is about (where the form shows it). */
export type DraftProblem = { problem: string; field: keyof Draft }

/** The connect request for a kind, or the first thing the person still has to fill in. */
export function connectRequest(kind: Kind, draft: Draft): { request: Request } | DraftProblem {
  const label = draft.label.trim()
  if (kind === 'github') {
    const token = draft.githubToken.trim()
    if (!token) return { problem: 'Paste a personal access token (classic).', field: 'githubToken' }
    const baseUrl = draft.githubHost.trim()
    return { request: { kind, label, credentials: { token, ...(baseUrl ? { baseUrl } : {}) } } }
  }
  if (kind === 'slack') {
    const token = draft.slackToken.trim()
    const appToken = draft.slackAppToken.trim()
    if (!token)
      return {
        problem: 'Paste the user token (xoxp-…) from your Lull app’s OAuth & Permissions page.',
        field: 'slackToken',
      }
    if (!token.startsWith('xoxp-'))
      return {
        problem: 'The user token starts with xoxp-. (A bot token, xoxb-…, cannot read your messages.)',
        field: 'slackToken',
      }
    if (appToken && !appToken.startsWith('xapp-'))
      return {
        problem: 'The app-level token starts with xapp-; leave it empty and Lull polls instead.',
        field: 'slackAppToken',
      }
    return { request: { kind, label, credentials: { token, ...(appToken ? { appToken } : {}) } } }
  }
  const user = draft.emailAddress.trim()
  if (!user)
    return {
      problem: 'Type the address (or user name) you sign in to your mail with.',
      field: 'emailAddress',
    }
  const preset = presetFor({ host: draft.emailHost, user })
  const host = draft.emailHost.trim() || preset?.host
  if (!host)
    return {
      problem: 'Type the IMAP server of your mail provider (for example imap.example.com).',
      field: 'emailHost',
    }
  const port = Number(draft.emailPort.trim() || (preset?.port ?? 993))
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return { problem: 'The port is a number from 1 to 65535.', field: 'emailPort' }
  const secret = draft.emailSecret.trim()
  if (!secret)
    return {
      problem:
        draft.emailAuth === 'password'
          ? 'Type the password (an app password where your provider has them).'
          : 'Paste the OAuth2 access token.',
      field: 'emailSecret',
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
        ...(draft.emailTrustedFingerprint ? { trustedCertFingerprint: draft.emailTrustedFingerprint } : {}),
        ...(draft.emailCaPem.trim() ? { caPem: draft.emailCaPem.trim() } : {}),
      },
    },
  }
}
