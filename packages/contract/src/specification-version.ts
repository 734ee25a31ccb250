/**
 * The contract version this package describes. A module carries it as a literal so a runtime can
 * refuse a module written for a contract it does not speak. A published version is never edited
 * in place: a new one goes beside it.
 */
export const SPECIFICATION_VERSION = 'patchbay.connector/v1' as const;

export type SpecificationVersion = typeof SPECIFICATION_VERSION;

/** Every contract version this package knows, newest last. */
export const SUPPORTED_SPECIFICATION_VERSIONS: readonly string[] = [SPECIFICATION_VERSION];
