// The main-side log. Lines are plain text with a scope; secrets never reach
// it because nothing secret is ever passed to it (the vault does not log values).
export type LogLevel = 'info' | 'warn' | 'error'
export type Log = Record<LogLevel, (scope: string, message: string) => void>

export type LogLine = { level: LogLevel; scope: string; message: string; at: number }

/** A log that writes to a sink (stderr by default) and keeps the last lines for tests and diagnostics. */
export function createLog(sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Log & {
  lines: LogLine[]
} {
  const lines: LogLine[] = []
  const write = (level: LogLevel) => (scope: string, message: string) => {
    const at = Date.now()
    lines.push({ level, scope, message, at })
    if (lines.length > 500) lines.shift()
    sink(`${new Date(at).toISOString()} ${level.padEnd(5)} [${scope}] ${message}`)
  }
  return { info: write('info'), warn: write('warn'), error: write('error'), lines }
}
