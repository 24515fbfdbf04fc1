import { defineConfig } from "vite";

// The directory of this file, so the build works from any working directory
// (the lead runs `vite build --config tab/vite.config.ts` from the repo root).
const tabRoot = decodeURIComponent(new URL(".", import.meta.url).pathname);

export default defineConfig({
  root: tabRoot,
  // The bot server serves the built files under /tab/ (see the manifest's contentUrl).
  base: "/tab/",
  // Vite 8 transforms TSX with oxc; use React's automatic runtime (react/jsx-runtime)
  // instead of pulling in @vitejs/plugin-react, which we don't need without HMR.
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: {
    outDir: `${tabRoot}dist`,
    emptyOutDir: true,
    sourcemap: true,
    // Teams desktop and web run current Chromium/Edge/Safari.
    target: "es2022",
    // React + Fluent UI v9 + teams-js make one ~500 kB chunk (~150 kB gzipped), loaded once
    // per tab; splitting it would only add round trips inside the Teams frame.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Fluent UI marks its modules "use client" for React Server Components; a client
      // bundle has no use for the directive, so the warning is noise.
      onwarn(warning, defaultHandler) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        defaultHandler(warning);
      },
    },
  },
});
