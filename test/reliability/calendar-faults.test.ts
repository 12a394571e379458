/**
 * <appointment-calendar> with each of its own requests failing in each way (see views-scenarios.ts).
 */
import { calendar, viewFaultTable } from './views-scenarios.js';

viewFaultTable(calendar);
