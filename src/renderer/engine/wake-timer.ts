// One timer for the page's timed wakes. The engine's heartbeat, the views'
// minute clock and the store sweep all aim at the turn of a minute; each on
// its own timer would wake an idle window three times at that moment. Here
// they share one: the earliest deadline is armed, and when it fires every
// wake due by then runs in that one task. A wake never runs early.

type Wake = { at: number; run: () => void }

const wakes = new Set<Wake>()
let timer: ReturnType<typeof setTimeout> | null = null
let armedFor = Number.POSITIVE_INFINITY

function arm(now: number) {
  let earliest = Number.POSITIVE_INFINITY
  for (const wake of wakes) earliest = Math.min(earliest, wake.at)
  if (earliest === armedFor && timer !== null) return
  if (timer !== null) clearTimeout(timer)
  timer = null
  armedFor = earliest
  if (earliest === Number.POSITIVE_INFINITY) return
  timer = setTimeout(fire, Math.max(0, earliest - now))
}

function fire() {
  timer = null
  armedFor = Number.POSITIVE_INFINITY
  const now = Date.now()
  const due = [...wakes].filter((wake) => wake.at <= now).sort((a, b) => a.at - b.at)
  for (const wake of due) wakes.delete(wake)
  // Armed again first: a wake that throws must not leave the others unarmed.
  arm(now)
  for (const wake of due) {
    try {
      wake.run()
    } catch (error) {
      // Still seen, as an uncaught error is (the page's error event), and the other wakes due still run.
      const report = (globalThis as { reportError?: (error: unknown) => void }).reportError
      if (report) report(error)
      else console.error(error)
    }
  }
}

/** Run `run` at the instant `at` (epoch ms), or as soon after as the page can; answers a cancel. */
export function wakeAt(at: number, run: () => void): () => void {
  const wake: Wake = { at, run }
  wakes.add(wake)
  arm(Date.now())
  return () => {
    if (!wakes.delete(wake)) return
    arm(Date.now())
  }
}
