// What the lists, the item view and the palette do to items: done, snooze,
// open (in Lull or at the source) and undo. Done and snooze each leave one
// step to undo and a toast saying what happened with an Undo on it; a done's
// write to its source waits out the undo window, so Undo never needs the
// person to put anything right at the source by hand.
import { useMemo } from 'react'
import { snippet, stripBidiControls } from '../../../shared/display-text'
import { hiddenHostWarning } from '../../../shared/link-destination'
import type { InboxItem } from '../../../shared/model'
import { type AppServices, useServices } from '../../app-context'
import { splitConversation, unsplitConversation } from '../../db/conversation-splits'
import { snoozeAll, unsnoozeAll } from '../../db/item-triage'
import { useUi } from '../../store'
import { dismissToast, showToast } from '../toast/Toaster'

export type Triage = ReturnType<typeof createTriage>

let nextToast = 1

function createTriage({ engine, db, host }: AppServices) {
  const ui = () => useUi.getState()

  /** Mark the items done (those not done already) as one step. Answers how many were marked. */
  async function done(items: readonly InboxItem[]): Promise<number> {
    const open = items.filter((item) => item.status !== 'done')
    if (open.length === 0) return 0
    const toastId = `triage-${nextToast++}`
    // The step is there before the store answers: the list drops the rows at
    // once, and an undo pressed meanwhile waits for the marking, then takes it back.
    const marking = engine.markAllDone(open.map((item) => item.id))
    const step = ui().addUndoStep({ kind: 'done', marked: marking, toastId })
    const marked = await marking.catch((error: unknown) => {
      ui().takeUndoStep(step)
      throw error
    })
    if (marked.length === 0) {
      ui().takeUndoStep(step)
      return 0
    }
    // Undone while the store was marking: the undo says so; no toast for a step already taken back.
    if (!ui().undoSteps.some((candidate) => candidate.id === step)) return marked.length
    const first = open.find((item) => item.id === marked[0])
    showToast({
      id: toastId,
      testId: 'undo-done',
      message:
        marked.length === 1 && first
          ? `Marked done: ${snippet(stripBidiControls(first.title || first.text), 80, 1)}`
          : `Marked ${marked.length} items done`,
      action: { label: 'Undo', run: () => void undo(step) },
    })
    return marked.length
  }

  /** Snooze the items (done ones stay done) as one step; `returns` names the check-in that brings them back. */
  async function snooze(items: readonly InboxItem[], until: number, returns: string): Promise<number> {
    const snoozed = await snoozeAll(
      db,
      items.map((item) => item.id),
      until,
    )
    if (snoozed.length === 0) return 0
    const toastId = `triage-${nextToast++}`
    const step = ui().addUndoStep({ kind: 'snooze', snoozed, toastId })
    showToast({
      id: toastId,
      testId: 'undo-snooze',
      message: `${snoozed.length === 1 ? 'Snoozed' : `Snoozed ${snoozed.length} items`} until ${returns}`,
      action: { label: 'Undo', run: () => void undo(step) },
    })
    return snoozed.length
  }

  /** Take back a step: the newest, or the one a toast's Undo names. */
  async function undo(stepId?: number): Promise<void> {
    const step = ui().takeUndoStep(stepId)
    if (!step) {
      showToast({ id: 'nothing-to-undo', message: 'Nothing to undo', duration: 2_000 })
      return
    }
    dismissToast(step.toastId)
    if (step.kind === 'done') {
      const marked = await step.marked.catch(() => [])
      const { cancelled, tooLate } = await engine.undoAllDone(marked)
      const back = cancelled.length + tooLate.length
      showToast({
        id: `undone-${step.id}`,
        testId: 'undone',
        message: back === 1 ? 'Back: no longer done' : `Back: ${back} items no longer done`,
        duration: 3_000,
      })
    } else {
      const back = await unsnoozeAll(db, step.snoozed)
      showToast({
        id: `undone-${step.id}`,
        testId: 'undone',
        message: back === 1 ? 'Back: no longer snoozed' : `Back: ${back} items no longer snoozed`,
        duration: 3_000,
      })
    }
  }

  /**
   * Open an item at its source. A link that hides its host behind a user
   * part is not opened from a key: the item opens in Lull instead, where its
   * Open button says where the link really goes and asks.
   */
  function openAtSource(item: InboxItem, from: { listId: string; rowId: string } | null): void {
    if (!item.url) {
      showToast({ id: 'no-link', message: 'This item has no link to open', duration: 2_000 })
      return
    }
    if (hiddenHostWarning(item.url)) {
      ui().openItem(item.id, from)
      return
    }
    host.call('link:open-external', { url: item.url }).catch((error: Error) => ui().report(error.message))
    void engine.markRead(item.id)
  }

  function openInLull(item: InboxItem, from: { listId: string; rowId: string } | null): void {
    ui().openItem(item.id, from)
  }

  /**
   * "Not the same": the message's thread leaves the conversation it was
   * merged into, now and for its later messages. Its toast can take it back.
   */
  async function keepApart(message: InboxItem): Promise<boolean> {
    const split = await splitConversation(db, message.id)
    if (split === null) return false
    const toastId = `apart-${nextToast++}`
    showToast({
      id: toastId,
      testId: 'kept-apart',
      message: `Kept apart: ${snippet(stripBidiControls(message.title || message.text), 60, 1)} is its own conversation now`,
      action: {
        label: 'Undo',
        run: () =>
          void unsplitConversation(db, split).catch((error: Error) =>
            ui().report(`Lull could not merge it back: ${error.message}`),
          ),
      },
    })
    return true
  }

  return { done, snooze, undo, openAtSource, openInLull, keepApart }
}

export function useTriage(): Triage {
  const services = useServices()
  return useMemo(() => createTriage(services), [services])
}
