/** The browser build of axe-core: imported for its side effect of defining `window.axe`. */
declare module 'axe-core/axe.min.js';
