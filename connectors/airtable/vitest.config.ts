export { default } from '@patchbay/connector-kit/vitest-config';
