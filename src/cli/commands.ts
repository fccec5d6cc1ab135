import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import type { Config } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { openMigratedDatabase } from '../server/main.ts';
import { systemClock } from '../server/platform/clock.ts';
import { loadSecretKey, randomToken } from '../server/platform/crypto/crypto.ts';
import { silentLogger } from '../server/platform/logger.ts';
import { createServices, type Services } from '../server/services.ts';

const Email = z.email();
const Password = z.string().min(10, 'the password needs at least 10 characters');

async function withServices<T>(
  config: Config,
  work: (services: Services) => Promise<T>,
): Promise<T> {
  const db = await openMigratedDatabase(config);
  const services = createServices({
    config,
    db,
    clock: systemClock,
    logger: silentLogger(),
    secretKey: loadSecretKey(config.secretKeyHex, config.dataDir),
  });
  try {
    return await work(services);
  } finally {
    await db.close();
  }
}

async function askPassword(given: string | undefined): Promise<string> {
  if (given !== undefined) return Password.parse(given);
  if (!process.stdin.isTTY) throw new Error('pass --password when not running in a terminal');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return Password.parse(await rl.question('Password: '));
  } finally {
    rl.close();
  }
}

export async function runMigrate(config: Config): Promise<void> {
  const db = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    const result = await migrateToLatest(db);
    const applied = result.results?.filter((r) => r.status === 'Success') ?? [];
    console.log(
      applied.length
        ? `Applied ${applied.map((r) => r.migrationName).join(', ')} to ${db.location}`
        : `${db.location} is up to date`,
    );
  } finally {
    await db.close();
  }
}

export async function runUserCreate(
  config: Config,
  options: { email: string; name: string; password?: string | undefined },
): Promise<void> {
  const email = Email.parse(options.email.trim().toLowerCase());
  const password = await askPassword(options.password);
  await withServices(config, async (services) => {
    const user = await services.auth.createUser({ email, name: options.name, password });
    console.log(
      `Created ${user.email} (${user.id}). Invite them to a workspace from its Members page.`,
    );
  });
}

export async function runUserResetPassword(
  config: Config,
  options: { email: string; password?: string | undefined },
): Promise<void> {
  const email = Email.parse(options.email.trim().toLowerCase());
  const password = await askPassword(options.password);
  await withServices(config, async (services) => {
    await services.auth.resetPassword(email, password);
    console.log(`New password set for ${email}; their sessions were signed out.`);
  });
}

/**
 * Creates the sample workspace for a user (by email), or, on an installation nobody has set up
 * yet, for a new demo owner whose password is printed once.
 */
export async function runSample(
  config: Config,
  options: { email?: string | undefined },
): Promise<void> {
  await withServices(config, async (services) => {
    let email = options.email?.trim().toLowerCase();
    let password: string | null = null;
    if (!email) {
      if (!(await services.auth.setupStatus()).needsSetup) {
        throw new Error('pass --email of the person who should own the sample workspace');
      }
      email = 'demo@example.com';
      password = randomToken(12);
      await services.auth.createUser({ email, name: 'Demo Owner', password });
    }
    const user = await services.auth.findUserByEmail(email);
    if (!user)
      throw new Error(`no account with the email ${email}; create it with opsloop user create`);
    const workspace = await services.sample.createSampleWorkspace(user.id, {
      userId: user.id,
      tokenId: null,
      label: 'opsloop sample',
      ip: null,
      requestId: null,
    });
    console.log(`Created the sample workspace "${workspace.name}" (${workspace.id}) for ${email}.`);
    if (password) console.log(`Sign in as ${email} with the password ${password}`);
  });
}
