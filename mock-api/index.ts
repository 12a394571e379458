export * from './handlers.js';
export * from './demo-practice.js';
export * from './browser.js';
export * from './stored-practice.js';
