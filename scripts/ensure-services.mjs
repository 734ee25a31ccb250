// Tests start their own redis-server on a free loopback port; this makes sure the binary exists.
// On a fresh Debian machine (as root) it installs Debian's package; elsewhere it says what to do.
import { execFileSync, spawnSync } from 'node:child_process';

const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
if (!found) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error('redis-server is required by the rate-limit tests: install it (Debian: apt-get install -y redis-server)');
    process.exit(1);
  }
  console.log('Installing redis-server from Debian packages for the shared rate-limit tests…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
