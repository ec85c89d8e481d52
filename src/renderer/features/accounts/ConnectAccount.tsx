// Connecting an account, as steps: choose a source, create what it needs
// there (with the link and the scopes), then sign in here: fields with their
// labels above, help under them and what is missing said at the field, the
// source's answer (a wrong token, a missing scope) above the one primary
// action, last and alone. The secret goes straight to main, which verifies it
// and keeps it in its vault; on a system without a keyring the person
// chooses where it may live first. Slack, GitHub and email; several of each.
import { type RefObject, useEffect, useId, useRef, useState } from 'react'
import { type CallRequest, HostError } from '../../../shared/contract'
import type { Account } from '../../../shared/model'
import { useServices } from '../../app-context'
import { Button } from '../../ui/Button'
import { Callout } from '../../ui/Callout'
import { Field } from '../../ui/Field'
import { Icon } from '../../ui/Icon'
import { kindIcon } from './AccountMark'
import {
  connectRequest,
  type Draft,
  type DraftProblem,
  emptyDraft,
  type Kind,
  kindNames,
} from './connect-request'
import { EmailFields, EmailSteps, GithubFields, GithubSteps, SlackFields, SlackSteps } from './SourceFields'

type Request = CallRequest<'account:connect'>

const kindAbout: Record<Kind, string> = {
  slack: 'DMs, mentions, threads, channels',
  github: 'Reviews, mentions, assignments',
  email: 'Gmail, Outlook, any IMAP',
}

const stepTitle: Record<Kind, string> = {
  slack: 'Make Lull’s app in Slack',
  github: 'Create a token on GitHub',
  email: 'Get an app password',
}

/**
 * With `reconnect`, the form signs that account in again (after its token
 * was revoked): its kind is set, and main keeps its id only if the sign-in
 * is the same identity. `onDone` gets what to say about the account just
 * connected, which the view keeps as `connected` (this form starts afresh
 * after a reconnect). `headingRef` lets the view move the focus here.
 */
