import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Offline after one visit (docs/deploy.md): vite-plugin-pwa builds a Workbox
 * service worker that precaches every file of the build, the app, the tfjs
 * wasm binaries, both base models, the text corpus (about 4 MB: a class
 * switches scenario offline too) and the icons; nothing is cached at run time.
 * The page registers it (src/ui/pwa/registerServiceWorker.ts) and says when a
 * new version waits (src/ui/pwa/updatePrompt.ts).
 */
const offline = VitePWA({
  // A new version waits until the person presses Reload, never mid-run.
  registerType: 'prompt',
  injectRegister: false,
  // `npm run dev` has no service worker: nothing cached gets in the way of editing.
  devOptions: { enabled: false },
  // The icons are drawn by scripts/lib/appIcon.ts (`npm run build:icons`); the colours are the page's.
  manifest: {
    name: 'Forgetting Lab',
    short_name: 'Forgetting Lab',
    description: 'Watch catastrophic forgetting happen in a small transformer trained live in your browser.',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: '#0b5cad',
    background_color: '#f4f5f7',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,wasm,json,bin,txt,md,png,webmanifest}'],
    // Workbox leaves out any larger file with only a warning (2 MiB by default); the largest
    // today is the main bundle, about 1 MB. e2e/offline.spec.ts checks the precache holds every file.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    // Navigations to the app's own address, with any query (share and challenge links), get the
    // precached index.html; other pages under its folder go to the network as without a worker.
    navigateFallback: 'index.html',
    navigateFallbackAllowlist: [/\/(index\.html)?(\?.*)?$/],
    // A new version's caches replace the old one's once it takes over.
    cleanupOutdatedCaches: true,
    // The first visit's page is served from the cache as soon as the worker is installed,
    // so its later fetches (the text corpus on a switch of scenario) work offline without a reload.
    clientsClaim: true,
  },
});

export default defineConfig({
  plugins: [react(), offline],
  // Relative asset paths: the built lab works from any folder it is served from.
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
