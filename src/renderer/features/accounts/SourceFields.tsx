// The fields of the connect form for Slack and for email, each with the
// steps to take at the source first.
import { mailPresets, presetFor } from '../../../shared/mail-presets'
import type { Draft } from './connect-request'

type FieldsProps = { draft: Draft; update(patch: Partial<Draft>): void }

export function SlackFields({ draft, update }: FieldsProps) {
  return (
    <>
      <ol className="connect-steps">
        <li>
          At api.slack.com/apps choose <strong>Create New App → From a manifest</strong>, pick your workspace
          and paste Lull’s manifest (<code>slack-app-manifest.json</code>, in Lull’s resources folder). It
          asks only for the scopes Lull uses.
        </li>
        <li>
          <strong>Install to Workspace</strong>, then copy the <strong>User OAuth Token</strong> (xoxp-…) from
          OAuth &amp; Permissions.
        </li>
        <li>
          For live updates, make an <strong>App-Level Token</strong> under Basic Information with the{' '}
          <code>connections:write</code> scope (xapp-…). Without it Lull polls: urgent channels about every 30
          s.
        </li>
      </ol>
      <label>
        User token{' '}
        <input
          type="password"
          autoComplete="off"
          placeholder="xoxp-…"
          value={draft.slackToken}
          onChange={(event) => update({ slackToken: event.target.value })}
        />
      </label>
      <label>
        App-level token (optional, for live updates){' '}
        <input
          type="password"
          autoComplete="off"
          placeholder="xapp-…"
          value={draft.slackAppToken}
          onChange={(event) => update({ slackAppToken: event.target.value })}
        />
      </label>
    </>
  )
}

export function EmailFields({ draft, update }: FieldsProps) {
  const preset = presetFor({ host: draft.emailHost, user: draft.emailAddress })
  return (
    <>
      <p>
        Lull reads your mail over IMAP and never marks it read by looking. Gmail, Outlook and Fastmail want an{' '}
        <strong>app password</strong> (made in their security settings) or an OAuth2 access token.
      </p>
      <fieldset className="connect-presets">
        <legend>Mail provider</legend>
        {mailPresets.map((candidate) => (
          <button
            key={candidate.name}
            type="button"
            aria-pressed={preset?.host === candidate.host}
            onClick={() =>
              update({
                emailHost: candidate.host,
                emailPort: String(candidate.port),
                emailSecurity: candidate.security,
              })
            }
          >
            {candidate.name}
          </button>
        ))}
      </fieldset>
      <label>
        Address or user name{' '}
        <input
          type="email"
          autoComplete="username"
          placeholder="you@example.com"
          value={draft.emailAddress}
          onChange={(event) => update({ emailAddress: event.target.value })}
        />
      </label>
      <label>
        IMAP server{' '}
        <input
          placeholder={preset?.host ?? 'imap.example.com'}
          value={draft.emailHost}
          onChange={(event) => update({ emailHost: event.target.value })}
        />
      </label>
      <label>
        Port{' '}
        <input
          inputMode="numeric"
          value={draft.emailPort}
          onChange={(event) => update({ emailPort: event.target.value })}
        />
      </label>
      <label>
        Security{' '}
        <select
          value={draft.emailSecurity}
          onChange={(event) => update({ emailSecurity: event.target.value as Draft['emailSecurity'] })}
        >
          <option value="tls">TLS from the start (port 993)</option>
          <option value="starttls">STARTTLS (port 143)</option>
          <option value="plain">None (a server on this computer only)</option>
        </select>
      </label>
      <fieldset>
        <legend>Sign in with</legend>
        <label>
          <input
            type="radio"
            name="email-auth"
            checked={draft.emailAuth === 'password'}
            onChange={() => update({ emailAuth: 'password' })}
          />{' '}
          Password or app password
        </label>
        <label>
          <input
            type="radio"
            name="email-auth"
            checked={draft.emailAuth === 'oauth'}
            onChange={() => update({ emailAuth: 'oauth' })}
          />{' '}
          OAuth2 access token
        </label>
      </fieldset>
      <label>
        {draft.emailAuth === 'password' ? 'Password' : 'Access token'}{' '}
        <input
          type="password"
          autoComplete="off"
          value={draft.emailSecret}
          onChange={(event) => update({ emailSecret: event.target.value })}
        />
      </label>
    </>
  )
}
