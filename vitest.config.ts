import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Electron's binary cannot run on the build machines: unit tests get a
// stand-in `electron` module that records what main asks of it.
const electronStandIn = fileURLToPath(new URL('./tests/fakes/electron.ts', import.meta.url))

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: [{ find: /^electron$/, replacement: electronStandIn }] },
        test: {
          name: 'unit',
          include: [
            'tests/unit/**/*.test.{ts,tsx}',
            'tests/integration/**/*.test.{ts,tsx}',
            'tests/conformance/**/*.test.ts',
          ],
          environment: 'node',
          setupFiles: ['tests/support/setup-unit.ts'],
          // A busy 2-core machine can take several times a quiet one's time (property tests
          // over thousands of instants, real servers): no test may fail for the wall clock.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // A real browser over a real socket: give each expectation time to come true.
          expect: { poll: { timeout: 10_000, interval: 100 } },
        },
      },
    ],
  },
})
