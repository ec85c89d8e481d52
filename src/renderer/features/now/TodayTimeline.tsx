// Today as a picture: deep-work blocks, focus sessions, check-ins and
// breakthroughs on the local day, with a line at "now"; the caption says
// the same in words for screen readers and for anyone who prefers text.
import { useLiveQuery } from 'dexie-react-hooks'
import { type Timeline, todayTimeline } from '../../../shared/policy'
import { useServices } from '../../app-context'
import { listFocusSessions } from '../../db/repositories'
import type { Attention } from '../../hooks/use-attention'
import { formatClock } from '../../ui/format'

const width = 1000
const barTop = 18
const barHeight = 26

export function TodayTimeline({
  attention,
  breakthroughAts,
}: {
  attention: Attention
  breakthroughAts: number[]
}) {
  const { db } = useServices()
  // Sessions of the last day and a half: the query changes hourly, not with every tick.
  const since = Math.floor(attention.now / 3_600_000) * 3_600_000 - 36 * 3_600_000
  const sessions = useLiveQuery(() => listFocusSessions(db, since), [db, since])
  if (!sessions) return null
  const timeline = todayTimeline({
    settings: attention.settings,
    sessions,
    breakthroughAts,
    zone: attention.zone,
    now: attention.now,
  })
  const x = (fraction: number) => fraction * width
  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${width} 64`}
        role="img"
        aria-labelledby="timeline-caption"
        preserveAspectRatio="none"
      >
        <title>Today's timeline</title>
        <rect className="timeline-day" x={0} y={barTop} width={width} height={barHeight} />
        {timeline.blocks.map((block) => (
          <rect
            key={`b${block.from}`}
            className="timeline-block"
            x={x(block.start)}
            y={barTop}
            width={x(block.end - block.start)}
            height={barHeight}
          />
        ))}
        {timeline.sessions.map((session) => (
          <rect
            key={`s${session.from}`}
            className="timeline-session"
            x={x(session.start)}
            y={barTop + barHeight / 2 - 4}
            width={Math.max(2, x(session.end - session.start))}
            height={8}
          />
        ))}
        {timeline.checkIns.map((mark) => (
          <line
            key={`c${mark.at}`}
            className="timeline-check-in"
            x1={x(mark.x)}
            x2={x(mark.x)}
            y1={barTop - 6}
            y2={barTop + barHeight + 6}
          />
        ))}
        {timeline.breakthroughs.map((mark) => (
          <circle
            key={`u${mark.at}`}
            className="timeline-breakthrough"
            cx={x(mark.x)}
            cy={barTop - 8}
            r={4}
          />
        ))}
        <line
          className="timeline-now"
          x1={x(timeline.now.x)}
          x2={x(timeline.now.x)}
          y1={4}
          y2={barTop + barHeight + 8}
        />
        {timeline.hours
          .filter((mark) => mark.hour % 3 === 0)
          .map((mark) => (
            <text key={`h${mark.at}`} className="timeline-hour" x={x(mark.x) + 2} y={62}>
              {String(mark.hour).padStart(2, '0')}
            </text>
          ))}
      </svg>
      <figcaption id="timeline-caption" className="muted">
        {describeTimeline(timeline, attention.zone)}
      </figcaption>
    </figure>
  )
}

/** The picture in words. */
export function describeTimeline(timeline: Timeline, zone: string): string {
  const clock = (at: number) => formatClock(at, zone)
  const blocks =
    timeline.blocks.length === 0
      ? 'no deep-work block today'
      : `deep work ${timeline.blocks.map((block) => `${clock(block.from)}–${clock(block.to)}`).join(', ')}`
  const checkIns =
    timeline.checkIns.length === 0
      ? 'no check-in today'
      : `check-ins at ${timeline.checkIns.map((mark) => clock(mark.at)).join(', ')}`
  const focus =
    timeline.sessions.length === 0
      ? ''
      : `; ${timeline.sessions.length} focus session${timeline.sessions.length === 1 ? '' : 's'}`
  const urgent =
    timeline.breakthroughs.length === 0
      ? '; nothing broke through'
      : `; ${timeline.breakthroughs.length} breakthrough${timeline.breakthroughs.length === 1 ? '' : 's'}`
  return `Today: ${blocks}; ${checkIns}${focus}${urgent}. Now ${clock(timeline.now.at)}.`
}
