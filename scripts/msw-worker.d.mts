export const mswWorkerPath: string;
export function readMswWorker(): string;
