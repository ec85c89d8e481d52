// Rules: the urgent rules in the order they are tried (the first match
// wins), each with a preview of what it would have let through over the
// last week of stored items (who · where · what · when) and the
// notifications that would have cost; a new rule is previewed as it is
// typed, before it is added.
import { useLiveQuery } from 'dexie-react-hooks'
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react'
import { useEffect, useMemo, useState } from 'react'
import { snippet } from '../../../shared/display-text'
import { githubReasons, type Settings, type SourceItem, type UrgentRule } from '../../../shared/model'
import { describeRule, previewDays, previewRule, type RulePreview } from '../../../shared/policy'
import { useServices } from '../../app-context'
import { readReceivedSince } from '../../db/item-queries'
import { urgentPollMs } from '../../engine/polling'
import { type Attention, useAttention } from '../../hooks/use-attention'
import { Button } from '../../ui/Button'
import { Switch } from '../../ui/Choice'
import { Field } from '../../ui/Field'
import { formatWhen } from '../../ui/format'
import { Field as Text } from '../../ui/MessageText'
import { PageHeader } from '../../ui/PageHeader'
import { Section } from '../../ui/Section'
import { type RuleChoice, ruleChoices, ruleFrom } from './rule-kinds'

const dayMs = 24 * 60 * 60_000
/** The preview reads at most this many items of each status from the week. */
const previewLimit = 5_000
/** How many of a preview's messages are listed. */
const shownMessages = 5

export function RulesView() {
  const attention = useAttention()
  return (
    <div className="rules">
      <PageHeader
        title="Rules"
        description="Only messages these rules match break through deep work; everything else waits for a check-in."
      />
      {attention ? <RulesEditor attention={attention} /> : <p className="loading">Loading…</p>}
    </div>
  )
}

