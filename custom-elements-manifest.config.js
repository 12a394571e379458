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

/** Private and protected members, and `_`- or `#`-named ones, are no part of what a page uses. */
const isPublic = (item) => (item.privacy === undefined || item.privacy === 'public') && !/^[_#]/.test(item.name ?? '');

/**
 * The published manifest describes the elements' public API (what docs/api.md and editors show):
 * tag names, public properties and methods, attributes, documented events, CSS parts and custom
 * properties. Everything else the analyzer finds (private and protected members, the functions,
 * schemas and helper classes of src/) is left out: it made the file several times larger and
 * changed with nearly every commit. The elements' shared base class stays, since their superclass
 * and `inheritedFrom` references name it. Runs after the analyzer's own packageLinkPhase, so
 * inherited members are already copied into each element.
 */
function elementsPublicApiOnly() {
  return {
    name: 'elements-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        module.declarations = (module.declarations ?? []).filter((declaration) => declaration.customElement);
        for (const declaration of module.declarations) {
          const hidden = new Set((declaration.members ?? []).filter((member) => !isPublic(member)).map((member) => member.name));
          if (declaration.members) declaration.members = declaration.members.filter(isPublic);
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter((attribute) => isPublic(attribute) && !hidden.has(attribute.fieldName));
          }
        }
        const kept = new Set(module.declarations.map((declaration) => declaration.name));
        module.exports = (module.exports ?? []).filter(
          (entry) => entry.declaration?.module === module.path && kept.has(entry.declaration.name),
        );
      }
      customElementsManifest.modules = customElementsManifest.modules.filter((module) => module.declarations.length);
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
  plugins: [documentedEventsOnly(), elementsPublicApiOnly(), stableModuleOrder()],
};
