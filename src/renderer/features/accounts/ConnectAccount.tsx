// Connecting an account: a form per kind that says what to create at the
// source and where, sends the secret straight to main (which verifies it and
// keeps it in its vault), and shows the source's answer (a wrong token, a
// missing scope) next to the form. On a system without a keyring the person
// chooses where the secret may live before it is kept. Slack, GitHub and
// email; several accounts of each.
import { useEffect, useRef, useState } from 'react'
import { type CallRequest, HostError } from '../../../shared/contract'
import type { Account } from '../../../shared/model'
import { useServices } from '../../app-context'
import { connectRequest, type Draft, emptyDraft, type Kind, kindNames } from './connect-request'
import { EmailFields, SlackFields } from './SourceFields'

type Request = CallRequest<'account:connect'>

/**
 * With `reconnect`, the form signs that account in again (after its token
 * was revoked): its kind is set, and main keeps its id only if the sign-in
 * is the same identity.
 */
export function ConnectAccount(props: { reconnect?: Account | null; onDone?: () => void } = {}) {
  const { engine } = useServices()
  const reconnect = props.reconnect && props.reconnect.kind !== 'sample' ? props.reconnect : null
  const [kind, setKind] = useState<Kind | null>(reconnect ? (reconnect.kind as Kind) : null)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (reconnect) heading.current?.focus()
  }, [reconnect])
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [problem, setProblem] = useState<string | null>(null)
  const [consent, setConsent] = useState<{ request: Request; message: string } | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [connected, setConnected] = useState<string | null>(null)
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }))

  async function send(request: Request) {
    setBusy(true)
    setProblem(null)
    try {
      const account = await engine.connectAccount(
        reconnect ? { ...request, reconnect: reconnect.id } : request,
      )
      setConnected(
        reconnect
          ? `${account.label} is connected again; its items and picks are as they were.`
          : `${kindNames[request.kind as Kind] ?? 'The account'} connected as ${account.identity}.`,
      )
      props.onDone?.()
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
    if ('problem' in built) setProblem(built.problem)
    else void send(built.request)
  }

  return (
    <section className="connect" aria-labelledby="connect-heading">
      <h2 id="connect-heading" ref={heading} tabIndex={-1}>
        {reconnect ? `Reconnect ${reconnect.label}` : 'Connect an account'}
      </h2>
      {reconnect ? (
        <p className="muted">
          Sign in again as {reconnect.identity}. Its streams, picks and items stay as they are.
        </p>
      ) : null}
      {connected ? (
        <p role="status" className="connect-done">
          {connected} Pick the channels or mailboxes to follow on its card above.
        </p>
      ) : null}
      <div className="connect-kinds">
        {(Object.keys(kindNames) as Kind[]).map((candidate) => (
          <button
            key={candidate}
            type="button"
            aria-pressed={kind === candidate}
            onClick={() => {
              setKind(candidate)
              setProblem(null)
              setConsent(null)
              setConnected(null)
            }}
          >
            {kindNames[candidate]}
          </button>
        ))}
      </div>
      {kind ? (
        <form
          className="connect-form"
          aria-label={`Connect ${kindNames[kind]}`}
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          {kind === 'slack' ? <SlackFields draft={draft} update={update} /> : null}
          {kind === 'email' ? <EmailFields draft={draft} update={update} /> : null}
          {kind === 'github' ? (
            <>
              <p>
                Create a <strong>classic</strong> personal access token with the <code>notifications</code>{' '}
                scope, and <code>user</code> if Lull should set your status to busy while you focus.
                Fine-grained tokens cannot read notifications.
              </p>
              <label>
                Token{' '}
                <input
                  type="password"
                  autoComplete="off"
                  placeholder="ghp_…"
                  value={draft.githubToken}
                  onChange={(event) => update({ githubToken: event.target.value })}
                />
              </label>
              <label>
                GitHub Enterprise Server address (leave empty for github.com){' '}
                <input
                  placeholder="https://github.example.com"
                  value={draft.githubHost}
                  onChange={(event) => update({ githubHost: event.target.value })}
                />
              </label>
            </>
          ) : null}
          <label>
            Name in Lull (optional){' '}
            <input
              value={draft.label}
              maxLength={256}
              onChange={(event) => update({ label: event.target.value })}
            />
          </label>
          {problem ? (
            <p className="connect-problem" role="alert">
              {problem}
            </p>
          ) : null}
          {consent ? (
            <div className="connect-consent" role="alertdialog" aria-label="Where to keep the sign-in">
              <p>{consent.message}</p>
              <button type="button" onClick={() => void send({ ...consent.request, secretStorage: 'saved' })}>
                Save it anyway
              </button>
              <button
                type="button"
                onClick={() => void send({ ...consent.request, secretStorage: 'this-run' })}
              >
                Keep it for this run only
              </button>
            </div>
          ) : null}
          <button type="submit" disabled={isBusy}>
            {isBusy ? 'Checking…' : `Connect ${kindNames[kind]}`}
          </button>
        </form>
      ) : null}
    </section>
  )
}
