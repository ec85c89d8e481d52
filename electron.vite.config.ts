// Build for the three processes. The preload must be one CommonJS file with
// everything but `electron` bundled in: a sandboxed renderer cannot load an
// ES-module preload, and its `require` knows only electron, events, timers, url.
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/**
 * In `npm run dev`, React's fast refresh puts its start-up code in an inline
 * script, which the page's CSP (script-src 'self') refuses, and then nothing
 * renders. The renderer imports that code as a module instead
 * ('@vitejs/plugin-react/preamble', first line of main.tsx), and this drops
 * the inline copy, so the dev page runs under the same strict policy as the
 * built one. tests/e2e/dev-server.test.ts loads the dev page in Chromium.
 */
function devPageUnderStrictCsp(): Plugin {
  return {
    name: 'lull:dev-page-under-strict-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/<script type="module">[^<]*injectIntoGlobalHook[^<]*<\/script>\s*/g, ''),
    },
  }
}

/**
 * sonner (the toasts) writes its stylesheet into a <style> element as it
 * loads, which the page's CSP (style-src 'self') refuses, with an error in
 * the console. Lull imports sonner's stylesheet file instead
 * (ui/toast/Toaster.tsx) and this takes the injection out. It fails the
 * build if sonner changes, so an upgrade cannot bring the refusal back
 * unseen. In dev, sonner is kept out of Vite's pre-bundling so this applies.
 */
function toastsWithoutInlineStyle(): Plugin {
  const injection = /__insertCSS\((["'])(?:\\.|(?!\1)[^\\])*\1\);?/
  return {
    name: 'lull:toasts-without-inline-style',
    transform(code, id) {
      // In dev the id carries a version query (index.mjs?v=…).
      if (!/[\\/]node_modules[\\/]sonner[\\/]dist[\\/]index\.m?js(\?.*)?$/.test(id)) return null
      if (!injection.test(code))
        this.error('sonner no longer calls __insertCSS: check how it adds its styles')
      return { code: code.replace(injection, ''), map: null }
    },
  }
}

export const rendererConfig = {
  root: resolve('src/renderer'),
  build: {
    rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    // electron-vite leaves its builds unminified; the page's code is read and
    // compiled at every start, and minified it is a third of the size.
    minify: true,
  },
  optimizeDeps: { exclude: ['sonner'] },
  plugins: [react(), devPageUnderStrictCsp(), toastsWithoutInlineStyle()],
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
})
