export * from './handlers.js';
export * from './demo-practice.js';
export * from './browser.js';
