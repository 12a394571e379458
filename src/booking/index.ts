export * from './choices.js';
export * from './therapist-link.js';
