// The connect form's two kind-specific steps for each source: what to create
// at the source first (with its link and the scopes it needs), and the
// fields to fill in here, each with its label above, help under it and the
// form's complaint about it in place. Email also offers to trust a server's
// certificate that a refusal named, or a company's own certificate authority.
import { ExternalLink } from 'lucide-react'
import type { ReactNode } from 'react'
import { mailPresets, presetFor } from '../../../shared/mail-presets'
import { useServices } from '../../app-context'
import { useUi } from '../../store'
import { Checkbox, ChoiceGroup, Radio } from '../../ui/Choice'
import { Field } from '../../ui/Field'
import { Icon } from '../../ui/Icon'
import { certificateFingerprintIn, type Draft, type DraftProblem } from './connect-request'

type FieldsProps = {
  draft: Draft
  update(patch: Partial<Draft>): void
  /** What the form found missing or wrong, shown at its field. */
  invalid?: DraftProblem | null
}

function errorAt(invalid: DraftProblem | null | undefined, field: keyof Draft): string | null {
  return invalid?.field === field ? invalid.problem : null
}

/** A link to a page at the source, opened in the person's browser. */
function SourceLink({ url, children }: { url: string; children: ReactNode }) {
  const { host } = useServices()
  const report = useUi((state) => state.report)
  return (
    <button
      type="button"
      className="link"
      onClick={() => host.call('link:open-external', { url }).catch((error: Error) => report(error.message))}
    >
      {children}
      <Icon icon={ExternalLink} size="sm" />
    </button>
  )
}

export function SlackSteps() {
  return (
    <ol className="source-steps">
      <li>
        Open <SourceLink url="https://api.slack.com/apps">api.slack.com/apps</SourceLink> and choose{' '}
        <strong>Create New App → From a manifest</strong>. Pick your workspace and paste Lull’s manifest (
        <code>slack-app-manifest.json</code>, in Lull’s resources folder): it asks only for the scopes Lull
        uses.
      </li>
      <li>
        <strong>Install to Workspace</strong>, then copy the <strong>User OAuth Token</strong> (
        <code>xoxp-…</code>) from <strong>OAuth &amp; Permissions</strong>.
      </li>
      <li>
        For live updates, make an <strong>App-Level Token</strong> under <strong>Basic Information</strong>{' '}
        with the <code>connections:write</code> scope (<code>xapp-…</code>). Without one Lull polls, urgent
        channels about every 30 s.
      </li>
    </ol>
  )
}

export function SlackFields({ draft, update, invalid }: FieldsProps) {
  return (
    <>
      <Field
        label="User token"
        help="Starts with xoxp-. A bot token (xoxb-…) cannot read your messages."
        error={errorAt(invalid, 'slackToken')}
      >
        <input
          type="password"
          autoComplete="off"
          placeholder="xoxp-…"
          value={draft.slackToken}
          onChange={(event) => update({ slackToken: event.target.value })}
        />
      </Field>
      <Field
        label="App-level token"
        isOptional
        help="For live updates: starts with xapp-. Leave it empty and Lull polls."
        error={errorAt(invalid, 'slackAppToken')}
      >
        <input
          type="password"
          autoComplete="off"
          placeholder="xapp-…"
          value={draft.slackAppToken}
          onChange={(event) => update({ slackAppToken: event.target.value })}
        />
      </Field>
    </>
  )
}

/** A classic token with the scopes Lull uses, already ticked on GitHub's page. */
const githubTokenPage = 'https://github.com/settings/tokens/new?scopes=notifications,user&description=Lull'

export function GithubSteps() {
  return (
    <ol className="source-steps">
      <li>
        <SourceLink url={githubTokenPage}>Create a classic personal access token</SourceLink> on GitHub (on
        GitHub Enterprise Server, the same page on your server: Settings → Developer settings).
      </li>
      <li>
        Give it the <code>notifications</code> scope, and <code>user</code> if Lull should set your status to
        busy while you focus. Fine-grained tokens cannot read notifications.
      </li>
    </ol>
  )
}

export function GithubFields({ draft, update, invalid }: FieldsProps) {
  return (
    <>
      <Field label="Token" help="Starts with ghp_." error={errorAt(invalid, 'githubToken')}>
        <input
          type="password"
          autoComplete="off"
          placeholder="ghp_…"
          value={draft.githubToken}
          onChange={(event) => update({ githubToken: event.target.value })}
        />
      </Field>
      <Field label="GitHub Enterprise Server address" isOptional help="Leave it empty for github.com.">
        <input
          placeholder="https://github.example.com"
          value={draft.githubHost}
          onChange={(event) => update({ githubHost: event.target.value })}
        />
      </Field>
    </>
  )
}

