/**
 * Rules for the form's three choices, apart from any element: which providers a client may
 * pick, and whether a choice still fits once the options under it change.
 */
import type { Provider } from '../model/schemas.js';

/** Therapists who do not use self-scheduling are never offered. */
export function bookableProviders(providers: readonly Provider[]): Provider[] {
  return providers.filter((provider) => provider.selfScheduling);
}

export interface Reconciled {
  /** The choice to keep (possibly picked because it is the only option). */
  value?: string;
  /** The id that was chosen before but is no longer among the options. */
  dropped?: string;
}

/**
 * Keeps `current` if it is still among `options`; else drops it. With no choice left and a
 * single option, that option is picked: a client should not have to choose from one.
 */
export function reconcileChoice(current: string | undefined, options: ReadonlyArray<{ id: string }>): Reconciled {
  if (current !== undefined && options.some((option) => option.id === current)) return { value: current };
  const dropped = current;
  const value = options.length === 1 ? options[0].id : undefined;
  return dropped === undefined ? { value } : { value, dropped };
}
