package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dialect holds what differs between the two databases. The SQL itself is
// written once, in the subset both understand (upserts with ON CONFLICT,
// RETURNING, IS DISTINCT FROM), with ? placeholders.
type dialect struct {
	// rebind rewrites ? placeholders for the driver.
	rebind func(query string) string
	// lockMigrations runs first in the migration transaction and keeps
	// other processes out until it commits ("" when BEGIN already does).
	lockMigrations string
}

// sqlStore implements Store on database/sql for both backends.
type sqlStore struct {
	db *sql.DB
	d  dialect
	q  queries
}

// queries are the statements, rebound once for the dialect.
type queries struct {
	claimKey, upsertStart, upsertEnd, calls, heartbeat, agentsSeen string
}

// Times are stored as Unix milliseconds in BIGINT columns in both databases:
// SQLite has no time type, and one representation keeps the SQL shared.
func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func newSQLStore(ctx context.Context, db *sql.DB, d dialect) (*sqlStore, error) {
	s := &sqlStore{db: db, d: d}
	s.q = queries{
		claimKey: d.rebind(`INSERT INTO deliveries (idem_key, callid, event, received_ms) VALUES (?, ?, ?, ?)
			ON CONFLICT (idem_key) DO NOTHING RETURNING idem_key`),
		upsertStart: d.rebind(upsertCallSQL(StartCall)),
		upsertEnd:   d.rebind(upsertCallSQL(EndCall)),
		calls: d.rebind(`SELECT callid, start_ms, end_ms, callflow, user_id, user_name, ended, received_ms
			FROM calls WHERE ` + atExpr + ` >= ? AND ` + atExpr + ` < ? ORDER BY ` + atExpr + `, callid`),
		heartbeat: d.rebind(`INSERT INTO agents (agent_id, last_seen_ms) VALUES (?, ?)
			ON CONFLICT (agent_id) DO UPDATE SET last_seen_ms =
			CASE WHEN excluded.last_seen_ms > agents.last_seen_ms THEN excluded.last_seen_ms ELSE agents.last_seen_ms END`),
		agentsSeen: d.rebind(`SELECT COUNT(*) FROM agents WHERE last_seen_ms >= ? AND last_seen_ms <= ?`),
	}
	if err := migrate(ctx, db, d); err != nil {
		return nil, err
	}
	return s, nil
}

// atExpr is Call.At in SQL; an index on the same expression serves it.
const atExpr = `COALESCE(start_ms, end_ms, received_ms)`

// mergedColumns are the payload fields a later webhook may fill or update.
var mergedColumns = []string{"start_ms", "end_ms", "callflow", "user_id", "user_name"}

// upsertCallSQL builds the insert-or-merge for one webhook kind. The WHERE
// clause skips the update when nothing would change, so RETURNING yields no
// row exactly when the delivery was a duplicate.
func upsertCallSQL(e Event) string {
	var set, changed []string
	for _, c := range mergedColumns {
		// A start-call keeps what we have; an end-call's values win.
		merged := "COALESCE(calls." + c + ", excluded." + c + ")"
		if e == EndCall {
			merged = "COALESCE(excluded." + c + ", calls." + c + ")"
		}
		set = append(set, c+" = "+merged)
		changed = append(changed, merged+" IS DISTINCT FROM calls."+c)
	}
	ended := "calls.ended"
	if e == EndCall {
		ended = "TRUE"
	}
	set = append(set, "ended = "+ended, "updated_ms = excluded.updated_ms")
	changed = append(changed, ended+" IS DISTINCT FROM calls.ended")
	return `INSERT INTO calls (callid, start_ms, end_ms, callflow, user_id, user_name, ended, received_ms, updated_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (callid) DO UPDATE SET ` + strings.Join(set, ", ") + `
		WHERE ` + strings.Join(changed, " OR ") + `
		RETURNING callid`
}

