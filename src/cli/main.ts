import { Command, InvalidArgumentError } from 'commander';
import { ALL_ROLES, ConfigError, loadConfig, type Role } from '../server/config.ts';
import { VERSION } from '../server/version.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { runMigrate, runSample, runUserCreate, runUserResetPassword } from './commands.ts';
import { runServe } from './serve.ts';

function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((role) => role.trim());
  for (const role of roles) {
    if (!ALL_ROLES.includes(role as Role)) {
      throw new InvalidArgumentError(`unknown role "${role}" (use ${ALL_ROLES.join(', ')})`);
    }
  }
  return roles as Role[];
}

const program = new Command()
  .name('opsloop')
  .description('OpsLoop: plan, publish, engage, measure and protect your accounts.')
  .version(VERSION);

program
  .command('serve')
  .description('Run OpsLoop (web app, API, job worker and scheduler)')
  .option('--roles <roles>', 'comma-separated roles to run: api,worker,scheduler', parseRoles, [
    ...ALL_ROLES,
  ])
  .action((options: { roles: Role[] }) => runServe(loadConfig(), options.roles));

program
  .command('migrate')
  .description('Bring the database schema to the latest version')
  .action(() => runMigrate(loadConfig()));

const user = program.command('user').description('Manage user accounts');
user
  .command('create')
  .description('Create a user account')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'display name')
  .option('--password <password>', 'password (asked for when omitted)')
  .action((options: { email: string; name: string; password?: string }) =>
    runUserCreate(loadConfig(), options),
  );
user
  .command('reset-password')
  .description('Set a new password for a user and sign them out everywhere')
  .requiredOption('--email <email>', 'sign-in email')
  .option('--password <password>', 'new password (asked for when omitted)')
  .action((options: { email: string; password?: string }) =>
    runUserResetPassword(loadConfig(), options),
  );

program
  .command('sample')
  .description(
    'Create a sample workspace: a brand with five simulated channels and 90 days of history',
  )
  .option(
    '--email <email>',
    'owner of the sample workspace (default: a new demo owner on a fresh install)',
  )
  .action((options: { email?: string }) => runSample(loadConfig(), options));

program
  .command('backup')
  .description('Write a consistent copy of the SQLite database (safe while the server runs)')
  .argument('<file>', 'where to write the backup')
  .action((file: string) => backupDatabase(loadConfig(), file));

program
  .command('restore')
  .description('Replace the SQLite database with a backup (refused while a server runs)')
  .argument('<file>', 'the backup to restore')
  .action((file: string) => restoreDatabase(loadConfig(), file));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`opsloop: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
