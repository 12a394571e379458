export const chromeArgs: string[];
export function findChrome(): string | undefined;
export function requireChrome(): string;
