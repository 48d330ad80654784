-- 004_reliability.sql: session_members rebuilt so that PRAGMA integrity_check
-- tells the truth.
--
-- SQLite 3.40.0 to 3.41.0 (Debian 12 ships 3.40.1) report a false
-- "NULL value in session_members.seq" from integrity_check and quick_check
-- on a WITHOUT ROWID table whose primary key does not lead with its first
-- columns in order (here PRIMARY KEY (session, name) skipped seq).  A check
-- that cries wolf hides real damage, and `jaudit check`, `jaudit backup` and
-- the crash tests rely on it.  The same two keys, with the primary key now
-- (session, seq) and (session, name) unique; the columns keep their order.

CREATE TABLE session_members_004 (
    session     TEXT    NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 5),
    name        TEXT    NOT NULL CHECK (name <> ''),
    PRIMARY KEY (session, seq),
    UNIQUE (session, name)
) WITHOUT ROWID;
INSERT INTO session_members_004 (session, seq, name)
    SELECT session, seq, name FROM session_members;
DROP TABLE session_members;
ALTER TABLE session_members_004 RENAME TO session_members;
