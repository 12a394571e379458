/**
 * <appointment-status> and <appointment-calendar> with each of their own requests failing in each
 * way (see views-scenarios.ts).
 */
import { calendar, status, viewFaultTable } from './views-scenarios.js';

viewFaultTable(status);
viewFaultTable(calendar);
