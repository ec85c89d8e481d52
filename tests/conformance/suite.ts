// The conformance suite every source passes, against its own server: the
// promises of Lull's sources platform (idempotent pulls, paging to the end,
// faults at any page, 429s, revoked credentials, bounded items, watches
// that come back). A source runs it with an adapter over its server.
import { afterEach, describe } from 'vitest'
import type { MakeAdapter } from './adapter'
import { describeCredentials } from './credentials'
import { describeFaults } from './faults'
import { type Harness, startHarness } from './harness'
import { describeItems } from './items'
import { describeOptionalParts, type OptionalParts } from './optional-parts'
import { describePaging } from './paging'

export function describeSourceConformance(
  name: string,
  makeAdapter: MakeAdapter,
  parts: OptionalParts = { watch: true, writes: true, focusStatus: true },
  /** A source over HTTP says so: its credentials are then checked to reach its origin only. */
  overHttp: { links: boolean } | null = null,
): void {
  describe(`${name} keeps the sources platform's promises`, () => {
    const running: Harness[] = []
    /** A fresh server, host and store for one test; closed after it. */
    const start = async () => {
      const harness = await startHarness(makeAdapter)
      running.push(harness)
      return harness
    }
    afterEach(async () => {
      for (const harness of running.splice(0)) await harness.close()
    })

    describe('cursors and pages', () => describePaging(start))
    describe('faults', () => describeFaults(start))
    describe('items', () => describeItems(start))
    describe('optional parts', () => describeOptionalParts(start, parts))
    if (overHttp) describe('credentials', () => describeCredentials(start, overHttp))
  })
}