export function ConnectAccount(
  props: {
    reconnect?: Account | null
    connected?: string | null
    onDone?: (said: string) => void
    onStart?: () => void
    headingRef?: RefObject<HTMLHeadingElement | null>
  } = {},
) {
  const { engine } = useServices()
  const reconnect = props.reconnect && props.reconnect.kind !== 'sample' ? props.reconnect : null
  const [kind, setKind] = useState<Kind | null>(reconnect ? (reconnect.kind as Kind) : null)
  const ownHeading = useRef<HTMLHeadingElement>(null)
  const heading = props.headingRef ?? ownHeading
  useEffect(() => {
    if (reconnect) heading.current?.focus()
  }, [reconnect, heading])
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [problem, setProblem] = useState<string | null>(null)
  const [invalid, setInvalid] = useState<DraftProblem | null>(null)
  const [consent, setConsent] = useState<{ request: Request; message: string } | null>(null)
  const [isBusy, setBusy] = useState(false)
  const aboutId = useId()
  const update = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }))
    // Typing in the field that was complained about answers the complaint.
    setInvalid((current) => (current && current.field in patch ? null : current))
  }

  async function send(request: Request) {
    setBusy(true)
    setProblem(null)
    try {
      const account = await engine.connectAccount(
        reconnect ? { ...request, reconnect: reconnect.id } : request,
      )
      props.onDone?.(
        reconnect
          ? `${account.label} is connected again; its items and picks are as they were.`
          : `${kindNames[request.kind as Kind] ?? 'The account'} connected as ${account.identity}. Pick the channels or mailboxes to follow on its card above.`,
      )
      setConsent(null)
      setDraft(emptyDraft)
      setKind(null)
    } catch (error) {
      if (error instanceof HostError && error.code === 'needs-consent') {
        setConsent({ request, message: error.message })
      } else {
        setProblem(error instanceof Error ? error.message : String(error))
      }
    } finally {
      setBusy(false)
    }
  }

  function submit() {
    if (!kind) return
    const built = connectRequest(kind, draft)
    setProblem(null)
    if ('problem' in built) setInvalid(built)
    else {
      setInvalid(null)
      void send(built.request)
    }
  }

  const fields = { draft, update, invalid }
  return (
    <section className="connect section" aria-labelledby="connect-heading">
      <div className="section-header">
        <h2 id="connect-heading" ref={heading} tabIndex={-1}>
          {reconnect ? `Reconnect ${reconnect.label}` : 'Connect an account'}
        </h2>
        <p className="section-description">
          {reconnect
            ? `Sign in again as ${reconnect.identity}. Its streams, picks and items stay as they are.`
            : 'Lull keeps the sign-in in its vault on this computer and asks the source only for what it shows you.'}
        </p>
      </div>
      {props.connected ? (
        <Callout tone="success" role="status" className="connect-done">
          <p>{props.connected}</p>
        </Callout>
      ) : null}
      <ol className="connect-steps">
        {reconnect ? null : (
          <li className="connect-step">
            <h3>Choose a source</h3>
            <div className="source-choices">
              {(Object.keys(kindNames) as Kind[]).map((candidate) => (
                <div key={candidate} className="source-choice">
                  <span className="source-choice-icon">
                    <Icon icon={kindIcon[candidate]} />
                  </span>
                  <button
                    type="button"
                    aria-pressed={kind === candidate}
                    aria-describedby={`${aboutId}-${candidate}`}
                    onClick={() => {
                      setKind(candidate)
                      setProblem(null)
                      setInvalid(null)
                      setConsent(null)
                      props.onStart?.()
                    }}
                  >
                    {kindNames[candidate]}
                  </button>
                  <p className="meta" id={`${aboutId}-${candidate}`}>
                    {kindAbout[candidate]}
                  </p>
                </div>
              ))}
            </div>
          </li>
        )}
        {kind ? (
          <li className="connect-step">
            <h3>{stepTitle[kind]}</h3>
            {kind === 'slack' ? <SlackSteps /> : null}
            {kind === 'github' ? <GithubSteps /> : null}
            {kind === 'email' ? <EmailSteps /> : null}
          </li>
        ) : null}
        {kind ? (
          <li className="connect-step">
            <h3>Sign in</h3>
            <form
              className="connect-form"
              aria-label={`Connect ${kindNames[kind]}`}
              noValidate
              onSubmit={(event) => {
                event.preventDefault()
                submit()
              }}
            >
              {kind === 'slack' ? <SlackFields {...fields} /> : null}
              {kind === 'github' ? <GithubFields {...fields} /> : null}
              {kind === 'email' ? <EmailFields {...fields} problem={problem} /> : null}
              <Field label="Name in Lull" isOptional help="Its name at the source unless you give another.">
                <input
                  value={draft.label}
                  maxLength={256}
                  onChange={(event) => update({ label: event.target.value })}
                />
              </Field>
              {problem ? (
                <Callout tone="error" role="alert" className="connect-problem">
                  <p>{problem}</p>
                </Callout>
              ) : null}
              {consent ? (
                <div
                  className="callout callout-warning connect-consent"
                  role="alertdialog"
                  aria-label="Where to keep the sign-in"
                >
                  <div className="callout-body">
                    <p>{consent.message}</p>
                  </div>
                  <div className="callout-actions">
                    <Button onClick={() => void send({ ...consent.request, secretStorage: 'saved' })}>
                      Save it anyway
                    </Button>
                    <Button onClick={() => void send({ ...consent.request, secretStorage: 'this-run' })}>
                      Keep it for this run only
                    </Button>
                  </div>
                </div>
              ) : null}
              <div className="form-actions">
                <Button type="submit" variant="primary" disabled={isBusy}>
                  {isBusy ? 'Checking…' : `Connect ${kindNames[kind]}`}
                </Button>
              </div>
            </form>
          </li>
        ) : null}
      </ol>
    </section>
  )
}
