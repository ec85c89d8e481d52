// The sources Lull can connect, as the app and browser mode register them.
import type { AccountKind } from '../../shared/model'
import type { Log } from '../log'
import { createEmailSourceFactory } from './email'
import { createGithubSourceFactory } from './github'
import { createSampleSourceFactory } from './sample'
import { createSlackSourceFactory } from './slack'
import type { SourceFactory } from './source'

/** `log` is main's: where sources say what they ignored or could not read. */
export function createSourceFactories(log?: Log): Partial<Record<AccountKind, SourceFactory>> {
  return {
    // The sample workspace pushes changes like a real source.
    sample: createSampleSourceFactory({ canWatch: true }),
    github: createGithubSourceFactory(),
    slack: createSlackSourceFactory(log ? { log } : {}),
    email: createEmailSourceFactory(),
  }
}
