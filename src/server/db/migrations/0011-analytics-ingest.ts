import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Snapshots learn where they came from and the counts platform exports carry. Existing columns
  // stay as they are; every new one is nullable or has a default, so older code keeps working.
  const snapshotColumns: [string, 'bigint' | 'text'][] = [
    ['views', 'bigint'],
    ['follows', 'bigint'],
    ['conversions', 'bigint'],
    ['revenue', 'bigint'],
    ['currency', 'text'],
    ['import_id', 'text'],
  ];
  for (const [name, type] of snapshotColumns) {
    await db.schema.alterTable('metric_snapshot').addColumn(name, type).execute();
  }
  await db.schema
    .alterTable('metric_snapshot')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('collect'))
    .execute();
  // Undo finds an import's rows by this index; most rows have no import and stay out of it.
  await db.schema
    .createIndex('metric_snapshot_import_idx')
    .on('metric_snapshot')
    .columns(['workspace_id', 'import_id'])
    .where(sql.ref('import_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('channel_metric_daily')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_metric_daily_pk', [
      'workspace_id',
      'channel_id',
      'day',
      'metric',
      'dimension',
    ])
    .execute();
  await db.schema
    .createIndex('channel_metric_daily_day_idx')
    .on('channel_metric_daily')
    .columns(['workspace_id', 'day'])
    .execute();
  await db.schema
    .createIndex('channel_metric_daily_import_idx')
    .on('channel_metric_daily')
    .columns(['workspace_id', 'import_id'])
    .where(sql.ref('import_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('metric_import')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('preset', 'text')
    .addColumn('channel_id', 'text')
    .addColumn('sheet', 'text')
    .addColumn('header_row', 'integer')
    .addColumn('headers_json', 'text', (c) => c.notNull())
    .addColumn('sheets_json', 'text', (c) => c.notNull())
    .addColumn('detected_json', 'text')
    .addColumn('mapping_json', 'text')
    .addColumn('options_json', 'text')
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('rows_done', 'integer', (c) => c.notNull())
    .addColumn('rows_imported', 'integer', (c) => c.notNull())
    .addColumn('rows_failed', 'integer', (c) => c.notNull())
    .addColumn('rows_skipped', 'integer', (c) => c.notNull())
    .addColumn('posts_matched', 'integer', (c) => c.notNull())
    .addColumn('posts_created', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('undone_at', 'bigint')
    .addColumn('undone_by', 'text')
    .addPrimaryKeyConstraint('metric_import_pk', ['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('metric_import_part')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_import_part_pk', ['workspace_id', 'import_id', 'part'])
    .execute();

  await db.schema
    .createTable('metric_import_issue')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_import_issue_pk', ['workspace_id', 'import_id', 'line'])
    .execute();

  await db.schema
    .createTable('metric_import_prior')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('prior_import_id', 'text')
    .addColumn('prior_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_import_prior_pk', ['workspace_id', 'import_id', 'row_key'])
    .execute();

  await db.schema
    .createIndex('metric_import_prior_import_idx')
    .on('metric_import_prior')
    .columns(['workspace_id', 'prior_import_id'])
    .where(sql.ref('prior_import_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('metric_import_post')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_import_post_pk', ['workspace_id', 'import_id', 'target_id'])
    .execute();

  await db.schema
    .createTable('metric_backfill')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('posts_found', 'integer', (c) => c.notNull())
    .addColumn('posts_created', 'integer', (c) => c.notNull())
    .addColumn('snapshots', 'integer', (c) => c.notNull())
    .addColumn('follower_days', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('metric_backfill_pk', ['workspace_id', 'channel_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'metric_backfill',
    'metric_import_post',
    'metric_import_prior',
    'metric_import_issue',
    'metric_import_part',
    'metric_import',
    'channel_metric_daily',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.dropIndex('metric_snapshot_import_idx').ifExists().execute();
  for (const name of [
    'source',
    'import_id',
    'currency',
    'revenue',
    'conversions',
    'follows',
    'views',
  ]) {
    await db.schema.alterTable('metric_snapshot').dropColumn(name).execute();
  }
}
