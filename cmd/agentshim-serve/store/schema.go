package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migrations are applied in order, each once, recorded in schema_migrations.
// Append new ones; never edit one that has shipped. The DDL is the subset
// SQLite and PostgreSQL share.
var migrations = []string{
	// 1: calls, idempotency keys, heartbeats.
	`CREATE TABLE calls (
		callid      TEXT PRIMARY KEY,
		start_ms    BIGINT,
		end_ms      BIGINT,
		callflow    TEXT,
		user_id     BIGINT,
		user_name   TEXT,
		ended       BOOLEAN NOT NULL DEFAULT FALSE,
		received_ms BIGINT NOT NULL,
		updated_ms  BIGINT NOT NULL
	);
	CREATE INDEX calls_at ON calls ((` + atExpr + `));
	CREATE TABLE deliveries (
		idem_key    TEXT PRIMARY KEY,
		callid      TEXT NOT NULL,
		event       TEXT NOT NULL,
		received_ms BIGINT NOT NULL
	);
	CREATE TABLE agents (
		agent_id     TEXT PRIMARY KEY,
		last_seen_ms BIGINT NOT NULL
	);
	CREATE INDEX agents_seen ON agents (last_seen_ms);`,
}

// migrate brings the schema up to date in one transaction. The dialect's lock
// (or SQLite's BEGIN IMMEDIATE) keeps two starting instances from running the
// same migration at once; the loser then finds the work done.
func migrate(ctx context.Context, db *sql.DB, d dialect) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migrate: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, d.lockMigrations); err != nil {
			return fmt.Errorf("store: migrate: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, applied_ms BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate: schema_migrations: %w", err)
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return fmt.Errorf("store: migrate: read version: %w", err)
	}
	if have > len(migrations) {
		return fmt.Errorf("store: the database has schema version %d, newer than this server's %d", have, len(migrations))
	}
	for v := have + 1; v <= len(migrations); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
			return fmt.Errorf("store: migration %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO schema_migrations (version, applied_ms) VALUES (?, ?)`),
			v, time.Now().UnixMilli()); err != nil {
			return fmt.Errorf("store: migration %d: %w", v, err)
		}
	}
	return tx.Commit()
}
