export * from './schemas.js';
export * from './practice-schemas.js';
