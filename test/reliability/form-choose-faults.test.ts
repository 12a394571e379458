/**
 * The first half of the form's fault table (see form-scenarios.ts): the requests of the choose
 * step and of Availability, each failing by network error, timeout, 500, malformed and
 * wrong-shaped JSON.
 */
import { faultTable } from './form-scenarios.js';

faultTable(['providers', 'locations', 'services', 'availability']);
