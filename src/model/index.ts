export * from './schemas.js';
export * from './practice-schemas.js';
export * from './sign-in-schemas.js';
export * from './practice-api-schemas.js';
