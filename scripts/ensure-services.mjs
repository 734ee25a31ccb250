// Tests start their own redis-server and PostgreSQL cluster on free loopback ports; this makes sure
// the binaries exist. On a fresh Debian machine (as root) it installs Debian's packages; elsewhere
// it says what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const hasPostgres = () =>
  (existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/postgres`))) ||
  spawnSync('pg_config', ['--bindir'], { stdio: 'ignore' }).status === 0;

const services = [
  { name: 'redis-server', why: 'the shared rate-limit and refresh-lease tests', found: () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0 },
  { name: 'postgresql', why: 'the PostgreSQL connection store tests', found: hasPostgres },
];

const missing = services.filter((service) => !service.found());
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    for (const service of missing) console.error(`${service.name} is required by ${service.why}: install it (Debian: apt-get install -y ${service.name})`);
    process.exit(1);
  }
  console.log(`Installing ${missing.map((service) => service.name).join(', ')} from Debian packages for ${missing.map((service) => service.why).join(' and ')}…`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing.map((service) => service.name)], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
