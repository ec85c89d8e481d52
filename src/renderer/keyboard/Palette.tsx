// The command palette's content: every action and every view by name, each
// with its key. An item action runs on the list (or item) that had the
// focus when the palette opened.
import { Command } from 'cmdk'
import { useRef } from 'react'
import { useServices } from '../app-context'
import { type KeyTarget, useUi } from '../store'
import { useTriage } from '../ui/list/use-triage'
import { Keys } from './Keys'
import { type ListActionKind, listCommands, modKey, views } from './keymap'
import { viewTarget } from './use-keys'

type Entry = { id: string; label: string; shown: string[]; run(): void; keywords?: string[] }

export function Palette({ onDone, target }: { onDone(): void; target: KeyTarget | null }) {
  const { engine } = useServices()
  const triage = useTriage()
  // The list the actions act on: the one that had the focus as the palette opened.
  const listTarget = useRef(target)
  const ui = useUi.getState()
  /** Close first, so the focus is back on the list when the action moves it. */
  const then = (work: () => void) => () => {
    onDone()
    requestAnimationFrame(work)
  }
  const onList = (kind: ListActionKind) => then(() => listTarget.current?.act(kind))
  const itemEntries: Entry[] = listCommands.map((command) => ({
    id: command.kind,
    label: command.label,
    shown: command.shown,
    run: onList(command.kind),
  }))
  itemEntries.push({
    id: 'undo',
    label: 'Undo the last done or snooze',
    shown: ['u'],
    run: then(() => void triage.undo()),
  })
  const viewEntries: Entry[] = views.map((view) => ({
    id: `go-${view.view}`,
    label: `Go to ${view.label}`,
    shown: ['g', view.key],
    run: then(() => ui.navigate(viewTarget(view.view))),
  }))
  const lullEntries: Entry[] = [
    { id: 'check-in', label: 'Check in now', shown: [], run: then(() => void engine.checkInNow()) },
    {
      id: 'focus',
      label: 'Focus for 50 minutes',
      shown: [],
      keywords: ['start', 'deep work'],
      run: then(() => void engine.startFocus({ kind: 'minutes', minutes: 50 })),
    },
    { id: 'end-focus', label: 'End focus', shown: [], run: then(() => void engine.endFocus()) },
    {
      id: 'search',
      label: 'Search the inbox',
      shown: ['/'],
      run: then(() => {
        ui.setSearchWanted(true)
        ui.navigate({ view: 'inbox' })
      }),
    },
    { id: 'keys', label: 'Show the keys', shown: ['?'], run: then(() => ui.setKeyHelpOpen(true)) },
  ]
  const group = (heading: string, entries: Entry[]) => (
    <Command.Group heading={heading}>
      {entries.map((entry) => (
        <Command.Item
          key={entry.id}
          value={entry.label}
          keywords={entry.keywords ?? []}
          onSelect={entry.run}
          className="palette-item"
        >
          <span>{entry.label}</span>
          {entry.shown.length > 0 ? <Keys shown={entry.shown} /> : null}
        </Command.Item>
      ))}
    </Command.Group>
  )
  return (
    <Command label="Command palette" loop className="palette-command">
      <Command.Input autoFocus placeholder="Type an action or a view…" className="palette-input" />
      <Command.List className="palette-list">
        <Command.Empty className="palette-empty">Nothing matches.</Command.Empty>
        {group('Items', itemEntries)}
        {group('Go to', viewEntries)}
        {group('Lull', lullEntries)}
      </Command.List>
      <p className="palette-hint">
        <Keys shown={['↑', '↓']} /> choose · <Keys shown={['Enter']} /> run · <Keys shown={['Esc']} /> close ·{' '}
        <Keys shown={[modKey(), 'K']} /> opens this anywhere
      </p>
    </Command>
  )
}
