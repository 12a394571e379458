/**
 * <appointment-status> with each of its own requests failing in each way (see views-scenarios.ts).
 */
import { status, viewFaultTable } from './views-scenarios.js';

viewFaultTable(status);
