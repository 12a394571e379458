/**
 * The analyzer guesses event names from `dispatchEvent(new X(arg))`, reading `arg` as the name;
 * our events are classes whose first argument is the payload. The events a page can listen to
 * are the ones each element documents with `@fires`, so only those (they carry a description)
 * stay in the manifest.
 */
function documentedEventsOnly() {
  return {
    name: 'documented-events-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name && event.description);
        }
      }
    },
  };
}

/** The analyzer reads files in no fixed order; sorting modules by path makes its output stable. */
function stableModuleOrder() {
  return {
    name: 'stable-module-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/elements/availability-grid/fullcalendar-css.ts'],
  litelement: true,
  outdir: '.',
  plugins: [documentedEventsOnly(), stableModuleOrder()],
};
