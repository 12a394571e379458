export * from './schemas.js';
export * from './practice-schemas.js';
export * from './sign-in-schemas.js';