function RulesEditor({ attention }: { attention: Attention }) {
  const { db, engine } = useServices()
  const [problem, setProblem] = useState<string | null>(null)
  // The week moves once an hour, so the read is not redone on every tick.
  const since = Math.floor((attention.now - previewDays * dayMs) / 3_600_000) * 3_600_000
  const week = useLiveQuery(() => readReceivedSince(db, since, previewLimit), [db, since])
  const rules = attention.settings.urgentRules
  const preview = (rule: UrgentRule): RulePreview | null =>
    week
      ? previewRule(rule, week.items, attention.settings, {
          zone: attention.zone,
          now: attention.now,
          pollMs: urgentPollMs,
          calendar: attention.calendar,
        })
      : null
  const when = (at: number) => formatWhen(at, attention.zone, attention.now)

  async function save(urgentRules: UrgentRule[]) {
    const next: Settings = { ...attention.settings, urgentRules }
    const result = await engine.saveSettings(next)
    setProblem(result.ok ? null : result.errors.map((error) => error.message).join(' '))
  }
  const move = (index: number, by: number) => {
    const next = [...rules]
    const [rule] = next.splice(index, 1)
    if (rule) next.splice(index + by, 0, rule)
    void save(next)
  }

  return (
    <>
      <Section
        title="Urgent rules"
        headingId="rules-heading"
        description={`Tried in order: the first match names the breakthrough. Each preview replays the last ${previewDays} days of stored items.`}
      >
        {problem ? (
          <p role="alert" className="field-error">
            {problem}
          </p>
        ) : null}
        {rules.length === 0 ? (
          <p className="muted">No urgent rules: nothing breaks through deep work. Add one below.</p>
        ) : (
          <ol className="rule-list">
            {rules.map((rule, index) => (
              <li key={rule.id} data-rule-id={rule.id}>
                <div className="rule-head">
                  <strong>{describeRule(rule)}</strong>
                  <div className="rule-actions">
                    <Button
                      variant="quiet"
                      size="sm"
                      icon={ArrowUp}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      Move up<span className="visually-hidden"> {describeRule(rule)}</span>
                    </Button>
                    <Button
                      variant="quiet"
                      size="sm"
                      icon={ArrowDown}
                      disabled={index === rules.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      Move down<span className="visually-hidden"> {describeRule(rule)}</span>
                    </Button>
                    <Button
                      variant="quiet"
                      size="sm"
                      icon={Trash2}
                      onClick={() => void save(rules.filter((other) => other.id !== rule.id))}
                    >
                      Remove<span className="visually-hidden"> {describeRule(rule)}</span>
                    </Button>
                  </div>
                </div>
                <Switch
                  label={
                    <>
                      Even on leave<span className="visually-hidden"> for {describeRule(rule)}</span>
                    </>
                  }
                  help="Breaks through while your calendar says you are out of office."
                  checked={rule.evenOnLeave === true}
                  onChange={(isOn) =>
                    void save(
                      rules.map((other) => (other.id === rule.id ? { ...other, evenOnLeave: isOn } : other)),
                    )
                  }
                />
                <PreviewLine preview={preview(rule)} when={when} />
              </li>
            ))}
          </ol>
        )}
      </Section>
      <NewRule preview={preview} when={when} onAdd={(rule) => void save([...rules, rule])} />
    </>
  )
}

/** What a message says in a line: a Slack message's text, a pull request's or mail's title. */
function what(item: SourceItem): string {
  return snippet(item.source === 'slack' ? item.text || item.title : item.title || item.text)
}

function PreviewLine({ preview, when }: { preview: RulePreview | null; when(at: number): string }) {
  if (!preview) return <p className="muted">Replaying the last week…</p>
  const count = preview.matched.length
  return (
    <div className="rule-preview" data-testid="rule-preview">
      <p className="rule-preview-summary">
        Last {previewDays} days: would have let through <strong data-testid="preview-count">{count}</strong>{' '}
        of {preview.considered} item
        {preview.considered === 1 ? '' : 's'}, costing{' '}
        <strong data-testid="preview-notifications">{preview.notifications}</strong> notification
        {preview.notifications === 1 ? '' : 's'}.
      </p>
      {count > 0 ? (
        <ul className="rule-preview-items">
          {preview.matched.slice(0, shownMessages).map((item) => (
            <li key={item.id} data-testid="preview-item">
              <Text className="preview-who" text={item.author.name} />
              <span className="preview-dot" aria-hidden="true">
                ·
              </span>
              <Text className="preview-where" text={item.container || item.source} />
              <span className="preview-dot" aria-hidden="true">
                ·
              </span>
              <Text className="preview-what" text={what(item)} />
              <time className="preview-when">{when(item.sentAt)}</time>
            </li>
          ))}
          {count > shownMessages ? <li className="muted">and {count - shownMessages} more</li> : null}
        </ul>
      ) : null}
    </div>
  )
}

function NewRule(props: {
  preview(rule: UrgentRule): RulePreview | null
  when(at: number): string
  onAdd(rule: UrgentRule): void
}) {
  const [choice, setChoice] = useState<RuleChoice>('slack-channel')
  const [value, setValue] = useState('')
  const [typed, setTyped] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  // The preview follows the typing a moment behind, so a week of items is not replayed per key.
  useEffect(() => {
    const timer = setTimeout(() => setTyped(value), 250)
    return () => clearTimeout(timer)
  }, [value])
  const draft = useMemo(() => ruleFrom(choice, typed, 'draft'), [choice, typed])
  const spec = ruleChoices.find((candidate) => candidate.choice === choice)
  return (
    <Section title="Add a rule" level={2}>
      <form
        className="new-rule"
        aria-label="Add an urgent rule"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          const built = ruleFrom(choice, value, `rule-${Date.now().toString(36)}`)
          if ('problem' in built) return setProblem(built.problem)
          setProblem(null)
          setValue('')
          props.onAdd(built.rule)
        }}
      >
        <div className="new-rule-fields">
          <Field label="Kind">
            <select
              value={choice}
              onChange={(event) => {
                setChoice(event.target.value as RuleChoice)
                setValue('')
                setProblem(null)
              }}
            >
              {['Slack', 'GitHub', 'Email'].map((group) => (
                <optgroup key={group} label={group}>
                  {ruleChoices
                    .filter((candidate) => candidate.group === group)
                    .map((candidate) => (
                      <option key={candidate.choice} value={candidate.choice}>
                        {group}: {candidate.label}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </Field>
          {choice === 'github-reason' ? (
            <Field label="Reason" error={problem}>
              <select value={value} onChange={(event) => setValue(event.target.value)}>
                <option value="">Pick one</option>
                {githubReasons.map((reason) => (
                  <option key={reason} value={reason}>
                    {reason.replaceAll('_', ' ')}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <Field label={spec?.label ?? 'Value'} error={problem}>
              <input
                value={value}
                placeholder={spec?.placeholder}
                autoComplete="off"
                onChange={(event) => setValue(event.target.value)}
              />
            </Field>
          )}
        </div>
        {'rule' in draft ? <PreviewLine preview={props.preview(draft.rule)} when={props.when} /> : null}
        <button type="submit" className="primary">
          Add rule
        </button>
      </form>
    </Section>
  )
}
