import { describe, expect, it } from 'vitest'
import { githubPlace } from '../../../src/main/sources/github/base-url'
import { subjectPage } from '../../../src/main/sources/github/web-url'
import { HostError } from '../../../src/shared/contract'

const api = 'https://api.github.com'
const web = 'https://github.com'
const page = (subjectUrl: string | null, latestCommentUrl: string | null = null) =>
  subjectPage({ subjectUrl, latestCommentUrl, repositoryPage: `${web}/acme/api`, apiUrl: api, webUrl: web })

describe('the page a notification opens', () => {
  it('is the web page of each kind of subject', () => {
    expect(page(`${api}/repos/acme/api/issues/7`)).toBe(`${web}/acme/api/issues/7`)
    expect(page(`${api}/repos/acme/api/pulls/8`)).toBe(`${web}/acme/api/pull/8`)
    expect(page(`${api}/repos/acme/api/discussions/9`)).toBe(`${web}/acme/api/discussions/9`)
    expect(page(`${api}/repos/acme/api/commits/0123abcd`)).toBe(`${web}/acme/api/commit/0123abcd`)
    expect(page(`${api}/repos/acme/api/releases/55`)).toBe(`${web}/acme/api/releases`)
    expect(page(`${api}/repos/acme/api/check-suites/66`)).toBe(`${web}/acme/api/actions`)
  })

  it('goes to the latest comment when there is one', () => {
    expect(page(`${api}/repos/acme/api/issues/7`, `${api}/repos/acme/api/issues/comments/123`)).toBe(
      `${web}/acme/api/issues/7#issuecomment-123`,
    )
    expect(page(`${api}/repos/acme/api/pulls/8`, `${api}/repos/acme/api/pulls/comments/456`)).toBe(
      `${web}/acme/api/pull/8#discussion_r456`,
    )
  })

  it('is the repository page, not a guess, for a subject it does not know or one on another host', () => {
    expect(page(null)).toBe(`${web}/acme/api`)
    expect(page(`${api}/repos/acme/api/security-advisories/GHSA-1`)).toBe(`${web}/acme/api`)
    expect(page('https://evil.example/repos/acme/api/issues/7')).toBe(`${web}/acme/api`)
  })

  it('uses the Enterprise Server host for its pages', () => {
    const ghe = githubPlace('ghe.example.com')
    expect(ghe).toEqual({
      apiUrl: 'https://ghe.example.com/api/v3',
      webUrl: 'https://ghe.example.com',
      isEnterprise: true,
    })
    expect(
      subjectPage({
        subjectUrl: `${ghe.apiUrl}/repos/acme/api/pulls/3`,
        latestCommentUrl: null,
        repositoryPage: 'https://ghe.example.com/acme/api',
        apiUrl: ghe.apiUrl,
        webUrl: ghe.webUrl,
      }),
    ).toBe('https://ghe.example.com/acme/api/pull/3')
  })
})

describe('where a GitHub account lives', () => {
  it('is github.com when nothing or github.com is typed', () => {
    expect(githubPlace(undefined).apiUrl).toBe('https://api.github.com')
    expect(githubPlace(' https://github.com/ ').apiUrl).toBe('https://api.github.com')
  })

  it('accepts a server typed with or without https and /api/v3', () => {
    expect(githubPlace('https://ghe.example.com/api/v3').apiUrl).toBe('https://ghe.example.com/api/v3')
    expect(githubPlace('ghe.example.com:8443').apiUrl).toBe('https://ghe.example.com:8443/api/v3')
  })

  it('refuses plain http except on this computer', () => {
    expect(() => githubPlace('http://ghe.example.com')).toThrow(HostError)
    expect(() => githubPlace('http://ghe.example.com')).toThrow(/https only/)
    expect(githubPlace('http://127.0.0.1:8080').apiUrl).toBe('http://127.0.0.1:8080/api/v3')
  })
})
