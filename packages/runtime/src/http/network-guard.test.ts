import { describe, expect, it } from 'vitest';
import { privateTargetReason } from './network-guard.js';
import { isPrivateAddress } from './private-address.js';

describe('isPrivateAddress', () => {
  it('knows loopback, private, link-local, CGNAT and mapped forms, in IPv4 and IPv6', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
      '::1', '::', 'fe80::1', 'fd00::1', 'fc00::2', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1', '64:ff9b::a9fe:a9fe', '[::1]', 'fe80::1%eth0']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '140.82.112.3', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', 'not-an-ip']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

describe('privateTargetReason', () => {
  const publicBase = new URL('https://api.vendor.test/v1');

  it('checks the addresses a name resolves to, not the name', async () => {
    const rebinding = async () => [{ address: '203.0.114.7' }, { address: '169.254.169.254' }];
    expect(await privateTargetReason(new URL('https://cdn.vendor.test/x'), { baseUrl: publicBase, resolve: rebinding })).toMatch(/resolves to 169\.254\.169\.254/);
    const publicOnly = async () => [{ address: '140.82.112.3' }];
    expect(await privateTargetReason(new URL('https://cdn.vendor.test/x'), { baseUrl: publicBase, resolve: publicOnly })).toBeUndefined();
  });

  it('refuses private literals and localhost without a lookup, and leaves unresolvable names to the request', async () => {
    const never = async (): Promise<{ address: string }[]> => {
      throw new Error('no lookup expected');
    };
    expect(await privateTargetReason(new URL('http://169.254.169.254/latest'), { baseUrl: publicBase, resolve: never })).toMatch(/private/);
    expect(await privateTargetReason(new URL('http://[::1]:8080/'), { baseUrl: publicBase, resolve: never })).toMatch(/private/);
    expect(await privateTargetReason(new URL('http://metadata.localhost/'), { baseUrl: publicBase, resolve: never })).toMatch(/this machine/);
    expect(await privateTargetReason(new URL('https://gone.vendor.test/'), { baseUrl: publicBase, resolve: never })).toBeUndefined();
  });

  it('allows everything when the base URL is itself private or the app allows private networks', async () => {
    const target = new URL('http://127.0.0.1:9/');
    expect(await privateTargetReason(target, { baseUrl: new URL('http://127.0.0.1:4010') })).toBeUndefined();
    expect(await privateTargetReason(target, { baseUrl: new URL('http://localhost:4010') })).toBeUndefined();
    expect(await privateTargetReason(target, { baseUrl: new URL('http://10.0.0.5/api') })).toBeUndefined();
    expect(await privateTargetReason(target, { baseUrl: publicBase, allowPrivateNetwork: true })).toBeUndefined();
  });
});
