// Rules: the urgent rules in the order they are tried (the first match
// wins), each with a preview of what it would have let through over the
// last week of stored items and the notifications that would have cost;
// a new rule is previewed as it is typed, before it is added.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useState } from 'react'
import { githubReasons, type Settings, type UrgentRule } from '../../../shared/model'
import { describeRule, previewDays, previewRule, type RulePreview } from '../../../shared/policy'
import { useServices } from '../../app-context'
import { readReceivedSince } from '../../db/item-queries'
import { urgentPollMs } from '../../engine/polling'
import { type Attention, useAttention } from '../../hooks/use-attention'
import { Field } from '../../ui/MessageText'
import { type RuleChoice, ruleChoices, ruleFrom } from './rule-kinds'

const dayMs = 24 * 60 * 60_000
/** The preview reads at most this many items of each status from the week. */
const previewLimit = 5_000

export function RulesView() {
  const attention = useAttention()
  if (!attention) return <p className="loading">Loading…</p>
  return <RulesEditor attention={attention} />
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
        })
      : null

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
    <section className="rules" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Urgent rules</h2>
      <p className="muted">
        During deep work only items a rule matches break through; the rest wait for the next check-in. Rules
        are tried in order and the first match names the breakthrough. Previews replay the last {previewDays}{' '}
        days of stored items.
      </p>
      {problem ? (
        <p role="alert" className="connect-problem">
          {problem}
        </p>
      ) : null}
      {rules.length === 0 ? (
        <p className="muted">No urgent rules: nothing breaks through deep work. Add one below.</p>
      ) : (
        <ol className="rule-list">
          {rules.map((rule, index) => (
            <li key={rule.id} data-rule-id={rule.id}>
              <strong>{describeRule(rule)}</strong>
              <PreviewLine preview={preview(rule)} />
              <div className="rule-actions">
                <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>
                  Move up<span className="visually-hidden"> {describeRule(rule)}</span>
                </button>
                <button type="button" disabled={index === rules.length - 1} onClick={() => move(index, 1)}>
                  Move down<span className="visually-hidden"> {describeRule(rule)}</span>
                </button>
                <button
                  type="button"
                  onClick={() => void save(rules.filter((other) => other.id !== rule.id))}
                >
                  Remove<span className="visually-hidden"> {describeRule(rule)}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <NewRule preview={preview} onAdd={(rule) => void save([...rules, rule])} />
    </section>
  )
}

function PreviewLine({ preview }: { preview: RulePreview | null }) {
  if (!preview) return <p className="muted">Replaying the last week…</p>
  const count = preview.matched.length
  return (
    <div className="rule-preview" data-testid="rule-preview">
      <p>
        Last {previewDays} days: would have let through <strong data-testid="preview-count">{count}</strong>{' '}
        of {preview.considered} item
        {preview.considered === 1 ? '' : 's'}, costing{' '}
        <strong data-testid="preview-notifications">{preview.notifications}</strong> notification
        {preview.notifications === 1 ? '' : 's'}.
      </p>
      {count > 0 ? (
        <ul className="rule-preview-items">
          {preview.matched.slice(0, 5).map((item) => (
            <li key={item.id}>
              <Field text={item.container} /> · <Field text={item.author.name} /> —{' '}
              <Field text={item.title} />
            </li>
          ))}
          {count > 5 ? <li className="muted">and {count - 5} more</li> : null}
        </ul>
      ) : null}
    </div>
  )
}

function NewRule(props: { preview(rule: UrgentRule): RulePreview | null; onAdd(rule: UrgentRule): void }) {
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
    <form
      className="new-rule"
      aria-label="Add an urgent rule"
      onSubmit={(event) => {
        event.preventDefault()
        const built = ruleFrom(choice, value, `rule-${Date.now().toString(36)}`)
        if ('problem' in built) return setProblem(built.problem)
        setProblem(null)
        setValue('')
        props.onAdd(built.rule)
      }}
    >
      <h3>Add a rule</h3>
      <label>
        Kind{' '}
        <select
          value={choice}
          onChange={(event) => {
            setChoice(event.target.value as RuleChoice)
            setValue('')
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
      </label>
      {choice === 'github-reason' ? (
        <label>
          Reason{' '}
          <select value={value} onChange={(event) => setValue(event.target.value)}>
            <option value="">Pick one</option>
            {githubReasons.map((reason) => (
              <option key={reason} value={reason}>
                {reason.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {spec?.label ?? 'Value'}{' '}
          <input
            value={value}
            placeholder={spec?.placeholder}
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
      )}
      {'rule' in draft ? <PreviewLine preview={props.preview(draft.rule)} /> : null}
      {problem ? (
        <p role="alert" className="connect-problem">
          {problem}
        </p>
      ) : null}
      <button type="submit">Add rule</button>
    </form>
  )
}
