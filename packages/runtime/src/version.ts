declare const __PACKAGE_VERSION__: string;

/** The runtime's own version, injected at build time. */
export const VERSION: string = __PACKAGE_VERSION__;
