// The sources Lull can connect, as the app and browser mode register them.
import type { AccountKind } from '../../shared/model'
import { createEmailSourceFactory } from './email'
import { createGithubSourceFactory } from './github'
import { createSampleSourceFactory } from './sample'
import { createSlackSourceFactory } from './slack'
import type { SourceFactory } from './source'

export function createSourceFactories(): Partial<Record<AccountKind, SourceFactory>> {
  return {
    // The sample workspace pushes changes like a real source.
    sample: createSampleSourceFactory({ canWatch: true }),
    github: createGithubSourceFactory(),
    slack: createSlackSourceFactory(),
    email: createEmailSourceFactory(),
  }
}
