package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // pure Go: no cgo, so the server cross-compiles
)

// SQLiteFile is the database's name inside the data directory.
const SQLiteFile = "agentshim.db"

// sqliteOptions are applied to every connection:
//   - busy_timeout: a writer waits for another instead of failing at once;
//   - synchronous NORMAL: safe with WAL, and no fsync per commit;
//   - _txlock=immediate: a transaction takes the write lock when it begins,
//     so two upserts never deadlock upgrading read locks.
//
// WAL itself (readers, such as the dashboard, never wait for the writer) is a
// property of the file, set once by enableWAL.
const sqliteOptions = "?_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_txlock=immediate"

// OpenSQLite opens (creating when missing) the database in dataDir and applies
// the migrations.
func OpenSQLite(ctx context.Context, dataDir string) (Store, error) {
	if dataDir == "" || strings.ContainsAny(dataDir, "?#") {
		// The driver reads options after a '?', so such a path would be misread.
		return nil, errors.New("store: the data directory must be a plain path")
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("store: data directory: %w", err)
	}
	path := filepath.Join(dataDir, SQLiteFile)
	if err := enableWAL(ctx, path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", path+sqliteOptions)
	if err != nil {
		return nil, fmt.Errorf("store: sqlite: %w", err)
	}
	s, err := newSQLStore(ctx, db, dialect{rebind: func(q string) string { return q }})
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// enableWAL switches the file to write-ahead logging. On a new file this
// needs an exclusive lock, and SQLite answers SQLITE_BUSY at once, without
// waiting, when another process is setting up the same file: so retry for a
// while. On a file already in WAL mode it is a quick no-op.
func enableWAL(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return fmt.Errorf("store: sqlite: %w", err)
	}
	defer db.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
		switch {
		case err == nil && strings.EqualFold(mode, "wal"):
			return nil
		case err == nil:
			return fmt.Errorf("store: sqlite: journal mode stays %q, not wal", mode)
		case !isBusy(err) || time.Now().After(deadline):
			return fmt.Errorf("store: sqlite: enable WAL: %w", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// isBusy reports SQLite's "database is locked" (SQLITE_BUSY, 5, and its
// extended codes).
func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == 5
}
