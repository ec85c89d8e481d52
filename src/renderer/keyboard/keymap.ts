// The keys of Lull's lists, as a pure function from a key press (and a
// pending "g") to what it means, so every view reads keys the same way and
// the map is tested without a browser. Keys typed into a field are text,
// never commands.

export type JumpTarget = 'now' | 'waiting' | 'digest' | 'inbox' | 'rules' | 'stats'

export type KeyAction =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'open' }
  | { kind: 'done' }
  | { kind: 'snooze' }
  | { kind: 'undo' }
  | { kind: 'search' }
  | { kind: 'help' }
  | { kind: 'close' }
  | { kind: 'go'; view: JumpTarget }

export type KeyPress = {
  key: string
  /** Ctrl, Alt or Meta held: the key belongs to the system or the browser. */
  hasModifier: boolean
  /** The focus is in a text field, a select or an editable element. */
  isTyping: boolean
}

/** After "g", the next key names a view. */
export const jumpKeys: Record<string, JumpTarget> = {
  n: 'now',
  w: 'waiting',
  d: 'digest',
  i: 'inbox',
  r: 'rules',
  s: 'stats',
}

const singleKeys: Record<string, KeyAction> = {
  j: { kind: 'next' },
  ArrowDown: { kind: 'next' },
  k: { kind: 'previous' },
  ArrowUp: { kind: 'previous' },
  o: { kind: 'open' },
  e: { kind: 'done' },
  s: { kind: 'snooze' },
  u: { kind: 'undo' },
  '/': { kind: 'search' },
  '?': { kind: 'help' },
}

/** Every key with what it does, for the "?" list. */
export const keyHelp: Array<{ keys: string; does: string }> = [
  { keys: 'j / ↓', does: 'next item' },
  { keys: 'k / ↑', does: 'previous item' },
  { keys: 'o', does: 'open the item in its source' },
  { keys: 'e', does: 'mark done' },
  { keys: 's', does: 'snooze to the next check-in' },
  { keys: 'u', does: 'undo the last done' },
  { keys: '/', does: 'search the inbox' },
  { keys: 'g then n, w, d, i, r, s', does: 'go to Now, Waiting, Digest, Inbox, Rules, Stats' },
  { keys: '?', does: 'show these keys' },
  { keys: 'Esc', does: 'close this list, leave the search field' },
]

/**
 * What a key press means. `isAwaitingJump` is true after a "g"; the answer
 * says whether the next key completes a jump.
 */
export function readKey(
  press: KeyPress,
  isAwaitingJump: boolean,
): { action: KeyAction | null; isAwaitingJump: boolean } {
  if (press.key === 'Escape') return { action: { kind: 'close' }, isAwaitingJump: false }
  if (press.isTyping || press.hasModifier) return { action: null, isAwaitingJump: false }
  if (isAwaitingJump) {
    const view = jumpKeys[press.key]
    return { action: view ? { kind: 'go', view } : null, isAwaitingJump: false }
  }
  if (press.key === 'g') return { action: null, isAwaitingJump: true }
  return { action: singleKeys[press.key] ?? null, isAwaitingJump: false }
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