// questionToDollar rewrites ? as $1, $2, … for PostgreSQL. Our statements
// have no ? inside string literals.
func questionToDollar(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s *sqlStore) RecordCall(ctx context.Context, d Delivery) (bool, error) {
	if d.Call.ID == "" || (d.Event != StartCall && d.Event != EndCall) {
		return false, errBadDelivery
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if d.IdempotencyKey != "" {
		fresh, err := s.claimKey(ctx, tx, d)
		if err != nil || !fresh {
			return !fresh, err // a seen key: roll back, nothing changes
		}
	}
	changed, err := s.upsertCall(ctx, tx, d)
	if err != nil {
		return false, err
	}
	// Commit even when nothing changed, so a claimed key is remembered.
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: commit: %w", err)
	}
	return !changed, nil
}

// claimKey records the idempotency key; false means it was already there.
// Under concurrency the unique index makes the second claimant wait for the
// first transaction and then see the conflict.
func (s *sqlStore) claimKey(ctx context.Context, tx *sql.Tx, d Delivery) (bool, error) {
	var key string
	err := tx.QueryRowContext(ctx, s.q.claimKey, d.IdempotencyKey, d.Call.ID, string(d.Event), millis(d.ReceivedAt)).Scan(&key)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store: idempotency key: %w", err)
	}
	return true, nil
}

func (s *sqlStore) upsertCall(ctx context.Context, tx *sql.Tx, d Delivery) (bool, error) {
	q := s.q.upsertStart
	if d.Event == EndCall {
		q = s.q.upsertEnd
	}
	c := d.Call
	var id string
	err := tx.QueryRowContext(ctx, q, c.ID, nullMillis(c.Start), nullMillis(c.End), nullString(c.CallFlow),
		nullInt(c.UserID), nullString(c.UserName), d.Event == EndCall, millis(d.ReceivedAt), millis(d.ReceivedAt)).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store: save call: %w", err)
	}
	return true, nil
}

// The null* helpers turn "unknown" into SQL NULL, which COALESCE then skips.
func nullMillis(t *time.Time) any {
	if t == nil {
		return nil
	}
	return millis(*t)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func (s *sqlStore) Calls(ctx context.Context, from, to time.Time) ([]Call, error) {
	rows, err := s.db.QueryContext(ctx, s.q.calls, millis(from), millis(to))
	if err != nil {
		return nil, fmt.Errorf("store: list calls: %w", err)
	}
	defer rows.Close()
	var out []Call
	for rows.Next() {
		c, err := scanCall(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list calls: %w", err)
	}
	return out, nil
}

func scanCall(rows *sql.Rows) (Call, error) {
	var (
		c                  Call
		start, end, userID sql.NullInt64
		flow, user         sql.NullString
		received           int64
	)
	if err := rows.Scan(&c.ID, &start, &end, &flow, &userID, &user, &c.Ended, &received); err != nil {
		return c, fmt.Errorf("store: read call: %w", err)
	}
	if start.Valid {
		t := fromMillis(start.Int64)
		c.Start = &t
	}
	if end.Valid {
		t := fromMillis(end.Int64)
		c.End = &t
	}
	if userID.Valid {
		c.UserID = &userID.Int64
	}
	c.CallFlow, c.UserName, c.Received = flow.String, user.String, fromMillis(received)
	return c, nil
}

func (s *sqlStore) Heartbeat(ctx context.Context, agentID string, at time.Time) error {
	if agentID == "" {
		return errors.New("store: heartbeat needs an agent id")
	}
	if _, err := s.db.ExecContext(ctx, s.q.heartbeat, agentID, millis(at)); err != nil {
		return fmt.Errorf("store: heartbeat: %w", err)
	}
	return nil
}

func (s *sqlStore) AgentsSeen(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, s.q.agentsSeen, millis(from), millis(to)).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count agents: %w", err)
	}
	return n, nil
}

func (s *sqlStore) Close() error { return s.db.Close() }
