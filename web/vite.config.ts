import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vite reads its configuration from the default export.
// eslint-disable-next-line no-restricted-syntax
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco, inside GraphiQL, is large by nature; the web app's own entry stays small.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // Two pages: the web app and GraphiQL (served by the gateway on GET /graphql for browsers).
      input: { app: 'index.html', graphiql: 'graphiql.html' },
      // GraphiQL's modules start with React Compiler's "use no memo", harmless once bundled.
      checks: { moduleLevelDirective: false },
    },
  },
  server: {
    // `npm run dev -w web` proxies the API to a gateway on :4000, so the app keeps one origin.
    proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } },
  },
});