export function EmailSteps() {
  return (
    <ol className="source-steps">
      <li>
        Lull reads your mail over IMAP, and never marks it read by looking. Gmail, Outlook and Fastmail want
        an <strong>app password</strong>, made in their security settings (for Gmail:{' '}
        <SourceLink url="https://myaccount.google.com/apppasswords">App passwords</SourceLink>), or an OAuth2
        access token.
      </li>
      <li>Another provider: its IMAP server’s name and port are in its help pages.</li>
    </ol>
  )
}

/** `problem`: the last refusal, which may name a certificate the person can choose to trust. */
export function EmailFields({ draft, update, invalid, problem }: FieldsProps & { problem?: string | null }) {
  const preset = presetFor({ host: draft.emailHost, user: draft.emailAddress })
  const offered = certificateFingerprintIn(problem ?? null) ?? (draft.emailTrustedFingerprint || null)
  return (
    <>
      <fieldset className="connect-presets">
        <legend>Mail provider</legend>
        <div className="connect-preset-buttons">
          {mailPresets.map((candidate) => (
            <button
              key={candidate.name}
              type="button"
              className="small"
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
        </div>
      </fieldset>
      <Field label="Address or user name" error={errorAt(invalid, 'emailAddress')}>
        <input
          type="email"
          autoComplete="username"
          placeholder="you@example.com"
          value={draft.emailAddress}
          onChange={(event) => update({ emailAddress: event.target.value })}
        />
      </Field>
      <div className="field-row">
        <Field
          label="IMAP server"
          className="field-wide"
          help={
            preset && !draft.emailHost.trim() ? `${preset.name}’s is filled in from the address.` : undefined
          }
          error={errorAt(invalid, 'emailHost')}
        >
          <input
            placeholder={preset?.host ?? 'imap.example.com'}
            value={draft.emailHost}
            onChange={(event) => update({ emailHost: event.target.value })}
          />
        </Field>
        <Field label="Port" className="field-narrow" error={errorAt(invalid, 'emailPort')}>
          <input
            inputMode="numeric"
            value={draft.emailPort}
            onChange={(event) => update({ emailPort: event.target.value })}
          />
        </Field>
      </div>
      <Field label="Security">
        <select
          value={draft.emailSecurity}
          onChange={(event) => update({ emailSecurity: event.target.value as Draft['emailSecurity'] })}
        >
          <option value="tls">TLS from the start (port 993)</option>
          <option value="starttls">STARTTLS (port 143)</option>
          <option value="plain">None (a server on this computer only)</option>
        </select>
      </Field>
      <ChoiceGroup legend="Sign in with" className="connect-auth">
        <Radio
          name="email-auth"
          label="Password or app password"
          checked={draft.emailAuth === 'password'}
          onChange={() => update({ emailAuth: 'password' })}
        />
        <Radio
          name="email-auth"
          label="OAuth2 access token"
          checked={draft.emailAuth === 'oauth'}
          onChange={() => update({ emailAuth: 'oauth' })}
        />
      </ChoiceGroup>
      <Field
        label={draft.emailAuth === 'password' ? 'Password' : 'Access token'}
        error={errorAt(invalid, 'emailSecret')}
      >
        <input
          type="password"
          autoComplete="off"
          value={draft.emailSecret}
          onChange={(event) => update({ emailSecret: event.target.value })}
        />
      </Field>
      {offered ? (
        <Checkbox
          className="connect-trust"
          label={
            <>
              Trust this server's certificate (SHA-256 <code>{offered}</code>)
            </>
          }
          help="Only after checking the fingerprint with whoever runs the server."
          checked={draft.emailTrustedFingerprint === offered}
          onChange={(checked) => update({ emailTrustedFingerprint: checked ? offered : '' })}
        />
      ) : null}
      <details className="connect-ca">
        <summary>Company mail server with its own certificate authority</summary>
        <Field
          label="CA certificate (PEM)"
          help="The certificate of the authority that signed your mail server’s, as your IT department gives it."
        >
          <textarea
            rows={4}
            spellCheck={false}
            placeholder="-----BEGIN CERTIFICATE-----"
            value={draft.emailCaPem}
            onChange={(event) => update({ emailCaPem: event.target.value })}
          />
        </Field>
      </details>
    </>
  )
}
