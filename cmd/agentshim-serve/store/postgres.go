package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// migrationLockID is the advisory lock that serialises migrations between
// server instances starting at the same time (any constant works; this one
// spells "agsh").
const migrationLockID = 0x61677368

// OpenPostgres connects to dsn (a postgres:// URL) and applies the
// migrations. Errors never repeat the DSN: it may carry a password.
func OpenPostgres(ctx context.Context, dsn string) (Store, error) {
	if !IsPostgresDSN(dsn) {
		return nil, errors.New("store: not a postgres:// URL")
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, errors.New("store: postgres: the DSN does not parse")
	}
	db.SetMaxOpenConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	s, err := newSQLStore(ctx, db, dialect{
		rebind:         questionToDollar,
		lockMigrations: fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", migrationLockID),
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
