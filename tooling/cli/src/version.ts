declare const __PACKAGE_VERSION__: string;

export const VERSION: string = __PACKAGE_VERSION__;
