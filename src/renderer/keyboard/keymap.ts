// The keys of Lull, as a pure function from a key press (and a pending "g")
// to what it means, so every view reads keys the same way and the map is
// tested without a browser. The key list ("?") and the command palette are
// drawn from the same tables, so what they show is what the keys do. Keys
// typed into a field are text, never commands.

export type JumpTarget =
  | 'now'
  | 'waiting'
  | 'digest'
  | 'inbox'
  | 'focus'
  | 'rules'
  | 'stats'
  | 'accounts'
  | 'settings'

/** What a list does with a key; the list on screen (or the item view) carries it out. */
export type ListActionKind =
  | 'next'
  | 'previous'
  | 'extend-next'
  | 'extend-previous'
  | 'toggle'
  | 'open'
  | 'open-source'
  | 'done'
  | 'done-through'
  | 'snooze'

export type KeyAction =
  | { kind: ListActionKind }
  | { kind: 'undo' }
  | { kind: 'search' }
  | { kind: 'help' }
  | { kind: 'palette' }
  | { kind: 'close' }
  | { kind: 'go'; view: JumpTarget }

export type KeyPress = {
  key: string
  /** Ctrl, Alt or Meta held: the key belongs to the system or the browser (Ctrl/⌘ K aside). */
  hasModifier: boolean
  /** The focus is in a text field, a select or an editable element. */
  isTyping: boolean
  /** The focus is on a button, link or other control: Enter is that control's. */
  isOnControl?: boolean
}

/** The views in the order of the navigation, with the letter that follows "g". */
export const views: Array<{ view: JumpTarget; label: string; key: string }> = [
  { view: 'now', label: 'Now', key: 'n' },
  { view: 'waiting', label: 'Waiting', key: 'w' },
  { view: 'digest', label: 'Digest', key: 'd' },
  { view: 'inbox', label: 'Inbox', key: 'i' },
  { view: 'focus', label: 'Focus', key: 'f' },
  { view: 'rules', label: 'Rules', key: 'r' },
  { view: 'stats', label: 'Stats', key: 's' },
  { view: 'accounts', label: 'Accounts', key: 'a' },
  { view: 'settings', label: 'Settings', key: ',' },
]

/** After "g", the next key names a view. */
export const jumpKeys: Record<string, JumpTarget> = Object.fromEntries(
  views.map((entry) => [entry.key, entry.view]),
)

/**
 * The list commands: what each does, the keys that do it (as shown), and the
 * key values (KeyboardEvent.key) that do it. Arrows and Space are read by the
 * list itself when it has the focus; here they move a list that does not.
 */
export const listCommands: Array<{ kind: ListActionKind; label: string; shown: string[]; keys: string[] }> = [
  { kind: 'next', label: 'Next item', shown: ['j', '↓'], keys: ['j', 'ArrowDown'] },
  { kind: 'previous', label: 'Previous item', shown: ['k', '↑'], keys: ['k', 'ArrowUp'] },
  {
    kind: 'extend-next',
    label: 'Extend the selection down',
    shown: ['⇧ J', '⇧ ↓'],
    keys: ['J', 'Shift+ArrowDown'],
  },
  {
    kind: 'extend-previous',
    label: 'Extend the selection up',
    shown: ['⇧ K', '⇧ ↑'],
    keys: ['K', 'Shift+ArrowUp'],
  },
  { kind: 'toggle', label: 'Select or unselect the item', shown: ['x', 'Space'], keys: ['x'] },
  { kind: 'open', label: 'Open the item in Lull', shown: ['Enter'], keys: ['Enter'] },
  { kind: 'open-source', label: 'Open the item at its source', shown: ['o'], keys: ['o'] },
  { kind: 'done', label: 'Mark done', shown: ['e'], keys: ['e'] },
  {
    kind: 'done-through',
    label: 'Done through here (from the top to this item)',
    shown: ['⇧ E'],
    keys: ['E'],
  },
  { kind: 'snooze', label: 'Snooze…', shown: ['s'], keys: ['s'] },
]

/** The other keys, for the key list and the palette. */
export const otherCommands: Array<{
  kind: 'undo' | 'search' | 'help' | 'palette' | 'close'
  label: string
  shown: string[]
}> = [
  { kind: 'undo', label: 'Undo the last done or snooze', shown: ['u'] },
  { kind: 'search', label: 'Search the inbox', shown: ['/'] },
  { kind: 'palette', label: 'Command palette', shown: [modKey(), 'K'] },
  { kind: 'help', label: 'Show the keys', shown: ['?'] },
  { kind: 'close', label: 'Back, or clear the selection', shown: ['Esc'] },
]

const singleKeys: Record<string, KeyAction> = {
  ...Object.fromEntries(
    listCommands.flatMap((command) => command.keys.map((key) => [key, { kind: command.kind }])),
  ),
  u: { kind: 'undo' },
  '/': { kind: 'search' },
  '?': { kind: 'help' },
}

/** "⌘" on a Mac, "Ctrl" elsewhere: the key that opens the palette with K. */
export function modKey(): string {
  const platform = typeof navigator === 'undefined' ? '' : navigator.platform
  return /Mac|iPhone|iPad/.test(platform) ? '⌘' : 'Ctrl'
}

/**
 * What a key press means. `isAwaitingJump` is true after a "g"; the answer
 * says whether the next key completes a jump. Shift with an arrow arrives as
 * "Shift+ArrowDown"; a letter with Shift arrives as the capital.
 */
export function readKey(
  press: KeyPress,
  isAwaitingJump: boolean,
): { action: KeyAction | null; isAwaitingJump: boolean } {
  if (press.key === 'Escape') return { action: { kind: 'close' }, isAwaitingJump: false }
  // The palette opens from anywhere, a text field included, as in every app that has one.
  if (press.hasModifier && press.key.toLowerCase() === 'k')
    return { action: { kind: 'palette' }, isAwaitingJump: false }
  if (press.isTyping || press.hasModifier) return { action: null, isAwaitingJump: false }
  if (isAwaitingJump) {
    const view = jumpKeys[press.key]
    return { action: view ? { kind: 'go', view } : null, isAwaitingJump: false }
  }
  if (press.key === 'g') return { action: null, isAwaitingJump: true }
  if (press.key === 'Enter' && press.isOnControl) return { action: null, isAwaitingJump: false }
  return { action: singleKeys[press.key] ?? null, isAwaitingJump: false }
}

/** The key as readKey names it: "Shift+" before an arrow held with Shift. */
export function keyName(event: { key: string; shiftKey: boolean }): string {
  return event.shiftKey && event.key.startsWith('Arrow') ? `Shift+${event.key}` : event.key
}

/** Whether an element takes typed text, so keys pressed in it are not commands. */
export function isTextEntry(
  element: { tagName?: string; isContentEditable?: boolean; type?: string } | null,
) {
  if (!element) return false
  if (element.isContentEditable) return true
  const tag = element.tagName?.toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = (element.type ?? 'text').toLowerCase()
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type)
}
