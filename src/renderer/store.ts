// UI state only: which view is open, the problems to show, the lists on
// screen (the keys go to one of them), the steps "u" can undo, and where the
// item view goes back to. Persistent facts live in Dexie and are read with
// live queries.
import { create } from 'zustand'
import type { InboxItem, ViewTarget } from '../shared/model'
import type { SnoozedFrom } from './db/item-triage'
import type { ListActionKind } from './keyboard/keymap'

export type Problem = { id: number; message: string; at: number }

/** A list on screen, or the item view: the keys' actions go to one of these. */
export type KeyTarget = {
  id: string
  /** Its element, to tell whether the focus is inside it. */
  element(): HTMLElement | null
  act(action: ListActionKind): void
  /** Escape: true when it did something (cleared a selection), so nothing else happens. */
  escape(): boolean
}

/** One step "u" takes back: a done (of one or many items) or a snooze. */
export type UndoStep =
  | {
      id: number
      kind: 'done'
      /** The items marked, once the store has them: the step exists from the key press, so `u` right after `e` finds it. */
      marked: Promise<string[]>
      toastId: string
    }
  | { id: number; kind: 'snooze'; snoozed: SnoozedFrom[]; toastId: string }

/** Where the item view came from: the view, and the list and row to put the focus back on. */
export type ItemReturn = { target: ViewTarget; listId: string | null; rowId: string | null }

/** The Inbox's search and filters, kept while the person opens an item and comes back. */
export type InboxFilters = {
  query: string
  status: InboxItem['status'] | ''
  source: InboxItem['source'] | ''
  accountId: string
  isNeedsReply: boolean
  isUrgent: boolean
}

export const noInboxFilters: InboxFilters = {
  query: '',
  status: '',
  source: '',
  accountId: '',
  isNeedsReply: false,
  isUrgent: false,
}

type UiState = {
  view: ViewTarget
  problems: Problem[]
  /** Lists (and the item view) on screen, in the order they appeared. */
  keyTargets: KeyTarget[]
  addKeyTarget(target: KeyTarget): () => void
  undoSteps: UndoStep[]
  addUndoStep(
    step: UndoStep extends infer Step ? (Step extends UndoStep ? Omit<Step, 'id'> : never) : never,
  ): number
  /** Takes a step off the stack (the newest when no id is given) for undoing. */
  takeUndoStep(id?: number): UndoStep | null
  itemReturn: ItemReturn | null
  /** A list coming back after the item view puts the focus on this row. */
  pendingFocus: { listId: string; rowId: string } | null
  takePendingFocus(listId: string): string | null
  openItem(itemId: string, from: { listId: string; rowId: string } | null): void
  /** Back from the item view to where it was opened from. */
  goBack(): void
  inbox: InboxFilters
  setInbox(change: Partial<InboxFilters>): void
  /** "/" was pressed away from the inbox: its search field takes the focus once shown. */
  isSearchWanted: boolean
  setSearchWanted(isWanted: boolean): void
  isKeyHelpOpen: boolean
  setKeyHelpOpen(isOpen: boolean): void
  isPaletteOpen: boolean
  setPaletteOpen(isOpen: boolean): void
  navigate(target: ViewTarget): void
  report(message: string): void
  dismiss(id: number): void
}

let nextProblemId = 1
let nextUndoId = 1
/** How many steps "u" can go back. */
const keptUndoSteps = 20

export const useUi = create<UiState>((set, get) => ({
  view: { view: 'now' },
  problems: [],
  keyTargets: [],
  addKeyTarget: (target) => {
    set((state) => ({ keyTargets: [...state.keyTargets.filter((other) => other.id !== target.id), target] }))
    return () => set((state) => ({ keyTargets: state.keyTargets.filter((other) => other !== target) }))
  },
  undoSteps: [],
  addUndoStep: (step) => {
    const id = nextUndoId++
    set((state) => ({
      undoSteps: [...state.undoSteps.slice(-(keptUndoSteps - 1)), { ...step, id } as UndoStep],
    }))
    return id
  },
  takeUndoStep: (id) => {
    const steps = get().undoSteps
    const step = id === undefined ? steps.at(-1) : steps.find((candidate) => candidate.id === id)
    if (!step) return null
    set({ undoSteps: steps.filter((candidate) => candidate !== step) })
    return step
  },
  itemReturn: null,
  pendingFocus: null,
  takePendingFocus: (listId) => {
    const pending = get().pendingFocus
    if (pending?.listId !== listId) return null
    set({ pendingFocus: null })
    return pending.rowId
  },
  openItem: (itemId, from) => {
    const current = get().view
    // From one item to another (its thread), back still goes to the list it all started from.
    const itemReturn =
      current.view === 'item'
        ? get().itemReturn
        : { target: current, listId: from?.listId ?? null, rowId: from?.rowId ?? null }
    set({ view: { view: 'item', itemId }, itemReturn })
  },
  goBack: () => {
    const back = get().itemReturn
    set({
      view: back?.target ?? { view: 'inbox' },
      itemReturn: null,
      pendingFocus: back?.listId && back.rowId ? { listId: back.listId, rowId: back.rowId } : null,
    })
  },
  inbox: noInboxFilters,
  setInbox: (change) => set((state) => ({ inbox: { ...state.inbox, ...change } })),
  isSearchWanted: false,
  setSearchWanted: (isWanted) => set({ isSearchWanted: isWanted }),
  isKeyHelpOpen: false,
  setKeyHelpOpen: (isOpen) => set({ isKeyHelpOpen: isOpen }),
  isPaletteOpen: false,
  setPaletteOpen: (isOpen) => set({ isPaletteOpen: isOpen }),
  navigate: (target) => set({ view: target, pendingFocus: null }),
  report: (message) =>
    set((state) => {
      // The same message repeating (a stream failing each poll) shows once.
      if (state.problems.some((problem) => problem.message === message)) return state
      return { problems: [...state.problems.slice(-4), { id: nextProblemId++, message, at: Date.now() }] }
    }),
  dismiss: (id) => set((state) => ({ problems: state.problems.filter((problem) => problem.id !== id) })),
}))

/** The list (or item view) the keys act on: the one holding the focus, else the newest on screen. */
export function currentKeyTarget(active: Element | null): KeyTarget | null {
  const targets = useUi.getState().keyTargets
  const holding = targets.find((target) => {
    const element = target.element()
    return element !== null && active !== null && element.contains(active)
  })
  return holding ?? targets.at(-1) ?? null
}
