// The reply to DMs held during deep work, per Slack account: the switch
// (off by default; turning it on asks Slack whether Lull may post as the
// person, and says what to do if not), the words with what they read like
// now, who is answered, and a preview of the last seven days of stored DMs
// replayed through the policy's simulate, the same decision the engine makes.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { type Account, DmReplySettings, defaultDmReply } from '../../../shared/model'
import {
  fillReplyTemplate,
  type ReplyPreviewRow,
  replySkipText,
  simulateReplies,
  urgentChannelOf,
} from '../../../shared/policy'
import { useServices } from '../../app-context'
import { directMessagesSince } from '../../db/replies'
import { listAccounts, listFocusSessions } from '../../db/repositories'
import type { Attention } from '../../hooks/use-attention'
import { Button } from '../../ui/Button'
import { Callout } from '../../ui/Callout'
import { Checkbox, Switch } from '../../ui/Choice'
import { Field } from '../../ui/Field'
import { formatClock, formatWhen } from '../../ui/format'
import { Section } from '../../ui/Section'

const weekMs = 7 * 24 * 60 * 60_000

export function DmReplySection({ attention }: { attention: Attention }) {
  const { db } = useServices()
  const accounts = useLiveQuery(() => listAccounts(db), [db])
  if (!accounts) return null
  const slack = accounts.filter((account) => account.kind === 'slack')
  return (
    <Section
      title="Answer DMs during deep work"
      headingId="dm-reply-heading"
      className="dm-reply"
      description="Someone who DMs you while you focus is told once when you will read it, and where urgent things go. Nothing of their message is repeated."
    >
      {slack.length === 0 ? (
        <p className="muted">Connect a Slack account to answer direct messages while you focus.</p>
      ) : (
        slack.map((account) => (
          <DmReplyForm
            key={`${account.id}:${JSON.stringify(account.dmReply)}`}
            account={account}
            attention={attention}
          />
        ))
      )}
    </Section>
  )
}

function DmReplyForm({ account, attention }: { account: Account; attention: Attention }) {
  const { engine } = useServices()
  const saved = account.dmReply ?? defaultDmReply
  const [template, setTemplate] = useState(saved.template)
  const [quiet, setQuiet] = useState(String(saved.midConversationMinutes))
  const [note, setNote] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const save = async (change: Partial<DmReplySettings>) => {
    const next = {
      ...saved,
      template,
      midConversationMinutes: quiet.trim() === '' ? Number.NaN : Number(quiet),
      ...change,
    }
    const checked = DmReplySettings.safeParse(next)
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'That reply cannot be saved.')
      return
    }
    setError(null)
    const result = await engine.setDmReply(account.id, next)
    setNote(result.ok ? null : result.note)
  }
  const checkIn = attention.nextCheckInAt
  const example = fillReplyTemplate(template, {
    checkIn: checkIn === null ? '11:30' : formatClock(checkIn, attention.zone),
    until: formatClock(attention.deep.until ?? checkIn ?? attention.now, attention.zone),
    urgentChannel: urgentChannelOf(attention.settings),
  })
  return (
    <div className="dm-reply-account" data-testid="dm-reply">
      <Switch
        label={`While I am in deep work, answer a direct message on ${account.label} once`}
        help="Off unless you turn it on. Lull posts as you, so your Slack app needs the chat:write scope (Lull's manifest asks for it)."
        checked={saved.isOn}
        onChange={(isOn) => void save({ isOn })}
      />
      {note ? (
        <Callout tone="warning" role="alert">
          <p data-testid="dm-reply-note">{note}</p>
        </Callout>
      ) : null}
      <Field
        label="Reply"
        help={
          <>
            {'{checkIn}'} is the check-in their DM will be delivered at, {'{until}'} when deep work ends,{' '}
            {'{urgentChannel}'} the first urgent channel in your rules (a sentence naming it is left out when
            you have none). Right now it reads: <q data-testid="dm-reply-example">{example}</q>
          </>
        }
        error={error}
      >
        <textarea
          rows={3}
          value={template}
          maxLength={400}
          onChange={(event) => setTemplate(event.target.value)}
        />
      </Field>
      <Checkbox
        label="Group DMs too"
        help="Everyone in the group would see the reply."
        checked={saved.isGroupDmOn}
        onChange={(isGroupDmOn) => void save({ isGroupDmOn })}
      />
      <Checkbox
        label="At most once a person a day"
        help="Otherwise once a person in each stretch of deep work."
        checked={saved.isOncePerDay}
        onChange={(isOncePerDay) => void save({ isOncePerDay })}
      />
      <Field
        label="Mid-conversation window (minutes)"
        help="Someone who wrote this soon before deep work began is not answered: you were talking. 0 answers them too."
      >
        <input inputMode="numeric" value={quiet} onChange={(event) => setQuiet(event.target.value)} />
      </Field>
      <p className="muted">Never answered: bots and Slackbot, channels, and messages that broke through.</p>
      <div className="dm-reply-actions">
        <Button
          variant="primary"
          onClick={() => void save({})}
          disabled={template === saved.template && quiet === String(saved.midConversationMinutes)}
        >
          Save reply
        </Button>
      </div>
      <ReplyPreview account={account} attention={attention} template={template} />
    </div>
  )
}

function ReplyPreview({
  account,
  attention,
  template,
}: {
  account: Account
  attention: Attention
  template: string
}) {
  const { db } = useServices()
  const [rows, setRows] = useState<ReplyPreviewRow[] | null>(null)
  const preview = async () => {
    const since = attention.now - weekMs
    const [dms, sessions] = await Promise.all([
      directMessagesSince(db, account.id, since),
      listFocusSessions(db, since),
    ])
    const reply = { ...(account.dmReply ?? defaultDmReply), template, isOn: true }
    setRows(
      simulateReplies(
        attention.settings,
        dms,
        attention.zone,
        sessions,
        { settings: reply },
        attention.calendar,
      ),
    )
  }
  const told = rows?.filter((row) => row.decision.kind === 'reply') ?? []
  return (
    <div className="dm-reply-preview">
      <Button onClick={() => void preview()}>Preview the last 7 days</Button>
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted" data-testid="dm-reply-preview">
          No direct messages stored from the last 7 days.
        </p>
      ) : (
        <>
          <p data-testid="dm-reply-preview">
            {told.length === 1
              ? '1 DM would have been answered'
              : `${told.length} DMs would have been answered`}{' '}
            of {rows.length}.
          </p>
          <ul className="dm-reply-preview-list">
            {rows.map((row) => (
              <li key={row.dm.id} data-told={row.decision.kind === 'reply' || undefined}>
                <bdi>{row.dm.author.name}</bdi>, {formatWhen(row.at, attention.zone, attention.now)}:{' '}
                {row.decision.kind === 'reply'
                  ? `told they would be read at the ${formatClock(row.decision.checkInAt, attention.zone)} check-in`
                  : `not told: ${replySkipText[row.decision.reason]}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
